package status

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"slices"

	"github.com/yancheng-jyyw/roll/internal/site"
	"github.com/yancheng-jyyw/roll/internal/wire"
)

// Memo remembers, from one build of the internal site to the next, what
// the site computes from every record on every build and what an edit to
// one record seldom changes:
//
//   - each hero's part of the fields key (keys.go): the SHA-256 of his
//     packed front matter without the fields shownAlone, by the SHA-256 of
//     the record's bytes, under the code of roll and the schemas
//     (Options.Inputs) that made the packed value. Taking the two fields
//     out of every hero's value was 1.0 s of a rebuild at 100,000 heroes.
//   - the listing of the pages that count across the archive (the
//     overview, the plan and tasks, care, the fund, decisions, the 通报,
//     events, teams): their paths, templates and frames' titles, the sums
//     of their workbooks' tables and the two counts of Stats they give
//     (Overdue, NotVisited), under the key of everything those pages read
//     (countingKey: what every page reads, Site.Inputs, and the fields of
//     every record). Making their data (care, the task boards, the 通报,
//     the decisions, the events) was ~3 s of a rebuild at 100,000 heroes,
//     for pages whose keys had not changed. With the listing known, the
//     data is made only when one of those pages or workbooks is rendered:
//     not after an edit to a deed's summary or a narrative, nor after one
//     to a list of heroes alone.
//   - what the fund paid and owes the heroes: the sum of each hero's
//     money section (ledger.Book.HeroSum) for every hero the fund paid or
//     owes, and the count of dues not paid as written (Stats.Unpaid),
//     under the key of everything they are made of (moneyKey: the code,
//     the schemas, every visit, decision, month of the ledger and
//     event). With them the keys of the heroes' pages need no
//     reconciliation of the whole ledger (0.18 s of a rebuild at 100,000
//     heroes): a page rendered reconciles its own heroes' (ledger.HeroBook).
//
// roll build keeps it in the output folder's state (OUT/.roll/status.state),
// beside the manifests that decide which pages are kept; roll serve keeps
// it in memory (Next). Its bytes are sealed by their SHA-256: a damaged,
// cut, foreign or older memo reads as an empty one, and a part made under
// another code or other schemas is not used. A listing is used only under
// its key, and the pages made from it are held to it when they render: a
// page whose data no longer has the listed title, or a workbook whose
// tables no longer have the listed sum, fails the build rather than
// being written under a key that does not name it
// (TestMemoListingIsHeldToThePages).
type Memo struct {
	// Read: what the build before left.
	code    site.Key // the Options.Inputs of counted
	counted table    // each hero's record Sum and his counted key
	listing *listing // the counting pages of the build before
	money   *keptMoney
	// This build's, for the next.
	nextCode    site.Key
	at          int     // of counted, where the next hero's entry is looked for first
	misses      int     // lookups the entries at the cursor did not answer
	bySum       []int32 // of counted, the entries by sum; made after many misses
	runs        []run   // the next table, in the order this build asked
	added       table   // the heroes' keys this build made
	nextListing *listing
	nextMoney   *keptMoney
}

// keptMoney is what the fund paid and owes the heroes, under the key of
// what it is made of (moneyKey).
type keptMoney struct {
	key    site.Key
	unpaid int        // Stats.Unpaid
	ids    []string   // the heroes the fund paid or owes anything, sorted
	sums   []site.Key // their money sections' sums (ledger.Book.HeroSum)
}

// equal reports whether a and b hold the same.
func (a *keptMoney) equal(b *keptMoney) bool {
	return a.key == b.key && a.unpaid == b.unpaid && slices.Equal(a.ids, b.ids) && slices.Equal(a.sums, b.sums)
}

// A table is the heroes' counted keys as the memo's bytes hold them: an
// entry of 64 bytes per hero, his record's Sum then his key, in the
// order the build that wrote it asked for them (the records' order). It
// is read in place. A build asks in the same order, so a hero's entry is
// the one at a cursor, or a few past it after a hero was added, removed
// or changed: a compare of 32 bytes per hero, where a search among
// 100,000 sorted entries (and the sort and merge of the next table) was
// ~0.1 s of a rebuild.
type table []byte

