package history

import (
	"crypto/sha256"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
)

// memStore is a Store in memory that counts what is kept.
type memStore struct {
	side map[string][]byte
	sets int
}

func (m *memStore) Side(name string) []byte { return m.side[name] }
func (m *memStore) SetSide(name string, b []byte) {
	if m.side == nil {
		m.side = map[string][]byte{}
	}
	m.side[name] = b
	m.sets++
}

var testCode = sha256.Sum256([]byte("roll under test"))

// sameHistory fails unless a and b are the same History to every field a
// page may show, the commits' times to their zones' names.
func sameHistory(t *testing.T, what string, got, want *History) {
	t.Helper()
	if show(got) != show(want) {
		t.Errorf("%s:\n got %s\nwant %s", what, show(got), show(want))
	}
}

// show prints every field of h, each commit's time as String prints it.
func show(h *History) string {
	commit := func(c *Commit) string {
		if c == nil {
			return "<nil>"
		}
		return fmt.Sprintf("{%s %s %s %q %q}", c.Hash, c.Short, c.When, c.Author, c.Subject)
	}
	out := fmt.Sprintf("head %s shallow %v files %d", commit(h.Head), h.Shallow, len(h.Files))
	for _, p := range slices.Sorted(maps.Keys(h.Files)) {
		out += "\n  " + p + ":"
		for i := range h.Files[p] {
			out += " " + commit(&h.Files[p][i])
		}
	}
	return out
}

