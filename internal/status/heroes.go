package status

import (
	"cmp"
	"encoding/json"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/yancheng-jyyw/roll/internal/history"
	"github.com/yancheng-jyyw/roll/internal/idcard"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/internal/site"
)

// HeroList is the page of every hero, with the charts.
type HeroList struct {
	Frame
	ByJurisdiction *Chart
	ByYear         *Chart
	Rows           []HeroRow
	Counts         []StatusCount // by hero status, in the order pending, confirmed, withdrawn
}

// HeroRow is one hero in the list.
type HeroRow struct {
	Hero         Link
	Jurisdiction string
	Status       string
	DeedDate     model.Date
	Outcome      string
	Priority     string
	Last         *history.Commit
}

// HeroPage is one hero's internal record.
type HeroPage struct {
	Frame
	// Hero holds the public and internal fields of the record only: it is
	// decoded from the record's internal projection, so the private ones
	// are empty.
	Hero         model.Hero
	Jurisdiction string
	Honors       []HonorRow
	Insured      bool // for the current year
	Insurance    string
	Priority     string
	Private      PrivateView
	Visits       []HeroVisit
	Narrative    template.HTML
	History      Record
}

// HonorRow is a title held, with its catalog entry.
type HonorRow struct {
	Name, Level string
	Year        int
	Posthumous  bool
	Note        string
}

// PrivateView is what the internal site shows of the private fields: the
// ID number and phone masked, the address and next of kin with any number
// in them masked. The disability grade is not shown.
type PrivateView struct {
	IDNumber, Phone, Address, NextOfKin string
	DisabilityGrade                     bool // a grade is recorded
}

// HeroVisit is one visit to the hero's family.
type HeroVisit struct {
	VisitID, Occasion, Visitors, Items string
	Date                               model.Date
	Amount                             int
	Path                               string
}

// heroPages builds the list and every hero's page.
func (s *statusSite) heroPages() (*HeroList, []*HeroPage, error) {
	list := &HeroList{}
	md := site.NewMarkdown()
	order := map[string]int{}
	for i, j := range s.repo.Jurisdictions {
		order[j.ID] = i
	}
	ids := slices.Clone(s.heroIDs)
	slices.SortStableFunc(ids, func(a, b string) int {
		return cmp.Or(cmp.Compare(order[s.heroes[a].Jurisdiction], order[s.heroes[b].Jurisdiction]), cmp.Compare(a, b))
	})
	statusN := map[string]int{}
	visits := s.heroVisits()
	var pages []*HeroPage
	for _, id := range ids {
		h := s.heroes[id]
		rec := s.record(h.Src.File)
		statusN[h.Status]++
		row := HeroRow{
			Hero: s.heroLink(id, 0), Jurisdiction: s.jurisdiction(h.Jurisdiction), Status: h.Status,
			DeedDate: h.Deed.Date, Outcome: h.Outcome, Priority: priorityReasons(h), Last: rec.Last,
		}
		list.Rows = append(list.Rows, row)

		proj, err := s.project(h)
		if err != nil {
			return nil, nil, err
		}
		narrative, err := md.Render(maskNumbers(h.Body))
		if err != nil {
			return nil, nil, fmt.Errorf("hero %s: %w", id, err)
		}
		p := &HeroPage{
			Hero: proj, Jurisdiction: s.jurisdiction(proj.Jurisdiction), Priority: priorityReasons(h),
			Insured: slices.Contains(proj.Insurance, s.year), Narrative: narrative, History: rec,
			Private: PrivateView{
				IDNumber:        idcard.Mask(h.Private.IDNumber),
				Phone:           idcard.MaskPhone(h.Private.Phone),
				Address:         maskNumbers(h.Private.Address),
				NextOfKin:       maskNumbers(h.Private.NextOfKin),
				DisabilityGrade: h.DisabilityGrade > 0,
			},
		}
		ys := slices.Clone(proj.Insurance)
		slices.Sort(ys)
		var parts []string
		for _, y := range ys {
			parts = append(parts, strconv.Itoa(y))
		}
		p.Insurance = strings.Join(parts, "、")
		for _, aw := range proj.Honors {
			hr := HonorRow{Name: aw.Honor, Year: aw.Year, Posthumous: aw.Posthumous, Note: aw.Note}
			if honor, ok := s.repo.Honor(aw.Honor); ok {
				hr.Name, hr.Level = honor.Name, s.label("level", honor.Level)
			}
			p.Honors = append(p.Honors, hr)
		}
		p.Visits = visits[id]
		pages = append(pages, p)
	}
	for _, st := range []string{"confirmed", "pending", "withdrawn"} {
		if statusN[st] > 0 {
			list.Counts = append(list.Counts, StatusCount{Status: st, N: statusN[st]})
		}
	}
	list.ByJurisdiction, list.ByYear = s.charts()
	return list, pages, nil
}

