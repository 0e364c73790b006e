package value

import (
	"encoding/json"
	"reflect"
	"slices"
	"testing"
)

// TestParts: a value written a part at a time (AppendScalar, AppendHead,
// AppendKey) has the bytes Append gives it, and a Cursor reads it back.
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
	c := NewCursor(want)
	if got, ok := readParts(&c); !ok || !c.Done() || !reflect.DeepEqual(got, any(v)) {
		t.Errorf("read by a Cursor: %#v (ok %v, done %v), want %#v", got, ok, c.Done(), v)
	}
}

// appendParts writes v as a writer of another format would.
func appendParts(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return AppendScalar(b, Null, "")
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

// readParts reads the value at c.
func readParts(c *Cursor) (any, bool) {
	k, text, n, ok := c.Next()
	if !ok {
		return nil, false
	}
	switch k {
	case Null:
		return nil, true
	case False, True:
		return k == True, true
	case String:
		return text, true
	case Number:
		return json.Number(text), true
	case List:
		a := make([]any, n)
		for i := range a {
			if a[i], ok = readParts(c); !ok {
				return nil, false
			}
		}
		return a, true
	}
	m := make(map[string]any, n)
	for range n {
		key, ok := c.Key()
		if !ok {
			return nil, false
		}
		if m[key], ok = readParts(c); !ok {
			return nil, false
		}
	}
	return m, true
}
