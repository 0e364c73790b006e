// Package bulletin builds the 通报 (工作情况通报) of the internal site
// (DESIGN §7, plan task 13): for each reporting period of a year's plan,
// the jurisdictions ranked by how they reported (on time, late by how many
// days, 未报), by where each stands on the tasks it carries out, and by
// what each did as counted from the records (events, participants, teams,
// members, care visits; package measure); and a year view across the
// periods. It computes; the templates print it for the screen and for an
// A4 sheet, and Tables gives the same rows to the Excel export.
//
// # Dates
//
// A 通报 is counted to the plan's as-of day (model.Plan.AsOf): the build
// date, or the day the year was closed once it is, so that a report that
// came after the year was closed stays 未报 and a later build changes
// nothing. A period has its page once it has ended by then, or once a
// report of it came; the year view lists every period of the plan.
//
// # Ranks
//
// Ranks are shared by equals (1, 2, 2, 4): by filing, on time before
// late before 未报, the earlier report first and the less late; by tasks,
// the counties that reported before those that did not, more tasks done
// first, then more in progress; by figures, more events first, then more
// participants. Equals keep the catalog's order.
package bulletin

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/yancheng-jyyw/roll/internal/measure"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/schema"
)

// Input is what the 通报 are made from.
type Input struct {
	Repo    *model.Repo
	Schemas *schema.Set // their words for the statuses; the values themselves when nil
	Year    int         // the current year of the plan
	Today   time.Time   // the build date
}

// Bulletin is the 通报 of one reporting period.
type Bulletin struct {
	Head
	Period   model.Period
	Due      model.Date // the last day to report on time
	From, To model.Date // the period's first and last day
	Filings  []FilingRow
	Count    FilingCount
	Progress *ProgressTable // where each stands on its tasks, by this period's report
	Figures  *FigureTable   // what each did in the period
	Reports  []ReportNote   // each report received, in the catalog's order
}

// Head is what a 通报 of a period and of a year share: the plan, the
// dates and the links to the other 通报 of the year.
type Head struct {
	Year      int
	Plan      *model.Plan // nil when the year has no plan asking for reports
	Org       string      // who issues it: site.yaml's organization
	DocPrefix string      // the start of its document number, 盐义通〔2020〕: the plan's, with the number left to fill in
	AsOf      model.Date  // the day it is counted to
	Closed    model.Date  // the day the year was closed; "" while open
	Periods   []PeriodLink
	Years     []YearLink
}

// PeriodLink is a period of the year and its 通报.
type PeriodLink struct {
	Period  model.Period
	Due     model.Date
	Path    string // from the site's root; "" when the period has no page yet
	Current bool
}

// YearLink is an entry of a page's year switcher.
type YearLink struct {
	Year    int
	Current bool
}

// Filing is how a jurisdiction reported for a period: on time, late by
// Days, 未报 (the due date passed without a report) or not yet due.
type Filing struct {
	Value string // on_time | late | missing | pending
	Days  int    // late by, for late
}

// The values of a Filing.
const (
	OnTime  = "on_time"
	Late    = "late"
	Missing = "missing"
	Pending = "pending"
)

// filingOf is the Filing of f.
func filingOf(f model.Filing) Filing {
	switch {
	case f.Report != nil && f.LateDays > 0:
		return Filing{Value: Late, Days: f.LateDays}
	case f.Report != nil:
		return Filing{Value: OnTime}
	case f.Missing:
		return Filing{Value: Missing}
	}
	return Filing{Value: Pending}
}

// Zh says it in the words of a 通报: 按时, 迟报 3 天, 未报, 未到期.
func (f Filing) Zh() string {
	switch f.Value {
	case OnTime:
		return "按时"
	case Late:
		return "迟报 " + strconv.Itoa(f.Days) + " 天"
	case Missing:
		return "未报"
	}
	return "未到期"
}

// Class is the value as a CSS class suffix.
func (f Filing) Class() string { return f.Value }

// order is the filing's place in a ranking: on time, late, pending, 未报.
func (f Filing) order() int {
	return map[string]int{OnTime: 0, Late: 1, Pending: 2, Missing: 3}[f.Value]
}

