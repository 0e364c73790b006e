package status

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/yancheng-jyyw/roll/internal/model"
)

// Care is one year's care visits: the priority families against the two
// festivals the plan names (task 8), and what was spent.
type Care struct {
	Frame
	Year       int
	Years      []YearLink
	Festivals  []Festival
	Families   []*Family
	NotVisited int // festival cells of priority families still without a visit
	Visited    int
	Totals     *Totals
	Visits     []VisitRow // every visit of the year, by date
}

// Festival is a festival families are visited for.
type Festival struct {
	Occasion string     // spring_festival | mid_autumn
	Name     string     // 春节
	Date     model.Date // the festival day of that year
	Approx   bool       // the year is outside the table: Date is the latest it can fall on
}

// Family is a priority hero's family and its festival visits.
type Family struct {
	Hero         Link
	Jurisdiction string
	Reasons      string // 牺牲、困难家庭
	Cells        []CareCell
}

// CareCell is one family at one festival.
type CareCell struct {
	State  string // "visited", "missing" (not yet) or "na" (the deed came after the festival)
	Visits []VisitLine
}

// VisitLine is one visit to one family.
type VisitLine struct {
	VisitID  string
	Date     model.Date
	Visitors string
	Amount   int
	Items    string
}

// VisitRow is one visit in the year's list.
type VisitRow struct {
	*model.Visit
	Jurisdiction string
	Occasion     string
	Heroes       []Link
	Amount       int
	Visitors     string
	History      Record
}

// Totals are a year's visits by jurisdiction and occasion.
type Totals struct {
	Occasions []string // labels, in schema order, only those with visits
	Rows      []TotalRow
	Sum       TotalRow
}

// TotalRow is one jurisdiction's visits (or the sum over all).
type TotalRow struct {
	Name   string
	Cells  []TotalCell // one per occasion of Totals
	Visits int
	People int // families cared for, counted once per visit
	Amount int
}

// TotalCell is the visits of one jurisdiction at one occasion.
type TotalCell struct {
	Visits, People, Amount int
}

// festivalDays are the Spring Festival and Mid-Autumn days by year, from the
// Chinese calendar.
var festivalDays = map[int][2]string{
	2010: {"2010-02-14", "2010-09-22"}, 2011: {"2011-02-03", "2011-09-12"},
	2012: {"2012-01-23", "2012-09-30"}, 2013: {"2013-02-10", "2013-09-19"},
	2014: {"2014-01-31", "2014-09-08"}, 2015: {"2015-02-19", "2015-09-27"},
	2016: {"2016-02-08", "2016-09-15"}, 2017: {"2017-01-28", "2017-10-04"},
	2018: {"2018-02-16", "2018-09-24"}, 2019: {"2019-02-05", "2019-09-13"},
	2020: {"2020-01-25", "2020-10-01"}, 2021: {"2021-02-12", "2021-09-21"},
	2022: {"2022-02-01", "2022-09-10"}, 2023: {"2023-01-22", "2023-09-29"},
	2024: {"2024-02-10", "2024-09-17"}, 2025: {"2025-01-29", "2025-10-06"},
	2026: {"2026-02-17", "2026-09-25"}, 2027: {"2027-02-06", "2027-09-15"},
	2028: {"2028-01-26", "2028-10-03"}, 2029: {"2029-02-13", "2029-09-22"},
	2030: {"2030-02-03", "2030-09-12"},
}

// festivals returns the two festivals of year. Outside the table each is
// put on the latest day it can fall on (Feb 20, Oct 8), so a family is
// never excused from a visit it might have been owed.
func festivals(year int) []Festival {
	days, ok := festivalDays[year]
	if !ok {
		y := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
		days = [2]string{y.AddDate(0, 1, 19).Format(time.DateOnly), y.AddDate(0, 9, 7).Format(time.DateOnly)}
	}
	return []Festival{
		{Occasion: "spring_festival", Name: "春节", Date: model.Date(days[0]), Approx: !ok},
		{Occasion: "mid_autumn", Name: "中秋", Date: model.Date(days[1]), Approx: !ok},
	}
}

// priorityReasons says why a hero's family is a priority family, "" when
// it is not one or the hero is not confirmed.
func priorityReasons(h *model.Hero) string {
	if h.Status != "confirmed" || !h.Priority() {
		return ""
	}
	var r []string
	switch h.Outcome {
	case "deceased":
		r = append(r, "牺牲")
	case "disabled":
		r = append(r, "致残")
	}
	if h.Hardship {
		r = append(r, "困难家庭")
	}
	return strings.Join(r, "、")
}

// cares returns the visits of the current year and of every earlier year
// with visits, newest first.
func (s *statusSite) cares() []*Care {
	years := []int{s.year}
	for _, v := range s.repo.Visits {
		if y := v.Date.Year(); y < s.year && y > 0 && !slices.Contains(years, y) {
			years = append(years, y)
		}
	}
	slices.SortFunc(years, func(a, b int) int { return cmp.Compare(b, a) })
	var out []*Care
	for _, y := range years {
		out = append(out, s.care(y))
	}
	return out
}

