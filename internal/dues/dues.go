// Package dues holds what the fund should pay against the vouchers of its
// ledger that pay it (DESIGN §5 rule 11): roll check reports from it, and
// the internal site shows it, so that the site's list of what is unpaid is
// the check's list.
package dues

import (
	"strconv"

	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/money"
)

// What the fund owes is written in two kinds of record: a visit's amounts,
// one per beneficiary, and a decision's rewards, one per hero. A voucher
// pays one of them when it names it (ref) and, for a reward, the hero. A
// visit paid in full, however its vouchers are split, is settled; one paid
// by vouchers that each name a hero is followed beneficiary by
// beneficiary, one paid in a lump sum as a whole. A decision's rewards are
// followed hero by hero; one hero awarded two titles by one decision is
// owed their sum. Withdrawn visits, decisions and vouchers count for
// nothing.

// Due is an amount the fund should pay: a hero's reward in a decision, a
// beneficiary's part of a visit, or a visit's whole amount.
type Due struct {
	Ref    string     // the decision or visit: D-2020-06, V-2020-0003
	Hero   string     // the hero owed; "" for a visit's whole amount
	Date   model.Date // of the decision or visit
	Amount money.Fen
	Paid   money.Fen
	// Payments are the vouchers that paid it, in the order of the ledger.
	Payments []Payment
	Src      model.Source // the decision or visit
	At       []string     // where in Src the amount is written
	// Over is the voucher that took the sum paid past Amount, and OverSum
	// that sum; nil when none did. A visit's whole amount is not taken past
	// once one of its beneficiaries' parts is: one excess, reported once.
	Over    *Payment
	OverSum money.Fen
}

// Payment is a voucher that pays a due: its month, and its index there.
type Payment struct {
	Month   *model.FundMonth
	Index   int
	Voucher *model.Voucher
}

// What names what is owed: D-2020-06/H-2019-0003, V-2020-0003/H-2016-0001,
// or V-2020-0003 for a visit's whole amount.
func (d *Due) What() string {
	if d.Hero == "" {
		return d.Ref
	}
	return d.Ref + "/" + d.Hero
}

// Award reports whether the due is a reward of a decision.
func (d *Due) Award() bool { return len(d.Ref) > 2 && d.Ref[:2] == "D-" }

// Left is what remains to be paid; negative when more was paid.
func (d *Due) Left() money.Fen { return d.Amount - d.Paid }

// State is how far a due is paid.
func (d *Due) State() State {
	switch {
	case d.Paid > d.Amount:
		return Overpaid
	case d.Paid == d.Amount:
		return Settled
	case d.Paid == 0:
		return Unpaid
	}
	return Partial
}

// State is how far a due is paid.
type State string

const (
	Settled  State = "settled"
	Unpaid   State = "unpaid"
	Partial  State = "partial"
	Overpaid State = "overpaid"
)

// Zh is the state as the internal site says it.
func (s State) Zh() string {
	switch s {
	case Settled:
		return "已付清"
	case Unpaid:
		return "未支付"
	case Partial:
		return "部分支付"
	case Overpaid:
		return "超付"
	}
	return string(s)
}

// Class is the state as a CSS class.
func (s State) Class() string { return "pay-" + string(s) }

// Reconciliation is the ledger held against what it should pay.
type Reconciliation struct {
	// Rewards are the rewards of the decisions, a due per decision and
	// hero, in the order of the decisions and their awards.
	Rewards []*Due
	// Open are the dues paid less than their amount, as roll check warns
	// of them: visits in the order of their files, then rewards. A visit
	// paid in a lump sum, or not at all while it has several
	// beneficiaries, is one due; otherwise each beneficiary's part is.
	Open []*Due
	// Over are the dues paid more than their amount, at the voucher that
	// took them past it: errors of roll check.
	Over []*Due
	// ToHero are the vouchers that name each hero, in the order of the
	// ledger, withdrawn ones left out.
	ToHero map[string][]Payment

	rewards map[string]*Due // by What
}

// Reward is the due of hero's reward in decision, of 0 when the decision
// gives no money; nil when it awards the hero nothing.
func (r *Reconciliation) Reward(decision, hero string) *Due {
	return r.rewards[decision+"/"+hero]
}

