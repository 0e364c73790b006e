package rules

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"math"
	"sync"
	"time"

	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/wire"
)

// Memo remembers rule 10's work on each record (privacy.go), and whether
// each hero's own rules found nothing (rules.go, hero), from one check to
// the next, so that a check after one edit folds and scans the texts of the
// records that changed, not of the whole archive, and applies the heroes'
// own rules only to the heroes that changed or had a finding.
//
// Of each record it keeps, in the records' order, three things, each under
// a key of everything it was made from:
//
//   - the parts of its private values that go into the dictionary
//     (foldedSecretParts, with the ordinal of each value; only those the
//     dictionary adds, fold.Addable): a function of the record's file and
//     bytes, the schemas (which values are private) and the code of roll.
//     The record is known by its path and the SHA-256 of its bytes
//     (model.Source.Sum); the memo as a whole by the code and the schemas
//     (partsKey): another code or other schemas forget every record.
//   - whether its texts gave no finding at all (clean). What rule 10 and
//     the anonymity rules find in a record's texts depends on those texts
//     and the record's own fields (the record's path and bytes), on the
//     whole dictionary of private values and names that may not be
//     published, on the build date (who may be published) and on the code
//     and the schemas. The memo keeps one key of all but the record
//     (dictKey): the code, the schemas, the date, and every word of the
//     dictionary in order, with the file and value it comes from, and
//     every name with the file of its hero and whether he is hidden or on
//     the roll. A record is taken as clean only when it is remembered
//     clean under the very dictKey of this check: any private value, any
//     hidden name, a withdrawal, a consent, another date, schema or roll
//     scans every record again.
//   - for a hero, whether the rules of his own record (hero: the dates,
//     the status, the ID number, the narrative, the minor, the insurance)
//     found nothing. Besides his record they read the catalogs of
//     jurisdictions and honors, the build date, the year of site.yaml, the
//     schemas (the words of messages) and the code: the memo keeps one key
//     of those (heroKey), and a hero is passed over only when he is
//     remembered clean under the very heroKey of this check.
//
// Besides the records' entries it keeps the fund's reconciliation with
// the visits and decisions (money.go, payments): what it found, under a
// key of the code, the schemas, and the path and bytes of every visit,
// decision and month of the ledger in order (ledgerKey), so that a check
// in which none of them changed reports those findings again without
// reconciling the ledger.
//
// A record with a finding is always looked at again (its findings are not
// kept, only the fact that there were none), and so is a record built by
// hand (a zero Sum). A memo that is damaged, of another format or of
// another code is read as an empty one.
//
// The memo is read in place: its entries are found by their offsets in
// its bytes and matched with the check's records in order (through a map
// of the paths only when a record was added, removed or renamed), and the
// memo a check leaves copies the entries of the records that did not
// change as they are.
type Memo struct {
	code [sha256.Size]byte
	// Read from the check before: its keys, its entries' bytes and where
	// each entry lies in them, and the ledger's findings (ledgerFindings).
	partsKey, dictKey, heroKey, ledgerKey [sha256.Size]byte
	body                                  []byte
	entries                               []memoEntry
	ledger                                []byte
	// This check's, for the next: an entry for each record of recs, what
	// it learned of the records the memo did not know (fresh, by
	// nextEntry.fresh; freshMu guards its growth), and the ledger's
	// findings under nextLedgerKey.
	nextParts, nextDict, nextHero, nextLedgerKey [sha256.Size]byte
	recs                                         []model.Record
	next                                         []nextEntry
	freshMu                                      sync.Mutex
	fresh                                        []*freshEntry
	nextLedger                                   []byte
	began                                        bool
	passed                                       int  // records whose texts this check passed over, for tests
	heroesPassed                                 int  // heroes whose own rules this check passed over, for tests
	ledgerPassed                                 bool // this check took the ledger's findings from the memo, for tests
}

