package value

import (
	"errors"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unsafe"
)

// A Codec decodes binary forms (Append's) into one Go type T as
// DecodeShared does, by the same rules and with the same result, but
// with the type's layout worked out once, when the codec is made: each
// property of a struct is found in a list sorted by name and stored at
// its field's offset, where DecodeShared looks it up in a map and goes
// through reflection for every field of every value. A loader that
// decodes 100,000 records of a few types makes one codec per type.
//
// Strings, bools, whole numbers, floats, pointers, lists and structs are
// decoded so; anything else (a Decoder, a map, an interface, a type that
// holds itself) is left to DecodeShared's reflection at that place, so
// the rules stay DecodeShared's everywhere. Its strings share b's memory,
// as DecodeShared's do. A Codec may be used by many goroutines at once.
type Codec[T any] struct {
	dec    decodeFunc
	fields *Fields // for the parts left to reflection
}

// decodeFunc stores the value at the start of r.b at p, which points to
// memory of the type it was made for; false when the value does not fit
// (r.err may say why).
type decodeFunc func(r *reader, p unsafe.Pointer, depth int) bool

// errCodec is a Codec's error for a value that does not fit its type or
// is no binary form: the caller falls back as after DecodeShared's.
var errCodec = errors.New("value: the binary form does not fit the type")

// NewCodec makes the codec of T.
func NewCodec[T any]() *Codec[T] {
	c := &Codec[T]{fields: &Fields{}}
	c.dec = compile(reflect.TypeFor[T](), c.fields, map[reflect.Type]bool{})
	return c
}

// Decode stores the value whose binary form is b in dst, as
// DecodeShared(b, dst, nil) would: when it fails, dst may hold part of
// the value, and the caller falls back to a decode that reports why.
func (c *Codec[T]) Decode(b []byte, dst *T) error {
	r := reader{b: b, shared: true}
	if !c.dec(&r, unsafe.Pointer(dst), 0) || r.err != nil || len(r.b) != 0 {
		return errCodec
	}
	return nil
}

// compile returns the decodeFunc of the type t; open holds the struct
// types being compiled, so that a type that holds itself is left to
// reflection there rather than compiled forever.
func compile(t reflect.Type, fields *Fields, open map[reflect.Type]bool) decodeFunc {
	if t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(decoderType) {
		return reflected(t, fields)
	}
	switch t.Kind() {
	case reflect.String:
		return decodeString
	case reflect.Bool:
		return decodeBool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return intDecoder(t)
	case reflect.Float32, reflect.Float64:
		return floatDecoder(t)
	case reflect.Pointer:
		return pointerDecoder(t, fields, open)
	case reflect.Slice:
		return sliceDecoder(t, fields, open)
	case reflect.Struct:
		if open[t] {
			return reflected(t, fields)
		}
		open[t] = true
		defer delete(open, t)
		return structDecoder(t, fields, open)
	}
	return reflected(t, fields)
}

// reflected leaves the values of type t to DecodeShared's reflection.
func reflected(t reflect.Type, fields *Fields) decodeFunc {
	return func(r *reader, p unsafe.Pointer, depth int) bool {
		return r.decode(reflect.NewAt(t, p).Elem(), fields, nil, depth) == nil
	}
}

// zero stores the zero value of t at p, as a nil value does.
func zero(t reflect.Type, p unsafe.Pointer) {
	reflect.NewAt(t, p).Elem().SetZero()
}

// start reads the tag of the next value; ok is false when there is none
// or the depth is too great, as for DecodeShared.
func (r *reader) start(depth int) (tag byte, ok bool) {
	if r.err != nil || len(r.b) == 0 || depth > maxDepth {
		r.err = errShort
		return 0, false
	}
	return r.b[0], true
}

func decodeString(r *reader, p unsafe.Pointer, depth int) bool {
	tag, ok := r.start(depth)
	switch {
	case !ok:
		return false
	case tag == tagNil:
		r.b = r.b[1:]
		*(*string)(p) = ""
		return true
	case tag != tagString:
		return false
	}
	r.b = r.b[1:]
	s := r.string()
	*(*string)(p) = s
	return r.err == nil
}

func decodeBool(r *reader, p unsafe.Pointer, depth int) bool {
	tag, ok := r.start(depth)
	if !ok || (tag != tagNil && tag != tagTrue && tag != tagFalse) {
		return false
	}
	r.b = r.b[1:]
	*(*bool)(p) = tag == tagTrue
	return true
}

func intDecoder(t reflect.Type) decodeFunc {
	bits := t.Bits()
	return func(r *reader, p unsafe.Pointer, depth int) bool {
		tag, ok := r.start(depth)
		if !ok || (tag != tagNil && tag != tagNumber) {
			return false
		}
		r.b = r.b[1:]
		var i int64
		if tag == tagNumber {
			n := r.string()
			var err error
			i, err = strconv.ParseInt(n, 10, 64)
			if r.err != nil || err != nil {
				return false
			}
			if trunc := (i << (64 - bits)) >> (64 - bits); trunc != i {
				return false // reflect's OverflowInt
			}
		}
		switch bits {
		case 8:
			*(*int8)(p) = int8(i)
		case 16:
			*(*int16)(p) = int16(i)
		case 32:
			*(*int32)(p) = int32(i)
		default:
			*(*int64)(p) = i
		}
		return true
	}
}

