// Package taskboard lays out the year's key tasks for the internal site
// (DESIGN §7): each year's plan by section, with each task's status, due
// date, target and latest update, the overdue ones, and the matrix of
// jurisdictions against the tasks done in each. It computes; the
// templates print.
package taskboard

import (
	"cmp"
	"slices"
	"time"

	"github.com/yancheng-jyyw/roll/internal/history"
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
	Task        *model.Task
	Status      TaskStatus
	Scope       schema.EnumValue
	Path        string // from the site root
	Overdue     bool
	DaysOver    int     // days past due, when overdue
	Latest      *Update // the newest update
	Newest      []Update
	Percent     int // of the target reached, 0..100
	Progress    []JurisdictionStatus
	ProgressN   []StatusCount
	Statuses    []TaskStatus // the columns of the jurisdiction matrix, "not reported" last
	SectionName string
	History     history.Record
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
	Today   time.Time   // the build date: what is past due
	History *history.History
}

// board is the state of one run of Boards.
type board struct {
	Input
	local []model.Jurisdiction
}

// Boards returns the plan of the current year and of every earlier year
// with a plan or tasks, newest first.
func Boards(in Input) []*Board {
	s := &board{Input: in}
	for _, j := range in.Repo.Jurisdictions {
		if j.ID != "city" {
			s.local = append(s.local, j)
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
		if p.Year <= s.Year {
			b := get(p.Year)
			b.Plan = p
			b.History = s.History.Record(p.Src.File)
		}
	}
	sections := map[int]map[int]*SectionView{}
	progress := s.Repo.Progress(s.Today)
	for i := range s.Repo.Tasks {
		t := &s.Repo.Tasks[i]
		y := t.Year()
		if y > s.Year || y == 0 {
			continue
		}
		b := get(y)
		if sections[y] == nil {
			sections[y] = map[int]*SectionView{}
		}
		sec := sections[y][t.Section]
		if sec == nil {
			sec = &SectionView{Number: t.Section}
			sections[y][t.Section] = sec
		}
		tv := s.task(t, progress)
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

// task builds the view of one task; each jurisdiction's status on it is
// the one its latest report gives.
func (s *board) task(t *model.Task, progress model.Progress) *TaskView {
	tv := &TaskView{Task: t, Status: s.status(t.Status), Scope: s.Schemas.EnumOf(schema.Task, []string{"scope"}, t.Scope),
		Path: "tasks/" + t.ID + ".html", History: s.History.Record(t.Src.File)}
	if t.Due != "" && t.Status != "done" && t.Due.Time().Before(dateOnly(s.Today)) {
		tv.Overdue = true
		tv.DaysOver = daysBetween(t.Due.Time(), s.Today)
	}
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
	if t.Target != nil {
		tv.Percent = site.Percent(t.Target.Actual, t.Target.Value)
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