// TestReadSaved holds ReadSaved to Read: the History kept is used while
// HEAD, the shallow boundary, the prefix and the code are the same, and
// only then.
func TestReadSaved(t *testing.T) {
	r, _, c2, _ := shallowBase(t)
	r.write("records/d/e.yaml", "e\n")
	r.commit("Chen Jie", "Add e")
	var st memStore
	read := func(what, prefix string, code [sha256.Size]byte) *History {
		t.Helper()
		got, err := ReadSaved(r.dir, prefix, &st, code)
		if err != nil {
			t.Fatal(err)
		}
		want, err := Read(r.dir, prefix)
		if err != nil {
			t.Fatal(err)
		}
		sameHistory(t, what, got, want)
		return got
	}
	first := read("the first read", "records/", testCode)
	if st.sets != 1 || len(st.side[savedName]) == 0 {
		t.Fatalf("the first read kept %d times, want once", st.sets)
	}
	read("the second read", "records/", testCode)
	if st.sets != 1 {
		t.Errorf("the second read kept again")
	}

	// A History planted under the key of this HEAD is what a read gives:
	// the walk is not done again.
	planted := *first
	planted.Files = map[string][]Commit{"records/planted.yaml": {*first.Head}}
	key := (&saved{code: testCode}).key(splitPrefix("records/"), plumbing.NewHash(first.Head.Hash), nil)
	st.side[savedName] = encodeHistory(key, &planted)
	got, err := ReadSaved(r.dir, "records/", &st, testCode)
	if err != nil {
		t.Fatal(err)
	}
	sameHistory(t, "the planted History", got, &planted)

	// Under any other key, it is not.
	for _, c := range []struct {
		what   string
		prefix string
		code   [sha256.Size]byte
		change func()
	}{
		{"another prefix", "", testCode, nil},
		{"another code", "records/", sha256.Sum256([]byte("another roll")), nil},
		{"a shallow boundary", "records/", testCode, func() {
			if err := os.WriteFile(filepath.Join(r.dir, ".git", "shallow"), []byte(c2.Hash+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"a new commit", "records/", testCode, func() {
			r.write("records/a.yaml", "a3\n")
			r.commit("Li Wei", "Change a again")
		}},
	} {
		st.side[savedName] = encodeHistory(key, &planted)
		if c.change != nil {
			c.change()
		}
		read(c.what, c.prefix, c.code)
	}
}

// TestSavedDamaged reads the kept bytes cut at every length and with each
// byte altered: each reads as nothing kept, never as another History.
func TestSavedDamaged(t *testing.T) {
	r, _, _, _ := shallowBase(t)
	var st memStore
	want, err := ReadSaved(r.dir, "records/", &st, testCode)
	if err != nil {
		t.Fatal(err)
	}
	good := st.side[savedName]
	key := (&saved{code: testCode}).key(splitPrefix("records/"), plumbing.NewHash(want.Head.Hash), nil)
	if h, ok := decodeHistory(good, key); !ok {
		t.Fatal("the bytes kept do not read back")
	} else {
		sameHistory(t, "read back", h, want)
	}
	if _, ok := decodeHistory(good, sha256.Sum256(nil)); ok {
		t.Error("the bytes kept read under another key")
	}
	for n := range len(good) {
		if _, ok := decodeHistory(good[:n], key); ok {
			t.Errorf("cut to %d bytes: read", n)
		}
	}
	for i := range good {
		b := append([]byte(nil), good...)
		b[i] ^= 0x20
		if _, ok := decodeHistory(b, key); ok {
			t.Errorf("byte %d altered: read", i)
		}
		if i%17 != 0 && i != len(good)-1 {
			continue
		}
		st.side[savedName] = b
		got, err := ReadSaved(r.dir, "records/", &st, testCode)
		if err != nil {
			t.Fatal(err)
		}
		sameHistory(t, fmt.Sprintf("byte %d altered", i), got, want)
	}
}

// TestSavedZones keeps the commits' times as go-git gives them: in UTC
// without a zone, in a zone of an offset and no name, and the zero time.
func TestSavedZones(t *testing.T) {
	when := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	var key [sha256.Size]byte
	h := &History{Files: map[string][]Commit{}}
	for i, w := range []time.Time{
		{},
		when,
		when.In(time.FixedZone("", 8*3600)),
		when.In(time.FixedZone("", -(3*3600 + 30*60))),
		when.In(time.FixedZone("", 0)),
		when.In(time.FixedZone("CST", 8*3600)),
	} {
		hash := fmt.Sprintf("%040x", i+1)
		c := Commit{Hash: hash, Short: hash[:7], When: w, Author: "作者", Subject: fmt.Sprintf("commit %d", i)}
		h.Files[fmt.Sprintf("records/%d.yaml", i)] = []Commit{c}
		h.Head = &c
	}
	got, ok := decodeHistory(encodeHistory(key, h), key)
	if !ok {
		t.Fatal("does not read back")
	}
	sameHistory(t, "zones", got, h)
	for p, cs := range h.Files {
		if g := got.Files[p][0].When; !g.Equal(cs[0].When) || g.Location().String() != cs[0].When.Location().String() {
			t.Errorf("%s: When = %v (%s), want %v (%s)", p, g, g.Location(), cs[0].When, cs[0].When.Location())
		}
	}
	if !reflect.DeepEqual(got.Files["records/0.yaml"][0].When, time.Time{}) {
		t.Errorf("the zero time reads as %#v", got.Files["records/0.yaml"][0].When)
	}
}

// FuzzSaved reads any bytes sealed under a key without a panic: as
// nothing kept, or as a History that is written back to the same bytes.
func FuzzSaved(f *testing.F) {
	var key [sha256.Size]byte
	h := &History{Files: map[string][]Commit{}}
	c := Commit{Hash: fmt.Sprintf("%040x", 7), Short: "0000000", When: time.Unix(1e9, 0).In(time.FixedZone("", 3600)), Author: "a", Subject: "s"}
	h.Head = &c
	h.Files["records/a.yaml"] = []Commit{c, c}
	h.Files["records/b.yaml"] = []Commit{c}
	good := encodeHistory(key, h)
	f.Add(good[len(savedHeader)+sha256.Size : len(good)-sha256.Size])
	f.Fuzz(func(t *testing.T, body []byte) {
		b := append(append([]byte(savedHeader), key[:]...), body...)
		sum := sha256.Sum256(b[len(savedHeader):])
		b = append(b, sum[:]...)
		got, ok := decodeHistory(b, key)
		if !ok {
			return
		}
		if again, ok := decodeHistory(encodeHistory(key, got), key); !ok {
			t.Fatal("a History read does not read back once written")
		} else if show(again) != show(got) {
			t.Fatalf("written back it reads as\n%s\nnot\n%s", show(again), show(got))
		}
	})
}

// BenchmarkSaved measures reading a kept History of n files, each
// changed by one of a few commits, as a rebuild of the same HEAD does.
func BenchmarkSaved(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		var key [sha256.Size]byte
		h := &History{Files: map[string][]Commit{}}
		var commits []Commit
		for i := range 20 {
			hash := fmt.Sprintf("%040x", i+1)
			commits = append(commits, Commit{Hash: hash, Short: hash[:7], When: time.Unix(int64(1e9+i*3600), 0).In(time.FixedZone("", 8*3600)), Author: "李伟", Subject: "导入记录"})
		}
		for i := range n {
			h.Files[fmt.Sprintf("records/heroes/binhai/H-%d-%04d.md", 2000+i/10000, i%10000)] = []Commit{commits[i%len(commits)]}
		}
		data := encodeHistory(key, h)
		b.Run(fmt.Sprintf("files=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, ok := decodeHistory(data, key); !ok {
					b.Fatal("does not read")
				}
			}
		})
	}
}
