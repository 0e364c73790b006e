// Package ledger reads the fund's ledger (DESIGN §3 fund, §5 rule 11, §7)
// for the internal site: each year's income and spending by month,
// category and jurisdiction against the plan's budget, with the vouchers
// behind every figure and what is not paid as written (package dues); what
// the fund paid and owes each hero (hero.go); the year as an Excel
// workbook (export.go).
//
// Amounts are money.Fen, integers of fen: every total is exact, and the
// same vouchers summed by month, by category or by jurisdiction give the
// same fen. Withdrawn vouchers are listed, struck through, and count for
// nothing.
//
// The words of the page are the schemas' own: a category, a kind of
// voucher, is a schema.EnumValue whose Zh method says it; the bars are
// laid out by package chart. Nothing here formats for a template.
//
// The package is a little larger than 600 lines: the fund's page, each
// hero's money and the workbook read the same year of vouchers, reconciled
// once.
package ledger

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"sync"

	"github.com/yancheng-jyyw/roll/internal/chart"
	"github.com/yancheng-jyyw/roll/internal/dues"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/money"
	"github.com/yancheng-jyyw/roll/internal/schema"
)

// Input is what the fund's pages are made from.
type Input struct {
	Repo    *model.Repo
	Schemas *schema.Set // the words of the categories and kinds
	Year    int         // the current year: laid out even without a ledger
	// Jurisdiction names a jurisdiction.
	Jurisdiction func(id string) string
	// HeroLink links a hero's internal record from a page at depth (0 at
	// the site's root).
	HeroLink func(id string, depth int) Link
	// Hero finds the hero of id, nil for none; nil looks heroes up in a
	// map of Repo.Heroes, made when a voucher first asks.
	Hero func(id string) *model.Hero
}

// Link names a record and its page; Path is "" for a record without one.
type Link struct {
	ID, Name, Path string
}

// Book is the fund as the internal site shows it: a Year per year that has
// a ledger or a budget (Years), and what is owed.
type Book struct {
	Rec   *dues.Reconciliation
	in    Input
	years func() []*Year         // made when first asked
	refs  map[string]ref         // decisions, visits and events, by id
	owed  map[string][]*dues.Due // rewards and open visits' amounts, by hero
	// moneyed are the heroes the fund paid or owes anything.
	moneyed map[string]bool
}

// ref is what a voucher may name.
type ref struct {
	date         model.Date
	jurisdiction string // "" for a decision: its heroes are of every county
	page         string // the page of the internal site that shows it, from the root; "" for none
}

// Year is one year of the fund: the data of fund/<year>.html.
type Year struct {
	Year    int
	Years   []YearLink
	Plan    *model.Plan // whose budget the spending is held against; nil for none
	Income  money.Fen
	Expense money.Fen
	Net     money.Fen // income less spending
	Count   int       // vouchers counted

	Months      []MonthRow    // January to December
	Budget      []BudgetRow   // the expense categories: in the budget or spent on
	BudgetSum   BudgetRow     // the whole budget
	Incomes     []CategoryRow // the income categories received
	Places      []PlaceRow    // spending by jurisdiction, catalog order
	BudgetChart *chart.Pairs
	MonthChart  *chart.Pairs
	PlaceChart  *chart.Chart // spending by jurisdiction; nil without spending
	Open        []OpenRow    // the year's visits and rewards not paid as written
	Entries     []Entry      // every voucher, by date
}

// YearLink is a year of the fund, for the links between them.
type YearLink struct {
	Year    int
	Current bool
}

// MonthRow is one month's income and spending.
type MonthRow struct {
	Month   int
	Label   string // 1月
	File    bool   // the month has a ledger file
	Income  money.Fen
	Expense money.Fen
	Net     money.Fen // the month's income less its spending
	Balance money.Fen // Net summed from January: the year's balance at the month's end
	Count   int
}

// BudgetRow is one expense category against its budget.
type BudgetRow struct {
	Category schema.EnumValue
	Budget   money.Fen
	Budgeted bool // the plan gives the category a budget
	Spent    money.Fen
	Left     money.Fen // budget less spending; negative beyond the budget
	Rate     Rate      // spent of the budget
	Over     bool      // spent beyond the budget
	Count    int
}

// CategoryRow is one income category.
type CategoryRow struct {
	Category schema.EnumValue
	Amount   money.Fen
	Count    int
}

// PlaceRow is one jurisdiction's spending, by category.
type PlaceRow struct {
	ID, Name string
	Expense  money.Fen
	Share    Rate // of the year's spending
	Count    int
	Parts    []Part // by category, in the schema's order
}

// Part is the spending of one category.
type Part struct {
	Category schema.EnumValue
	Amount   money.Fen
}

