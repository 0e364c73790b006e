package publish

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestManifestFormat: a manifest is written line by line as the format
// says (here made with fmt, as it was before it was appended by hand),
// read back whole, and a damaged one is not read.
func TestManifestFormat(t *testing.T) {
	entries := map[string]entry{
		"index.html":         {size: 12, mtime: 1700000000123456789, sum: sha256.Sum256([]byte("a")), key: sha256.Sum256([]byte("k"))},
		"heroes/H-1.html":    {size: 0, mtime: -5, sum: sha256.Sum256([]byte("b"))}, // no key
		"a name with spaces": {size: 1 << 40, mtime: 0, sum: sha256.Sum256([]byte("c")), key: sha256.Sum256([]byte("l"))},
	}
	want := manifestHeader
	for _, n := range []string{"a name with spaces", "heroes/H-1.html", "index.html"} {
		e := entries[n]
		key := "-"
		if e.key != ([sha256.Size]byte{}) {
			key = fmt.Sprintf("%x", e.key)
		}
		want += fmt.Sprintf("%x %d %d %s %s\n", e.sum, e.size, e.mtime, key, n)
	}
	p := filepath.Join(t.TempDir(), "m.manifest")
	if err := writeManifest(p, entries); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != want {
		t.Fatalf("manifest\n%s\nwant\n%s", b, want)
	}
	if got := readManifest(p); !reflect.DeepEqual(got, entries) {
		t.Errorf("read back %v, want %v", got, entries)
	}
	for _, tc := range []struct {
		name string
		f    func([]byte) []byte
	}{
		{"another header", func(b []byte) []byte { return bytes.Replace(b, []byte("v3"), []byte("v2"), 1) }},
		{"a field missing", func(b []byte) []byte { return bytes.Replace(b, []byte(" 12 "), []byte(" "), 1) }},
		{"a sum cut", func(b []byte) []byte { return bytes.Replace(b, []byte("\n"), []byte("\n0"), 1) }},
		{"a size not a number", func(b []byte) []byte { return bytes.Replace(b, []byte(" 12 "), []byte(" 1x "), 1) }},
		{"a key not hex", func(b []byte) []byte { return bytes.Replace(b, []byte(" - "), []byte(" z "), 1) }},
		{"an empty line", func(b []byte) []byte { return append(b, '\n') }},
		{"a path out of the tree", func(b []byte) []byte { return bytes.Replace(b, []byte("heroes/H-1.html"), []byte("../H-1.html"), 1) }},
	} {
		bad := tc.f(bytes.Clone(b))
		if bytes.Equal(bad, b) {
			t.Fatalf("%s: the damage changed nothing", tc.name)
		}
		if err := os.WriteFile(p, bad, 0o644); err != nil {
			t.Fatal(err)
		}
		if got := readManifest(p); got != nil {
			t.Errorf("%s: read %d entries, want none", tc.name, len(got))
		}
	}
}