func floatDecoder(t reflect.Type) decodeFunc {
	return func(r *reader, p unsafe.Pointer, depth int) bool {
		tag, ok := r.start(depth)
		if !ok || (tag != tagNil && tag != tagNumber) {
			return false
		}
		r.b = r.b[1:]
		var f float64
		if tag == tagNumber {
			n := r.string()
			var err error
			// json.Number's Float64, as DecodeShared reads a number.
			f, err = strconv.ParseFloat(n, 64)
			if r.err != nil || err != nil {
				return false
			}
		}
		if t.Kind() == reflect.Float32 {
			*(*float32)(p) = float32(f)
		} else {
			*(*float64)(p) = f
		}
		return true
	}
}

func pointerDecoder(t reflect.Type, fields *Fields, open map[reflect.Type]bool) decodeFunc {
	elem := t.Elem()
	dec := compile(elem, fields, open)
	return func(r *reader, p unsafe.Pointer, depth int) bool {
		tag, ok := r.start(depth)
		if !ok {
			return false
		}
		if tag == tagNil {
			r.b = r.b[1:]
			*(*unsafe.Pointer)(p) = nil
			return true
		}
		v := reflect.New(elem).UnsafePointer()
		if !dec(r, v, depth) {
			return false
		}
		*(*unsafe.Pointer)(p) = v
		return true
	}
}

// container reads the start of a list or a map (tag want) of type t at
// p: its length n, or null when the value is nil (p is then zeroed); ok is
// false for bytes that are neither.
func (r *reader) container(t reflect.Type, p unsafe.Pointer, depth int, want byte) (n int, null, ok bool) {
	tag, ok := r.start(depth)
	switch {
	case !ok:
		return 0, false, false
	case tag == tagNil:
		r.b = r.b[1:]
		zero(t, p)
		return 0, true, true
	case tag != want:
		return 0, false, false
	}
	r.b = r.b[1:]
	n = r.length()
	return n, false, r.err == nil
}

func sliceDecoder(t reflect.Type, fields *Fields, open map[reflect.Type]bool) decodeFunc {
	dec := compile(t.Elem(), fields, open)
	size := t.Elem().Size()
	return func(r *reader, p unsafe.Pointer, depth int) bool {
		n, null, ok := r.container(t, p, depth, tagList)
		if !ok || null {
			return ok
		}
		at := reflect.MakeSlice(t, n, n).UnsafePointer()
		for i := range n {
			if !dec(r, unsafe.Add(at, uintptr(i)*size), depth+1) {
				return false
			}
		}
		*(*sliceHeader)(p) = sliceHeader{data: at, len: n, cap: n}
		return true
	}
}

// sliceHeader is the layout of a slice (reflect.SliceHeader's, with its
// pointer typed as one, so that storing it is seen by the collector).
type sliceHeader struct {
	data     unsafe.Pointer
	len, cap int
}

// codecField is one property of a struct: the fields it is stored in
// (more than one where embedded structs name it twice, as Fields does).
type codecField struct {
	name string
	at   []fieldAt
}

type fieldAt struct {
	off uintptr
	dec decodeFunc
}

func structDecoder(t reflect.Type, fields *Fields, open map[reflect.Type]bool) decodeFunc {
	byName := fields.of(t)
	if byName == nil {
		return reflected(t, fields) // an embedded Decoder: DecodeShared's refusal
	}
	props := make([]codecField, 0, len(byName))
	for name, paths := range byName {
		f := codecField{name: name}
		for _, path := range paths {
			off, ft := uintptr(0), t
			for _, i := range path {
				sf := ft.Field(i)
				off += sf.Offset
				ft = sf.Type
			}
			f.at = append(f.at, fieldAt{off: off, dec: compile(ft, fields, open)})
		}
		props = append(props, f)
	}
	slices.SortFunc(props, func(a, b codecField) int { return strings.Compare(a.name, b.name) })
	return func(r *reader, p unsafe.Pointer, depth int) bool {
		n, null, ok := r.container(t, p, depth, tagMap)
		if !ok || null {
			return ok
		}
		// The binary form's keys are sorted, as props are: the property
		// of a key is at or after the last one's, most often just after.
		// A key out of order is searched for.
		next := 0
		for range n {
			k := r.string()
			if r.err != nil {
				return false
			}
			var f *codecField
			j := next
			for j < len(props) && props[j].name < k {
				j++
			}
			switch {
			case j < len(props) && props[j].name == k:
				f = &props[j]
				next = j + 1
			case j == next:
				if i, found := slices.BinarySearchFunc(props[:next], k, func(f codecField, k string) int { return strings.Compare(f.name, k) }); found {
					f = &props[i]
					next = i + 1
				}
			}
			if f == nil {
				r.skip(depth + 1) // a property without a field
				if r.err != nil {
					return false
				}
				continue
			}
			start := r.b
			for _, at := range f.at {
				r.b = start // each field of that name reads the value
				if !at.dec(r, unsafe.Add(p, at.off), depth+1) {
					return false
				}
			}
		}
		return r.err == nil
	}
}
