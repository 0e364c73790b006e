package rules

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"slices"
	"time"

	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/wire"
)

// Memo remembers rule 10's work on each record (privacy.go) from one check
// to the next, so that a check after one edit folds and scans the texts of
// the records that changed, not of the whole archive.
//
// Of each record it keeps two things, each under a key of everything it
// was made from:
//
//   - the parts of its private values that go into the dictionary
//     (foldedSecretParts, with the ordinal of each value): a function of
//     the record's file and bytes, the schemas (which values are private)
//     and the code of roll. The record is known by the SHA-256 of its path
//     and of its bytes (model.Source.Sum); the memo as a whole by the code
//     and the schemas (partsKey): another code or other schemas forget
//     every record's parts.
//   - whether its texts gave no finding at all (clean). What rule 10 and
//     the anonymity rules find in a record's texts depends on those texts
//     and the record's own fields (the same record key), on the whole
//     dictionary of private values and names that may not be published,
//     on the build date (who may be published) and on the code and the
//     schemas. The memo keeps one key of all but the record (dictKey): the
//     code, the schemas, the date, and every word of the dictionary in
//     order, with the file and value it comes from, and every name with
//     the file of its hero and whether he is hidden or on the roll. A
//     record is taken as clean only when it is remembered clean under the
//     very dictKey of this check: any private value, any hidden name, a
//     withdrawal, a consent, another date, schema or roll scans every
//     record again.
//
// A record with a finding is always scanned again (its findings are not
// kept, only the fact that there were none), and so is a record built by
// hand (a zero Sum). A memo that is damaged, of another format or of
// another code is read as an empty one.
type Memo struct {
	code [sha256.Size]byte
	// Read from the check before.
	partsKey, dictKey [sha256.Size]byte
	known             map[[sha256.Size]byte]memoRecord
	// This check's, for the next.
	nextParts, nextDict [sha256.Size]byte
	seen                map[[sha256.Size]byte]memoRecord
	began               bool
	passed              int // records this check passed over, for tests
}

// memoRecord is what the memo keeps of one record.
type memoRecord struct {
	parts []memoPart
	clean bool // under the memo's dictKey
}

// memoPart is a folded part of the leaf-th value of a record: a word of
// the dictionary.
type memoPart struct {
	word string
	leaf int32
}

// memoHeader starts a memo's bytes; bump it when the format or what the
// keys hold changes.
const memoHeader = "roll privacy memo 2\n"

// NewMemo returns an empty memo for the roll whose code has the SHA-256
// code.
func NewMemo(code [sha256.Size]byte) *Memo { return &Memo{code: code} }

// ReadMemo reads a memo that Bytes wrote, for the roll whose code has the
// SHA-256 code. A nil, damaged or foreign memo is an empty one.
func ReadMemo(b []byte, code [sha256.Size]byte) *Memo {
	m := NewMemo(code)
	rest, ok := bytes.CutPrefix(b, []byte(memoHeader))
	if !ok || len(rest) < 3*sha256.Size {
		return m
	}
	body, seal := rest[:len(rest)-sha256.Size], rest[len(rest)-sha256.Size:]
	if sum := sha256.Sum256(body); !bytes.Equal(sum[:], seal) {
		return m
	}
	partsKey, dictKey := [sha256.Size]byte(body), [sha256.Size]byte(body[sha256.Size:])
	r := wire.NewReader(body[2*sha256.Size:])
	known := map[[sha256.Size]byte]memoRecord{}
	for len(r.Rest()) > 0 {
		head := r.Next(sha256.Size + 1) // the key, then 1 if clean
		n := r.Count(1)
		if r.Bad() {
			return m
		}
		rec := memoRecord{clean: head[sha256.Size] == 1, parts: make([]memoPart, 0, n)}
		for range n {
			leaf := r.Uvarint(1 << 30)
			rec.parts = append(rec.parts, memoPart{word: r.Str(), leaf: int32(leaf)})
		}
		if r.Bad() {
			return m
		}
		known[[sha256.Size]byte(head)] = rec
	}
	m.partsKey, m.dictKey, m.known = partsKey, dictKey, known
	return m
}

