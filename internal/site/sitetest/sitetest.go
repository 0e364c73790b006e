// Package sitetest helps the tests of the packages that lay out sites.
package sitetest

import (
	"io/fs"
	"regexp"
	"strings"
	"testing/fstest"
)

// call is an engine call in a template: {{part "name" data}} or
// {{chrome "name" frame}}, with or without a trim marker; list is {{parts
// "name" list}}.
var (
	call = regexp.MustCompile(`(\{\{-?\s*)(?:part|chrome)(\s)`)
	list = regexp.MustCompile(`\{\{(-?\s*)parts\s+("[^"]*")\s+(.*?)(\s*-?)\}\}`)
)

// Inline returns the files of fsys with every {{part "name" data}} and
// {{chrome "name" frame}} made {{template "name" data}}, and every {{parts
// "name" list}} {{range list}}{{template "name" .}}{{end}}: the templates
// as they would be without the engine's parts. A page must give the same
// bytes from both, for any data: a part is html/template's own output,
// escaped from the text between elements, so it equals {{template}} where
// it stands there (anywhere else, html/template escapes the two
// differently and the pages differ). A chrome template gets the frame
// itself, whose Site, Root and Section are the chrome's.
func Inline(fsys fs.FS) (fs.FS, error) {
	out := fstest.MapFS{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(p, ".html") {
			b = call.ReplaceAll(b, []byte("${1}template${2}"))
			b = list.ReplaceAll(b, []byte(`{{${1}range ${3}}}{{template ${2} .}}{{end${4}}}`))
		}
		out[p] = &fstest.MapFile{Data: b, Mode: 0o644}
		return nil
	})
	return out, err
}