// memoEntry is where one record's entry lies in a memo's body: a byte of
// flags and the record's sum (at), a hero's facts (facts: 0 for another
// kind, else 1 and the facts, appendFacts), its path, its length first
// (words: the path and the parts), the count of the parts of its private
// values (parts), each part its value's ordinal and the word, to end.
type memoEntry struct {
	at, words, path, parts, end uint32
}

// facts is where the facts of entry k start: after its flags and sum.
func (m *Memo) factsAt(k int) uint32 { return m.entries[k].at + entryHead }

// The bytes of an entry before its words: the flags and the sum.
const entryHead = 1 + sha256.Size

// The flags of an entry.
const (
	textsClean = 1 << iota // the record's texts gave no finding, under dictKey
	heroClean              // the hero's own rules found nothing, under heroKey
)

// nextEntry is what a check leaves in the memo of one of its records:
// small, for there is one for every record.
type nextEntry struct {
	old int32 // the entry of the memo read that is this record's, unchanged; -1
	// The entry of the memo read for the record's path when its bytes
	// changed (old is -1); -1.
	prev int32
	// What the check learned of the record when old is -1 (Memo.fresh);
	// -1 until it learns something.
	fresh int32
	// The flags, each set by the rules that find it out (privacy; the
	// heroes' rules, which run at the same time).
	textsClean, heroClean bool
}

// freshEntry is what a check learned of a record the memo did not know.
type freshEntry struct {
	// The record's path and the parts of its private values, encoded as
	// in an entry (appendWords); nil for a record that is not kept (built
	// by hand). A hero's facts, encoded (appendFacts).
	words, facts []byte
}

// freshOf returns what the check learned of record i, made empty when
// nothing yet. Records are learned by several workers at once.
func (m *Memo) freshOf(i int) *freshEntry {
	m.freshMu.Lock()
	defer m.freshMu.Unlock()
	e := &m.next[i]
	if e.fresh < 0 {
		e.fresh = int32(len(m.fresh))
		m.fresh = append(m.fresh, &freshEntry{})
	}
	return m.fresh[e.fresh]
}

// learned returns what the check learned of record i; nil when nothing.
// Call it once the workers are done.
func (m *Memo) learned(i int) *freshEntry {
	if f := m.next[i].fresh; f >= 0 {
		return m.fresh[f]
	}
	return nil
}

// memoPart is a folded part of the leaf-th value of a record: a word of
// the dictionary.
type memoPart struct {
	word string
	leaf int32
}

// memoHeader starts a memo's bytes; bump it when the format or what the
// keys hold changes.
const memoHeader = "roll privacy memo 4\n"

// A memo's bytes are its header, then its body: the four keys (partsKey,
// dictKey, heroKey, ledgerKey), the count of its entries and the length
// of the ledger's findings (4 bytes each, little-endian), the ledger's
// findings, the entries; then its seal (wire.Seal: a memo cut or damaged on disk is told by
// it; one of another roll's code, or of another format, by its header and
// keys).
const (
	memoKeys = 4 * sha256.Size
	memoHead = memoKeys + 8
)

// sealed returns the body of the memo b, when its header and seal are
// good.
func sealed(b []byte) ([]byte, bool) {
	rest, ok := bytes.CutPrefix(b, []byte(memoHeader))
	if !ok || len(rest) < memoHead+wire.SealSize || len(rest) >= math.MaxUint32 {
		return nil, false
	}
	return wire.Sealed(rest)
}

// NewMemo returns an empty memo for the roll whose code has the SHA-256
// code.
func NewMemo(code [sha256.Size]byte) *Memo { return &Memo{code: code} }

