package dues

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/money"
)

// voucher is an expense of amount yuan paying ref (and hero).
func voucher(id, ref, hero string, amount int) model.Voucher {
	return model.Voucher{ID: id, Date: "2020-10-01", Kind: "expense", Category: "award", Amount: money.Yuan(amount), Ref: ref, Hero: hero}
}

// repo has a visit to two families (1000 and 2000 yuan), a decision that
// rewards one hero twice (5000 and 3000) and another once (1000), and the
// vouchers given.
func repo(vs ...model.Voucher) *model.Repo {
	return &model.Repo{
		Visits: []model.Visit{{ID: "V-2020-0001", Date: "2020-01-20", Beneficiaries: []model.Beneficiary{
			{Hero: "H-2020-0001", Amount: 1000}, {Hero: "H-2020-0002", Amount: 2000},
		}}},
		Decisions: []model.Decision{{ID: "D-2020-01", Date: "2020-10-28", Awards: []model.DecisionAward{
			{Hero: "H-2020-0003", Honor: "city-model", Reward: money.Yuan(5000)},
			{Hero: "H-2020-0003", Honor: "city-good", Reward: money.Yuan(3000)},
			{Hero: "H-2020-0004", Honor: "city-good", Reward: money.Yuan(1000)},
		}}},
		Fund: []model.FundMonth{{Year: 2020, Month: 10, Vouchers: vs}},
	}
}

// summary writes what Reconcile found: each open due with what was paid,
// each overpaid one with the voucher that took it past its amount.
func summary(r *Reconciliation) string {
	var out []string
	for _, d := range r.Open {
		out = append(out, fmt.Sprintf("open %s %s/%s", d.What(), d.Paid, d.Amount))
	}
	for _, d := range r.Over {
		out = append(out, fmt.Sprintf("over %s at %s (%s)", d.What(), d.Over.Voucher.ID, d.OverSum))
	}
	return strings.Join(out, "; ")
}

func TestReconcile(t *testing.T) {
	for _, tc := range []struct {
		name     string
		vouchers []model.Voucher
		want     string
	}{
		{"nothing paid", nil,
			"open V-2020-0001 0.00/3000.00; open D-2020-01/H-2020-0003 0.00/8000.00; open D-2020-01/H-2020-0004 0.00/1000.00"},
		{"all paid, the visit by hero, one reward in two vouchers", []model.Voucher{
			voucher("F-1", "V-2020-0001", "H-2020-0001", 1000), voucher("F-2", "V-2020-0001", "H-2020-0002", 2000),
			voucher("F-3", "D-2020-01", "H-2020-0003", 5000), voucher("F-4", "D-2020-01", "H-2020-0003", 3000),
			voucher("F-5", "D-2020-01", "H-2020-0004", 1000),
		}, ""},
		{"the visit in a lump sum, short", []model.Voucher{voucher("F-1", "V-2020-0001", "", 2500)},
			"open V-2020-0001 2500.00/3000.00; open D-2020-01/H-2020-0003 0.00/8000.00; open D-2020-01/H-2020-0004 0.00/1000.00"},
		{"one family paid: the other is open", []model.Voucher{
			voucher("F-1", "V-2020-0001", "H-2020-0002", 2000),
			voucher("F-3", "D-2020-01", "H-2020-0003", 8000), voucher("F-5", "D-2020-01", "H-2020-0004", 1000),
		}, "open V-2020-0001/H-2020-0001 0.00/1000.00"},
		{"overpaid at the second voucher, reported once", []model.Voucher{
			voucher("F-1", "D-2020-01", "H-2020-0004", 600), voucher("F-2", "D-2020-01", "H-2020-0004", 600),
			voucher("F-3", "D-2020-01", "H-2020-0004", 600),
			voucher("F-4", "V-2020-0001", "", 3000), voucher("F-5", "D-2020-01", "H-2020-0003", 8000),
		}, "over D-2020-01/H-2020-0004 at F-2 (1200.00)"},
		{"a family overpaid: the part, not the visit", []model.Voucher{
			voucher("F-1", "V-2020-0001", "H-2020-0001", 1500), voucher("F-2", "V-2020-0001", "H-2020-0002", 2000),
			voucher("F-3", "D-2020-01", "H-2020-0003", 8000), voucher("F-5", "D-2020-01", "H-2020-0004", 1000),
		}, "over V-2020-0001/H-2020-0001 at F-1 (1500.00)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := summary(Reconcile(repo(tc.vouchers...))); got != tc.want {
				t.Errorf("Reconcile:\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}

// TestWithdrawnCountForNothing: a withdrawn voucher pays nothing and is
// paid to nobody; a withdrawn visit or decision is owed by nobody.
func TestWithdrawnCountForNothing(t *testing.T) {
	v := voucher("F-1", "D-2020-01", "H-2020-0004", 1000)
	v.Status = "withdrawn"
	r := Reconcile(repo(v))
	if d := r.Reward("D-2020-01", "H-2020-0004"); d == nil || d.Paid != 0 || d.State() != Unpaid {
		t.Errorf("a withdrawn voucher paid the reward: %+v", d)
	}
	if len(r.ToHero["H-2020-0004"]) != 0 {
		t.Errorf("a withdrawn voucher is counted as paid to the hero")
	}
	rp := repo()
	rp.Visits[0].Status, rp.Decisions[0].Status = "withdrawn", "withdrawn"
	if r := Reconcile(rp); len(r.Open) != 0 || len(r.Rewards) != 0 {
		t.Errorf("withdrawn records are owed: %s", summary(r))
	}
}

func TestDueState(t *testing.T) {
	r := Reconcile(repo(voucher("F-1", "D-2020-01", "H-2020-0003", 5000), voucher("F-2", "D-2020-01", "H-2020-0004", 1000)))
	d := r.Reward("D-2020-01", "H-2020-0003")
	if d.State() != Partial || d.Left() != money.Yuan(3000) || d.State().Zh() != "部分支付" || !d.Award() {
		t.Errorf("the hero rewarded twice: %s, left %s", d.State(), d.Left())
	}
	if got := r.Reward("D-2020-01", "H-2020-0004").State(); got != Settled {
		t.Errorf("paid in full: %s", got)
	}
	if r.Reward("D-2020-01", "H-2020-0001") != nil {
		t.Error("a reward for a hero the decision does not award")
	}
	if ids := []string{r.ToHero["H-2020-0003"][0].Voucher.ID}; !slices.Equal(ids, []string{"F-1"}) {
		t.Errorf("paid to H-2020-0003: %v", ids)
	}
}
