package public

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"time"

	"github.com/yancheng-jyyw/roll/internal/gazette"
	"github.com/yancheng-jyyw/roll/internal/markdown"
	"github.com/yancheng-jyyw/roll/internal/portrait"
	"github.com/yancheng-jyyw/roll/internal/site"
)

// The data of each page kind; every page gets a site.Frame whose Data is
// one of these.

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

const (
	homeLatest  = 8 // commendations on the home page
	homeFallen  = 6 // names in the memorial strip
	feedEntries = 50
)

// digest is the key of a list of heroes: their ids, the hashes of their
// records and what redaction changed in their texts, in the order shown.
func digest(name string, es []*entry) site.Key {
	in := site.NewInputs(name).Int(len(es))
	for _, e := range es {
		in.String(e.ID).Record(e.src.Src.Sum).Key(e.redacted)
		e.photoInputs(in)
	}
	return in.Done()
}

// share is the picture of e's page when a link to it is shared: the
// largest size of the portrait; nil without one.
func (e *entry) share() *site.Picture {
	if e.Photo == nil {
		return nil
	}
	src, w, h := e.Photo.Src, e.Photo.Width, e.Photo.Height
	if e.Photo.Src2x != "" {
		src, w, h = e.Photo.Src2x, 2*w, 2*h
	}
	return &site.Picture{Path: src, Width: w, Height: h, Alt: e.Photo.Alt}
}

// photoInputs adds to in whether e shows a portrait, and which.
func (e *entry) photoInputs(in *site.Inputs) *site.Inputs {
	in.Bool(e.photo != nil)
	if e.photo != nil {
		in.Record(e.photo.Sum).Int(e.photo.Width).Int(e.photo.Height)
	}
	return in
}

