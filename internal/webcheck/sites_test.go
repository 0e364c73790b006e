package webcheck_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"go.yaml.in/yaml/v3"

	"github.com/yancheng-jyyw/roll/internal/build"
	"github.com/yancheng-jyyw/roll/internal/synth"
	"github.com/yancheng-jyyw/roll/internal/webcheck"
)

// The quality gates run over two whole builds: the sample data of this
// repository, and a synthetic archive of archiveHeroes heroes, whose long
// lists and thousands of pages the sample does not have.
const archiveHeroes = 2000

// archivePortraits gives every archivePortraits-th hero of the archive a
// photo (40 of 2,000), so that the portraits are checked among many pages.
const archivePortraits = 50

// build is one built repository: its two sites.
type built struct {
	name             string
	root             string // the repository
	public, internal *webcheck.Site
}

var (
	buildOnce sync.Once
	builds    []built
	buildErr  error
	buildDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// sites builds the sample data and the archive once for all the tests of
// the package.
func sites(t *testing.T) []built {
	t.Helper()
	buildOnce.Do(func() { builds, buildErr = buildSites() })
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builds
}

func buildSites() ([]built, error) {
	root, err := webcheck.ModuleRoot()
	if err != nil {
		return nil, err
	}
	buildDir, err = os.MkdirTemp("", "webcheck-")
	if err != nil {
		return nil, err
	}
	repo, err := synth.Generate(synth.Options{Heroes: archiveHeroes, Seed: 1, Year: 2020, Portraits: archivePortraits})
	if err != nil {
		return nil, err
	}
	archive := filepath.Join(buildDir, "archive")
	if err := repo.Write(archive); err != nil {
		return nil, err
	}
	// The date the sample records are dated up to: the Makefile's TODAY.
	today := time.Date(2021, 1, 20, 0, 0, 0, 0, time.UTC)
	var out []built
	for _, b := range []struct{ name, root string }{{"sample", root}, {"archive", archive}} {
		dir := filepath.Join(buildDir, b.name+"-site")
		res, err := build.Run(b.root, build.Options{Out: dir, Today: today})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", b.name, err)
		}
		if !res.Built {
			return nil, fmt.Errorf("%s: not built: %d errors", b.name, res.Check.Findings.Errors())
		}
		pub, err := webcheck.Load(filepath.Join(dir, "public"))
		if err != nil {
			return nil, err
		}
		in, err := webcheck.Load(filepath.Join(dir, "internal"))
		if err != nil {
			return nil, err
		}
		out = append(out, built{b.name, b.root, pub, in})
	}
	return out, nil
}

// each runs f on both sites of both builds.
func each(t *testing.T, f func(t *testing.T, b built, name string, s *webcheck.Site)) {
	for _, b := range sites(t) {
		for _, site := range []struct {
			name string
			s    *webcheck.Site
		}{{"public", b.public}, {"internal", b.internal}} {
			t.Run(b.name+"/"+site.name, func(t *testing.T) { f(t, b, site.name, site.s) })
		}
	}
}

// report fails the test with at most 30 problems, and says how many more.
func report(t *testing.T, what string, probs []string) {
	t.Helper()
	for i, p := range probs {
		if i == 30 {
			t.Errorf("… and %d more", len(probs)-30)
			break
		}
		t.Errorf("%s: %s", what, p)
	}
}

func strs[T fmt.Stringer](xs []T) []string {
	var out []string
	for _, x := range xs {
		out = append(out, x.String())
	}
	return out
}

// TestLinks: every internal link and asset of both sites of both builds
// resolves, fragments included, and no asset is from another host.
func TestLinks(t *testing.T) {
	each(t, func(t *testing.T, _ built, _ string, s *webcheck.Site) {
		report(t, "link", strs(s.Links()))
		t.Logf("%d pages, %d files, %d kinds of page", len(s.Pages), len(s.Files), len(s.Kinds()))
	})
}

