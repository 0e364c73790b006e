package status

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/yancheng-jyyw/roll/internal/check"
	"github.com/yancheng-jyyw/roll/internal/history"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/schema"
)

// Frame is what every page says about the site and the build: the title,
// the navigation and the footer.
type Frame struct {
	Site        SiteInfo
	Build       BuildInfo
	Title       string // the page's own title, "" on the home page
	Nav         string // the navigation entry the page belongs to
	Root        string // relative path to the site root: "" or "../"
	CurrentYear int    // the current year of the plan
}

// SiteInfo names the site.
type SiteInfo struct {
	Title        string
	Organization string
}

// BuildInfo is what the site was built from.
type BuildInfo struct {
	Commit   *history.Commit // HEAD; nil outside a git repository
	Shallow  bool            // the history stops at a shallow-clone boundary
	Today    string          // the build date, YYYY-MM-DD
	NoGit    bool            // built outside a git repository: no history at all
	Boundary string          // the notice shown when Shallow
}

// Record is the history of one record file, as its pages show it.
type Record struct {
	File    string
	Last    *history.Commit  // the newest commit that changed it
	Commits []history.Commit // newest first
	Shallow bool             // its history may be cut at the boundary
	NoGit   bool
}

// Link names a record and its page.
type Link struct {
	ID, Name, Path string
}

// statusSite is everything the pages are built from.
type statusSite struct {
	repo    *model.Repo
	schemas *schema.Set
	res     *check.Result
	hist    *history.History
	today   time.Time
	year    int
	info    SiteInfo
	build   BuildInfo

	jnames  map[string]string // jurisdiction id -> name
	heroes  map[string]*model.Hero
	heroIDs []string // sorted

	stats Stats
}

const shallowNotice = "本站构建自浅克隆（shallow clone），更早的提交不在仓库中：部分记录的修改历史不完整或缺失。请以完整历史（fetch-depth: 0）重新构建。"

func newSite(res *check.Result, hist *history.History, today time.Time) (*statusSite, error) {
	if hist == nil {
		hist = &history.History{}
	}
	repo := res.Repo
	s := &statusSite{
		repo:    repo,
		schemas: res.Schemas,
		res:     res,
		hist:    hist,
		today:   today,
		year:    cmp.Or(repo.Site.Year, today.Year()),
		info: SiteInfo{
			Title:        cmp.Or(repo.Site.Title, "见义勇为英模名录") + " · 内部工作台",
			Organization: repo.Site.Organization,
		},
		jnames: map[string]string{},
		heroes: map[string]*model.Hero{},
	}
	s.build = BuildInfo{
		Commit:  hist.Head,
		Shallow: hist.Shallow,
		Today:   today.Format(time.DateOnly),
		NoGit:   hist.Head == nil,
	}
	if hist.Shallow {
		s.build.Boundary = shallowNotice
	}
	for _, j := range repo.Jurisdictions {
		s.jnames[j.ID] = j.Name
	}
	for i := range repo.Heroes {
		h := &repo.Heroes[i]
		if !safeID.MatchString(h.ID) {
			return nil, fmt.Errorf("hero id %q cannot name a page", h.ID)
		}
		s.heroes[h.ID] = h
		s.heroIDs = append(s.heroIDs, h.ID)
	}
	slices.Sort(s.heroIDs)
	for _, t := range repo.Tasks {
		if !safeID.MatchString(t.ID) {
			return nil, fmt.Errorf("task id %q cannot name a page", t.ID)
		}
	}
	return s, nil
}

// frame returns the frame of a page at depth 0 (the root) or 1 (a folder).
func (s *statusSite) frame(title, nav string, depth int) Frame {
	root := ""
	for range depth {
		root += "../"
	}
	return Frame{Site: s.info, Build: s.build, Title: title, Nav: nav, Root: root, CurrentYear: s.year}
}

// record returns the history of the file.
func (s *statusSite) record(file string) Record {
	r := Record{File: file, Shallow: s.hist.Shallow, NoGit: s.build.NoGit}
	r.Commits = s.hist.Files[file]
	if len(r.Commits) > 0 {
		r.Last = &r.Commits[0]
	}
	return r
}

// jurisdiction returns the name of the jurisdiction id.
// label is the word of the schemas for value of the enum named kind.
func (s *statusSite) label(kind, value string) string { return labeler(s.schemas)(kind, value) }