const entrySize = 2 * sha256.Size

func (t table) len() int { return len(t) / entrySize }

func (t table) sum(i int) []byte { return t[i*entrySize : i*entrySize+sha256.Size] }

func (t table) key(i int) site.Key { return site.Key(t[i*entrySize+sha256.Size : (i+1)*entrySize]) }

// run is a part of the next table: the entries [from, to) of the table
// read (counted), or of those made (added).
type run struct {
	added    bool
	from, to int
}

// lookAhead is how many entries from the cursor a lookup compares before
// it counts a miss; after manyMisses misses the entries are indexed by
// sum, so that records renamed or reordered in bulk are still found.
const (
	lookAhead  = 8
	manyMisses = 64
)

// find is the index of the entry of sum in t, near the cursor at first;
// false for none.
func (m *Memo) find(sum [sha256.Size]byte) (int, bool) {
	t := m.counted
	for i := m.at; i < min(t.len(), m.at+lookAhead); i++ {
		if [sha256.Size]byte(t.sum(i)) == sum {
			return i, true
		}
	}
	if m.misses++; m.misses < manyMisses {
		return 0, false
	}
	if m.bySum == nil {
		m.bySum = make([]int32, t.len())
		for i := range m.bySum {
			m.bySum[i] = int32(i)
		}
		slices.SortStableFunc(m.bySum, func(a, b int32) int { return bytes.Compare(t.sum(int(a)), t.sum(int(b))) })
	}
	lo, hi := 0, len(m.bySum) // the first entry whose sum is not below sum
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if bytes.Compare(t.sum(int(m.bySum[mid])), sum[:]) < 0 {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo == len(m.bySum) || [sha256.Size]byte(t.sum(int(m.bySum[lo]))) != sum {
		return 0, false
	}
	return int(m.bySum[lo]), true
}

// add appends entry i of the table read (or of those made) to the next
// table.
func (m *Memo) add(added bool, i int) {
	if n := len(m.runs); n > 0 && m.runs[n-1].added == added && m.runs[n-1].to == i {
		m.runs[n-1].to++
		return
	}
	m.runs = append(m.runs, run{added: added, from: i, to: i + 1})
}

// listing is what the pages that count across the archive are, under the
// key of their inputs: enough to list them and to key them without their
// data.
type listing struct {
	key        site.Key
	overdue    int // Stats.Overdue
	notVisited int // Stats.NotVisited
	pages      []listedPage
	books      []listedBook
}

// listedPage is a page as listed: its frame without its data.
type listedPage struct {
	path, template         string
	title, section, export string
}

// listedBook is a workbook as listed: the sum of its tables.
type listedBook struct {
	file string
	sum  site.Key
}

// memoHeader starts the bytes of a memo; bump it when the format changes.
const memoHeader = "roll status memo v4\n"

// NewMemo is an empty memo: a build with it computes everything and
// leaves what it computed for the next.
func NewMemo() *Memo { return &Memo{} }

// ReadMemo reads a memo written by Bytes; a nil, damaged or unknown one
// is empty.
func ReadMemo(b []byte) *Memo {
	m := &Memo{}
	rest, ok := bytes.CutPrefix(b, []byte(memoHeader))
	if !ok || len(rest) < sha256.Size {
		return m
	}
	body, seal := rest[:len(rest)-sha256.Size], rest[len(rest)-sha256.Size:]
	if sum := sha256.Sum256(body); !bytes.Equal(sum[:], seal) {
		return m
	}
	r := &memoReader{wire.NewReader(body)}
	code := r.key()
	n := r.Count(entrySize)
	counted := table(r.Next(n * entrySize))
	var l *listing
	if r.Flag() {
		l = &listing{key: r.key(), overdue: r.number(), notVisited: r.number()}
		l.pages = make([]listedPage, r.Count(5))
		for i := range l.pages {
			l.pages[i] = listedPage{path: r.Str(), template: r.Str(), title: r.Str(), section: r.Str(), export: r.Str()}
		}
		l.books = make([]listedBook, r.Count(1+sha256.Size))
		for i := range l.books {
			l.books[i] = listedBook{file: r.Str(), sum: r.key()}
		}
	}
	var money *keptMoney
	if r.Flag() {
		money = &keptMoney{key: r.key(), unpaid: r.number()}
		n := r.Count(1 + sha256.Size)
		money.ids, money.sums = make([]string, n), make([]site.Key, n)
		for i := range n {
			money.ids[i], money.sums[i] = r.Str(), r.key()
			if i > 0 && money.ids[i] <= money.ids[i-1] {
				return m // not sorted, or an id twice: not a memo Bytes wrote
			}
		}
	}
	if r.Bad() || len(r.Rest()) != 0 {
		return m
	}
	m.code, m.counted, m.listing, m.money = code, counted, l, money
	return m
}

// Next is the memo for the build after this one, in memory (roll serve);
// after a nil m, an empty one.
func (m *Memo) Next() *Memo {
	if m == nil {
		return &Memo{}
	}
	next := &Memo{code: m.nextCode, counted: m.counted, listing: m.nextListing, money: m.nextMoney}
	if !m.tableKept() {
		next.counted = m.nextTable(nil)
	}
	return next
}

// begin starts a build under the code and schemas code; a nil m
// remembers nothing, nor does any m without a code.
func (m *Memo) begin(code site.Key) {
	if m == nil {
		return
	}
	m.nextCode, m.nextListing, m.nextMoney, m.added, m.runs = code, nil, nil, nil, nil
	m.at, m.misses, m.bySum = 0, 0, nil
	if m.code != code {
		m.counted = nil
	}
}

// countedKey is the counted key of a hero whose record's bytes have the
// SHA-256 sum, as the build before made it under the same code.
func (m *Memo) countedKey(sum [sha256.Size]byte) (site.Key, bool) {
	if m == nil || m.nextCode == (site.Key{}) || sum == ([sha256.Size]byte{}) {
		return site.Key{}, false
	}
	i, ok := m.find(sum)
	if !ok {
		return site.Key{}, false
	}
	m.at = i + 1
	m.add(false, i)
	return m.counted.key(i), true
}

// keepCounted keeps a hero's counted key for the next build.
func (m *Memo) keepCounted(sum [sha256.Size]byte, k site.Key) {
	if m == nil || m.nextCode == (site.Key{}) || sum == ([sha256.Size]byte{}) || k == (site.Key{}) {
		return
	}
	m.added = append(append(m.added, sum[:]...), k[:]...)
	m.add(true, m.added.len()-1)
}

// nextTable appends to out the heroes' keys this build leaves for the
// next: those it looked up in the table read and those it made, in the
// order it asked for them.
func (m *Memo) nextTable(out []byte) table {
	for _, r := range m.runs {
		t := m.counted
		if r.added {
			t = m.added
		}
		out = append(out, t[r.from*entrySize:r.to*entrySize]...)
	}
	return out
}

// nextLen is how many entries nextTable appends.
func (m *Memo) nextLen() int {
	n := 0
	for _, r := range m.runs {
		n += r.to - r.from
	}
	return n
}

// tableKept reports whether the next table is the table read.
func (m *Memo) tableKept() bool {
	if len(m.runs) == 0 {
		return m.counted.len() == 0
	}
	r := m.runs[0]
	return len(m.runs) == 1 && !r.added && r.from == 0 && r.to == m.counted.len()
}

// listed is the listing the build before left under key; nil for none.
func (m *Memo) listed(key site.Key) *listing {
	if m == nil || key == (site.Key{}) || m.listing == nil || m.listing.key != key {
		return nil
	}
	return m.listing
}

// keepListing keeps the listing of this build's counting pages.
func (m *Memo) keepListing(l *listing) {
	if m != nil && l.key != (site.Key{}) {
		m.nextListing = l
	}
}

// moneyKept is the money the build before left under key; nil for none.
func (m *Memo) moneyKept(key site.Key) *keptMoney {
	if m == nil || key == (site.Key{}) || m.money == nil || m.money.key != key {
		return nil
	}
	return m.money
}

// keepMoney keeps what the fund paid and owes the heroes for the next
// build.
func (m *Memo) keepMoney(k *keptMoney) {
	if m != nil && k.key != (site.Key{}) {
		m.nextMoney = k
	}
}

// Changed reports whether the memo this build leaves differs from the
// one it read, and so must be written again.
func (m *Memo) Changed() bool {
	if m == nil {
		return false
	}
	if m.code != m.nextCode || !m.tableKept() {
		return true
	}
	if x, y := m.money, m.nextMoney; x == nil || y == nil {
		if x != y {
			return true
		}
	} else if x.key != y.key {
		return true
	}
	a, b := m.listing, m.nextListing
	if a == nil || b == nil {
		return a != b
	}
	return a.key != b.key
}

// Bytes is the memo this build leaves for the next, sealed by its
// SHA-256; the heroes' keys in the order this build asked for them.
func (m *Memo) Bytes() []byte {
	n := m.nextLen()
	// The listing's size is known beforehand: the buffer, of the
	// heroes' keys too (6.4 MB at 100,000 heroes), is made once.
	size := len(memoHeader) + (n+4)*entrySize
	if l := m.nextListing; l != nil {
		for _, p := range l.pages {
			size += 5*binary.MaxVarintLen64 + len(p.path) + len(p.template) + len(p.title) + len(p.section) + len(p.export)
		}
		size += len(l.books) * (binary.MaxVarintLen64 + sha256.Size)
		for _, b := range l.books {
			size += len(b.file)
		}
	}
	if k := m.nextMoney; k != nil {
		size += 3*binary.MaxVarintLen64 + len(k.ids)*(binary.MaxVarintLen64+sha256.Size)
		for _, id := range k.ids {
			size += len(id)
		}
	}
	out := append(make([]byte, 0, size), memoHeader...)
	out = append(out, m.nextCode[:]...)
	out = binary.AppendUvarint(out, uint64(n))
	out = m.nextTable(out)
	str := func(s string) { out = wire.AppendString(out, s) }
	if l := m.nextListing; l == nil {
		out = append(out, 0)
	} else {
		out = append(out, 1)
		out = append(out, l.key[:]...)
		out = binary.AppendVarint(out, int64(l.overdue))
		out = binary.AppendVarint(out, int64(l.notVisited))
		out = binary.AppendUvarint(out, uint64(len(l.pages)))
		for _, p := range l.pages {
			str(p.path)
			str(p.template)
			str(p.title)
			str(p.section)
			str(p.export)
		}
		out = binary.AppendUvarint(out, uint64(len(l.books)))
		for _, b := range l.books {
			str(b.file)
			out = append(out, b.sum[:]...)
		}
	}
	if k := m.nextMoney; k == nil {
		out = append(out, 0)
	} else {
		out = append(out, 1)
		out = append(out, k.key[:]...)
		out = binary.AppendVarint(out, int64(k.unpaid))
		out = binary.AppendUvarint(out, uint64(len(k.ids)))
		for i, id := range k.ids {
			str(id)
			out = append(out, k.sums[i][:]...)
		}
	}
	sum := sha256.Sum256(out[len(memoHeader):])
	return append(out, sum[:]...)
}

// memoReader reads what Bytes wrote.
type memoReader struct{ wire.Reader }

func (r *memoReader) key() (k site.Key) {
	if p := r.Next(len(k)); p != nil {
		k = site.Key(p)
	}
	return k
}

// number reads a count of the Stats: within ±2^40.
func (r *memoReader) number() int { return int(r.Varint(-1<<40, 1<<40)) }

// equal reports whether a and b list the same pages under the same key.
func (a *listing) equal(b *listing) bool {
	return a.key == b.key && a.overdue == b.overdue && a.notVisited == b.notVisited &&
		slices.Equal(a.pages, b.pages) && slices.Equal(a.books, b.books)
}
