package public

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"time"

	"github.com/yancheng-jyyw/roll/internal/gazette"
	"github.com/yancheng-jyyw/roll/internal/markdown"
	"github.com/yancheng-jyyw/roll/internal/portrait"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/internal/site"
)

// The data of each page kind; every page gets a site.Frame whose Data is
// one of these, or List (lists.go), Group (cases.go), Statistics
// (stats.go).

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

// Memorial is the data of the memorial page and, when it is long, of its
// pages by year.
type Memorial struct {
	Total  int
	Fallen []*entry    // on this page, the latest first
	Years  []yearPages // the index of a long memorial
	Pager  *pager      // on a page of a year
	Crumbs []link      // on a page of a year
}

// HeroPage is the data of a hero's page: what hero.html shows of the
// entry, in fields of its own (a template finds a field promoted from an
// embedded struct by a slow search, on every use).
type HeroPage struct {
	Name                  string
	Fallen                bool
	Martyr                *Martyr
	Deed                  Deed
	Kind, Outcome         schema.EnumValue
	Jurisdiction          link
	Honors                []honor
	Group                 *groupDeed
	Photo                 *portrait.Image
	Narrative             template.HTML // the rendered Markdown
	KindPath, OutcomePath string        // the lists of the hero's kind of deed and outcome
	Companions            []*entry      // the others of the hero's group deed on the roll
	Class                 HeroClass     // the same on many pages: a {{part}}'s data
}

// HeroClass is what a hero's page says of the kind of deed and the outcome,
// with the lists of each: the same on the pages of many heroes.
type HeroClass struct {
	Kind, Outcome         schema.EnumValue
	KindPath, OutcomePath string
	Fallen                bool
}

// Search is the data of the search page.
type Search struct {
	Index         string // the manifest of the index, relative to the root
	Total         int
	Kinds         []option // the filters, each a value of the index and its word
	Outcomes      []option
	Honors        []option
	Jurisdictions []option
	Years         []int    // the years of the deeds, the latest first
	Browse        []*facet // the pages that narrow the roll without a script
}

// option is a choice of a filter of the search page.
type option struct {
	Value, Label string
}

const (
	homeLatest  = 8 // commendations on the home page
	homeFallen  = 6 // names in the memorial strip
	feedEntries = 50
	searchDir   = "search" // the shards of the search index
)

// digest is the key of a list of heroes: their ids, the hashes of their
// records, what redaction changed in their texts and their portraits, in
// the order shown (each hero's rowKey).
func digest(name string, es []*entry) site.Key {
	in := site.NewInputs(name).Int(len(es))
	for _, e := range es {
		in.Key(e.row)
	}
	return in.Done()
}

// pageKey is the key of e's own page: his record, what redaction changed
// in his texts, his group deed as his page shows it (the case, the count
// of the unnamed, the names and pages of the others: a change to another
// hero's story leaves it as it is), the decision of each title and his
// portrait; the zero Key when his record's hash is unknown. Gathered on
// the stack and hashed in one call: every published hero's page is keyed
// on every build.
func (e *entry) pageKey() site.Key {
	if e.src.Src.Sum == ([sha256.Size]byte{}) {
		return site.Key{}
	}
	var buf [512]byte
	b := appendStr(buf[:0], "hero")
	b = append(b, e.src.Src.Sum[:]...)
	b = append(b, e.redacted[:]...)
	if g := e.Group; g != nil {
		b = appendStr(b, "group mention")
		b = appendStr(b, g.Case)
		b = appendInt(b, g.Hidden)
		for _, x := range g.Heroes {
			if x != e {
				b = appendStr(b, x.Name)
				b = appendStr(b, x.Path)
			}
		}
		b = appendInt(b, -1)
	}
	b = appendInt(b, len(e.Honors))
	for _, h := range e.Honors {
		b = appendStr(b, h.Decision.ID)
		b = appendStr(b, h.Decision.Name)
		b = appendStr(b, h.Decision.Path)
	}
	if p := e.photo; p != nil {
		b = appendInt(b, 1)
		b = append(b, p.Sum[:]...)
		b = appendInt(b, p.Width)
		b = appendInt(b, p.Height)
	} else {
		b = appendInt(b, 0)
	}
	return sha256.Sum256(b)
}