// OpenRow is a visit or reward not paid as written: unpaid, paid in part
// or paid beyond its amount.
type OpenRow struct {
	Due    *dues.Due
	Ref    Link
	Hero   Link // the hero owed; empty for a visit's whole amount
	Award  bool // a reward, not a visit's amount
	State  dues.State
	Amount money.Fen
	Paid   money.Fen
	Left   money.Fen
}

// Entry is one voucher of the ledger.
type Entry struct {
	ID           string
	Path         string // the voucher in the ledger of its year: fund/2020.html#F-2020-0045, from the page
	Date         model.Date
	Kind         schema.EnumValue
	Category     schema.EnumValue
	Amount       money.Fen
	Expense      bool
	Ref          Link
	Hero         Link
	Jurisdiction string // the jurisdiction it is counted for
	Note         string
	Withdrawn    bool
	Status       schema.EnumValue // 有效 or 已撤回, in the schema's words
}

// Rate is a share in tenths of a percent, rounded half up: 875 is 87.5%.
type Rate struct {
	Tenths int64
	Known  bool // false when there is nothing to take a share of
}

// rate is part of whole.
func rate(part, whole money.Fen) Rate {
	if whole <= 0 {
		return Rate{}
	}
	return Rate{Tenths: (int64(part)*2000 + int64(whole)) / (2 * int64(whole)), Known: true}
}

// Zh writes the share: 87.5%, or — when unknown.
func (r Rate) Zh() string {
	if !r.Known {
		return "—"
	}
	return strconv.FormatInt(r.Tenths/10, 10) + "." + strconv.FormatInt(r.Tenths%10, 10) + "%"
}

// Meter is the share as the width of a meter, 0 to 100.
func (r Rate) Meter() int { return int(min(max(r.Tenths/10, 0), 100)) }

// The kinds of voucher and their categories, as the schema lists them.
var kindPath, categoryPath, statusPath = []string{"kind"}, []string{"category"}, []string{"status"}

// New reads what the fund owes of in.Repo; the years of the ledger and
// the budgets are made when Years first asks for them: a build whose fund
// pages are kept needs only what each hero was paid and is owed.
func New(in Input) *Book {
	return newBook(in, dues.Reconcile(in.Repo))
}

// newBook is the Book of in with the reconciliation rec.
func newBook(in Input, rec *dues.Reconciliation) *Book {
	if in.Hero == nil {
		index := sync.OnceValue(in.Repo.HeroIndex)
		in.Hero = func(id string) *model.Hero {
			if i, ok := index()[id]; ok {
				return &in.Repo.Heroes[i]
			}
			return nil
		}
	}
	b := &Book{Rec: rec, in: in, refs: map[string]ref{}}
	for _, d := range in.Repo.Decisions {
		b.refs[d.ID] = ref{date: d.Date, page: fmt.Sprintf("decisions/%d.html#%s", d.Date.Year(), d.ID)}
	}
	for _, v := range in.Repo.Visits {
		b.refs[v.ID] = ref{date: v.Date, jurisdiction: v.Jurisdiction, page: fmt.Sprintf("care/%d.html#%s", v.Date.Year(), v.ID)}
	}
	for _, e := range in.Repo.Events {
		b.refs[e.ID] = ref{date: e.Date, jurisdiction: e.Jurisdiction}
	}
	b.index()
	b.years = sync.OnceValue(b.fillYears)
	return b
}

// Years is a Year per year that has a ledger or a budget, and the
// current year, in order.
func (b *Book) Years() []*Year { return b.years() }

// fillYears makes the years of the ledger.
func (b *Book) fillYears() []*Year {
	in := b.in
	var out []*Year
	years := map[int]*Year{}
	year := func(y int) *Year {
		if years[y] == nil {
			years[y] = &Year{Year: y}
		}
		return years[y]
	}
	if in.Year > 0 {
		year(in.Year)
	}
	for i := range in.Repo.Plans {
		if p := &in.Repo.Plans[i]; len(p.Budget) > 0 {
			year(p.Year).Plan = p
		}
	}
	for i := range in.Repo.Fund {
		year(in.Repo.Fund[i].Year)
	}
	for _, y := range years {
		out = append(out, y)
	}
	slices.SortFunc(out, func(x, y *Year) int { return cmp.Compare(x.Year, y.Year) })
	for _, y := range out {
		for _, o := range out {
			y.Years = append(y.Years, YearLink{Year: o.Year, Current: o.Year == y.Year})
		}
		b.fill(y)
	}
	return out
}

// word is value of the enum at path of a voucher, with its word.
func (b *Book) word(path []string, value string) schema.EnumValue {
	return b.in.Schemas.EnumOf(schema.Fund, path, value)
}