// Bytes is the memo a check leaves for the next: its records sorted by
// key, sealed by their SHA-256.
func (m *Memo) Bytes() []byte {
	keys := make([][sha256.Size]byte, 0, len(m.seen))
	size := len(memoHeader) + 3*sha256.Size
	for k, r := range m.seen {
		keys = append(keys, k)
		size += sha256.Size + 2
		for _, p := range r.parts {
			size += len(p.word) + 4
		}
	}
	slices.SortFunc(keys, func(a, b [sha256.Size]byte) int { return bytes.Compare(a[:], b[:]) })
	out := append(make([]byte, 0, size), memoHeader...)
	out = append(out, m.nextParts[:]...)
	out = append(out, m.nextDict[:]...)
	for _, k := range keys {
		r := m.seen[k]
		out = append(out, k[:]...)
		out = wire.AppendFlag(out, r.clean)
		out = binary.AppendUvarint(out, uint64(len(r.parts)))
		for _, p := range r.parts {
			out = binary.AppendUvarint(out, uint64(p.leaf))
			out = wire.AppendString(out, p.word)
		}
	}
	sum := sha256.Sum256(out[len(memoHeader):])
	return append(out, sum[:]...)
}

// Changed reports whether the memo a check leaves differs from the one it
// read.
func (m *Memo) Changed() bool {
	if m.nextParts != m.partsKey || m.nextDict != m.dictKey || len(m.seen) != len(m.known) {
		return true
	}
	for k, r := range m.seen {
		old, ok := m.known[k]
		if !ok || old.clean != r.clean || !slices.Equal(old.parts, r.parts) {
			return true
		}
	}
	return false
}

// begin starts a check's use of m with the key of the code and the
// schemas; the known records made under another are forgotten.
func (m *Memo) begin(partsKey [sha256.Size]byte) {
	if m.began {
		// A memo serves one check; a second one starts from what the
		// first left.
		m.partsKey, m.dictKey, m.known = m.nextParts, m.nextDict, m.seen
	}
	m.began = true
	if partsKey != m.partsKey {
		m.known = nil
	}
	m.nextParts, m.nextDict, m.passed = partsKey, [sha256.Size]byte{}, 0
	m.seen = make(map[[sha256.Size]byte]memoRecord, len(m.known))
}

// recordKey is the key of rec in a memo: the SHA-256 of its path and of
// its bytes' SHA-256; ok is false for a record built by hand (no Sum).
func recordKey(rec *model.Record) (key [sha256.Size]byte, ok bool) {
	if rec.Src.Sum == ([sha256.Size]byte{}) {
		return key, false
	}
	// The bytes hashed are the length of the path, the path and the sum,
	// in one buffer: on the stack for any usual path.
	var buf [256]byte
	b := binary.AppendUvarint(buf[:0], uint64(len(rec.Src.File)))
	b = append(b, rec.Src.File...)
	b = append(b, rec.Src.Sum[:]...)
	return sha256.Sum256(b), true
}

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
// scan depends on but the record itself. words[i] is the part of a
// private value of owners[i], names[i] the name of names.who[i].
func (c *checker) dictKey(partsKey [sha256.Size]byte, words []string, owners []secret, names []string, who nameDict) [sha256.Size]byte {
	w := keyWriter{h: sha256.New(), buf: make([]byte, 0, 33<<10)}
	w.str(string(partsKey[:]))
	w.str(c.today.Format(time.RFC3339Nano))
	w.num(int64(len(owners)))
	// The parts of a record follow one another: its file is written
	// before the first (-1 and the file), then each part (its leaf, never
	// negative, and the word).
	var rec *model.Record
	for i, o := range owners {
		if o.rec != rec {
			rec = o.rec
			w.num(-1)
			w.str(rec.Src.File)
		}
		w.num(int64(o.leaf))
		w.str(words[i])
	}
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
