package webcheck_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/yancheng-jyyw/roll/internal/webcheck"
)

// writeSite writes files into a new folder and loads it as a site.
func writeSite(t *testing.T, files map[string]string) *webcheck.Site {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := webcheck.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// page is a minimal valid page with a body class and body content.
func page(class, body string) string {
	return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>页</title>` +
		`<link rel="canonical" href="https://example.test/roll/"></head><body class="` + class + `">` + body + `</body></html>`
}

func problems(ps []webcheck.Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return out
}

func TestLinksFindDefects(t *testing.T) {
	s := writeSite(t, map[string]string{
		"index.html": page("home", `<main id="main">
			<a href="#main">ok: an id here</a> <a href="#nowhere">no such id</a>
			<a href="heroes/a.html#story">ok</a> <a href="heroes/a.html#plot">no such id there</a>
			<a href="heroes/">ok: a folder's index</a> <a href="missing.html">missing</a>
			<a href="/roll/heroes/a.html">ok: under the base path</a> <a href="/elsewhere.html">outside the base path</a>
			<a href="https://example.test/roll/heroes/a.html">ok: absolute, under the base URL</a>
			<a href="https://example.test/roll/gone.html">absolute, missing</a>
			<a href="https://other.example/">ok: a link out</a> <a href="mailto:jyyw@example.test">ok</a>
			<a href="javascript:alert(1)">a script URL</a> <a href="../up.html">leaves the site</a>
			<img src="https://cdn.example/x.png" alt=""> <img src="//cdn.example/y.png" alt="">
			<img src="s/ok.png" srcset="s/ok.png 1x, s/big.png 2x" alt="">
			<link rel="stylesheet" href="s/style.css"></main>`),
		"heroes/index.html": page("list", `<a href="../index.html">ok</a>`),
		"heroes/a.html":     page("hero", `<h2 id="story">事迹</h2>`),
		"s/ok.png":          "png",
		"s/style.css":       `body { background: url("bg.png") } .x { background: url(ok.png) } @font-face { src: url('https://fonts.example/f.woff2') }`,
	})
	got := problems(s.Links())
	want := []string{
		`index.html: <a href="#nowhere">: index.html has no id nowhere`,
		`index.html: <a href="heroes/a.html#plot">: heroes/a.html has no id plot`,
		`index.html: <a href="missing.html">: missing.html does not exist`,
		`index.html: <a href="/elsewhere.html">: outside the site's base path /roll/`,
		`index.html: <a href="https://example.test/roll/gone.html">: gone.html does not exist`,
		`index.html: <a href="javascript:alert(1)">: scheme javascript is not allowed`,
		`index.html: <a href="../up.html">: leaves the site`,
		`index.html: <img src="https://cdn.example/x.png">: an asset from another host (every asset is served locally)`,
		`index.html: <img src="//cdn.example/y.png">: a protocol-relative URL`,
		`index.html: <img srcset="s/big.png">: s/big.png does not exist`,
		`s/style.css: <css url="bg.png">: s/bg.png does not exist`,
		`s/style.css: <css url="https://fonts.example/f.woff2">: an asset from another host (every asset is served locally)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Links() =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestKindsGroupPages(t *testing.T) {
	s := writeSite(t, map[string]string{
		"index.html":                 page("page page-home", ""),
		"roll.html":                  page("page page-list", ""),
		"heroes/H-2020-0001.html":    page("page page-hero", ""),
		"heroes/H-2020-0002.html":    page("page page-hero", "一段更长的事迹。"),
		"heroes/H-2019-0001.html":    page("page page-hero page-fallen", ""),
		"years/2019/index.html":      page("page page-list", ""),
		"years/2020/index.html":      page("page page-list", ""),
		"jurisdictions/index.html":   page("", ""),
		"jurisdictions/dafeng.html":  page("", ""),
		"jurisdictions/sheyang.html": page("", ""),
	})
	var got []string
	for _, k := range s.Kinds() {
		var paths []string
		for _, p := range k.Pages {
			paths = append(paths, p.Path)
		}
		got = append(got, k.Key+": "+strings.Join(paths, " "))
	}
	want := []string{
		"heroes/* .page.page-hero: heroes/H-2020-0001.html heroes/H-2020-0002.html",
		"heroes/* .page.page-hero.page-fallen: heroes/H-2019-0001.html",
		"index.html .page.page-home: index.html",
		"jurisdictions/*: jurisdictions/dafeng.html jurisdictions/sheyang.html",
		"jurisdictions/index.html: jurisdictions/index.html",
		"roll.html .page.page-list: roll.html",
		"years/*/index.html .page.page-list: years/2019/index.html years/2020/index.html",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Kinds() =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The largest page of a kind comes first among its samples.
	for _, k := range s.Kinds() {
		if strings.HasPrefix(k.Key, "heroes/* .page.page-hero:") || k.Key == "heroes/* .page.page-hero" {
			if got := k.Samples(1)[0].Path; got != "heroes/H-2020-0002.html" {
				t.Errorf("Samples(1) of the heroes = %s, want the largest, heroes/H-2020-0002.html", got)
			}
		}
	}
	if n := len(s.Samples(2)); n != 10 {
		t.Errorf("Samples(2) = %d pages, want 10 (two of each of the three kinds with two pages)", n)
	}
}

func TestDocumentsFindDefects(t *testing.T) {
	const feedHead = `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom">`
	good := map[string]string{
		"index.html":  page("home", ""),
		"a.html":      page("hero", ""),
		"404.html":    page("notfound", ""),
		"hidden.html": `<!DOCTYPE html><html lang="zh-CN"><head><meta name="robots" content="noindex"><title>t</title></head><body></body></html>`,
		"search.json": `{"v":1,"heroes":[{"u":"a.html","n":"甲"}]}`,
		"sitemap.xml": `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://example.test/roll/</loc></url><url><loc>https://example.test/roll/a.html</loc></url></urlset>`,
		"feed.xml": feedHead + `<title>名录</title><id>https://example.test/roll/feed.xml</id><updated>2020-08-23T00:00:00+08:00</updated>` +
			`<link href="https://example.test/roll/feed.xml" rel="self"/><author><name>基金会</name></author>` +
			`<entry><title>甲</title><id>https://example.test/roll/a.html</id><updated>2020-08-23T00:00:00+08:00</updated>` +
			`<link href="https://example.test/roll/a.html" rel="alternate"/><summary>甲的事迹</summary></entry></feed>`,
	}
	s := writeSite(t, good)
	if n, ps := s.Feed("feed.xml"); n != 1 || len(ps) > 0 {
		t.Errorf("Feed of a good feed = %d, %q", n, problems(ps))
	}
	if n, ps := s.Sitemap("sitemap.xml"); n != 2 || len(ps) > 0 {
		t.Errorf("Sitemap of a good sitemap = %d, %q", n, problems(ps))
	}
	if n, ps := s.SearchIndex("search.json"); n != 1 || len(ps) > 0 {
		t.Errorf("SearchIndex of a good index = %d, %q", n, problems(ps))
	}

	bad := map[string]string{
		"search.json": `{"heroes":[{"u":"gone.html"}]}`,
		"sitemap.xml": `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://example.test/roll/404.html</loc></url>` +
			`<url><loc>https://other.example/a.html</loc></url><url><loc>https://example.test/roll/</loc></url><url><loc>https://example.test/roll/</loc></url></urlset>`,
		"feed.xml": feedHead + `<title>名录</title><id>x</id><updated>2020-08-23</updated>` +
			`<entry><title>甲</title><id>e</id><updated>2020-08-23T00:00:00+08:00</updated><link href="gone.html"/><summary>s</summary></entry>` +
			`<entry><title>乙</title><id>e</id><updated>2020-08-23T00:00:00+08:00</updated><content>c</content></entry></feed>`,
	}
	for k, v := range good {
		if _, ok := bad[k]; !ok {
			bad[k] = v
		}
	}
	s = writeSite(t, bad)
	_, ps := s.Feed("feed.xml")
	_, ps2 := s.Sitemap("sitemap.xml")
	_, ps3 := s.SearchIndex("search.json")
	got := problems(slices.Concat(ps, ps2, ps3))
	want := []string{
		`feed.xml: feed updated "2020-08-23" is not an RFC 3339 date`,
		`feed.xml: the feed has no link rel=self`,
		`feed.xml: entry 1 (e) has no author, nor has the feed`,
		`feed.xml: entry 1 (e): <link href="gone.html">: gone.html does not exist`,
		`feed.xml: entry 2 (e): the id is not unique`,
		`feed.xml: entry 2 (e) has no author, nor has the feed`,
		`feed.xml: entry 2 (e) has no alternate link to its page`,
		`sitemap.xml: https://example.test/roll/404.html: 404.html is not a public page (noindex or 404)`,
		`sitemap.xml: https://other.example/a.html is not under the base URL https://example.test/roll/`,
		`sitemap.xml: https://example.test/roll/ is listed twice`,
		`sitemap.xml: the page a.html is not listed`,
		`search.json: <json url="gone.html">: gone.html does not exist`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestSearchIndexShards: an index in shards is followed into each shard,
// whose page URLs are relative to the index's folder, as the search page
// reads them.
func TestSearchIndexShards(t *testing.T) {
	files := map[string]string{
		"index.html":       page("home", ""),
		"a.html":           page("hero", ""),
		"search.json":      `{"v":2,"shards":[{"y":2020,"u":"search/2020.json"},{"y":2021,"u":"search/2021.json"}]}`,
		"search/2020.json": `{"v":2,"heroes":[{"u":"a.html","n":"甲"}]}`,
		"search/2021.json": `{"v":2,"heroes":[{"u":"index.html"},{"u":"gone.html"},{"u":"more.json"}]}`,
	}
	s := writeSite(t, files)
	n, ps := s.SearchIndex("search.json")
	want := []string{`search/2021.json: <json url="gone.html">: gone.html does not exist`}
	if got := problems(ps); n != 3 || !slices.Equal(got, want) {
		t.Errorf("SearchIndex = %d, %q; want 3, %q", n, got, want)
	}
	delete(files, "search/2020.json")
	s = writeSite(t, files)
	_, ps = s.SearchIndex("search.json")
	missing := func(p string) bool { return strings.HasPrefix(p, "search/2020.json: ") }
	if got := problems(ps); len(got) != 2 || !slices.ContainsFunc(got, missing) {
		t.Errorf("with a shard missing, SearchIndex = %q; want it and gone.html", got)
	}
}

// TestValidate: the checker reports an error in a broken page, a warning
// in a dubious one, and nothing in a valid one, all in one run.
func TestValidate(t *testing.T) {
	webcheck.NotShort(t)
	java, jar, err := webcheck.FindVNU()
	webcheck.Need(t, err)
	dir := t.TempDir()
	files := map[string]string{
		"good.html":    page("x", "<main><h1>标题</h1></main>"),
		"bad.html":     page("x", `<main><h1>标题</h1><p><div>块</div></p><a href="a" href="b">重复属性</a></main>`),
		"warning.html": page("x", `<main><h1>标题</h1><section><p>没有标题的区块</p></section></main>`),
		"bad.css":      `body { colour: red; }`,
	}
	var paths []string
	for name, body := range files {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(body), 0o644)
		paths = append(paths, p)
	}
	slices.Sort(paths)
	msgs, err := webcheck.Validate(context.Background(), java, jar, paths)
	if err != nil {
		t.Fatal(err)
	}
	count := map[string][2]int{}
	for _, m := range msgs {
		c := count[filepath.Base(m.File)]
		if m.Error {
			c[0]++
		} else {
			c[1]++
		}
		count[filepath.Base(m.File)] = c
	}
	if c := count["good.html"]; c != [2]int{} {
		t.Errorf("good.html: %d errors, %d warnings; want none: %v", c[0], c[1], msgs)
	}
	if c := count["bad.html"]; c[0] < 2 {
		t.Errorf("bad.html: %d errors, want at least 2 (a div in a p, a duplicate attribute): %v", c[0], msgs)
	}
	if c := count["warning.html"]; c[0] != 0 || c[1] == 0 {
		t.Errorf("warning.html: %d errors, %d warnings; want a warning only: %v", c[0], c[1], msgs)
	}
	if c := count["bad.css"]; c[0] == 0 {
		t.Errorf("bad.css: no error for an unknown property: %v", msgs)
	}
}

// TestBrowserChecks: axe-core, the Tab walk and the print checks each find
// the defect they are for in a small page made to have it.
func TestBrowserChecks(t *testing.T) {
	axeJS, err := webcheck.FindAxe()
	webcheck.Need(t, err)
	axe, err := webcheck.LoadAxe(axeJS)
	if err != nil {
		t.Fatal(err)
	}
	pdftotext, err := webcheck.FindPDFToText()
	webcheck.Need(t, err)
	s := writeSite(t, map[string]string{
		"axe.html": page("x", `<main><h1>标题</h1><p style="color:#aaa;background:#fff">浅灰色的字</p><img src="p.png"></main>`),
		"tab.html": page("x", `<style>a:focus { outline: none }</style><main><h1>标题</h1>
			<input id="auto" aria-label="自动聚焦" autofocus> <a href="#1" id="plain">看不出焦点</a> <a href="#2" id="trap" style="outline-offset:0">陷阱</a>
			<button id="after">之后的按钮</button> <a href="#3" tabindex="-1">不在 Tab 顺序中</a>
			<details><summary>展开</summary><a href="#4">收起时不显示</a></details></main>
			<script>document.addEventListener('keydown', e => {
				if (e.key === 'Tab' && document.activeElement.id === 'trap') e.preventDefault();
			});</script>`),
		"wide.html": page("x", `<main><h1>宽表格</h1><div style="overflow-x:auto"><table><tr><td style="min-width:1200px">很宽</td></tr></table></div>`+
			strings.Repeat(`<p>一段文字。</p>`, 120)+`</main>`),
		"bare.html": page("x", `<main><h1>宽表格</h1><table class="bare"><tr><td style="min-width:1200px">很宽</td></tr></table></main>`),
		"p.png":     "",
	})
	br := webcheck.StartBrowser(t, time.Minute)
	base := webcheck.Serve(t, s.Dir)

	vs, err := webcheck.Open(br.Ctx, base+"axe.html", 1280, axe.Run())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, v := range vs {
		ids = append(ids, v.ID)
	}
	slices.Sort(ids)
	if strings.Join(ids, " ") != "color-contrast image-alt" {
		t.Errorf("axe on axe.html found %q, want color-contrast and image-alt", ids)
	}

	stops, err := webcheck.Open(br.Ctx, base+"tab.html", 1280, webcheck.TabThrough())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, st := range stops {
		got = append(got, st.Element+" reached="+boolStr(st.Reached)+" visible="+boolStr(st.Visible))
	}
	want := []string{
		`input#auto "自动聚焦" reached=yes visible=yes`,
		`a#plain "看不出焦点" reached=yes visible=no`,
		`a#trap "陷阱" reached=yes visible=no`,
		`button#after "之后的按钮" reached=no visible=no`,
		`summary "展开" reached=no visible=no`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("TabThrough =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	var clipped []string
	var pdf []byte
	err = chromedp.Do(br.Ctx, webcheck.Width(1280), chromedp.Navigate(base+"wide.html"),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) (err error) {
			if clipped, err = webcheck.Clipped()(ctx, tg); err != nil {
				return err
			}
			pdf, err = webcheck.PrintA4()(ctx, tg)
			return err
		}))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(clipped, func(c string) bool { return strings.HasPrefix(c, "div: content ") }) {
		t.Errorf("Clipped on wide.html = %q, want the scrolling div", clipped)
	}
	if n, err := webcheck.PDFPages(pdf); err != nil || n < 2 {
		t.Errorf("PDFPages of 120 paragraphs on A4 = %d, %v; want at least 2", n, err)
	}
	if text, err := webcheck.PDFText(pdftotext, pdf, 1, 1); err != nil || !strings.Contains(text, "宽表格") {
		t.Errorf("PDFText of page 1 = %q, %v; want the heading 宽表格", text, err)
	}

	// At 360 px a wide table in a frame that scrolls leaves the page its
	// width; a bare one makes the page scroll sideways, and is named.
	for _, tc := range []struct {
		page string
		want []string
	}{{"wide.html", nil}, {"bare.html", []string{"table.bare: right edge "}}} {
		over, err := webcheck.Open(br.Ctx, base+tc.page, 360, webcheck.Overflowing())
		if err != nil {
			t.Fatal(err)
		}
		if len(over) != len(tc.want) {
			t.Errorf("Overflowing on %s = %q, want %q", tc.page, over, tc.want)
			continue
		}
		for i, w := range tc.want {
			if !strings.HasPrefix(over[i], w) {
				t.Errorf("Overflowing on %s = %q, want %q", tc.page, over, tc.want)
			}
		}
	}
}

func boolStr(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// TestStrict runs this test binary again with no chromium on the PATH: the
// browser test skips, saying what to install, or with ROLL_BROWSER=1
// fails.
func TestStrict(t *testing.T) {
	if os.Getenv("WEBCHECK_CHILD") == "1" {
		webcheck.StartBrowser(t, time.Minute)
		return
	}
	for _, tt := range []struct {
		strict string
		fail   bool
		says   string
	}{
		{"", false, "--- SKIP: TestStrict"},
		{"1", true, "ROLL_BROWSER=1 and chromium is not installed"},
	} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestStrict$", "-test.v")
		cmd.Env = append(os.Environ(), "WEBCHECK_CHILD=1", "PATH="+t.TempDir(), "ROLL_BROWSER="+tt.strict)
		out, err := cmd.CombinedOutput()
		if (err != nil) != tt.fail || !strings.Contains(string(out), tt.says) {
			t.Errorf("ROLL_BROWSER=%q without chromium: err %v, output:\n%s\nwant failure %v and %q", tt.strict, err, out, tt.fail, tt.says)
		}
	}
}
