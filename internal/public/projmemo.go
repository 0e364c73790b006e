package public

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"

	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/wire"
)

// The memo's projections on disk. roll build keeps each published hero's
// public projection (Hero) between builds in the output folder's state,
// beside the redaction memo, under the key Memo.project gives it: the
// code of roll and the schemas, the record's file and the SHA-256 of its
// bytes, which is all a projection is a function of. Projecting walks the
// record's value against the schema and decodes it: 1.45 s of a rebuild
// at 100,000 heroes, where reading them back takes a tenth of that.
//
// The file is sealed by its SHA-256; a damaged, cut or foreign one is
// ignored, and every hero projected again. Hero's fields are written one
// by one, so a field added to Hero must be added here:
// TestProjectionsRoundTrip fills every field by reflection and fails when
// one is not read back.

// projHeader starts the memo's projections; bump it when the format or
// Hero changes.
const projHeader = "roll projection memo v1\n"

// ReadProjections gives m the projections a build kept (ProjectionBytes),
// and has it keep this build's for the next. Damaged bytes are none.
func (m *Memo) ReadProjections(b []byte) {
	if m == nil {
		return
	}
	m.onDisk = true
	m.projKnown = readProjections(b)
}

func readProjections(b []byte) map[[sha256.Size]byte]Hero {
	none := map[[sha256.Size]byte]Hero{}
	rest, ok := bytes.CutPrefix(b, []byte(projHeader))
	if !ok || len(rest) < sha256.Size {
		return none
	}
	body, seal := rest[:len(rest)-sha256.Size], rest[len(rest)-sha256.Size:]
	if sum := sha256.Sum256(body); !bytes.Equal(sum[:], seal) {
		return none
	}
	r := &projReader{wire.NewReader(body)}
	n := r.Count(1)
	if r.Bad() || n > len(body)/sha256.Size {
		return none
	}
	out := make(map[[sha256.Size]byte]Hero, n)
	for range n {
		key := r.key()
		h := r.hero()
		if r.Bad() {
			return none
		}
		out[key] = h
	}
	if len(r.Rest()) != 0 {
		return none
	}
	return out
}

// ProjectionBytes are the projections of this build's heroes, for the
// next build (ReadProjections), sorted by key and sealed.
func (m *Memo) ProjectionBytes() []byte {
	keys := memoKeys(m.projSeen)
	out := append(make([]byte, 0, len(projHeader)+len(keys)*256), projHeader...)
	out = binary.AppendUvarint(out, uint64(len(keys)))
	for _, k := range keys {
		out = append(out, k[:]...)
		out = appendHero(out, m.projSeen[k])
	}
	sum := sha256.Sum256(out[len(projHeader):])
	return append(out, sum[:]...)
}

// ProjectionsChanged reports whether this build projected another set of
// heroes than the memo read: the same keys hold the same projections.
func (m *Memo) ProjectionsChanged() bool {
	if m == nil || !m.onDisk {
		return false
	}
	return !sameKeys(m.projSeen, m.projKnown)
}

func appendHero(b []byte, h Hero) []byte {
	str := func(s string) { b = wire.AppendString(b, s) }
	num := func(n int) { b = binary.AppendVarint(b, int64(n)) }
	flag := func(v bool) { b = wire.AppendFlag(b, v) }
	str(h.ID)
	str(h.Name)
	str(h.Jurisdiction)
	str(string(h.Deed.Date))
	str(h.Deed.Place)
	str(h.Deed.Kind)
	str(h.Deed.Summary)
	str(h.Deed.Case)
	str(h.Outcome)
	flag(h.Martyr != nil)
	if h.Martyr != nil {
		str(string(h.Martyr.Date))
		str(h.Martyr.Doc)
	}
	flag(h.Honors != nil)
	num(len(h.Honors))
	for _, a := range h.Honors {
		str(a.Honor)
		num(a.Year)
		flag(a.Posthumous)
		str(a.Note)
	}
	return b
}

// projReader reads what appendHero and appendKeptHero wrote; ReadKept's
// strings are its bytes (Alias), not copies.
type projReader struct{ wire.Reader }

// signed reads a number of a projection (a year, a count of honors, a
// photo's size): within ±2^40.
func (r *projReader) signed() int { return int(r.Varint(-1<<40, 1<<40)) }

func (r *projReader) hero() Hero {
	var h Hero
	h.ID, h.Name, h.Jurisdiction = r.Str(), r.Str(), r.Str()
	h.Deed.Date = model.Date(r.Str())
	h.Deed.Place, h.Deed.Kind, h.Deed.Summary, h.Deed.Case = r.Str(), r.Str(), r.Str(), r.Str()
	h.Outcome = r.Str()
	if r.Flag() {
		h.Martyr = &Martyr{Date: model.Date(r.Str()), Doc: r.Str()}
	}
	list := r.Flag()
	n := r.signed()
	if r.Bad() || n < 0 || n > len(r.Rest()) {
		r.Fail()
		return h
	}
	if list {
		h.Honors = make([]Award, n)
	}
	for i := range n {
		a := Award{Honor: r.Str(), Year: r.signed(), Posthumous: r.Flag(), Note: r.Str()}
		if list {
			h.Honors[i] = a
		}
	}
	return h
}
