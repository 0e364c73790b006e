package public

import (
	"strconv"
	"strings"

	"github.com/yancheng-jyyw/roll/internal/paging"
	"github.com/yancheng-jyyw/roll/internal/site"
)

// Lists of heroes and how they are split into pages.
//
// A list is the roll, or the heroes of one value of a facet: a
// jurisdiction, an honor, a kind of deed, an outcome. Its own page
// (roll.html, kinds/rescue.html) shows the whole list, by year of the
// deed (of the award, for an honor) and in stroke order within a year,
// while it fits on a page of Options.PageSize heroes. A longer list is
// split by year (package paging): its own page becomes the index of its
// years, and each year has pages of its own, as many as it needs, breaking
// between surnames:
//
//	years/2020.html, years/2020-2.html           the roll; always, for every year
//	kinds/rescue-2020.html, kinds/rescue-2020-2.html  a long list of a facet
//	memorial/2020.html                           a long memorial
//	decades/2020-2029.html                       a decade; a long one is the
//	                                             index of the roll's year pages
//
// A page holds one year only, so its name and its heroes depend on that
// year alone: a hero added, renamed or withdrawn changes the pages of his
// year, and the index pages that count heroes; the pages of other years
// keep their bytes, but for the first page of the next year in the list,
// whose link back moves when this year gains or loses a page. The pages of
// a year carry no counts of other years, and name a neighbour in another
// year by its year alone, for the same reason. Each page links its
// neighbours (rel=prev and next), so the pages of a list read in order are
// the list.
//
// Without a script, a facet and a year combine: the pages of a long list
// are the heroes of one value in one year, and a short list shows its
// years as headings. The search page combines every facet and a range of
// years, with its script.

// row is one line of a list: a hero, under the year it is listed in.
type row struct {
	e    *entry
	year int
}

// listing is a list with a page of its own.
type listing struct {
	kind    string // roll | jurisdiction | honor | kind | outcome: what it lists, for the template
	path    string // its own page
	stem    string // the pages of a year are stem-2020.html; "" for the roll, whose pages are the years'
	heading string
	lead    string
	unit    string // 位, or 人次 for the awards of an honor
	total   int    // what the lead counts: heroes, or awards
	rows    []row
	crumbs  []link   // the trail above the heading, the home page first
	facet   *facet   // the facet it is a value of, with the others; nil for the roll
	browse  []*facet // every facet, on the roll
	search  string   // the search page with this list's filter set; "" for none
	desc    string   // its own page's description; "<heading>的见义勇为人员：<total> 位。" when ""
	awarded bool     // its years are those of the awards (an honor's list)
	dated   bool     // in order of date, not of strokes (the memorial): its pages break anywhere
	ranged  bool     // a range of the roll's years (a decade): its years' pages are the roll's
}

// facet is a way of narrowing the roll, and its values that have heroes.
type facet struct {
	Name  string
	Links []pageLink
}

// current returns f with the link to path marked as the page's own, and
// without counts.
func (f *facet) current(path string) *facet {
	if f == nil {
		return nil
	}
	c := &facet{Name: f.Name, Links: make([]pageLink, len(f.Links))}
	for i, l := range f.Links {
		// No counts: a page of one value does not change with the
		// number of heroes of another.
		l.Current, l.N = l.Path == path, 0
		c.Links[i] = l
	}
	return c
}

// pageLink is a link to a page of the site, marked when it is the page
// that shows it.
type pageLink struct {
	ID      string // the value it stands for, where it is one of a facet
	Label   string
	Path    string
	N       int // how many it lists, where the link says; 0 for none
	Current bool
}

// List is the data of a page of a list.
type List struct {
	Kind    string // roll | year | decade | jurisdiction | honor | kind | outcome
	Heading string
	Lead    string
	Total   int
	Unit    string
	Crumbs  []link
	Facet   *facet   // the other values of this list's facet
	Browse  []*facet // every facet, with counts: on the roll
	Search  string   // the search page with this list's filter set
	Groups  []yearGroup
	Years   []yearPages // the index of a split list: each year and its pages
	Pager   *pager      // on a page of a year of a split list

	desc string // for <meta name=description>
}

