package public

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/yancheng-jyyw/roll/internal/site"
)

// Page is the data every template gets.
type Page struct {
	Site        SiteInfo
	Root        string // prefix from this page to the site root: "", "../", or the base path on 404.html
	Path        string // this page, relative to the root
	Canonical   string // absolute URL of this page; "" when it has none
	Title       string // the page's own title; "" on the home page
	Description string // for <meta name=description> and Open Graph
	Section     string // the navigation item to mark current: home, roll, memorial, search
	OGType      string // website | article | profile
	Data        any    // what the page kind shows
}

// Home is the data of the home page.
type Home struct {
	Total         int
	Latest        []*entry
	Years         []count
	Jurisdictions []count
	Honors        []count
	Fallen        []*entry
	FallenTotal   int
}

type count struct {
	link
	N, Percent int
}

// List is the data of a page that lists heroes under headings: the roll,
// and the pages per jurisdiction, year and honor.
type List struct {
	Heading string
	Lead    string
	Total   int
	Groups  []group
	Kind    string // roll | jurisdiction | year | honor
}

// Memorial is the data of the memorial page.
type Memorial struct {
	Fallen []*entry
}

// HeroPage is the data of a hero's page.
type HeroPage struct {
	*entry
}

// Search is the data of the search page.
type Search struct {
	Index string // the index file, relative to the root
	Total int
}

// writer writes the files of one build.
type writer struct {
	out       *site.Output
	pages     *site.Pages
	base      *url.URL
	site      SiteInfo
	keys      *site.Keyer // nil renders every page
	pageCount int
	rendered  int // pages whose templates were executed
	total     int // pages the site will have, for progress
	progress  func(done, total int)
	sitemap   []string
}

const (
	homeLatest  = 8 // commendations on the home page
	homeFallen  = 6 // names in the memorial strip
	feedEntries = 50
)

func (w *writer) all(r *roll, tmpl fs.FS) error {
	hs := r.heroes
	var fallen []*entry
	for _, e := range hs {
		if e.Fallen() {
			fallen = append(fallen, e)
		}
	}
	slices.SortStableFunc(fallen, func(a, b *entry) int { return cmp.Compare(b.Deed.Date, a.Deed.Date) })
	latest := slices.Clone(hs)
	slices.SortFunc(latest, latestOrder)

	// Counts and the pages behind them.
	years := map[int][]*entry{}
	for _, e := range hs {
		years[e.Deed.Year()] = append(years[e.Deed.Year()], e)
	}
	var yearCounts []count
	for _, y := range sortedKeys(years, true) {
		yearCounts = append(yearCounts, count{link: link{ID: strconv.Itoa(y), Name: strconv.Itoa(y) + "年", Path: "years/" + strconv.Itoa(y) + ".html"}, N: len(years[y])})
	}
	byJur := map[string][]*entry{}
	for _, e := range hs {
		byJur[e.Jurisdiction.ID] = append(byJur[e.Jurisdiction.ID], e)
	}
	var jurCounts []count
	for _, j := range r.jurisdictions {
		if n := len(byJur[j.ID]); n > 0 {
			jurCounts = append(jurCounts, count{link: j, N: n})
		}
	}
	type award struct {
		e    *entry
		year int
	}
	byHonor := map[string][]award{}
	for _, e := range hs {
		for _, a := range e.Honors {
			byHonor[a.ID] = append(byHonor[a.ID], award{e, a.Year})
		}
	}
	var honorCounts []count
	for _, h := range r.honors {
		if n := len(byHonor[h.ID]); n > 0 {
			honorCounts = append(honorCounts, count{link: h, N: n})
		}
	}
	for _, cs := range [][]count{yearCounts, jurCounts, honorCounts} {
		top := 0
		for _, c := range cs {
			top = max(top, c.N)
		}
		for i := range cs {
			cs[i].Percent = site.Percent(cs[i].N, top)
		}
	}

	w.total = 2 + len(hs) + len(jurCounts) + len(yearCounts) + len(honorCounts) + 3
	home := Home{
		Total:         len(hs),
		Latest:        latest[:min(homeLatest, len(latest))],
		Years:         yearCounts,
		Jurisdictions: jurCounts,
		Honors:        honorCounts,
		Fallen:        fallen[:min(homeFallen, len(fallen))],
		FallenTotal:   len(fallen),
	}
	if err := w.page("home.html", Page{Path: "index.html", Section: "home", OGType: "website",
		Description: cmp.Or(w.site.Description, w.site.Title), Data: home}); err != nil {
		return err
	}
	if err := w.page("list.html", Page{Path: "roll.html", Title: "英雄名录", Section: "roll", OGType: "website",
		Description: fmt.Sprintf("%s 英雄名录：%d 位见义勇为人员，按年份分组、以姓氏笔画为序。", w.site.Title, len(hs)),
		Data:        List{Heading: "英雄名录", Lead: "按事迹年份分组，同年以姓氏笔画为序。", Total: len(hs), Groups: byYear(hs), Kind: "roll"}}); err != nil {
		return err
	}
	for _, e := range hs {
		if err := w.page("hero.html", Page{Path: e.Path, Title: e.Name, Section: "roll", OGType: "article",
			Description: e.Description, Data: HeroPage{e}}); err != nil {
			return err
		}
	}
	for _, c := range jurCounts {
		es := byJur[c.ID]
		if err := w.page("list.html", Page{Path: c.Path, Title: c.Name, Section: "roll", OGType: "website",
			Description: fmt.Sprintf("%s的见义勇为人员：%d 位。", c.Name, len(es)),
			Data:        List{Heading: c.Name, Lead: "本地区经确认并同意公开的见义勇为人员。", Total: len(es), Groups: byYear(es), Kind: "jurisdiction"}}); err != nil {
			return err
		}
	}
	for _, c := range yearCounts {
		es := years[mustAtoi(c.ID)]
		if err := w.page("list.html", Page{Path: c.Path, Title: c.Name, Section: "roll", OGType: "website",
			Description: fmt.Sprintf("%s的见义勇为人员：%d 位。", c.Name, len(es)),
			Data:        List{Heading: c.Name + "见义勇为人员", Lead: "以姓氏笔画为序。", Total: len(es), Groups: []group{{Year: mustAtoi(c.ID), Heroes: es}}, Kind: "year"}}); err != nil {
			return err
		}
	}
	for _, c := range honorCounts {
		as := slices.Clone(byHonor[c.ID])
		slices.SortStableFunc(as, func(a, b award) int {
			return cmp.Or(cmp.Compare(b.year, a.year), rollOrderSameYear(a.e, b.e))
		})
		var gs []group
		for _, a := range as {
			if len(gs) == 0 || gs[len(gs)-1].Year != a.year {
				gs = append(gs, group{Year: a.year, Label: strconv.Itoa(a.year) + "年授予"})
			}
			g := &gs[len(gs)-1]
			if n := len(g.Heroes); n == 0 || g.Heroes[n-1] != a.e {
				g.Heroes = append(g.Heroes, a.e)
			}
		}
		if err := w.page("list.html", Page{Path: c.Path, Title: c.Name, Section: "roll", OGType: "website",
			Description: fmt.Sprintf("获得“%s”称号的见义勇为人员：%d 人次。", c.Name, c.N),
			Data:        List{Heading: c.Name, Lead: "按授予年份分组，同年以姓氏笔画为序。", Total: c.N, Groups: gs, Kind: "honor"}}); err != nil {
			return err
		}
	}
	memorialFallen := slices.Clone(fallen)
	if err := w.page("memorial.html", Page{Path: "memorial.html", Title: "英烈纪念", Section: "memorial", OGType: "website",
		Description: fmt.Sprintf("缅怀在见义勇为中英勇牺牲的 %d 位同志。", len(fallen)),
		Data:        Memorial{Fallen: memorialFallen}}); err != nil {
		return err
	}
	if err := w.page("search.html", Page{Path: "search.html", Title: "搜索", Section: "search", OGType: "website",
		Description: "按姓名、地区、地点、年份或事迹搜索见义勇为人员。", Data: Search{Index: "search.json", Total: len(hs)}}); err != nil {
		return err
	}
	if err := w.page("404.html", Page{Path: "404.html", Title: "页面未找到", Description: "页面未找到。"}); err != nil {
		return err
	}

	idx, err := searchIndex(hs)
	if err != nil {
		return err
	}
	if err := w.out.WriteFile("search.json", idx); err != nil {
		return err
	}
	feed, err := w.feed(latest[:min(feedEntries, len(latest))])
	if err != nil {
		return err
	}
	if err := w.out.WriteFile("feed.xml", feed); err != nil {
		return err
	}
	sm, err := w.sitemapXML()
	if err != nil {
		return err
	}
	if err := w.out.WriteFile("sitemap.xml", sm); err != nil {
		return err
	}
	robots := "User-agent: *\nAllow: /\n\nSitemap: " + w.abs("sitemap.xml") + "\n"
	if err := w.out.WriteFile("robots.txt", []byte(robots)); err != nil {
		return err
	}
	return w.out.CopyDir(tmpl, staticDir, "static")
}

