package site

import (
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
)

// testSite is a site of n pages whose data counts how often it was built;
// page i reads the record version[i].
func testSite(t *testing.T, version []int, built *atomic.Int64) *Site {
	t.Helper()
	ts, err := ParseTemplates(fstest.MapFS{
		"base.html": {Data: []byte(`<p>{{.Root}}|{{.Title}}|{{.Data}}</p>`)},
		"page.html": {Data: []byte(``)},
	}, nil, []string{"base.html"}, "page.html")
	if err != nil {
		t.Fatal(err)
	}
	s := &Site{Name: "test", Templates: ts, Inputs: NewInputs("test site").Done()}
	for i, v := range version {
		s.Pages = append(s.Pages, Page{
			Path: fmt.Sprintf("d/p%d.html", i), Template: "page.html",
			Inputs: NewInputs("p").Int(v).Done(),
			Frame: func() (Frame, error) {
				built.Add(1)
				return Frame{Title: fmt.Sprint(i), Data: v}, nil
			},
		})
	}
	s.Pages = append(s.Pages, Page{Path: "n.txt", Inputs: NewInputs("n").Int(len(version)).Done(),
		File: func() ([]byte, error) { return []byte(fmt.Sprint(len(version))), nil }})
	return s
}

// TestRenderOnlyChangedInputs: a page is rendered again only when its
// inputs, or the site's, changed; its data is not even built otherwise.
func TestRenderOnlyChangedInputs(t *testing.T) {
	var built atomic.Int64
	version := make([]int, 50)
	first := (*Memory)(nil).Next()
	st, err := Render(first, testSite(t, version, &built), Options{Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if st.Pages != 50 || st.Files != 51 || st.Rendered != 50 || built.Load() != 50 {
		t.Fatalf("first build: %+v, data built %d times; want 50 pages of 51 files, all rendered", st, built.Load())
	}
	m := first.Done()
	if got, _ := m.File("d/p7.html"); string(got) != "<p>../|7|0</p>" {
		t.Errorf("d/p7.html = %q", got)
	}

	version[7] = 1
	built.Store(0)
	second := m.Next()
	st, err = Render(second, testSite(t, version, &built), Options{Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if st.Rendered != 1 || built.Load() != 1 || second.Written() != 1 {
		t.Errorf("after one input changed: %d rendered, data built %d times, %d written; want 1 each", st.Rendered, built.Load(), second.Written())
	}
	m2 := second.Done()
	if got, _ := m2.File("d/p7.html"); string(got) != "<p>../|7|1</p>" {
		t.Errorf("d/p7.html = %q after its change", got)
	}
	if len(m2.Paths()) != 51 {
		t.Errorf("%d files, want 51", len(m2.Paths()))
	}

	// The site's own inputs are every page's.
	s := testSite(t, version, &built)
	s.Inputs = NewInputs("another site").Done()
	third := m2.Next()
	if st, err = Render(third, s, Options{}); err != nil || st.Rendered != 50 {
		t.Errorf("with the site's inputs changed: %d rendered (%v), want 50", st.Rendered, err)
	}
}

// TestUnknownInputs: a record without the hash of its bytes makes the key
// unknown, and the page is always rendered.
func TestUnknownInputs(t *testing.T) {
	if k := NewInputs("x").Record([32]byte{}).String("a").Done(); k != (Key{}) {
		t.Error("a key with an unknown record is known")
	}
	if NewInputs("x").Int(1).Done() == NewInputs("x").Int(2).Done() {
		t.Error("two different inputs have one key")
	}
	if NewInputs("x").String("ab").String("c").Done() == NewInputs("x").String("a").String("bc").Done() {
		t.Error("inputs are not written unambiguously")
	}
}

// TestRenderStopsAtError: the first error ends the render, naming the
// page.
func TestRenderStopsAtError(t *testing.T) {
	var built atomic.Int64
	s := testSite(t, make([]int, 20), &built)
	s.Pages[5].Frame = func() (Frame, error) { return Frame{}, errors.New("broken record") }
	_, err := Render((*Memory)(nil).Next(), s, Options{Workers: 2})
	if err == nil || !strings.Contains(err.Error(), "test/d/p5.html: broken record") {
		t.Errorf("Render error = %v, want one naming d/p5.html", err)
	}
}

// TestProgress: every page is counted once, in order, up to the total.
func TestProgress(t *testing.T) {
	var built atomic.Int64
	var calls []int
	_, err := Render((*Memory)(nil).Next(), testSite(t, make([]int, 30), &built), Options{Workers: 4,
		Progress: func(done, total int) {
			if total != 31 {
				t.Errorf("total %d, want 31", total)
			}
			calls = append(calls, done)
		}})
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range calls {
		if c != i+1 {
			t.Fatalf("progress calls %v: want 1, 2, … 31", calls)
		}
	}
	if len(calls) != 31 {
		t.Errorf("%d progress calls, want 31", len(calls))
	}
}
