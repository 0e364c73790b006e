package value

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

type inner struct {
	Date string `json:"date"`
	Kind string `json:"kind"`
}

type base struct {
	ID    string `yaml:"id"`
	Years []int  `yaml:"years"`
	Deed  inner  `yaml:"deed"`
}

type kind string

type view struct {
	base
	Deed   struct{ Kind kind } `json:"deed"`
	Martyr *inner              `json:"martyr"`
	Public bool                `json:"public"`
	Tags   map[string]string   `json:"tags"`
	Skip   string              `json:"-"`
}

func TestDecode(t *testing.T) {
	v := map[string]any{
		"id": "H-2020-0001", "years": []any{json.Number("2019"), json.Number("2020")},
		"deed":   map[string]any{"date": "2020-03-14", "kind": "rescue", "Kind": "rescue"},
		"martyr": map[string]any{"date": "2020-04-01"},
		"public": true, "tags": map[string]any{"a": "b"}, "-": "x", "unknown": "ignored",
	}
	var got view
	if err := Decode(v, &got); err != nil {
		t.Fatal(err)
	}
	if got.ID != "H-2020-0001" || len(got.Years) != 2 || got.Years[1] != 2020 || got.base.Deed.Date != "2020-03-14" {
		t.Errorf("embedded fields by yaml tag: %+v", got.base)
	}
	if got.Martyr == nil || got.Martyr.Date != "2020-04-01" || !got.Public || got.Tags["a"] != "b" || got.Skip != "" {
		t.Errorf("decoded %+v", got)
	}
	for _, bad := range []any{
		map[string]any{"years": []any{"2019"}},
		map[string]any{"years": []any{json.Number("2.5")}},
		map[string]any{"public": "yes"},
	} {
		if err := Decode(bad, &view{}); err == nil || !strings.Contains(err.Error(), "decode /") {
			t.Errorf("Decode(%v) = %v, want an error naming where", bad, err)
		}
	}
	if err := Decode(v, view{}); err == nil {
		t.Error("Decode into a non-pointer: no error")
	}
}

// TestDecodeSharedIsDecode: decoding the packed form stores what Decode
// stores from the value, embedded structs, a field named twice (deed in
// base and in view), pointers, maps, nulls and skipped properties
// included; values that do not fit fail both ways.
func TestDecodeSharedIsDecode(t *testing.T) {
	var fields Fields
	for _, v := range []any{
		map[string]any{
			"id": "H-2020-0001", "years": []any{json.Number("2019"), json.Number("2020")},
			"deed":   map[string]any{"date": "2020-03-14", "kind": "rescue", "Kind": "rescue"},
			"martyr": map[string]any{"date": "2020-04-01"},
			"public": true, "tags": map[string]any{"a": "b"}, "-": "x", "unknown": []any{"ignored"},
		},
		map[string]any{"id": "H-2020-0002", "martyr": nil, "years": []any{}, "tags": nil},
		map[string]any{},
	} {
		b, err := Append(nil, v)
		if err != nil {
			t.Fatal(err)
		}
		var want, got view
		if err := Decode(v, &want); err != nil {
			t.Fatal(err)
		}
		if err := DecodeShared(b, &got, &fields); err != nil {
			t.Fatalf("DecodeShared(%v): %v", v, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("DecodeShared(%v) = %+v, Decode gives %+v", v, got, want)
		}
	}
	for _, bad := range []any{
		map[string]any{"years": []any{"2019"}},
		map[string]any{"years": []any{json.Number("2.5")}},
		map[string]any{"public": "yes"},
		[]any{"a list"},
	} {
		b, _ := Append(nil, bad)
		if err := DecodeShared(b, &view{}, nil); err == nil {
			t.Errorf("DecodeShared(%v): no error", bad)
		}
	}
	b, _ := Append(nil, map[string]any{"id": "x"})
	for _, cut := range [][]byte{b[:len(b)-1], append(b, 0)} {
		if err := DecodeShared(cut, &view{}, nil); err == nil {
			t.Errorf("DecodeShared(%q): no error", cut)
		}
	}
}
