package public

import (
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/templates"
)

// names are the names of the rows of a page of a list, in order.
func names(p page) []string {
	var out []string
	for _, n := range p.all(".row-name") {
		out = append(out, text(n))
	}
	return out
}

// TestGroupDeed: a case shared by heroes gets a page naming those on the
// roll and counting, never naming, those confirmed but not published; a
// hero's page links the others and the case.
func TestGroupDeed(t *testing.T) {
	out, _ := build(t, fixture(), schemaProj(t))
	fsys := files(t, out)

	// C-2019-0001: 张志强 on the roll; 吴不愿 confirmed without consent,
	// counted; 孙待定 (pending) and 周撤回 (withdrawn) not counted.
	p := page{t, "C-2019-0001", parseHTML(t, fsys["cases/C-2019-0001.html"])}
	p.hasText("h1", "扑救民房火灾")
	p.hasText(".facts-case", "2 人")
	p.hasText(".facts-case", "抢险救灾")
	if got := text(p.one(".cards")); !strings.Contains(got, "张志强") || len(p.all(".card")) != 1 {
		t.Errorf("C-2019-0001 names %q in %d cards, want 张志强 alone", got, len(p.all(".card")))
	}
	p.hasText(".hidden-note", "另有 1 人")
	if v := p.attr(".card-name a", "href"); v != "../heroes/H-2019-0004.html" {
		t.Errorf("card links %q", v)
	}

	// C-2021-0001: two heroes on the roll, one anonymized; none hidden.
	p = page{t, "C-2021-0001", parseHTML(t, fsys["cases/C-2021-0001.html"])}
	p.hasText(".facts-case", "2 人")
	p.none(".hidden-note")
	if got := text(p.one(".cards")); !strings.Contains(got, "李建国") || !strings.Contains(got, "欧阳某某") {
		t.Errorf("C-2021-0001 names %q, want 李建国 and 欧阳某某", got)
	}

	// The heroes' pages link each other and the case.
	p = page{t, "H-2021-0003", parseHTML(t, fsys["heroes/H-2021-0003.html"])}
	p.hasText(".group-deed a[href=../heroes/H-2021-0002.html]", "欧阳某某")
	p.one(".group-deed a[href=../cases/C-2021-0001.html]")
	p = page{t, "H-2019-0004", parseHTML(t, fsys["heroes/H-2019-0004.html"])}
	p.hasText(".group-deed", "与另外 1 人一同见义勇为")
	p.one(".group-deed a[href=../cases/C-2019-0001.html]")
	p = page{t, "H-2020-0001", parseHTML(t, fsys["heroes/H-2020-0001.html"])}
	p.none(".group-deed")

	// A case none of whose heroes is on the roll has no page; the only
	// pages of cases are these two.
	var cases []string
	for name := range fsys {
		if strings.HasPrefix(name, "cases/") {
			cases = append(cases, name)
		}
	}
	slices.Sort(cases)
	if want := []string{"cases/C-2019-0001.html", "cases/C-2021-0001.html"}; !slices.Equal(cases, want) {
		t.Errorf("case pages %q, want %q", cases, want)
	}
}

