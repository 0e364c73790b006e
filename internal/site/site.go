// Package site holds what the public and the internal site share: template
// sets loaded from an fs.FS, a small FuncMap of pure functions, the Markdown
// renderer for record narratives, and an output directory that rewrites only
// the files whose bytes changed, and only once the whole build rendered.
//
// Templates are read from the repository's templates/ folder as they are on
// disk, so a designer can change a page without rebuilding roll; the package
// templates embeds the same files for tests. Each page kind is its own
// template set: the shared layout files parsed together with one page file,
// so that the {{define}} blocks of two pages never clash (the layout of
// golang/pkgsite's frontend templates).
//
// Output is deterministic: writers are given sorted data, nothing here reads
// the clock, and files are written with fixed modes.
package site

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"sort"
)

// Pages is a set of parsed page templates, one per page file.
type Pages struct {
	sets map[string]*template.Template
	sums map[string][sha256.Size]byte // of the files of each set, for Key
}

// ParsePages parses each page file of fsys together with the shared layout
// files into its own template set, named by the page file's base name
// ("hero.html"). The first shared file is the layout that is executed: it
// declares {{block}} slots that page files fill with {{define}}.
func ParsePages(fsys fs.FS, funcs template.FuncMap, shared []string, pages ...string) (*Pages, error) {
	if len(shared) == 0 {
		return nil, fmt.Errorf("parse pages: no layout file")
	}
	p := &Pages{
		sets: make(map[string]*template.Template, len(pages)),
		sums: make(map[string][sha256.Size]byte, len(pages)),
	}
	for _, page := range pages {
		name := path.Base(page)
		if _, dup := p.sets[name]; dup {
			return nil, fmt.Errorf("parse pages: two pages named %s", name)
		}
		files := append(append([]string(nil), shared...), page)
		t := template.New(path.Base(shared[0])).Funcs(funcs)
		sum := sha256.New()
		for _, f := range files {
			b, err := fs.ReadFile(fsys, f)
			if err != nil {
				return nil, fmt.Errorf("parse pages: %w", err)
			}
			fmt.Fprintf(sum, "%d %s\n%d\n", len(f), f, len(b))
			sum.Write(b)
			// Each file becomes its own associated template, named by its
			// path, so errors point at the file a designer edits.
			var tt *template.Template
			if f == shared[0] {
				tt = t
			} else {
				tt = t.New(f)
			}
			if _, err := tt.Parse(string(b)); err != nil {
				return nil, fmt.Errorf("parse pages: %s: %w", f, err)
			}
		}
		p.sets[name] = t
		p.sums[name] = [sha256.Size]byte(sum.Sum(nil))
	}
	return p, nil
}

// Names returns the page names, sorted.
func (p *Pages) Names() []string {
	names := make([]string, 0, len(p.sets))
	for n := range p.sets {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Render executes the layout of page with data into w. Nothing is written to
// w when execution fails.
func (p *Pages) Render(w io.Writer, page string, data any) error {
	t, ok := p.sets[page]
	if !ok {
		return fmt.Errorf("render: no page %s", page)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return fmt.Errorf("render %s: %w", page, err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}
