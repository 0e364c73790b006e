package public

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"slices"

	"github.com/yancheng-jyyw/roll/internal/fold"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/site"
	"github.com/yancheng-jyyw/roll/internal/wire"
)

// Memo remembers, from one build to the next, what redaction (redact.go)
// made of each published hero's texts: each hero by a SHA-256 of the
// code of roll and the schemas, the names the redaction hides and keeps
// (the whole dictionary), the hero's own name and every text of the hero,
// or for a loaded record the SHA-256 of its bytes, which the texts are
// projected from; with the texts it changed, as published. Redaction folds and scans every text of
// every published hero, the narratives most (a quarter of a rebuild's
// work after one edit at 10,000 heroes); a hero whose key is remembered
// is published as remembered, without folding his texts. Any change to a
// text, to the hero's name or to any name hidden or kept anywhere changes
// the key, so the hero is redacted again.
//
// roll build keeps it in its output folder's state (package publish),
// where the manifests that decide which pages are kept are too; roll
// serve keeps it in memory. A damaged memo is read as an empty one.
//
// In memory (roll serve, Next) and on disk (roll build, ReadProjections),
// it also remembers each published hero's
// public projection (Hero), by a SHA-256 of the code of roll and the
// schemas (the Inputs every page reads) and the record's file and bytes:
// what the projection is a function of. Projecting decodes the record's
// value and walks it against the schema, for every published hero on
// every build.
type Memo struct {
	// The edits of each text of a hero, by key; nil for a hero none of
	// whose texts changed.
	known map[[sha256.Size]byte][][]fold.Edit // read during a build
	seen  map[[sha256.Size]byte][][]fold.Edit // this build's heroes

	projKnown map[[sha256.Size]byte]Hero // the projections of the build before
	projSeen  map[[sha256.Size]byte]Hero // this build's
	inMemory  bool                       // made by Next: projections are kept
	onDisk    bool                       // ReadProjections: projections are kept (projmemo.go)
}

// memoHeader starts the bytes of a memo; bump it when its format changes.
const memoHeader = "roll redaction memo v3\n"

// fits reports whether edits known for a hero can be made in its texts:
// one list for each text, each within its text. The key holds the texts'
// lengths, so only a memo written wrong fails this; it is then ignored.
func (m *Memo) fits(known [][]fold.Edit, texts []*string) bool {
	if known == nil {
		return true
	}
	if len(known) != len(texts) {
		return false
	}
	for i, t := range texts {
		if !fold.ValidEdits(known[i], len(*t)) {
			return false
		}
	}
	return true
}

// ReadMemo reads a memo written by Bytes; a nil, damaged or unknown one
// is empty.
func ReadMemo(b []byte) *Memo {
	m := &Memo{known: map[[sha256.Size]byte][][]fold.Edit{}}
	rest, ok := bytes.CutPrefix(b, []byte(memoHeader))
	if !ok || len(rest) < sha256.Size {
		return m
	}
	body, seal := rest[:len(rest)-sha256.Size], rest[len(rest)-sha256.Size:]
	if sum := sha256.Sum256(body); !bytes.Equal(sum[:], seal) {
		return m
	}
	known := map[[sha256.Size]byte][][]fold.Edit{}
	r := wire.NewReader(body)
	for len(r.Rest()) > 0 {
		key := r.Next(sha256.Size)
		n := r.Count(1) // a count or a length is at most what is left
		if r.Bad() {
			return m
		}
		var texts [][]fold.Edit
		if n > 0 {
			texts = make([][]fold.Edit, n)
		}
		for i := range n {
			for range r.Count(1) {
				// An offset into a text is not bounded by the memo (fits
				// checks it against the text), only kept from overflowing
				// an int.
				start, size := int(r.Uvarint(1<<30)), int(r.Uvarint(1<<30))
				e := fold.Edit{Start: start, End: start + size, New: r.Str()}
				if r.Bad() {
					return m
				}
				texts[i] = append(texts[i], e)
			}
			if r.Bad() {
				return m
			}
		}
		known[[sha256.Size]byte(key)] = texts
	}
	m.known = known
	return m
}