// FilingRow is one jurisdiction's report of the period.
type FilingRow struct {
	Rank      int
	ID, Name  string
	Filing    Filing
	Submitted model.Date // "" when none came
	By        string
	Report    string // the report's id, the anchor of its summary; "" when none came
}

// FilingCount sums up the filings of a period.
type FilingCount struct {
	Expected, OnTime, Late, Missing, Pending int
	LateNames                                []string // 阜宁县（4 天）
	MissingNames                             []string
}

// LateList and MissingList join the names for a sentence.
func (c FilingCount) LateList() string    { return strings.Join(c.LateNames, "、") }
func (c FilingCount) MissingList() string { return strings.Join(c.MissingNames, "、") }

// ProgressTable lays the jurisdictions against the tasks they carry out.
type ProgressTable struct {
	Tasks    []TaskCol
	Statuses []schema.EnumValue // the columns of the counts: done, in progress, not started, blocked
	Rows     []ProgressRow
}

// TaskCol is a task of the plan the jurisdictions report on.
type TaskCol struct {
	ID, Title string
	Number    int
	Path      string // from the site's root
}

// ProgressRow is where one jurisdiction stands on the tasks.
type ProgressRow struct {
	Rank     int
	ID, Name string
	Reported bool
	Filing   Filing  // when it did not report: 未报, or not yet due
	Cells    []State // one per task
	Counts   []int   // one per status of the table
	Report   string  // the report the statuses come from: the anchor of its summary on a period's page
}

// State is a jurisdiction's status on a task, in the schemas' words; the
// empty value when its report does not name the task.
type State struct{ schema.EnumValue }

// Zh is the status in the schemas' words; — when not given.
func (s State) Zh() string { return cmp.Or(s.Title, "—") }

// Class is the status as a CSS class suffix: "none" when not given.
func (s State) Class() string { return cmp.Or(s.Value, "none") }

// FigureTable is what each jurisdiction did, counted from the records.
type FigureTable struct {
	Rows  []FigureRow // the jurisdictions, ranked
	City  FigureRow   // the city foundation's own
	Total FigureRow   // the whole city, the city's own included
}

// FigureRow is one jurisdiction's figures.
type FigureRow struct {
	Rank     int
	ID, Name string
	measure.Figures
}

// ReportNote is a report received, for the summary of a period.
type ReportNote struct {
	ID, Name  string
	Filing    Filing
	Submitted model.Date
	By        string
	Note      string
	Tasks     []TaskNote
}

// TaskNote is what a report says of one task.
type TaskNote struct {
	Task   TaskCol
	Status State
	Note   string
}

// Page is where a period's 通报 is, from the site's root.
func Page(p model.Period) string { return "bulletin/" + string(p) + ".html" }

// YearPage is where a year's 通报 is, from the site's root.
func YearPage(year int) string { return "bulletin/" + strconv.Itoa(year) + ".html" }

// taskStatuses are the task statuses in the order of the counts.
var taskStatuses = []string{"done", "in_progress", "not_started", "blocked"}

// state is one run of the package over a repository.
type state struct {
	Input
	local []model.Jurisdiction
}

func newState(in Input) *state {
	s := &state{Input: in}
	for _, j := range in.Repo.Jurisdictions {
		if j.ID != "city" && j.Kind != "city" {
			s.local = append(s.local, j)
		}
	}
	return s
}

// head is the shared part of the 通报 of plan p's year, p nil when the
// year has none that asks for reports.
func (s *state) head(year int, p *model.Plan, years []int) Head {
	h := Head{Year: year, Plan: p, Org: s.Repo.Site.Organization}
	for _, y := range years {
		h.Years = append(h.Years, YearLink{Year: y, Current: y == year})
	}
	if p == nil {
		return h
	}
	asOf := p.AsOf(s.Today)
	h.AsOf, h.Closed = day(asOf), p.Closed
	if prefix, _, ok := strings.Cut(p.Doc, "〔"); ok {
		h.DocPrefix = prefix + "〔" + strconv.Itoa(year) + "〕"
	}
	for _, per := range p.Periods() {
		l := PeriodLink{Period: per, Due: day(p.Due(per))}
		if s.ready(p, per, asOf) {
			l.Path = Page(per)
		}
		h.Periods = append(h.Periods, l)
	}
	return h
}