// TestImagesClean: no image of either site carries anything but its
// pixels: the portraits are encoded anew, so the EXIF (with a GPS
// position) of the sample's and the archive's photos never reaches a
// site. Both publish portraits, so the scan cannot pass by finding no
// image.
func TestImagesClean(t *testing.T) {
	each(t, func(t *testing.T, b built, _ string, s *webcheck.Site) {
		n, probs := s.Images()
		report(t, "image", strs(probs))
		if n == 0 {
			t.Errorf("no image in the %s's site: the portraits were not published", b.name)
		}
		t.Logf("%d images", n)
	})
}

// TestDocuments: the public site's feed is Atom with what RFC 4287
// requires, its sitemap lists every public page and no other, and its
// search index parses and names pages that exist.
func TestDocuments(t *testing.T) {
	for _, b := range sites(t) {
		t.Run(b.name, func(t *testing.T) {
			s := b.public
			feed := alternate(t, s, "application/atom+xml")
			n, probs := s.Feed(feed)
			report(t, "feed", strs(probs))
			m, probs := s.Sitemap(sitemapOf(t, s))
			report(t, "sitemap", strs(probs))
			k, probs := s.SearchIndex("search.json")
			report(t, "search index", strs(probs))
			if m != len(s.PublicPages()) {
				t.Errorf("sitemap: %d locations for %d public pages", m, len(s.PublicPages()))
			}
			t.Logf("feed: %d entries; sitemap: %d pages; search index: %d pages", n, m, k)
		})
	}
}

// alternate is the slash path of the home page's <link rel=alternate> of
// the type, as the site's readers find it.
func alternate(t *testing.T, s *webcheck.Site, typ string) string {
	t.Helper()
	href, ok := s.Page("index.html").Alternate(typ)
	if !ok {
		t.Fatalf("index.html has no <link rel=alternate type=%s>", typ)
	}
	return href
}

// sitemapOf is the sitemap robots.txt names, as a slash path of the site.
func sitemapOf(t *testing.T, s *webcheck.Site) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(s.Dir, "robots.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "Sitemap:"); ok {
			v = strings.TrimSpace(v)
			p, ok := strings.CutPrefix(v, s.Base.String())
			if !ok {
				t.Fatalf("robots.txt: sitemap %s is not under %s", v, s.Base)
			}
			return p
		}
	}
	t.Fatal("robots.txt names no sitemap")
	return ""
}

// TestHTML runs the Nu HTML Checker, in one JVM, over every page, style
// sheet and SVG file of both sites of the sample data and over three pages
// of each kind of the archive (the largest, the smallest and the next
// largest). Errors fail; warnings are logged.
func TestHTML(t *testing.T) {
	t.Parallel()
	webcheck.NotShort(t)
	java, jar, err := webcheck.FindVNU()
	webcheck.Need(t, err)
	var files []string
	count := map[string]int{}
	for _, b := range sites(t) {
		for _, s := range []*webcheck.Site{b.public, b.internal} {
			var pages []*webcheck.Page
			if b.name == "sample" {
				pages = s.Pages
				for f := range s.Files {
					if strings.HasSuffix(f, ".css") || strings.HasSuffix(f, ".svg") {
						files = append(files, filepath.Join(s.Dir, f))
					}
				}
			} else {
				pages = s.Samples(3)
			}
			for _, p := range pages {
				files = append(files, filepath.Join(s.Dir, p.Path))
			}
			for _, k := range s.Kinds() {
				n := 0
				for _, p := range pages {
					if slices.Contains(k.Pages, p) {
						n++
					}
				}
				count[b.name+" "+filepath.Base(s.Dir)+" "+k.Key] = n
			}
		}
	}
	slices.Sort(files)
	msgs, err := webcheck.Validate(context.Background(), java, jar, files)
	if err != nil {
		t.Fatal(err)
	}
	var errs []string
	for _, m := range msgs {
		rel := m.File
		if r, err := filepath.Rel(buildDir, m.File); err == nil {
			rel = r
		}
		m.File = rel
		if m.Error {
			errs = append(errs, m.String()+"\n\t"+m.Extract)
		} else {
			t.Log(m)
		}
	}
	report(t, "vnu", errs)
	logCounts(t, "vnu", count)
	t.Logf("vnu checked %d files in one run", len(files))
}