// project returns the public and internal fields of h, from its internal
// projection. A record built by hand, without its source document, is
// copied with its private fields cleared instead.
func (s *statusSite) project(h *model.Hero) (model.Hero, error) {
	if s.schemas == nil || h.Src.Raw == nil {
		p := *h
		p.Private, p.DisabilityGrade, p.Body = model.Private{}, 0, ""
		return p, nil
	}
	v := s.schemas.Project(schema.Hero, h.Src.Raw, "internal")
	b, err := json.Marshal(v)
	if err != nil {
		return model.Hero{}, fmt.Errorf("hero %s: %w", h.ID, err)
	}
	var p model.Hero
	// JSON is YAML: decode with the model's yaml tags. (A yaml.Node built
	// with Encode is no faster: yaml.v3 prints and parses it again.)
	if err := yaml.Unmarshal(b, &p); err != nil {
		return model.Hero{}, fmt.Errorf("hero %s: projection: %w", h.ID, err)
	}
	p.Src = model.Source{File: h.Src.File}
	return p, nil
}

// heroVisits lists the visits to each hero's family, newest first, in
// one pass over the visits.
func (s *statusSite) heroVisits() map[string][]HeroVisit {
	out := map[string][]HeroVisit{}
	for i := range s.repo.Visits {
		v := &s.repo.Visits[i]
		if v.Status == "withdrawn" {
			continue
		}
		for _, b := range v.Beneficiaries {
			out[b.Hero] = append(out[b.Hero], HeroVisit{
				VisitID: v.ID, Occasion: s.label("occasion", v.Occasion), Visitors: strings.Join(v.Visitors, "、"),
				Items: b.Items, Date: v.Date, Amount: b.Amount,
				Path: fmt.Sprintf("../care/%d.html#%s", v.Date.Year(), v.ID),
			})
		}
	}
	for _, vs := range out {
		slices.SortStableFunc(vs, func(a, b HeroVisit) int {
			return cmp.Or(cmp.Compare(b.Date, a.Date), cmp.Compare(a.VisitID, b.VisitID))
		})
	}
	return out
}

// charts counts confirmed heroes per jurisdiction (catalog order, the city
// left out when it has none) and per year of the deed.
func (s *statusSite) charts() (byJ, byY *Chart) {
	perJ := map[string]int{}
	perY := map[int]int{}
	for _, id := range s.heroIDs {
		h := s.heroes[id]
		if h.Status != "confirmed" {
			continue
		}
		perJ[h.Jurisdiction]++
		if y := h.Deed.Date.Year(); y > 0 {
			perY[y]++
		}
	}
	var jl []string
	var jv []int
	for _, j := range s.repo.Jurisdictions {
		if j.ID == "city" && perJ[j.ID] == 0 {
			continue
		}
		jl = append(jl, j.Name)
		jv = append(jv, perJ[j.ID])
	}
	var years []int
	for y := range perY {
		years = append(years, y)
	}
	slices.Sort(years)
	var yl []string
	var yv []int
	if len(years) > 0 {
		for y := years[0]; y <= years[len(years)-1]; y++ {
			yl = append(yl, strconv.Itoa(y)+"年")
			yv = append(yv, perY[y])
		}
	}
	byJ = newChart("chart-jurisdiction", "各县（市、区）已确认的见义勇为人员", "已确认人员数，按辖区", jl, jv)
	byY = newChart("chart-year", "各年度已确认的见义勇为人员", "已确认人员数，按事迹年份", yl, yv)
	return byJ, byY
}
