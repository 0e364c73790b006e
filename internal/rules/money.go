package rules

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/yancheng-jyyw/roll/internal/dues"
	"github.com/yancheng-jyyw/roll/internal/model"
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

// payments reconciles the ledger with the visits and decisions (rule 11,
// package ledger): a voucher that takes what it pays past its amount is an
// error, once; what is paid less than its amount a warning.
func (c *checker) payments() {
	r := dues.Reconcile(c.repo)
	for _, d := range r.Over {
		m, j := d.Over.Month, d.Over.Index
		c.errorf(m.Src, m.Src.At(strconv.Itoa(j), "amount"), "fund", "the vouchers that pay %s sum to %s yuan with this one, more than its %s yuan",
			d.What(), d.OverSum.String(), d.Amount.String())
	}
	for _, d := range r.Open {
		if d.Paid == 0 {
			c.warnf(d.Src, d.Src.At(d.At...), "fund", "%s yuan for %s is unpaid: no voucher of the fund names it", d.Amount.String(), d.What())
		} else {
			c.warnf(d.Src, d.Src.At(d.At...), "fund", "%s yuan for %s is paid only in part: %s yuan so far", d.Amount.String(), d.What(), d.Paid.String())
		}
	}
}
