package records

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"testing"
	"unsafe"
)

// TestSlab: the memory handed out is of the size asked, holds zeros, and
// no two pieces share a byte, whether from the slab or of their own.
func TestSlab(t *testing.T) {
	var s slab
	sizes := []int{1, slabMin - 1, slabMin, 100 << 10, 1 << 20, slabPiece / 2, slabPiece/2 + 1, slabPiece, 3 << 20, 3 << 20, 7 << 20, 5 << 20, 900 << 10}
	var got [][]byte
	for i, n := range sizes {
		b := s.get(n)
		if len(b) != n || cap(b) != n {
			t.Fatalf("get(%d): len %d cap %d", n, len(b), cap(b))
		}
		if bytes.IndexFunc(b, func(r rune) bool { return r != 0 }) >= 0 {
			t.Fatalf("get(%d) is not zero", n)
		}
		for j := range b {
			b[j] = byte(i + 1)
		}
		got = append(got, b)
	}
	for i, b := range got {
		if n := bytes.Count(b, []byte{byte(i + 1)}); n != len(b) {
			t.Errorf("piece %d (%d bytes): %d bytes of its own, the others written by another", i, len(b), n)
		}
	}
}

// TestCountEntries: a shard's entries are counted as parseShard reads
// them, and a cut body is counted no further than its whole entries.
func TestCountEntries(t *testing.T) {
	var b []byte
	for i := range 50 {
		p := "records/heroes/a/H-" + string(rune('a'+i%26)) + string(rune('a'+i/26)) + ".md"
		b = append(binary.AppendUvarint(b, uint64(len(p))), p...)
		b = append(b, make([]byte, 2*sha256.Size)...)
		for _, n := range []uint64{1, 2, 3, 4, 5, 6, 7} {
			b = binary.AppendUvarint(b, n)
		}
		body := bytes.Repeat([]byte("x"), i*10)
		b = append(binary.AppendUvarint(b, uint64(len(body))), body...)
		b = append(binary.AppendUvarint(b, 3), 1, 2, 3)
	}
	if n, m := countEntries(b), len(parseShard(b)); n != 50 || m != 50 {
		t.Errorf("counted %d entries, parsed %d, want 50", n, m)
	}
	if n := countEntries(b[:len(b)-1]); n != 49 {
		t.Errorf("cut: counted %d entries, want 49", n)
	}
	if parseShard(b[:len(b)-1]) != nil {
		t.Error("a cut body parsed")
	}
	// An entry without a path is no record's: the shard is not trusted.
	p0 := len("records/heroes/a/H-aa.md")
	empty := append(binary.AppendUvarint(nil, 0), b[1+p0:]...)
	if parseShard(empty) != nil {
		t.Error("a shard with an empty path parsed")
	}
}

// TestSlabOf: each value handed out is zero and its own, the pieces grow
// from slabPieceLen to about slabHuge bytes and no further, and a list
// made for huge pages is of the length asked and zero.
func TestSlabOf(t *testing.T) {
	type big struct {
		b [300]byte
		p *int
	}
	var s slabOf[big]
	seen := map[*big]bool{}
	for i := range 20000 {
		v := s.next()
		if seen[v] || v.b != [300]byte{} || v.p != nil {
			t.Fatalf("value %d handed out twice or not zero", i)
		}
		seen[v] = true
		v.b[0], v.p = 1, &i
		if size := s.last * int(unsafe.Sizeof(*v)); s.last > slabPieceLen && size > slabHuge {
			t.Fatalf("a piece of %d values, %d bytes", s.last, size)
		}
	}
	if s.last*int(unsafe.Sizeof(big{})) < slabHuge/2 {
		t.Errorf("the pieces grew to %d values only", s.last)
	}
	var small slabOf[int]
	small.next()
	if len(small.free) != slabPieceLen-1 {
		t.Errorf("a first piece of %d values, want %d", len(small.free)+1, slabPieceLen)
	}
	for _, n := range []int{0, 1, 20000} {
		l := hugeList[big](n)
		if len(l) != n {
			t.Fatalf("hugeList(%d) has %d values", n, len(l))
		}
		for i := range l {
			if l[i] != (big{}) {
				t.Fatalf("hugeList(%d)[%d] is not zero", n, i)
			}
		}
	}
}