// categories are the ledger's categories in the schema's order; without
// schemas, those the vouchers name, sorted.
func (b *Book) categories() []schema.EnumValue {
	if b.in.Schemas != nil {
		return b.in.Schemas.Enum(schema.Fund, categoryPath...)
	}
	seen := map[string]bool{}
	for _, m := range b.in.Repo.Fund {
		for _, v := range m.Vouchers {
			seen[v.Category] = true
		}
	}
	var out []schema.EnumValue
	for _, c := range sortedKeys(seen) {
		out = append(out, b.word(categoryPath, c))
	}
	return out
}

// refLink links the record a voucher names from a page at depth.
func (b *Book) refLink(id string, depth int) Link {
	if id == "" {
		return Link{}
	}
	l := Link{ID: id, Name: id}
	if r, ok := b.refs[id]; ok && r.page != "" {
		l.Path = up(depth) + r.page
	}
	return l
}

func (b *Book) heroLink(id string, depth int) Link {
	if id == "" || b.in.HeroLink == nil {
		return Link{ID: id, Name: id}
	}
	return b.in.HeroLink(id, depth)
}

func up(depth int) string {
	s := ""
	for range depth {
		s += "../"
	}
	return s
}

// placeOf is the jurisdiction a voucher is counted for: its own, or that
// of the visit or event it pays, or that of the hero it pays, or the city.
func (b *Book) placeOf(v *model.Voucher) string {
	if v.Jurisdiction != "" {
		return v.Jurisdiction
	}
	if r, ok := b.refs[v.Ref]; ok && r.jurisdiction != "" {
		return r.jurisdiction
	}
	if v.Hero != "" {
		if h := b.in.Hero(v.Hero); h != nil {
			return h.Jurisdiction
		}
	}
	return "city"
}

// fill sums the year's vouchers by month, category and jurisdiction.
func (b *Book) fill(y *Year) {
	const depth = 1 // fund/<year>.html
	y.Months = make([]MonthRow, 12)
	for i := range y.Months {
		y.Months[i] = MonthRow{Month: i + 1, Label: strconv.Itoa(i+1) + "月"}
	}
	spent, spentN := map[string]money.Fen{}, map[string]int{}
	received, receivedN := map[string]money.Fen{}, map[string]int{}
	places := map[string]*PlaceRow{}
	placeParts := map[string]map[string]money.Fen{}
	for i := range b.in.Repo.Fund {
		m := &b.in.Repo.Fund[i]
		if m.Year != y.Year || m.Month < 1 || m.Month > 12 {
			continue
		}
		row := &y.Months[m.Month-1]
		row.File = true
		for j := range m.Vouchers {
			v := &m.Vouchers[j]
			place := b.placeOf(v)
			y.Entries = append(y.Entries, Entry{
				ID: v.ID, Path: "#" + v.ID, Date: v.Date, Kind: b.word(kindPath, v.Kind), Category: b.word(categoryPath, v.Category),
				Amount: v.Amount, Expense: v.Expense(), Ref: b.refLink(v.Ref, depth), Hero: b.heroLink(v.Hero, depth),
				Jurisdiction: b.in.Jurisdiction(place), Note: v.Note, Withdrawn: v.Withdrawn(),
				Status: b.word(statusPath, cmp.Or(v.Status, "active")),
			})
			if v.Withdrawn() {
				continue
			}
			y.Count++
			row.Count++
			if !v.Expense() {
				row.Income += v.Amount
				received[v.Category] += v.Amount
				receivedN[v.Category]++
				continue
			}
			row.Expense += v.Amount
			spent[v.Category] += v.Amount
			spentN[v.Category]++
			p := places[place]
			if p == nil {
				p = &PlaceRow{ID: place, Name: b.in.Jurisdiction(place)}
				places[place], placeParts[place] = p, map[string]money.Fen{}
			}
			p.Expense += v.Amount
			p.Count++
			placeParts[place][v.Category] += v.Amount
		}
	}
	slices.SortStableFunc(y.Entries, func(a, b Entry) int { return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.ID, b.ID)) })
	var balance money.Fen
	for i := range y.Months {
		r := &y.Months[i]
		r.Net = r.Income - r.Expense
		balance += r.Net
		r.Balance = balance
		y.Income += r.Income
		y.Expense += r.Expense
	}
	y.Net = y.Income - y.Expense

	var budget model.Budget
	if y.Plan != nil {
		budget = y.Plan.Budget
	}
	for _, c := range b.categories() {
		amount, budgeted := budget[c.Value]
		if !budgeted && spentN[c.Value] == 0 {
			continue
		}
		r := BudgetRow{Category: c, Budget: amount, Budgeted: budgeted, Spent: spent[c.Value], Count: spentN[c.Value]}
		if budgeted {
			r.Left, r.Rate, r.Over = amount-r.Spent, rate(r.Spent, amount), r.Spent > amount
			y.BudgetSum.Budget += amount
		}
		y.Budget = append(y.Budget, r)
		y.BudgetSum.Spent += r.Spent
		y.BudgetSum.Count += r.Count
	}
	y.BudgetSum.Budgeted = len(budget) > 0
	if y.BudgetSum.Budgeted {
		s := &y.BudgetSum
		s.Left, s.Rate, s.Over = s.Budget-s.Spent, rate(s.Spent, s.Budget), s.Spent > s.Budget
	}
	for _, c := range b.categories() {
		if n := receivedN[c.Value]; n > 0 {
			y.Incomes = append(y.Incomes, CategoryRow{Category: c, Amount: received[c.Value], Count: n})
		}
	}
	for _, j := range b.in.Repo.Jurisdictions {
		p := places[j.ID]
		if p == nil {
			continue
		}
		p.Share = rate(p.Expense, y.Expense)
		for _, c := range b.categories() {
			if a := placeParts[j.ID][c.Value]; a > 0 {
				p.Parts = append(p.Parts, Part{Category: c, Amount: a})
			}
		}
		y.Places = append(y.Places, *p)
		delete(places, j.ID)
	}
	for _, id := range sortedKeys(places) { // not in the catalog: the check reports them
		p := places[id]
		p.Share = rate(p.Expense, y.Expense)
		y.Places = append(y.Places, *p)
	}
	y.charts()
	y.Open = b.open(y.Year, depth)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// charts lays out the budget against spending, the months and the
