// Package measure counts the figures of the year's work from the records
// that serve them (DESIGN §7): what a task achieved, when its target names
// a measure (target.measure) instead of a typed actual, and what each
// jurisdiction did in a reporting period, for the 通报. Counting in one
// place keeps the task pages, the 通报 and roll check's warning about a
// typed figure on the same numbers.
//
// A count lists every record it counted, so that a page can link to each.
// Nothing here reads the clock: a task is counted over its plan's year, a
// period over its days.
package measure

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/yancheng-jyyw/roll/internal/festival"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/schema"
)

// The measures a task's target may name: the values of the task schema's
// target.measure, whose x-enum-titles say them in Chinese.
const (
	Events                   = "events"                     // events that name the task
	Participants             = "participants"               // the people those events reached
	NewDemonstrationStations = "new_demonstration_stations" // stations made demonstration stations in the year
	Teams                    = "teams"                      // active volunteer and rescue teams
	RescueTeams              = "rescue_teams"               // active rescue teams
	InformantMembers         = "informant_members"          // members of the active networks of informants
	InsuredHonorees          = "insured_honorees"           // city-level or higher honorees insured for the year
	FamiliesVisited          = "families_visited"           // priority families visited at both festivals
	Honorees                 = "honorees"                   // heroes awarded a title of the year
)

// Ref is a record counted toward a figure.
type Ref struct {
	Kind         schema.Kind // event, station, team or hero
	ID           string
	Name         string     // the event's title, the station's, team's or hero's name
	Jurisdiction string     // its jurisdiction's code
	Date         model.Date // the event's date, the station's demonstration_since, the team's since; "" for a hero
	N            int        // what it adds to the figure: participants, members, or 1
}

// Count is a figure counted from the records.
type Count struct {
	Measure string
	N       int
	Records []Ref // by date, then id
}

// Task counts the figure of t's target, over the year of its plan; nil
// when the target names no measure. An error only for a year whose
// festivals are beyond the calendar (families_visited).
func Task(r *model.Repo, t *model.Task) (*Count, error) {
	if t.Target == nil || t.Target.Measure == "" {
		return nil, nil
	}
	tg, year := t.Target, t.Year()
	end := time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	c := &Count{Measure: tg.Measure}
	switch tg.Measure {
	case Events, Participants:
		for i := range r.Events {
			e := &r.Events[i]
			if e.Status == "withdrawn" || e.Date.Year() != year || !slices.Contains(e.Tasks, t.ID) ||
				len(tg.EventKinds) > 0 && !slices.Contains(tg.EventKinds, e.Kind) {
				continue
			}
			n := 1
			if tg.Measure == Participants {
				n = e.Participants
			}
			c.add(Ref{Kind: schema.Event, ID: e.ID, Name: e.Title, Jurisdiction: e.Jurisdiction, Date: e.Date, N: n})
		}
	case NewDemonstrationStations:
		for i := range r.Stations {
			st := &r.Stations[i]
			if st.Status != "withdrawn" && st.Demonstration && st.DemonstrationSince.Year() == year {
				c.add(Ref{Kind: schema.Station, ID: st.ID, Name: st.Name, Jurisdiction: st.Jurisdiction, Date: st.DemonstrationSince, N: 1})
			}
		}
	case Teams, RescueTeams, InformantMembers:
		for i := range r.Teams {
			tm := &r.Teams[i]
			if !ActiveBy(tm, end) {
				continue
			}
			switch {
			case tg.Measure == Teams && (tm.Kind == "volunteer" || tm.Kind == "rescue"),
				tg.Measure == RescueTeams && tm.Kind == "rescue":
				c.add(Ref{Kind: schema.Team, ID: tm.ID, Name: tm.Name, Jurisdiction: tm.Jurisdiction, Date: tm.Since, N: 1})
			case tg.Measure == InformantMembers && tm.Kind == "informants":
				c.add(Ref{Kind: schema.Team, ID: tm.ID, Name: tm.Name, Jurisdiction: tm.Jurisdiction, Date: tm.Since, N: tm.Members})
			}
		}
	case InsuredHonorees, Honorees:
		for i := range r.Heroes {
			h := &r.Heroes[i]
			if h.Status == "withdrawn" || !honored(r, h, year, tg.Measure == InsuredHonorees) ||
				tg.Measure == InsuredHonorees && !slices.Contains(h.Insurance, year) {
				continue
			}
			c.add(Ref{Kind: schema.Hero, ID: h.ID, Name: h.Name, Jurisdiction: h.Jurisdiction, N: 1})
		}
	case FamiliesVisited:
		visited, err := familiesVisited(r, year)
		if err != nil {
			return nil, err
		}
		for _, h := range visited {
			c.add(Ref{Kind: schema.Hero, ID: h.ID, Name: h.Name, Jurisdiction: h.Jurisdiction, N: 1})
		}
	default:
		return nil, fmt.Errorf("task %s: no measure %q", t.ID, tg.Measure)
	}
	c.Records = sortRefs(c.Records)
	return c, nil
}

