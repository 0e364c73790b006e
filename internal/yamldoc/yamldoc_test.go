package yamldoc

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/l10n"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

var en = message.NewPrinter(language.English)

func render(l finding.List) []string {
	var out []string
	for _, f := range l {
		out = append(out, f.String())
	}
	return out
}

func TestDecodeValues(t *testing.T) {
	tests := []struct {
		in   string
		want any
	}{
		{"a: 2020-03-14", map[string]any{"a": "2020-03-14"}},
		{"a: 12345678901234567890", map[string]any{"a": json.Number("12345678901234567890")}},
		{"a: 0x1F", map[string]any{"a": json.Number("31")}},
		{"a: 1_000", map[string]any{"a": json.Number("1000")}},
		{"a: 1.50", map[string]any{"a": json.Number("1.50")}},
		{"a: yes", map[string]any{"a": "yes"}},
		{"a: true", map[string]any{"a": true}},
		{"a: ~", map[string]any{"a": nil}},
		{"a: \"320924198503140012\"", map[string]any{"a": "320924198503140012"}},
		{"- {id: x, n: 1}\n- y", []any{map[string]any{"id": "x", "n": json.Number("1")}, "y"}},
		{"a: &x [1]\nb: *x", map[string]any{"a": []any{json.Number("1")}, "b": []any{json.Number("1")}}},
		{"1: one", map[string]any{"1": "one"}},
		{"# only a comment\n", nil},
		{"", nil},
	}
	for _, tt := range tests {
		d, problems := Decode("f.yaml", []byte(tt.in), 0)
		if len(problems) > 0 {
			t.Errorf("Decode(%q) problems: %v", tt.in, render(problems))
			continue
		}
		if !reflect.DeepEqual(d.Value, tt.want) {
			t.Errorf("Decode(%q) = %#v, want %#v", tt.in, d.Value, tt.want)
		}
	}
}

func TestDecodeProblems(t *testing.T) {
	laughs := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for c := 'b'; c <= 'j'; c++ {
		p := string(c - 1)
		laughs += string(c) + ": &" + string(c) + " [*" + p + ", *" + p + ", *" + p + ", *" + p + ", *" + p + ", *" + p + ", *" + p + ", *" + p + ", *" + p + ", *" + p + "]\n"
	}
	tests := []struct {
		name   string
		in     string
		offset int
		want   string
	}{
		{"duplicate key", "id: a\nname: b\nid: c\n", 0, "f.yaml:3:1: duplicate key \"id\" (first at line 1) (yaml)"},
		{"duplicate nested with offset", "deed:\n  date: 2020-01-01\n  date: 2020-01-02\n", 1, "f.yaml:4:3: duplicate key \"date\" (first at line 3) (yaml)"},
		{"tab indentation", "deed:\n\tdate: 2020-01-01\n", 0, "f.yaml:2:1: a tab is used for indentation; YAML indents with spaces only (yaml)"},
		{"invalid utf-8", "name: 张\xff三\n", 0, "f.yaml:1:8: the file is not valid UTF-8 text; save it as UTF-8 (yaml)"},
		{"syntax", "a: b: c\n", 1, "f.yaml:2:1: YAML syntax error: a colon is not allowed here (put text that contains \": \" in quotes) (yaml)"},
		{"unknown alias", "a: *nope\n", 0, "f.yaml:1:1: YAML syntax error: the alias *nope refers to no anchor (yaml)"},
		{"merge key", "a: &x {b: 1}\nc:\n  <<: *x\n", 0, "f.yaml:3:3: merge keys (<<) are not supported; write the keys out (yaml)"},
		{"billion laughs", laughs, 0, "f.yaml:4:36: aliases expand to more than 10000 values"},
		{"infinite", "a: .inf\n", 0, "f.yaml:1:4: \".inf\" is not a finite number (yaml)"},
		{"custom tag", "a: !secret x\n", 0, "f.yaml:1:4: the tag !secret is not supported (yaml)"},
		{"complex key", "? [a, b]\n: c\n", 0, "f.yaml:1:3: a key must be plain text (yaml)"},
	}
	for _, tt := range tests {
		_, problems := Decode("f.yaml", []byte(tt.in), tt.offset)
		got := render(problems)
		if len(got) != 1 || !strings.Contains(got[0], tt.want) {
			t.Errorf("%s: Decode(%q) = %q, want one finding containing %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestPositions(t *testing.T) {
	src := "id: H-2020-0001\ndeed:\n  date: 2020-03-14\n  place: 射阳县\nhonors:\n  - honor: city-model\n    year: 2020\nflow: {a: 1}\n"
	d, problems := Decode("f.yaml", []byte(src), 1)
	if len(problems) > 0 {
		t.Fatal(render(problems))
	}
	tests := []struct {
		path []string
		key  bool
		want finding.Pos
	}{
		{[]string{"id"}, false, finding.Pos{Line: 2, Col: 5}},
		{[]string{"deed", "place"}, false, finding.Pos{Line: 5, Col: 10}},
		{[]string{"deed", "place"}, true, finding.Pos{Line: 5, Col: 3}},
		{[]string{"deed"}, false, finding.Pos{Line: 4, Col: 3}},
		{[]string{"deed", "missing"}, false, finding.Pos{Line: 4, Col: 3}},
		{[]string{"honors", "0", "year"}, false, finding.Pos{Line: 8, Col: 11}},
		{[]string{"honors", "7"}, false, finding.Pos{Line: 7, Col: 5}},
		{[]string{"flow", "a"}, true, finding.Pos{Line: 9, Col: 8}},
		{nil, false, finding.Pos{Line: 2, Col: 1}},
	}
	for _, tt := range tests {
		var got finding.Pos
		if tt.key {
			got = d.KeyAt(tt.path...)
		} else {
			got = d.At(tt.path...)
		}
		if got != tt.want {
			t.Errorf("At(%q, key=%v) = %v, want %v", tt.path, tt.key, got, tt.want)
		}
	}
}

func TestUnknownProblemStaysOutOfChinese(t *testing.T) {
	m := unknownProblem("some new yaml.v3 wording")
	if got := m.Localize(en); got != "some new yaml.v3 wording" {
		t.Errorf("English = %q", got)
	}
}

func FuzzYAML(f *testing.F) {
	for _, s := range []string{"id: a\n", "a: &a [1]\nb: *a\n", "- x\n- {a: b}\n", "a: b: c", "\t- x", "a: !!binary aGk=\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, problems := Decode("f.yaml", data, 0)
		if len(problems) == 0 && d == nil {
			t.Fatal("nil doc without problems")
		}
		if d != nil {
			d.At("a", "0", "b")
			d.KeyAt("a")
		}
	})
}

func BenchmarkBillionLaughs(b *testing.B) {
	laughs := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for c := 'b'; c <= 'j'; c++ {
		p := "*" + string(c-1)
		laughs += string(c) + ": &" + string(c) + " [" + strings.Repeat(p+", ", 9) + p + "]\n"
	}
	for b.Loop() {
		if _, problems := Decode("f.yaml", []byte(laughs), 0); len(problems) == 0 {
			b.Fatal("no finding")
		}
	}
}

func TestProblemsAreTranslated(t *testing.T) {
	for _, p := range problems {
		if !l10n.Has(p.key) {
			t.Errorf("the YAML problem %q has no Chinese form in package l10n", p.key)
		}
	}
}
