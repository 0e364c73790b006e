package site

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"
)

// TestInputsStream: the buffered Inputs hash the same bytes as they
// always did (the key below was made by the unbuffered ones), whatever
// the sizes of what is added.
func TestInputsStream(t *testing.T) {
	long := strings.Repeat("长文本", 400)
	k := NewInputs("gold").String("a").Int(-3).Bool(true).Record(Key{1}).String(long).Packed([]byte(long)).
		Value(map[string]any{"b": []any{json.Number("1"), "x", nil, true}}).String("").Done()
	const want = "999c3b8503afa032d3e488527f6bb65a0d53235624ecdbfa85dfb7e6827be4e9"
	if got := hex.EncodeToString(k[:]); got != want {
		t.Errorf("key = %s, want %s", got, want)
	}
	// The same inputs cut at every size around the buffer's.
	for _, n := range []int{0, 1, inputsBuffer - 9, inputsBuffer - 8, inputsBuffer, inputsBuffer + 1, 3 * inputsBuffer} {
		s := strings.Repeat("x", n)
		a := NewInputs("cut").String(s).Int(n).String(s).Record(Key{2}).Done()
		if b := NewInputs("cut").String(s).Int(n).String(s).Record(Key{2}); b.Done() != a || b.Done() != a {
			t.Errorf("%d bytes: Done twice gives another key", n)
		}
		if c := NewInputs("cut").String(s).Int(n).String(s + "y").Record(Key{2}).Done(); c == a {
			t.Errorf("%d bytes: a different string gives the same key", n)
		}
	}
}

// TestKeyIsInputs: a page's key, gathered on the stack, is the key the
// package documentation defines with Inputs, and it changes with each of
// its parts.
func TestKeyIsInputs(t *testing.T) {
	ts := &Templates{sums: map[string]Key{"hero.html": {7}, "list.html": {8}, "broken.html": {}}}
	s := &Site{Templates: ts, Inputs: Key{3}}
	slow := func(p *Page) Key {
		var prefix Key
		switch {
		case p.Inputs == (Key{}):
			return Key{}
		case p.Raw:
			prefix = NewInputs("raw v3").Done()
		case s.Inputs == (Key{}):
			return Key{}
		case p.Template == "":
			prefix = NewInputs("page v3").Key(s.Inputs).Bool(false).Done()
		default:
			sum, ok := s.Templates.sums[p.Template]
			if !ok || sum == (Key{}) {
				return Key{}
			}
			prefix = NewInputs("page v3").Key(s.Inputs).Bool(true).Key(sum).Done()
		}
		return sha256.Sum256(append(append(prefix[:], p.Inputs[:]...), p.Path...))
	}
	pages := []Page{
		{Path: "heroes/H-2019-0001.html", Template: "hero.html", Inputs: Key{5}},
		{Path: "heroes/H-2019-0001.html", Template: "list.html", Inputs: Key{5}},
		{Path: "heroes/H-2019-0002.html", Template: "hero.html", Inputs: Key{5}},
		{Path: "heroes/H-2019-0001.html", Template: "hero.html", Inputs: Key{6}},
		{Path: "search.json", Inputs: Key{5}},
		{Path: "photos/a.jpg", Inputs: Key{5}, Raw: true},
		{Path: "photos/a.jpg", Inputs: Key{5}},
		{Path: "photos/a.jpg", Raw: true},
		{Path: "x.html", Template: "none.html", Inputs: Key{5}},
		{Path: "x.html", Template: "broken.html", Inputs: Key{5}},
		{Path: "x.html", Template: "hero.html"},
		{Path: strings.Repeat("长/", 200) + "x.html", Template: "hero.html", Inputs: Key{5}},
	}
	seen := map[Key]string{}
	pre := s.prefixes()
	for _, p := range pages {
		got, want := s.key(&p, pre), slow(&p)
		if got != want {
			t.Errorf("key(%q, %q) = %x, want %x", p.Path, p.Template, got[:4], want[:4])
		}
		if got == (Key{}) {
			continue
		}
		if other, dup := seen[got]; dup {
			t.Errorf("%q (%q) has the key of %s", p.Path, p.Template, other)
		}
		seen[got] = p.Path + " " + p.Template
	}
	if s.key(&pages[0], pre) == (Key{}) || s.key(&pages[5], pre) == (Key{}) {
		t.Error("a page of known inputs has the zero key")
	}
	s.Inputs = Key{}
	if got := s.key(&Page{Path: "a.html", Inputs: Key{5}}, s.prefixes()); got != (Key{}) {
		t.Errorf("key with the site's inputs unknown = %x, want the zero key", got[:4])
	}
	s.Inputs = Key{9}
	if s.key(&pages[0], s.prefixes()) == s.key(&pages[0], pre) {
		t.Error("the site's inputs changed and the page's key did not")
	}
}

func BenchmarkKey(b *testing.B) {
	ts := &Templates{sums: map[string]Key{"hero.html": {7}}}
	s := &Site{Templates: ts, Inputs: Key{3}}
	p := &Page{Path: "heroes/2019/H-2019-0001.html", Template: "hero.html", Inputs: Key{5}}
	pre := s.prefixes()
	b.ReportAllocs()
	for b.Loop() {
		s.key(p, pre)
	}
}

func BenchmarkInputs(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		NewInputs("row").String("H-2019-0001").Record(Key{1}).Key(Key{2}).String("photos/H-2019-0001.jpg").Done()
	}
}