// ready reports whether the period has its 通报: it has ended by asOf, or
// a report of it came.
func (s *state) ready(p *model.Plan, per model.Period, asOf time.Time) bool {
	if per.End().Before(asOf) {
		return true
	}
	for i := range s.Repo.Reports {
		r := &s.Repo.Reports[i]
		if r.Period == per && !r.Withdrawn() && !r.Submitted.Time().After(asOf) {
			return true
		}
	}
	return false
}

func day(t time.Time) model.Date { return model.Date(t.Format(time.DateOnly)) }

// rank gives the rows their ranks, shared by rows that compare equal;
// the rows are sorted already.
func rank[T any](rows []T, same func(a, b T) bool, set func(*T, int)) {
	r := 0
	for i := range rows {
		if i == 0 || !same(rows[i-1], rows[i]) {
			r = i + 1
		}
		set(&rows[i], r)
	}
}

// tasks are the columns of a progress table: the plan's tasks carried out
// by each jurisdiction, and any other task a report of the year names.
func (s *state) tasks(year int, named map[string]bool) []TaskCol {
	var out []TaskCol
	for i := range s.Repo.Tasks {
		t := &s.Repo.Tasks[i]
		if t.Year() == year && (t.Scope == "each_jurisdiction" || named[t.ID]) {
			out = append(out, TaskCol{ID: t.ID, Title: t.Title, Number: t.Number, Path: "tasks/" + t.ID + ".html"})
		}
	}
	slices.SortFunc(out, func(a, b TaskCol) int { return cmp.Compare(a.Number, b.Number) })
	return out
}

// progress lays the jurisdictions against tasks, each status given by
// status(task, jurisdiction) (ok false when it gives none), reported
// telling the jurisdictions that reported at all.
func (s *state) progress(tasks []TaskCol, reported func(j string) (report string, f Filing, ok bool), status func(task, j string) (string, bool)) *ProgressTable {
	pt := &ProgressTable{Tasks: tasks}
	for _, v := range taskStatuses {
		pt.Statuses = append(pt.Statuses, s.Schemas.EnumOf(schema.Task, []string{"status"}, v))
	}
	for _, j := range s.local {
		row := ProgressRow{ID: j.ID, Name: j.Name, Counts: make([]int, len(taskStatuses))}
		row.Report, row.Filing, row.Reported = reported(j.ID)
		for _, t := range tasks {
			v, ok := status(t.ID, j.ID)
			st := State{}
			if ok && row.Reported {
				st = State{s.Schemas.EnumOf(schema.Task, []string{"status"}, v)}
				if k := slices.Index(taskStatuses, v); k >= 0 {
					row.Counts[k]++
				}
			}
			row.Cells = append(row.Cells, st)
		}
		pt.Rows = append(pt.Rows, row)
	}
	key := func(r ProgressRow) []int {
		rep := 1
		if r.Reported {
			rep = 0
		}
		return []int{rep, -r.Counts[0], -r.Counts[1]}
	}
	slices.SortStableFunc(pt.Rows, func(a, b ProgressRow) int { return slices.Compare(key(a), key(b)) })
	rank(pt.Rows, func(a, b ProgressRow) bool { return slices.Equal(key(a), key(b)) }, func(r *ProgressRow, n int) { r.Rank = n })
	return pt
}

// figures counts what each jurisdiction did from the day from to the day
// to (package measure).
func (s *state) figures(from, to time.Time) *FigureTable {
	tally := measure.Tally(s.Repo, from, to)
	ft := &FigureTable{}
	for _, j := range s.local {
		ft.Rows = append(ft.Rows, FigureRow{ID: j.ID, Name: j.Name, Figures: tally[j.ID]})
	}
	key := func(r FigureRow) []int { return []int{-r.Events, -r.Participants} }
	slices.SortStableFunc(ft.Rows, func(a, b FigureRow) int { return slices.Compare(key(a), key(b)) })
	rank(ft.Rows, func(a, b FigureRow) bool { return slices.Equal(key(a), key(b)) }, func(r *FigureRow, n int) { r.Rank = n })
	ft.City = FigureRow{ID: "city", Name: "市本级", Figures: tally["city"]}
	ft.Total = FigureRow{ID: "total", Name: "全市合计"}
	for _, f := range tally {
		ft.Total.Add(f)
	}
	return ft
}

