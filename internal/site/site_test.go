package site

import (
	"encoding/json"
	"html/template"
	"io"
	"strings"
	"sync"
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

// row is the data of the "row" part of the tests.
type row struct {
	Name, Href string
}

// TestPartIsTheTemplate holds that a part gives the bytes {{template}}
// gives, escaping included, and is executed once per distinct data.
func TestPartIsTheTemplate(t *testing.T) {
	executed := 0
	funcs := map[string]any{"count": func() string { executed++; return "" }}
	partials := `{{define "row"}}{{count}}<li><a href="{{.Href}}" title="{{.Name}}">{{.Name}}</a></li>{{end}}`
	fsys := fstest.MapFS{
		"base.html":  {Data: []byte(`<ul>{{block "main" .}}{{end}}</ul>`)},
		"parts.html": {Data: []byte(partials)},
		"part.html":  {Data: []byte(`{{define "main"}}{{range .}}{{part "row" .}}{{end}}{{end}}`)},
		"tmpl.html":  {Data: []byte(`{{define "main"}}{{range .}}{{template "row" .}}{{end}}{{end}}`)},
	}
	ts, err := ParseTemplates(fsys, funcs, []string{"base.html", "parts.html"}, "part.html", "tmpl.html")
	if err != nil {
		t.Fatal(err)
	}
	hostile := row{Name: `<script>alert(1)</script>" onmouseover="x`, Href: "javascript:alert(1)"}
	plain := row{Name: "张三", Href: "../heroes/H-2020-0001.html"}
	rows := []row{hostile, plain, hostile, plain, hostile}
	render := func(page string) string {
		var sb strings.Builder
		if err := ts.Render(&sb, page, rows); err != nil {
			t.Fatal(err)
		}
		return sb.String()
	}
	want := render("tmpl.html")
	if executed != len(rows) {
		t.Fatalf("{{template}} executed the row %d times, want %d", executed, len(rows))
	}
	executed = 0
	if got := render("part.html"); got != want {
		t.Errorf("with parts:\n%s\nwith {{template}}:\n%s", got, want)
	}
	if executed != 2 {
		t.Errorf("the part was executed %d times for 2 distinct rows, want 2", executed)
	}
	if strings.Contains(want, "<script>") || strings.Contains(want, "javascript:") {
		t.Errorf("hostile data not escaped: %s", want)
	}
	executed = 0
	render("part.html")
	if executed != 0 {
		t.Errorf("rendering the page again executed the part %d times, want 0", executed)
	}
}

// TestPartsAreTheRange holds that {{parts "name" list}} gives the bytes
// {{range list}}{{template "name" .}}{{end}} gives, escaping included,
// each distinct element executed once, and that it refuses what is not
// a list and elements that cannot be keys.
func TestPartsAreTheRange(t *testing.T) {
	executed := 0
	funcs := map[string]any{"count": func() string { executed++; return "" }}
	partials := `{{define "row"}}{{count}}<li><a href="{{.Href}}" title="{{.Name}}">{{.Name}}</a></li>{{end}}`
	fsys := fstest.MapFS{
		"base.html":  {Data: []byte(`<ul>{{block "main" .}}{{end}}</ul>`)},
		"parts.html": {Data: []byte(partials)},
		"list.html":  {Data: []byte(`{{define "main"}}{{parts "row" .}}{{end}}`)},
		"tmpl.html":  {Data: []byte(`{{define "main"}}{{range .}}{{template "row" .}}{{end}}{{end}}`)},
	}
	ts, err := ParseTemplates(fsys, funcs, []string{"base.html", "parts.html"}, "list.html", "tmpl.html")
	if err != nil {
		t.Fatal(err)
	}
	hostile := row{Name: "<script>alert(1)</script>\" onmouseover=\"x\u2028\u202e", Href: "javascript:alert(1)"}
	plain := row{Name: "张三", Href: "../heroes/H-2020-0001.html"}
	for i, rows := range [][]row{{hostile, plain, hostile, plain, hostile}, {plain}, nil} {
		executed = 0
		var want, got strings.Builder
		if err := ts.Render(&want, "tmpl.html", rows); err != nil {
			t.Fatal(err)
		}
		executed = 0
		if err := ts.Render(&got, "list.html", rows); err != nil {
			t.Fatal(err)
		}
		if i == 0 && executed != 2 {
			t.Errorf("parts executed the row %d times for 2 distinct rows, want 2", executed)
		}
		if got.String() != want.String() {
			t.Errorf("with parts:\n%s\nwith {{range}} and {{template}}:\n%s", got.String(), want.String())
		}
		if strings.Contains(want.String(), "<script>") || strings.Contains(want.String(), "javascript:") {
			t.Errorf("hostile data not escaped: %s", want.String())
		}
	}
	for _, data := range []any{"not a list", 3, [][]int{{1}}} {
		if err := ts.Render(io.Discard, "list.html", data); err == nil {
			t.Errorf("parts of %#v: no error", data)
		}
	}
}

// TestPartOfItsOwnSet holds that a part is the template of the page's
// own set: a page that defines the part anew gets its own.
func TestPartOfItsOwnSet(t *testing.T) {
	fsys := fstest.MapFS{
		"base.html": {Data: []byte(`{{chrome "masthead" .}}|{{block "main" .}}{{end}}{{define "masthead"}}<a href="{{.Root}}index.html">{{.Site.Title}}</a>{{if eq .Section "roll"}}*{{end}}{{end}}`)},
		"a.html":    {Data: []byte(`{{define "main"}}a{{end}}`)},
		"b.html":    {Data: []byte(`{{define "main"}}b{{end}}{{define "masthead"}}<b>{{.Root}}</b>{{end}}`)},
	}
	ts, err := ParseTemplates(fsys, nil, []string{"base.html"}, "a.html", "b.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		page string
		f    Frame
		want string
	}{
		{"a.html", Frame{Site: Info{Title: "站"}, Root: "../", Section: "roll"}, `<a href="../index.html">站</a>*|a`},
		{"a.html", Frame{Site: Info{Title: "站"}, Root: "", Section: "roll"}, `<a href="index.html">站</a>*|a`},
		{"a.html", Frame{Site: Info{Title: "站"}, Root: "../", Section: "home"}, `<a href="../index.html">站</a>|a`},
		{"a.html", Frame{Site: Info{Title: "<站>"}, Root: "../", Section: "home"}, `<a href="../index.html">&lt;站&gt;</a>|a`},
		{"b.html", Frame{Site: Info{Title: "站"}, Root: "../", Section: "roll"}, `<b>../</b>|b`},
		{"a.html", Frame{Site: Info{Title: "站"}, Root: "../", Section: "roll"}, `<a href="../index.html">站</a>*|a`},
	} {
		var sb strings.Builder
		if err := ts.Render(&sb, tc.page, tc.f); err != nil {
			t.Fatal(err)
		}
		if sb.String() != tc.want {
			t.Errorf("Render(%s, root %q, section %q) = %q, want %q", tc.page, tc.f.Root, tc.f.Section, sb.String(), tc.want)
		}
	}
}

// TestPartDataNotComparable holds that data that cannot key a part is an
// error, never a panic.
func TestPartDataNotComparable(t *testing.T) {
	fsys := fstest.MapFS{
		"base.html": {Data: []byte(`{{part "p" .}}{{define "p"}}{{.}}{{end}}`)},
	}
	ts, err := ParseTemplates(fsys, nil, []string{"base.html"}, "base.html")
	if err != nil {
		t.Fatal(err)
	}
	type boxed struct{ V any }
	for _, data := range []any{nil, []string{"x"}, boxed{V: []int{1}}, map[string]int{}} {
		if err := ts.Render(&strings.Builder{}, "base.html", data); err == nil || !strings.Contains(err.Error(), "not comparable") {
			t.Errorf("part with data %#v: error %v, want one saying it is not comparable", data, err)
		}
	}
	if _, err := ParseTemplates(fsys, map[string]any{"part": func() string { return "" }}, []string{"base.html"}, "base.html"); err == nil {
		t.Error("a FuncMap that defines part: no error")
	}
}

// TestPartWithTemplateInParallel renders, from several goroutines at
// once, a page that calls the same template both as a part and with
// {{template}}: html/template escapes it once for both (run with -race).
func TestPartWithTemplateInParallel(t *testing.T) {
	fsys := fstest.MapFS{
		"base.html": {Data: []byte(`{{block "main" .}}{{end}}{{define "row"}}<a href="{{.Href}}">{{.Name}}</a>{{end}}`)},
		"page.html": {Data: []byte(`{{define "main"}}{{range .}}{{template "row" .}}|{{part "row" .}};{{end}}{{end}}`)},
	}
	ts, err := ParseTemplates(fsys, nil, []string{"base.html"}, "page.html")
	if err != nil {
		t.Fatal(err)
	}
	rows := []row{{Name: "<甲>", Href: "javascript:x"}, {Name: "乙", Href: "a.html?q=<1>"}}
	want := `<a href="#ZgotmplZ">&lt;甲&gt;</a>|<a href="#ZgotmplZ">&lt;甲&gt;</a>;<a href="a.html?q=%3c1%3e">乙</a>|<a href="a.html?q=%3c1%3e">乙</a>;`
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			var sb strings.Builder
			if err := ts.Render(&sb, "page.html", rows); err != nil {
				t.Error(err)
			} else if sb.String() != want {
				t.Errorf("Render = %q, want %q", sb.String(), want)
			}
		})
	}
	wg.Wait()
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