// TestFacetPages: the roll narrows without a script, by kind of deed,
// outcome, honor, jurisdiction and year, each value a page in the schemas'
// words with its count on the roll; each page links the search page with
// its filter set.
func TestFacetPages(t *testing.T) {
	out, _ := build(t, fixture(), schemaProj(t))
	fsys := files(t, out)
	for _, tc := range []struct {
		page, heading, search string
		want                  []string // in roll order
	}{
		{"kinds/stop_crime.html", "制止违法犯罪", "search.html?kind=stop_crime", []string{"郑勇", "欧阳某某"}},
		{"kinds/disaster_relief.html", "抢险救灾", "search.html?kind=disaster_relief", []string{"张志强"}},
		{"outcomes/deceased.html", "牺牲", "search.html?outcome=deceased", []string{"李建国", "张志强"}},
		{"outcomes/injured.html", "受伤", "search.html?outcome=injured", []string{"欧阳某某"}},
		{"honors/city-model.html", "盐城市见义勇为模范", "search.html?honor=city-model", []string{"王伟", "张志强"}},
		{"jurisdictions/sheyang.html", "射阳县", "search.html?j=sheyang", []string{"王伟", "张志强"}},
		{"years/2021.html", "2021年见义勇为人员", "", []string{"李建国", "欧阳某某"}},
	} {
		p := page{t, tc.page, parseHTML(t, fsys[tc.page])}
		p.hasText("h1", tc.heading)
		if got := names(p); !slices.Equal(got, tc.want) {
			t.Errorf("%s lists %q, want %q", tc.page, got, tc.want)
		}
		if tc.search == "" {
			continue
		}
		if v := p.attr(".combine a", "href"); v != "../"+tc.search {
			t.Errorf("%s: the search link is %q, want ../%s", tc.page, v, tc.search)
		}
		// The facet's values, this page's marked, without counts: a page
		// of one value does not change with another's heroes.
		cur := p.all(".facet a[aria-current]")
		if len(cur) != 1 || !strings.Contains(text(cur[0]), tc.heading) {
			t.Errorf("%s: %d links marked current in its facet", tc.page, len(cur))
		}
		p.none(".facet-n")
	}
	// No page for a value with no hero on the roll.
	for _, name := range []string{"kinds/other.html", "outcomes/missing.html"} {
		if _, ok := fsys[name]; ok {
			t.Errorf("%s is built, though no published hero has it", name)
		}
	}
	// The roll offers every facet, with counts.
	p := page{t, "roll", parseHTML(t, fsys["roll.html"])}
	if n := len(p.all(".browse .facet")); n != 6 {
		t.Errorf("the roll offers %d facets, want 6", n)
	}
	p.hasText(".browse a[href=outcomes/deceased.html]", "牺牲 2")
	p.hasText(".browse a[href=kinds/rescue.html]", "抢险救人 3")
	p.hasText(".browse a[href=years/2021.html]", "2021年 2")
	// So does the search page, with its filters in the same words.
	p = page{t, "search", parseHTML(t, fsys["search.html"])}
	p.hasText("#f-outcome", "牺牲")
	p.hasText("#f-kind", "制止违法犯罪")
	p.hasText("#f-honor", "江苏省见义勇为英雄")
	p.hasText("#f-j", "射阳县")
	p.hasText("#f-from", "2019年")
	p.hasText("#f-to", "2023年")
	if n := len(p.all(".browse .facet")); n != 6 {
		t.Errorf("the search page offers %d facets to browse without a script, want 6", n)
	}
}

