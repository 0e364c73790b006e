// Package taskboard lays out the year's key tasks for the internal site
// (DESIGN §7): each year's plan by section, with each task's status, due
// date, target and latest update, the overdue ones, and the matrix of
// jurisdictions against the tasks done in each. It computes; the
// templates print.
package taskboard

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"github.com/yancheng-jyyw/roll/internal/history"
	"github.com/yancheng-jyyw/roll/internal/measure"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/internal/site"
)

// Board is one year's plan: its sections and their tasks.
type Board struct {
	Year     int
	Years    []YearLink
	Plan     *model.Plan    // nil when the year has tasks but no plan.yaml
	History  history.Record // of plan.yaml
	Sections []*SectionView
	Counts   []StatusCount // tasks by status
	Total    int
	Overdue  []*TaskView
	Matrix   *Matrix // each_jurisdiction tasks × jurisdictions; nil when none
	// Until is the day deadlines are measured to: the build date, the day
	// the year was closed, or the last day of a year left open.
	Until  model.Date
	Closed model.Date // the day the year was closed; "" while open
	// EndedDays is how many days ago the year ended, when it ended and was
	// not closed; 0 otherwise.
	EndedDays int
}

// SectionView is one numbered section of a plan with its tasks.
type SectionView struct {
	Number int
	Title  string
	Tasks  []*TaskView
}

// StatusCount is how many tasks or jurisdictions have a status.
type StatusCount struct {
	Status TaskStatus
	N      int
}

// TaskView is one task as the board and its own page show it.
type TaskView struct {
	Task     *model.Task
	Status   TaskStatus
	Scope    schema.EnumValue
	Path     string // from the site root
	Overdue  bool
	DaysOver int        // days past due to Until, when overdue; 0 for a task due on the last day of a year that ended
	Until    model.Date // the day deadlines are measured to (see Board)
	Closed   model.Date // the day its year was closed; "" while open
	// EndedDays is how many days ago its year ended, when it ended and was
	// not closed; 0 otherwise.
	EndedDays int
	Latest    *Update // the newest update
	Newest    []Update
	Percent   int // of the target reached, 0..100
	// Done is what the target reached: the figure counted from the
	// records when the target names a measure, else the typed actual.
	Done int
	// Measure is the target's measure with its word; Count, when there is
	// one, the figure counted and Counted its records, linked.
	Measure schema.EnumValue
	Count   *measure.Count
	Counted []Counted
	// Typed is the typed actual when it differs from the count (roll
	// check warns about it too).
	Typed       *int
	CarriedTo   *TaskLink  // the task of a later plan it went on as
	CarriedFrom []TaskLink // the tasks of earlier plans carried into it
	Progress    []JurisdictionStatus
	ProgressN   []StatusCount
	Statuses    []TaskStatus // the columns of the jurisdiction matrix, "not reported" last
	SectionName string
	History     history.Record
}

// OverdueZh says how late a task is: 已逾期 N 天, or 到期未完成 for a task
// due on the last day of a year that ended without it.
func (t *TaskView) OverdueZh() string {
	if t.DaysOver > 0 {
		return "已逾期 " + strconv.Itoa(t.DaysOver) + " 天"
	}
	return "到期未完成"
}

// Counted is a record counted toward a task's figure, and where it is.
type Counted struct {
	measure.Ref
	Path string // from the site's root; "" when the record has no page
}

// TaskLink names a task of another year and its page.
type TaskLink struct {
	ID     string
	Year   int
	Number int
	Title  string
	Path   string // from the site's root
}

// Update is one progress report on a task.
type Update struct {
	model.Update
	Status TaskStatus
}

// JurisdictionStatus is where one jurisdiction stands on a task.
type JurisdictionStatus struct {
	ID, Name string
	Status   TaskStatus // "" when not reported
}

// Matrix lays the each_jurisdiction tasks of a year against the
// jurisdictions.
type Matrix struct {
	Jurisdictions []model.Jurisdiction
	Rows          []*TaskView
}

// Input is what the boards are made from.
type Input struct {
	Repo    *model.Repo
	Schemas *schema.Set // their words for the statuses and scopes; the values themselves when nil
	Year    int         // the current year of the plan
	Today   time.Time   // the build date: what is past due, unless the plan's year was closed
	History *history.History
	// Link is the page of a record counted toward a figure, from the site's
	// root ("" for none); nil links nothing.
	Link func(measure.Ref) string
}

// board is the state of one run of Boards.
type board struct {
	Input
	local   []model.Jurisdiction
	tasks   map[string]*model.Task
	carried map[string][]*model.Task // by the id they were carried to
}

