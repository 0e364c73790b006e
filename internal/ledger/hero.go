package ledger

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/yancheng-jyyw/roll/internal/dues"
	"github.com/yancheng-jyyw/roll/internal/model"
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
	m.sum = b.heroSum(id, depth)
	return m
}

// HeroSum is Hero(id, depth).Sum(), without making the section: it is
// asked of every hero on every build, for the key of his record's page.
func (b *Book) HeroSum(id string, depth int) [32]byte {
	if !b.moneyed[id] {
		return emptyHeroSum
	}
	return b.heroSum(id, depth)
}

// emptyHeroSum is the Sum of a hero the fund neither paid nor owes.
var emptyHeroSum = sha256.Sum256([]byte("hero money: none\n"))

// heroSum is the SHA-256 of what Hero(id, depth) shows, from what it is
// made of: each voucher that names the hero (its month's year, id, date,
// kind, category, amount, the record it names and that record's page,
// its note), and each reward and visit's amount owed (the record, its
// page, the amount, what was paid), each string preceded by its length.
// Hero's words are the schemas' (every page's key names them), its paths
// a function of depth; a hero with neither shows the same at any depth.
func (b *Book) heroSum(id string, depth int) [32]byte {
	ps, ds := b.Rec.ToHero[id], b.owed[id]
	if len(ps) == 0 && len(ds) == 0 {
		return emptyHeroSum
	}
	buf := make([]byte, 0, 256)
	buf = append(buf, "hero money\n"...)
	str := func(s string) {
		buf = binary.AppendUvarint(buf, uint64(len(s)))
		buf = append(buf, s...)
	}
	num := func(n int64) { buf = binary.AppendVarint(buf, n) }
	num(int64(depth))
	num(int64(len(ps)))
	for _, p := range ps {
		v := p.Voucher
		num(int64(p.Month.Year))
		str(v.ID)
		str(string(v.Date))
		str(v.Kind)
		str(v.Category)
		num(int64(v.Amount))
		str(v.Ref)
		str(b.refs[v.Ref].page)
		str(v.Note)
	}
	num(int64(len(ds)))
	for _, d := range ds {
		str(d.Ref)
		str(d.Hero)
		str(b.refs[d.Ref].page)
		num(int64(d.Amount))
		num(int64(d.Paid))
	}
	return sha256.Sum256(buf)
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

// Moneyed lists, sorted, the heroes the fund paid or owes anything:
// HeroSum of any other hero is EmptyHeroSum.
func (b *Book) Moneyed() []string {
	ids := make([]string, 0, len(b.moneyed))
	for id := range b.moneyed {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// EmptyHeroSum is HeroSum of a hero the fund neither paid nor owes.
func EmptyHeroSum() [32]byte { return emptyHeroSum }

// NoMoney is Hero(id, depth) of a hero the fund neither paid nor owes.
func NoMoney() *HeroMoney { return &HeroMoney{sum: emptyHeroSum} }

// HeroBook is a Book whose Hero and HeroSum of the heroes ids are those
// of New(in): the whole ledger held against the visits and decisions
// that name one of them, and no others. What a hero is paid and owed
// depends only on the vouchers (every one is read) and on the visits
// and decisions that name him; each of those is reconciled with every
// visit and decision of its id, as New reconciles it, so that a voucher
// that names the id finds what it finds in the whole archive. A page of
// a few heroes' records is rendered with it without reconciling every
// visit and decision. Nothing else of the Book is the archive's.
func HeroBook(in Input, ids []string) *Book {
	named := map[string]bool{}
	for _, id := range ids {
		named[id] = true
	}
	refs := map[string]bool{}
	for i := range in.Repo.Visits {
		v := &in.Repo.Visits[i]
		for _, bf := range v.Beneficiaries {
			if named[bf.Hero] {
				refs[v.ID] = true
				break
			}
		}
	}
	for i := range in.Repo.Decisions {
		d := &in.Repo.Decisions[i]
		for _, a := range d.Awards {
			if named[a.Hero] {
				refs[d.ID] = true
				break
			}
		}
	}
	sub := &model.Repo{Fund: in.Repo.Fund}
	for i := range in.Repo.Visits {
		if refs[in.Repo.Visits[i].ID] {
			sub.Visits = append(sub.Visits, in.Repo.Visits[i])
		}
	}
	for i := range in.Repo.Decisions {
		if refs[in.Repo.Decisions[i].ID] {
			sub.Decisions = append(sub.Decisions, in.Repo.Decisions[i])
		}
	}
	return newBook(in, dues.Reconcile(sub))
}
