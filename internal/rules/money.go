package rules

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/yancheng-jyyw/roll/internal/dues"
	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/internal/wire"
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
		// The kind's word is made only for a message: most vouchers have none.
		kind := func() finding.Message { return c.word(schema.Fund, []string{"kind"}, v.Kind) }
		fits := incomeCategories
		if v.Expense() {
			fits = expenseCategories
		}
		if v.Category != "other" && !slices.Contains(fits, v.Category) {
			c.errorf(src, src.At(at, "category"), "fund", "%s is not a category of %s", c.word(schema.Fund, []string{"category"}, v.Category), kind())
		}
		if v.Jurisdiction != "" {
			c.jurisdiction(src, v.Jurisdiction, at, "jurisdiction")
		}
		if v.Hero != "" {
			if _, ok := c.heroes.get(v.Hero); !ok && !c.broken(v.Hero) {
				c.errorf(src, src.At(at, "hero"), "ref", "no hero has the id %s", v.Hero)
			}
		}
		if v.Ref == "" {
			continue
		}
		if !v.Expense() {
			c.errorf(src, src.At(at, "ref"), "fund", "only an expense pays a decision, visit or event, but this voucher is %s", kind())
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
//
// With a memo, what it found is kept under ledgerKey, and a check whose
// visits, decisions and months of the ledger are the memo's reports it
// again without reconciling (memo.go).
func (c *checker) payments() {
	var key [sha256.Size]byte
	keyed := false
	if c.memo != nil {
		key, keyed = c.ledgerKey()
	}
	if keyed {
		c.memo.nextLedgerKey = key
		if key == c.memo.ledgerKey {
			if kept, ok := readLedger(c.memo.ledger, c.repo); ok {
				for i := range kept {
					c.ledgerFinding(&kept[i])
				}
				c.memo.nextLedger, c.memo.ledgerPassed = c.memo.ledger, true
				return
			}
		}
	}
	r := dues.Reconcile(c.repo)
	found := make([]ledgerFinding, 0, len(r.Over)+len(r.Open))
	for _, d := range r.Over {
		m, j := d.Over.Month, d.Over.Index
		found = append(found, ledgerFinding{kind: ledgerOver, src: m.Src, at: []string{strconv.Itoa(j), "amount"},
			args: [3]string{d.What(), d.OverSum.String(), d.Amount.String()}})
	}
	for _, d := range r.Open {
		f := ledgerFinding{kind: ledgerUnpaid, src: d.Src, at: d.At, args: [3]string{d.Amount.String(), d.What()}}
		if d.Paid != 0 {
			f.kind, f.args[2] = ledgerPartial, d.Paid.String()
		}
		found = append(found, f)
	}
	for i := range found {
		c.ledgerFinding(&found[i])
	}
	if keyed {
		c.memo.nextLedger = appendLedger(nil, found, c.repo)
	}
}

// ledgerFinding is a finding of the ledger's reconciliation: of what kind,
// where, and the values its message names.
type ledgerFinding struct {
	kind byte
	src  model.Source // a month of the ledger, a visit or a decision
	at   []string
	args [3]string
}

// The kinds of a ledgerFinding.
const (
	ledgerOver    = iota // an excess: what, the sum paid, the amount
	ledgerUnpaid         // the amount, what
	ledgerPartial        // the amount, what, the sum paid
)

// ledgerFinding reports f.
func (c *checker) ledgerFinding(f *ledgerFinding) {
	pos := f.src.At(f.at...)
	switch f.kind {
	case ledgerOver:
		c.errorf(f.src, pos, "fund", "the vouchers that pay %s sum to %s yuan with this one, more than its %s yuan", f.args[0], f.args[1], f.args[2])
	case ledgerUnpaid:
		c.warnf(f.src, pos, "fund", "%s yuan for %s is unpaid: no voucher of the fund names it", f.args[0], f.args[1])
	default:
		c.warnf(f.src, pos, "fund", "%s yuan for %s is paid only in part: %s yuan so far", f.args[0], f.args[1], f.args[2])
	}
}

// The records a ledgerFinding may be about, as the memo names them: a
// kind and an index among the repository's records of that kind.
const (
	ledgerMonth = iota
	ledgerVisit
	ledgerDecision
)

// ledgerSources are the sources of the records the ledger's findings may
// be about, by their kind (ledgerMonth, ...).
func ledgerSources(repo *model.Repo, kind int) (n int, src func(int) *model.Source) {
	switch kind {
	case ledgerMonth:
		return len(repo.Fund), func(i int) *model.Source { return &repo.Fund[i].Src }
	case ledgerVisit:
		return len(repo.Visits), func(i int) *model.Source { return &repo.Visits[i].Src }
	default:
		return len(repo.Decisions), func(i int) *model.Source { return &repo.Decisions[i].Src }
	}
}

// ledgerKey is the key of the ledger's reconciliation: the code and the
// schemas (the memo's partsKey), and the path and sum of every visit,
// decision and month of the ledger, in order, which are all that
// dues.Reconcile reads. It is not keyed (false) when one of them was built
// by hand.
func (c *checker) ledgerKey() ([sha256.Size]byte, bool) {
	w := keyWriter{h: sha256.New()}
	w.str(memoHeader)
	w.bytes(c.memo.nextParts[:])
	for kind := ledgerMonth; kind <= ledgerDecision; kind++ {
		n, src := ledgerSources(c.repo, kind)
		w.num(int64(n))
		for i := range n {
			s := src(i)
			if s.Sum == ([sha256.Size]byte{}) {
				return [sha256.Size]byte{}, false
			}
			w.str(s.File)
			w.bytes(s.Sum[:])
		}
	}
	return w.sum(), true
}

// appendLedger appends the findings found, encoded, to b: their count,
// then of each its kind, its record (kind, index, path), its path in the
// record and the values of its message.
func appendLedger(b []byte, found []ledgerFinding, repo *model.Repo) []byte {
	type ref struct{ kind, idx int }
	refs := map[string]ref{}
	for kind := ledgerMonth; kind <= ledgerDecision; kind++ {
		n, src := ledgerSources(repo, kind)
		for i := range n {
			if _, dup := refs[src(i).File]; !dup {
				refs[src(i).File] = ref{kind, i}
			}
		}
	}
	b = binary.AppendUvarint(b, uint64(len(found)))
	for _, f := range found {
		r := refs[f.src.File]
		b = append(b, f.kind, byte(r.kind))
		b = binary.AppendUvarint(b, uint64(r.idx))
		b = wire.AppendString(b, f.src.File)
		b = binary.AppendUvarint(b, uint64(len(f.at)))
		for _, a := range f.at {
			b = wire.AppendString(b, a)
		}
		for _, a := range f.args {
			b = wire.AppendString(b, a)
		}
	}
	return b
}

// readLedger reads the findings that appendLedger wrote of repo; false
// when b does not fit repo's records.
func readLedger(b []byte, repo *model.Repo) ([]ledgerFinding, bool) {
	r := wire.NewReader(b)
	n := r.Count(8) // each finding takes 8 bytes at least
	found := make([]ledgerFinding, 0, n)
	for range n {
		var f ledgerFinding
		head := r.Next(2)
		if r.Bad() || head[0] > ledgerPartial || head[1] > ledgerDecision {
			return nil, false
		}
		f.kind = head[0]
		count, src := ledgerSources(repo, int(head[1]))
		idx := r.Uvarint(uint64(max(count-1, 0)))
		file := r.Next(r.Count(1))
		if r.Bad() || count == 0 || string(file) != src(int(idx)).File {
			return nil, false
		}
		f.src = *src(int(idx))
		f.at = make([]string, r.Count(1))
		for i := range f.at {
			f.at[i] = r.Str()
		}
		for i := range f.args {
			f.args[i] = r.Str()
		}
		if r.Bad() {
			return nil, false
		}
		found = append(found, f)
	}
	return found, !r.Bad() && len(r.Rest()) == 0
}
