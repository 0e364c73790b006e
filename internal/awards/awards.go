// Package awards lays out the commendations for the internal site (DESIGN
// §3 decision and nomination, §7): each year's decisions (表彰决定) with
// every award, its reward and what the fund paid of it, and the
// nominations sent upward (推荐上报) with their 公示 and outcome. It is the
// data of decisions/<year>.html and its workbook.
//
// What a record shows comes from its internal projection
// (schema.Set.ProjectInto): a field marked private tomorrow disappears
// from the page. The words of the enums are the schemas' own.
package awards

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/yancheng-jyyw/roll/internal/dues"
	"github.com/yancheng-jyyw/roll/internal/history"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/money"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/internal/sheet"
)

// Input is what the pages are made from.
type Input struct {
	Repo    *model.Repo
	Schemas *schema.Set
	Dues    *dues.Reconciliation // what the fund paid of each reward
	History *history.History
	Today   time.Time // the build date: whether a 公示 is open
	Year    int       // the current year: laid out even without a record
	// Jurisdiction names a jurisdiction.
	Jurisdiction func(id string) string
	// HeroLink links a hero's internal record from a page at depth.
	HeroLink func(id string, depth int) Link
}

// Link names a record and its page.
type Link struct {
	ID, Name, Path string
}

// Year is one year's commendations: the data of decisions/<year>.html.
type Year struct {
	Year        int
	Years       []int
	Decisions   []*Decision // by date
	Nominations []*Nomination
	Reward      money.Fen // the rewards of the year's decisions
	Paid        money.Fen // paid of them
	Awards      int
	Open        int // awards whose reward is not paid as written
}

// Decision is a decision with its awards.
type Decision struct {
	ID, Doc, Issuer, Title, Note string
	Date                         model.Date
	Status                       schema.EnumValue
	Withdrawn                    bool
	Awards                       []Award
	Reward, Paid                 money.Fen
	Nominations                  []Link // that led to it
	History                      history.Record
}

// Award is one title a decision awards to one hero, and its reward.
type Award struct {
	Hero         Link
	Jurisdiction string
	Honor        string // the catalog's name
	Posthumous   bool
	Reward       money.Fen // 0: no money
	Due          *dues.Due // what was paid of the hero's rewards in the decision; nil when withdrawn or without money
	State        dues.State
	Payments     []Payment
}

// Payment is a voucher that paid a reward.
type Payment struct {
	ID, Path string
	Date     model.Date
	Amount   money.Fen
}

// Nomination is a nomination sent upward.
type Nomination struct {
	ID        string
	Honor     string
	Heroes    []Link
	Submitted model.Date
	Notice    *model.Notice
	Window    string // where the 公示 stands on the build date: 公示中, 公示已结束, …
	Open      bool   // the 公示 is open on the build date: the public site shows it
	Outcome   schema.EnumValue
	Decision  Link
	Note      string
	Withdrawn bool
	History   history.Record
}

// decisionView and nominationView are what the internal projection lets
// through, decoded.
type decisionView struct {
	ID     string     `json:"id"`
	Doc    string     `json:"doc"`
	Date   model.Date `json:"date"`
	Issuer string     `json:"issuer"`
	Title  string     `json:"title"`
	Note   string     `json:"note"`
	Status string     `json:"status"`
	Awards []struct {
		Hero       string `json:"hero"`
		Honor      string `json:"honor"`
		Posthumous bool   `json:"posthumous"`
		Reward     string `json:"reward"`
	} `json:"awards"`
}

type nominationView struct {
	ID        string        `json:"id"`
	Honor     string        `json:"honor"`
	Heroes    []string      `json:"heroes"`
	Submitted model.Date    `json:"submitted"`
	Notice    *model.Notice `json:"notice"`
	Outcome   string        `json:"outcome"`
	Decision  string        `json:"decision"`
	Note      string        `json:"note"`
	Status    string        `json:"status"`
}

const depth = 1 // decisions/<year>.html