// logCounts logs how many pages of each kind a check ran on.
func logCounts(t *testing.T, what string, count map[string]int) {
	t.Helper()
	var keys []string
	for k := range count {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		t.Logf("%s: %3d × %s", what, count[k], k)
	}
}

// TestAccessibility injects axe-core into two pages of every kind of both
// sites of the sample data (the largest and the smallest), at 360 and
// 1280 px, and fails on any violation of the WCAG 2.1 A and AA rules. The
// archive's pages are not run: they come from the same templates, and axe
// takes most of a minute on a list of 2,000 rows.
func TestAccessibility(t *testing.T) {
	t.Parallel()
	axeJS, err := webcheck.FindAxe()
	webcheck.Need(t, err)
	axe, err := webcheck.LoadAxe(axeJS)
	if err != nil {
		t.Fatal(err)
	}
	b := sites(t)[0]
	br := webcheck.StartBrowser(t, 5*time.Minute)
	count := map[string]int{}
	{
		for _, s := range []*webcheck.Site{b.public, b.internal} {
			base := webcheck.Serve(t, s.Dir)
			for _, k := range s.Kinds() {
				for _, p := range k.Samples(2) {
					for _, w := range []int64{360, 1280} {
						vs, err := webcheck.Open(br.Ctx, base+p.Path, w, axe.Run())
						if err != nil {
							t.Fatalf("%s at %d px: %v", p.Path, w, err)
						}
						for _, v := range vs {
							t.Errorf("%s %s at %d px: %s", b.name, filepath.Join(filepath.Base(s.Dir), p.Path), w, v)
						}

					}
					count[b.name+" "+filepath.Base(s.Dir)+" "+k.Key]++
				}
			}
		}
	}
	logCounts(t, "axe (at 360 and 1280 px)", count)
	t.Logf("%d requests, all to 127.0.0.1", br.Check(t))
}

// TestKeyboard tabs through a page of every kind of both sites of the
// sample data, the search page first among them: every link, button and
// field is reached by Tab, and shows that it has the focus.
func TestKeyboard(t *testing.T) {
	t.Parallel()
	b := sites(t)[0]
	br := webcheck.StartBrowser(t, 5*time.Minute)
	search := false
	for _, s := range []*webcheck.Site{b.public, b.internal} {
		base := webcheck.Serve(t, s.Dir)
		for _, k := range s.Kinds() {
			p := k.Samples(1)[0]
			stops, err := webcheck.Open(br.Ctx, base+p.Path, 1280, webcheck.TabThrough())
			if err != nil {
				t.Fatalf("%s: %v", p.Path, err)
			}
			if len(stops) == 0 {
				t.Errorf("%s: no interactive element: the page has at least its navigation", p.Path)
			}
			for _, st := range stops {
				if !st.Reached {
					t.Errorf("%s: Tab never reaches %s", p.Path, st)
				} else if !st.Visible {
					t.Errorf("%s: %s shows no focus", p.Path, st)
				}
			}
			search = search || p.Path == "search.html"
			t.Logf("%s/%s: %d elements tabbed through", filepath.Base(s.Dir), p.Path, len(stops))
		}
	}
	if !search {
		t.Error("the search page was not among the pages tabbed through")
	}
	br.Check(t)
}

