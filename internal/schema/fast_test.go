package schema

import (
	"encoding/json"
	"io/fs"
	"os"
	"path"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/frontmatter"
	"github.com/yancheng-jyyw/roll/internal/value"
	"github.com/yancheng-jyyw/roll/internal/yamldoc"
)

// TestFastCompiles: every kind's schema has its fast form; without it, a
// cold check validates every record with the library alone.
func TestFastCompiles(t *testing.T) {
	s := set(t)
	for _, k := range Kinds() {
		if s.get(k).fast == nil {
			t.Errorf("%s: the schema has no fast form (a keyword compileFast does not know?)", k)
		}
	}
}

// TestFastUnknownKeyword: a schema with a keyword the fast form does not
// know has none, so that its records go to the library.
func TestFastUnknownKeyword(t *testing.T) {
	for _, doc := range []string{
		`{"type": "object", "if": {"required": ["a"]}, "then": {"required": ["b"]}}`,
		`{"properties": {"a": {"$ref": "#/$defs/x"}}, "$defs": {"x": {"type": "string"}}}`,
		`{"properties": {"a": {"format": "email"}}}`,
		`{"$schema": "http://json-schema.org/draft-07/schema#", "type": "object"}`,
		`{"items": [{"type": "string"}]}`,
		`{"minimum": "1"}`,
		`{"properties": {"a": {"minLength": 1.5}}}`,
	} {
		var v any
		d := json.NewDecoder(strings.NewReader(doc))
		d.UseNumber()
		if err := d.Decode(&v); err != nil {
			t.Fatal(err)
		}
		if f := compileFast(v, ownFormats()); f != nil {
			t.Errorf("compileFast(%s) has a fast form, want none", doc)
		}
	}
}

// TestFastAgrees holds the fast form to jsonschema/v6 on every record of
// the sample, the valid fixtures, and each of them changed at every place
// in every way of the palette: where the fast form says valid or invalid,
// the library says the same. It must say valid of every sample record,
// else the cold check gains nothing.
func TestFastAgrees(t *testing.T) {
	s := set(t)
	bases := corpus(t)
	var n, unsures int
	mutated := map[Kind]int{}
	for _, b := range bases {
		c := s.get(b.kind)
		if got := fastVerdict(t, c, b.v); got != valid {
			t.Errorf("%s: the fast form says %d of a valid record, want valid", b.name, got)
		}
		// Every place of the fixtures and of one sample record of each
		// kind; the other records as they are (the fuzzer goes further).
		if mutated[b.kind] >= 2 {
			continue
		}
		mutated[b.kind]++
		locs := locations(b.v)
		if testing.Short() && len(locs) > 12 {
			locs = locs[:12]
		}
		for _, at := range locs {
			for _, m := range mutations {
				v, ok := mutate(b.v, at, m)
				if !ok {
					continue
				}
				n++
				if agree(t, s, b.kind, v, b.name+" "+strings.Join(at, "/")+" "+m.name) == unsure {
					unsures++
				}
			}
		}
	}
	t.Logf("%d records, %d changed records, %d left to the library as unsure", len(bases), n, unsures)
}

// agree fails t when the fast form's verdict on v contradicts the
// library's, or when ValidatePacked of v's binary form does not give
// Validate's violations; it returns the verdict.
func agree(t testing.TB, s *Set, k Kind, v any, what string) verdict {
	t.Helper()
	c := s.get(k)
	got := fastVerdict(t, c, v)
	lib := c.schema.Validate(v) == nil
	switch {
	case got == valid && !lib:
		t.Errorf("%s: the fast form says valid, the library invalid: %s", what, show(v))
	case got == invalid && lib:
		t.Errorf("%s: the fast form says invalid, the library valid: %s", what, show(v))
	}
	b, _ := value.Append(nil, v)
	if packed, want := s.ValidatePacked(k, b), s.Validate(k, v); !reflect.DeepEqual(packed, want) {
		t.Errorf("%s: ValidatePacked gives %v, Validate %v: %s", what, packed, want, show(v))
	}
	return got
}

