package model

import (
	"cmp"
	"slices"
	"strconv"
	"time"
)

// Reporting is how the counties report on a year's plan: plan.yaml's
// reporting.
type Reporting struct {
	Period  string `yaml:"period"`   // quarter | half
	DueDays int    `yaml:"due_days"` // a report is due this many days after its period ends
}

// Period is a reporting period, "2020-Q3" or "2020-H1".
type Period string

// Valid reports whether p is a year and a quarter (Q1–Q4) or a half (H1, H2).
func (p Period) Valid() bool {
	s := string(p)
	if len(s) != 7 || s[4] != '-' {
		return false
	}
	if _, err := strconv.Atoi(s[:4]); err != nil {
		return false
	}
	switch s[5:] {
	case "Q1", "Q2", "Q3", "Q4", "H1", "H2":
		return true
	}
	return false
}

// Year is the period's year, 0 when p is not Valid.
func (p Period) Year() int {
	if !p.Valid() {
		return 0
	}
	y, _ := strconv.Atoi(string(p)[:4])
	return y
}

// Unit is "quarter" or "half", as plan.yaml's reporting.period names them;
// "" when p is not Valid.
func (p Period) Unit() string {
	switch {
	case !p.Valid():
		return ""
	case p[5] == 'Q':
		return "quarter"
	}
	return "half"
}

// Zh names the period the Chinese way: 2020年第三季度, 2020年上半年; an
// invalid period as it is written.
func (p Period) Zh() string {
	if !p.Valid() {
		return string(p)
	}
	return string(p)[:4] + "年" + p.Short()
}

// Short names the period within its year: 第三季度, 下半年; "" when p is not
// Valid.
func (p Period) Short() string {
	if !p.Valid() {
		return ""
	}
	k := int(p[6] - '1')
	if p[5] == 'Q' {
		return "第" + "一二三四"[3*k:3*k+3] + "季度"
	}
	return "上下"[3*k:3*k+3] + "半年"
}

// months is the first month and the number of months of the period.
func (p Period) months() (first time.Month, n int) {
	k := int(p[6] - '0')
	if p[5] == 'Q' {
		return time.Month(3*k - 2), 3
	}
	return time.Month(6*k - 5), 6
}

// Start is the first day of the period; the zero time when p is not Valid.
func (p Period) Start() time.Time {
	if !p.Valid() {
		return time.Time{}
	}
	first, _ := p.months()
	return time.Date(p.Year(), first, 1, 0, 0, 0, 0, time.UTC)
}

// End is the last day of the period; the zero time when p is not Valid.
func (p Period) End() time.Time {
	if !p.Valid() {
		return time.Time{}
	}
	first, n := p.months()
	return time.Date(p.Year(), first+time.Month(n), 0, 0, 0, 0, 0, time.UTC)
}

// Periods lists the reporting periods of the plan's year that ended on or
// after the plan was issued: the counties report on a plan once it exists.
// Nil when the plan asks for no reports.
func (p *Plan) Periods() []Period {
	if p.Reporting == nil {
		return nil
	}
	letter, n := "Q", 4
	if p.Reporting.Period == "half" {
		letter, n = "H", 2
	}
	var out []Period
	for k := 1; k <= n; k++ {
		per := Period(strconv.Itoa(p.Year) + "-" + letter + strconv.Itoa(k))
		if !per.End().Before(p.Issued.Time()) {
			out = append(out, per)
		}
	}
	return out
}

// Due is the last day on which a report of per is on time.
func (p *Plan) Due(per Period) time.Time {
	days := 0
	if p.Reporting != nil {
		days = p.Reporting.DueDays
	}
	return per.End().AddDate(0, 0, days)
}

// AsOf is the day deadlines of the plan are measured to on day today: the
// day the year was closed once it is, never a later day.
func (p *Plan) AsOf(today time.Time) time.Time {
	if c := p.Closed.Time(); p.Closed != "" && (today.IsZero() || c.Before(today)) {
		return c
	}
	return today
}

// YearEnd is the last day of the plan's year.
func (p *Plan) YearEnd() time.Time {
	return time.Date(p.Year, 12, 31, 0, 0, 0, 0, time.UTC)
}

// Until is the day the plan's deadlines are measured to on day today (what
// is overdue, and by how many days): the day the year was closed once it
// is; for a year that ended and was never closed, its last day, so that
// a year left open is not overdue by the years since (its pages say how
// long ago it ended instead); otherwise today.
func (p *Plan) Until(today time.Time) time.Time {
	switch end := p.YearEnd(); {
	case p.Closed != "":
		return p.AsOf(today)
	case today.After(end):
		return end
	}
	return today
}

// Report is one county's report to the city for one period:
// records/reports/<year>/<id>.yaml (信息报送).
type Report struct {
	ID           string       `yaml:"id"` // R-<period>-<jurisdiction>
	Jurisdiction string       `yaml:"jurisdiction"`
	Period       Period       `yaml:"period"`
	Submitted    Date         `yaml:"submitted"` // the day the city received it
	By           string       `yaml:"by"`
	Tasks        []TaskStatus `yaml:"tasks"`
	Note         string       `yaml:"note"`
	Status       string       `yaml:"status"` // "" (active) | withdrawn
	Src          Source       `yaml:"-"`
}

// TaskStatus is a county's status on one task, as one report gives it.
type TaskStatus struct {
	Task   string `yaml:"task"`
	Status string `yaml:"status"` // not_started | in_progress | done | blocked
	Note   string `yaml:"note"`
}

// Withdrawn reports whether the report was withdrawn; it counts for nothing.
func (r *Report) Withdrawn() bool { return r.Status == "withdrawn" }