// TestPrint prints a page of every kind of both sites of the sample data
// to PDF on A4: it has pages, its text holds the page's heading, and
// nothing is wider than the sheet.
func TestPrint(t *testing.T) {
	t.Parallel()
	pdftotext, err := webcheck.FindPDFToText()
	webcheck.Need(t, err)
	b := sites(t)[0]
	// A guard against a hung browser, not a measure of speed: printing
	// some sixty pages to PDF takes ~150 s of a quiet machine's two
	// cores, and the other browser tests run beside it.
	br := webcheck.StartBrowser(t, 8*time.Minute)
	for _, s := range []*webcheck.Site{b.public, b.internal} {
		base := webcheck.Serve(t, s.Dir)
		for _, k := range s.Kinds() {
			p := k.Samples(1)[0]
			var pdf []byte
			var clipped []string
			err := chromedp.Do(br.Ctx,
				webcheck.Width(1280),
				chromedp.Navigate(base+p.Path),
				chromedp.Func(func(ctx context.Context, tg *chromedp.Target) (err error) {
					clipped, err = webcheck.Clipped()(ctx, tg)
					if err != nil {
						return err
					}
					pdf, err = webcheck.PrintA4()(ctx, tg)
					return err
				}),
			)
			if err != nil {
				t.Fatalf("%s: %v", p.Path, err)
			}
			for _, c := range clipped {
				t.Errorf("%s: printed on A4, %s", p.Path, c)
			}
			pages, err := webcheck.PDFPages(pdf)
			if err != nil {
				t.Fatal(err)
			}
			first, err := webcheck.PDFText(pdftotext, pdf, 1, 1)
			if err != nil {
				t.Fatal(err)
			}
			if pages < 1 {
				t.Errorf("%s: %d pages printed", p.Path, pages)
			}
			// The heading on the first sheet: no sheet wasted before the
			// content starts.
			if h := strings.Join(strings.Fields(p.H1), ""); h != "" && !strings.Contains(strings.Join(strings.Fields(first), ""), h) {
				t.Errorf("%s: the first printed page lacks the heading %q:\n%s", p.Path, p.H1, first)
			}
			// A hero's page is meant for paper: it fits on one sheet,
			// or two for a long story.
			if strings.Contains(k.Key, "page-hero") && pages > 2 {
				t.Errorf("%s: a hero's page prints on %d A4 pages, want at most 2", p.Path, pages)
			}
			t.Logf("%s/%s: %d A4 pages", filepath.Base(s.Dir), p.Path, pages)
		}
	}
}

// TestPhoneWidth opens every page kind of both sites of the sample data
// and of the archive, the largest and the smallest of each, at 360 px: no
// page scrolls sideways; a wide table scrolls in a frame of its own.
func TestPhoneWidth(t *testing.T) {
	t.Parallel()
	br := webcheck.StartBrowser(t, 5*time.Minute)
	kinds := 0
	for _, b := range sites(t) {
		for _, s := range []*webcheck.Site{b.public, b.internal} {
			base := webcheck.Serve(t, s.Dir)
			for _, k := range s.Kinds() {
				for _, p := range k.Samples(2) {
					over, err := webcheck.Open(br.Ctx, base+p.Path, 360, webcheck.Overflowing())
					if err != nil {
						t.Fatalf("%s: %v", p.Path, err)
					}
					for _, o := range over {
						t.Errorf("%s %s/%s at 360 px: %s", b.name, filepath.Base(s.Dir), p.Path, o)
					}
				}
				kinds++
			}
		}
	}
	t.Logf("%d page kinds at 360 px; %d requests", kinds, br.Check(t))
}