// plans are the plans that ask for reports, by year: those of the current
// year and before, and a later one once issued.
func (s *state) plans() map[int]*model.Plan {
	out := map[int]*model.Plan{}
	for i := range s.Repo.Plans {
		p := &s.Repo.Plans[i]
		if p.Reporting != nil && (p.Year <= s.Year || p.Issued != "" && !p.Issued.Time().After(s.Today)) {
			out[p.Year] = p
		}
	}
	return out
}

// Years returns the year views, newest first: the current year's (which
// says so when its plan asks for no reports) and that of every other year
// whose plan asks for reports; and the 通报 of every period of theirs that
// has one, in the order of the periods.
func Years(in Input) ([]*YearView, []*Bulletin) {
	s := newState(in)
	plans := s.plans()
	years := []int{s.Year}
	for y := range plans {
		if y != s.Year {
			years = append(years, y)
		}
	}
	slices.SortFunc(years, func(a, b int) int { return cmp.Compare(b, a) })
	var views []*YearView
	var bulletins []*Bulletin
	for _, y := range years {
		p := plans[y]
		views = append(views, s.year(y, p, years))
		if p == nil {
			continue
		}
		for _, per := range p.Periods() {
			if s.ready(p, per, p.AsOf(s.Today)) {
				bulletins = append(bulletins, s.period(p, per, years))
			}
		}
	}
	return views, bulletins
}

// period builds the 通报 of one period of plan p.
func (s *state) period(p *model.Plan, per model.Period, years []int) *Bulletin {
	b := &Bulletin{Head: s.head(p.Year, p, years), Period: per, Due: day(p.Due(per)), From: day(per.Start()), To: day(per.End())}
	for i := range b.Periods {
		b.Periods[i].Current = b.Periods[i].Period == per
	}
	filings := map[string]model.Filing{}
	for _, f := range s.Repo.Filings(p, s.local, s.Today) {
		if f.Period == per {
			filings[f.Jurisdiction] = f
		}
	}
	named := map[string]bool{}
	for _, j := range s.local {
		f := filings[j.ID]
		row := FilingRow{ID: j.ID, Name: j.Name, Filing: filingOf(f)}
		if r := f.Report; r != nil {
			row.Submitted, row.By, row.Report = r.Submitted, r.By, r.ID
			for _, ts := range r.Tasks {
				named[ts.Task] = true
			}
		}
		b.Filings = append(b.Filings, row)
		b.Count.Expected++
		switch row.Filing.Value {
		case OnTime:
			b.Count.OnTime++
		case Late:
			b.Count.Late++
			b.Count.LateNames = append(b.Count.LateNames, j.Name+" "+strconv.Itoa(row.Filing.Days)+" 天")
		case Missing:
			b.Count.Missing++
			b.Count.MissingNames = append(b.Count.MissingNames, j.Name)
		default:
			b.Count.Pending++
		}
	}
	key := func(r FilingRow) []int {
		k := []int{r.Filing.order(), r.Filing.Days, 0}
		if r.Filing.Value == OnTime {
			k[2] = int(r.Submitted.Time().Unix() / 86400)
		}
		return k
	}
	slices.SortStableFunc(b.Filings, func(x, y FilingRow) int { return slices.Compare(key(x), key(y)) })
	rank(b.Filings, func(x, y FilingRow) bool { return slices.Equal(key(x), key(y)) }, func(r *FilingRow, n int) { r.Rank = n })

	tasks := s.tasks(p.Year, named)
	byTask := map[[2]string]model.TaskStatus{}
	for _, f := range filings {
		if f.Report != nil {
			for _, ts := range f.Report.Tasks {
				byTask[[2]string{ts.Task, f.Jurisdiction}] = ts
			}
		}
	}
	b.Progress = s.progress(tasks,
		func(j string) (string, Filing, bool) {
			f := filings[j]
			if f.Report != nil {
				return f.Report.ID, filingOf(f), true
			}
			return "", filingOf(f), false
		},
		func(task, j string) (string, bool) {
			ts, ok := byTask[[2]string{task, j}]
			return ts.Status, ok
		})
	b.Figures = s.figures(per.Start(), per.End())

	titles := map[string]TaskCol{}
	for _, t := range tasks {
		titles[t.ID] = t
	}
	for _, j := range s.local {
		f := filings[j.ID]
		r := f.Report
		if r == nil {
			continue
		}
		n := ReportNote{ID: r.ID, Name: j.Name, Filing: filingOf(f), Submitted: r.Submitted, By: r.By, Note: r.Note}
		for _, ts := range r.Tasks {
			col, ok := titles[ts.Task]
			if !ok {
				col = TaskCol{ID: ts.Task, Title: ts.Task}
			}
			n.Tasks = append(n.Tasks, TaskNote{Task: col, Status: State{s.Schemas.EnumOf(schema.Task, []string{"status"}, ts.Status)}, Note: ts.Note})
		}
		b.Reports = append(b.Reports, n)
	}
	return b
}