// Years lays out every year with a decision or a nomination, the oldest
// first.
func Years(in Input) ([]*Year, error) {
	years := map[int]*Year{}
	year := func(y int) *Year {
		if years[y] == nil {
			years[y] = &Year{Year: y}
		}
		return years[y]
	}
	honor := func(id string) string {
		if h, ok := in.Repo.Honor(id); ok {
			return h.Name
		}
		return id
	}
	if in.Year > 0 {
		year(in.Year)
	}
	decisionYear := map[string]int{}
	for i := range in.Repo.Decisions {
		d, err := decision(in, &in.Repo.Decisions[i], honor)
		if err != nil {
			return nil, err
		}
		y := year(d.Date.Year())
		decisionYear[d.ID] = y.Year
		y.Decisions = append(y.Decisions, d)
		if d.Withdrawn {
			continue
		}
		y.Reward += d.Reward
		y.Paid += d.Paid
		for _, a := range d.Awards {
			y.Awards++
			if a.Due != nil && a.State != dues.Settled {
				y.Open++
			}
		}
	}
	for i := range in.Repo.Nominations {
		n := &in.Repo.Nominations[i]
		var v nominationView
		if err := in.Schemas.ProjectInto(schema.Nomination, n.Src.Value(), schema.Internal, &v); err != nil {
			return nil, fmt.Errorf("nomination %s: %w", n.ID, err)
		}
		nv := &Nomination{
			ID: v.ID, Honor: honor(v.Honor), Submitted: v.Submitted, Notice: v.Notice, Note: v.Note,
			Outcome: in.Schemas.EnumOf(schema.Nomination, []string{"outcome"}, v.Outcome), Withdrawn: v.Status == "withdrawn",
			History: in.History.Record(n.Src.File),
		}
		for _, h := range v.Heroes {
			nv.Heroes = append(nv.Heroes, in.HeroLink(h, depth))
		}
		nv.Window, nv.Open = window(v.Notice, in.Today, in.Schemas.EnumOf(schema.Nomination, []string{"status"}, cmp.Or(v.Status, "active")))
		if v.Decision != "" {
			nv.Decision = Link{ID: v.Decision, Name: v.Decision}
			if y, ok := decisionYear[v.Decision]; ok {
				nv.Decision.Path = fmt.Sprintf("%d.html#%s", y, v.Decision)
			}
		}
		y := year(idYear(v.ID))
		y.Nominations = append(y.Nominations, nv)
	}
	var out []*Year
	for _, y := range years {
		slices.SortStableFunc(y.Decisions, func(a, b *Decision) int { return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.ID, b.ID)) })
		slices.SortStableFunc(y.Nominations, func(a, b *Nomination) int { return cmp.Compare(a.ID, b.ID) })
		out = append(out, y)
	}
	slices.SortFunc(out, func(a, b *Year) int { return cmp.Compare(a.Year, b.Year) })
	for _, y := range out {
		for _, o := range out {
			y.Years = append(y.Years, o.Year)
		}
		// Each decision names the nominations that led to it.
		for _, n := range y.Nominations {
			for _, o := range out {
				for _, d := range o.Decisions {
					if d.ID == n.Decision.ID {
						d.Nominations = append(d.Nominations, Link{ID: n.ID, Name: n.ID, Path: fmt.Sprintf("%d.html#%s", y.Year, n.ID)})
					}
				}
			}
		}
	}
	return out, nil
}

// decision lays out one decision from its internal projection.
func decision(in Input, d *model.Decision, honor func(string) string) (*Decision, error) {
	var v decisionView
	if err := in.Schemas.ProjectInto(schema.Decision, d.Src.Value(), schema.Internal, &v); err != nil {
		return nil, fmt.Errorf("decision %s: %w", d.ID, err)
	}
	out := &Decision{
		ID: v.ID, Doc: v.Doc, Issuer: v.Issuer, Title: v.Title, Note: v.Note, Date: v.Date,
		Status: in.Schemas.EnumOf(schema.Decision, []string{"status"}, cmp.Or(v.Status, "active")), Withdrawn: v.Status == "withdrawn",
		History: in.History.Record(d.Src.File),
	}
	heroes := in.Repo.HeroIndex()
	counted := map[string]bool{}
	for _, a := range v.Awards {
		reward, _ := money.Parse(a.Reward) // the schema's format "yuan" has checked it; "" is no money
		aw := Award{
			Hero: in.HeroLink(a.Hero, depth), Honor: honor(a.Honor), Posthumous: a.Posthumous, Reward: reward,
		}
		if i, ok := heroes[a.Hero]; ok {
			aw.Jurisdiction = in.Jurisdiction(in.Repo.Heroes[i].Jurisdiction)
		}
		if !out.Withdrawn {
			// A decision that gives no money, and nothing paid: nothing to follow.
			if due := in.Dues.Reward(v.ID, a.Hero); due != nil && (due.Amount > 0 || len(due.Payments) > 0) {
				aw.Due, aw.State = due, due.State()
				for _, p := range due.Payments {
					aw.Payments = append(aw.Payments, Payment{
						ID: p.Voucher.ID, Date: p.Voucher.Date, Amount: p.Voucher.Amount,
						Path: fmt.Sprintf("../fund/%d.html#%s", p.Month.Year, p.Voucher.ID),
					})
				}
				// One hero awarded two titles by the decision: one sum,
				// counted once.
				if !counted[a.Hero] {
					counted[a.Hero] = true
					out.Paid += due.Paid
				}
			}
		}
		out.Reward += reward
		out.Awards = append(out.Awards, aw)
	}
	return out, nil
}

