package htmlcheck

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestQuery(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<div id="a" class="x y"><p class="y"><a href="https://e/1" data-k="v">一</a></p></div><a href="/2">二</a>`))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		sel  string
		want int
	}{
		{"a", 2}, {"div a", 1}, {"#a .y a", 1}, {".x.y", 1}, {"p.y", 1}, {".y", 2},
		{`a[href^="https:"]`, 1}, {"a[data-k=v]", 1}, {"a[href*=2]", 1}, {"[data-k]", 1}, {"span", 0}, {"p div", 0},
	} {
		ns, err := Query(doc, tc.sel)
		if err != nil || len(ns) != tc.want {
			t.Errorf("Query(%q) matched %d (%v), want %d", tc.sel, len(ns), err, tc.want)
		}
	}
	if _, err := Query(doc, "a[href"); err == nil {
		t.Error(`Query("a[href"): no error`)
	}
}
