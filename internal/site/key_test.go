package site

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func keyPages(t *testing.T, layout string) *Pages {
	t.Helper()
	fsys := fstest.MapFS{
		"base.html": {Data: []byte(layout)},
		"a.html":    {Data: []byte(`{{define "main"}}{{.}}{{end}}`)},
	}
	p, err := ParsePages(fsys, Funcs(), []string{"base.html"}, "a.html")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

type keyData struct {
	Name   string
	hidden int
	Tags   map[string]int
	Next   *keyData
	Any    any
	When   time.Time
}

func TestKey(t *testing.T) {
	code := []byte("code")
	p := keyPages(t, `{{block "main" .}}{{end}}`)
	key := func(p *Pages, code []byte, d any) string {
		t.Helper()
		k, err := NewKeyer(code).Key(p, "a.html", d)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	day := time.Date(2020, 12, 31, 0, 0, 0, 0, time.UTC)
	base := keyData{Name: "a", Tags: map[string]int{"x": 1, "y": 2, "z": 3}, Next: &keyData{Name: "b"}, When: day}
	k0 := key(p, code, base)
	for i := range 20 { // map order is random: the key must not be
		if k := key(p, code, keyData{Name: "a", Tags: map[string]int{"z": 3, "y": 2, "x": 1}, Next: &keyData{Name: "b"}, When: day}); k != k0 {
			t.Fatalf("run %d: key of equal data = %s, want %s", i, k, k0)
		}
	}
	changed := map[string]func(d *keyData){
		"field":          func(d *keyData) { d.Name = "A" },
		"unexported":     func(d *keyData) { d.hidden = 1 },
		"map value":      func(d *keyData) { d.Tags = map[string]int{"x": 1, "y": 2, "z": 4} },
		"map key":        func(d *keyData) { d.Tags = map[string]int{"x": 1, "y": 2, "w": 3} },
		"pointed to":     func(d *keyData) { d.Next = &keyData{Name: "c"} },
		"nil pointer":    func(d *keyData) { d.Next = nil },
		"interface type": func(d *keyData) { d.Any = int64(0) },
		"date":           func(d *keyData) { d.When = day.AddDate(0, 0, 1) },
		"zone":           func(d *keyData) { d.When = day.In(time.FixedZone("CST", 8*3600)) },
	}
	for name, f := range changed {
		d := base
		f(&d)
		if key(p, code, d) == k0 {
			t.Errorf("changing the %s left the key as it was", name)
		}
	}
	kr := NewKeyer(code) // reused: nothing of one key carries over to the next
	for _, d := range []any{keyData{Name: strings.Repeat("long", 5000)}, base} {
		if _, err := kr.Key(p, "a.html", d); err != nil {
			t.Fatal(err)
		}
	}
	if k, _ := kr.Key(p, "a.html", base); k != k0 {
		t.Errorf("a reused Keyer gives %s, a new one %s", k, k0)
	}
	if key(p, []byte("other code"), base) == k0 {
		t.Error("another code key left the key as it was")
	}
	if key(keyPages(t, `{{block "main" .}}{{end}}<!-- -->`), code, base) == k0 {
		t.Error("another layout file left the key as it was")
	}
	if _, err := NewKeyer(code).Key(p, "a.html", struct{ F func() }{}); err == nil {
		t.Error("Key of a func: no error")
	}
	cyc := &keyData{}
	cyc.Next = cyc
	if _, err := NewKeyer(code).Key(p, "a.html", cyc); err == nil {
		t.Error("Key of a cycle: no error")
	}
	if _, err := NewKeyer(nil).Key(p, "a.html", base); err == nil {
		t.Error("Key without a code key: no error")
	}
}

func TestCodeKey(t *testing.T) {
	a, err := CodeKey()
	if err != nil {
		t.Fatal(err)
	}
	b, err := CodeKey()
	if err != nil || string(a) != string(b) || len(a) != 32 {
		t.Errorf("CodeKey() = %x, %x (%v): want the same 32 bytes twice", a, b, err)
	}
}