// pages lists every page and file of the site, with the key of its inputs.
func (r *roll) pages(s *site.Site, g *gazette.Gazette, today time.Time) ([]site.Page, error) {
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
	all := digest("published", hs)

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

	var pages []site.Page
	page := func(path, tmpl string, inputs site.Key, frame func() (site.Frame, error)) {
		pages = append(pages, site.Page{Path: path, Template: tmpl, Inputs: inputs, Frame: frame})
	}
	static := func(f site.Frame) func() (site.Frame, error) {
		return func() (site.Frame, error) { return f, nil }
	}
	page("index.html", "home.html", all, static(site.Frame{Section: "home", OGType: "website",
		Description: cmp.Or(r.site.Description, r.site.Title),
		Data: Home{
			Total:         len(hs),
			Latest:        latest[:min(homeLatest, len(latest))],
			Years:         yearCounts,
			Jurisdictions: jurCounts,
			Honors:        honorCounts,
			Fallen:        fallen[:min(homeFallen, len(fallen))],
			FallenTotal:   len(fallen),
		}}))
	page("roll.html", "list.html", all, static(site.Frame{Title: "英雄名录", Section: "roll", OGType: "website",
		Description: fmt.Sprintf("%s 英雄名录：%d 位见义勇为人员，按年份分组、以姓氏笔画为序。", r.site.Title, len(hs)),
		Data:        List{Heading: "英雄名录", Lead: "按事迹年份分组，同年以姓氏笔画为序。", Total: len(hs), Groups: byYear(hs), Kind: "roll"}}))
	md := markdown.New()
	for _, e := range hs {
		in := site.NewInputs("hero").Record(e.src.Src.Sum).Key(e.redacted)
		for _, h := range e.Honors {
			in.String(h.Decision.ID).String(h.Decision.Name).String(h.Decision.Path)
		}
		page(e.Path, "hero.html", e.photoInputs(in).Done(), func() (site.Frame, error) {
			full := *e
			var err error
			if full.Narrative, err = md.Render(e.body); err != nil {
				return site.Frame{}, fmt.Errorf("%s: %w", e.src.Src.File, err)
			}
			return site.Frame{Title: e.Name, Section: "roll", OGType: "article", Description: e.Description, Image: e.share(), Data: HeroPage{&full}}, nil
		})
	}
	for _, c := range jurCounts {
		es := byJur[c.ID]
		page(c.Path, "list.html", digest("jurisdiction "+c.ID, es), static(site.Frame{Title: c.Name, Section: "roll", OGType: "website",
			Description: fmt.Sprintf("%s的见义勇为人员：%d 位。", c.Name, len(es)),
			Data:        List{Heading: c.Name, Lead: "本地区经确认并同意公开的见义勇为人员。", Total: len(es), Groups: byYear(es), Kind: "jurisdiction"}}))
	}
	for _, c := range yearCounts {
		es := years[mustAtoi(c.ID)]
		page(c.Path, "list.html", digest("year "+c.ID, es), static(site.Frame{Title: c.Name, Section: "roll", OGType: "website",
			Description: fmt.Sprintf("%s的见义勇为人员：%d 位。", c.Name, len(es)),
			Data:        List{Heading: c.Name + "见义勇为人员", Lead: "以姓氏笔画为序。", Total: len(es), Groups: []group{{Year: mustAtoi(c.ID), Heroes: es}}, Kind: "year"}}))
	}
	for _, c := range honorCounts {
		as := slices.Clone(byHonor[c.ID])
		slices.SortStableFunc(as, func(a, b award) int {
			return cmp.Or(cmp.Compare(b.year, a.year), rollOrderSameYear(a.e, b.e))
		})
		var gs []group
		var holders []*entry
		for _, a := range as {
			if len(gs) == 0 || gs[len(gs)-1].Year != a.year {
				gs = append(gs, group{Year: a.year, Label: strconv.Itoa(a.year) + "年授予"})
			}
			g := &gs[len(gs)-1]
			if n := len(g.Heroes); n == 0 || g.Heroes[n-1] != a.e {
				g.Heroes = append(g.Heroes, a.e)
				holders = append(holders, a.e)
			}
		}
		page(c.Path, "list.html", digest("honor "+c.ID, holders), static(site.Frame{Title: c.Name, Section: "roll", OGType: "website",
			Description: fmt.Sprintf("获得“%s”称号的见义勇为人员：%d 人次。", c.Name, c.N),
			Data:        List{Heading: c.Name, Lead: "按授予年份分组，同年以姓氏笔画为序。", Total: c.N, Groups: gs, Kind: "honor"}}))
	}
	page("memorial.html", "memorial.html", digest("fallen", fallen), static(site.Frame{Title: "英烈纪念", Section: "memorial", OGType: "website",
		Description: fmt.Sprintf("缅怀在见义勇为中英勇牺牲的 %d 位同志。", len(fallen)),
		Data:        Memorial{Fallen: fallen}}))
	page("search.html", "search.html", site.NewInputs("search").Int(len(hs)).Done(), static(site.Frame{Title: "搜索", Section: "search", OGType: "website",
		Description: "按姓名、地区、地点、年份或事迹搜索见义勇为人员。", Data: Search{Index: "search.json", Total: len(hs)}}))
	page("404.html", "404.html", site.NewInputs("404").Done(), static(site.Frame{Title: "页面未找到", Description: "页面未找到。"}))
	commend, err := g.Pages(today)
	if err != nil {
		return nil, err
	}
	pages = append(pages, commend...)

	// The sitemap lists the pages above.
	var sitemap []string
	paths := site.NewInputs("sitemap")
	for _, p := range pages {
		if p.Path != "404.html" {
			sitemap = append(sitemap, p.Path)
			paths.String(p.Path)
		}
	}
	file := func(path string, inputs site.Key, f func() ([]byte, error)) {
		pages = append(pages, site.Page{Path: path, Inputs: inputs, File: f})
	}
	// The portraits, in the sizes of the cards and the pages; the sitemap
	// lists pages, not images.
	for _, e := range hs {
		if e.photo != nil {
			pages = append(pages, r.photos.Pages(e.photo, e.ID, portrait.Sizes(e.photo.Width, e.photo.Height)...)...)
		}
	}
	file("search.json", all, func() ([]byte, error) { return searchIndex(hs) })
	news := latest[:min(feedEntries, len(latest))]
	file("feed.xml", feedKey(all, g), func() ([]byte, error) { return feed(s, r.site, news, g) })
	file("sitemap.xml", paths.Done(), func() ([]byte, error) { return sitemapXML(s, sitemap) })
	file("robots.txt", site.NewInputs("robots").Done(), func() ([]byte, error) {
		return []byte("User-agent: *\nAllow: /\n\nSitemap: " + s.URL("sitemap.xml") + "\n"), nil
	})
	return pages, nil
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

// Card is what the "card" and "row" templates get: a hero and the prefix to
// the site root of the page that shows it.
type Card struct {
	Root string
	E    *entry
}

// funcs are the template functions of the public pages: none formats.
func funcs() template.FuncMap {
	return template.FuncMap{
		"card": func(root string, e *entry) Card { return Card{Root: root, E: e} },
	}
}