// TestPageSetsMadeWhenRendered: a page's template set is made when a page
// is first rendered with it; an error in a page's file, or a function no
// one defined, is still an error of ParseTemplates.
func TestPageSetsMadeWhenRendered(t *testing.T) {
	fsys := fstest.MapFS{
		"layout/base.html": {Data: []byte(`[{{block "main" .}}{{end}}]`)},
		"a.html":           {Data: []byte(`{{define "main"}}a{{.}}{{end}}`)},
		"b.html":           {Data: []byte(`{{define "main"}}b{{up .}}{{end}}`)},
	}
	funcs := template.FuncMap{"up": strings.ToUpper}
	ts, err := ParseTemplates(fsys, funcs, []string{"layout/base.html"}, "a.html", "b.html")
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	if err := ts.Render(&sb, "a.html", "x"); err != nil || sb.String() != "[ax]" {
		t.Fatalf("Render(a.html) = %q, %v", sb.String(), err)
	}
	if ts.sets["b.html"].t != nil {
		t.Error("the set of b.html was made before a page asked for it")
	}
	sb.Reset()
	if err := ts.Render(&sb, "b.html", "x"); err != nil || sb.String() != "[bX]" {
		t.Fatalf("Render(b.html) = %q, %v", sb.String(), err)
	}
	for name, text := range map[string]string{
		"an unknown function": `{{define "main"}}{{down .}}{{end}}`,
		"a syntax error":      `{{define "main"}}{{range}}{{end}}`,
		"unclosed":            `{{define "main"}}`,
	} {
		fsys["c.html"] = &fstest.MapFile{Data: []byte(text)}
		if _, err := ParseTemplates(fsys, funcs, []string{"layout/base.html"}, "a.html", "c.html"); err == nil || !strings.Contains(err.Error(), "c.html") {
			t.Errorf("%s: ParseTemplates error = %v, want one naming c.html", name, err)
		}
	}
}
