package status

import (
	"fmt"
	"path"
	"sync"

	"github.com/yancheng-jyyw/roll/internal/awards"
	"github.com/yancheng-jyyw/roll/internal/care"
	"github.com/yancheng-jyyw/roll/internal/sheet"
	"github.com/yancheng-jyyw/roll/internal/site"
	"github.com/yancheng-jyyw/roll/internal/taskboard"
)

// The pages that count across the archive: the overview, the fund and
// decisions of each year, the plan and its tasks, care, the 通报, the
// events and the teams, each keyed by the fields of every record
// (keys.go), each workbook beside them by the sum of its tables. Their
// data is made from every record: when a Memo knows their listing under
// the key of what they read (countingKey), they are listed from it and
// their data is made only if one of them is rendered (memo.go).

// counting is the data of the pages that count across the archive.
type counting struct {
	pages      []countingPage
	books      []workbook // keyed by the sum of their tables
	overdue    int        // Stats.Overdue
	notVisited int        // Stats.NotVisited
}

// countingPage is one page that counts across the archive, its frame made.
type countingPage struct {
	path, template string
	f              site.Frame
}

// count makes the data of the pages that count across the archive.
func (s *statusSite) count(att func() *Attention) (*counting, error) {
	boards := taskboard.Boards(taskboard.Input{Repo: s.repo, Schemas: s.schemas, Year: s.year, Today: s.today, History: s.hist, Link: s.countedPath})
	cares, err := care.Years(s.careInput())
	if err != nil {
		return nil, err
	}
	commendations, err := awards.Years(awards.Input{
		Repo: s.repo, Schemas: s.schemas, Dues: s.book().Rec, History: s.hist, Today: s.today, Year: s.year, Jurisdiction: s.jurisdiction,
		HeroLink: func(id string, depth int) awards.Link {
			l := s.heroLink(id, depth)
			return awards.Link{ID: l.ID, Name: l.Name, Path: l.Path}
		},
	})
	if err != nil {
		return nil, err
	}
	c := &counting{}
	for _, b := range boards {
		c.overdue += len(b.Overdue)
	}
	for _, y := range cares {
		if y.Year == s.year {
			c.notVisited = y.NotVisited
		}
	}
	views, bulletins := s.bulletins()
	page := func(path, tmpl string, f site.Frame) {
		c.pages = append(c.pages, countingPage{path: path, template: tmpl, f: f})
	}
	page("index.html", "index.html", site.Frame{Section: "home", Data: s.overview(boards, cares, att(), s.latest(bulletins))})
	for _, y := range s.book().Years() {
		file := fmt.Sprintf("fund/%d.html", y.Year)
		page(file, "fund.html", site.Frame{Title: fmt.Sprintf("%d年基金收支", y.Year), Section: "fund", Export: fmt.Sprintf("%d.xlsx", y.Year), Data: y})
		c.books = append(c.books, summed(xlsx(file), y.Tables()))
	}
	for _, y := range commendations {
		file := fmt.Sprintf("decisions/%d.html", y.Year)
		page(file, "decisions.html", site.Frame{Title: fmt.Sprintf("%d年表彰与推荐", y.Year), Section: "decisions", Export: fmt.Sprintf("%d.xlsx", y.Year), Data: y})
		c.books = append(c.books, summed(xlsx(file), y.Tables()))
	}
	for _, b := range boards {
		page(fmt.Sprintf("plan/%d.html", b.Year), "plan.html", site.Frame{Title: fmt.Sprintf("%d年重点任务", b.Year), Section: "plan", Data: b})
		for _, sec := range b.Sections {
			for _, t := range sec.Tasks {
				page("tasks/"+t.Task.ID+".html", "task.html", site.Frame{Title: t.Task.Title, Section: "plan", Data: t})
			}
		}
	}
	for _, y := range cares {
		page(fmt.Sprintf("care/%d.html", y.Year), "care.html", site.Frame{Title: fmt.Sprintf("%d年走访慰问", y.Year), Section: "care", Export: path.Base(careExport(y.Year)), Data: y})
		c.books = append(c.books, summed(careExport(y.Year), careTables(y)))
	}
	s.workPages(c, views, bulletins)
	return c, nil
}

