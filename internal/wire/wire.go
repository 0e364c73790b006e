// Package wire reads and writes the small binary forms in which packages
// keep their state between runs (histories, memos, kept entries): counts
// and numbers as varints, strings prefixed by their length, flags as one
// byte 0 or 1; and the seal each file ends with (Seal). Each file's
// format, its header and limits stay with the package that keeps it; wire
// only spares each a copy of the same reader, which stops at the first
// byte that does not fit, and of the same seal.
package wire

import (
	"encoding/binary"
	"unsafe"
)

// Reader reads values from bytes in turn. Bad is set at the first value
// that does not fit (truncated, overlong, out of its bounds), after which
// every read gives the zero value and consumes nothing, so a caller reads
// a whole record and checks Bad once.
type Reader struct {
	b   []byte
	bad bool

	// Alias makes Str return strings that share the bytes read instead
	// of copies: for bytes that are never changed and outlive them.
	Alias bool
	// MaxCount, when above zero, is the greatest count (and string
	// length) read by Count and Str.
	MaxCount int
}

// NewReader returns a Reader of b that copies the strings it reads.
func NewReader(b []byte) Reader { return Reader{b: b} }

// Bad reports whether a read did not fit.
func (r *Reader) Bad() bool { return r.bad }

// Fail marks the reader bad: for a check of the caller's own.
func (r *Reader) Fail() { r.bad = true; r.b = nil }

// Rest returns the bytes not yet read (none once bad).
func (r *Reader) Rest() []byte { return r.b }

// Reset reads b from its start, as a new Reader with the same options.
func (r *Reader) Reset(b []byte) { r.b, r.bad = b, false }

// Next returns the next n bytes, which share r's.
func (r *Reader) Next(n int) []byte {
	if r.bad || n < 0 || n > len(r.b) {
		r.Fail()
		return nil
	}
	p := r.b[:n:n]
	r.b = r.b[n:]
	return p
}

// Uvarint reads an unsigned varint of at most max.
func (r *Reader) Uvarint(max uint64) uint64 {
	n, k := binary.Uvarint(r.b)
	if r.bad || k <= 0 || n > max {
		r.Fail()
		return 0
	}
	r.b = r.b[k:]
	return n
}

// Varint reads a signed varint within [min, max].
func (r *Reader) Varint(min, max int64) int64 {
	n, k := binary.Varint(r.b)
	if r.bad || k <= 0 || n < min || n > max {
		r.Fail()
		return 0
	}
	r.b = r.b[k:]
	return n
}

// Count reads, as an unsigned varint, the number of items that follow,
// each of at least min bytes (min ≥ 1): a count that the bytes left,
// varint included, could not hold is bad, so that it is safe to
// allocate for.
func (r *Reader) Count(min int) int {
	n, k := binary.Uvarint(r.b)
	if r.bad || k <= 0 || min < 1 || n > uint64(len(r.b)/min) ||
		r.MaxCount > 0 && n > uint64(r.MaxCount) {
		r.Fail()
		return 0
	}
	r.b = r.b[k:]
	return int(n)
}

// Str reads a string that AppendString wrote.
func (r *Reader) Str() string {
	n := r.Count(1)
	p := r.Next(n)
	if r.bad || n == 0 {
		return ""
	}
	if r.Alias {
		return unsafe.String(&p[0], n)
	}
	return string(p)
}

// Flag reads a flag that AppendFlag wrote: a byte other than 0 or 1 is
// bad.
func (r *Reader) Flag() bool {
	if r.bad || len(r.b) == 0 || r.b[0] > 1 {
		r.Fail()
		return false
	}
	v := r.b[0] == 1
	r.b = r.b[1:]
	return v
}

// AppendString appends s prefixed by its length as an unsigned varint.
func AppendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// AppendFlag appends v as one byte, 1 or 0.
func AppendFlag(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}
