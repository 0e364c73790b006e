package value

import (
	"encoding/json"
	"reflect"
	"slices"
	"testing"
)

// TestParts: a value written a part at a time (AppendScalar, AppendHead,
// AppendKey) has the bytes Append gives it, and read a part at a time
// (Next, NextKey, Skip) gives the value back; a cut form is refused by
// each reader, never a panic.
func TestParts(t *testing.T) {
	v := map[string]any{
		"id":     "H-2020-0001",
		"year":   json.Number("2020"),
		"public": map[string]any{"consent": true, "anonymize": false},
		"honors": []any{map[string]any{"honor": "city", "year": json.Number("2021")}, nil},
		"empty":  []any{},
		"none":   nil,
		"姓名":     "张三",
		"":       "",
	}
	want, err := Append(nil, v)
	if err != nil {
		t.Fatal(err)
	}
	if got := appendParts(nil, v); string(got) != string(want) {
		t.Errorf("written by parts: %q, Append gives %q", got, want)
	}
	got, rest, ok := readParts(want)
	if !ok || len(rest) != 0 || !reflect.DeepEqual(got, any(v)) {
		t.Errorf("read by parts: %#v (ok %v, %d bytes left), want %#v", got, ok, len(rest), v)
	}
	if rest, ok := Skip(want); !ok || len(rest) != 0 {
		t.Errorf("Skip of the whole form: ok %v, %d bytes left", ok, len(rest))
	}
	for i := range len(want) {
		if _, rest, ok := readParts(want[:i]); ok && len(rest) == 0 {
			t.Errorf("read by parts, the first %d of %d bytes: no error", i, len(want))
		}
		if rest, ok := Skip(want[:i]); ok && len(rest) == 0 {
			t.Errorf("Skip of the first %d of %d bytes: no error", i, len(want))
		}
	}
	if _, _, _, _, ok := Next([]byte{'x'}); ok {
		t.Error("Next of an unknown tag: no error")
	}
}

// appendParts writes v as a writer of another format would.
func appendParts(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return AppendScalar(b, Nil, "")
	case bool:
		if v {
			return AppendScalar(b, True, "")
		}
		return AppendScalar(b, False, "")
	case string:
		return AppendScalar(b, String, v)
	case json.Number:
		return AppendScalar(b, Number, string(v))
	case []any:
		b = AppendHead(b, List, len(v))
		for _, x := range v {
			b = appendParts(b, x)
		}
		return b
	case map[string]any:
		b = AppendHead(b, Map, len(v))
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			b = appendParts(AppendKey(b, k), v[k])
		}
		return b
	}
	panic("not a JSON-like value")
}

// readParts reads the value b starts with by Next and NextKey.
func readParts(b []byte) (any, []byte, bool) {
	k, text, n, rest, ok := Next(b)
	if !ok {
		return nil, nil, false
	}
	switch k {
	case Nil:
		return nil, rest, true
	case False, True:
		return k == True, rest, true
	case String:
		return text, rest, true
	case Number:
		return json.Number(text), rest, true
	case List:
		a := make([]any, n)
		for i := range a {
			if a[i], rest, ok = readParts(rest); !ok {
				return nil, nil, false
			}
		}
		return a, rest, true
	}
	m := make(map[string]any, n)
	for range n {
		var key string
		if key, rest, ok = NextKey(rest); !ok {
			return nil, nil, false
		}
		if m[key], rest, ok = readParts(rest); !ok {
			return nil, nil, false
		}
	}
	return m, rest, true
}