// rollOrderSameYear is the roll order without the year.
func rollOrderSameYear(a, b *entry) int {
	return cmp.Or(bytes.Compare(a.sortKey, b.sortKey), cmp.Compare(a.ID, b.ID))
}

func mustAtoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func sortedKeys[V any](m map[int]V, desc bool) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if desc {
		slices.Reverse(keys)
	}
	return keys
}

// abs is the absolute URL of a path of the site.
func (w *writer) abs(p string) string {
	if p == "index.html" {
		p = ""
	}
	return w.base.JoinPath(p).String()
}

// page renders one page to p.Path.
func (w *writer) page(tmpl string, p Page) error {
	p.Site = w.site
	if p.Path == "404.html" {
		// Served for any missing path: links must not be relative.
		p.Root = w.base.Path
	} else {
		p.Root = strings.Repeat("../", strings.Count(p.Path, "/"))
		p.Canonical = w.abs(p.Path)
		w.sitemap = append(w.sitemap, p.Path)
	}
	var key string
	if w.keys != nil {
		var err error
		if key, err = w.keys.Key(w.pages, tmpl, p); err != nil {
			return fmt.Errorf("%s: %w", p.Path, err)
		}
		if w.out.Reuse(p.Path, key) {
			w.done()
			return nil
		}
	}
	var buf bytes.Buffer
	if err := w.pages.Render(&buf, tmpl, p); err != nil {
		return fmt.Errorf("%s: %w", p.Path, err)
	}
	w.rendered++
	w.done()
	return w.out.WriteKeyed(p.Path, buf.Bytes(), key)
}

// Card is what the "card" and "row" templates get: a hero and the prefix to
// the site root of the page that shows it.
type Card struct {
	Root string
	E    *entry
}

// funcs are the shared template functions and those of the public pages.
func funcs() template.FuncMap {
	m := site.Funcs()
	m["card"] = func(root string, e *entry) Card { return Card{Root: root, E: e} }
	return m
}

// done counts a page of the site and reports progress.
func (w *writer) done() {
	w.pageCount++
	if w.progress != nil {
		w.progress(w.pageCount, w.total)
	}
}
