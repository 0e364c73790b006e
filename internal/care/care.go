// Package care lays out a year's care visits for the internal site
// (DESIGN §7, plan task 8): the priority families (of heroes who died or
// were disabled, and hardship families) against the Spring Festival and
// Mid-Autumn visits, with what was spent by jurisdiction and occasion.
package care

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/yancheng-jyyw/roll/internal/festival"
	"github.com/yancheng-jyyw/roll/internal/history"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/schema"
)

// Care is one year's care visits: the priority families against the two
// festivals the plan names (task 8), and what was spent.
type Care struct {
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
	Amount   Yuan
	Items    string
}

// VisitRow is one visit in the year's list.
type VisitRow struct {
	*model.Visit
	Jurisdiction string
	Occasion     string
	Heroes       []Link
	Amount       Yuan
	Visitors     string
	History      history.Record
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
	Amount Yuan
}

// TotalCell is the visits of one jurisdiction at one occasion.
type TotalCell struct {
	Visits, People int
	Amount         Yuan
}

// festivals returns the two festivals of year, or an error for a year
// beyond the calendar table.
func festivals(year int) ([]Festival, error) {
	spring, autumn, err := festival.Days(year)
	if err != nil {
		return nil, err
	}
	return []Festival{
		{Occasion: "spring_festival", Name: "春节", Date: model.Date(spring.Format(time.DateOnly))},
		{Occasion: "mid_autumn", Name: "中秋", Date: model.Date(autumn.Format(time.DateOnly))},
	}, nil
}

// Reasons says why a hero's family is a priority family, "" when it is not
// one or the hero is not confirmed: the outcome (牺牲, 致残) and the
// hardship, in the words of the schemas, so that the care pages and the
// roster say what the record's form says; the values themselves when sc
// is nil.
func Reasons(sc *schema.Set, h *model.Hero) string {
	if h.Status != "confirmed" || !h.Priority() {
		return ""
	}
	var r []string
	switch h.Outcome {
	case "deceased", "disabled":
		r = append(r, sc.EnumOf(schema.Hero, []string{"outcome"}, h.Outcome).Zh())
	}
	if h.Hardship {
		word := "hardship"
		if sc != nil {
			word = cmp.Or(sc.Title(schema.Hero, "hardship"), word)
		}
		r = append(r, word)
	}
	return strings.Join(r, "、")
}

// Input is what the pages of care visits are made from.
type Input struct {
	Repo    *model.Repo
	Schemas *schema.Set // their words for the occasions; the values themselves when nil
	Year    int         // the current year of the plan
	History *history.History
	// HeroLink names a hero and links the record from a page one folder
	// below the site's root; a hero it does not know has no Path.
	HeroLink func(id string) Link
	// Jurisdiction names a jurisdiction.
	Jurisdiction func(id string) string
}

// Link names a record and its page.
type Link struct {
	ID, Name, Path string
}

// YearLink is an entry of a page's year switcher.
type YearLink struct {
	Year    int
	Current bool
}

// state is one run of Years.
type state struct {
	Input
	heroIDs []string
	heroes  map[string]*model.Hero
}

func newState(in Input) *state {
	s := &state{Input: in, heroes: map[string]*model.Hero{}}
	for i := range in.Repo.Heroes {
		h := &in.Repo.Heroes[i]
		s.heroes[h.ID] = h
		s.heroIDs = append(s.heroIDs, h.ID)
	}
	slices.Sort(s.heroIDs)
	return s
}

// Years returns the visits of the current year and of every earlier year
// with visits, newest first; an error for a year beyond the calendar.
func Years(in Input) ([]*Care, error) {
	out, err := newState(in).cares()
	for _, c := range out {
		for _, o := range out {
			c.Years = append(c.Years, YearLink{Year: o.Year, Current: o.Year == c.Year})
		}
	}
	return out, err
}

