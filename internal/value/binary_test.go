package value

import (
	"encoding/json"
	"fmt"
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

// TestWithout: the form without an entry is the form of the value with
// that entry deleted, at the top or inside; a path that is not there
// leaves the form as it is; a form that is not one is refused.
func TestWithout(t *testing.T) {
	v := func() map[string]any {
		return map[string]any{
			"id":     "H-2020-0001",
			"deed":   map[string]any{"date": "2020-03-14", "summary": "救起落水儿童", "place": "示例路"},
			"honors": []any{map[string]any{"summary": "x"}},
			"name":   "张三",
		}
	}
	form := func(v any) []byte {
		b, err := Append(nil, v)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	tests := []struct {
		path []string
		want func(map[string]any)
	}{
		{[]string{"deed", "summary"}, func(m map[string]any) { delete(m["deed"].(map[string]any), "summary") }},
		{[]string{"deed"}, func(m map[string]any) { delete(m, "deed") }},
		{[]string{"name"}, func(m map[string]any) { delete(m, "name") }},
		{[]string{"deed", "none"}, func(map[string]any) {}},
		{[]string{"honors", "summary"}, func(map[string]any) {}}, // a list, not a map
		{[]string{"id", "x"}, func(map[string]any) {}},
		{nil, func(map[string]any) {}},
	}
	for _, tt := range tests {
		want := v()
		tt.want(want)
		got, ok := Without(form(v()), tt.path...)
		if !ok || string(got) != string(form(want)) {
			t.Errorf("Without(%q) = %v, %v; want the form of %v", tt.path, got, ok, want)
		}
	}
	// Values that differ elsewhere still differ without the entry.
	other := v()
	other["deed"].(map[string]any)["date"] = "2020-03-15"
	a, _ := Without(form(v()), "deed", "summary")
	b, _ := Without(form(other), "deed", "summary")
	if string(a) == string(b) {
		t.Error("two values that differ in deed.date have one form without deed.summary")
	}
	whole := form(v())
	for i := range len(whole) {
		if _, ok := Without(whole[:i], "deed", "summary"); ok {
			t.Errorf("Without of the first %d of %d bytes: no error", i, len(whole))
		}
	}
}

// FuzzWithout: Without never panics; what it accepts is a form that
// reads, and for a form Append makes, the form of the value with the
// entry deleted.
func FuzzWithout(f *testing.F) {
	b, _ := Append(nil, map[string]any{"a": map[string]any{"b": "c", "d": []any{true}}, "e": nil})
	f.Add(b, "a", "b")
	f.Add(b, "e", "")
	f.Fuzz(func(t *testing.T, b []byte, k1, k2 string) {
		got, ok := Without(b, k1, k2)
		v, err := Read(b)
		if ok != (err == nil) {
			t.Fatalf("Without accepts %v, Read's error is %v", ok, err)
		}
		if !ok {
			return
		}
		if _, err := Read(got); err != nil {
			t.Fatalf("Without made a form that does not read: %v", err)
		}
		if canon, _ := Append(nil, v); string(canon) != string(b) {
			return // keys out of order or twice: not a form Append makes
		}
		if m, ok := v.(map[string]any); ok {
			if inner, ok := m[k1].(map[string]any); ok {
				delete(inner, k2)
			}
		}
		if want, _ := Append(nil, v); string(got) != string(want) {
			t.Fatalf("Without(%q, %q) = %v, want %v", k1, k2, got, want)
		}
	})
}

// FuzzWithoutAll holds the one walk of AppendWithoutAll to AppendWithout
// one path after the other, and its checking of b to Read.
func FuzzWithoutAll(f *testing.F) {
	b, _ := Append(nil, map[string]any{
		"deed": map[string]any{"summary": "s", "place": "p", "date": "2020-01-02"},
		"name": "n", "e": nil,
	})
	f.Add(b, "deed", "summary", "deed", "place", false)
	f.Add(b, "deed", "summary", "deed", "", true)
	f.Add(b, "e", "", "name", "x", true)
	f.Fuzz(func(t *testing.T, b []byte, k1, k2, k3, k4 string, short bool) {
		p1, p2 := []string{k1, k2}, []string{k3, k4}
		if short {
			p2 = p2[:1]
		}
		got, ok := AppendWithoutAll([]byte("x"), b, p1, p2)
		_, err := Read(b)
		if ok != (err == nil) {
			t.Fatalf("AppendWithoutAll accepts %v, Read's error is %v", ok, err)
		}
		if !ok {
			if string(got) != "x" {
				t.Fatalf("AppendWithoutAll changed dst on a bad form: %q", got)
			}
			return
		}
		got = got[1:]
		if _, err := Read(got); err != nil {
			t.Fatalf("AppendWithoutAll made a form that does not read: %v", err)
		}
		once, _ := AppendWithout(nil, b, p1...)
		want, _ := AppendWithout(nil, once, p2...)
		v, _ := Read(b)
		if canon, _ := Append(nil, v); string(canon) != string(b) {
			return // keys out of order or twice: not a form Append makes
		}
		if string(got) != string(want) {
			t.Fatalf("AppendWithoutAll(%q, %q) = %v, one after the other %v", p1, p2, got, want)
		}
	})
}

func TestWithoutAllCount(t *testing.T) {
	// 128 entries take two bytes to count, 126 one: the count shrinks.
	m := map[string]any{}
	for i := range 128 {
		m[fmt.Sprint(i)] = i%2 == 0
	}
	b, _ := Append(nil, m)
	got, ok := AppendWithoutAll(nil, b, []string{"7"}, []string{"100"}, []string{"none"})
	delete(m, "7")
	delete(m, "100")
	want, _ := Append(nil, m)
	if !ok || string(got) != string(want) {
		t.Fatalf("AppendWithoutAll = %v %v, want %v", ok, got, want)
	}
}

// BenchmarkWithout takes a hero's deed summary and place out of a value
// shaped like a hero's front matter: two walks of AppendWithout after
// the other against one of AppendWithoutAll.
func BenchmarkWithout(b *testing.B) {
	deed := map[string]any{"summary": "追赶抢劫嫌疑人，协助民警将其抓获", "place": "示例路 12 号", "date": "2019-05-02"}
	hero := map[string]any{"deed": deed, "name": "张三", "status": "confirmed", "id": "H-2019-1189"}
	for i := range 30 {
		hero[fmt.Sprint("field", i)] = []any{"示例", json.Number("12"), map[string]any{"a": true, "b": "文字"}}
	}
	v, _ := Append(nil, hero)
	paths := [][]string{{"deed", "summary"}, {"deed", "place"}}
	var bufs [2][]byte
	b.Run("twice", func(b *testing.B) {
		for b.Loop() {
			in := v
			for i, p := range paths {
				bufs[i%2], _ = AppendWithout(bufs[i%2][:0], in, p...)
				in = bufs[i%2]
			}
		}
	})
	b.Run("once", func(b *testing.B) {
		for b.Loop() {
			bufs[0], _ = AppendWithoutAll(bufs[0][:0], v, paths...)
		}
	})
}
