// Package htmlcheck finds the elements of a page by CSS selector, for
// tests that assert what a page shows (in the manner of pkgsite's
// internal/testing/htmlcheck): compound selectors of a tag, #id, .class
// and [attr], [attr=v], [attr^=v], [attr*=v], joined by spaces
// (descendant).
package htmlcheck

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

type simpleSel struct {
	tag     string
	id      string
	classes []string
	attrs   []attrSel
}

type attrSel struct {
	name, op, val string
}

func parseSel(s string) ([]simpleSel, error) {
	var out []simpleSel
	for _, part := range strings.Fields(s) {
		var sel simpleSel
		for part != "" {
			switch part[0] {
			case '#', '.':
				end := strings.IndexAny(part[1:], "#.[")
				if end < 0 {
					end = len(part) - 1
				}
				name := part[1 : end+1]
				if part[0] == '#' {
					sel.id = name
				} else {
					sel.classes = append(sel.classes, name)
				}
				part = part[end+1:]
			case '[':
				end := strings.IndexByte(part, ']')
				if end < 0 {
					return nil, fmt.Errorf("bad selector %q", s)
				}
				body := part[1:end]
				a := attrSel{name: body}
				for _, op := range []string{"^=", "*=", "="} {
					if i := strings.Index(body, op); i > 0 {
						a = attrSel{name: body[:i], op: op, val: strings.Trim(body[i+len(op):], `"'`)}
						break
					}
				}
				sel.attrs = append(sel.attrs, a)
				part = part[end+1:]
			default:
				end := strings.IndexAny(part, "#.[")
				if end < 0 {
					end = len(part)
				}
				sel.tag = part[:end]
				part = part[end:]
			}
		}
		out = append(out, sel)
	}
	return out, nil
}

// Attr is the value of n's attribute name, and whether it has one.
func Attr(n *html.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

func (s simpleSel) match(n *html.Node) bool {
	if n.Type != html.ElementNode || (s.tag != "" && n.Data != s.tag) {
		return false
	}
	if s.id != "" {
		if v, _ := Attr(n, "id"); v != s.id {
			return false
		}
	}
	if len(s.classes) > 0 {
		v, _ := Attr(n, "class")
		have := strings.Fields(v)
		for _, c := range s.classes {
			found := false
			for _, h := range have {
				found = found || h == c
			}
			if !found {
				return false
			}
		}
	}
	for _, a := range s.attrs {
		v, ok := Attr(n, a.name)
		switch {
		case !ok:
			return false
		case a.op == "=" && v != a.val, a.op == "^=" && !strings.HasPrefix(v, a.val), a.op == "*=" && !strings.Contains(v, a.val):
			return false
		}
	}
	return true
}

// Query returns the nodes under root that match sel, in document order.
func Query(root *html.Node, sel string) ([]*html.Node, error) {
	chain, err := parseSel(sel)
	if err != nil {
		return nil, err
	}
	var out []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if chain[len(chain)-1].match(n) && ancestorsMatch(n.Parent, chain[:len(chain)-1]) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return out, nil
}

func ancestorsMatch(n *html.Node, chain []simpleSel) bool {
	if len(chain) == 0 {
		return true
	}
	for ; n != nil; n = n.Parent {
		if chain[len(chain)-1].match(n) {
			return ancestorsMatch(n.Parent, chain[:len(chain)-1])
		}
	}
	return false
}

// Text is the text content of n, with runs of space collapsed.
func Text(n *html.Node) string {
	var sb strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			sb.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(sb.String()), " ")
}

// Page is a parsed page with assertions by selector.
type Page struct {
	t    testing.TB
	name string
	doc  *html.Node
}

// Parse parses the page named name; a page that does not parse fails t.
func Parse(t testing.TB, name, s string) Page {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return Page{t: t, name: name, doc: doc}
}

// All returns the nodes matching sel.
func (p Page) All(sel string) []*html.Node {
	p.t.Helper()
	ns, err := Query(p.doc, sel)
	if err != nil {
		p.t.Fatal(err)
	}
	return ns
}

// Texts returns the text of each node matching sel.
func (p Page) Texts(sel string) []string {
	p.t.Helper()
	var out []string
	for _, n := range p.All(sel) {
		out = append(out, Text(n))
	}
	return out
}

// One returns the single node matching sel.
func (p Page) One(sel string) *html.Node {
	p.t.Helper()
	ns := p.All(sel)
	if len(ns) != 1 {
		p.t.Fatalf("%s: %d nodes match %q, want 1", p.name, len(ns), sel)
	}
	return ns[0]
}

// HasText checks that the single node matching sel has text containing
// each of want.
func (p Page) HasText(sel string, want ...string) {
	p.t.Helper()
	got := Text(p.One(sel))
	for _, w := range want {
		if !strings.Contains(got, w) {
			p.t.Errorf("%s: text of %q = %q, want it to contain %q", p.name, sel, got, w)
		}
	}
}

// Attr is the attribute name of the single node matching sel.
func (p Page) Attr(sel, name string) string {
	p.t.Helper()
	v, ok := Attr(p.One(sel), name)
	if !ok {
		p.t.Errorf("%s: %q has no attribute %s", p.name, sel, name)
	}
	return v
}

// None checks that no node matches sel.
func (p Page) None(sel string) {
	p.t.Helper()
	if ns := p.All(sel); len(ns) > 0 {
		p.t.Errorf("%s: %d nodes match %q, want none", p.name, len(ns), sel)
	}
}
