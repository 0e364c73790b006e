package value

import (
	"encoding/json"
	"reflect"
	"testing"
	"unsafe"
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

// TestReadShared: ReadShared gives the value Read gives, its strings
// inside the bytes it read rather than copies, and refuses what Read
// refuses.
func TestReadShared(t *testing.T) {
	v := map[string]any{"id": "H-2020-0001", "姓名": "张三", "list": []any{"a", json.Number("2"), ""}}
	b, err := Append(nil, v)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadShared(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, any(v)) {
		t.Errorf("ReadShared:\n got %#v\nwant %#v", got, v)
	}
	inside := func(s string) bool {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		start := uintptr(unsafe.Pointer(&b[0]))
		return p >= start && p+uintptr(len(s)) <= start+uintptr(len(b))
	}
	for _, s := range []string{got.(map[string]any)["id"].(string), got.(map[string]any)["姓名"].(string), got.(map[string]any)["list"].([]any)[0].(string)} {
		if !inside(s) {
			t.Errorf("%q is a copy, not inside the bytes read", s)
		}
	}
	for i := range len(b) {
		if _, err := ReadShared(b[:i]); err == nil {
			t.Errorf("ReadShared of the first %d of %d bytes: no error", i, len(b))
		}
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