// yearGroup is a run of heroes under a year's heading.
type yearGroup struct {
	Year   int
	Label  string
	Heroes []*entry
	key    site.Key // digest("rows", Heroes), when known (Kept.rowsKeys)
}

// yearPages is a year of a split list and its pages.
type yearPages struct {
	Label string
	N     int // rows of the year
	Pages []pageLink
}

// pager is what a page of a split list says of where it is.
type pager struct {
	Year       string     // the year's label
	Part       int        // this page of the year's pages
	Parts      []pageLink // the year's pages, when more than one
	Prev, Next *pageLink
	Years      []pageLink // the list's years, each to its first page
	Up         link       // the list's own page, its index
}

// yearLabel is how a heading names a year.
func yearLabel(y int) string {
	if y == 0 {
		return "年份不详"
	}
	return strconv.Itoa(y) + "年"
}

// decadeOf is the first year of the decade of year y: 2010 for 2015.
func decadeOf(y int) int {
	return y - y%10
}

// decadeLabel names the decade that starts in year d.
func decadeLabel(d int) string {
	return strconv.Itoa(d) + "—" + strconv.Itoa(d+9) + "年"
}

// decadePath is the page of the decade that starts in year d. Its folder
// is its own, so no page of a year (years/2010-2.html) can take its name.
func decadePath(d int) string {
	return "decades/" + strconv.Itoa(d) + "-" + strconv.Itoa(d+9) + ".html"
}

// byYear groups rows, in list order, under their years; suffix follows
// each year's label (授予, for the years of awards).
func byYear(rows []row, suffix string) []yearGroup {
	var gs []yearGroup
	for _, r := range rows {
		if len(gs) == 0 || gs[len(gs)-1].Year != r.year {
			gs = append(gs, yearGroup{Year: r.year, Label: yearLabel(r.year) + suffix})
		}
		g := &gs[len(gs)-1]
		// An honor awarded twice in a year lists its hero once.
		if n := len(g.Heroes); n == 0 || g.Heroes[n-1] != r.e {
			g.Heroes = append(g.Heroes, r.e)
		}
	}
	return gs
}

// heroRows are rows of heroes under the year of their deed.
func heroRows(es []*entry) []row {
	rows := make([]row, len(es))
	for i, e := range es {
		rows[i] = row{e, e.year}
	}
	return rows
}

// suffix is what follows the label of a year of l.
func (l listing) suffix() string {
	if l.awarded {
		return "授予"
	}
	return ""
}

// splitBy cuts a list's rows into the pages of its years, breaking between
// surnames unless the list is in order of date.
func (r *roll) splitBy(l listing) []paging.Page[row] {
	opts := paging.Options[row]{Max: r.pageSize, Group: func(x row) int { return x.year }}
	if !l.dated {
		opts.Run = func(x row) string { return x.e.surname }
	}
	return paging.Split(l.rows, opts)
}

// partPath is the page of part n of year y of a list: stem-2020-2.html,
// or stem2020-2.html for a stem that is a folder; the roll's pages are the
// year pages, years/2020-2.html.
func partPath(stem string, y, n int) string {
	p := stem + "-" + strconv.Itoa(y)
	switch {
	case stem == "":
		p = "years/" + strconv.Itoa(y)
	case strings.HasSuffix(stem, "/"):
		p = stem + strconv.Itoa(y)
	}
	if n > 1 {
		p += "-" + strconv.Itoa(n)
	}
	return p + ".html"
}

// partLabel names a page of a year: by the surnames it runs from and to,
// or by its number in a list in order of date.
func (l listing) partLabel(p paging.Page[row]) string {
	if l.dated {
		return "第 " + strconv.Itoa(p.Part) + " 页"
	}
	first, last := p.Items[0].e.surname, p.Items[len(p.Items)-1].e.surname
	if first == last {
		return first
	}
	return first + "—" + last
}