// ReadMemo reads a memo that Bytes wrote, for the roll whose code has the
// SHA-256 code. A nil, damaged or foreign memo is an empty one. The memo
// reads b where it lies: b must not change after.
func ReadMemo(b []byte, code [sha256.Size]byte) *Memo {
	m := NewMemo(code)
	body, ok := sealed(b)
	if !ok {
		return m
	}
	partsKey, dictKey, heroKey, ledgerKey := [sha256.Size]byte(body), [sha256.Size]byte(body[sha256.Size:]),
		[sha256.Size]byte(body[2*sha256.Size:]), [sha256.Size]byte(body[3*sha256.Size:])
	count := binary.LittleEndian.Uint32(body[memoKeys:])
	ledgerLen := binary.LittleEndian.Uint32(body[memoKeys+4:])
	body = body[memoHead:]
	// Each entry is 35 bytes at least: a count larger than that allows is
	// not believed.
	if uint64(ledgerLen) > uint64(len(body)) || uint64(count) > uint64(len(body))/(entryHead+3) {
		return m
	}
	ledger := body[:ledgerLen]
	body = body[ledgerLen:]
	entries := make([]memoEntry, 0, count)
	r := wire.NewReader(body)
	r.Alias = true // the strings read are not kept
	at := func() uint32 { return uint32(len(body) - len(r.Rest())) }
	for len(r.Rest()) > 0 {
		var e memoEntry
		e.at = at()
		if head := r.Next(entryHead); r.Bad() || head[0]&^(textsClean|heroClean) != 0 {
			return m
		}
		if !skipFacts(&r) {
			return m
		}
		e.words = at()
		n := r.Count(1)
		e.path = at()
		r.Next(n)
		e.parts = at()
		for range r.Count(2) {
			r.Uvarint(1 << 30)
			r.Next(r.Count(1))
		}
		if r.Bad() {
			return m
		}
		e.end = at()
		entries = append(entries, e)
	}
	if len(entries) != int(count) {
		return m
	}
	m.partsKey, m.dictKey, m.heroKey, m.ledgerKey = partsKey, dictKey, heroKey, ledgerKey
	m.body, m.entries, m.ledger = body, entries, ledger
	return m
}

// skipFacts reads past the facts of an entry, and reports whether they
// fit.
func skipFacts(r *wire.Reader) bool {
	var f heroFacts
	readFactsFrom(r, &f)
	return !r.Bad()
}

// heroFacts reads the facts of entry k into f, and reports whether it has
// them; its strings share the memo's bytes.
func (m *Memo) heroFacts(k int, f *heroFacts) bool {
	return readFacts(m.body[m.factsAt(k):m.entries[k].words], f)
}

// readFacts reads facts that appendFacts wrote into f, and reports
// whether there were some; its strings share b.
func readFacts(b []byte, f *heroFacts) bool {
	r := wire.NewReader(b)
	r.Alias = true
	return readFactsFrom(&r, f) && !r.Bad()
}

// readFactsFrom reads facts from r into f, and reports whether there were
// some. A hero's facts are a byte 1, his status, a byte of flags (1 the
// consent, 2 the guardian's, 4 anonymized), the year, month and day of
// his birth from the ID number (0 without), his birth year, and his name
// folded; a record of another kind has a byte 0.
func readFactsFrom(r *wire.Reader, f *heroFacts) bool {
	switch b := r.Next(1); {
	case r.Bad():
		return false
	case b[0] == 0:
		return false
	case b[0] != 1:
		r.Fail()
		return false
	}
	f.status = r.Str()
	flags := r.Next(1)
	if r.Bad() || flags[0] > 7 {
		r.Fail()
		return false
	}
	f.consent, f.guardian, f.anonymize = flags[0]&1 != 0, flags[0]&2 != 0, flags[0]&4 != 0
	f.byear = int(r.Uvarint(9999))
	f.bmonth = int(r.Uvarint(12))
	f.bday = int(r.Uvarint(31))
	f.birthYear = int(r.Varint(math.MinInt32, math.MaxInt32))
	f.name = r.Str()
	return !r.Bad()
}

// append appends the facts f, encoded, to b (readFactsFrom).
func (f *heroFacts) append(b []byte) []byte {
	b = append(b, 1)
	b = wire.AppendString(b, f.status)
	var flags byte
	if f.consent {
		flags |= 1
	}
	if f.guardian {
		flags |= 2
	}
	if f.anonymize {
		flags |= 4
	}
	b = append(b, flags)
	b = binary.AppendUvarint(b, uint64(f.byear))
	b = binary.AppendUvarint(b, uint64(f.bmonth))
	b = binary.AppendUvarint(b, uint64(f.bday))
	b = binary.AppendVarint(b, int64(f.birthYear))
	return wire.AppendString(b, f.name)
}