// Bytes is the memo a build leaves for the next: its heroes, sorted by
// key, sealed by their SHA-256.
func (m *Memo) Bytes() []byte {
	keys := memoKeys(m.seen)
	out := append(make([]byte, 0, len(memoHeader)+(len(keys)+1)*(sha256.Size+1)), memoHeader...)
	for _, k := range keys {
		out = append(out, k[:]...)
		texts := m.seen[k]
		out = binary.AppendUvarint(out, uint64(len(texts)))
		for _, edits := range texts {
			out = binary.AppendUvarint(out, uint64(len(edits)))
			for _, e := range edits {
				out = binary.AppendUvarint(out, uint64(e.Start))
				out = binary.AppendUvarint(out, uint64(e.End-e.Start))
				out = wire.AppendString(out, e.New)
			}
		}
	}
	sum := sha256.Sum256(out[len(memoHeader):])
	return append(out, sum[:]...)
}

// Changed reports whether the memo a build leaves differs from the one
// it read. Its keys hold every text, so the same keys hold the same.
func (m *Memo) Changed() bool {
	return !sameKeys(m.seen, m.known)
}

// sameKeys reports whether a and b have the same keys.
func sameKeys[A, B any](a map[[sha256.Size]byte]A, b map[[sha256.Size]byte]B) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if _, ok := b[k]; !ok {
			return false
		}
	}
	return true
}

// Next is the memo for the build after this one, in memory; after a nil
// m, an empty one.
func (m *Memo) Next() *Memo {
	if m == nil {
		return &Memo{inMemory: true}
	}
	return &Memo{known: m.seen, projKnown: m.projSeen, inMemory: true}
}

// begin starts a build's use of m; a nil m remembers nothing.
func (m *Memo) begin() {
	if m != nil {
		// Sized for a build like the last: growing the map one hero
		// at a time was half of looking the heroes up.
		m.seen = make(map[[sha256.Size]byte][][]fold.Edit, len(m.known))
		if m.inMemory || m.onDisk {
			m.projSeen = make(map[[sha256.Size]byte]Hero, len(m.projKnown))
		}
	}
}

// project is project(p, h) taken from the memo when the code and schemas
// (code: Options.Inputs) and the record's bytes are those of a hero it
// remembers: kept in memory by roll serve (Next), on disk by roll build
// (ReadProjections). Without either, a code, or for a record built by
// hand (no Sum), every hero is projected.
func (m *Memo) project(p Projector, h *model.Hero, code site.Key) (Hero, error) {
	if m == nil || !(m.inMemory || m.onDisk) || code == (site.Key{}) || h.Src.Sum == ([sha256.Size]byte{}) {
		return project(p, h)
	}
	k := sha256.New()
	k.Write([]byte("projection\x00"))
	k.Write(code[:])
	k.Write(h.Src.Sum[:])
	k.Write([]byte(h.Src.File))
	key := [sha256.Size]byte(k.Sum(nil))
	ph, ok := m.projKnown[key]
	if !ok {
		var err error
		if ph, err = project(p, h); err != nil {
			return ph, err
		}
	}
	m.projSeen[key] = ph
	return ph.clone(), nil
}

// clone is a copy of h that shares nothing a build changes: redaction
// and anonymization change a hero's texts in place.
func (h Hero) clone() Hero {
	h.Honors = slices.Clone(h.Honors)
	if h.Martyr != nil {
		m := *h.Martyr
		h.Martyr = &m
	}
	return h
}

// memoKeys are m's keys in byte order, so that a memo's bytes depend on
// its entries and not on the map's order.
func memoKeys[T any](m map[[sha256.Size]byte]T) [][sha256.Size]byte {
	keys := make([][sha256.Size]byte, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [sha256.Size]byte) int { return bytes.Compare(a[:], b[:]) })
	return keys
}