// listPages adds the pages of l: its own, and when it is longer than a
// page, those of its years. The roll's years have pages whatever its
// length (yearPages).
func (r *roll) listPages(out *pageList, l listing) {
	// One facet for all the pages of the list, so that list.html renders
	// its links once for them all (a part keyed by the pointer).
	facet := l.facet.current(l.path)
	own := List{Kind: l.kind, Heading: l.heading, Lead: l.lead, Total: l.total, Unit: l.unit, Crumbs: l.crumbs,
		Facet: facet, Browse: l.browse, Search: l.search, desc: l.desc}
	if len(l.rows) <= r.pageSize {
		own.Groups = byYear(l.rows, l.suffix())
		for i := range own.Groups {
			g := &own.Groups[i]
			g.key = r.kept.rowsKeys(l.path+"|"+strconv.Itoa(g.Year), "rows", [][]*entry{g.Heroes})[0]
		}
		out.list(l.path, own)
		if l.stem == "" && !l.ranged {
			r.yearPages(out, l)
		}
		return
	}
	pages := r.splitBy(l)
	years := r.index(l, pages)
	own.Years = years
	out.list(l.path, own)
	switch {
	case l.ranged:
		// The index links the roll's pages of its years: a year's heroes
		// are split the same way in any list of whole years.
		return
	case l.stem == "":
		r.yearPages(out, l)
		return
	}
	groups := r.pageGroups(l, pages)
	for i, p := range pages {
		pg := r.pager(l, pages, i, years)
		out.list(pg.self, List{Kind: l.kind, Heading: l.heading + " · " + yearLabel(p.Group) + l.suffix(), Lead: pg.lead,
			Total: len(p.Items), Unit: "位",
			Crumbs: append(l.crumbs[:len(l.crumbs):len(l.crumbs)], link{Name: l.heading, Path: l.path}),
			Facet:  facet, Search: l.search,
			Groups: groups[i : i+1 : i+1], Pager: &pg.pager})
	}
}

// pageGroups are the heroes of each page of a split list, under its
// year, with their key (Kept.rowsKeys, a year of the list at a time).
func (r *roll) pageGroups(l listing, pages []paging.Page[row]) []yearGroup {
	groups := make([]yearGroup, len(pages))
	heroes := make([][]*entry, len(pages))
	for i, p := range pages {
		heroes[i] = byYear(p.Items, "")[0].Heroes
		groups[i] = yearGroup{Year: p.Group, Heroes: heroes[i]}
	}
	for i := 0; i < len(pages); {
		j := i + 1
		for j < len(pages) && pages[j].Group == pages[i].Group {
			j++
		}
		name := "part|" + l.path + "|" + strconv.Itoa(pages[i].Group)
		for n, key := range r.kept.rowsKeys(name, "rows", heroes[i:j]) {
			groups[i+n].key = key
		}
		i = j
	}
	return groups
}

// index lists the years of a split list and their pages.
func (r *roll) index(l listing, pages []paging.Page[row]) []yearPages {
	var years []yearPages
	for _, p := range pages {
		if p.Part == 1 {
			years = append(years, yearPages{Label: yearLabel(p.Group) + l.suffix()})
		}
		y := &years[len(years)-1]
		y.N += len(p.Items)
		label := y.Label
		if p.Parts > 1 {
			label = l.partLabel(p)
		}
		y.Pages = append(y.Pages, pageLink{Label: label, Path: partPath(l.stem, p.Group, p.Part)})
	}
	return years
}

// placed is a pager with the page it is on.
type placed struct {
	pager
	self string
	lead string
}