// path is the path of the record of entry k.
func (m *Memo) path(k int) []byte { e := m.entries[k]; return m.body[e.path:e.parts] }

// sum is the sum of the record of entry k.
func (m *Memo) sum(k int) []byte { e := m.entries[k]; return m.body[e.at+1 : e.at+entryHead] }

// flags are the flags of entry k.
func (m *Memo) flags(k int) byte { return m.body[m.entries[k].at] }

// words are the path and the parts of entry k, encoded.
func (m *Memo) words(k int) []byte { e := m.entries[k]; return m.body[e.words:e.end] }

// hasParts reports whether the record of entry k has parts.
func (m *Memo) hasParts(k int) bool { return m.body[m.entries[k].parts] != 0 }

// parts calls fn with each part of entry k, in order; the words share the
// memo's bytes, which never change.
func (m *Memo) parts(k int, fn func(word string, leaf int32)) {
	e := m.entries[k]
	r := wire.NewReader(m.body[e.parts:e.end])
	r.Alias = true
	for range r.Count(2) {
		leaf := int32(r.Uvarint(1 << 30))
		fn(r.Str(), leaf)
	}
}

// appendWords appends the path of rec and its parts, encoded as in an
// entry, to b.
func appendWords(b []byte, rec *model.Record, parts []memoPart) []byte {
	b = wire.AppendString(b, rec.Src.File)
	b = binary.AppendUvarint(b, uint64(len(parts)))
	for _, p := range parts {
		b = binary.AppendUvarint(b, uint64(p.leaf))
		b = wire.AppendString(b, p.word)
	}
	return b
}

// kept reports whether record i is kept in the memo.
func (m *Memo) kept(i int) bool {
	if m.next[i].old >= 0 {
		return true
	}
	f := m.learned(i)
	return f != nil && f.words != nil
}

// flags are the flags of e's entry.
func (e *nextEntry) flags() byte {
	var f byte
	if e.textsClean {
		f |= textsClean
	}
	if e.heroClean {
		f |= heroClean
	}
	return f
}

// Bytes is the memo a check leaves for the next: an entry for each of its
// records in their order, sealed. The entries of the memo read that are
// kept in the same order are copied a run at a time, their flags set
// after.
func (m *Memo) Bytes() []byte {
	size := len(memoHeader) + memoHead + len(m.nextLedger) + wire.SealSize
	count := 0
	for i := range m.next {
		if e := &m.next[i]; e.old >= 0 {
			size += int(m.entries[e.old].end - m.entries[e.old].at)
			count++
		} else if f := m.learned(i); f != nil && f.words != nil {
			size += entryHead + 1 + len(f.facts) + len(f.words)
			count++
		}
	}
	out := append(make([]byte, 0, size), memoHeader...)
	out = append(out, m.nextParts[:]...)
	out = append(out, m.nextDict[:]...)
	out = append(out, m.nextHero[:]...)
	out = append(out, m.nextLedgerKey[:]...)
	out = binary.LittleEndian.AppendUint32(out, uint32(count))
	out = binary.LittleEndian.AppendUint32(out, uint32(len(m.nextLedger)))
	out = append(out, m.nextLedger...)
	// The run of old entries [from, to) not yet copied, and the flags
	// of its entries that change.
	from, to := -1, -1
	type flag struct {
		k int32
		f byte
	}
	var flags []flag
	flush := func() {
		if from < 0 {
			return
		}
		at := len(out) - int(m.entries[from].at)
		out = append(out, m.body[m.entries[from].at:m.entries[to-1].end]...)
		for _, f := range flags {
			out[at+int(m.entries[f.k].at)] = f.f
		}
		from, to, flags = -1, -1, flags[:0]
	}
	for i := range m.next {
		e := &m.next[i]
		if e.old >= 0 {
			if int(e.old) != to {
				flush()
				from, to = int(e.old), int(e.old)
			}
			to++
			if f := e.flags(); f != m.flags(int(e.old)) {
				flags = append(flags, flag{e.old, f})
			}
			continue
		}
		f := m.learned(i)
		if f == nil || f.words == nil {
			continue
		}
		flush()
		out = append(out, e.flags())
		out = append(out, m.recs[i].Src.Sum[:]...)
		if f.facts == nil {
			out = append(out, 0)
		}
		out = append(out, f.facts...)
		out = append(out, f.words...)
	}
	flush()
	return wire.AppendSeal(out, len(memoHeader))
}