// TestDecadePages: a range of years without a script: a page per decade
// that has heroes, in roll order, linked from the roll's facets and from
// the pages of its years.
func TestDecadePages(t *testing.T) {
	out, _ := build(t, fixture(), schemaProj(t))
	fsys := files(t, out)
	roll := names(page{t, "roll", parseHTML(t, fsys["roll.html"])})
	for _, tc := range []struct {
		page, heading, search string
		years                 []string // the pages of the roll that make it
	}{
		{"decades/2020-2029.html", "2020—2029年见义勇为人员", "search.html?from=2020&to=2023",
			[]string{"years/2023.html", "years/2022.html", "years/2021.html", "years/2020.html"}},
		{"decades/2010-2019.html", "2010—2019年见义勇为人员", "search.html?from=2019&to=2019", []string{"years/2019.html"}},
	} {
		p := page{t, tc.page, parseHTML(t, fsys[tc.page])}
		p.hasText("h1", tc.heading)
		var want []string
		for _, y := range tc.years {
			want = append(want, names(page{t, y, parseHTML(t, fsys[y])})...)
			// The year's page links its decade.
			yp := page{t, y, parseHTML(t, fsys[y])}
			crumbs := yp.all(".crumbs a")
			if v, _ := attr(crumbs[len(crumbs)-1], "href"); v != "../"+tc.page {
				t.Errorf("%s: the crumbs end with %q, want its decade ../%s", y, v, tc.page)
			}
		}
		got := names(p)
		if !slices.Equal(got, want) {
			t.Errorf("%s lists %q, want %q", tc.page, got, want)
		}
		// In roll order: the decade is a stretch of the roll.
		if i := slices.Index(roll, got[0]); i < 0 || !slices.Equal(roll[i:i+len(got)], got) {
			t.Errorf("%s lists %q, not a stretch of the roll %q", tc.page, got, roll)
		}
		if v := p.attr(".combine a", "href"); v != "../"+tc.search {
			t.Errorf("%s: the search link is %q, want ../%s", tc.page, v, tc.search)
		}
		if cur := p.all(".facet a[aria-current]"); len(cur) != 1 || !strings.Contains(tc.heading, text(cur[0])) {
			t.Errorf("%s: %d links marked current in its facet", tc.page, len(cur))
		}
		p.none(".facet-n")
	}
	p := page{t, "roll", parseHTML(t, fsys["roll.html"])}
	p.hasText(".browse a[href=decades/2020-2029.html]", "2020—2029年 5")
	p.hasText(".browse a[href=decades/2010-2019.html]", "2010—2019年 1")
	// Only the decades that have heroes.
	var decades []string
	for name := range fsys {
		if strings.HasPrefix(name, "decades/") {
			decades = append(decades, name)
		}
	}
	if len(decades) != 2 {
		t.Errorf("decade pages %q, want the 2 decades that have heroes", decades)
	}
}

// TestDecadePagination: a decade longer than a page is the index of the
// roll's pages of its years, which read in order are the decade; it
// writes no pages of its own besides.
func TestDecadePagination(t *testing.T) {
	const size = 20
	repo := manyHeroes(300) // 2015 to 2024
	proj := loadSchemaProjector(t, "testdata/hero.schema.json")
	split := files(t, buildWith(t, repo, proj, Options{Today: buildDay, PageSize: size}))
	whole := files(t, buildWith(t, repo, proj, Options{Today: buildDay, PageSize: 1000}))
	for _, name := range []string{"decades/2010-2019.html", "decades/2020-2029.html"} {
		want := names(page{t, name, parseHTML(t, whole[name])})
		if len(want) != 150 {
			t.Fatalf("%s, whole, lists %d heroes, want 150", name, len(want))
		}
		own := page{t, name, parseHTML(t, split[name])}
		if n := len(own.all(".row")); n != 0 {
			t.Errorf("%s, split, lists %d heroes itself; want the index of its years' pages", name, n)
		}
		var got []string
		for _, a := range own.all(".years-index a") {
			href, _ := attr(a, "href")
			target := path.Join(path.Dir(name), href)
			if !strings.HasPrefix(target, "years/") {
				t.Errorf("%s links %s, not a page of the roll's years", name, target)
			}
			body, ok := split[target]
			if !ok {
				t.Fatalf("%s links %s, which does not exist", name, target)
			}
			got = append(got, names(page{t, target, parseHTML(t, body)})...)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: its years' pages list %d heroes, the whole decade %d; the first difference at %d",
				name, len(got), len(want), firstDifference(got, want))
		}
	}
	for name := range split {
		if strings.HasPrefix(name, "decades/") && name != "decades/2010-2019.html" && name != "decades/2020-2029.html" {
			t.Errorf("%s is built; a decade writes its own page only", name)
		}
	}
}

