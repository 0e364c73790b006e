// Package value stores JSON-like values (what a YAML or JSON decoder gives:
// map[string]any, []any, string, json.Number, bool, nil) in typed Go
// structs by their tags, without encoding them to text first: the views
// of both sites are decoded so from the projections of records
// (schema.Set.ProjectInto).
//
// The package is larger than 600 lines: the binary form (binary.go), the
// readers that take values, structs and projections straight out of it
// (packed.go, and codec.go's compiled per type) and the writing and
// reading of it a part at a time (parts.go, for yamldoc's reader and
// schema's fast validation) share one unexported reader and one layout,
// which would have to be exported to split them.
package value

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// Decode stores v, a JSON-like value (map[string]any, []any, string,
// json.Number, bool, nil), in dst, a non-nil pointer, following `json`
// tags (or `yaml` tags where a field has none, as in package model),
// without encoding it to text first. An embedded struct without a tag
// reads the same properties as the struct around it, so a view can embed
// a model type and give some of its fields a type of their own. Properties without a field
// are skipped; a value of the wrong type is an error. A type whose pointer
// is a Decoder decodes itself.
func Decode(v any, dst any) error {
	rv := reflect.ValueOf(dst)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("decode: need a non-nil pointer, got %T", dst)
	}
	return decodeValue(v, rv.Elem(), "")
}

// Decoder is a type that stores a JSON-like value itself (an amount of
// money read from its string, say).
type Decoder interface {
	DecodeValue(v any) error
}

var decoderType = reflect.TypeFor[Decoder]()

func decodeValue(v any, dst reflect.Value, at string) error {
	if v == nil {
		dst.SetZero()
		return nil
	}
	if dst.Kind() != reflect.Pointer && dst.CanAddr() && reflect.PointerTo(dst.Type()).Implements(decoderType) {
		if err := dst.Addr().Interface().(Decoder).DecodeValue(v); err != nil {
			return fmt.Errorf("decode %s: %w", cmpOr(at, "/"), err)
		}
		return nil
	}
	switch dst.Kind() {
	case reflect.Pointer:
		p := reflect.New(dst.Type().Elem())
		if err := decodeValue(v, p.Elem(), at); err != nil {
			return err
		}
		dst.Set(p)
		return nil
	case reflect.Interface:
		if dst.NumMethod() == 0 {
			dst.Set(reflect.ValueOf(v))
			return nil
		}
	case reflect.String:
		if s, ok := v.(string); ok {
			dst.SetString(s)
			return nil
		}
	case reflect.Bool:
		if b, ok := v.(bool); ok {
			dst.SetBool(b)
			return nil
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if n, ok := v.(json.Number); ok {
			i, err := strconv.ParseInt(string(n), 10, 64)
			if err != nil || dst.OverflowInt(i) {
				return fmt.Errorf("decode %s: %s is not a whole number of %s", at, n, dst.Type())
			}
			dst.SetInt(i)
			return nil
		}
	case reflect.Float32, reflect.Float64:
		if n, ok := v.(json.Number); ok {
			f, err := n.Float64()
			if err != nil {
				return fmt.Errorf("decode %s: %w", at, err)
			}
			dst.SetFloat(f)
			return nil
		}
	case reflect.Slice:
		if a, ok := v.([]any); ok {
			s := reflect.MakeSlice(dst.Type(), len(a), len(a))
			for i, x := range a {
				if err := decodeValue(x, s.Index(i), at+"/"+strconv.Itoa(i)); err != nil {
					return err
				}
			}
			dst.Set(s)
			return nil
		}
	case reflect.Map:
		if m, ok := v.(map[string]any); ok && dst.Type().Key().Kind() == reflect.String {
			out := reflect.MakeMapWithSize(dst.Type(), len(m))
			for k, x := range m {
				e := reflect.New(dst.Type().Elem()).Elem()
				if err := decodeValue(x, e, at+"/"+k); err != nil {
					return err
				}
				out.SetMapIndex(reflect.ValueOf(k).Convert(dst.Type().Key()), e)
			}
			dst.Set(out)
			return nil
		}
	case reflect.Struct:
		if m, ok := v.(map[string]any); ok {
			t := dst.Type()
			for i := range t.NumField() {
				f := t.Field(i)
				if f.Anonymous && f.Type.Kind() == reflect.Struct && f.Tag == "" {
					// An embedded struct reads the same properties.
					if err := decodeValue(v, dst.Field(i), at); err != nil {
						return err
					}
					continue
				}
				name, ok := property(f)
				if !ok {
					continue
				}
				x, ok := m[name]
				if !ok {
					continue
				}
				if err := decodeValue(x, dst.Field(i), at+"/"+name); err != nil {
					return err
				}
			}
			return nil
		}
	}
	return fmt.Errorf("decode %s: cannot store %T in %s", cmpOr(at, "/"), v, dst.Type())
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// property is the name of the property a struct field reads: its json
// tag's, else its yaml tag's; ok is false for a field that reads none
// (unexported, untagged or "-"). Decode and DecodeShared both name
// fields by it.
func property(f reflect.StructField) (name string, ok bool) {
	tag, ok := f.Tag.Lookup("json")
	if !ok {
		tag = f.Tag.Get("yaml")
	}
	name, _, _ = strings.Cut(tag, ",")
	return name, f.IsExported() && name != "" && name != "-"
}