// Boards returns the plan of the current year and of every earlier year
// with a plan or tasks, newest first.
func Boards(in Input) []*Board {
	s := &board{Input: in, tasks: map[string]*model.Task{}, carried: map[string][]*model.Task{}}
	for _, j := range in.Repo.Jurisdictions {
		if j.ID != "city" {
			s.local = append(s.local, j)
		}
	}
	for i := range in.Repo.Tasks {
		t := &in.Repo.Tasks[i]
		s.tasks[t.ID] = t
		if t.CarriedTo != "" {
			s.carried[t.CarriedTo] = append(s.carried[t.CarriedTo], t)
		}
	}
	out := s.boards()
	for _, b := range out {
		for _, o := range out {
			b.Years = append(b.Years, YearLink{Year: o.Year, Current: o.Year == b.Year})
		}
	}
	return out
}

// YearLink is an entry of a page's year switcher.
type YearLink struct {
	Year    int
	Current bool
}

func (s *board) boards() []*Board {
	byYear := map[int]*Board{}
	get := func(y int) *Board {
		if b, ok := byYear[y]; ok {
			return b
		}
		b := &Board{Year: y}
		byYear[y] = b
		return b
	}
	get(s.Year)
	for i := range s.Repo.Plans {
		p := &s.Repo.Plans[i]
		// A later year's plan shows once it is issued: the tasks carried
		// into it link there.
		if p.Year <= s.Year || p.Issued != "" && !p.Issued.Time().After(s.Today) {
			b := get(p.Year)
			b.Plan = p
			b.History = s.History.Record(p.Src.File)
		}
	}
	for i := range s.Repo.Tasks {
		if y := s.Repo.Tasks[i].Year(); y > 0 && y <= s.Year {
			get(y)
		}
	}
	plans := map[int]*model.Plan{}
	progress := map[int]model.Progress{}
	for y, b := range byYear {
		p := b.Plan
		if p == nil {
			p = &model.Plan{Year: y}
		}
		until := p.Until(s.Today)
		plans[y] = p
		b.Until = model.Date(until.Format(time.DateOnly))
		b.Closed = p.Closed
		if p.Closed == "" && s.Today.After(p.YearEnd()) {
			b.EndedDays = daysBetween(p.YearEnd(), s.Today)
		}
		// A report that came after the year was closed is not counted.
		progress[y] = s.Repo.Progress(p.AsOf(s.Today))
	}
	sections := map[int]map[int]*SectionView{}
	for i := range s.Repo.Tasks {
		t := &s.Repo.Tasks[i]
		y := t.Year()
		b, ok := byYear[y]
		if !ok {
			continue
		}
		if sections[y] == nil {
			sections[y] = map[int]*SectionView{}
		}
		sec := sections[y][t.Section]
		if sec == nil {
			sec = &SectionView{Number: t.Section}
			sections[y][t.Section] = sec
		}
		tv := s.task(t, plans[y], progress[y])
		sec.Tasks = append(sec.Tasks, tv)
		b.Total++
		if tv.Overdue {
			b.Overdue = append(b.Overdue, tv)
		}
		if t.Scope == "each_jurisdiction" {
			if b.Matrix == nil {
				b.Matrix = &Matrix{Jurisdictions: s.local}
			}
			b.Matrix.Rows = append(b.Matrix.Rows, tv)
		}
	}
	var out []*Board
	for y, b := range byYear {
		if b.Plan != nil {
			for _, ps := range b.Plan.Sections {
				sec := sections[y][ps.Number]
				if sec == nil {
					sec = &SectionView{Number: ps.Number}
					if sections[y] == nil {
						sections[y] = map[int]*SectionView{}
					}
					sections[y][ps.Number] = sec
				}
				sec.Title = ps.Title
			}
		}
		counts := map[TaskStatus]int{}
		for _, sec := range sections[y] {
			slices.SortFunc(sec.Tasks, func(a, b *TaskView) int { return cmp.Compare(a.Task.Number, b.Task.Number) })
			for _, t := range sec.Tasks {
				t.SectionName = sec.Title
				counts[t.Status]++
			}
			b.Sections = append(b.Sections, sec)
		}
		slices.SortFunc(b.Sections, func(a, b *SectionView) int { return cmp.Compare(a.Number, b.Number) })
		slices.SortFunc(b.Overdue, func(a, b *TaskView) int { return cmp.Compare(a.Task.Number, b.Task.Number) })
		if b.Matrix != nil {
			slices.SortFunc(b.Matrix.Rows, func(a, b *TaskView) int { return cmp.Compare(a.Task.Number, b.Task.Number) })
		}
		b.Counts = s.statusCounts(counts)
		out = append(out, b)
	}
	slices.SortFunc(out, func(a, b *Board) int { return cmp.Compare(b.Year, a.Year) })
	return out
}

// statusCounts lists counts in board order, leaving out zero ones.
func (s *board) statusCounts(m map[TaskStatus]int) []StatusCount {
	var out []StatusCount
	for _, st := range s.statuses() {
		if m[st] > 0 {
			out = append(out, StatusCount{Status: st, N: m[st]})
		}
	}
	return out
}

// statuses are the task statuses in board order, "not reported" last.
func (s *board) statuses() []TaskStatus {
	out := make([]TaskStatus, 0, len(taskStatuses)+1)
	for _, v := range append(taskStatuses, "") {
		out = append(out, s.status(v))
	}
	return out
}

