// Package webcheck is the test harness of the quality gates of both sites:
// it reads a built site from its folder and checks it with tools no one here
// wrote, so that what a web standards reviewer would find is found by
// `make test` first.
//
//   - Links: every internal link and asset resolves, fragments included,
//     and no asset comes from another host (Links).
//   - Documents: the Atom feed has what RFC 4287 requires, the sitemap
//     lists every public page and no other, search.json parses and its
//     pages exist (Feed, Sitemap, SearchIndex).
//   - HTML: the Nu HTML Checker (vnu.jar from the npm registry, run by the
//     JDK) over many pages in one JVM (Validate).
//   - In headless Chromium through chromedp: axe-core's WCAG 2.1 A and AA
//     rules (Axe), keyboard reachability and a visible focus (TabThrough),
//     and printing on A4 (PrintA4, PDFPages, PDFText).
//
// The harness knows no page by name. Kinds picks the pages to check from the
// built site itself, one group per template and folder, so a new kind of
// page is checked the day it is built, without editing a test.
//
// The tools are installed by `make tools` (scripts/tools.sh). A test that
// cannot find one skips, saying what to install; with ROLL_BROWSER=1 in the
// environment it fails instead (Need), so CI cannot pass without running
// these checks.
//
// The package is larger than 600 lines on purpose: each gate is small, and
// they all read one Site (its pages, files and kinds) and share one browser
// and one set of installed tools, which a split would pass between packages.
package webcheck

