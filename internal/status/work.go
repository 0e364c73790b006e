package status

import (
	"path"

	"github.com/yancheng-jyyw/roll/internal/bulletin"
	"github.com/yancheng-jyyw/roll/internal/measure"
	"github.com/yancheng-jyyw/roll/internal/outreach"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/internal/sheet"
	"github.com/yancheng-jyyw/roll/internal/site"
)

// The pages of the year's work beside the plan: the 通报 of each reporting
// period and of each year (package bulletin), each year's events and the
// teams (package outreach), each with its Excel workbook beside it.

// workPages adds to c the pages of the 通报, the events and the teams,
// and their workbooks.
func (s *statusSite) workPages(c *counting, views []*bulletin.YearView, bulletins []*bulletin.Bulletin) {
	page := func(p, tmpl string, f site.Frame) {
		c.pages = append(c.pages, countingPage{path: p, template: tmpl, f: f})
	}
	book := func(file string, tables []*sheet.Table) { c.books = append(c.books, summed(file, tables)) }
	for _, v := range views {
		p := bulletin.YearPage(v.Year)
		f := site.Frame{Title: v.Title(), Section: "bulletin", Data: v}
		if v.Plan != nil {
			f.Export = path.Base(xlsx(p))
			book(xlsx(p), v.Tables())
		}
		page(p, "bulletin-year.html", f)
	}
	for _, b := range bulletins {
		p := bulletin.Page(b.Period)
		page(p, "bulletin.html", site.Frame{Title: b.Title(), Section: "bulletin", Export: path.Base(xlsx(p)), Data: b})
		book(xlsx(p), b.Tables())
	}
	in := s.outreachInput()
	for _, ev := range outreach.EventYears(in) {
		p := outreach.EventsPage(ev.Year)
		page(p, "events.html", site.Frame{Title: ev.Title(), Section: "events", Export: path.Base(xlsx(p)), Data: ev})
		book(xlsx(p), ev.Tables())
	}
	teams := outreach.TeamList(in)
	page(outreach.TeamsPage, "teams.html", site.Frame{Title: "队伍", Section: "teams", Export: path.Base(xlsx(outreach.TeamsPage)), Data: teams})
	book(xlsx(outreach.TeamsPage), teams.Tables())
}

// bulletins are the 通报 of every year and period (package bulletin).
func (s *statusSite) bulletins() ([]*bulletin.YearView, []*bulletin.Bulletin) {
	return bulletin.Years(bulletin.Input{Repo: s.repo, Schemas: s.schemas, Year: s.year, Today: s.today})
}

// latest is the 通报 of the current year's latest period that has one;
// nil when none has.
func (s *statusSite) latest(bulletins []*bulletin.Bulletin) *bulletin.Bulletin {
	var out *bulletin.Bulletin
	for _, b := range bulletins {
		if b.Year == s.year {
			out = b
		}
	}
	return out
}

func (s *statusSite) outreachInput() outreach.Input {
	return outreach.Input{Repo: s.repo, Schemas: s.schemas, Year: s.year, History: s.hist}
}

// xlsx names the workbook beside the page p.
func xlsx(p string) string { return p[:len(p)-len(path.Ext(p))] + ".xlsx" }

// countedPath is the page of a record counted toward a task's figure,
// from the site's root.
func (s *statusSite) countedPath(r measure.Ref) string {
	switch r.Kind {
	case schema.Hero:
		return s.roster.HeroLink(r.ID, 0).Path
	case schema.Station:
		return "stations.html#" + r.ID
	}
	return outreach.Path(r)
}
