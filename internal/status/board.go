package status

import (
	"cmp"
	"slices"
	"time"

	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/site"
)

// Board is one year's plan: its sections and their tasks.
type Board struct {
	Frame
	Year     int
	Years    []YearLink
	Plan     *model.Plan // nil when the year has tasks but no plan.yaml
	History  Record      // of plan.yaml
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
	Status string
	N      int
}

// TaskView is one task as the board and its own page show it.
type TaskView struct {
	Frame
	Task        *model.Task
	Path        string // from the site root
	Overdue     bool
	DaysOver    int           // days past due, when overdue
	Latest      *model.Update // the newest update
	Newest      []model.Update
	Percent     int // of the target reached, 0..100
	Progress    []JurisdictionStatus
	ProgressN   []StatusCount
	SectionName string
	History     Record
}

// JurisdictionStatus is where one jurisdiction stands on a task.
type JurisdictionStatus struct {
	ID, Name string
	Status   string // "" when not reported
}

// Matrix lays the each_jurisdiction tasks of a year against the
// jurisdictions.
type Matrix struct {
	Jurisdictions []model.Jurisdiction
	Rows          []*TaskView
}

// boards returns the plan of the current year and of every earlier year
// with a plan or tasks, newest first.
func (s *statusSite) boards() []*Board {
	byYear := map[int]*Board{}
	get := func(y int) *Board {
		if b, ok := byYear[y]; ok {
			return b
		}
		b := &Board{Year: y}
		byYear[y] = b
		return b
	}
	get(s.year)
	for i := range s.repo.Plans {
		p := &s.repo.Plans[i]
		if p.Year <= s.year {
			b := get(p.Year)
			b.Plan = p
			b.History = s.record(p.Src.File)
		}
	}
	sections := map[int]map[int]*SectionView{}
	progress := s.repo.Progress(s.today)
	for i := range s.repo.Tasks {
		t := &s.repo.Tasks[i]
		y := t.Year()
		if y > s.year || y == 0 {
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
				b.Matrix = &Matrix{Jurisdictions: s.localJurisdictions()}
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
		counts := map[string]int{}
		for _, sec := range sections[y] {
			slices.SortFunc(sec.Tasks, func(a, b *TaskView) int { return cmp.Compare(a.Task.Number, b.Task.Number) })
			for _, t := range sec.Tasks {
				t.SectionName = sec.Title
				counts[t.Task.Status]++
			}
			b.Sections = append(b.Sections, sec)
		}
		slices.SortFunc(b.Sections, func(a, b *SectionView) int { return cmp.Compare(a.Number, b.Number) })
		slices.SortFunc(b.Overdue, func(a, b *TaskView) int { return cmp.Compare(a.Task.Number, b.Task.Number) })
		if b.Matrix != nil {
			slices.SortFunc(b.Matrix.Rows, func(a, b *TaskView) int { return cmp.Compare(a.Task.Number, b.Task.Number) })
		}
		b.Counts = statusCounts(counts)
		out = append(out, b)
	}
	slices.SortFunc(out, func(a, b *Board) int { return cmp.Compare(b.Year, a.Year) })
	return out
}

// statusCounts lists counts in board order, leaving out zero ones except
// for statuses the schema does not know, which are kept at the end.
func statusCounts(m map[string]int) []StatusCount {
	var out []StatusCount
	for _, st := range append(taskStatuses, "") {
		if m[st] > 0 {
			out = append(out, StatusCount{Status: st, N: m[st]})
		}
	}
	return out
}

// task builds the view of one task; each jurisdiction's status on it is
// the one its latest report gives.
func (s *statusSite) task(t *model.Task, progress model.Progress) *TaskView {
	tv := &TaskView{Task: t, Path: "tasks/" + t.ID + ".html", History: s.record(t.Src.File)}
	if t.Due != "" && t.Status != "done" && t.Due.Time().Before(dateOnly(s.today)) {
		tv.Overdue = true
		tv.DaysOver = daysBetween(t.Due.Time(), s.today)
	}
	tv.Newest = slices.Clone(t.Updates)
	// Newest first; updates of one day keep their written order reversed,
	// the later line being the later report.
	slices.Reverse(tv.Newest)
	slices.SortStableFunc(tv.Newest, func(a, b model.Update) int { return cmp.Compare(b.Date, a.Date) })
	if len(tv.Newest) > 0 {
		tv.Latest = &tv.Newest[0]
	}
	if t.Target != nil {
		tv.Percent = site.Percent(t.Target.Actual, t.Target.Value)
	}
	if t.Scope == "each_jurisdiction" {
		counts := map[string]int{}
		for _, j := range s.localJurisdictions() {
			st := progress.Status(t.ID, j.ID)
			tv.Progress = append(tv.Progress, JurisdictionStatus{ID: j.ID, Name: j.Name, Status: st})
			counts[st]++
		}
		tv.ProgressN = statusCounts(counts)
	}
	return tv
}

// Statuses are the columns of a task's jurisdiction matrix.
func (t *TaskView) Statuses() []string { return append(slices.Clone(taskStatuses), "") }

func dateOnly(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