// care builds one year's view.
func (s *statusSite) care(year int) *Care {
	c := &Care{Year: year, Festivals: festivals(year)}
	var visits []*model.Visit
	for i := range s.repo.Visits {
		v := &s.repo.Visits[i]
		if v.Date.Year() == year && v.Status != "withdrawn" {
			visits = append(visits, v)
		}
	}
	slices.SortStableFunc(visits, func(a, b *model.Visit) int { return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.ID, b.ID)) })

	// Visits by hero and occasion.
	type key struct{ hero, occasion string }
	lines := map[key][]VisitLine{}
	for _, v := range visits {
		for _, b := range v.Beneficiaries {
			k := key{b.Hero, v.Occasion}
			lines[k] = append(lines[k], VisitLine{
				VisitID: v.ID, Date: v.Date, Visitors: strings.Join(v.Visitors, "、"),
				Amount: b.Amount, Items: b.Items,
			})
		}
	}
	yearEnd := model.Date(time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC).Format(time.DateOnly))
	for _, id := range s.heroIDs {
		h := s.heroes[id]
		reasons := priorityReasons(h)
		if reasons == "" || h.Deed.Date > yearEnd {
			continue
		}
		f := &Family{Hero: s.heroLink(id, 1), Jurisdiction: s.jurisdiction(h.Jurisdiction), Reasons: reasons}
		for _, fest := range c.Festivals {
			cell := CareCell{Visits: lines[key{id, fest.Occasion}]}
			switch {
			case len(cell.Visits) > 0:
				cell.State = "visited"
				c.Visited++
			case fest.Date < h.Deed.Date:
				cell.State = "na"
			default:
				cell.State = "missing"
				c.NotVisited++
			}
			f.Cells = append(f.Cells, cell)
		}
		c.Families = append(c.Families, f)
	}
	// Families in catalog order of their jurisdictions, then by id.
	order := map[string]int{}
	for i, j := range s.repo.Jurisdictions {
		order[j.Name] = i
	}
	slices.SortStableFunc(c.Families, func(a, b *Family) int {
		return cmp.Or(cmp.Compare(order[a.Jurisdiction], order[b.Jurisdiction]), cmp.Compare(a.Hero.ID, b.Hero.ID))
	})
	c.Totals = s.totals(visits)
	for _, v := range visits {
		row := VisitRow{
			Visit: v, Jurisdiction: s.jurisdiction(v.Jurisdiction), Occasion: s.label("occasion", v.Occasion),
			Visitors: strings.Join(v.Visitors, "、"), History: s.record(v.Src.File),
		}
		for _, b := range v.Beneficiaries {
			row.Heroes = append(row.Heroes, s.heroLink(b.Hero, 1))
			row.Amount += b.Amount
		}
		c.Visits = append(c.Visits, row)
	}
	return c
}

// totals sums visits by jurisdiction (catalog order) and occasion (schema
// order), keeping only the rows and columns that have visits.
func (s *statusSite) totals(visits []*model.Visit) *Totals {
	var occ []string
	for _, o := range occasions {
		if slices.ContainsFunc(visits, func(v *model.Visit) bool { return v.Occasion == o }) {
			occ = append(occ, o)
		}
	}
	for _, v := range visits {
		if !slices.Contains(occasions, v.Occasion) && !slices.Contains(occ, v.Occasion) {
			occ = append(occ, v.Occasion)
		}
	}
	t := &Totals{}
	for _, o := range occ {
		t.Occasions = append(t.Occasions, s.label("occasion", o))
	}
	t.Sum = TotalRow{Name: "合计", Cells: make([]TotalCell, len(occ))}
	add := func(r *TotalRow, v *model.Visit) {
		i := slices.Index(occ, v.Occasion)
		amount := 0
		for _, b := range v.Beneficiaries {
			amount += b.Amount
		}
		r.Cells[i].Visits++
		r.Cells[i].People += len(v.Beneficiaries)
		r.Cells[i].Amount += amount
		r.Visits++
		r.People += len(v.Beneficiaries)
		r.Amount += amount
	}
	ids := make([]string, 0, len(s.repo.Jurisdictions))
	for _, j := range s.repo.Jurisdictions {
		ids = append(ids, j.ID)
	}
	for _, v := range visits {
		if !slices.Contains(ids, v.Jurisdiction) {
			ids = append(ids, v.Jurisdiction)
		}
	}
	for _, id := range ids {
		row := TotalRow{Name: s.jurisdiction(id), Cells: make([]TotalCell, len(occ))}
		for _, v := range visits {
			if v.Jurisdiction == id {
				add(&row, v)
			}
		}
		if row.Visits > 0 {
			t.Rows = append(t.Rows, row)
		}
	}
	for _, v := range visits {
		add(&t.Sum, v)
	}
	return t
}