// TestStatistics: the counts of the roll, each as a chart and a table,
// every value of the catalogs and enums a row, zeros included.
func TestStatistics(t *testing.T) {
	out, _ := build(t, fixture(), schemaProj(t))
	fsys := files(t, out)
	p := page{t, "stats", parseHTML(t, fsys["stats.html"])}
	row := func(table, label string) []string {
		t.Helper()
		for _, tr := range p.all("#" + table + " tbody tr") {
			var cells []string
			for c := tr.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode {
					cells = append(cells, strings.TrimSpace(text(c)))
				}
			}
			if len(cells) > 0 && cells[0] == label {
				return cells[1:]
			}
		}
		t.Errorf("%s has no row %s", table, label)
		return nil
	}
	for _, tc := range []struct {
		table, label string
		want         []string
	}{
		{"by-year", "2021年", []string{"2", "1", "33.3%"}}, // and of them, fallen
		{"by-year", "2019年", []string{"1", "1", "16.7%"}},
		{"by-jurisdiction", "射阳县", []string{"2", "33.3%"}},
		{"by-jurisdiction", "滨海县", []string{"0", "0.0%"}}, // no published hero
		{"by-kind", "抢险救人", []string{"3", "50.0%"}},
		{"by-kind", "其他", []string{"0", "0.0%"}},
		{"by-outcome", "牺牲", []string{"2", "33.3%"}},
		{"by-outcome", "失踪", []string{"0", "0.0%"}},
		{"by-honor", "盐城市见义勇为模范", []string{"2", "40.0%"}},
	} {
		if got := row(tc.table, tc.label); !slices.Equal(got, tc.want) {
			t.Errorf("%s %s = %q, want %q", tc.table, tc.label, got, tc.want)
		}
	}
	p.hasText("#by-kind tfoot", "6")
	p.hasText("#by-honor tfoot", "5")
	// A row with heroes links their list; one without links nowhere.
	p.one("#by-outcome tbody a[href=outcomes/deceased.html]")
	p.none("#by-outcome tbody a[href=outcomes/missing.html]")
	// Each table has its chart, which a phone shows whole: 320 units wide,
	// scaled to the column, named for a screen reader.
	for _, id := range []string{"by-year", "by-jurisdiction", "by-kind", "by-outcome", "by-honor"} {
		if v := p.attr("#"+id+" svg", "viewBox"); !strings.HasPrefix(v, "0 0 320 ") {
			t.Errorf("%s: viewBox %q, want 320 wide", id, v)
		}
		if v := p.attr("#"+id+" svg", "role"); v != "img" {
			t.Errorf("%s: role %q", id, v)
		}
		p.hasText("#"+id+" svg desc", "：")
	}
	if n := len(p.all("#by-kind svg rect.chart-bar")); n != 4 {
		t.Errorf("by-kind has %d bars, want one per kind: 4", n)
	}
	// The page is in the site's navigation.
	p = page{t, "home", parseHTML(t, fsys["index.html"])}
	p.one(".nav a[href=stats.html]")
}

// rel returns the rel=prev and rel=next links of a page's head, as slash
// paths from the site root.
func rel(p page, name string) (prev, next string) {
	for _, n := range p.all("link[rel=prev]") {
		v, _ := attr(n, "href")
		prev = path.Join(path.Dir(name), v)
	}
	for _, n := range p.all("link[rel=next]") {
		v, _ := attr(n, "href")
		next = path.Join(path.Dir(name), v)
	}
	return prev, next
}

