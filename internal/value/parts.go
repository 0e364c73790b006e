package value

import (
	"encoding/binary"
	"unsafe"
)

// The binary form written and read a part at a time, for a reader of
// another format that writes it without making the value first (package
// yamldoc's reader of the records' YAML) and for a reader that decides
// something of a value without making it (package schema's fast
// validation).

// Kind is the type of a value in the binary form.
type Kind byte

// The kinds of values, as their tags in the binary form.
const (
	Nil    Kind = tagNil
	False  Kind = tagFalse
	True   Kind = tagTrue
	String Kind = tagString
	Number Kind = tagNumber // json.Number's text
	List   Kind = tagList
	Map    Kind = tagMap
)

// AppendScalar appends a value that is not a list or a map: text is a
// String's or a Number's text, and nothing for Nil, False and True.
func AppendScalar(b []byte, k Kind, text string) []byte {
	b = append(b, byte(k))
	if k == String || k == Number {
		b = appendString(b, text)
	}
	return b
}

// AppendHead appends the head of a List or a Map of n items or entries.
// What Append writes follows: for a list, n values; for a map, n entries,
// each a key (AppendKey) and then its value, with the keys in increasing
// order (as strings compare) and each once. A map written otherwise is
// not the binary form of any value, and two of the same value would not
// have the same bytes.
func AppendHead(b []byte, k Kind, n int) []byte {
	return binary.AppendUvarint(append(b, byte(k)), uint64(n))
}

// AppendKey appends the key of a map's entry.
func AppendKey(b []byte, key string) []byte {
	return appendString(b, key)
}

// Next reads the head of the value that b starts with: its kind; for a
// String or a Number, its text, which shares b's memory; for a List or a
// Map, its number of items or entries, which follow in rest (for a map,
// each a key, read with NextKey, and its value). ok is false when b does
// not start with a value's head.
func Next(b []byte) (k Kind, text string, n int, rest []byte, ok bool) {
	if len(b) == 0 {
		return 0, "", 0, nil, false
	}
	r := reader{b: b[1:], shared: true}
	switch k = Kind(b[0]); k {
	case Nil, False, True:
	case String, Number:
		text = r.string()
	case List, Map:
		n = r.length()
	default:
		return 0, "", 0, nil, false
	}
	if r.err != nil {
		return 0, "", 0, nil, false
	}
	return k, text, n, r.b, true
}

// NextKey reads the key of a map's entry that b starts with; the key
// shares b's memory, and rest starts with its value.
func NextKey(b []byte) (key string, rest []byte, ok bool) {
	n, w := binary.Uvarint(b)
	if w <= 0 || n > uint64(len(b)-w) {
		return "", nil, false
	}
	b = b[w:]
	if n > 0 {
		key = unsafe.String(&b[0], n)
	}
	return key, b[n:], true
}

// Skip returns what follows the value that b starts with.
func Skip(b []byte) (rest []byte, ok bool) {
	r := reader{b: b}
	r.skip(0)
	return r.b, r.err == nil
}