import (
	"bytes"
	"cmp"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// Site is a built site read from its folder.
type Site struct {
	Dir string // the folder the site was built into
	// Base is the URL the site is published at, from the canonical link
	// of its home page; nil for a site without one (the internal site).
	Base  *url.URL
	Files map[string]bool // every file, by slash path relative to Dir
	Pages []*Page         // the HTML pages, sorted by path
	pages map[string]*Page
}

// Page is what the checks need of one HTML page.
type Page struct {
	Path      string // slash path relative to the site's folder
	Size      int64
	BodyClass string
	Canonical string
	NoIndex   bool // <meta name="robots" content="noindex">
	Title, H1 string
	ids       map[string]bool
	refs      []ref
	alternate map[string]string // type -> href of <link rel=alternate>
	anchors   []Anchor
}

// Anchor is a link of a page as a reader sees it.
type Anchor struct {
	Text string // its text, spaces collapsed
	URL  string // its href, as written
}

// Links lists the page's <a href> links in document order.
func (p *Page) Links() []Anchor { return p.anchors }

// Alternate is the slash path, from the site's root, of the page's
// <link rel=alternate> of the MIME type typ (a feed).
func (p *Page) Alternate(typ string) (string, bool) {
	href, ok := p.alternate[typ]
	if !ok {
		return "", false
	}
	return path.Join(path.Dir(p.Path), href), true
}

// ref is one URL a page or a style sheet refers to.
type ref struct {
	tag, attr, url string
	asset          bool // loaded with the page (style, script, image), not followed
}

// isForm reports whether a file belongs to the form staff edit records
// with (package cms, the internal site's admin/): Decap CMS's application,
// whose page only loads it. Its files are part of the site, so that links
// to them resolve, but its page is not one of roll's: the gates do not
// check it, and its own browser test (internal/cms TestForm) drives it.
func isForm(rel string) bool {
	return slices.Contains(strings.Split(path.Dir(rel), "/"), "admin")
}

// Load reads the site built into dir.
func Load(dir string) (*Site, error) {
	s := &Site{Dir: dir, Files: map[string]bool{}, pages: map[string]*Page{}}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		s.Files[rel] = true
		if !strings.HasSuffix(rel, ".html") || isForm(rel) {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		pg, err := parsePage(rel, b)
		if err != nil {
			return fmt.Errorf("%s: %w", rel, err)
		}
		s.Pages = append(s.Pages, pg)
		s.pages[rel] = pg
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(s.Pages) == 0 {
		return nil, fmt.Errorf("no HTML page in %s", dir)
	}
	slices.SortFunc(s.Pages, func(a, b *Page) int { return cmp.Compare(a.Path, b.Path) })
	if home := s.pages["index.html"]; home != nil && home.Canonical != "" {
		u, err := url.Parse(home.Canonical)
		if err != nil {
			return nil, fmt.Errorf("index.html: canonical link: %w", err)
		}
		if !strings.HasSuffix(u.Path, "/") {
			u.Path = path.Dir(u.Path) + "/"
		}
		s.Base = u
	}
	return s, nil
}

// Page returns the page at the slash path p, or nil.
func (s *Site) Page(p string) *Page { return s.pages[p] }

// PublicPages are the pages meant to be found: all but the 404 page at the
// root and those marked noindex.
func (s *Site) PublicPages() []*Page {
	var out []*Page
	for _, p := range s.Pages {
		if p.Path != "404.html" && !p.NoIndex {
			out = append(out, p)
		}
	}
	return out
}

// parsePage reads the parts of an HTML page the checks use.
func parsePage(rel string, b []byte) (*Page, error) {
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	pg := &Page{Path: rel, Size: int64(len(b)), ids: map[string]bool{}, alternate: map[string]string{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			pg.element(n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return pg, nil
}

func (pg *Page) element(n *html.Node) {
	get := func(name string) (string, bool) {
		for _, a := range n.Attr {
			if a.Namespace == "" && a.Key == name {
				return a.Val, true
			}
		}
		return "", false
	}
	if id, ok := get("id"); ok {
		pg.ids[id] = true
	}
	if name, ok := get("name"); ok && n.Data == "a" {
		pg.ids[name] = true
	}
	add := func(attr string, asset bool) {
		if v, ok := get(attr); ok {
			pg.refs = append(pg.refs, ref{tag: n.Data, attr: attr, url: strings.TrimSpace(v), asset: asset})
		}
	}
	addSrcset := func() {
		v, ok := get("srcset")
		if !ok {
			return
		}
		for c := range strings.SplitSeq(v, ",") {
			if f := strings.Fields(c); len(f) > 0 {
				pg.refs = append(pg.refs, ref{tag: n.Data, attr: "srcset", url: f[0], asset: true})
			}
		}
	}
	switch n.Data {
	case "body":
		pg.BodyClass, _ = get("class")
	case "title":
		pg.Title = strings.TrimSpace(text(n))
	case "h1":
		if pg.H1 == "" {
			pg.H1 = strings.Join(strings.Fields(text(n)), " ")
		}
	case "a", "area":
		add("href", false)
		if href, ok := get("href"); ok && n.Data == "a" {
			pg.anchors = append(pg.anchors, Anchor{Text: strings.Join(strings.Fields(text(n)), " "), URL: href})
		}
	case "link":
		rel, _ := get("rel")
		switch rel {
		case "canonical":
			pg.Canonical, _ = get("href")
			add("href", false)
		case "alternate":
			typ, _ := get("type")
			href, _ := get("href")
			pg.alternate[typ] = href
			add("href", false)
		case "next", "prev", "author", "help", "license", "search":
			add("href", false)
		default: // stylesheet, icon, preload, manifest…: loaded with the page
			add("href", true)
		}
	case "script", "iframe", "embed", "track", "audio", "video":
		add("src", true)
	case "img", "source", "input":
		add("src", true)
		addSrcset()
	case "object":
		add("data", true)
	case "form":
		add("action", false)
	case "meta":
		if name, _ := get("name"); name == "robots" {
			c, _ := get("content")
			pg.NoIndex = strings.Contains(c, "noindex")
		}
		if prop, _ := get("property"); prop == "og:url" || prop == "og:image" {
			add("content", prop == "og:image")
		}
	}
}

// text is the text content of n.
func text(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// Kind is a group of pages built from one template in one place of the
// site: the hero pages, the year pages, the plan page.
type Kind struct {
	Key   string  // how the group was told apart: a path pattern and the body's class
	Pages []*Page // the group's pages, sorted by path
}

// Kinds groups the site's pages by kind and returns them sorted by key.
//
// A page's kind is its place in the site and the class of its body (the
// templates name the page kind there: "page page-hero"). The place is its
// file name for a page at the top, where each page is of its own kind
// (index, roll, search); deeper down it is the folder, with each segment
// that holds a digit made a wildcard, so heroes/H-2020-0001.html and
// heroes/H-2020-0002.html, or years/2019/index.html and
// years/2020/index.html, fall together, while an index.html stays apart
// from the pages beside it.
func (s *Site) Kinds() []Kind {
	groups := map[string][]*Page{}
	for _, p := range s.Pages {
		k := kindKey(p)
		groups[k] = append(groups[k], p)
	}
	var out []Kind
	for k, pages := range groups {
		out = append(out, Kind{Key: k, Pages: pages})
	}
	slices.SortFunc(out, func(a, b Kind) int { return cmp.Compare(a.Key, b.Key) })
	return out
}

func kindKey(p *Page) string {
	dir, file := path.Split(p.Path)
	place := file
	if dir != "" {
		segs := strings.Split(strings.TrimSuffix(dir, "/"), "/")
		for i, s := range segs {
			if strings.ContainsFunc(s, unicode.IsDigit) {
				segs[i] = "*"
			}
		}
		place = strings.Join(segs, "/") + "/*"
		if file == "index.html" {
			place = strings.Join(segs, "/") + "/index.html"
		}
	}
	if p.BodyClass == "" {
		return place
	}
	return place + " ." + strings.Join(strings.Fields(p.BodyClass), ".")
}

// Samples picks up to n pages of the kind that show the most: the largest
// page (the most content: the longest list, the fullest record), the
// smallest (the emptiest case), then the next largest and the next
// smallest, and so on; sorted by path.
func (k Kind) Samples(n int) []*Page {
	pages := slices.Clone(k.Pages)
	slices.SortStableFunc(pages, func(a, b *Page) int { return cmp.Compare(b.Size, a.Size) })
	var out []*Page
	for i := 0; len(out) < n && len(pages) > 0; i++ {
		var p *Page
		if i%2 == 0 {
			p, pages = pages[0], pages[1:]
		} else {
			p, pages = pages[len(pages)-1], pages[:len(pages)-1]
		}
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b *Page) int { return cmp.Compare(a.Path, b.Path) })
	return out
}

// Samples picks up to n pages of every kind (see Kind.Samples).
func (s *Site) Samples(n int) []*Page {
	var out []*Page
	for _, k := range s.Kinds() {
		out = append(out, k.Samples(n)...)
	}
	return out
}

// Problem is one thing a check found wrong.
type Problem struct {
	File string // slash path relative to the site's folder
	Msg  string
}

func (p Problem) String() string { return p.File + ": " + p.Msg }

func sortProblems(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int { return cmp.Compare(a.File, b.File) })
}