// visitDue is what vouchers should pay for one visit: the whole, which
// vouchers that name no hero pay, and each beneficiary's part, which
// vouchers that name the hero pay (and the whole with them).
type visitDue struct {
	whole    Due
	parts    map[string]*Due // by hero
	order    []*Due
	lumpSum  bool // a voucher named no hero
	partOver bool // a beneficiary's part was paid beyond its amount
}

// Reconcile holds the ledger of repo against its visits and decisions.
func Reconcile(repo *model.Repo) *Reconciliation {
	r := &Reconciliation{rewards: map[string]*Due{}, ToHero: map[string][]Payment{}}
	visits := map[string]*visitDue{}
	var visitOrder []*visitDue
	for i := range repo.Visits {
		v := &repo.Visits[i]
		if v.Status == "withdrawn" || visits[v.ID] != nil {
			continue
		}
		vd := &visitDue{whole: Due{Ref: v.ID, Date: v.Date, Src: v.Src, At: []string{"id"}}, parts: map[string]*Due{}}
		for j, b := range v.Beneficiaries {
			vd.whole.Amount += money.Yuan(b.Amount)
			if d := vd.parts[b.Hero]; d != nil {
				d.Amount += money.Yuan(b.Amount)
				continue
			}
			d := &Due{Ref: v.ID, Hero: b.Hero, Date: v.Date, Amount: money.Yuan(b.Amount), Src: v.Src,
				At: []string{"beneficiaries", strconv.Itoa(j), "amount"}}
			vd.parts[b.Hero] = d
			vd.order = append(vd.order, d)
		}
		visits[v.ID] = vd
		visitOrder = append(visitOrder, vd)
	}
	for i := range repo.Decisions {
		d := &repo.Decisions[i]
		if d.Status == "withdrawn" {
			continue
		}
		for j, a := range d.Awards {
			k := d.ID + "/" + a.Hero
			if due := r.rewards[k]; due != nil {
				due.Amount += a.Reward
				continue
			}
			due := &Due{Ref: d.ID, Hero: a.Hero, Date: d.Date, Amount: a.Reward, Src: d.Src, At: []string{"awards", strconv.Itoa(j), "reward"}}
			r.rewards[k] = due
			r.Rewards = append(r.Rewards, due)
		}
	}
	for i := range repo.Fund {
		m := &repo.Fund[i]
		for j := range m.Vouchers {
			v := &m.Vouchers[j]
			if v.Withdrawn() {
				continue
			}
			p := Payment{Month: m, Index: j, Voucher: v}
			if v.Hero != "" {
				r.ToHero[v.Hero] = append(r.ToHero[v.Hero], p)
			}
			if v.Ref == "" || !v.Expense() {
				continue
			}
			if due := r.rewards[v.Ref+"/"+v.Hero]; due != nil {
				due.pay(p)
				continue
			}
			vd := visits[v.Ref]
			if vd == nil {
				continue
			}
			part := vd.parts[v.Hero]
			if part != nil {
				part.pay(p)
				vd.partOver = vd.partOver || part.Over != nil
			} else {
				vd.lumpSum = true
			}
			// An excess of a beneficiary's part is the visit's excess too:
			// reported once, at the part.
			if vd.whole.Over == nil && !vd.partOver {
				vd.whole.pay(p)
			} else {
				vd.whole.Paid += v.Amount
				vd.whole.Payments = append(vd.whole.Payments, p)
			}
		}
	}
	for _, vd := range visitOrder {
		switch {
		case vd.whole.Paid >= vd.whole.Amount:
		case vd.lumpSum || vd.whole.Paid == 0 && len(vd.order) > 1:
			r.Open = append(r.Open, &vd.whole)
		default:
			for _, d := range vd.order {
				if d.Paid < d.Amount {
					r.Open = append(r.Open, d)
				}
			}
		}
		for _, d := range vd.order {
			if d.Over != nil {
				r.Over = append(r.Over, d)
			}
		}
		if vd.whole.Over != nil {
			r.Over = append(r.Over, &vd.whole)
		}
	}
	for _, d := range r.Rewards {
		if d.Paid < d.Amount {
			r.Open = append(r.Open, d)
		}
		if d.Over != nil {
			r.Over = append(r.Over, d)
		}
	}
	return r
}

// pay counts a voucher against d; the one that takes the sum past the
// amount is kept, once.
func (d *Due) pay(p Payment) {
	d.Paid += p.Voucher.Amount
	d.Payments = append(d.Payments, p)
	if d.Paid > d.Amount && d.Over == nil {
		d.Over, d.OverSum = &p, d.Paid
	}
}
