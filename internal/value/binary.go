package value

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"unsafe"
)

// The binary form of a JSON-like value, for caches: one tag byte per value,
// then for a string or number its length and bytes, for a list its length
// and items, for a map its length and, in the order of the keys, each key
// (length and bytes) and value. Types survive the round trip exactly
// (json.Number stays a json.Number, a date stays its string), which a
// cache of records needs to give the bytes a fresh decode gives.
const (
	tagNil    = 'z'
	tagFalse  = 'f'
	tagTrue   = 't'
	tagString = 's'
	tagNumber = 'n'
	tagList   = 'l'
	tagMap    = 'm'
)

// Append appends the binary form of v, a JSON-like value (map[string]any,
// []any, string, json.Number, bool, nil), to b.
func Append(b []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(b, tagNil), nil
	case bool:
		if v {
			return append(b, tagTrue), nil
		}
		return append(b, tagFalse), nil
	case string:
		return appendString(append(b, tagString), v), nil
	case json.Number:
		return appendString(append(b, tagNumber), string(v)), nil
	case []any:
		b = binary.AppendUvarint(append(b, tagList), uint64(len(v)))
		for _, x := range v {
			var err error
			if b, err = Append(b, x); err != nil {
				return nil, err
			}
		}
		return b, nil
	case map[string]any:
		b = binary.AppendUvarint(append(b, tagMap), uint64(len(v)))
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			b = appendString(b, k)
			var err error
			if b, err = Append(b, v[k]); err != nil {
				return nil, err
			}
		}
		return b, nil
	}
	return nil, fmt.Errorf("value: cannot encode %T", v)
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// errShort is the error of a binary form that ends early or runs on.
var errShort = errors.New("value: malformed binary form")

// Read decodes the binary form that Append wrote; the whole of b must be
// one value. Bytes that are not such a form are an error, never a panic.
func Read(b []byte) (any, error) {
	return read(reader{b: b})
}

// ReadShared is Read, except that the strings of the value share b's
// memory instead of copying it: nothing may change b while the value, or
// any string taken from it, is in use. A loaded record keeps its packed
// value unchanged for the whole run (model.Source.Packed) and reads it
// this way, so that a stage that reads the value allocates its maps and
// lists but no text, and the texts it keeps cost nothing more.
func ReadShared(b []byte) (any, error) {
	return read(reader{b: b, shared: true})
}

func read(r reader) (any, error) {
	v := r.value(0)
	if r.err != nil || len(r.b) != 0 {
		return nil, errShort
	}
	return v, nil
}

type reader struct {
	b      []byte
	err    error
	shared bool // strings share b (ReadShared)
}

// maxDepth bounds the nesting Read follows, as the YAML decoder bounds it.
const maxDepth = 100

func (r *reader) value(depth int) any {
	if r.err != nil || len(r.b) == 0 || depth > maxDepth {
		r.err = errShort
		return nil
	}
	tag := r.b[0]
	r.b = r.b[1:]
	switch tag {
	case tagNil:
		return nil
	case tagFalse:
		return false
	case tagTrue:
		return true
	case tagString:
		return r.string()
	case tagNumber:
		return json.Number(r.string())
	case tagList:
		n := r.length()
		if r.err != nil {
			return nil
		}
		a := make([]any, n)
		for i := range a {
			a[i] = r.value(depth + 1)
		}
		return a
	case tagMap:
		n := r.length()
		if r.err != nil {
			return nil
		}
		m := make(map[string]any, n)
		for range n {
			k := r.string()
			m[k] = r.value(depth + 1)
		}
		return m
	}
	r.err = errShort
	return nil
}

// length reads a count of items, each of which takes at least a byte.
func (r *reader) length() int {
	n, w := binary.Uvarint(r.b)
	if w <= 0 || n > uint64(len(r.b)-w) {
		r.err = errShort
		return 0
	}
	r.b = r.b[w:]
	return int(n)
}

func (r *reader) string() string {
	n := r.length()
	if r.err != nil {
		return ""
	}
	var s string
	if r.shared && n > 0 {
		s = unsafe.String(&r.b[0], n)
	} else {
		s = string(r.b[:n])
	}
	r.b = r.b[n:]
	return s
}

// Without returns the binary form b (Append's) of a value with the entry
// at path taken out: path names a key of the top map, then a key of the
// map that is its value, and so on. The result is the binary form of the
// value without that entry, so two values that differ elsewhere still
// differ. b itself is returned when the path is not there (a value that
// is not a map on the way, a key missing); false when b is not a binary
// form. The keys of pages that show every field of a record but one hash
// the record so (package status).
func Without(b []byte, path ...string) ([]byte, bool) {
	out, ok := AppendWithout(nil, b, path...)
	if ok && len(out) == len(b) {
		return b, true
	}
	return out, ok
}

// AppendWithout appends to dst what Without returns.
func AppendWithout(dst, b []byte, path ...string) ([]byte, bool) {
	r := reader{b: b}
	r.skip(0)
	if r.err != nil || len(r.b) != 0 {
		return dst, false
	}
	return appendWithout(dst, b, path), true
}

// appendWithout is AppendWithout on a well-formed b.
func appendWithout(dst, b []byte, path []string) []byte {
	if len(path) == 0 || len(b) == 0 || b[0] != tagMap {
		return append(dst, b...)
	}
	r := reader{b: b[1:]}
	n := r.length()
	head := len(b) - len(r.b) // the tag and the count
	for range n {
		start := len(b) - len(r.b)
		k := r.string()
		vstart := len(b) - len(r.b)
		r.skip(1)
		end := len(b) - len(r.b)
		if k != path[0] {
			continue
		}
		if len(path) == 1 {
			dst = binary.AppendUvarint(append(dst, tagMap), uint64(n-1))
			dst = append(dst, b[head:start]...)
			return append(dst, b[end:]...)
		}
		dst = append(dst, b[:vstart]...)
		dst = appendWithout(dst, b[vstart:end], path[1:])
		return append(dst, b[end:]...)
	}
	return append(dst, b...)
}

// skip reads past one value without making it.
func (r *reader) skip(depth int) {
	if r.err != nil || len(r.b) == 0 || depth > maxDepth {
		r.err = errShort
		return
	}
	tag := r.b[0]
	r.b = r.b[1:]
	switch tag {
	case tagNil, tagFalse, tagTrue:
	case tagString, tagNumber:
		r.bytes()
	case tagList:
		n := r.length()
		for i := 0; i < n && r.err == nil; i++ {
			r.skip(depth + 1)
		}
	case tagMap:
		n := r.length()
		for i := 0; i < n && r.err == nil; i++ {
			r.bytes()
			r.skip(depth + 1)
		}
	default:
		r.err = errShort
	}
}

// bytes reads past a string.
func (r *reader) bytes() {
	n := r.length()
	if r.err == nil {
		r.b = r.b[n:]
	}
}
