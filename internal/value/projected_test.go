package value

import (
	"encoding/json"
	"reflect"
	"testing"
)

// keep is a Filter for tests: the properties it names, each with its own
// filter (nil: keep none of a map below), and the filter of list items.
type keep struct {
	props map[string]*keep
	items *keep
}

func (k *keep) Property(key string) (Filter, bool) {
	if k == nil {
		return (*keep)(nil), false
	}
	p, ok := k.props[key]
	return p, ok
}

func (k *keep) Items() Filter {
	if k == nil {
		return (*keep)(nil)
	}
	return k.items
}

// viewFilter keeps of a view's value what a visibility level might: the
// id, the years, the deed's date but not its kind, the martyr, the tags
// and anything in them; not public, nor the properties without a field.
var viewFilter = &keep{props: map[string]*keep{
	"id": nil, "years": {}, "deed": {props: map[string]*keep{"date": nil, "Kind": nil}},
	"martyr": {props: map[string]*keep{"date": nil, "kind": nil}},
	"tags":   {props: map[string]*keep{"a": nil, "b": nil}},
}}

// TestDecodeProjectedIsDecodeOfProject: the one pass stores what Decode
// stores from the projection of the value, and fails where it fails.
func TestDecodeProjectedIsDecodeOfProject(t *testing.T) {
	for _, v := range []any{
		map[string]any{
			"id": "H-2020-0001", "years": []any{json.Number("2019")},
			"deed":   map[string]any{"date": "2020-03-14", "kind": "rescue", "Kind": "rescue"},
			"martyr": map[string]any{"date": "2020-04-01", "kind": []any{"dropped"}},
			"public": "not a bool, but projected out", "tags": map[string]any{"a": "b", "c": "d"},
		},
		map[string]any{"id": "x", "years": []any{"not a number"}},
		map[string]any{"martyr": nil, "tags": nil, "unknown": map[string]any{"x": true}},
		map[string]any{},
		[]any{"a list"},
	} {
		b, err := Append(nil, v)
		if err != nil {
			t.Fatal(err)
		}
		checkProjected(t, b, v)
	}
}

// FuzzDecodeProjected holds the one pass equal to Decode of Project on
// any binary value Read accepts.
func FuzzDecodeProjected(f *testing.F) {
	for _, v := range []any{
		map[string]any{"id": "a", "years": []any{json.Number("1")}, "deed": map[string]any{"date": "d", "kind": "k"}, "public": true},
		map[string]any{"martyr": map[string]any{"date": nil}, "tags": map[string]any{"a": "x"}},
	} {
		b, _ := Append(nil, v)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		v, err := Read(b)
		if err != nil {
			return
		}
		checkProjected(t, b, v)
	})
}

func checkProjected(t *testing.T, b []byte, v any) {
	t.Helper()
	var want, got view
	werr := Decode(Project(v, viewFilter), &want)
	gerr := DecodeProjected(b, viewFilter, &got, nil)
	if (werr == nil) != (gerr == nil) {
		t.Fatalf("%v: Decode(Project) gives error %v, DecodeProjected %v", v, werr, gerr)
	}
	if werr == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("%v: DecodeProjected = %+v, Decode(Project) = %+v", v, got, want)
	}
}