// Changed reports whether the memo a check leaves differs from the one it
// read by more than a few stale entries.
//
// An entry is stale when its record's bytes changed but not what the memo
// keeps of them (the parts of its private values, a hero's facts): such a
// record is not known to the next check, which walks it again, as it does
// a record the memo has no entry for, and nothing else of the memo changes
// for it. A check after an edit that changed no private value leaves
// such an entry only, and does not write the memo again (the whole memo, 19
// MB at 100,000 heroes) for it: up to staleEntries of them are left to
// the next check that writes the memo.
func (m *Memo) Changed() bool {
	if m.nextParts != m.partsKey || m.nextDict != m.dictKey || m.nextHero != m.heroKey ||
		m.nextLedgerKey != m.ledgerKey || !bytes.Equal(m.nextLedger, m.ledger) {
		return true
	}
	k, stale := 0, 0 // the entries of the memo read, in order
	for i := range m.next {
		if !m.kept(i) {
			continue
		}
		switch e := &m.next[i]; {
		case int(e.old) == k && e.flags() == m.flags(k):
		case e.old < 0 && int(e.prev) == k && m.keeps(k, m.learned(i)):
			stale++
		default:
			return true
		}
		k++
	}
	return k != len(m.entries) || stale > staleEntries
}

// staleEntries is how many stale entries a memo may hold (Changed).
const staleEntries = 64

// keeps reports whether entry k holds what e would: the same facts, path
// and parts.
func (m *Memo) keeps(k int, e *freshEntry) bool {
	facts := m.body[m.factsAt(k):m.entries[k].words]
	if e.facts == nil {
		if len(facts) != 1 || facts[0] != 0 {
			return false
		}
	} else if !bytes.Equal(facts, e.facts) {
		return false
	}
	return bytes.Equal(m.words(k), e.words)
}

// begin starts a check's use of m with the key of the code and the
// schemas, for the records recs: each record is matched with the entry of
// the memo read for its path, which it takes when the sums are equal. The
// entries made under another key are forgotten.
func (m *Memo) begin(partsKey [sha256.Size]byte, recs []model.Record) {
	if m.began {
		// A memo serves one check; a second one starts from what the
		// first left.
		*m = *ReadMemo(m.Bytes(), m.code)
	}
	m.began = true
	if partsKey != m.partsKey {
		m.body, m.entries, m.ledger = nil, nil, nil
	}
	m.nextParts, m.nextDict, m.nextHero = partsKey, [sha256.Size]byte{}, [sha256.Size]byte{}
	m.nextLedgerKey, m.nextLedger = [sha256.Size]byte{}, nil
	m.passed, m.heroesPassed, m.ledgerPassed = 0, 0, false
	m.recs = recs
	m.next = make([]nextEntry, len(recs))
	m.fresh = nil
	// The entries follow the records of the check before in order: the
	// next entry is the next record's unless one was added, removed or
	// renamed, and only then are the paths mapped.
	var byPath map[string]int
	k := 0
	for i := range recs {
		e := &m.next[i]
		e.old, e.prev, e.fresh = -1, -1, -1
		rec := &recs[i]
		if !m.keyed(i) || len(m.entries) == 0 {
			continue
		}
		if k >= len(m.entries) || string(m.path(k)) != rec.Src.File {
			if byPath == nil {
				byPath = make(map[string]int, len(m.entries))
				for j := range m.entries {
					byPath[string(m.path(j))] = j
				}
			}
			j, ok := byPath[rec.Src.File]
			if !ok {
				continue
			}
			k = j
		}
		if bytes.Equal(m.sum(k), rec.Src.Sum[:]) {
			e.old = int32(k)
		} else {
			e.prev = int32(k)
		}
		k++
	}
}

