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
	code    site.Key                       // the Options.Inputs of counted
	counted map[[sha256.Size]byte]site.Key // a hero's record Sum -> his counted key
	listing *listing                       // the counting pages of the build before
	// This build's, for the next.
	nextCode    site.Key
	nextCounted map[[sha256.Size]byte]site.Key
	nextListing *listing
	hits        int // heroes whose counted key was read
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
const memoHeader = "roll status memo v1\n"

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
	n := r.Count(2 * sha256.Size)
	counted := make(map[[sha256.Size]byte]site.Key, n)
	for range n {
		sum := r.key()
		counted[sum] = r.key()
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
	return &Memo{code: m.nextCode, counted: m.nextCounted, listing: m.nextListing}
}

// begin starts a build under the code and schemas code; a nil m
// remembers nothing, nor does any m without a code.
func (m *Memo) begin(code site.Key) {
	if m == nil {
		return
	}
	m.nextCode, m.nextListing, m.hits = code, nil, 0
	m.nextCounted = make(map[[sha256.Size]byte]site.Key, len(m.counted))
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
	k, ok := m.counted[sum]
	if ok {
		m.hits++
		m.nextCounted[sum] = k
	}
	return k, ok
}

// keepCounted keeps a hero's counted key for the next build.
func (m *Memo) keepCounted(sum [sha256.Size]byte, k site.Key) {
	if m == nil || m.nextCode == (site.Key{}) || sum == ([sha256.Size]byte{}) || k == (site.Key{}) {
		return
	}
	m.nextCounted[sum] = k
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
	if m.code != m.nextCode || m.hits != len(m.counted) || len(m.nextCounted) != m.hits {
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
	sums := make([][sha256.Size]byte, 0, len(m.nextCounted))
	for s := range m.nextCounted {
		sums = append(sums, s)
	}
	slices.SortFunc(sums, func(a, b [sha256.Size]byte) int { return bytes.Compare(a[:], b[:]) })
	out := append(make([]byte, 0, len(memoHeader)+(len(sums)*2+3)*sha256.Size), memoHeader...)
	out = append(out, m.nextCode[:]...)
	out = binary.AppendUvarint(out, uint64(len(sums)))
	for _, s := range sums {
		k := m.nextCounted[s]
		out = append(append(out, s[:]...), k[:]...)
	}
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