// pager says where page i of a split list is.
func (r *roll) pager(l listing, pages []paging.Page[row], i int, years []yearPages) placed {
	p := pages[i]
	pg := placed{self: partPath(l.stem, p.Group, p.Part)}
	pg.Year, pg.Part, pg.Up = yearLabel(p.Group)+l.suffix(), p.Part, link{Name: l.heading, Path: l.path}
	for _, y := range years {
		pg.Years = append(pg.Years, pageLink{Label: y.Label, Path: y.Pages[0].Path, Current: y.Label == pg.Year})
	}
	if p.Parts > 1 {
		first := i - p.Part + 1
		for j := first; j < first+p.Parts; j++ {
			path := partPath(l.stem, pages[j].Group, pages[j].Part)
			pg.Parts = append(pg.Parts, pageLink{Label: l.partLabel(pages[j]), Path: path, Current: j == i})
		}
		pg.lead = "本年第 " + strconv.Itoa(p.Part) + " 页，共 " + strconv.Itoa(p.Parts) + " 页"
		if !l.dated {
			pg.lead += "：姓氏 " + l.partLabel(p)
		}
		pg.lead += "。"
	}
	// A neighbour in another year is named by its year alone: the
	// surnames on it change with the heroes of that year, which this
	// page does not show.
	near := func(q paging.Page[row]) *pageLink {
		x := &pageLink{Label: yearLabel(q.Group) + l.suffix(), Path: partPath(l.stem, q.Group, q.Part)}
		if q.Parts > 1 && q.Group == p.Group {
			x.Label += " " + l.partLabel(q)
		}
		return x
	}
	if i > 0 {
		pg.Prev = near(pages[i-1])
	}
	if i+1 < len(pages) {
		pg.Next = near(pages[i+1])
	}
	return pg
}

// yearPages adds the pages of the roll's years: the heroes of a year of
// the deed, in stroke order, as many pages as the year needs.
func (r *roll) yearPages(out *pageList, roll listing) {
	pages := r.splitBy(roll)
	years := r.index(roll, pages)
	groups := r.pageGroups(roll, pages)
	for i, p := range pages {
		pg := r.pager(roll, pages, i, years)
		lead := "以姓氏笔画为序。"
		if pg.lead != "" {
			lead = pg.lead
		}
		crumbs := []link{{Name: "首页", Path: "index.html"}, {Name: "英雄名录", Path: "roll.html"}}
		if p.Group != 0 {
			// Its decade, which depends on the year alone.
			d := decadeOf(p.Group)
			crumbs = append(crumbs, link{Name: decadeLabel(d), Path: decadePath(d)})
		}
		out.list(pg.self, List{Kind: "year", Heading: yearLabel(p.Group) + "见义勇为人员", Lead: lead, Total: len(p.Items), Unit: "位",
			Crumbs: crumbs,
			Groups: groups[i : i+1 : i+1], Pager: &pg.pager})
	}
}

// listKey is the key of a page of a list: everything it shows.
func listKey(path string, l List) site.Key {
	in := site.NewInputs("list").String(path).String(l.Kind).String(l.Heading).String(l.Lead).
		Int(l.Total).String(l.Unit).String(l.Search).String(l.desc)
	for _, c := range l.Crumbs {
		in.String(c.Name).String(c.Path)
	}
	links := func(ls []pageLink) {
		in.Int(len(ls))
		for _, x := range ls {
			in.String(x.ID).String(x.Label).String(x.Path).Int(x.N).Bool(x.Current)
		}
	}
	for _, f := range append([]*facet{l.Facet}, l.Browse...) {
		if f != nil {
			in.String(f.Name)
			links(f.Links)
		}
	}
	in.Int(len(l.Groups))
	for _, g := range l.Groups {
		key := g.key
		if key == (site.Key{}) {
			key = digest("rows", g.Heroes)
		}
		in.Int(g.Year).String(g.Label).Key(key)
	}
	in.Int(len(l.Years))
	for _, y := range l.Years {
		in.String(y.Label).Int(y.N)
		links(y.Pages)
	}
	if p := l.Pager; p != nil {
		in.String(p.Year).Int(p.Part).String(p.Up.Name).String(p.Up.Path)
		links(p.Parts)
		links(p.Years)
		for _, x := range []*pageLink{p.Prev, p.Next} {
			if x != nil {
				links([]pageLink{*x})
			} else {
				in.Int(-1)
			}
		}
	}
	return in.Done()
}
