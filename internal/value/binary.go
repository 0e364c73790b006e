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
	return AppendWithoutAll(dst, b, path)
}

// AppendWithoutAll appends to dst the binary form b with the entry at
// each of paths taken out, as AppendWithout would one path after the
// other, in one walk that also checks b: false, and dst as it was, when
// b is not a binary form. Each path takes out the first entry it names.
func AppendWithoutAll(dst, b []byte, paths ...[]string) ([]byte, bool) {
	if len(paths) > 64 {
		for _, p := range paths {
			var ok bool
			if b, ok = AppendWithout(nil, b, p...); !ok {
				return dst, false
			}
		}
		return append(dst, b...), true
	}
	mark := len(dst)
	r := reader{b: b}
	dst = r.without(dst, paths, 0)
	if r.err != nil || len(r.b) != 0 {
		return dst[:mark], false
	}
	return dst, true
}

// without reads one value as skip does and appends its binary form to
// dst with the entry at each of paths taken out (a path of no keys takes
// out nothing).
func (r *reader) without(dst []byte, paths [][]string, depth int) []byte {
	live := false
	for _, p := range paths {
		live = live || len(p) > 0
	}
	if !live || len(r.b) == 0 || r.b[0] != tagMap || depth > maxDepth {
		from := r.b
		r.skip(depth) // on a bad form the caller drops dst's end
		return append(dst, from[:len(from)-len(r.b)]...)
	}
	r.b = r.b[1:]
	n := r.length()
	dst = append(dst, tagMap)
	countAt := len(dst)
	dst = binary.AppendUvarint(dst, uint64(n))
	bodyAt := len(dst)
	var done uint64 // the paths that took out or went into an entry
	var stack [4][]string
	removed := 0
	for i := 0; i < n && r.err == nil; i++ {
		from := r.b
		kn := r.length()
		if r.err != nil {
			break
		}
		k := r.b[:kn]
		r.b = r.b[kn:]
		keyEnd := len(from) - len(r.b)
		sub, gone := stack[:0], false
		for j, p := range paths {
			if len(p) == 0 || done&(1<<j) != 0 || p[0] != string(k) {
				continue
			}
			done |= 1 << j
			if len(p) == 1 {
				gone = true
			}
			sub = append(sub, p[1:])
		}
		switch {
		case gone:
			r.skip(depth + 1)
			removed++
		case len(sub) > 0:
			dst = append(dst, from[:keyEnd]...)
			dst = r.without(dst, sub, depth+1)
		default:
			r.skip(depth + 1)
			dst = append(dst, from[:len(from)-len(r.b)]...)
		}
	}
	if removed > 0 && r.err == nil {
		var count [binary.MaxVarintLen64]byte
		w := binary.PutUvarint(count[:], uint64(n-removed))
		copy(dst[countAt:], count[:w])
		if countAt+w < bodyAt {
			dst = append(dst[:countAt+w], dst[bodyAt:]...)
		}
	}
	return dst
}

// skip reads past one value without making it.
func (r *reader) skip(depth int) { r.pass(depth, false) }

// pass reads past one value without making it; when ordered, it fails on
// a map whose keys are out of order.
func (r *reader) pass(depth int, ordered bool) {
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
			r.pass(depth+1, ordered)
		}
	case tagMap:
		n := r.length()
		last := ""
		for i := 0; i < n && r.err == nil; i++ {
			if !ordered {
				r.bytes()
			} else {
				k := r.string()
				if i > 0 && k <= last {
					r.err = errShort
					return
				}
				last = k
			}
			r.pass(depth+1, ordered)
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
