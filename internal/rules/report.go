package rules

import (
	"strconv"
	"strings"
	"time"

	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/schema"
)

// work checks the records of the year's work: the counties' reports (DESIGN
// §5 rule 12), the plans' reporting and closing, events and teams.
func (c *checker) work() {
	for i := range c.repo.Plans {
		c.reporting(&c.repo.Plans[i])
	}
	for i := range c.repo.Reports {
		c.report(&c.repo.Reports[i])
	}
	for i := range c.repo.Events {
		c.event(&c.repo.Events[i])
	}
	for i := range c.repo.Teams {
		c.team(&c.repo.Teams[i])
	}
}

// reporting checks a plan's closing date and lists the reports that did not
// come: 未报 from the day after the due date, measured to the day the year
// was closed once it is.
func (c *checker) reporting(p *model.Plan) {
	src := p.Src
	if p.Closed != "" {
		c.future(src, p.Closed, "closed")
		if end := time.Date(p.Year, 12, 31, 0, 0, 0, 0, time.UTC); p.Closed.Time().Before(end) {
			c.errorf(src, src.At("closed"), "date", "the year %d is closed on %s, before it ended", p.Year, string(p.Closed))
		}
	}
	if p.Reporting == nil || c.today.IsZero() && p.Closed == "" {
		return
	}
	for _, f := range c.repo.Filings(p, c.repo.Jurisdictions, c.today) {
		if f.Missing {
			j, _ := c.repo.Jurisdiction(f.Jurisdiction)
			c.warnf(src, src.KeyAt("reporting"), "report", "no report of %s from %s (%s) came: it was due on %s",
				string(f.Period), f.Jurisdiction, j.Name, f.Due.Format(time.DateOnly))
		}
	}
}

// report checks one county's report: its id and folder, its plan and
// period, the tasks it names, and whether it came on time.
func (c *checker) report(r *model.Report) {
	src := r.Src
	if want := "R-" + string(r.Period) + "-" + r.Jurisdiction; r.ID != want {
		c.errorf(src, src.At("id"), "id", "the id %s does not match the period %s and the jurisdiction %s: it should be %s", r.ID, string(r.Period), r.Jurisdiction, want)
	}
	year := r.Period.Year()
	if strconv.Itoa(year) != folder(src.File) {
		c.errorf(src, src.At("period"), "id", "the report is in the folder %s but its period is of %d", folder(src.File), year)
	}
	if c.jurisdiction(src, r.Jurisdiction, "jurisdiction") {
		if j, _ := c.repo.Jurisdiction(r.Jurisdiction); j.Kind == "city" || j.ID == "city" {
			c.errorf(src, src.At("jurisdiction"), "report", "the city does not report to itself: a report is a county's, district's or zone's")
		}
	}
	c.future(src, r.Submitted, "submitted")
	if start := r.Period.Start(); r.Submitted.Time().Before(start) {
		c.errorf(src, src.At("submitted"), "date", "the report of %s was received on %s, before the period began", string(r.Period), string(r.Submitted))
	}
	p := c.plan(year)
	switch {
	case p == nil:
		c.errorf(src, src.At("period"), "ref", "there is no plan.yaml for the year %d", year)
	case p.Reporting == nil:
		c.errorf(src, src.At("period"), "report", "the plan of %d asks for no reports: give its plan.yaml a reporting period", year)
	case p.Reporting.Period != r.Period.Unit():
		c.errorf(src, src.At("period"), "report", "the plan of %d asks for reports by %s, and %s is not such a period",
			year, c.word(schema.Plan, []string{"reporting", "period"}, p.Reporting.Period), string(r.Period))
	default:
		if due := p.Due(r.Period); r.Submitted.Time().After(due) && !r.Withdrawn() {
			days := int(r.Submitted.Time().Sub(due).Hours() / 24)
			c.warnf(src, src.At("submitted"), "report", "the report of %s came %d days late: it was due on %s", string(r.Period), days, due.Format(time.DateOnly))
		}
	}
	ix := c.refs()
	seen := map[string]bool{}
	for i, ts := range r.Tasks {
		at := []string{"tasks", strconv.Itoa(i), "task"}
		if seen[ts.Task] {
			c.errorf(src, src.At(at...), "report", "the task %s is listed twice in this report", ts.Task)
		}
		seen[ts.Task] = true
		c.taskOf(src, ix, ts.Task, year, at...)
	}
}

// taskOf checks a reference to a task of the plan of year: it exists, and
// is of that year. It returns the task when it exists.
func (c *checker) taskOf(src model.Source, ix *index, id string, year int, at ...string) *model.Task {
	t, ok := ix.tasks[id]
	switch {
	case !ok:
		if !c.broken(id) {
			c.errorf(src, src.At(at...), "ref", "no task has the id %s", id)
		}
		return nil
	case t.Year() != year:
		c.errorf(src, src.At(at...), "ref", "the task %s is of the plan of %d, not of %d", id, t.Year(), year)
	}
	return t
}

// event checks an event: its folder and id year, its date, jurisdiction and
// the tasks it counts toward.
func (c *checker) event(e *model.Event) {
	src := e.Src
	year := e.Date.Year()
	if strconv.Itoa(year) != folder(src.File) {
		c.errorf(src, src.At("date"), "id", "the event is in the folder %s but its date is in %d", folder(src.File), year)
	}
	if y, err := strconv.Atoi(idYear(e.ID)); err == nil && y != year {
		c.errorf(src, src.At("id"), "id", "the id %s has the year %d but the event was in %d", e.ID, y, year)
	}
	c.future(src, e.Date, "date")
	c.jurisdiction(src, e.Jurisdiction, "jurisdiction")
	ix := c.refs()
	for i, id := range e.Tasks {
		c.taskOf(src, ix, id, year, "tasks", strconv.Itoa(i))
	}
}

// team checks a team: its folder and id, and its dates.
func (c *checker) team(t *model.Team) {
	src := t.Src
	if c.jurisdiction(src, t.Jurisdiction, "jurisdiction") && folder(src.File) != t.Jurisdiction {
		c.errorf(src, src.At("jurisdiction"), "id", "the team is in the folder %s but its jurisdiction is %s", folder(src.File), t.Jurisdiction)
	}
	if mid := strings.TrimSuffix(strings.TrimPrefix(t.ID, "TM-"), t.ID[max(0, len(t.ID)-3):]); mid != t.Jurisdiction {
		c.errorf(src, src.At("id"), "id", "the id %s does not name the jurisdiction %s: it should be TM-%s-NN", t.ID, t.Jurisdiction, t.Jurisdiction)
	}
	c.future(src, t.Since, "since")
	if a := t.Agreement; a != nil {
		c.future(src, a.Date, "agreement", "date")
	}
}

// carried checks a task's carried_to: a task of a later year's plan that
// exists.
func (c *checker) carried(t *model.Task) {
	if t.CarriedTo == "" {
		return
	}
	src := t.Src
	next, ok := c.refs().tasks[t.CarriedTo]
	switch {
	case !ok:
		if !c.broken(t.CarriedTo) {
			c.errorf(src, src.At("carried_to"), "ref", "no task has the id %s", t.CarriedTo)
		}
	case next.Year() <= t.Year():
		c.errorf(src, src.At("carried_to"), "ref", "a task is carried into a later year's plan, but %s is of the plan of %d", t.CarriedTo, next.Year())
	}
}

// idYear is the year in an id such as E-2020-0001: the four characters
// after the first dash.
func idYear(id string) string {
	_, rest, _ := strings.Cut(id, "-")
	if len(rest) < 4 {
		return ""
	}
	return rest[:4]
}