// TestInternalBrowser walks the internal site of the sample data as a
// leader would, by its navigation: from each page it clicks the next item
// of the main navigation, which must lead to a page that marks that item as
// current and has a heading. On the way, every chart (an SVG image) must
// render: a size, an accessible name, and bars that are drawn.
func TestInternalBrowser(t *testing.T) {
	t.Parallel()
	s := sites(t)[0].internal
	br := webcheck.StartBrowser(t, 2*time.Minute)
	base := webcheck.Serve(t, s.Dir)
	type navItem struct{ Text, Href string }
	items, err := webcheck.Open(br.Ctx, base+"index.html", 1280, chromedp.Evaluate[[]navItem](
		`Array.from(document.querySelectorAll('nav[aria-label="主导航"] a')).map(a => ({text: a.textContent.trim(), href: a.href}))`))
	if err != nil {
		t.Fatal(err)
	}
	if len(items) < 5 {
		t.Fatalf("main navigation: %d items, want the internal site's lists: %v", len(items), items)
	}
	type chart struct {
		Name          string
		Width, Height float64
		Bars          int
	}
	charts := 0
	// Twice round, so that each item is clicked from a page in another
	// folder too (plan/2020.html links to ../care/2020.html). The test
	// server answers /index.html with a redirect to /.
	for i := range 2 * len(items) {
		it := items[(i+1)%len(items)]
		err := chromedp.Do(br.Ctx,
			chromedp.Evaluate[chromedp.Void](`Array.from(document.querySelectorAll('nav[aria-label="主导航"] a')).find(a => a.textContent.trim() === `+jsString(it.Text)+`).click()`))
		if err == nil {
			err = webcheck.WaitFor(br.Ctx, `location.href.replace(/index\.html$/, '') === `+jsString(strings.TrimSuffix(it.Href, "index.html"))+` && document.readyState === 'complete'`, 10*time.Second)
		}
		if err != nil {
			t.Fatalf("clicking %q (%s): %v", it.Text, it.Href, err)
		}
		type state struct {
			Current, H1 string
			Charts      []chart
		}
		st, err := chromedp.Run(br.Ctx, chromedp.Evaluate[state](`({
			current: (document.querySelector('nav[aria-label="主导航"] a[aria-current="page"]') || {textContent: ''}).textContent.trim(),
			h1: (document.querySelector('h1') || {textContent: ''}).textContent.trim(),
			charts: Array.from(document.querySelectorAll('svg[role="img"]')).map(svg => {
				const r = svg.getBoundingClientRect();
				const ids = (svg.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
				return {
					name: ids.map(id => (document.getElementById(id) || {textContent: ''}).textContent.trim()).join(' ') || svg.getAttribute('aria-label') || '',
					width: r.width, height: r.height,
					bars: Array.from(svg.querySelectorAll('rect')).filter(b => { const q = b.getBoundingClientRect(); return q.width > 0 && q.height > 0; }).length,
				};
			}),
		})`))
		if err != nil {
			t.Fatal(err)
		}
		if st.Current != it.Text {
			t.Errorf("%s: the navigation marks %q as current, want %q", it.Href, st.Current, it.Text)
		}
		if st.H1 == "" {
			t.Errorf("%s: no heading", it.Href)
		}
		for _, c := range st.Charts {
			if c.Name == "" || c.Width < 100 || c.Height < 50 || c.Bars == 0 {
				t.Errorf("%s: a chart that does not render: %+v", it.Href, c)
			}
		}
		charts += len(st.Charts)
	}
	if charts == 0 {
		t.Error("no chart seen on any page of the internal site")
	}
	t.Logf("%d navigation items clicked twice round; %d charts rendered; %d requests", len(items), charts, br.Check(t))
}

func jsString(s string) string { return strconv.Quote(s) }

// TestCorrectionLink: every published hero's page, in both builds, links
// to the contact of records/site.yaml with 信息有误？, and no page of the
// public site links to the repository, which is private.
func TestCorrectionLink(t *testing.T) {
	root, err := webcheck.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(root, "records", "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var site struct{ Contact string }
	if err := yaml.Unmarshal(b, &site); err != nil || site.Contact == "" {
		t.Fatalf("records/site.yaml: no contact (%v)", err)
	}
	// rollgen's archive has the sample's site.yaml.
	for _, b := range sites(t) {
		t.Run(b.name, func(t *testing.T) {
			heroes := 0
			for _, p := range b.public.Pages {
				for _, l := range p.Links() {
					if strings.Contains(strings.ToLower(l.URL), "github.com") {
						t.Errorf("%s links to %s: the repository is private", p.Path, l.URL)
					}
				}
				if !strings.Contains(" "+p.BodyClass+" ", " page-hero ") {
					continue
				}
				heroes++
				found := false
				for _, l := range p.Links() {
					if strings.HasPrefix(l.Text, "信息有误？") {
						found = true
						if l.URL != site.Contact {
							t.Errorf("%s: 信息有误？ links to %s, want the contact of site.yaml", p.Path, l.URL)
						}
					}
				}
				if !found {
					t.Errorf("%s: no 信息有误？ link", p.Path)
				}
			}
			if heroes == 0 {
				t.Error("no hero page found")
			}
		})
	}
}
