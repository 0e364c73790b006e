package value

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

// money decodes itself, as model.Money does.
type money int64

func (m *money) DecodeValue(v any) error {
	s, ok := v.(string)
	if !ok {
		return errors.New("money: not a string")
	}
	*m = money(len(s))
	return nil
}

// node holds itself: the codec leaves it to reflection where it recurs.
type node struct {
	Name string  `json:"name"`
	Kids []node  `json:"kids"`
	Next *node   `json:"next"`
	Rank float64 `json:"rank"`
}

// wide has a field of every kind the codec compiles and of those it
// leaves to reflection.
type wide struct {
	view
	I8     int8              `json:"i8"`
	I16    int16             `json:"i16"`
	I32    int32             `json:"i32"`
	I64    int64             `json:"i64"`
	F32    float32           `json:"f32"`
	Amount money             `json:"amount"`
	Any    any               `json:"any"`
	Ptrs   []*inner          `json:"ptrs"`
	Node   *node             `json:"node"`
	Date   kind              `json:"date"`
	Nested [][]string        `json:"nested"`
	Counts map[string]int    `json:"counts"`
	Flag   *bool             `json:"flag"`
	Uint   uint              `json:"uint"`
	Notes  map[string]*inner `json:"notes"`
}

var codecSamples = []any{
	map[string]any{
		"id": "H-2020-0001", "years": []any{json.Number("2019"), json.Number("2020")},
		"deed":   map[string]any{"date": "2020-03-14", "kind": "rescue", "Kind": "rescue"},
		"martyr": map[string]any{"date": "2020-04-01"},
		"public": true, "tags": map[string]any{"a": "b"}, "-": "x", "unknown": []any{"ignored", map[string]any{"x": nil}},
		"i8": json.Number("-128"), "i16": json.Number("300"), "i32": json.Number("70000"), "i64": json.Number("-9000000000"),
		"f32": json.Number("1.5"), "amount": "12.00", "any": []any{"x", json.Number("2")},
		"ptrs": []any{map[string]any{"date": "d"}, nil}, "node": map[string]any{"name": "a", "kids": []any{map[string]any{"name": "b"}}, "next": map[string]any{"rank": json.Number("2e3")}},
		"date": "2020-01-01", "nested": []any{[]any{"a"}, []any{}, nil}, "counts": map[string]any{"a": json.Number("1")},
		"flag": false, "uint": nil, "notes": map[string]any{"n": map[string]any{"kind": "k"}},
	},
	map[string]any{"id": nil, "martyr": nil, "years": nil, "tags": nil, "deed": nil, "node": nil, "i8": nil, "f32": nil, "public": nil, "flag": nil},
	map[string]any{"i8": json.Number("128")},
	map[string]any{"i16": json.Number("1.5")},
	map[string]any{"f32": "x"},
	map[string]any{"amount": json.Number("1")},
	map[string]any{"uint": json.Number("1")},
	map[string]any{"years": []any{"2019"}},
	map[string]any{"deed": []any{}},
	[]any{"a list"},
	"text",
	nil,
	map[string]any{},
}

// TestCodecIsDecodeShared: a codec stores what DecodeShared stores, and
// fails where it fails, on values that fit, values that do not, and cut
// or overlong forms.
func TestCodecIsDecodeShared(t *testing.T) {
	c := NewCodec[wide]()
	for _, v := range codecSamples {
		b, err := Append(nil, v)
		if err != nil {
			t.Fatal(err)
		}
		checkCodec(t, c, b)
		for i := range len(b) {
			checkCodec(t, c, b[:i])
		}
		checkCodec(t, c, append(b, 'z'))
	}
	// The keys out of order and a key twice: still DecodeShared's result.
	b := []byte{tagMap, 3, 6, 'p', 'u', 'b', 'l', 'i', 'c', tagTrue, 2, 'i', 'd', tagString, 1, 'x', 2, 'i', 'd', tagString, 1, 'y'}
	checkCodec(t, c, b)
	var got wide
	if err := c.Decode(b, &got); err != nil || got.ID != "y" || !got.Public {
		t.Errorf("keys out of order: %v, %+v", err, got.view)
	}
}

func checkCodec(t *testing.T, c *Codec[wide], b []byte) {
	t.Helper()
	var want, got wide
	werr := DecodeShared(b, &want, nil)
	gerr := c.Decode(b, &got)
	if (werr == nil) != (gerr == nil) {
		t.Fatalf("%q: DecodeShared gives error %v, the codec %v", b, werr, gerr)
	}
	if werr == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("%q: the codec stores %+v, DecodeShared %+v", b, got, want)
	}
}

// FuzzCodec holds a codec equal to DecodeShared on any bytes: the same
// value where DecodeShared succeeds, a failure where it fails, never a
// panic.
func FuzzCodec(f *testing.F) {
	for _, v := range codecSamples {
		b, _ := Append(nil, v)
		f.Add(b)
	}
	c := NewCodec[wide]()
	f.Fuzz(func(t *testing.T, b []byte) {
		checkCodec(t, c, b)
	})
}

func BenchmarkCodec(b *testing.B) {
	v := codecSamples[0]
	buf, _ := Append(nil, v)
	b.Run("DecodeShared", func(b *testing.B) {
		var fields Fields
		b.ReportAllocs()
		for b.Loop() {
			var w wide
			if err := DecodeShared(buf, &w, &fields); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Codec", func(b *testing.B) {
		c := NewCodec[wide]()
		b.ReportAllocs()
		for b.Loop() {
			var w wide
			if err := c.Decode(buf, &w); err != nil {
				b.Fatal(err)
			}
		}
	})
}