// Year returns one year's view, without the year switcher.
func Year(in Input, year int) (*Care, error) { return newState(in).care(year) }

func (s *state) cares() ([]*Care, error) {
	years := []int{s.Year}
	for _, v := range s.Repo.Visits {
		if y := v.Date.Year(); y < s.Year && y > 0 && !slices.Contains(years, y) {
			years = append(years, y)
		}
	}
	slices.SortFunc(years, func(a, b int) int { return cmp.Compare(b, a) })
	var out []*Care
	for _, y := range years {
		c, err := s.care(y)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// care builds one year's view.
func (s *state) care(year int) (*Care, error) {
	fs, err := festivals(year)
	if err != nil {
		return nil, err
	}
	c := &Care{Year: year, Festivals: fs}
	var visits []*model.Visit
	for i := range s.Repo.Visits {
		v := &s.Repo.Visits[i]
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
				Amount: Yuan(b.Amount), Items: b.Items,
			})
		}
	}
	yearEnd := model.Date(time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC).Format(time.DateOnly))
	for _, id := range s.heroIDs {
		h := s.heroes[id]
		reasons := Reasons(s.Schemas, h)
		if reasons == "" || h.Deed.Date > yearEnd {
			continue
		}
		f := &Family{Hero: s.HeroLink(id), Jurisdiction: s.Jurisdiction(h.Jurisdiction), Reasons: reasons}
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
	for i, j := range s.Repo.Jurisdictions {
		order[j.Name] = i
	}
	slices.SortStableFunc(c.Families, func(a, b *Family) int {
		return cmp.Or(cmp.Compare(order[a.Jurisdiction], order[b.Jurisdiction]), cmp.Compare(a.Hero.ID, b.Hero.ID))
	})
	c.Totals = s.totals(visits)
	for _, v := range visits {
		row := VisitRow{
			Visit: v, Jurisdiction: s.Jurisdiction(v.Jurisdiction), Occasion: s.occasion(v.Occasion),
			Visitors: strings.Join(v.Visitors, "、"), History: s.History.Record(v.Src.File),
		}
		for _, b := range v.Beneficiaries {
			row.Heroes = append(row.Heroes, s.HeroLink(b.Hero))
			row.Amount += Yuan(b.Amount)
		}
		c.Visits = append(c.Visits, row)
	}
	return c, nil
}

// totals sums visits by jurisdiction (catalog order) and occasion (schema
// order), keeping only the rows and columns that have visits.
func (s *state) totals(visits []*model.Visit) *Totals {
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
		t.Occasions = append(t.Occasions, s.occasion(o))
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
		r.Cells[i].Amount += Yuan(amount)
		r.Visits++
		r.People += len(v.Beneficiaries)
		r.Amount += Yuan(amount)
	}
	ids := make([]string, 0, len(s.Repo.Jurisdictions))
	for _, j := range s.Repo.Jurisdictions {
		ids = append(ids, j.ID)
	}
	for _, v := range visits {
		if !slices.Contains(ids, v.Jurisdiction) {
			ids = append(ids, v.Jurisdiction)
		}
	}
	for _, id := range ids {
		row := TotalRow{Name: s.Jurisdiction(id), Cells: make([]TotalCell, len(occ))}
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

// occasions is the order of the visit occasions in the schema.
var occasions = []string{
	"spring_festival", "qingming", "mid_autumn", "summer_care", "recuperation",
	"summer_camp", "education_aid", "hospital", "other",
}

// occasion is a visit's occasion in the words of the schemas.
func (s *state) occasion(o string) string {
	return s.Schemas.EnumOf(schema.Visit, []string{"occasion"}, o).Zh()
}

// Yuan is an amount of whole yuan.
type Yuan int

// Zh writes the amount with digit grouping and its unit: 12,000 元.
func (y Yuan) Zh() string {
	n := int(y)
	s := strconv.Itoa(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out) + " 元"
	}
	return string(out) + " 元"
}