// jurisdictions.
func (y *Year) charts() {
	yuan := func(v int64) string { return money.Fen(v).Zh() }
	var labels []string
	var budget, spent []int64
	for _, r := range y.Budget {
		labels = append(labels, r.Category.Zh())
		budget = append(budget, int64(r.Budget))
		spent = append(spent, int64(r.Spent))
	}
	if len(labels) > 0 {
		y.BudgetChart = chart.NewPairs("chart-budget", strconv.Itoa(y.Year)+"年预算执行", "各类支出的预算与已支出",
			[2]string{"预算", "已支出"}, labels, budget, spent, yuan)
	}
	labels, budget, spent = nil, nil, nil
	for _, m := range y.Months {
		labels = append(labels, m.Label)
		budget = append(budget, int64(m.Income))
		spent = append(spent, int64(m.Expense))
	}
	y.MonthChart = chart.NewPairs("chart-months", strconv.Itoa(y.Year)+"年各月收支", "各月的收入与支出",
		[2]string{"收入", "支出"}, labels, budget, spent, yuan)
	// A month's spending beyond its income is not an excess of a budget.
	for i := range y.MonthChart.Rows {
		y.MonthChart.Rows[i].Over = false
		y.MonthChart.Rows[i].Bars[1].Class = "bar-b"
	}
	labels = nil
	var places []int64
	for _, p := range y.Places {
		labels = append(labels, p.Name)
		places = append(places, int64(p.Expense))
	}
	if len(labels) > 0 {
		y.PlaceChart = chart.NewAmounts("chart-places", strconv.Itoa(y.Year)+"年各辖区支出", "各辖区的支出", labels, places, yuan)
	}
}

// open lists the visits and rewards of year not paid as written: those
// roll check warns of, and those paid beyond their amount.
func (b *Book) open(year, depth int) []OpenRow {
	var out []OpenRow
	for _, ds := range [][]*dues.Due{b.Rec.Open, b.Rec.Over} {
		for _, d := range ds {
			if d.Date.Year() != year {
				continue
			}
			r := OpenRow{Due: d, Ref: b.refLink(d.Ref, depth), Award: d.Award(), State: d.State(), Amount: d.Amount, Paid: d.Paid, Left: d.Left()}
			if d.Hero != "" {
				r.Hero = b.heroLink(d.Hero, depth)
			}
			out = append(out, r)
		}
	}
	slices.SortStableFunc(out, func(a, b OpenRow) int {
		return cmp.Or(cmp.Compare(a.Due.Date, b.Due.Date), cmp.Compare(a.Due.What(), b.Due.What()))
	})
	return out
}

// OpenCount is how many visits and rewards of every year are not paid as
// written.
func (b *Book) OpenCount() int { return len(b.Rec.Open) + len(b.Rec.Over) }

// Of returns the year, nil when the fund has none.
func (b *Book) Of(year int) *Year {
	for _, y := range b.Years() {
		if y.Year == year {
			return y
		}
	}
	return nil
}
