package rules

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/money"
	"github.com/yancheng-jyyw/roll/internal/schema"
)

// The categories of the ledger that belong to one kind of voucher only;
// "other" fits both.
var (
	expenseCategories = []string{"award", "condolence", "insurance", "education_aid", "recuperation", "publicity", "training", "operations"}
	incomeCategories  = []string{"donation", "grant", "investment"}
)

// voucherIDs checks rule 1 for the ledger: a voucher number is used once
// across all years.
func (c *checker) voucherIDs() {
	seen := map[string]string{}
	for i := range c.repo.Fund {
		m := &c.repo.Fund[i]
		for j, v := range m.Vouchers {
			if first, dup := seen[v.ID]; dup {
				c.errorf(m.Src, m.Src.At(strconv.Itoa(j), "id"), "id", "the voucher number %s is used already in %s", v.ID, first)
				continue
			}
			seen[v.ID] = m.Src.File
		}
	}
}

// ledger checks the fund (DESIGN §5 rule 11): each voucher lies in its
// file's month and names what exists; each visit amount and each reward of a
// decision is paid by vouchers that name it, in full and not more. The
// amounts themselves are the schema's format "yuan": positive, at most two
// decimals.
func (c *checker) ledger() {
	for i := range c.repo.Fund {
		c.month(&c.repo.Fund[i])
	}
	c.payments()
}

func (c *checker) month(m *model.FundMonth) {
	src := m.Src
	ix := c.refs()
	for i := range m.Vouchers {
		v := &m.Vouchers[i]
		at := strconv.Itoa(i)
		if y := idYear(v.ID); y != strconv.Itoa(m.Year) {
			c.errorf(src, src.At(at, "id"), "fund", "the voucher %s is numbered in %s but kept in the ledger of %d", v.ID, y, m.Year)
		}
		if !m.InMonth(v.Date.Time()) {
			c.errorf(src, src.At(at, "date"), "fund", "the voucher is dated %s but kept in the month %s", string(v.Date), fmt.Sprintf("%d-%02d", m.Year, m.Month))
		}
		c.future(src, v.Date, at, "date")
		kind := c.word(schema.Fund, []string{"kind"}, v.Kind)
		fits := incomeCategories
		if v.Expense() {
			fits = expenseCategories
		}
		if v.Category != "other" && !slices.Contains(fits, v.Category) {
			c.errorf(src, src.At(at, "category"), "fund", "%s is not a category of %s", c.word(schema.Fund, []string{"category"}, v.Category), kind)
		}
		if v.Jurisdiction != "" {
			c.jurisdiction(src, v.Jurisdiction, at, "jurisdiction")
		}
		if v.Hero != "" {
			if _, ok := c.heroes[v.Hero]; !ok && !c.broken(v.Hero) {
				c.errorf(src, src.At(at, "hero"), "ref", "no hero has the id %s", v.Hero)
			}
		}
		if v.Ref == "" {
			continue
		}
		if !v.Expense() {
			c.errorf(src, src.At(at, "ref"), "fund", "only an expense pays a decision, visit or event, but this voucher is %s", kind)
			continue
		}
		c.paysWhat(src, ix, v, at)
	}
}

// paysWhat checks what a voucher's ref names: it exists, and the hero paid
// is one of its beneficiaries or awardees.
func (c *checker) paysWhat(src model.Source, ix *index, v *model.Voucher, at string) {
	switch {
	case strings.HasPrefix(v.Ref, "D-"):
		d, ok := ix.decisions[v.Ref]
		switch {
		case !ok:
			c.missingRef(src, v.Ref, at, "no decision has the id %s")
		case v.Hero == "":
			c.errorf(src, src.At(at, "ref"), "fund", "a payment of the decision %s names the hero it pays: add hero", v.Ref)
		case !awardsAny(d, v.Hero):
			c.errorf(src, src.At(at, "hero"), "fund", "the decision %s awards nothing to %s", v.Ref, v.Hero)
		}
	case strings.HasPrefix(v.Ref, "V-"):
		vis, ok := ix.visits[v.Ref]
		switch {
		case !ok:
			c.missingRef(src, v.Ref, at, "no visit has the id %s")
		case v.Hero != "" && beneficiary(vis, v.Hero) < 0:
			c.errorf(src, src.At(at, "hero"), "fund", "the visit %s is not to %s", v.Ref, v.Hero)
		}
	case strings.HasPrefix(v.Ref, "E-"):
		if _, ok := ix.events[v.Ref]; !ok {
			c.missingRef(src, v.Ref, at, "no event has the id %s")
		}
	}
}

func (c *checker) missingRef(src model.Source, id, at, key string) {
	if !c.broken(id) {
		c.errorf(src, src.At(at, "ref"), "ref", key, id)
	}
}

func awardsAny(d *model.Decision, hero string) bool {
	for _, a := range d.Awards {
		if a.Hero == hero {
			return true
		}
	}
	return false
}

// beneficiary is the index of hero among the visit's beneficiaries, -1 if
// none.
func beneficiary(v *model.Visit, hero string) int {
	for i, b := range v.Beneficiaries {
		if b.Hero == hero {
			return i
		}
	}
	return -1
}

