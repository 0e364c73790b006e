package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/value"
)

// leafCalls lists what Leaves calls back with for v.
func leafCalls(s *Set, k Kind, v any) []string {
	var out []string
	s.Leaves(k, v, func(path []string, vis string, x any) {
		if t, ok := x.(string); ok {
			out = append(out, fmt.Sprintf("%q %s text %q", path, vis, t))
			return
		}
		out = append(out, fmt.Sprintf("%q %s other", path, vis))
	})
	return out
}

// packedCalls lists what PackedLeaves calls back with for b, and what it
// returned.
func packedCalls(s *Set, k Kind, b []byte) ([]string, bool) {
	var out []string
	ok := s.PackedLeaves(k, b, func(path []string, vis, text string, isText bool) {
		if isText {
			out = append(out, fmt.Sprintf("%q %s text %q", path, vis, text))
			return
		}
		if text != "" {
			out = append(out, fmt.Sprintf("%q %s other with text %q", path, vis, text))
			return
		}
		out = append(out, fmt.Sprintf("%q %s other", path, vis))
	})
	return out, ok
}

// TestPackedLeavesIsLeaves: on every sample record and fixture, read as
// each kind (so that one value meets public, internal and private
// schemas), and on values made at random of the kinds' own keys,
// PackedLeaves of the binary form calls back as Leaves of the value does.
func TestPackedLeavesIsLeaves(t *testing.T) {
	s := set(t)
	var values []any
	for _, b := range corpus(t) {
		values = append(values, b.v)
	}
	var names []string
	for _, k := range Kinds() {
		for name := range s.Keys(k) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	names = slices.Compact(names)
	r := rand.New(rand.NewPCG(13, 10))
	for range 2000 {
		values = append(values, randomValue(r, names, 0))
	}
	checked := 0
	for i, v := range values {
		b, err := value.Append(nil, v)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range Kinds() {
			want := leafCalls(s, k, v)
			got, ok := packedCalls(s, k, b)
			if !ok {
				t.Fatalf("value %d as %s: the binary form not read", i, k)
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Fatalf("value %d as %s:\nPackedLeaves\n%s\nLeaves\n%s", i, k, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			checked += len(want)
		}
	}
	if checked < 10000 {
		t.Errorf("only %d leaves compared", checked)
	}
}

// randomValue makes a JSON-like value whose keys are mostly the schemas'.
func randomValue(r *rand.Rand, names []string, depth int) any {
	n := r.IntN(10)
	if depth == 0 {
		n = 8 // a record is a map
	}
	if depth > 4 {
		n = r.IntN(5)
	}
	switch n {
	case 0:
		return nil
	case 1:
		return r.IntN(2) == 0
	case 2:
		return json.Number(fmt.Sprint(r.IntN(1000)))
	case 3, 4:
		return []string{"", "王伟", "13800001234", "示例路1号", "x"}[r.IntN(5)]
	case 5, 6:
		l := make([]any, r.IntN(4))
		for i := range l {
			l[i] = randomValue(r, names, depth+1)
		}
		return l
	}
	m := map[string]any{}
	for range r.IntN(6) {
		key := names[r.IntN(len(names))]
		if r.IntN(8) == 0 {
			key = []string{"", "0", "zz", "名字", "a.b"}[r.IntN(5)]
		}
		m[key] = randomValue(r, names, depth+1)
	}
	return m
}

// TestPackedLeavesRefuses: a form that is not Append's whole (cut, run
// on, keys out of order or twice, an unknown tag, too deep) is refused
// before any call, so that the caller walks the value instead.
func TestPackedLeavesRefuses(t *testing.T) {
	s := set(t)
	good, err := value.Append(nil, map[string]any{"a": "x", "b": []any{"y", json.Number("1")}, "name": "王伟"})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := packedCalls(s, Hero, good); !ok {
		t.Fatal("a good form refused")
	}
	deep := []byte{}
	for range 120 {
		deep = append(deep, 'l', 1)
	}
	deep = append(deep, 'z')
	for name, b := range map[string][]byte{
		"cut":           good[:len(good)-1],
		"run on":        append(slices.Clip(good), 'z'),
		"out of order":  []byte("m\x02\x01bs\x01x\x01as\x01y"),
		"a key twice":   []byte("m\x02\x01as\x01x\x01as\x01y"),
		"unknown tag":   []byte("m\x01\x01aq"),
		"too deep":      deep,
		"empty":         nil,
		"a count large": []byte("l\x7fz"),
	} {
		calls, ok := packedCalls(s, Hero, b)
		if ok || len(calls) > 0 {
			t.Errorf("%s: read (%v) with %d calls", name, ok, len(calls))
		}
	}
}

// FuzzPackedLeaves: whatever the bytes, PackedLeaves reads them only when
// value.Read does, and then calls back as Leaves of what Read gives; a
// form that Append writes again the same is always read.
func FuzzPackedLeaves(f *testing.F) {
	s := set(f)
	for _, b := range corpus(f)[:20] {
		p, err := value.Append(nil, b.v)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(p, uint8(0))
	}
	f.Add([]byte("m\x02\x01bs\x01x\x01as\x01y"), uint8(1))
	kinds := Kinds()
	f.Fuzz(func(t *testing.T, b []byte, kind uint8) {
		k := kinds[int(kind)%len(kinds)]
		got, ok := packedCalls(s, k, b)
		v, err := value.Read(b)
		canonical := false
		if err == nil {
			again, err := value.Append(nil, v)
			canonical = err == nil && bytes.Equal(again, b)
		}
		switch {
		case !ok && len(got) > 0:
			t.Fatalf("refused after %d calls", len(got))
		case ok && err != nil:
			t.Fatalf("read a form value.Read refuses: %v", err)
		case !ok && canonical:
			t.Fatal("refused a form Append writes")
		case ok:
			want := leafCalls(s, k, v)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Fatalf("PackedLeaves\n%s\nLeaves\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		}
	})
}