// status is the task status value with the schemas' word for it.
func (s *board) status(v string) TaskStatus {
	return TaskStatus{s.Schemas.EnumOf(schema.Task, []string{"status"}, v)}
}

// task builds the view of one task of plan p; each jurisdiction's status
// on it is the one its latest report gives.
func (s *board) task(t *model.Task, p *model.Plan, progress model.Progress) *TaskView {
	tv := &TaskView{Task: t, Status: s.status(t.Status), Scope: s.Schemas.EnumOf(schema.Task, []string{"scope"}, t.Scope),
		Path: "tasks/" + t.ID + ".html", History: s.History.Record(t.Src.File)}
	until := p.Until(s.Today)
	tv.Until, tv.Closed = model.Date(until.Format(time.DateOnly)), p.Closed
	if p.Closed == "" && s.Today.After(p.YearEnd()) {
		tv.EndedDays = daysBetween(p.YearEnd(), s.Today)
	}
	if t.Due != "" && t.Status != "done" {
		due := t.Due.Time()
		// Past due, or due by the end of a year that is over.
		if due.Before(until) || s.Today.After(p.YearEnd()) && !due.After(p.YearEnd()) {
			tv.Overdue = true
			tv.DaysOver = max(0, daysBetween(due, until))
		}
	}
	if next, ok := s.tasks[t.CarriedTo]; ok {
		tv.CarriedTo = taskLink(next)
	}
	for _, prev := range s.carried[t.ID] {
		tv.CarriedFrom = append(tv.CarriedFrom, *taskLink(prev))
	}
	slices.SortFunc(tv.CarriedFrom, func(a, b TaskLink) int { return cmp.Compare(a.ID, b.ID) })
	s.target(tv)
	for _, u := range t.Updates {
		tv.Newest = append(tv.Newest, Update{Update: u, Status: s.status(u.Status)})
	}
	// Newest first; updates of one day keep their written order reversed,
	// the later line being the later report.
	slices.Reverse(tv.Newest)
	slices.SortStableFunc(tv.Newest, func(a, b Update) int { return cmp.Compare(b.Date, a.Date) })
	if len(tv.Newest) > 0 {
		tv.Latest = &tv.Newest[0]
	}
	if t.Scope == "each_jurisdiction" {
		counts := map[TaskStatus]int{}
		for _, j := range s.local {
			st := s.status(progress.Status(t.ID, j.ID))
			tv.Progress = append(tv.Progress, JurisdictionStatus{ID: j.ID, Name: j.Name, Status: st})
			counts[st]++
		}
		tv.ProgressN = s.statusCounts(counts)
		tv.Statuses = s.statuses()
	}
	return tv
}

// target fills in what the task's target reached: counted from the
// records when it names a measure, else typed.
func (s *board) target(tv *TaskView) {
	tg := tv.Task.Target
	if tg == nil {
		return
	}
	if tg.Actual != nil {
		tv.Done = *tg.Actual
	}
	if tg.Measure != "" {
		tv.Measure = s.Schemas.EnumOf(schema.Task, []string{"target", "measure"}, tg.Measure)
		// An error only for a year beyond the festival calendar, which
		// the care page reports: the typed figure stands.
		if c, err := measure.Task(s.Repo, tv.Task); err == nil && c != nil {
			tv.Count, tv.Done = c, c.N
			if tg.Actual != nil && *tg.Actual != c.N {
				tv.Typed = tg.Actual
			}
			for _, r := range c.Records {
				cr := Counted{Ref: r}
				if s.Link != nil {
					cr.Path = s.Link(r)
				}
				tv.Counted = append(tv.Counted, cr)
			}
		}
	}
	tv.Percent = site.Percent(tv.Done, tg.Value)
}

// taskLink names t and its page.
func taskLink(t *model.Task) *TaskLink {
	return &TaskLink{ID: t.ID, Year: t.Year(), Number: t.Number, Title: t.Title, Path: "tasks/" + t.ID + ".html"}
}

// daysBetween counts whole days from a to b.
func daysBetween(a, b time.Time) int {
	return int(dateOnly(b).Sub(dateOnly(a)).Hours() / 24)
}

func dateOnly(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// TaskStatus is where a task, or a jurisdiction on a task, stands: a
// value of the schemas' enum with its word; the empty value when a
// jurisdiction has not reported.
type TaskStatus struct{ schema.EnumValue }

// notReported is the board's word for a jurisdiction with no report yet.
const notReported = "未报"

// Zh is the status in the schemas' words; 未报 when not reported.
func (s TaskStatus) Zh() string {
	if s.Value == "" {
		return notReported
	}
	return s.Title
}

// Class is the status as a CSS class suffix: "none" when not reported.
func (s TaskStatus) Class() string { return cmp.Or(s.Value, "none") }

// taskStatuses is the order of task statuses on the board.
var taskStatuses = []string{"done", "in_progress", "not_started", "blocked"}
