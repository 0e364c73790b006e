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
	// This build's, for the next.
	nextCode    site.Key
	used        []uint64 // of counted, the entries this build looked up
	nused       int      // how many
	added       table    // the heroes' keys this build made
	nextListing *listing
}

// A table is the heroes' counted keys as the memo's bytes hold them: an
// entry of 64 bytes per hero, his record's Sum then his key, sorted by
// Sum. It is read in place and looked up by a binary search: a map of
// 100,000 entries, made on every read and again for the next build, was
// ~0.1 s of a rebuild.
type table []byte

const entrySize = 2 * sha256.Size

func (t table) len() int { return len(t) / entrySize }

func (t table) sum(i int) []byte { return t[i*entrySize : i*entrySize+sha256.Size] }

func (t table) key(i int) site.Key { return site.Key(t[i*entrySize+sha256.Size : (i+1)*entrySize]) }

// find is the index of the entry of sum; false for none. The sums are
// SHA-256 sums, evenly spread: a step that guesses the place from the
// first 8 bytes, then one that halves, in turn, finds an entry of
// 100,000 in a few steps where halving alone takes 17, each a miss of
// the cache, and never takes more than twice as many steps as halving.
func (t table) find(sum *[sha256.Size]byte) (int, bool) {
	lo, hi := 0, t.len() // the entry is in [lo, hi) if anywhere
	x := binary.BigEndian.Uint64(sum[:8])
	for step := 0; lo < hi; step++ {
		mid := int(uint(lo+hi) >> 1)
		if step%2 == 0 && hi-lo > 2 {
			a, b := binary.BigEndian.Uint64(t.sum(lo)), binary.BigEndian.Uint64(t.sum(hi-1))
			if x < a || x > b {
				return 0, false
			}
			if b > a {
				mid = lo + int(float64(x-a)/float64(b-a)*float64(hi-1-lo))
				mid = min(max(mid, lo), hi-1)
			}
		}
		switch c := bytes.Compare(t.sum(mid), sum[:]); {
		case c == 0:
			return mid, true
		case c < 0:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return 0, false
}

// sorted reports whether the entries' sums rise strictly.
func (t table) sorted() bool {
	for i := 1; i < t.len(); i++ {
		if bytes.Compare(t.sum(i-1), t.sum(i)) >= 0 {
			return false
		}
	}
	return true
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
const memoHeader = "roll status memo v2\n"

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
	if !counted.sorted() {
		return m
	}
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
	if r.Bad() || len(r.Rest()) != 0 {
		return m
	}
	m.code, m.counted, m.listing = code, counted, l
	return m
}

// Next is the memo for the build after this one, in memory (roll serve);
// after a nil m, an empty one.
func (m *Memo) Next() *Memo {
	if m == nil {
		return &Memo{}
	}
	return &Memo{code: m.nextCode, counted: m.nextTable(nil), listing: m.nextListing}
}

// begin starts a build under the code and schemas code; a nil m
// remembers nothing, nor does any m without a code.
func (m *Memo) begin(code site.Key) {
	if m == nil {
		return
	}
	m.nextCode, m.nextListing, m.added, m.nused = code, nil, nil, 0
	if m.code != code {
		m.counted = nil
	}
	m.used = make([]uint64, (m.counted.len()+63)/64)
}

// countedKey is the counted key of a hero whose record's bytes have the
// SHA-256 sum, as the build before made it under the same code.
func (m *Memo) countedKey(sum [sha256.Size]byte) (site.Key, bool) {
	if m == nil || m.nextCode == (site.Key{}) || sum == ([sha256.Size]byte{}) {
		return site.Key{}, false
	}
	i, ok := m.counted.find(&sum)
	if !ok {
		return site.Key{}, false
	}
	if w, bit := i/64, uint64(1)<<(i%64); m.used[w]&bit == 0 {
		m.used[w] |= bit
		m.nused++
	}
	return m.counted.key(i), true
}

// keepCounted keeps a hero's counted key for the next build.
func (m *Memo) keepCounted(sum [sha256.Size]byte, k site.Key) {
	if m == nil || m.nextCode == (site.Key{}) || sum == ([sha256.Size]byte{}) || k == (site.Key{}) {
		return
	}
	m.added = append(append(m.added, sum[:]...), k[:]...)
}

// nextTable appends to out the heroes' keys this build leaves for the
// next: those it looked up in the table read and those it made, merged
// in the order of their sums (of one sum made twice, the first).
func (m *Memo) nextTable(out []byte) table {
	if len(m.added) == 0 && m.nused == m.counted.len() {
		return append(out, m.counted...)
	}
	added := make([]int, m.added.len())
	for i := range added {
		added[i] = i
	}
	slices.SortStableFunc(added, func(a, b int) int { return bytes.Compare(m.added.sum(a), m.added.sum(b)) })
	i, j := 0, 0
	var last []byte
	put := func(t table, k int) {
		if e := t[k*entrySize : (k+1)*entrySize]; last == nil || !bytes.Equal(last, e[:sha256.Size]) {
			out = append(out, e...)
			last = e[:sha256.Size]
		}
	}
	for {
		for i < m.counted.len() && m.used[i/64]&(1<<(i%64)) == 0 {
			i++
		}
		switch {
		case i < m.counted.len() && (j == len(added) || bytes.Compare(m.counted.sum(i), m.added.sum(added[j])) <= 0):
			put(m.counted, i)
			i++
		case j < len(added):
			put(m.added, added[j])
			j++
		default:
			return out
		}
	}
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

// Changed reports whether the memo this build leaves differs from the
// one it read, and so must be written again.
func (m *Memo) Changed() bool {
	if m == nil {
		return false
	}
	if m.code != m.nextCode || m.nused != m.counted.len() || len(m.added) > 0 {
		return true
	}
	a, b := m.listing, m.nextListing
	if a == nil || b == nil {
		return a != b
	}
	return a.key != b.key
}

// Bytes is the memo this build leaves for the next, sealed by its
// SHA-256; the heroes' keys sorted, so the same memo has the same bytes.
func (m *Memo) Bytes() []byte {
	n := m.nused + m.added.len()
	out := append(make([]byte, 0, len(memoHeader)+(n+4)*entrySize), memoHeader...)
	out = append(out, m.nextCode[:]...)
	// The count, then the entries, merged in place after room for the
	// longest count: the count is written once the entries are known.
	at := len(out)
	out = append(out, make([]byte, binary.MaxVarintLen64)...)
	out = m.nextTable(out)
	count := binary.AppendUvarint(nil, uint64((len(out)-at-binary.MaxVarintLen64)/entrySize))
	out = append(out[:at+len(count)], out[at+binary.MaxVarintLen64:]...)
	copy(out[at:], count)
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
