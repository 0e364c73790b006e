package public

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/yancheng-jyyw/roll/internal/htmlcheck"
)

// Assertions by CSS selector over golang.org/x/net/html, in the manner of
// pkgsite's htmlcheck: the matcher is package htmlcheck's.

func query(t testing.TB, root *html.Node, sel string) []*html.Node {
	t.Helper()
	ns, err := htmlcheck.Query(root, sel)
	if err != nil {
		t.Fatal(err)
	}
	return ns
}

func text(n *html.Node) string { return htmlcheck.Text(n) }

func attr(n *html.Node, name string) (string, bool) { return htmlcheck.Attr(n, name) }

func parseHTML(t testing.TB, s string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// page is a parsed page with assertions by selector.
type page struct {
	t    testing.TB
	name string
	doc  *html.Node
}

func (p page) all(sel string) []*html.Node { p.t.Helper(); return query(p.t, p.doc, sel) }

// one returns the single node matching sel.
func (p page) one(sel string) *html.Node {
	p.t.Helper()
	ns := p.all(sel)
	if len(ns) != 1 {
		p.t.Fatalf("%s: %d nodes match %q, want 1", p.name, len(ns), sel)
	}
	return ns[0]
}

// hasText checks that the single node matching sel has text containing want.
func (p page) hasText(sel, want string) {
	p.t.Helper()
	if got := text(p.one(sel)); !strings.Contains(got, want) {
		p.t.Errorf("%s: text of %q = %q, want it to contain %q", p.name, sel, got, want)
	}
}

// anyText checks that some node matching sel has text containing want.
func (p page) anyText(sel, want string) {
	p.t.Helper()
	var texts []string
	for _, n := range p.all(sel) {
		if strings.Contains(text(n), want) {
			return
		}
		texts = append(texts, text(n))
	}
	p.t.Errorf("%s: no %q has text containing %q; texts: %q", p.name, sel, want, texts)
}

func (p page) attr(sel, name string) string {
	p.t.Helper()
	v, ok := attr(p.one(sel), name)
	if !ok {
		p.t.Errorf("%s: %q has no attribute %s", p.name, sel, name)
	}
	return v
}

func (p page) none(sel string) {
	p.t.Helper()
	if ns := p.all(sel); len(ns) > 0 {
		p.t.Errorf("%s: %d nodes match %q, want none", p.name, len(ns), sel)
	}
}