func (s *statusSite) jurisdiction(id string) string {
	return cmp.Or(s.jnames[id], id)
}

// jurisdictions returns the catalog's jurisdictions without the city
// itself: those each_jurisdiction tasks are reported for.
func (s *statusSite) localJurisdictions() []model.Jurisdiction {
	var out []model.Jurisdiction
	for _, j := range s.repo.Jurisdictions {
		if j.ID != "city" {
			out = append(out, j)
		}
	}
	return out
}

// heroLink links a hero's page from a page at depth.
func (s *statusSite) heroLink(id string, depth int) Link {
	name := id
	if h, ok := s.heroes[id]; ok {
		name = h.Name
	} else {
		return Link{ID: id, Name: id}
	}
	return Link{ID: id, Name: name, Path: up(depth) + "heroes/" + id + ".html"}
}

func up(depth int) string {
	s := ""
	for range depth {
		s += "../"
	}
	return s
}

// write renders every page.
func (s *statusSite) write(w *writer) error {
	boards := s.boards()
	cares := s.cares()
	att := s.attention()
	s.stats.Pending = len(att.Pending)
	s.stats.Uninsured = len(att.Uninsured)
	s.stats.Findings = len(att.Findings)
	for _, b := range boards {
		s.stats.Overdue += len(b.Overdue)
	}
	for _, c := range cares {
		if c.Year == s.year {
			s.stats.NotVisited = c.NotVisited
		}
	}

	list, pages, err := s.heroPages()
	if err != nil {
		return err
	}
	w.total = 1 + len(boards) + len(cares) + 4 + 1 + len(pages)
	for _, b := range boards {
		for _, sec := range b.Sections {
			w.total += len(sec.Tasks)
		}
	}

	if err := w.page("index.html", "index.html", s.overview(boards, cares, att)); err != nil {
		return err
	}
	for _, b := range boards {
		b.Frame = s.frame(fmt.Sprintf("%d年重点任务", b.Year), "plan", 1)
		b.Years = yearLinks(boards, b.Year)
		if err := w.page(fmt.Sprintf("plan/%d.html", b.Year), "plan.html", b); err != nil {
			return err
		}
		for _, sec := range b.Sections {
			for _, t := range sec.Tasks {
				t.Frame = s.frame(t.Task.Title, "plan", 1)
				if err := w.page("tasks/"+t.Task.ID+".html", "task.html", t); err != nil {
					return err
				}
			}
		}
	}
	for _, c := range cares {
		c.Frame = s.frame(fmt.Sprintf("%d年走访慰问", c.Year), "care", 1)
		c.Years = careYearLinks(cares, c.Year)
		if err := w.page(fmt.Sprintf("care/%d.html", c.Year), "care.html", c); err != nil {
			return err
		}
	}
	for _, p := range []struct{ file, title, nav string }{
		{"insurance.html", fmt.Sprintf("%d年综合保险缺口", s.year), "insurance"},
		{"pending.html", "待确认人员", "pending"},
		{"stations.html", "基层工作站", "stations"},
		{"quality.html", "数据质量", "quality"},
	} {
		att.Frame = s.frame(p.title, p.nav, 0)
		if err := w.page(p.file, p.file, att); err != nil {
			return err
		}
	}
	list.Frame = s.frame("人员名录", "heroes", 0)
	if err := w.page("heroes.html", "heroes.html", list); err != nil {
		return err
	}
	for _, p := range pages {
		p.Frame = s.frame(p.Hero.Name, "heroes", 1)
		if err := w.page("heroes/"+p.Hero.ID+".html", "hero.html", p); err != nil {
			return err
		}
	}
	return nil
}

// YearLink is an entry of a page's year switcher.
type YearLink struct {
	Year    int
	Current bool
}

func yearLinks(boards []*Board, current int) []YearLink {
	var out []YearLink
	for _, b := range boards {
		out = append(out, YearLink{Year: b.Year, Current: b.Year == current})
	}
	return out
}

func careYearLinks(cares []*Care, current int) []YearLink {
	var out []YearLink
	for _, c := range cares {
		out = append(out, YearLink{Year: c.Year, Current: c.Year == current})
	}
	return out
}

// daysBetween counts whole days from a to b.
func daysBetween(a, b time.Time) int {
	a = time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	b = time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(b.Sub(a).Hours() / 24)
}
