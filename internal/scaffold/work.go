package scaffold

import (
	"cmp"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/records"
	"github.com/yancheng-jyyw/roll/internal/schema"
)

// ReportOptions describe a county's report for one period.
type ReportOptions struct {
	Jurisdiction string       // the county, district or zone that reports; required
	Period       model.Period // "": the latest period that has ended by today
}

// EventOptions describe a new event.
type EventOptions struct {
	Date         time.Time // zero: left for a person to fill, in the year of today
	Jurisdiction string    // optional
}

// TeamOptions describe a new team.
type TeamOptions struct {
	Jurisdiction string // required: the folder and the id name it
}

// Report plans records/reports/<year>/R-<period>-<jurisdiction>.yaml. Its
// id is its period and jurisdiction, so there is no number to choose: a
// report that exists already is not planned again (Write refuses it). The
// template lists the tasks the counties report on, each with the status
// the jurisdiction's previous report gave it.
func Report(fsys fs.FS, today time.Time, o ReportOptions) (File, error) {
	js, err := Jurisdictions(fsys)
	if err != nil {
		return File{}, err
	}
	if err := known(js, o.Jurisdiction); err != nil {
		return File{}, err
	}
	j := find(js, o.Jurisdiction)
	if j.ID == "city" || j.Kind == "city" {
		return File{}, problem(finding.Msg("the city does not report to itself: give the code of a county, district or zone"))
	}
	period, plan, err := reportPeriod(fsys, today, o.Period)
	if err != nil {
		return File{}, err
	}
	tasks, err := yearTasks(fsys, plan.Year)
	if err != nil {
		return File{}, err
	}
	var reported []reportTask
	for _, t := range tasks {
		if t.Scope == "each_jurisdiction" {
			reported = append(reported, reportTask{ID: t.ID, Title: t.Title})
		}
	}
	if len(reported) == 0 { // a plan without county tasks: report on all
		for _, t := range tasks {
			reported = append(reported, reportTask{ID: t.ID, Title: t.Title})
		}
	}
	set, err := vocabulary()
	if err != nil {
		return File{}, err
	}
	if prev, err := previousReport(fsys, plan.Year, j.ID, period); err != nil {
		return File{}, err
	} else if prev != nil {
		for i := range reported {
			for _, ts := range prev.Tasks {
				if ts.Task == reported[i].ID {
					reported[i].Previous = set.EnumTitle(schema.Report, []string{"tasks", "status"}, ts.Status)
				}
			}
		}
	}
	by := j.Name + "见义勇为基金会"
	if j.Kind == "zone" {
		by = j.Name + "见义勇为办公室"
	}
	id := "R-" + string(period) + "-" + j.ID
	data, err := render("report.yaml.tmpl", reportData{
		ID: id, Jurisdiction: j.ID, Name: j.Name, Period: string(period), By: by,
		Due: plan.Due(period).Format(time.DateOnly), Tasks: reported,
	})
	if err != nil {
		return File{}, err
	}
	return File{Path: fmt.Sprintf("records/reports/%d/%s.yaml", period.Year(), id), Data: data}, nil
}

// reportPeriod checks the period asked for against its year's plan, or
// finds the latest period that ended before today in the plans of this year
// and the last.
func reportPeriod(fsys fs.FS, today time.Time, p model.Period) (model.Period, *model.Plan, error) {
	if p != "" {
		if !p.Valid() {
			return "", nil, problem(finding.Msg("the period %q is not a year and a quarter or half, like 2020-Q3 or 2020-H1", string(p)))
		}
		plan, err := readPlan(fsys, p.Year())
		if err != nil {
			return "", nil, err
		}
		switch {
		case plan.Reporting == nil:
			return "", nil, problem(finding.Msg("the plan of %d asks for no reports: give its plan.yaml a reporting period", p.Year()))
		case plan.Reporting.Period != p.Unit():
			set, err := vocabulary()
			if err != nil {
				return "", nil, err
			}
			return "", nil, problem(finding.Msg("the plan of %d asks for reports by %s, and %s is not such a period",
				p.Year(), set.Word(schema.Plan, []string{"reporting", "period"}, plan.Reporting.Period), string(p)))
		case p.Start().After(today):
			return "", nil, problem(finding.Msg("the period %s has not begun yet", string(p)))
		}
		return p, plan, nil
	}
	var best model.Period
	var bestPlan *model.Plan
	for _, y := range []int{today.Year() - 1, today.Year()} {
		plan, err := readPlan(fsys, y)
		if err != nil {
			continue
		}
		for _, per := range plan.Periods() {
			if per.End().Before(today) && (best == "" || per.End().After(best.End())) {
				best, bestPlan = per, plan
			}
		}
	}
	if best == "" {
		return "", nil, problem(finding.Msg("no period that a plan asks reports for has ended by %s; give --period, like 2020-Q3", today.Format(time.DateOnly)))
	}
	return best, bestPlan, nil
}

