package ledger

import (
	"crypto/sha256"
	"fmt"
	"strconv"

	"github.com/yancheng-jyyw/roll/internal/dues"
	"github.com/yancheng-jyyw/roll/internal/money"
)

// HeroMoney is what the fund paid one hero and what it owes them: the
// section of the hero's internal record on money.
type HeroMoney struct {
	Payments []Entry   // the vouchers that name the hero, by date
	Total    money.Fen // paid to the hero: the expenses among them
	Rewards  []OpenRow // the hero's rewards, each with what was paid of it
	Open     []OpenRow // the visits' amounts to the hero not paid as written
	sum      [32]byte  // of everything above
}

// Hero returns what the fund paid and owes the hero id, linked from a page
// at depth.
func (b *Book) Hero(id string, depth int) *HeroMoney {
	m := &HeroMoney{}
	for _, p := range b.Rec.ToHero[id] {
		v := p.Voucher
		m.Payments = append(m.Payments, Entry{
			ID: v.ID, Path: up(depth) + fmt.Sprintf("fund/%d.html#%s", p.Month.Year, v.ID), Date: v.Date,
			Kind: b.word(kindPath, v.Kind), Category: b.word(categoryPath, v.Category), Amount: v.Amount,
			Expense: v.Expense(), Ref: b.refLink(v.Ref, depth), Note: v.Note,
		})
		if v.Expense() {
			m.Total += v.Amount
		}
	}
	row := func(d *dues.Due) OpenRow {
		return OpenRow{Due: d, Ref: b.refLink(d.Ref, depth), Award: d.Award(), State: d.State(), Amount: d.Amount, Paid: d.Paid, Left: d.Left()}
	}
	for _, d := range b.owed[id] {
		if d.Award() {
			m.Rewards = append(m.Rewards, row(d))
		} else if d.State() != dues.Settled {
			m.Open = append(m.Open, row(d))
		}
	}
	m.sum = heroSum(m)
	return m
}

// HeroSum is Hero(id, depth).Sum(), without making the section of a hero
// the fund neither paid nor owes anything, as most heroes are.
func (b *Book) HeroSum(id string, depth int) [32]byte {
	if !b.moneyed[id] {
		return emptyHeroSum
	}
	return b.Hero(id, depth).Sum()
}

// emptyHeroSum is the Sum of a hero the fund neither paid nor owes.
var emptyHeroSum = heroSum(&HeroMoney{})

// heroSum is the Sum of m.
func heroSum(m *HeroMoney) [32]byte {
	h := sha256.New()
	for _, e := range m.Payments {
		fmt.Fprintf(h, "p %s %s %s %s %d %s %s %s %s\n", e.ID, e.Path, e.Date, e.Category.Value, e.Amount, e.Kind.Value, e.Ref.ID, e.Ref.Path, strconv.Quote(e.Note))
	}
	for _, rs := range [][]OpenRow{m.Rewards, m.Open} {
		for _, r := range rs {
			fmt.Fprintf(h, "d %s %s %d %d\n", r.Due.What(), r.Ref.Path, r.Amount, r.Paid)
		}
		h.Write([]byte("-\n"))
	}
	return [32]byte(h.Sum(nil))
}

// Sum identifies everything the section shows, for the key of the page
// that shows it.
func (m *HeroMoney) Sum() [32]byte { return m.sum }

// Empty reports whether the fund neither paid nor owes the hero anything.
func (m *HeroMoney) Empty() bool {
	return len(m.Payments) == 0 && len(m.Rewards) == 0 && len(m.Open) == 0
}

// index lists, per hero, the rewards and the visits' amounts not paid as
// written.
func (b *Book) index() {
	b.owed = map[string][]*dues.Due{}
	for _, d := range b.Rec.Rewards {
		b.owed[d.Hero] = append(b.owed[d.Hero], d)
	}
	for _, ds := range [][]*dues.Due{b.Rec.Open, b.Rec.Over} {
		for _, d := range ds {
			if d.Hero != "" && !d.Award() {
				b.owed[d.Hero] = append(b.owed[d.Hero], d)
			}
		}
	}
	b.moneyed = make(map[string]bool, len(b.owed)+len(b.Rec.ToHero))
	for id := range b.owed {
		b.moneyed[id] = true
	}
	for id, ps := range b.Rec.ToHero {
		if len(ps) > 0 {
			b.moneyed[id] = true
		}
	}
}
