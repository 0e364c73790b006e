package ledger

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/yancheng-jyyw/roll/internal/check"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/money"
)

// sample checks a copy of the repository's records as of their build date
// (the Makefile's TODAY) and reads their ledger.
func sample(t *testing.T) (*check.Result, *Book) {
	t.Helper()
	dir := t.TempDir()
	for _, sub := range []string{"records", "schemas"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join("..", "..", sub))); err != nil {
			t.Fatal(err)
		}
	}
	res, err := check.Run(dir, check.Options{Today: time.Date(2021, 1, 20, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, j := range res.Repo.Jurisdictions {
		names[j.ID] = j.Name
	}
	b := New(Input{Repo: res.Repo, Schemas: res.Schemas, Year: 2020, Jurisdiction: func(id string) string { return names[id] },
		HeroLink: func(id string, depth int) Link { return Link{ID: id, Name: id} }})
	return res, b
}

// TestSampleYear: the 2020 figures of the sample, added up by month, by
// category and by jurisdiction, are one figure each, and that of the
// vouchers summed one by one (check's TestSampleLedger adds them up the same
// way, and holds them against Python's decimal module).
func TestSampleYear(t *testing.T) {
	res, b := sample(t)
	y := b.Of(2020)
	if y == nil || len(b.Years()) != 1 {
		t.Fatalf("years %v", b.Years())
	}
	var income, expense money.Fen
	n := 0
	for _, m := range res.Repo.Fund {
		for _, v := range m.Vouchers {
			if v.Withdrawn() {
				continue
			}
			n++
			if v.Expense() {
				expense += v.Amount
			} else {
				income += v.Amount
			}
		}
	}
	if y.Income != income || y.Expense != expense || y.Count != n || y.Net != income-expense {
		t.Errorf("year: %s in, %s out, %d vouchers; the vouchers: %s, %s, %d", y.Income, y.Expense, y.Count, income, expense, n)
	}
	if y.Income.String() != "582370.05" || y.Expense.String() != "278750.00" {
		t.Errorf("year: %s in, %s out; want 582370.05 and 278750.00", y.Income, y.Expense)
	}
	var mi, me money.Fen
	for _, m := range y.Months {
		mi += m.Income
		me += m.Expense
	}
	if mi != income || me != expense || y.Months[11].Balance != income-expense {
		t.Errorf("by month: %s in, %s out, December's balance %s", mi, me, y.Months[11].Balance)
	}
	var byCat, budget money.Fen
	for _, r := range y.Budget {
		byCat += r.Spent
		budget += r.Budget
	}
	var byIncome money.Fen
	for _, r := range y.Incomes {
		byIncome += r.Amount
	}
	if byCat != expense || y.BudgetSum.Spent != expense || byIncome != income {
		t.Errorf("by category: %s spent (sum row %s), %s received", byCat, y.BudgetSum.Spent, byIncome)
	}
	var byPlace money.Fen
	for _, p := range y.Places {
		byPlace += p.Expense
		var parts money.Fen
		for _, x := range p.Parts {
			parts += x.Amount
		}
		if parts != p.Expense {
			t.Errorf("%s: parts %s, spent %s", p.Name, parts, p.Expense)
		}
	}
	if byPlace != expense {
		t.Errorf("by jurisdiction: %s spent, want %s", byPlace, expense)
	}
	// The budget of the plan, and what was executed of it.
	if budget.String() != "660000.00" || budget != y.BudgetSum.Budget || y.BudgetSum.Rate.Zh() != "42.2%" {
		t.Errorf("budget %s (sum row %s), executed %s", budget, y.BudgetSum.Budget, y.BudgetSum.Rate.Zh())
	}
	if r := y.Budget[0]; r.Category.Value != "award" || r.Spent.String() != "104000.00" || r.Rate.Zh() != "34.7%" || r.Left.String() != "196000.00" {
		t.Errorf("awards: %s spent, %s executed, %s left", r.Spent, r.Rate.Zh(), r.Left)
	}
	if len(y.Entries) != n || y.Entries[0].Date > y.Entries[n-1].Date {
		t.Errorf("%d entries, want %d by date", len(y.Entries), n)
	}
}

// TestOpenIsTheCheck: the year's list of what is not paid as written is
// the check's warnings of rule 11, one for one.
func TestOpenIsTheCheck(t *testing.T) {
	res, b := sample(t)
	var warned []string
	for _, f := range res.Findings {
		if f.Rule == "fund" {
			warned = append(warned, f.String())
		}
	}
	y := b.Of(2020)
	if len(y.Open) != len(warned) || len(warned) != 5 {
		t.Fatalf("%d open, %d warnings of rule 11, want 5:\n%s", len(y.Open), len(warned), strings.Join(warned, "\n"))
	}
	all := strings.Join(warned, "\n")
	for _, r := range y.Open {
		if !strings.Contains(all, r.Due.What()+" is") {
			t.Errorf("%s is open, and the check does not say so", r.Due.What())
		}
	}
	if r := y.Open[1]; r.Due.What() != "V-2020-0012/H-2020-0009" || r.State != "partial" || r.Left.String() != "2000.00" || r.Ref.Path != "../care/2020.html#V-2020-0012" {
		t.Errorf("the second open item: %+v", r)
	}
}

// TestHeroMoney: what the fund paid a hero and owes him.
func TestHeroMoney(t *testing.T) {
	_, b := sample(t)
	m := b.Hero("H-2019-0003", 2)
	if len(m.Payments) != 0 || len(m.Rewards) != 1 || m.Rewards[0].State != "unpaid" || m.Rewards[0].Ref.Path != "../../decisions/2020.html#D-2020-06" {
		t.Errorf("H-2019-0003: %+v", m)
	}
	m = b.Hero("H-2020-0001", 2)
	// A hospital visit's condolence money and the reward of D-2020-06.
	if m.Total.String() != "22000.00" || len(m.Payments) != 2 || m.Payments[1].Path != "../../fund/2020.html#F-2020-0045" ||
		m.Payments[0].Ref.Path != "../../care/2020.html#V-2020-0001" || len(m.Open) != 0 {
		t.Errorf("H-2020-0001: paid %s, %+v", m.Total, m.Payments)
	}
	if b.Hero("H-2020-0001", 2).Sum() != m.Sum() || b.Hero("H-2019-0003", 2).Sum() == m.Sum() {
		t.Error("Sum does not tell heroes' money apart")
	}
}

// TestPlaceOf: a voucher counts for its own jurisdiction, else that of the
// visit or event it pays, else that of the hero paid, else the city's.
// TestHeroSum holds the sum of a hero's money, taken without making it
// for a hero the fund neither paid nor owes, to the sum of what Hero makes.
func TestHeroSum(t *testing.T) {
	res, b := sample(t)
	empty := 0
	for _, h := range append(res.Repo.Heroes, model.Hero{ID: "H-1999-0001"}) {
		for _, depth := range []int{0, 2} {
			m := b.Hero(h.ID, depth)
			if got := b.HeroSum(h.ID, depth); got != m.Sum() {
				t.Errorf("HeroSum(%s, %d) = %x, Hero's Sum %x", h.ID, depth, got, m.Sum())
			}
			if m.Empty() {
				empty++
			}
		}
	}
	if empty == 0 || empty == 2*(len(res.Repo.Heroes)+1) {
		t.Errorf("%d of the heroes' sections empty: the test needs both kinds", empty)
	}
}

func TestPlaceOf(t *testing.T) {
	repo := &model.Repo{
		Heroes: []model.Hero{{ID: "H-2020-0001", Jurisdiction: "sheyang"}},
		Visits: []model.Visit{{ID: "V-2020-0001", Jurisdiction: "funing"}},
		Events: []model.Event{{ID: "E-2020-0001", Jurisdiction: "tinghu"}},
	}
	b := New(Input{Repo: repo, Jurisdiction: func(id string) string { return id }})
	for _, tc := range []struct {
		v    model.Voucher
		want string
	}{
		{model.Voucher{Jurisdiction: "dafeng", Ref: "V-2020-0001"}, "dafeng"},
		{model.Voucher{Ref: "V-2020-0001", Hero: "H-2020-0001"}, "funing"},
		{model.Voucher{Ref: "E-2020-0001"}, "tinghu"},
		{model.Voucher{Ref: "D-2020-01", Hero: "H-2020-0001"}, "sheyang"},
		{model.Voucher{}, "city"},
	} {
		if got := b.placeOf(&tc.v); got != tc.want {
			t.Errorf("placeOf(%+v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

func TestRate(t *testing.T) {
	for _, tc := range []struct {
		part, whole money.Fen
		want        string
		meter       int
	}{
		{104000_00, 300000_00, "34.7%", 34},
		{1, 3, "33.3%", 33},
		{2, 3, "66.7%", 66},
		{1, 2000, "0.1%", 0}, // 0.05% rounds half up
		{1, 2001, "0.0%", 0},
		{90, 60, "150.0%", 100},
		{5, 0, "—", 0},
	} {
		r := rate(tc.part, tc.whole)
		if r.Zh() != tc.want || r.Meter() != tc.meter {
			t.Errorf("rate(%d, %d) = %s (meter %d), want %s (%d)", tc.part, tc.whole, r.Zh(), r.Meter(), tc.want, tc.meter)
		}
	}
}

// TestHeroBook holds HeroBook to New: what the fund paid and owes each
// hero, and the sum of it, are the same from a book of him alone, of a
// few heroes, and of the whole archive; on the sample and on random
// ledgers where visits and decisions share ids, repeat ids, are
// withdrawn, and vouchers pay them in part, in full, beyond, as a lump
// sum or each hero.
func TestHeroBook(t *testing.T) {
	res, _ := sample(t)
	repos := []*model.Repo{res.Repo}
	rnd := rand.New(rand.NewPCG(13, 8))
	for range 200 {
		repos = append(repos, randomLedger(rnd))
	}
	for ri, repo := range repos {
		in := Input{Repo: repo, Year: 2020, Jurisdiction: func(id string) string { return id },
			HeroLink: func(id string, depth int) Link { return Link{ID: id, Name: id, Path: id} }}
		whole := New(in)
		ids := []string{"H-1999-0001"}
		for _, h := range repo.Heroes {
			ids = append(ids, h.ID)
		}
		for k, id := range ids {
			few := ids[k:min(k+3, len(ids))]
			for _, b := range []*Book{HeroBook(in, []string{id}), HeroBook(in, few)} {
				if got, want := b.Hero(id, 2), whole.Hero(id, 2); !reflect.DeepEqual(got, want) {
					t.Fatalf("repo %d: HeroBook(%v).Hero(%s) = %+v, New's %+v", ri, few, id, got, want)
				}
				if got, want := b.HeroSum(id, 2), whole.HeroSum(id, 2); got != want {
					t.Fatalf("repo %d: HeroBook(%v).HeroSum(%s) differs from New's", ri, few, id)
				}
			}
		}
		moneyed := whole.Moneyed()
		for _, id := range ids {
			if !slices.Contains(moneyed, id) && whole.HeroSum(id, 2) != EmptyHeroSum() {
				t.Fatalf("repo %d: %s is not in Moneyed but has money", ri, id)
			}
		}
	}
}

// randomLedger is a small archive of heroes, visits, decisions and
// vouchers drawn from few ids, so that they collide.
func randomLedger(rnd *rand.Rand) *model.Repo {
	repo := &model.Repo{}
	hero := func() string { return fmt.Sprintf("H-2020-%04d", rnd.IntN(6)) }
	for i := range 6 {
		repo.Heroes = append(repo.Heroes, model.Hero{ID: fmt.Sprintf("H-2020-%04d", i)})
	}
	ref := func() string {
		if rnd.IntN(2) == 0 {
			return fmt.Sprintf("V-2020-%02d", rnd.IntN(4))
		}
		return fmt.Sprintf("D-2020-%02d", rnd.IntN(3))
	}
	status := func() string {
		if rnd.IntN(6) == 0 {
			return "withdrawn"
		}
		return ""
	}
	for range rnd.IntN(6) {
		v := model.Visit{ID: ref(), Date: "2020-02-01", Status: status()}
		for range rnd.IntN(4) {
			v.Beneficiaries = append(v.Beneficiaries, model.Beneficiary{Hero: hero(), Amount: 100 * rnd.IntN(3)})
		}
		repo.Visits = append(repo.Visits, v)
	}
	for range rnd.IntN(4) {
		d := model.Decision{ID: ref(), Date: "2020-03-01", Status: status()}
		for range rnd.IntN(4) {
			d.Awards = append(d.Awards, model.DecisionAward{Hero: hero(), Reward: money.Fen(10000 * rnd.IntN(3))})
		}
		repo.Decisions = append(repo.Decisions, d)
	}
	for m := range 2 {
		fm := model.FundMonth{Year: 2020, Month: m + 1}
		for k := range rnd.IntN(8) {
			v := model.Voucher{ID: fmt.Sprintf("F-%d-%d", m, k), Date: "2020-04-01", Kind: "expense", Category: "award",
				Amount: money.Fen(10000 * rnd.IntN(3)), Ref: ref(), Status: status()}
			if rnd.IntN(4) == 0 {
				v.Kind = "income"
			}
			if rnd.IntN(4) > 0 {
				v.Hero = hero()
			}
			fm.Vouchers = append(fm.Vouchers, v)
		}
		repo.Fund = append(repo.Fund, fm)
	}
	return repo
}
