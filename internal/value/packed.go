package value

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"sync"
)

// Fields remembers, of each struct type DecodeShared met, which of its
// fields each property goes to, for the decodes after: a loader that
// decodes 100,000 records of a few types reads each type's tags once. The
// zero value is ready; it may be used by many goroutines at once.
type Fields struct {
	m sync.Map // reflect.Type -> map[string][][]int
}

// of returns the fields of the struct type t by property: the index path
// of each field that Decode would store the property in (an untagged
// embedded struct reads the same properties as the struct around it).
func (fs *Fields) of(t reflect.Type) map[string][][]int {
	if m, ok := fs.m.Load(t); ok {
		return m.(map[string][][]int)
	}
	m := map[string][][]int{}
	var walk func(t reflect.Type, at []int)
	walk = func(t reflect.Type, at []int) {
		for i := range t.NumField() {
			f := t.Field(i)
			path := append(append([]int(nil), at...), i)
			if f.Anonymous && f.Type.Kind() == reflect.Struct && f.Tag == "" {
				if reflect.PointerTo(f.Type).Implements(decoderType) {
					m = nil // Decode gives it the whole map: not done here
					return
				}
				walk(f.Type, path)
				if m == nil {
					return
				}
				continue
			}
			name, ok := property(f)
			if !ok {
				continue
			}
			m[name] = append(m[name], path)
		}
	}
	walk(t, nil)
	fs.m.Store(t, m)
	return m
}

// DecodeShared stores the value whose binary form (Append) is b in dst, a
// non-nil pointer, as Decode(ReadShared(b)) would, without making the
// maps and lists of the value first; its strings share b's memory as
// ReadShared's do, so nothing may change b while dst is in use. fields,
// which may be nil, remembers the struct types met.
//
// When it succeeds dst holds what Decode would have stored. When it fails
// (b is no binary form, or the value does not fit dst) dst may hold part
// of the value, and the error need not be the one Decode would give: a
// caller that fails falls back to Decode.
func DecodeShared(b []byte, dst any, fields *Fields) error {
	rv := reflect.ValueOf(dst)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("decode: need a non-nil pointer, got %T", dst)
	}
	if fields == nil {
		fields = &Fields{}
	}
	r := reader{b: b, shared: true}
	if err := r.decode(rv.Elem(), fields, nil, 0); err != nil {
		return err
	}
	if r.err != nil || len(r.b) != 0 {
		return errShort
	}
	return nil
}

// DecodeProjected stores in dst the projection f of the value whose
// binary form is b, as Decode(Project(ReadShared(b), f)) would, in one
// pass: the properties f leaves out are skipped, and no map or list of
// the value or of its projection is made. Its strings share b's memory,
// and a failure is what it is for DecodeShared: the caller falls back to
// the passes it replaces. f must not be nil.
func DecodeProjected(b []byte, f Filter, dst any, fields *Fields) error {
	rv := reflect.ValueOf(dst)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("decode: need a non-nil pointer, got %T", dst)
	}
	if f == nil {
		return errors.New("decode: no projection")
	}
	if fields == nil {
		fields = &Fields{}
	}
	r := reader{b: b, shared: true}
	if err := r.decode(rv.Elem(), fields, f, 0); err != nil {
		return err
	}
	if r.err != nil || len(r.b) != 0 {
		return errShort
	}
	return nil
}

// errMismatch is DecodeShared's error for a value that does not fit its
// destination.
var errMismatch = errors.New("value: the value does not fit its destination")