// TestPagination: a list longer than a page is split by year into pages of
// at most PageSize heroes that break between surnames; read by following
// rel=next from the first, they are the whole list in roll order.
func TestPagination(t *testing.T) {
	const size = 20
	repo := manyHeroes(300)
	proj := loadSchemaProjector(t, "testdata/hero.schema.json")
	split := files(t, buildWith(t, repo, proj, Options{Today: buildDay, PageSize: size}))
	whole := files(t, buildWith(t, repo, proj, Options{Today: buildDay, PageSize: 1000}))

	for _, list := range []struct{ own, first string }{
		{"roll.html", "years/2024.html"},
		{"kinds/rescue.html", "kinds/rescue-2024.html"},
		{"jurisdictions/sheyang.html", "jurisdictions/sheyang-2024.html"},
		{"honors/city-good.html", "honors/city-good-2024.html"},
	} {
		wantNames := names(page{t, list.own, parseHTML(t, whole[list.own])})
		own := page{t, list.own, parseHTML(t, split[list.own])}
		if n := len(own.all(".row")); n != 0 {
			t.Errorf("%s, split, lists %d heroes itself; want the index of its pages", list.own, n)
		}
		if len(own.all(".years-index a")) < 5 {
			t.Errorf("%s indexes %d pages", list.own, len(own.all(".years-index a")))
		}
		var got []string
		prevName := ""
		for name := list.first; name != ""; {
			body, ok := split[name]
			if !ok {
				t.Fatalf("%s: %s does not exist", list.own, name)
			}
			p := page{t, name, parseHTML(t, body)}
			rows := names(p)
			if len(rows) == 0 || len(rows) > size {
				t.Errorf("%s lists %d heroes, want 1 to %d", name, len(rows), size)
			}
			prev, next := rel(p, name)
			if prev != prevName {
				t.Errorf("%s: rel=prev %q, want %q", name, prev, prevName)
			}
			// The visible pager says the same as the head.
			if next != "" {
				if v := p.attr(".pager a[rel=next]", "href"); path.Join(path.Dir(name), v) != next {
					t.Errorf("%s: the pager's next is %q, the head's %q", name, v, next)
				}
			}
			// A page breaks between surnames: the next page starts with
			// another surname unless one surname fills more than a page.
			if next != "" && split[next] != "" {
				nextRows := names(page{t, next, parseHTML(t, split[next])})
				if len(nextRows) > 0 && Surname(rows[len(rows)-1]) == Surname(nextRows[0]) && len(rows) < size &&
					yearOf(split[name]) == yearOf(split[next]) {
					t.Errorf("%s ends with %s and %s starts with the same surname", name, rows[len(rows)-1], nextRows[0])
				}
			}
			got = append(got, rows...)
			prevName, name = name, next
		}
		if !slices.Equal(got, wantNames) {
			t.Errorf("%s: the pages read in order list %d heroes, the whole list %d; the first difference at %d",
				list.own, len(got), len(wantNames), firstDifference(got, wantNames))
		}
	}
	// A page of part 2 says which page it is in its title.
	p := page{t, "years/2024-2.html", parseHTML(t, split["years/2024-2.html"])}
	p.hasText("title", "第 2 页")
	p.one(".parts a[aria-current=page]")
}

// yearOf is the year of a page of a list, from its canonical URL.
var yearOfPage = regexp.MustCompile(`(\d{4})(?:-\d+)?\.html"`)

func yearOf(body string) string {
	i := strings.Index(body, `rel="canonical"`)
	if i < 0 {
		return ""
	}
	m := yearOfPage.FindStringSubmatch(body[i:])
	if m == nil {
		return ""
	}
	return m[1]
}

