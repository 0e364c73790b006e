package status

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/history"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/internal/site"
)

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
	repo     *model.Repo
	schemas  *schema.Set
	findings finding.List
	hist     *history.History
	today    time.Time
	year     int
	info     site.Info

	jnames  map[string]string // jurisdiction id -> name
	heroes  map[string]*model.Hero
	heroIDs []string // sorted
	ordered []string // by jurisdiction, then id; see heroOrder

	stats Stats
}

const shallowNotice = "本站构建自浅克隆（shallow clone），更早的提交不在仓库中：部分记录的修改历史不完整或缺失。请以完整历史（fetch-depth: 0）重新构建。"

func newSite(in Input, today time.Time) (*statusSite, error) {
	hist := in.History
	if hist == nil {
		hist = &history.History{}
	}
	repo := in.Repo
	s := &statusSite{
		repo:     repo,
		schemas:  in.Schemas,
		findings: in.Findings,
		hist:     hist,
		today:    today,
		year:     cmp.Or(repo.Site.Year, today.Year()),
		jnames:   map[string]string{},
		heroes:   map[string]*model.Hero{},
	}
	s.info = site.Info{
		Title:        cmp.Or(repo.Site.Title, "见义勇为英模名录") + " · 内部工作台",
		Organization: repo.Site.Organization,
		Year:         s.year,
		Build: &site.Build{
			Commit:  hist.Head,
			Shallow: hist.Shallow,
			Today:   model.Date(today.Format(time.DateOnly)),
			NoGit:   hist.Head == nil,
		},
	}
	if hist.Shallow {
		s.info.Build.Notice = shallowNotice
	}
	for _, j := range repo.Jurisdictions {
		if !safeID.MatchString(j.ID) {
			return nil, fmt.Errorf("jurisdiction id %q cannot name a page", j.ID)
		}
		s.jnames[j.ID] = j.Name
	}
	for i := range repo.Heroes {
		h := &repo.Heroes[i]
		if !safeID.MatchString(h.ID) || !safeID.MatchString(h.Jurisdiction) {
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

// inputs is the key of what every page reads: the settings and catalogs,
// the build date and the commit every footer names.
func (s *statusSite) inputs(caller site.Key) site.Key {
	in := site.NewInputs("internal").Key(caller).Record(s.repo.Site.Src.Sum).
		Record(s.repo.JurisdictionsSrc.Sum).Record(s.repo.HonorsSrc.Sum).
		String(string(s.info.Build.Today)).Bool(s.hist.Shallow)
	if s.hist.Head != nil {
		in.String(s.hist.Head.Hash).String(s.hist.Head.When.String())
	}
	return in.Done()
}

// everything is the key of every record and finding: the inputs of the
// pages that sum up the whole archive.
func (s *statusSite) everything() site.Key {
	in := site.NewInputs("everything")
	r := s.repo
	for _, h := range r.Heroes {
		in.Record(h.Src.Sum)
	}
	for _, x := range r.Tasks {
		in.Record(x.Src.Sum)
	}
	for _, x := range r.Plans {
		in.Record(x.Src.Sum)
	}
	for _, x := range r.Visits {
		in.Record(x.Src.Sum)
	}
	for _, x := range r.Stations {
		in.Record(x.Src.Sum)
	}
	return in.Key(s.findingsKey()).Done()
}

// findingsKey is the key of the findings the quality page lists.
func (s *statusSite) findingsKey() site.Key {
	in := site.NewInputs("findings").Int(len(s.findings))
	for _, f := range s.findings {
		in.String(f.String()).String(f.Rule).Bool(f.Old)
	}
	return in.Done()
}

// plansKey is the key of the plans and tasks: the board and task pages.
func (s *statusSite) plansKey() site.Key {
	in := site.NewInputs("plans")
	for _, x := range s.repo.Plans {
		in.Record(x.Src.Sum)
	}
	for _, x := range s.repo.Tasks {
		in.Record(x.Src.Sum)
	}
	return in.Done()
}

// record returns the history of the file.
func (s *statusSite) record(file string) Record {
	r := Record{File: file, Shallow: s.hist.Shallow, NoGit: s.info.Build.NoGit}
	r.Commits = s.hist.Files[file]
	if len(r.Commits) > 0 {
		r.Last = &r.Commits[0]
	}
	return r
}

// jurisdiction returns the name of the jurisdiction id.
func (s *statusSite) jurisdiction(id string) string {
	return cmp.Or(s.jnames[id], id)
}

// localJurisdictions returns the catalog's jurisdictions without the city
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

// heroLink links a hero's record from a page at depth.
func (s *statusSite) heroLink(id string, depth int) Link {
	h, ok := s.heroes[id]
	if !ok {
		return Link{ID: id, Name: id}
	}
	return Link{ID: id, Name: h.Name, Path: up(depth) + blockPath(h) + "#" + id}
}

// blockSize is how many hero numbers of one year share a page of the
// internal site, per jurisdiction: ids are numbered across the city, so a
// page holds a few dozen heroes at any size of archive, and a hero's page
// never changes as others are added.
const blockSize = 300

// blockPath is the page that holds h's internal record:
// heroes/<jurisdiction>/<year>-<first number of the block>.html.
func blockPath(h *model.Hero) string {
	block := "other"
	parts := strings.Split(h.ID, "-")
	if len(parts) == 3 {
		y, err1 := strconv.Atoi(parts[1])
		n, err2 := strconv.Atoi(parts[2])
		if err1 == nil && err2 == nil && y > 0 && n >= 0 {
			block = fmt.Sprintf("%d-%04d", y, n/blockSize*blockSize)
		}
	}
	return "heroes/" + h.Jurisdiction + "/" + block + ".html"
}

func up(depth int) string { return strings.Repeat("../", depth) }

// pages lists every page with the key of its inputs.
func (s *statusSite) pages() ([]site.Page, error) {
	boards := s.boards()
	cares, err := s.cares()
	if err != nil {
		return nil, err
	}
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
	all, plans := s.everything(), s.plansKey()

	var pages []site.Page
	page := func(path, tmpl string, inputs site.Key, f site.Frame) {
		pages = append(pages, site.Page{Path: path, Template: tmpl, Inputs: inputs,
			Frame: func() (site.Frame, error) { return f, nil }})
	}
	page("index.html", "index.html", all, site.Frame{Section: "home", Data: s.overview(boards, cares, att)})
	for _, b := range boards {
		b.Years = yearLinks(boards, b.Year)
		page(fmt.Sprintf("plan/%d.html", b.Year), "plan.html", plans,
			site.Frame{Title: fmt.Sprintf("%d年重点任务", b.Year), Section: "plan", Data: b})
		for _, sec := range b.Sections {
			for _, t := range sec.Tasks {
				page("tasks/"+t.Task.ID+".html", "task.html", plans, site.Frame{Title: t.Task.Title, Section: "plan", Data: t})
			}
		}
	}
	for _, c := range cares {
		c.Years = careYearLinks(cares, c.Year)
		page(fmt.Sprintf("care/%d.html", c.Year), "care.html", all,
			site.Frame{Title: fmt.Sprintf("%d年走访慰问", c.Year), Section: "care", Data: c})
	}
	for _, p := range []struct{ file, title, nav string }{
		{"insurance.html", fmt.Sprintf("%d年综合保险缺口", s.year), "insurance"},
		{"pending.html", "待确认人员", "pending"},
		{"stations.html", "基层工作站", "stations"},
		{"quality.html", "数据质量", "quality"},
	} {
		page(p.file, p.file, all, site.Frame{Title: p.title, Section: p.nav, Data: att})
	}
	page("heroes.html", "heroes.html", all, site.Frame{Title: "人员名录", Section: "heroes", Data: s.heroList()})
	blocks, err := s.blockPages()
	return append(pages, blocks...), err
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