// countingKey is the key of everything the pages that count across the
// archive read: what every page of the site reads (Site.Inputs: the code
// of roll and the schemas, the settings and catalogs, the build date, the
// commit and so the history) and the fields of every record with the
// findings (fields). Their listing, their data and the sums of their
// workbooks' tables are a function of it; the templates are not read
// until they render. Zero, a part of it unknown: no listing is kept.
func countingKey(inputs, fields site.Key) site.Key {
	if inputs == (site.Key{}) || fields == (site.Key{}) {
		return site.Key{}
	}
	return site.NewInputs("counting").Key(inputs).Key(fields).Done()
}

// countingPages lists the pages that count across the archive and their
// workbooks, and sets the counts of Stats they give: from memo's listing
// under key when it has one, their data made only when one is rendered;
// otherwise from their data, made now and listed in memo for the next
// build.
func (s *statusSite) countingPages(key, fields site.Key, att func() *Attention, memo *Memo) ([]site.Page, error) {
	if l := memo.listed(key); l != nil {
		memo.keepListing(l)
		s.stats.Overdue, s.stats.NotVisited = l.overdue, l.notVisited
		data := sync.OnceValues(func() (*counting, error) {
			c, err := s.count(att)
			if err == nil && !c.listing(key).equal(l) {
				err = fmt.Errorf("the records no longer give the pages the internal site's memo listed")
			}
			return c, err
		})
		return listedPages(l, fields, data), nil
	}
	c, err := s.count(att)
	if err != nil {
		return nil, err
	}
	s.stats.Overdue, s.stats.NotVisited = c.overdue, c.notVisited
	var pages []site.Page
	for _, p := range c.pages {
		f := p.f
		pages = append(pages, site.Page{Path: p.path, Template: p.template, Inputs: framed(fields, f),
			Frame: func() (site.Frame, error) { return f, nil }})
	}
	for _, wb := range c.books {
		pages = append(pages, wb.page())
	}
	memo.keepListing(c.listing(key))
	return pages, nil
}

// listing is c as a memo lists it under key.
func (c *counting) listing(key site.Key) *listing {
	l := &listing{key: key, overdue: c.overdue, notVisited: c.notVisited}
	for _, p := range c.pages {
		l.pages = append(l.pages, listedPage{path: p.path, template: p.template, title: p.f.Title, section: p.f.Section, export: p.f.Export})
	}
	for _, wb := range c.books {
		l.books = append(l.books, listedBook{file: wb.file, sum: wb.key})
	}
	return l
}

// listedPages lists the pages of l, keyed as their data would key them,
// their data made by data when one renders: data fails when it does not
// give the pages l lists.
func listedPages(l *listing, fields site.Key, data func() (*counting, error)) []site.Page {
	var pages []site.Page
	for i, p := range l.pages {
		f := site.Frame{Title: p.title, Section: p.section, Export: p.export}
		pages = append(pages, site.Page{Path: p.path, Template: p.template, Inputs: framed(fields, f),
			Frame: func() (site.Frame, error) {
				c, err := data()
				if err != nil {
					return site.Frame{}, fmt.Errorf("%s: %w", p.path, err)
				}
				return c.pages[i].f, nil
			}})
	}
	for i, b := range l.books {
		wb := workbook{file: b.file, key: b.sum}
		pages = append(pages, site.Page{Path: b.file, Inputs: wb.inputs(), File: func() ([]byte, error) {
			c, err := data()
			if err != nil {
				return nil, fmt.Errorf("%s: %w", b.file, err)
			}
			return sheet.Encode(c.books[i].tables()...)
		}})
	}
	return pages
}