// sortRefs sorts refs by date and id, keeping the order of those with
// both equal: what slices.SortStableFunc gives, without moving the refs
// (a hundred bytes each) through a stable sort's merges, which took 0.55 s
// of a rebuild at 100,000 heroes.
func sortRefs(refs []Ref) []Ref {
	idx := make([]int32, len(refs))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(i, j int32) int {
		a, b := &refs[i], &refs[j]
		return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.ID, b.ID), cmp.Compare(i, j))
	})
	out := make([]Ref, len(refs))
	for k, i := range idx {
		out[k] = refs[i]
	}
	return out
}

func (c *Count) add(r Ref) {
	c.Records = append(c.Records, r)
	c.N += r.N
}

// ActiveBy reports whether the team was at work on day: in the books
// (status active) and formed by then.
func ActiveBy(t *model.Team, day time.Time) bool {
	return t.Status == "active" && (t.Since == "" || !t.Since.Time().After(day))
}

// honored reports whether h holds a title of year (of any level), or, with
// cityOrAbove, a city-level or higher title awarded in year or before: those
// the plan insures each year (task 9). Only confirmed heroes hold titles.
func honored(r *model.Repo, h *model.Hero, year int, cityOrAbove bool) bool {
	if h.Status != "confirmed" {
		return false
	}
	for _, a := range h.Honors {
		if !cityOrAbove && a.Year == year {
			return true
		}
		if cityOrAbove && a.Year <= year {
			if honor, ok := r.Honor(a.Honor); ok && honor.CityOrAbove() {
				return true
			}
		}
	}
	return false
}

// familiesVisited lists the priority families of year (DESIGN §7, plan
// task 8: of confirmed heroes who died or were disabled, and hardship
// families, whose deed was by the year's end) visited at both festivals
// of the year, a festival before the deed not asked for. The internal
// site's care page lays out the same families.
func familiesVisited(r *model.Repo, year int) ([]*model.Hero, error) {
	spring, autumn, err := festival.Days(year)
	if err != nil {
		return nil, err
	}
	type key struct{ hero, occasion string }
	seen := map[key]bool{}
	for i := range r.Visits {
		v := &r.Visits[i]
		if v.Status == "withdrawn" || v.Date.Year() != year {
			continue
		}
		for _, b := range v.Beneficiaries {
			seen[key{b.Hero, v.Occasion}] = true
		}
	}
	end := time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	var out []*model.Hero
	for i := range r.Heroes {
		h := &r.Heroes[i]
		deed := h.Deed.Date.Time()
		if h.Status != "confirmed" || !h.Priority() || deed.After(end) {
			continue
		}
		ok := true
		for occ, day := range map[string]time.Time{"spring_festival": spring, "mid_autumn": autumn} {
			if !day.Before(deed) && !seen[key{h.ID, occ}] {
				ok = false
			}
		}
		if ok {
			out = append(out, h)
		}
	}
	return out, nil
}

// Figures are what one jurisdiction did in a span of days, counted from
// the records: the figures of the 通报.
type Figures struct {
	Events       int // events it held
	Participants int // the people they reached
	Teams        int // its teams at work at the span's end
	Members      int // their members
	Visits       int // care visits it made
	Families     int // families cared for in them, counted once per visit (户次)
}

// Add adds o to f.
func (f *Figures) Add(o Figures) {
	f.Events += o.Events
	f.Participants += o.Participants
	f.Teams += o.Teams
	f.Members += o.Members
	f.Visits += o.Visits
	f.Families += o.Families
}

// Tally counts each jurisdiction's figures from the day from to the day to,
// both included, by jurisdiction code (the city's own under "city").
// Withdrawn records count for nothing.
func Tally(r *model.Repo, from, to time.Time) map[string]Figures {
	out := map[string]Figures{}
	in := func(d model.Date) bool {
		t := d.Time()
		return !t.IsZero() && !t.Before(from) && !t.After(to)
	}
	for i := range r.Events {
		e := &r.Events[i]
		if e.Status != "withdrawn" && in(e.Date) {
			f := out[e.Jurisdiction]
			f.Events++
			f.Participants += e.Participants
			out[e.Jurisdiction] = f
		}
	}
	for i := range r.Teams {
		t := &r.Teams[i]
		if ActiveBy(t, to) {
			f := out[t.Jurisdiction]
			f.Teams++
			f.Members += t.Members
			out[t.Jurisdiction] = f
		}
	}
	for i := range r.Visits {
		v := &r.Visits[i]
		if v.Status != "withdrawn" && in(v.Date) {
			f := out[v.Jurisdiction]
			f.Visits++
			f.Families += len(v.Beneficiaries)
			out[v.Jurisdiction] = f
		}
	}
	return out
}
