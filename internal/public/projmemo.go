package public

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"unsafe"

	"github.com/yancheng-jyyw/roll/internal/model"
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
	r := &projReader{b: body}
	n := r.number()
	if r.bad || n > len(body)/sha256.Size {
		return none
	}
	out := make(map[[sha256.Size]byte]Hero, n)
	for range n {
		if len(r.b) < sha256.Size {
			return none
		}
		key := [sha256.Size]byte(r.b)
		r.b = r.b[sha256.Size:]
		h := r.hero()
		if r.bad {
			return none
		}
		out[key] = h
	}
	if len(r.b) != 0 {
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
	str := func(s string) { b = binary.AppendUvarint(b, uint64(len(s))); b = append(b, s...) }
	num := func(n int) { b = binary.AppendVarint(b, int64(n)) }
	flag := func(v bool) {
		if v {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
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

// projReader reads what appendHero wrote; bad is set at the first byte
// that does not fit, after which it reads zeros.
type projReader struct {
	b     []byte
	bad   bool
	alias bool // strings are b's bytes (ReadKept), not copies
}

func (r *projReader) number() int {
	n, k := binary.Uvarint(r.b)
	if k <= 0 || n > uint64(len(r.b)) {
		r.bad = true
		return 0
	}
	r.b = r.b[k:]
	return int(n)
}

func (r *projReader) signed() int {
	n, k := binary.Varint(r.b)
	if k <= 0 || n > 1<<40 || n < -1<<40 {
		r.bad = true
		return 0
	}
	r.b = r.b[k:]
	return int(n)
}

func (r *projReader) str() string {
	n := r.number()
	if r.bad || n > len(r.b) {
		r.bad = true
		return ""
	}
	var s string
	if r.alias {
		if n > 0 {
			s = unsafe.String(&r.b[0], n)
		}
	} else {
		s = string(r.b[:n])
	}
	r.b = r.b[n:]
	return s
}

func (r *projReader) flag() bool {
	if len(r.b) == 0 || r.b[0] > 1 {
		r.bad = true
		return false
	}
	v := r.b[0] == 1
	r.b = r.b[1:]
	return v
}

func (r *projReader) hero() Hero {
	var h Hero
	h.ID, h.Name, h.Jurisdiction = r.str(), r.str(), r.str()
	h.Deed.Date = model.Date(r.str())
	h.Deed.Place, h.Deed.Kind, h.Deed.Summary, h.Deed.Case = r.str(), r.str(), r.str(), r.str()
	h.Outcome = r.str()
	if r.flag() {
		h.Martyr = &Martyr{Date: model.Date(r.str()), Doc: r.str()}
	}
	list := r.flag()
	n := r.signed()
	if r.bad || n < 0 || n > len(r.b) {
		r.bad = true
		return h
	}
	if list {
		h.Honors = make([]Award, n)
	}
	for i := range n {
		a := Award{Honor: r.str(), Year: r.signed(), Posthumous: r.flag(), Note: r.str()}
		if list {
			h.Honors[i] = a
		}
	}
	return h
}
