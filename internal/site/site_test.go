package site

import (
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"
)

func TestParsePagesBlocksDoNotClash(t *testing.T) {
	fsys := fstest.MapFS{
		"base.html": {Data: []byte(`<title>{{block "title" .}}站{{end}}</title><main>{{block "main" .}}{{end}}</main>`)},
		"a.html":    {Data: []byte(`{{define "title"}}甲{{end}}{{define "main"}}<p>{{.}}</p>{{end}}`)},
		"b.html":    {Data: []byte(`{{define "main"}}<b>{{.}}</b>{{end}}`)},
	}
	p, err := ParseTemplates(fsys, nil, []string{"base.html"}, "a.html", "b.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ page, data, want string }{
		{"a.html", "<x>", `<title>甲</title><main><p>&lt;x&gt;</p></main>`},
		{"b.html", "2020-03-14", `<title>站</title><main><b>2020-03-14</b></main>`},
	} {
		var sb strings.Builder
		if err := p.Render(&sb, tc.page, tc.data); err != nil {
			t.Fatal(err)
		}
		if sb.String() != tc.want {
			t.Errorf("Render(%q, %q) = %q, want %q", tc.page, tc.data, sb.String(), tc.want)
		}
	}
	if err := p.Render(&strings.Builder{}, "c.html", nil); err == nil {
		t.Error("Render of a missing page: no error")
	}
}

func TestParsePagesErrorNamesFile(t *testing.T) {
	fsys := fstest.MapFS{
		"base.html": {Data: []byte(`{{block "main" .}}{{end}}`)},
		"bad.html":  {Data: []byte(`{{define "main"}}{{if}}{{end}}`)},
	}
	_, err := ParseTemplates(fsys, nil, []string{"base.html"}, "bad.html")
	if err == nil || !strings.Contains(err.Error(), "bad.html") {
		t.Errorf("ParseTemplates error = %v, want one naming bad.html", err)
	}
}

func TestPercent(t *testing.T) {
	for _, tc := range []struct{ n, max, want int }{
		{0, 10, 0}, {5, 10, 50}, {10, 10, 100}, {1, 1000, 1}, {3, 0, 0}, {20, 10, 100},
	} {
		if got := Percent(tc.n, tc.max); got != tc.want {
			t.Errorf("Percent(%d, %d) = %d, want %d", tc.n, tc.max, got, tc.want)
		}
	}
}

// TestValueKey: a record's JSON value keys by what it holds, not by the
// order of its maps; a value of another type makes the key unknown.
func TestValueKey(t *testing.T) {
	key := func(v any) Key { return NewInputs("v").Value(v).Done() }
	rec := func(summary string) any {
		return map[string]any{"id": "H-2020-0001", "deed": map[string]any{"summary": summary, "date": "2020-03-14"},
			"insurance": []any{json.Number("2020")}, "hardship": false, "note": nil}
	}
	a := key(rec("救人"))
	for range 20 { // maps iterate in a new order each time
		if key(rec("救人")) != a {
			t.Fatal("the same value gave two keys")
		}
	}
	for _, v := range []any{rec("救起"), map[string]any{"id": "H-2020-0001"}, []any{"救人"}, "救人", json.Number("1"), true, nil} {
		if key(v) == a {
			t.Errorf("%v has the key of another value", v)
		}
	}
	if key("1") == key(json.Number("1")) || key([]any{"a", "b"}) == key([]any{"ab"}) {
		t.Error("values of other types or splits share a key")
	}
	if key(map[string]any{"n": 1.5}) != (Key{}) {
		t.Error("a float64 (not from a record) gave a known key")
	}
}
