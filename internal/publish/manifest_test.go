package publish

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/site"
	"github.com/yancheng-jyyw/roll/internal/wire"
)

// manifestEntries are the files of the manifest of TestManifestFormat,
// in the order of their names.
var manifestEntries = []struct {
	name string
	e    entry
}{
	{"a name with spaces", entry{size: 1 << 40, mtime: 0, sum: sha256.Sum256([]byte("c")), key: sha256.Sum256([]byte("l"))}},
	{"heroes/H-1.html", entry{size: 0, mtime: -5, sum: sha256.Sum256([]byte("b"))}}, // no key
	{"heroes/H-2.html", entry{size: 3, mtime: 7, sum: sha256.Sum256([]byte("d"))}},
	{"index.html", entry{size: 12, mtime: 1700000000123456789, sum: sha256.Sum256([]byte("a")), key: sha256.Sum256([]byte("k"))}},
	{"英雄/名.html", entry{size: 5, mtime: 9, sum: sha256.Sum256([]byte("e"))}},
}

func writeTestManifest(t *testing.T, p string) []byte {
	t.Helper()
	w := newManifestWriter(filepath.Base(p), 0, 0)
	for _, f := range manifestEntries {
		w.add(f.name, f.e)
	}
	if err := w.write(p); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// reseal seals b again after its body was changed: the damage is then
// the format's to find, not the seal's.
func reseal(b []byte) []byte {
	body := b[:len(b)-sealSize]
	return wire.AppendSeal(body[:len(body):len(body)], 0)
}

// TestManifestFormat: a manifest is read back whole, each file found by
// its name; one cut, damaged, of another format or naming files outside
// its tree is not read.
func TestManifestFormat(t *testing.T) {
	p := filepath.Join(t.TempDir(), "m.manifest")
	b := writeTestManifest(t, p)
	m := readManifest(p)
	if m == nil || m.n != len(manifestEntries) || !m.known {
		t.Fatalf("read back %+v, want %d files", m, len(manifestEntries))
	}
	for i, f := range manifestEntries {
		j := m.find(f.name)
		if j != i {
			t.Errorf("find(%q) = %d, want %d", f.name, j, i)
			continue
		}
		if got := m.entry(j); got != f.e {
			t.Errorf("entry(%q) = %+v, want %+v", f.name, got, f.e)
		}
	}
	for _, name := range []string{"", "a", "heroes", "heroes/H-3.html", "heroes/H-10.html", "zz", "index.htm"} {
		if j := m.find(name); j != -1 {
			t.Errorf("find(%q) = %d, want -1", name, j)
		}
	}
	namesAt := len(b) - sealSize - len(m.names)
	recAt := func(j int) int { return len(manifestMagic) + 1 + len(filepath.Base(p)) + 4 + j*recordSize }
	for _, tc := range []struct {
		name string
		f    func([]byte) []byte
	}{
		{"another format", func(b []byte) []byte { return bytes.Replace(b, []byte("v5"), []byte("v4"), 1) }},
		{"cut in the records", func(b []byte) []byte { return b[:recAt(2)+5] }},
		{"cut in the seal", func(b []byte) []byte { return b[:len(b)-1] }},
		{"cut to the header", func(b []byte) []byte { return b[:len(manifestMagic)] }},
		{"a byte of a sum changed", func(b []byte) []byte { b[recAt(1)] ^= 1; return b }},
		{"a byte of a name changed", func(b []byte) []byte { b[namesAt] ^= 1; return b }},
		{"a byte more", func(b []byte) []byte { return append(b, 0) }},
		{"more files said, resealed", func(b []byte) []byte {
			binary.LittleEndian.PutUint32(b[recAt(0)-4:], uint32(len(manifestEntries)+1))
			return reseal(b)
		}},
		{"fewer files said, resealed", func(b []byte) []byte {
			binary.LittleEndian.PutUint32(b[recAt(0)-4:], uint32(len(manifestEntries)-1))
			return reseal(b)
		}},
		{"names out of order, resealed", func(b []byte) []byte {
			b[namesAt] = 'z' // "z name with spaces" after "heroes/…"
			return reseal(b)
		}},
		{"a name twice, resealed", func(b []byte) []byte {
			copy(b[namesAt+len("a name with spaces")+len("heroes/H-1.html"):], "heroes/H-1.html")
			return reseal(b)
		}},
		{"a path out of the tree, resealed", func(b []byte) []byte {
			copy(b[namesAt:], "../name with spaces")
			return reseal(b)
		}},
		{"a name's end past the names, resealed", func(b []byte) []byte {
			binary.LittleEndian.PutUint32(b[recAt(1)+recordSize-4:], 1<<20)
			return reseal(b)
		}},
		{"an empty name, resealed", func(b []byte) []byte {
			binary.LittleEndian.PutUint32(b[recAt(1)+recordSize-4:], binary.LittleEndian.Uint32(b[recAt(0)+recordSize-4:]))
			return reseal(b)
		}},
	} {
		bad := tc.f(bytes.Clone(b))
		if bytes.Equal(bad, b) {
			t.Fatalf("%s: the damage changed nothing", tc.name)
		}
		if err := os.WriteFile(p, bad, 0o644); err != nil {
			t.Fatal(err)
		}
		if got := readManifest(p); got != nil {
			t.Errorf("%s: read %d files, want none", tc.name, got.n)
		}
	}
	// Another tree's manifest, whole: written for another name.
	other := filepath.Join(filepath.Dir(p), "internal.1.manifest")
	if err := os.WriteFile(other, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := readManifest(other); got != nil {
		t.Errorf("a manifest under another name: read %d files, want none", got.n)
	}
}

// TestManifestEmpty: a tree of no files has a manifest too.
func TestManifestEmpty(t *testing.T) {
	m := parseManifest("public.1.manifest", newManifestWriter("public.1.manifest", 0, 0).bytes())
	if m == nil || m.n != 0 || m.find("index.html") != -1 {
		t.Errorf("empty manifest read as %+v", m)
	}
}

func BenchmarkReadManifest(b *testing.B) {
	w := newManifestWriter("public.1.manifest", 0, 0)
	for i := range 75000 {
		w.add(fmt.Sprintf("heroes/%06d.html", i), entry{size: int64(i)})
	}
	bs := w.bytes()
	b.SetBytes(int64(len(bs)))
	b.ReportAllocs()
	for b.Loop() {
		if parseManifest("public.1.manifest", bs) == nil {
			b.Fatal("not read")
		}
	}
}

// TestManifestMerged: the manifest a tree writes, with the records of the
// files it kept copied in runs, is the one written file by file, whatever
// was kept, changed, removed or added, and wherever the added files fall.
func TestManifestMerged(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 300 {
		n := rng.IntN(40)
		var names []string
		for i := range n {
			names = append(names, fmt.Sprintf("d%d/f%03d.html", rng.IntN(3), 2*i))
		}
		slices.Sort(names)
		names = slices.Compact(names)
		ow := newManifestWriter("old", 0, 0)
		for i, name := range names {
			ow.add(name, entry{size: int64(i), mtime: int64(round), sum: sha256.Sum256([]byte(name))})
		}
		old := parseManifest("old", ow.bytes())
		if old == nil {
			t.Fatal("the old manifest is not read")
		}
		tr := &Tree{old: old, produced: make([]atomic.Uint32, old.n), changed: map[int]entry{}}
		type file struct {
			name string
			e    entry
		}
		var want []file
		for j := range old.n {
			switch rng.IntN(4) {
			case 0: // removed
			case 1:
				e := entry{size: 99, mtime: int64(j), key: sha256.Sum256([]byte("new"))}
				tr.produced[j].Store(producedNew)
				tr.changed[j] = e
				want = append(want, file{old.name(j), e})
			default:
				tr.produced[j].Store(keptAsIs)
				want = append(want, file{old.name(j), old.entry(j)})
			}
		}
		for i := range rng.IntN(10) {
			// Odd numbers: never a name of the old manifest; some
			// in its folders, some before or after all of them.
			a := addedFile{fmt.Sprintf("d%d/f%03d.html", rng.IntN(5)-1, 2*rng.IntN(45)+1), entry{size: int64(i), key: site.Key{1}}}
			if slices.ContainsFunc(tr.added, func(x addedFile) bool { return x.name == a.name }) {
				continue
			}
			tr.added = append(tr.added, a)
			want = append(want, file{a.name, a.entry})
		}
		slices.SortFunc(tr.added, func(a, b addedFile) int { return strings.Compare(a.name, b.name) })
		slices.SortFunc(want, func(a, b file) int { return strings.Compare(a.name, b.name) })
		ww := newManifestWriter("new", 0, 0)
		for _, f := range want {
			ww.add(f.name, f.e)
		}
		if got, want := tr.manifest("new").bytes(), ww.bytes(); !bytes.Equal(got, want) {
			t.Fatalf("round %d: the merged manifest differs from the one written file by file", round)
		}
	}
}

// FuzzParseManifest: any bytes are read as a manifest or refused, without
// a panic; one that is read finds each of its files by name, and written
// again from what was read, is the same bytes.
func FuzzParseManifest(f *testing.F) {
	w := newManifestWriter("public.7.manifest", 0, 0)
	for _, e := range manifestEntries {
		w.add(e.name, e.e)
	}
	good := w.bytes()
	f.Add(good)
	f.Add(good[:len(good)-1])
	f.Add(newManifestWriter("public.7.manifest", 0, 0).bytes())
	f.Add([]byte(manifestMagic))
	f.Fuzz(func(t *testing.T, b []byte) {
		b = bytes.Clone(b)
		m := parseManifest("public.7.manifest", b)
		if m == nil {
			// The fuzzer rarely seals what it makes: read it sealed too.
			if len(b) < sealSize {
				return
			}
			b = reseal(b)
			if m = parseManifest("public.7.manifest", b); m == nil {
				return
			}
		}
		again := newManifestWriter("public.7.manifest", 0, 0)
		for j := range m.n {
			name := m.name(j)
			if !fs.ValidPath(name) || name == "." {
				t.Fatalf("file %d is named %q", j, name)
			}
			if got := m.find(name); got != j {
				t.Fatalf("find(%q) = %d, want %d", name, got, j)
			}
			again.add(name, m.entry(j))
		}
		if !bytes.Equal(again.bytes(), b) {
			t.Fatal("written again, the manifest read is other bytes")
		}
	})
}