func firstDifference(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// TestPagesStayPut: a hero added to one year leaves the pages of the other
// years as they were, names and bytes; the URLs of a split list are those
// of its years.
func TestPagesStayPut(t *testing.T) {
	const size = 20
	repo := manyHeroes(300)
	proj := loadSchemaProjector(t, "testdata/hero.schema.json")
	before := files(t, buildWith(t, repo, proj, Options{Today: buildDay, PageSize: size}))
	h := hero("H-2016-09999", "丁一", "sheyang", "2016-05-05", "射阳县合德镇", "跳入河中救起落水群众")
	h.Src.Raw = rawOf(&h)
	repo.Heroes = append(repo.Heroes, h)
	after := files(t, buildWith(t, repo, proj, Options{Today: buildDay, PageSize: size}))
	changed := 0
	for name, body := range before {
		if !strings.HasPrefix(name, "years/") && !strings.HasPrefix(name, "jurisdictions/sheyang-") && !strings.HasPrefix(name, "kinds/rescue-") {
			continue
		}
		if strings.Contains(name, "2016") {
			if after[name] != body {
				changed++
			}
			continue
		}
		if after[name] != body {
			t.Errorf("%s changed, though the new hero is of 2016", name)
		}
	}
	if changed == 0 {
		t.Error("no page of 2016 changed")
	}
	if !strings.Contains(after["years/2016.html"]+after["years/2016-2.html"]+after["years/2016-3.html"], "丁一") {
		t.Error("丁一 is on no page of 2016")
	}
}

// buildWith builds repo with opts into a temporary folder.
func buildWith(t testing.TB, repo *model.Repo, proj Projector, opts Options) string {
	t.Helper()
	out := t.TempDir()
	if _, err := renderTo(out, repo, proj, templates.FS, opts); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestPageSizeBound: at any number of heroes, no page of a list holds more
// than PageSize heroes; each row is bounded by the schema (a summary of at
// most 60 characters, a name, a jurisdiction), so the largest page of a
// list is its frame plus PageSize of the longest row. With
// DefaultPageSize this bound is under 300 KB, the limit for a page at
// 10,000 heroes; the pages that are not lists do not grow with the roll
// but by the years and the catalogs.
func TestPageSizeBound(t *testing.T) {
	const size = 25
	repo := manyHeroes(600)
	// The longest summary the schema allows, and a long name.
	for i := range repo.Heroes {
		if i%7 == 0 {
			repo.Heroes[i].Deed.Summary = strings.Repeat("跳", 60)
			repo.Heroes[i].Src.Raw = rawOf(&repo.Heroes[i])
		}
	}
	fsys := files(t, buildWith(t, repo, loadSchemaProjector(t, "testdata/hero.schema.json"), Options{Today: buildDay, PageSize: size}))
	rowRE := regexp.MustCompile(`(?s)<li class="row[^"]*">.*?</li>`)
	longestRow, worst, worstPage := 0, 0, ""
	for name, body := range fsys {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		rows := rowRE.FindAllString(body, -1)
		if len(rows) > size {
			t.Errorf("%s lists %d heroes, more than a page of %d", name, len(rows), size)
		}
		frame := len(body)
		for _, r := range rows {
			longestRow = max(longestRow, len(r))
			frame -= len(r)
		}
		if frame > worst {
			worst, worstPage = frame, name
		}
	}
	bound := worst + DefaultPageSize*longestRow
	t.Logf("largest frame %d bytes (%s), longest row %d bytes: a page at most %d bytes", worst, worstPage, longestRow, bound)
	if bound > 300*1024 {
		t.Errorf("a page of %d heroes may reach %d bytes, over 300 KB", DefaultPageSize, bound)
	}
	if longestRow < 200 {
		t.Errorf("the longest row is %d bytes: the pattern does not see the rows", longestRow)
	}
}

// TestMemorialPages: a memorial longer than a page is split by year, and a
// long year into pages; its own page indexes them, and the pages, followed
// by rel=next, name every hero who gave their life once.
func TestMemorialPages(t *testing.T) {
	repo := manyHeroes(300) // every fiftieth gave their life: 6, all of 2015
	proj := loadSchemaProjector(t, "testdata/hero.schema.json")
	fsys := files(t, buildWith(t, repo, proj, Options{Today: buildDay, PageSize: 2}))
	own := page{t, "memorial.html", parseHTML(t, fsys["memorial.html"])}
	own.none(".memorial-list")
	own.hasText(".memorial-total", "共 6 位")
	links := own.all(".years-index a")
	if len(links) != 3 {
		t.Fatalf("the memorial indexes %d pages, want the 3 pages of 2015", len(links))
	}
	first, _ := attr(links[0], "href")
	var fallen []string
	prevName := ""
	for name := first; name != ""; {
		p := page{t, name, parseHTML(t, fsys[name])}
		for _, n := range p.all(".memorial-list li") {
			fallen = append(fallen, text(n))
		}
		p.one(".crumbs a[href=../memorial.html]")
		prev, next := rel(p, name)
		if prev != prevName {
			t.Errorf("%s: rel=prev %q, want %q", name, prev, prevName)
		}
		prevName, name = name, next
	}
	if len(fallen) != 6 || len(slices.Compact(slices.Sorted(slices.Values(fallen)))) != 6 {
		t.Errorf("the memorial's pages name %q, want 6 heroes once each", fallen)
	}
	if first != "memorial/2015.html" || prevName != "memorial/2015-3.html" {
		t.Errorf("the memorial runs from %s to %s, want memorial/2015.html to memorial/2015-3.html", first, prevName)
	}
}