// appendStr appends a key's input s after its length.
func appendStr(b []byte, s string) []byte {
	return append(binary.LittleEndian.AppendUint64(b, uint64(len(s))), s...)
}

// appendInt appends a key's input n.
func appendInt(b []byte, n int) []byte { return binary.LittleEndian.AppendUint64(b, uint64(n)) }

// latestYearFirst sorts rows, in roll order, by their years, the latest
// first, keeping the roll's order within a year: a stable sort by year,
// made by counting the rows of each year.
func latestYearFirst(rows []row) {
	n := map[int]int{}
	for _, x := range rows {
		n[x.year]++
	}
	if len(n) < 2 {
		return
	}
	years := sortedKeys(n, true)
	at := make(map[int]int, len(years))
	pos := 0
	for _, y := range years {
		at[y] = pos
		pos += n[y]
	}
	out := make([]row, len(rows))
	for _, x := range rows {
		out[at[x.year]] = x
		at[x.year]++
	}
	copy(rows, out)
}

// rowKey is what a list shows of e: its id, the hash of its record, what
// redaction changed in its texts and its portrait; the zero Key when one
// of them is unknown. A hero is in seven lists or more (the roll's year,
// the decade, the kind, the outcome, the jurisdiction, each honor, the
// search index): hashing these once per hero rather than in every list
// took a fifth of public.Site's work on a rebuild at 100,000 heroes.
func (e *entry) rowKey() site.Key {
	in := site.NewInputs("row").String(e.ID).Record(e.src.Src.Sum).Key(e.redacted)
	return e.photoInputs(in).Done()
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

// pageList collects the pages of the site.
type pageList struct {
	pages []site.Page
}

func (o *pageList) page(path, tmpl string, inputs site.Key, frame func() (site.Frame, error)) {
	o.pages = append(o.pages, site.Page{Path: path, Template: tmpl, Inputs: inputs, Frame: frame})
}

func (o *pageList) static(path, tmpl string, inputs site.Key, f site.Frame) {
	o.page(path, tmpl, inputs, func() (site.Frame, error) { return f, nil })
}

func (o *pageList) file(path string, inputs site.Key, f func() ([]byte, error)) {
	o.pages = append(o.pages, site.Page{Path: path, Inputs: inputs, File: f})
}

// list adds a page of a list.
func (o *pageList) list(path string, l List) {
	title := l.Heading
	if l.Pager != nil && len(l.Pager.Parts) > 1 {
		title += "（第 " + strconv.Itoa(l.Pager.Part) + " 页）"
	}
	desc := cmp.Or(l.desc, fmt.Sprintf("%s的见义勇为人员：%d 位。", l.Heading, l.Total))
	o.static(path, "list.html", listKey(path, l), site.Frame{Title: title, Section: "roll", OGType: "website", Description: desc, Data: l})
}

// facets are the ways of narrowing the roll, each value linked to its
// list with the number of its heroes.
type facets struct {
	kinds, outcomes, honors, jurisdictions, decades, years *facet
}

func (f facets) all() []*facet {
	return []*facet{f.kinds, f.outcomes, f.honors, f.jurisdictions, f.decades, f.years}
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
	latest := firstLatest(hs, max(homeLatest, feedEntries))
	all := r.kept.rowsKeys("published", "published", [][]*entry{hs})[0]

	// The facets and the heroes of each value.
	years := map[int][]*entry{}
	for _, e := range hs {
		years[e.year] = append(years[e.year], e)
	}
	byJur := map[string][]*entry{}
	byKind := map[string][]*entry{}
	byOutcome := map[string][]*entry{}
	byHonor := map[string][]row{}
	for _, e := range hs {
		byJur[e.Jurisdiction.ID] = append(byJur[e.Jurisdiction.ID], e)
		byKind[e.Kind.Value] = append(byKind[e.Kind.Value], e)
		byOutcome[e.Outcome.Value] = append(byOutcome[e.Outcome.Value], e)
		for _, a := range e.Honors {
			byHonor[a.ID] = append(byHonor[a.ID], row{e, a.Year})
		}
	}
	for _, rows := range byHonor {
		// By the year of the award, the latest first, then in roll order:
		// the rows were added in roll order.
		latestYearFirst(rows)
	}
	var yearCounts, jurCounts, honorCounts []count
	for _, y := range sortedKeys(years, true) {
		yearCounts = append(yearCounts, count{link: link{ID: strconv.Itoa(y), Name: yearLabel(y), Path: partPath("", y, 1)}, N: len(years[y])})
	}
	// The decades that have heroes, the latest first, each with its heroes
	// in roll order.
	var decadeLinks []link
	byDecade := map[int][]*entry{}
	for _, e := range hs {
		if e.year == 0 {
			continue // a year not known is in no decade
		}
		d := decadeOf(e.year)
		if len(byDecade[d]) == 0 {
			decadeLinks = append(decadeLinks, link{ID: strconv.Itoa(d), Name: decadeLabel(d), Path: decadePath(d)})
		}
		byDecade[d] = append(byDecade[d], e)
	}
	slices.SortFunc(decadeLinks, func(a, b link) int { return cmp.Compare(mustAtoi(b.ID), mustAtoi(a.ID)) })
	for _, j := range r.jurisdictions {
		if n := len(byJur[j.ID]); n > 0 {
			jurCounts = append(jurCounts, count{link: j, N: n})
		}
	}
	for _, h := range r.honors {
		if n := len(byHonor[h.ID]); n > 0 {
			honorCounts = append(honorCounts, count{link: h, N: n})
		}
	}
	var kindLinks, outcomeLinks []link
	for _, k := range r.words.kinds {
		if len(byKind[k.Value]) > 0 {
			if !site.SafeName(k.Value) {
				return nil, fmt.Errorf("kind %q cannot name a page", k.Value)
			}
			kindLinks = append(kindLinks, link{ID: k.Value, Name: k.Title, Path: "kinds/" + k.Value + ".html"})
		}
	}
	for _, o := range r.words.outcomes {
		if len(byOutcome[o.Value]) > 0 {
			if !site.SafeName(o.Value) {
				return nil, fmt.Errorf("outcome %q cannot name a page", o.Value)
			}
			outcomeLinks = append(outcomeLinks, link{ID: o.Value, Name: o.Title, Path: "outcomes/" + o.Value + ".html"})
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
	facetOf := func(name string, ls []link, n func(link) int) *facet {
		f := &facet{Name: name}
		for _, l := range ls {
			f.Links = append(f.Links, pageLink{ID: l.ID, Label: l.Name, Path: l.Path, N: n(l)})
		}
		return f
	}
	counted := func(cs []count) []link {
		ls := make([]link, len(cs))
		for i, c := range cs {
			ls[i] = c.link
		}
		return ls
	}
	r.facets = facets{
		kinds:         facetOf("事迹类别", kindLinks, func(l link) int { return len(byKind[l.ID]) }),
		outcomes:      facetOf("伤亡情况", outcomeLinks, func(l link) int { return len(byOutcome[l.ID]) }),
		honors:        facetOf("荣誉称号", counted(honorCounts), func(l link) int { return len(byHonor[l.ID]) }),
		jurisdictions: facetOf("地区", counted(jurCounts), func(l link) int { return len(byJur[l.ID]) }),
		decades:       facetOf("年代", decadeLinks, func(l link) int { return len(byDecade[mustAtoi(l.ID)]) }),
		years:         facetOf("年份", counted(yearCounts), func(l link) int { return len(years[mustAtoi(l.ID)]) }),
	}

	// A page for each hero, and a few for each list and year.
	out := &pageList{pages: make([]site.Page, 0, len(hs)+len(hs)/8+1024)}
	out.static("index.html", "home.html", all, site.Frame{Section: "home", OGType: "website",
		Description: cmp.Or(r.site.Description, r.site.Title),
		Data: Home{
			Total:         len(hs),
			Latest:        latest[:min(homeLatest, len(latest))],
			Years:         yearCounts,
			Jurisdictions: jurCounts,
			Honors:        honorCounts,
			Fallen:        fallen[:min(homeFallen, len(fallen))],
			FallenTotal:   len(fallen),
		}})

	// The lists (lists.go).
	home := []link{{Name: "首页", Path: "index.html"}}
	roll := append(home[:1:1], link{Name: "英雄名录", Path: "roll.html"})
	r.listPages(out, listing{kind: "roll", path: "roll.html", heading: "英雄名录",
		lead: "按事迹年份分组，同年以姓氏笔画为序。", unit: "位", total: len(hs), rows: heroRows(hs),
		crumbs: home, browse: r.facets.all(),
		desc: fmt.Sprintf("%s 英雄名录：%d 位见义勇为人员，按年份分组、以姓氏笔画为序。", r.site.Title, len(hs))})
	for _, l := range decadeLinks {
		es := byDecade[mustAtoi(l.ID)]
		// A decade's years are the roll's: when it is longer than a page,
		// its page is the index of the roll's pages of its years.
		r.listPages(out, listing{kind: "decade", path: l.Path, heading: l.Name + "见义勇为人员",
			lead: "事迹年份在" + l.Name + "的见义勇为人员，按事迹年份分组，同年以姓氏笔画为序。", unit: "位", total: len(es),
			rows: heroRows(es), crumbs: roll, facet: r.facets.decades, ranged: true,
			search: "search.html?from=" + strconv.Itoa(es[len(es)-1].year) + "&to=" + strconv.Itoa(es[0].year)})
	}
	for _, l := range kindLinks {
		es := byKind[l.ID]
		r.listPages(out, listing{kind: "kind", path: l.Path, stem: "kinds/" + l.ID, heading: l.Name,
			lead: "事迹类别为“" + l.Name + "”的见义勇为人员，按事迹年份分组，同年以姓氏笔画为序。", unit: "位", total: len(es),
			rows: heroRows(es), crumbs: roll, facet: r.facets.kinds, search: "search.html?kind=" + l.ID})
	}
	for _, l := range outcomeLinks {
		es := byOutcome[l.ID]
		r.listPages(out, listing{kind: "outcome", path: l.Path, stem: "outcomes/" + l.ID, heading: l.Name,
			lead: "本人结果为“" + l.Name + "”的见义勇为人员，按事迹年份分组，同年以姓氏笔画为序。", unit: "位", total: len(es),
			rows: heroRows(es), crumbs: roll, facet: r.facets.outcomes, search: "search.html?outcome=" + l.ID})
	}
	for _, c := range jurCounts {
		es := byJur[c.ID]
		r.listPages(out, listing{kind: "jurisdiction", path: c.Path, stem: "jurisdictions/" + c.ID, heading: c.Name,
			lead: "本地区经确认并同意公开的见义勇为人员。", unit: "位", total: len(es),
			rows: heroRows(es), crumbs: roll, facet: r.facets.jurisdictions, search: "search.html?j=" + c.ID})
	}
	for _, c := range honorCounts {
		r.listPages(out, listing{kind: "honor", path: c.Path, stem: "honors/" + c.ID, heading: c.Name,
			lead: "按授予年份分组，同年以姓氏笔画为序。", unit: "人次", total: c.N, awarded: true,
			desc: fmt.Sprintf("获得“%s”称号的见义勇为人员：%d 人次。", c.Name, c.N),
			rows: byHonor[c.ID], crumbs: roll, facet: r.facets.honors, search: "search.html?honor=" + c.ID})
	}

	md := markdown.New()
	for _, e := range hs {
		out.page(e.Path, "hero.html", e.pageKey(), func() (site.Frame, error) {
			data := HeroPage{Name: e.Name, Fallen: e.Fallen(), Martyr: e.Martyr, Deed: e.Deed, Kind: e.Kind, Outcome: e.Outcome,
				Jurisdiction: e.Jurisdiction, Honors: e.Honors, Group: e.Group, Photo: e.Photo,
				KindPath: "kinds/" + e.Kind.Value + ".html", OutcomePath: "outcomes/" + e.Outcome.Value + ".html"}
			data.Class = HeroClass{Kind: data.Kind, Outcome: data.Outcome, KindPath: data.KindPath, OutcomePath: data.OutcomePath, Fallen: data.Fallen}
			if e.Group != nil {
				data.Companions = e.Group.Others(e)
			}
			var err error
			if data.Narrative, err = md.Render(e.narrative()); err != nil {
				return site.Frame{}, fmt.Errorf("%s: %w", e.src.Src.File, err)
			}
			return site.Frame{Title: e.Name, Section: "roll", OGType: "article", Description: describe(e), Image: e.share(), Data: data}, nil
		})
	}
	r.groupPages(out)
	r.memorialPages(out, fallen)
	if err := r.statsPages(out, hs, yearCounts, jurCounts, honorCounts, byKind, byOutcome); err != nil {
		return nil, err
	}
	r.searchPages(out, md)
	out.static("404.html", "404.html", site.NewInputs("404").Done(), site.Frame{Title: "页面未找到", Description: "页面未找到。"})
	commend, err := g.Pages(today)
	if err != nil {
		return nil, err
	}
	out.pages = append(out.pages, commend...)

	// The sitemap lists the pages above.
	var sitemap []string
	paths := site.NewInputs("sitemap")
	for _, p := range out.pages {
		if p.Template != "" && p.Path != "404.html" {
			sitemap = append(sitemap, p.Path)
			paths.String(p.Path)
		}
	}
	// The portraits, in the sizes of the cards and the pages; the sitemap
	// lists pages, not images.
	for _, e := range hs {
		if e.photo != nil {
			out.pages = append(out.pages, r.photos.Pages(e.photo, e.ID, portrait.Sizes(e.photo.Width, e.photo.Height)...)...)
		}
	}
	news := latest[:min(feedEntries, len(latest))]
	out.file("feed.xml", feedKey(all, g), func() ([]byte, error) { return feed(s, r.site, news, g) })
	out.file("sitemap.xml", paths.Done(), func() ([]byte, error) { return sitemapXML(s, sitemap) })
	out.file("robots.txt", site.NewInputs("robots").Done(), func() ([]byte, error) {
		return []byte("User-agent: *\nAllow: /\n\nSitemap: " + s.URL("sitemap.xml") + "\n"), nil
	})
	return out.pages, nil
}

// memorialPages adds the memorial: every hero who gave their life, the
// latest first, split by year when the list is longer than a page.
func (r *roll) memorialPages(out *pageList, fallen []*entry) {
	desc := fmt.Sprintf("缅怀在见义勇为中英勇牺牲的 %d 位同志。", len(fallen))
	frame := func(title string, m Memorial) site.Frame {
		return site.Frame{Title: title, Section: "memorial", OGType: "website", Description: desc, Data: m}
	}
	if len(fallen) <= r.pageSize {
		out.static("memorial.html", "memorial.html", digest("fallen", fallen), frame("英烈纪念", Memorial{Total: len(fallen), Fallen: fallen}))
		return
	}
	l := listing{path: "memorial.html", stem: "memorial/", heading: "英烈纪念", dated: true, rows: heroRows(fallen)}
	pages := r.splitBy(l)
	years := r.index(l, pages)
	m := Memorial{Total: len(fallen), Years: years}
	out.static("memorial.html", "memorial.html", memorialKey(m), frame("英烈纪念", m))
	for i, p := range pages {
		pg := r.pager(l, pages, i, years)
		es := make([]*entry, len(p.Items))
		for j, x := range p.Items {
			es[j] = x.e
		}
		m := Memorial{Total: len(fallen), Fallen: es, Pager: &pg.pager,
			Crumbs: []link{{Name: "首页", Path: "index.html"}, {Name: "英烈纪念", Path: "memorial.html"}}}
		title := "英烈纪念 · " + pg.Year
		if len(pg.Parts) > 1 {
			title += "（第 " + strconv.Itoa(pg.Part) + " 页）"
		}
		out.static(pg.self, "memorial.html", memorialKey(m), frame(title, m))
	}
}

// memorialKey is the key of a page of the memorial: what it shows.
func memorialKey(m Memorial) site.Key {
	return listKey("memorial", List{Total: m.Total, Groups: []yearGroup{{Heroes: m.Fallen}}, Years: m.Years, Pager: m.Pager, Crumbs: m.Crumbs})
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

// At is what the other shared templates get: a value and the prefix to
// the site root of the page that shows it.
type At struct {
	Root string
	V    any
}

// funcs are the template functions of the public pages: none formats.
func funcs() template.FuncMap {
	return template.FuncMap{
		"card": func(root string, e *entry) Card { return Card{Root: root, E: e} },
		"cards": func(root string, es []*entry) []Card {
			cs := make([]Card, len(es))
			for i, e := range es {
				cs[i] = Card{Root: root, E: e}
			}
			return cs
		},
		"at": func(root string, v any) At { return At{Root: root, V: v} },
	}
}