// window says where a 公示 stands on the day today; a withdrawn
// nomination's says so in the schema's word for its status.
func window(n *model.Notice, today time.Time, status schema.EnumValue) (string, bool) {
	switch {
	case n == nil:
		return "未公示", false
	case status.Value == "withdrawn":
		return status.Zh() + "，不公示", false
	case n.Open(today):
		return "公示中", true
	case today.Before(n.From.Time()):
		return "尚未开始", false
	}
	return "公示已结束", false
}

// idYear is the year of an id such as N-2020-05; 0 when it has none.
func idYear(id string) int {
	parts := strings.Split(id, "-")
	if len(parts) < 2 {
		return 0
	}
	y, _ := strconv.Atoi(parts[1])
	return y
}

// Tables is the year's page as an Excel workbook (decisions/<year>.xlsx):
// every award with its reward and payment, and the nominations.
func (y *Year) Tables() []*sheet.Table {
	year := strconv.Itoa(y.Year) + "年"
	awards := &sheet.Table{
		Title: year + "表彰决定及奖金",
		Columns: []sheet.Column{
			{Header: "决定编号", Kind: sheet.Text}, {Header: "文号", Kind: sheet.Text}, {Header: "日期", Kind: sheet.Date},
			{Header: "人员编号", Kind: sheet.Text}, {Header: "姓名", Kind: sheet.Text}, {Header: "辖区", Kind: sheet.Text},
			{Header: "称号", Kind: sheet.Text}, {Header: "追授", Kind: sheet.Text}, {Header: "奖金（元）", Kind: sheet.Money},
			{Header: "已付（元）", Kind: sheet.Money}, {Header: "支付情况", Kind: sheet.Text}, {Header: "凭证号", Kind: sheet.Text},
		},
	}
	for _, d := range y.Decisions {
		for _, a := range d.Awards {
			post := ""
			if a.Posthumous {
				post = "追授"
			}
			reward, paid, state := sheet.Value{}, sheet.Value{}, ""
			if a.Reward > 0 {
				reward = sheet.Fen(a.Reward)
			}
			if a.Due != nil {
				paid, state = sheet.Fen(a.Due.Paid), a.State.Zh()
			}
			var ids []string
			for _, p := range a.Payments {
				ids = append(ids, p.ID)
			}
			awards.Rows = append(awards.Rows, []sheet.Value{
				sheet.Str(d.ID), sheet.Str(d.Doc), sheet.Day(string(d.Date)), sheet.Str(a.Hero.ID), sheet.Str(a.Hero.Name),
				sheet.Str(a.Jurisdiction), sheet.Str(a.Honor), sheet.Str(post), reward, paid, sheet.Str(state), sheet.Str(strings.Join(ids, "、")),
			})
		}
	}
	noms := &sheet.Table{
		Title: year + "推荐上报",
		Columns: []sheet.Column{
			{Header: "推荐编号", Kind: sheet.Text}, {Header: "推荐称号", Kind: sheet.Text}, {Header: "推荐人员", Kind: sheet.Text}, {Header: "人员编号", Kind: sheet.Text},
			{Header: "公示开始", Kind: sheet.Date}, {Header: "公示结束", Kind: sheet.Date}, {Header: "公示", Kind: sheet.Text},
			{Header: "上报日期", Kind: sheet.Date}, {Header: "评选结果", Kind: sheet.Text}, {Header: "表彰决定", Kind: sheet.Text},
		},
	}
	for _, n := range y.Nominations {
		var names, ids []string
		for _, h := range n.Heroes {
			names = append(names, h.Name)
			ids = append(ids, h.ID)
		}
		from, to := sheet.Value{}, sheet.Value{}
		if n.Notice != nil {
			from, to = sheet.Day(string(n.Notice.From)), sheet.Day(string(n.Notice.To))
		}
		noms.Rows = append(noms.Rows, []sheet.Value{
			sheet.Str(n.ID), sheet.Str(n.Honor), sheet.Str(strings.Join(names, "、")), sheet.Str(strings.Join(ids, "、")), from, to, sheet.Str(n.Window),
			sheet.Day(string(n.Submitted)), sheet.Str(n.Outcome.Zh()), sheet.Str(n.Decision.ID),
		})
	}
	return []*sheet.Table{awards, noms}
}
