package status

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/history"
	"github.com/yancheng-jyyw/roll/internal/idcard"
	"github.com/yancheng-jyyw/roll/internal/l10n"
	"github.com/yancheng-jyyw/roll/internal/model"
)

// Attention is what needs someone's attention: the data of the insurance,
// pending, stations and data-quality pages.
type Attention struct {
	Uninsured []Uninsured
	Pending   []Pending
	Stations  []StationRow
	Findings  []FindingRow
	Errors    int
	Warnings  int
}

// Uninsured is an honoree at city level or above without this year's
// comprehensive insurance.
type Uninsured struct {
	Hero         Link
	Jurisdiction string
	Honors       string // the city-level or higher titles held
	Insured      string // the years that are covered, "无" when none
	History      history.Record
}

// Pending is a confirmation still pending.
type Pending struct {
	Hero         Link
	Jurisdiction string
	Deed         model.Deed
	Days         int // since the deed, to the build date
	History      history.Record
}

// StationRow is one grassroots workstation.
type StationRow struct {
	*model.Station
	JurisdictionName string
	Scores           []model.Assessment // by year, newest first
	Latest           *model.Assessment
	History          history.Record
}

// FindingRow is one finding of roll check, rendered in Chinese.
type FindingRow struct {
	File     string
	Position string // file:line:col
	Severity string // 错误 | 警告
	Error    bool
	Text     string
	Rule     string
}

// heroLists are the heroes the insurance and pending pages list, in
// their order: what their keys and Stats need, without the rows of the
// pages, which are made only when one of them renders.
type heroLists struct {
	uninsured []*model.Hero // by id
	pending   []pendingHero // longest wait first, then by id
}

type pendingHero struct {
	h    *model.Hero
	days int // since the deed, to the build date
}

// listHero adds h to the lists of l he belongs on; every hero is given
// once as the roster gives him, in any order (lists.sort orders them).
func (s *statusSite) listHero(l *heroLists, h *model.Hero) {
	if s.isUninsured(h) {
		l.uninsured = append(l.uninsured, h)
	}
	if h.Status == "pending" {
		l.pending = append(l.pending, pendingHero{h, daysBetween(h.Deed.Date.Time(), s.today)})
	}
}

// heroLists finds the heroes the attention pages list.
func (s *statusSite) heroLists() *heroLists {
	l := &heroLists{}
	s.roster.Each(func(h *model.Hero) { s.listHero(l, h) })
	l.sort()
	return l
}

// sort puts the lists in their order: sorting the few listed, not
// every hero's id (0.1 s at 100,000 heroes, on every build).
func (l *heroLists) sort() {
	// Of two heroes with one id, both are the one the roster gives: the
	// order between them does not matter, and the sorts need not be
	// stable.
	slices.SortFunc(l.uninsured, func(x, y *model.Hero) int { return strings.Compare(x.ID, y.ID) })
	// Longest wait first, then by id.
	slices.SortFunc(l.pending, func(x, y pendingHero) int {
		if x.days != y.days {
			return cmp.Compare(y.days, x.days)
		}
		return strings.Compare(x.h.ID, y.h.ID)
	})
}

// findingRows is how many rows the data-quality page lists.
func (s *statusSite) findingRows() int {
	n := len(s.findings)
	if s.hist.Shallow {
		n++
	}
	return n
}

// attention gathers the lists of the attention pages.
func (s *statusSite) attention(l *heroLists) *Attention {
	a := &Attention{}
	for _, h := range l.uninsured {
		a.Uninsured = append(a.Uninsured, s.uninsured(h))
	}
	for _, p := range l.pending {
		h := p.h
		a.Pending = append(a.Pending, Pending{
			Hero: s.linkTo(h), Jurisdiction: s.jurisdiction(h.Jurisdiction), Deed: h.Deed,
			Days: p.days, History: s.record(h.Src.File),
		})
	}

	for i := range s.repo.Stations {
		st := &s.repo.Stations[i]
		if st.Status == "withdrawn" {
			continue
		}
		row := StationRow{Station: st, JurisdictionName: s.jurisdiction(st.Jurisdiction), History: s.record(st.Src.File)}
		row.Scores = slices.Clone(st.Assessments)
		slices.SortStableFunc(row.Scores, func(x, y model.Assessment) int { return cmp.Compare(y.Year, x.Year) })
		if len(row.Scores) > 0 {
			row.Latest = &row.Scores[0]
		}
		a.Stations = append(a.Stations, row)
	}
	order := map[string]int{}
	for i, j := range s.repo.Jurisdictions {
		order[j.ID] = i
	}
	slices.SortStableFunc(a.Stations, func(x, y StationRow) int {
		return cmp.Or(cmp.Compare(order[x.Jurisdiction], order[y.Jurisdiction]), cmp.Compare(x.ID, y.ID))
	})

	p := l10n.Printer(l10n.Chinese)
	if s.hist.Shallow {
		a.Findings = append(a.Findings, FindingRow{Severity: "警告", Text: shallowNotice, Rule: "history"})
		a.Warnings++
	}
	for _, f := range s.findings {
		row := FindingRow{
			File: f.File, Position: f.Where(), Severity: "警告",
			Text: idcard.MaskNumbers(f.Text(p)), Rule: f.Rule,
		}
		if f.Severity == finding.Error {
			row.Severity, row.Error = "错误", true
			a.Errors++
		} else {
			a.Warnings++
		}
		a.Findings = append(a.Findings, row)
	}
	return a
}

// isUninsured reports whether h, confirmed and living, holds a city-level
// or higher title awarded by the current year but is not insured for it
// (the rule behind roll check's insurance warning, DESIGN §5 rule 8).
func (s *statusSite) isUninsured(h *model.Hero) bool {
	if h.Status != "confirmed" || h.Died() || h.Outcome == "missing" || slices.Contains(h.Insurance, s.year) {
		return false
	}
	for _, aw := range h.Honors {
		if honor, ok := s.repo.Honor(aw.Honor); ok && honor.CityOrAbove() && aw.Year <= s.year {
			return true
		}
	}
	return false
}

// uninsured is the row of the insurance page of h, whom isUninsured
// lists.
func (s *statusSite) uninsured(h *model.Hero) Uninsured {
	var titles []string
	for _, aw := range h.Honors {
		honor, ok := s.repo.Honor(aw.Honor)
		if ok && honor.CityOrAbove() && aw.Year <= s.year {
			titles = append(titles, honor.Name+"（"+strconv.Itoa(aw.Year)+"）")
		}
	}
	insured := "无"
	if len(h.Insurance) > 0 {
		ys := slices.Clone(h.Insurance)
		slices.Sort(ys)
		var parts []string
		for _, y := range ys {
			parts = append(parts, strconv.Itoa(y))
		}
		insured = strings.Join(parts, "、")
	}
	return Uninsured{
		Hero: s.linkTo(h), Jurisdiction: s.jurisdiction(h.Jurisdiction),
		Honors: strings.Join(titles, "、"), Insured: insured, History: s.record(h.Src.File),
	}
}