// yearTasks reads the tasks of the plan of year, in the order of their
// numbers. A task that cannot be read is left out: the check reports it.
func yearTasks(fsys fs.FS, year int) ([]model.Task, error) {
	var tasks []model.Task
	var err error
	records.Walk(fsys, fmt.Sprintf("records/tasks/%d", year), func(e records.Entry) {
		if e.Problem != nil || err != nil || records.Kind(e.Path) != schema.Task {
			return
		}
		data, rerr := fs.ReadFile(fsys, e.Path)
		if rerr != nil {
			err = rerr
			return
		}
		var t model.Task
		if yaml.Unmarshal(data, &t) == nil && t.ID != "" {
			tasks = append(tasks, t)
		}
	})
	slices.SortFunc(tasks, func(a, b model.Task) int { return cmp.Compare(a.Number, b.Number) })
	return tasks, err
}

// previousReport is the jurisdiction's latest report of the year before
// period, nil when there is none.
func previousReport(fsys fs.FS, year int, jurisdiction string, period model.Period) (*model.Report, error) {
	var prev *model.Report
	var err error
	records.Walk(fsys, fmt.Sprintf("records/reports/%d", year), func(e records.Entry) {
		if e.Problem != nil || err != nil || records.Kind(e.Path) != schema.Report {
			return
		}
		data, rerr := fs.ReadFile(fsys, e.Path)
		if rerr != nil {
			err = rerr
			return
		}
		var r model.Report
		if yaml.Unmarshal(data, &r) != nil || r.Jurisdiction != jurisdiction || r.Status == "withdrawn" ||
			!r.Period.Valid() || !r.Period.End().Before(period.End()) {
			return
		}
		if prev == nil || r.Period.End().After(prev.Period.End()) {
			prev = &r
		}
	})
	return prev, err
}

// Event plans records/events/<year>/E-<year>-NNNN.yaml.
func Event(fsys fs.FS, today time.Time, o EventOptions) (File, error) {
	year, date, err := dated(o.Date, today)
	if err != nil {
		return File{}, err
	}
	js, err := Jurisdictions(fsys)
	if err != nil {
		return File{}, err
	}
	if o.Jurisdiction != "" {
		if err := known(js, o.Jurisdiction); err != nil {
			return File{}, err
		}
	}
	n, err := next(fsys, "records/events", "E", year)
	if err != nil {
		return File{}, err
	}
	tasks, err := yearTasks(fsys, year)
	if err != nil {
		return File{}, err
	}
	id := fmt.Sprintf("E-%d-%04d", year, n)
	data, err := render("event.yaml.tmpl", eventData{ID: id, Year: year, Date: date, Jurisdiction: o.Jurisdiction, Tasks: tasks})
	if err != nil {
		return File{}, err
	}
	return File{Path: fmt.Sprintf("records/events/%d/%s.yaml", year, id), Data: data}, nil
}

// Team plans records/teams/<jurisdiction>/TM-<jurisdiction>-NN.yaml.
func Team(fsys fs.FS, today time.Time, o TeamOptions) (File, error) {
	js, err := Jurisdictions(fsys)
	if err != nil {
		return File{}, err
	}
	if err := known(js, o.Jurisdiction); err != nil {
		return File{}, err
	}
	head := "TM-" + o.Jurisdiction + "-"
	n, err := highest(fsys, "records/teams", "", func(id string) (int, bool) {
		rest, ok := strings.CutPrefix(id, head)
		if !ok || len(rest) != 2 || !digits(rest) {
			return 0, false
		}
		k, _ := strconv.Atoi(rest)
		return k, true
	})
	if err != nil {
		return File{}, err
	}
	if n >= 99 {
		return File{}, problem(finding.Msg("the team numbers of %s are used up: a jurisdiction holds at most 99 teams", o.Jurisdiction))
	}
	id := fmt.Sprintf("%s%02d", head, n+1)
	data, err := render("team.yaml.tmpl", teamData{ID: id, Jurisdiction: o.Jurisdiction, Year: today.Year()})
	if err != nil {
		return File{}, err
	}
	return File{Path: fmt.Sprintf("records/teams/%s/%s.yaml", o.Jurisdiction, id), Data: data}, nil
}

// find returns the jurisdiction with id, which known has checked.
func find(js []model.Jurisdiction, id string) model.Jurisdiction {
	for _, j := range js {
		if j.ID == id {
			return j
		}
	}
	return model.Jurisdiction{}
}

// Template data of work.go's kinds; zero values render as placeholders.
type reportData struct {
	ID, Jurisdiction, Name, Period, By, Due string
	Tasks                                   []reportTask
}

// reportTask is a task a report gives a status for.
type reportTask struct {
	ID, Title string
	Previous  string // the status the previous report gave, in words; "" for none
}

type eventData struct {
	ID                 string
	Year               int
	Date, Jurisdiction string
	Tasks              []model.Task
}

type teamData struct {
	ID, Jurisdiction string
	Year             int
	Jurisdictions    []model.Jurisdiction
}
