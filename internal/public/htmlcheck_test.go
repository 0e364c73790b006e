package public

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// A tiny CSS-selector matcher over golang.org/x/net/html for assertions, in
// the manner of pkgsite's htmlcheck: compound selectors of a tag, #id,
// .class and [attr], [attr=v], [attr^=v], [attr*=v], joined by spaces
// (descendant).

type simpleSel struct {
	tag     string
	id      string
	classes []string
	attrs   []attrSel
}

type attrSel struct {
	name, op, val string
}

func parseSel(t testing.TB, s string) []simpleSel {
	t.Helper()
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
					t.Fatalf("bad selector %q", s)
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
	return out
}

func attr(n *html.Node, name string) (string, bool) {
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
		if v, _ := attr(n, "id"); v != s.id {
			return false
		}
	}
	if len(s.classes) > 0 {
		v, _ := attr(n, "class")
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
		v, ok := attr(n, a.name)
		switch {
		case !ok:
			return false
		case a.op == "=" && v != a.val, a.op == "^=" && !strings.HasPrefix(v, a.val), a.op == "*=" && !strings.Contains(v, a.val):
			return false
		}
	}
	return true
}

// query returns the nodes under root that match sel, in document order.
func query(t testing.TB, root *html.Node, sel string) []*html.Node {
	t.Helper()
	chain := parseSel(t, sel)
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
	return out
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

// text is the text content of n, with runs of space collapsed.
func text(n *html.Node) string {
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

func TestSelectorHelper(t *testing.T) {
	doc := parseHTML(t, `<div id="a" class="x y"><p class="y"><a href="https://e/1" data-k="v">一</a></p></div><a href="/2">二</a>`)
	for _, tc := range []struct {
		sel  string
		want int
	}{
		{"a", 2}, {"div a", 1}, {"#a .y a", 1}, {".x.y", 1}, {"p.y", 1}, {".y", 2},
		{`a[href^="https:"]`, 1}, {"a[data-k=v]", 1}, {"a[href*=2]", 1}, {"[data-k]", 1}, {"span", 0}, {"p div", 0},
	} {
		if got := len(query(t, doc, tc.sel)); got != tc.want {
			t.Errorf("query(%q) matched %d, want %d", tc.sel, got, tc.want)
		}
	}
}