// decode reads one value into dst, following decodeValue's rules, and
// keeps of it what f projects (all of it when f is nil).
func (r *reader) decode(dst reflect.Value, fields *Fields, f Filter, depth int) error {
	if r.err != nil || len(r.b) == 0 || depth > maxDepth {
		return errShort
	}
	tag := r.b[0]
	if tag == tagNil {
		r.b = r.b[1:]
		dst.SetZero()
		return nil
	}
	if dst.Kind() != reflect.Pointer && dst.CanAddr() && reflect.PointerTo(dst.Type()).Implements(decoderType) {
		v := r.value(depth)
		if r.err != nil {
			return r.err
		}
		if f != nil {
			v = Project(v, f)
		}
		return dst.Addr().Interface().(Decoder).DecodeValue(v)
	}
	switch dst.Kind() {
	case reflect.Pointer:
		p := reflect.New(dst.Type().Elem())
		if err := r.decode(p.Elem(), fields, f, depth); err != nil {
			return err
		}
		dst.Set(p)
		return nil
	case reflect.Interface:
		if dst.NumMethod() == 0 {
			v := r.value(depth)
			if r.err != nil {
				return r.err
			}
			if f != nil {
				v = Project(v, f)
			}
			dst.Set(reflect.ValueOf(v))
			return nil
		}
	case reflect.String:
		if tag == tagString {
			r.b = r.b[1:]
			dst.SetString(r.string())
			return r.err
		}
	case reflect.Bool:
		if tag == tagTrue || tag == tagFalse {
			r.b = r.b[1:]
			dst.SetBool(tag == tagTrue)
			return nil
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if tag == tagNumber {
			r.b = r.b[1:]
			n := r.string()
			i, err := strconv.ParseInt(n, 10, 64)
			if r.err != nil || err != nil || dst.OverflowInt(i) {
				return errMismatch
			}
			dst.SetInt(i)
			return nil
		}
	case reflect.Float32, reflect.Float64:
		if tag == tagNumber {
			r.b = r.b[1:]
			f, err := json.Number(r.string()).Float64()
			if r.err != nil || err != nil {
				return errMismatch
			}
			dst.SetFloat(f)
			return nil
		}
	case reflect.Slice:
		if tag == tagList {
			r.b = r.b[1:]
			n := r.length()
			if r.err != nil {
				return r.err
			}
			var items Filter
			if f != nil {
				items = f.Items()
			}
			s := reflect.MakeSlice(dst.Type(), n, n)
			for i := range n {
				if err := r.decode(s.Index(i), fields, items, depth+1); err != nil {
					return err
				}
			}
			dst.Set(s)
			return nil
		}
	case reflect.Map:
		if tag == tagMap && dst.Type().Key().Kind() == reflect.String {
			r.b = r.b[1:]
			n := r.length()
			if r.err != nil {
				return r.err
			}
			out := reflect.MakeMapWithSize(dst.Type(), n)
			for range n {
				k := r.string()
				var kf Filter
				if f != nil {
					var keep bool
					if kf, keep = f.Property(k); !keep {
						r.skip(depth + 1)
						continue
					}
				}
				e := reflect.New(dst.Type().Elem()).Elem()
				if err := r.decode(e, fields, kf, depth+1); err != nil {
					return err
				}
				out.SetMapIndex(reflect.ValueOf(k).Convert(dst.Type().Key()), e)
			}
			dst.Set(out)
			return nil
		}
	case reflect.Struct:
		if tag == tagMap {
			r.b = r.b[1:]
			n := r.length()
			if r.err != nil {
				return r.err
			}
			byName := fields.of(dst.Type())
			if byName == nil {
				return errMismatch // the caller falls back to Decode
			}
			for range n {
				k := r.string()
				paths := byName[k]
				var kf Filter
				keep := true
				if f != nil && len(paths) > 0 {
					kf, keep = f.Property(k)
				}
				if len(paths) == 0 || !keep {
					r.skip(depth + 1) // a property without a field, or projected out
					continue
				}
				start := r.b
				for _, p := range paths {
					r.b = start // each field of that name reads the value
					if err := r.decode(dst.FieldByIndex(p), fields, kf, depth+1); err != nil {
						return err
					}
				}
			}
			return r.err
		}
	}
	return errMismatch
}

// Filter is a projection of a value: of each map, the properties it
// keeps, each with the projection of its value (schema.Set's visibility
// levels).
type Filter interface {
	// Property returns whether the projection keeps the property key of
	// a map, and the projection of its value.
	Property(key string) (Filter, bool)
	// Items returns the projection of the items of a list.
	Items() Filter
}

// Project returns the projection f of v (Read's types): a copy of its
// maps and lists keeping the properties f keeps; other values are v's.
func Project(v any, f Filter) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for key, x := range v {
			if kf, keep := f.Property(key); keep {
				out[key] = Project(x, kf)
			}
		}
		return out
	case []any:
		items := f.Items()
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = Project(x, items)
		}
		return out
	}
	return v
}