// Filing is how one jurisdiction reported for one period of a plan.
type Filing struct {
	Jurisdiction string
	Period       Period
	Due          time.Time // the last day to be on time
	Report       *Report   // nil when none was received by the as-of day
	// LateDays is how many days after Due the report came; 0 when on time.
	LateDays int
	// Missing is set when no report came and Due has passed: 未报.
	Missing bool
}

// Filings lists, for each period of the plan and each jurisdiction in js
// (the city itself left out), the report received for it by the plan's
// as-of day (see AsOf), in the order of the periods and of js. A period
// not yet due with no report is listed, neither late nor missing.
func (r *Repo) Filings(p *Plan, js []Jurisdiction, today time.Time) []Filing {
	periods := p.Periods()
	if len(periods) == 0 {
		return nil
	}
	asOf := p.AsOf(today)
	type key struct {
		period Period
		jur    string
	}
	got := map[key]*Report{}
	for i := range r.Reports {
		rep := &r.Reports[i]
		if rep.Withdrawn() || rep.Period.Year() != p.Year || !asOf.IsZero() && rep.Submitted.Time().After(asOf) {
			continue
		}
		k := key{rep.Period, rep.Jurisdiction}
		if _, dup := got[k]; !dup {
			got[k] = rep
		}
	}
	var out []Filing
	for _, per := range periods {
		due := p.Due(per)
		for _, j := range js {
			if j.Kind == "city" || j.ID == "city" {
				continue
			}
			f := Filing{Jurisdiction: j.ID, Period: per, Due: due, Report: got[key{per, j.ID}]}
			switch {
			case f.Report != nil:
				if sub := f.Report.Submitted.Time(); sub.After(due) {
					f.LateDays = int(sub.Sub(due).Hours() / 24)
				}
			case !asOf.IsZero() && asOf.After(due):
				f.Missing = true
			}
			out = append(out, f)
		}
	}
	return out
}

// Progress is where each jurisdiction stands on each task: the status the
// latest report naming the task gives it. It replaces the progress map that
// task files used to hold (DESIGN §3).
type Progress struct {
	latest map[progressKey]TaskReport
}

type progressKey struct{ task, jurisdiction string }

// TaskReport is a status on a task and the report that gave it.
type TaskReport struct {
	TaskStatus
	Report *Report
}

// Progress gathers the reports received on or before asOf (every report
// when asOf is zero), withdrawn ones left out.
func (r *Repo) Progress(asOf time.Time) Progress {
	reports := make([]*Report, 0, len(r.Reports))
	for i := range r.Reports {
		rep := &r.Reports[i]
		if rep.Withdrawn() || !asOf.IsZero() && rep.Submitted.Time().After(asOf) {
			continue
		}
		reports = append(reports, rep)
	}
	// Oldest first, so that a later report overwrites an earlier one.
	slices.SortStableFunc(reports, func(a, b *Report) int {
		return cmp.Or(a.Period.End().Compare(b.Period.End()), cmp.Compare(a.Submitted, b.Submitted))
	})
	p := Progress{latest: map[progressKey]TaskReport{}}
	for _, rep := range reports {
		for _, ts := range rep.Tasks {
			p.latest[progressKey{ts.Task, rep.Jurisdiction}] = TaskReport{TaskStatus: ts, Report: rep}
		}
	}
	return p
}

// Of returns the latest status that jurisdiction reported on task, and
// whether it reported one at all.
func (p Progress) Of(task, jurisdiction string) (TaskReport, bool) {
	tr, ok := p.latest[progressKey{task, jurisdiction}]
	return tr, ok
}

// Status is the latest status jurisdiction reported on task, "" when none.
func (p Progress) Status(task, jurisdiction string) string {
	return p.latest[progressKey{task, jurisdiction}].Status
}

// Event is one publicity, training, ceremony, meeting or community activity:
// records/events/<year>/<id>.yaml.
type Event struct {
	ID           string   `yaml:"id"`
	Date         Date     `yaml:"date"`
	Kind         string   `yaml:"kind"` // publicity | training | ceremony | meeting | community | other
	Title        string   `yaml:"title"`
	Jurisdiction string   `yaml:"jurisdiction"` // or city
	Tasks        []string `yaml:"tasks"`        // the plan tasks it counts toward
	Place        string   `yaml:"place"`
	Participants int      `yaml:"participants"`
	Public       bool     `yaml:"public"` // listed on the public site's news
	Note         string   `yaml:"note"`
	Status       string   `yaml:"status"` // "" (active) | withdrawn
	Src          Source   `yaml:"-"`
}

// Team is a volunteer or rescue team, or a county's network of informants:
// records/teams/<jurisdiction>/<id>.yaml (plan tasks 14 and 15).
type Team struct {
	ID           string     `yaml:"id"`
	Jurisdiction string     `yaml:"jurisdiction"`
	Kind         string     `yaml:"kind"` // volunteer | rescue | informants
	Name         string     `yaml:"name"`
	Members      int        `yaml:"members"`
	Since        Date       `yaml:"since"`
	Agreement    *Agreement `yaml:"agreement"`
	Contact      *Contact   `yaml:"contact"` // private
	Status       string     `yaml:"status"`  // active | dissolved | withdrawn
	Note         string     `yaml:"note"`
	Src          Source     `yaml:"-"`
}

// Agreement is a cooperation agreement signed with the foundation.
type Agreement struct {
	Date Date   `yaml:"date"`
	Doc  string `yaml:"doc"`
}

// Contact is a team's contact person: private.
type Contact struct {
	Name  string `yaml:"name"`
	Phone string `yaml:"phone"`
}
