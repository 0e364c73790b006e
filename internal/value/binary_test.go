package value

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestBinaryRoundTrip(t *testing.T) {
	v := map[string]any{
		"id":       "H-2020-0001",
		"year":     json.Number("2020"),
		"amount":   "20000.00",
		"date":     "2020-03-14",
		"public":   map[string]any{"consent": true, "anonymize": false},
		"honors":   []any{map[string]any{"honor": "city", "year": json.Number("2021")}},
		"empty":    []any{},
		"none":     nil,
		"nothing":  map[string]any{},
		"姓名":       "张三",
		"fraction": json.Number("1.5"),
	}
	b, err := Append(nil, v)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Read(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, any(v)) {
		t.Errorf("round trip:\n got %#v\nwant %#v", got, v)
	}
	again, _ := Append(nil, got)
	if string(again) != string(b) {
		t.Error("the binary form of the same value differs")
	}
	// Every cut of the form, and bytes past it, are errors, not panics.
	for i := range len(b) {
		if _, err := Read(b[:i]); err == nil {
			t.Errorf("Read of the first %d of %d bytes: no error", i, len(b))
		}
	}
	if _, err := Read(append(b, 0)); err == nil {
		t.Error("Read with a byte past the value: no error")
	}
	if _, err := Append(nil, 3.5); err == nil {
		t.Error("Append of a float64: no error")
	}
}

func FuzzRead(f *testing.F) {
	b, _ := Append(nil, map[string]any{"a": []any{"b", json.Number("1"), true, nil}})
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		v, err := Read(b)
		if err != nil {
			return
		}
		again, err := Append(nil, v)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Read(again); err != nil {
			t.Fatal(err)
		}
	})
}
