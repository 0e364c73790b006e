package sitetest

import (
	"io/fs"
	"testing"
	"testing/fstest"
)

func TestInline(t *testing.T) {
	fsys := fstest.MapFS{
		"a.html":    {Data: []byte(`{{part "row" .}}{{- part "x" (at $ .)}}{{chrome "masthead" .}}{{  chrome "f" $}}{{partial}}{{template "t" .}}`)},
		"b.css":     {Data: []byte(`{{part "row" .}}`)},
		"in/c.html": {Data: []byte(`x{{- part "row" .}}`)},
		"d.html":    {Data: []byte(`<ul>{{parts "row" (cards $root .Heroes)}}</ul>{{- parts "x" . -}}`)},
	}
	got, err := Inline(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"a.html":    `{{template "row" .}}{{- template "x" (at $ .)}}{{template "masthead" .}}{{  template "f" $}}{{partial}}{{template "t" .}}`,
		"b.css":     `{{part "row" .}}`,
		"in/c.html": `x{{- template "row" .}}`,
		"d.html":    `<ul>{{range (cards $root .Heroes)}}{{template "row" .}}{{end}}</ul>{{- range .}}{{template "x" .}}{{end -}}`,
	} {
		b, err := fs.ReadFile(got, name)
		if err != nil || string(b) != want {
			t.Errorf("Inline: %s = %q, %v; want %q", name, b, err, want)
		}
	}
}