// known reports whether record i has an entry in the memo read, unchanged.
func (m *Memo) known(i int) bool { return m.next[i].old >= 0 }

// keyed reports whether record i may be kept in the memo: not one built
// by hand.
func (m *Memo) keyed(i int) bool { return m.recs[i].Src.Sum != ([sha256.Size]byte{}) }

// keyWriter writes the parts of a key, each with its length, so that no
// two lists of parts give the same bytes.
// The parts are gathered in buf and written to h a block at a time (sum
// writes what is left): a key of every word of the dictionary is made of
// hundreds of thousands of short parts.
type keyWriter struct {
	h   hash.Hash
	buf []byte
}

func (w *keyWriter) str(s string) {
	w.buf = binary.AppendUvarint(w.buf, uint64(len(s)))
	w.buf = append(w.buf, s...)
	w.flush(false)
}

func (w *keyWriter) bytes(b []byte) {
	w.buf = binary.AppendUvarint(w.buf, uint64(len(b)))
	w.buf = append(w.buf, b...)
	w.flush(false)
}

func (w *keyWriter) num(n int64) {
	w.buf = binary.AppendVarint(w.buf, n)
	w.flush(false)
}

func (w *keyWriter) flush(all bool) {
	if all || len(w.buf) >= 32<<10 {
		w.h.Write(w.buf)
		w.buf = w.buf[:0]
	}
}

// sum is the SHA-256 of the parts written.
func (w *keyWriter) sum() [sha256.Size]byte {
	w.flush(true)
	return [sha256.Size]byte(w.h.Sum(nil))
}

// partsKey is the key of the parts of every record: the memo's format,
// the code and the schemas.
func (c *checker) partsKey() [sha256.Size]byte {
	w := keyWriter{h: sha256.New()}
	w.str(memoHeader)
	w.str(string(c.memo.code[:]))
	sum := c.schemas.Sum()
	w.str(string(sum[:]))
	return w.sum()
}

// dictKey is the key under which a record's texts are clean: all that a
// scan depends on but the record itself. parts is the SHA-256 of the
// encoded path and parts of every record that has parts, in order
// (appendWords): every word of the dictionary with the file and value it
// comes from. names[i] is the name of who.who[i].
func (c *checker) dictKey(partsKey, parts [sha256.Size]byte, names []string, who nameDict) [sha256.Size]byte {
	w := keyWriter{h: sha256.New(), buf: make([]byte, 0, 33<<10)}
	w.str(string(partsKey[:]))
	w.str(c.today.Format(time.RFC3339Nano))
	w.str(string(parts[:]))
	w.num(int64(len(who.who)))
	w.num(int64(who.hidden))
	for i, n := range who.who {
		w.str(names[i])
		w.str(n.hero.Src.File)
		flags := int64(0)
		if n.allowed {
			flags |= 1
		}
		if n.why == nil {
			flags |= 2
		}
		w.num(flags)
	}
	return w.sum()
}

// heroKey is the key under which a hero's own rules found nothing (hero):
// all that they read but his record. partsKey holds the code and the
// schemas; the catalogs are written whole, every field.
func (c *checker) heroKey(partsKey [sha256.Size]byte) [sha256.Size]byte {
	w := keyWriter{h: sha256.New()}
	w.str(string(partsKey[:]))
	w.str(c.today.Format(time.RFC3339Nano))
	w.num(int64(c.repo.Site.Year))
	w.str(fmt.Sprintf("%#v", c.repo.Jurisdictions))
	w.str(fmt.Sprintf("%#v", c.repo.Honors))
	return w.sum()
}