// YearView is the 通报 of a year across its periods.
type YearView struct {
	Head
	Rows     []YearRow      // each jurisdiction's filings, ranked
	Progress *ProgressTable // by the latest report on each task
	Figures  *FigureTable   // what each did in the year
}

// YearRow is one jurisdiction's filings of the year.
type YearRow struct {
	Rank                  int
	ID, Name              string
	Cells                 []Filing // one per period of the plan
	OnTime, Late, Missing int
	LateDays              int // the days late, summed over its late reports
}

// year builds the view of year, whose plan p asks for reports; p nil when
// it has none that does.
func (s *state) year(year int, p *model.Plan, years []int) *YearView {
	v := &YearView{Head: s.head(year, p, years)}
	if p == nil {
		return v
	}
	rows := map[string]*YearRow{} // valid until the rows are sorted
	missed := map[string]bool{}
	for _, j := range s.local {
		v.Rows = append(v.Rows, YearRow{ID: j.ID, Name: j.Name})
	}
	for i := range v.Rows {
		rows[v.Rows[i].ID] = &v.Rows[i]
	}
	for _, f := range s.Repo.Filings(p, s.local, s.Today) {
		r := rows[f.Jurisdiction]
		fi := filingOf(f)
		r.Cells = append(r.Cells, fi)
		switch fi.Value {
		case OnTime:
			r.OnTime++
		case Late:
			r.Late++
			r.LateDays += fi.Days
		case Missing:
			r.Missing++
			missed[f.Jurisdiction] = true
		}
	}
	key := func(r YearRow) []int { return []int{r.Missing, r.Late, r.LateDays} }
	slices.SortStableFunc(v.Rows, func(a, b YearRow) int { return slices.Compare(key(a), key(b)) })
	rank(v.Rows, func(a, b YearRow) bool { return slices.Equal(key(a), key(b)) }, func(r *YearRow, n int) { r.Rank = n })

	asOf := p.AsOf(s.Today)
	progress := s.Repo.Progress(asOf)
	named := map[string]bool{}
	reported := map[string]string{}
	for i := range s.Repo.Reports {
		r := &s.Repo.Reports[i]
		if r.Period.Year() == year && !r.Withdrawn() && !r.Submitted.Time().After(asOf) {
			for _, ts := range r.Tasks {
				named[ts.Task] = true
			}
			if prev, ok := reported[r.Jurisdiction]; !ok || prev < r.ID {
				reported[r.Jurisdiction] = r.ID
			}
		}
	}
	v.Progress = s.progress(s.tasks(year, named),
		func(j string) (string, Filing, bool) {
			id, ok := reported[j]
			f := Filing{Value: Pending}
			if missed[j] && !ok {
				f.Value = Missing
			}
			return id, f, ok
		},
		func(task, j string) (string, bool) {
			tr, ok := progress.Of(task, j)
			return tr.Status, ok
		})
	end := p.YearEnd()
	if asOf.Before(end) {
		end = asOf
	}
	v.Figures = s.figures(time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), end)
	return v
}

// Title is the 通报's title: 2020年第三季度全市见义勇为工作情况通报.
func (b *Bulletin) Title() string { return b.Period.Zh() + "全市见义勇为工作情况通报" }

// Title is the year's title: 2020年全市见义勇为工作情况通报.
func (v *YearView) Title() string {
	return strconv.Itoa(v.Year) + "年全市见义勇为工作情况通报"
}
