package status

import (
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"

	"github.com/yancheng-jyyw/roll/internal/chart"
	"github.com/yancheng-jyyw/roll/internal/history"
	"github.com/yancheng-jyyw/roll/internal/idcard"
	"github.com/yancheng-jyyw/roll/internal/markdown"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/internal/site"
)

// HeroList is the page of every hero, with the charts.
type HeroList struct {
	ByJurisdiction *chart.Chart
	ByYear         *chart.Chart
	Rows           []HeroRow
	Counts         []HeroCount // by hero status, in the order confirmed, pending, withdrawn
}

// HeroCount is how many heroes have a status.
type HeroCount struct {
	Status HeroStatus
	N      int
}

// HeroRow is one hero in the list.
type HeroRow struct {
	Hero         Link
	Jurisdiction string
	Status       HeroStatus
	DeedDate     model.Date
	Outcome      Outcome
	Priority     string
	Last         *history.Commit
}

// HeroPage is one hero's internal record.
type HeroPage struct {
	// Hero holds the public and internal fields of the record only: it is
	// decoded from the record's internal projection, so the private ones
	// are empty.
	Hero         HeroView
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

// HeroView is a hero as the internal site shows it: the model's fields,
// the enums among them with words of their own.
type HeroView struct {
	model.Hero
	Status  HeroStatus `json:"status"`
	Gender  Gender     `json:"gender"`
	Outcome Outcome    `json:"outcome"`
	Deed    DeedView   `json:"deed"`
}

// DeedView is a deed as the internal site shows it.
type DeedView struct {
	model.Deed
	Kind DeedKind `json:"kind"`
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
	src                                *model.Visit
	VisitID, Occasion, Visitors, Items string
	Date                               model.Date
	Amount                             Yuan
	Path                               string
}

// HeroBlock is a page of heroes' internal records: those of one
// jurisdiction whose ids fall in one block (see blockPath).
type HeroBlock struct {
	Jurisdiction string
	Heroes       []*HeroPage
}

// heroOrder lists the hero ids in catalog order of their jurisdictions,
// then by id.
func (s *statusSite) heroOrder() []string {
	if s.ordered != nil {
		return s.ordered
	}
	order := map[string]int{}
	for i, j := range s.repo.Jurisdictions {
		order[j.ID] = i
	}
	ids := slices.Clone(s.heroIDs)
	slices.SortStableFunc(ids, func(a, b string) int {
		return cmp.Or(cmp.Compare(order[s.heroes[a].Jurisdiction], order[s.heroes[b].Jurisdiction]), cmp.Compare(a, b))
	})
	s.ordered = ids
	return ids
}

// heroList builds the list of every hero, with the charts.
func (s *statusSite) heroList() *HeroList {
	list := &HeroList{}
	statusN := map[string]int{}
	for _, id := range s.heroOrder() {
		h := s.heroes[id]
		statusN[h.Status]++
		list.Rows = append(list.Rows, HeroRow{
			Hero: s.heroLink(id, 0), Jurisdiction: s.jurisdiction(h.Jurisdiction), Status: HeroStatus(h.Status),
			DeedDate: h.Deed.Date, Outcome: Outcome(h.Outcome), Priority: priorityReasons(h), Last: s.record(h.Src.File).Last,
		})
	}
	for _, st := range []string{"confirmed", "pending", "withdrawn"} {
		if statusN[st] > 0 {
			list.Counts = append(list.Counts, HeroCount{Status: HeroStatus(st), N: statusN[st]})
		}
	}
	list.ByJurisdiction, list.ByYear = s.charts()
	return list
}

// blockPages lists the pages of heroes' internal records; each page's
// data, the projections and narratives of its heroes, is built only when
// it is rendered.
func (s *statusSite) blockPages() ([]site.Page, error) {
	visits := s.heroVisits()
	blocks := map[string][]*model.Hero{}
	var paths []string
	for _, id := range s.heroOrder() {
		h := s.heroes[id]
		p := blockPath(h)
		if blocks[p] == nil {
			paths = append(paths, p)
		}
		blocks[p] = append(blocks[p], h)
	}
	md := markdown.New()
	var pages []site.Page
	for _, p := range paths {
		hs := blocks[p]
		in := site.NewInputs("heroes").Key(s.schemasKey())
		for _, h := range hs {
			in.String(h.ID).Record(h.Src.Sum)
			for _, v := range visits[h.ID] {
				in.Record(v.src.Src.Sum)
			}
		}
		pages = append(pages, site.Page{Path: p, Template: "hero.html", Inputs: in.Done(), Frame: func() (site.Frame, error) {
			b := &HeroBlock{Jurisdiction: s.jurisdiction(hs[0].Jurisdiction)}
			for _, h := range hs {
				hp, err := s.heroPage(h, visits[h.ID], md)
				if err != nil {
					return site.Frame{}, err
				}
				b.Heroes = append(b.Heroes, hp)
			}
			return site.Frame{Title: b.Jurisdiction + " · " + hs[0].ID + " 起", Section: "heroes", Data: b}, nil
		}})
	}
	return pages, nil
}

// schemasKey identifies the schemas the projections follow.
func (s *statusSite) schemasKey() site.Key {
	if s.schemas == nil {
		return site.Key{}
	}
	return site.Key(s.schemas.Sum())
}

// heroPage builds one hero's internal record. What it shows of the record
// comes from the internal projection; private values only through the
// masking functions of package idcard.
func (s *statusSite) heroPage(h *model.Hero, visits []HeroVisit, md *markdown.Renderer) (*HeroPage, error) {
	if s.schemas == nil {
		return nil, fmt.Errorf("hero %s: no schemas to project it with", h.ID)
	}
	var proj HeroView
	if err := s.schemas.ProjectInto(schema.Hero, h.Src.Raw, schema.Internal, &proj); err != nil {
		return nil, fmt.Errorf("hero %s: %w", h.ID, err)
	}
	narrative, err := md.Render(idcard.MaskNumbers(h.Body))
	if err != nil {
		return nil, fmt.Errorf("hero %s: %w", h.ID, err)
	}
	p := &HeroPage{
		Hero: proj, Jurisdiction: s.jurisdiction(proj.Jurisdiction), Priority: priorityReasons(h),
		Insured: slices.Contains(proj.Insurance, s.year), Narrative: narrative, History: s.record(h.Src.File),
		Private: PrivateView{
			IDNumber:        idcard.Mask(h.Private.IDNumber),
			Phone:           idcard.MaskPhone(h.Private.Phone),
			Address:         idcard.MaskNumbers(h.Private.Address),
			NextOfKin:       idcard.MaskNumbers(h.Private.NextOfKin),
			DisabilityGrade: h.DisabilityGrade > 0,
		},
		Visits: visits,
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
			hr.Name, hr.Level = honor.Name, levelZh(honor.Level)
		}
		p.Honors = append(p.Honors, hr)
	}
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
				src: v, VisitID: v.ID, Occasion: occasionZh(v.Occasion), Visitors: strings.Join(v.Visitors, "、"),
				Items: b.Items, Date: v.Date, Amount: Yuan(b.Amount),
				Path: fmt.Sprintf("../../care/%d.html#%s", v.Date.Year(), v.ID),
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
func (s *statusSite) charts() (byJ, byY *chart.Chart) {
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
	byJ = chart.New("chart-jurisdiction", "各县（市、区）已确认的见义勇为人员", "已确认人员数，按辖区", jl, jv)
	byY = chart.New("chart-year", "各年度已确认的见义勇为人员", "已确认人员数，按事迹年份", yl, yv)
	return byJ, byY
}