// fastVerdict is the fast form's verdict on v, read from v's binary form
// as the loader keeps it; it fails t when the form does not read the
// whole value, or when ValidatePacked and Validate disagree.
func fastVerdict(t testing.TB, c *compiled, v any) verdict {
	t.Helper()
	b, err := value.Append(nil, v)
	if err != nil {
		t.Fatal(err)
	}
	cur := value.NewCursor(b)
	got := c.fast.check(&cur)
	if got != invalid && !cur.Done() {
		t.Errorf("the fast form says %d of %s and leaves some of it unread", got, show(v))
	}
	if got == valid != c.fast.valid(b) {
		t.Errorf("the fast form says %d of %s, valid says %v", got, show(v), c.fast.valid(b))
	}
	return got
}

func show(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

type base struct {
	name string
	kind Kind
	v    any
}

// corpus is the valid fixtures and every record of the sample in
// records/, decoded as the loader decodes them.
func corpus(t testing.TB) []base {
	t.Helper()
	var out []base
	for _, k := range Kinds() {
		out = append(out, base{"fixture " + string(k), k, decode(t, validRecords[k])})
	}
	root := os.DirFS("../..")
	err := fs.WalkDir(root, "records", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		k := sampleKind(p)
		if k == "" {
			return nil
		}
		data, err := fs.ReadFile(root, p)
		if err != nil {
			return err
		}
		data = frontmatter.Normalize(data)
		offset := 0
		if k == Hero {
			fm, err := frontmatter.Split(data)
			if err != nil {
				return err
			}
			data, offset = fm.Meta, fm.MetaLines
		}
		doc, problems := yamldoc.Decode(p, data, offset)
		if len(problems) > 0 {
			t.Fatalf("%s: %v", p, problems)
		}
		out = append(out, base{p, k, doc.Value})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// sampleKind is the kind of a record of the sample by its path.
func sampleKind(p string) Kind {
	parts := strings.Split(p, "/")
	switch {
	case p == "records/site.yaml":
		return Site
	case p == "records/catalog/jurisdictions.yaml":
		return Jurisdictions
	case p == "records/catalog/honors.yaml":
		return Honors
	case len(parts) != 4:
		return ""
	case parts[1] == "heroes" && path.Ext(p) == ".md":
		return Hero
	case parts[1] == "tasks" && parts[3] == "plan.yaml":
		return Plan
	case parts[1] == "tasks":
		return Task
	case path.Ext(p) != ".yaml":
		return ""
	}
	switch parts[1] {
	case "visits":
		return Visit
	case "stations":
		return Station
	case "reports":
		return Report
	case "events":
		return Event
	case "teams":
		return Team
	case "decisions":
		return Decision
	case "nominations":
		return Nomination
	case "fund":
		return Fund
	}
	return ""
}

// locations lists the path of every value inside v, v's own (empty) first.
func locations(v any) [][]string {
	var out [][]string
	var walk func(v any, at []string)
	walk = func(v any, at []string) {
		out = append(out, at)
		switch x := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				walk(x[k], append(at[:len(at):len(at)], k))
			}
		case []any:
			for i, e := range x {
				walk(e, append(at[:len(at):len(at)], strconv.Itoa(i)))
			}
		}
	}
	walk(v, nil)
	return out
}

// A mutation changes the value at a place.
type mutation struct {
	name string
	// apply returns the new value for old; ok false to remove it.
	apply func(old any) (any, bool)
}

// palette are the values a mutation puts in place: near the edges of
// what the schemas accept (lengths, patterns, formats, bounds, numbers
// the library reads as integers, duplicates).
func palette() []any {
	n := func(s string) any { return json.Number(s) }
	return []any{
		nil, true, false, "", "a", "sheyang", "city", "public", "male", "zh-CN", "2020",
		strings.Repeat("长", 40), strings.Repeat("x", 2000), " lead", "trail ", "a\nb",
		"2020-03-14", "2019-02-29", "2020-02-29", "2020-3-14", "2020年3月14日",
		"320902199001011234", "32090219900101123X", "13800001234", "1380000123",
		"100.00", "0.001", "-5", "1,000", "https://github.com/x", "mailto:a@b.c", "https://example.org/",
		"H-2020-001", "T-2020-01", "h-2020-001", "N-2020-05",
		n("0"), n("-1"), n("1"), n("5"), n("10"), n("11"), n("90"), n("100"), n("1899"), n("1900"),
		n("2000"), n("2020"), n("2100"), n("2101"), n("1.0"), n("2020.0"), n("1.5"), n("1e3"), n("-0"),
		n("99999999999999999999"),
		map[string]any{}, map[string]any{"x": "y"}, []any{}, []any{"a"}, []any{"a", "a"},
		[]any{n("2020"), n("2020")}, []any{n("2020"), n("2020.0")}, []any{n("2020"), n("2021")},
		[]any{map[string]any{}},
	}
}

var mutations = func() []mutation {
	ms := []mutation{
		{"removed", func(any) (any, bool) { return nil, false }},
		{"a key added", func(old any) (any, bool) {
			m, ok := old.(map[string]any)
			if !ok {
				return old, true
			}
			m = clone(m).(map[string]any)
			m["extra_key"] = "x"
			return m, true
		}},
		{"an item repeated", func(old any) (any, bool) {
			a, ok := old.([]any)
			if !ok || len(a) == 0 {
				return old, true
			}
			return append(clone(a).([]any), clone(a[0])), true
		}},
		{"emptied", func(old any) (any, bool) {
			switch old.(type) {
			case map[string]any:
				return map[string]any{}, true
			case []any:
				return []any{}, true
			}
			return "", true
		}},
	}
	for _, p := range palette() {
		ms = append(ms, mutation{"set to " + show(p), func(any) (any, bool) { return clone(p), true }})
	}
	return ms
}()

// mutate returns a copy of v with m applied at the path at; ok is false
// when there is nothing to do (the root removed).
func mutate(v any, at []string, m mutation) (any, bool) {
	if len(at) == 0 {
		nv, ok := m.apply(clone(v))
		return nv, ok
	}
	root := clone(v)
	cur := root
	for i, k := range at {
		last := i == len(at)-1
		switch x := cur.(type) {
		case map[string]any:
			if !last {
				cur = x[k]
				continue
			}
			if nv, ok := m.apply(x[k]); ok {
				x[k] = nv
			} else {
				delete(x, k)
			}
		case []any:
			j, _ := strconv.Atoi(k)
			if !last {
				cur = x[j]
				continue
			}
			if nv, ok := m.apply(x[j]); ok {
				x[j] = nv
			} else {
				x[j] = nil // an array's item cannot go without moving the others
			}
		}
	}
	return root, true
}

// clone copies maps and arrays deeply.
func clone(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = clone(e)
		}
		return m
	case []any:
		a := make([]any, len(x))
		for i, e := range x {
			a[i] = clone(e)
		}
		return a
	}
	return v
}

// FuzzFast changes a valid record at places and in ways the fuzzer
// chooses, several times over, and holds the fast form's verdict to the
// library's (make fuzz).
func FuzzFast(f *testing.F) {
	s := set(f)
	bases := corpus(f)
	f.Add(uint16(0), []byte{})
	f.Add(uint16(20), []byte{3, 0, 7, 1, 9, 2})
	f.Add(uint16(7), []byte{0, 5, 0, 2, 1, 60})
	f.Fuzz(func(t *testing.T, which uint16, ops []byte) {
		b := bases[int(which)%len(bases)]
		v := b.v
		ops = ops[:min(len(ops), 30)] // ten changes at most
		for len(ops) >= 3 {
			locs := locations(v)
			at := locs[(int(ops[0])<<8|int(ops[1]))%len(locs)]
			m := mutations[int(ops[2])%len(mutations)]
			if nv, ok := mutate(v, at, m); ok {
				v = nv
			}
			ops = ops[3:]
		}
		agree(t, s, b.kind, v, b.name)
	})
}
