package site

import (
	"fmt"
	"testing"
)

// keepAll is a Target that holds every page already: what Render costs
// of its own for the pages of a rebuild that did not change.
type keepAll struct{}

func (keepAll) Keep(string, Key) (bool, error) { return true, nil }
func (keepAll) Put(string, []byte, Key) error  { return fmt.Errorf("nothing is rendered") }

// BenchmarkRenderKept: a site of 100,000 pages, each kept by the target:
// the pages handed to the workers and each page's key.
func BenchmarkRenderKept(b *testing.B) {
	const n = 100000
	ts := &Templates{sums: map[string]Key{"hero.html": {7}}}
	s := &Site{Name: "bench", Templates: ts, Inputs: Key{3}}
	s.Pages = make([]Page, n)
	for i := range s.Pages {
		s.Pages[i] = Page{Path: fmt.Sprintf("heroes/H-%d-%05d.html", 2016+i%5, i), Template: "hero.html",
			Inputs: NewInputs("bench").Int(i).Done()}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(keepAll{}, s, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