// due is an amount that vouchers should pay: a visit's whole amount, a
// beneficiary's part of it, or a hero's reward in a decision.
type due struct {
	amount money.Fen
	paid   money.Fen
	src    model.Source
	at     []string // where the amount is written
	what   string   // what is paid, for messages: V-2020-0003, V-2020-0003/H-2016-0001
	over   bool     // an overpayment was reported already
}

// pay adds a voucher's amount; the voucher that takes the sum past the
// amount is an error, reported once.
func (c *checker) pay(d *due, m *model.FundMonth, j int, amount money.Fen) {
	d.paid += amount
	if d.paid > d.amount && !d.over {
		d.over = true
		c.errorf(m.Src, m.Src.At(strconv.Itoa(j), "amount"), "fund", "the vouchers that pay %s sum to %s yuan with this one, more than its %s yuan",
			d.what, d.paid.String(), d.amount.String())
	}
}

// unpaid warns of what d still lacks.
func (c *checker) unpaid(d *due) {
	switch {
	case d.paid >= d.amount:
	case d.paid == 0:
		c.warnf(d.src, d.src.At(d.at...), "fund", "%s yuan for %s is unpaid: no voucher of the fund names it", d.amount.String(), d.what)
	default:
		c.warnf(d.src, d.src.At(d.at...), "fund", "%s yuan for %s is paid only in part: %s yuan so far", d.amount.String(), d.what, d.paid.String())
	}
}

// visitDue is what vouchers should pay for one visit: the whole, which
// vouchers that name no hero pay, and each beneficiary's part, which
// vouchers that name the hero pay (and the whole with them).
type visitDue struct {
	whole   due
	parts   map[string]*due // by hero
	order   []*due
	lumpSum bool // a voucher named no hero
}

// payments reconciles the ledger with the visits and decisions (rule 11).
// A visit paid in full, however its vouchers are split, is settled; one paid
// by vouchers that each name a hero is reported beneficiary by beneficiary,
// one paid in a lump sum as a whole. A decision's rewards are paid hero by
// hero.
func (c *checker) payments() {
	visits := map[string]*visitDue{}
	var visitOrder []*visitDue
	for i := range c.repo.Visits {
		v := &c.repo.Visits[i]
		if v.Status == "withdrawn" || visits[v.ID] != nil {
			continue
		}
		vd := &visitDue{whole: due{src: v.Src, at: []string{"id"}, what: v.ID}, parts: map[string]*due{}}
		for j, b := range v.Beneficiaries {
			vd.whole.amount += money.Yuan(b.Amount)
			if d := vd.parts[b.Hero]; d != nil {
				d.amount += money.Yuan(b.Amount)
				continue
			}
			d := &due{amount: money.Yuan(b.Amount), src: v.Src, at: []string{"beneficiaries", strconv.Itoa(j), "amount"}, what: v.ID + "/" + b.Hero}
			vd.parts[b.Hero] = d
			vd.order = append(vd.order, d)
		}
		visits[v.ID] = vd
		visitOrder = append(visitOrder, vd)
	}
	rewards := map[string]*due{} // by decision id + "/" + hero
	var rewardOrder []*due
	for i := range c.repo.Decisions {
		d := &c.repo.Decisions[i]
		if d.Status == "withdrawn" {
			continue
		}
		for j, a := range d.Awards {
			k := d.ID + "/" + a.Hero
			if r := rewards[k]; r != nil {
				r.amount += a.Reward // one hero awarded two titles: one sum
				continue
			}
			r := &due{amount: a.Reward, src: d.Src, at: []string{"awards", strconv.Itoa(j), "reward"}, what: k}
			rewards[k] = r
			rewardOrder = append(rewardOrder, r)
		}
	}
	for i := range c.repo.Fund {
		m := &c.repo.Fund[i]
		for j := range m.Vouchers {
			v := &m.Vouchers[j]
			if v.Ref == "" || !v.Expense() || v.Withdrawn() {
				continue
			}
			if r := rewards[v.Ref+"/"+v.Hero]; r != nil {
				c.pay(r, m, j, v.Amount)
				continue
			}
			vd := visits[v.Ref]
			if vd == nil {
				continue
			}
			if part := vd.parts[v.Hero]; part != nil {
				c.pay(part, m, j, v.Amount)
			} else {
				vd.lumpSum = true
			}
			if !vd.whole.over && (vd.parts[v.Hero] == nil || !vd.parts[v.Hero].over) {
				c.pay(&vd.whole, m, j, v.Amount)
			} else {
				vd.whole.paid += v.Amount
			}
		}
	}
	for _, vd := range visitOrder {
		switch {
		case vd.whole.paid >= vd.whole.amount:
		case vd.lumpSum || vd.whole.paid == 0 && len(vd.order) > 1:
			c.unpaid(&vd.whole)
		default:
			for _, d := range vd.order {
				c.unpaid(d)
			}
		}
	}
	for _, r := range rewardOrder {
		c.unpaid(r)
	}
}
