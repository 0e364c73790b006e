//go:build linux

package serve

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestNotifier makes the changes TestScan makes, and more, each followed
// by writing a mark file, and reads what the notifier tells: the first
// path told after a change that counts is that change's; after one that
// does not count, it is the mark's.
func TestNotifier(t *testing.T) {
	root := t.TempDir()
	write := func(rel, data string) {
		t.Helper()
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("records/site.yaml", "title: x")
	write("other/ignored.txt", "x")
	n, err := newNotifier(root) // schemas/ and templates/ are missing
	if err != nil {
		t.Fatal(err)
	}
	told := make(chan string, 1024)
	done := make(chan error, 1)
	go func() { done <- n.run(func(rel string) { told <- rel }) }()
	marks := map[string]bool{} // marks read: their other events are left out
	next := func() string {
		t.Helper()
		for {
			select {
			case rel := <-told:
				if !marks[rel] {
					return rel
				}
			case <-time.After(waitLimit):
				t.Fatal("no change told")
				return ""
			}
		}
	}

	for i, c := range []struct {
		what   string
		change func()
		want   string // the path told first; "" for none
	}{
		{"an edit", func() { write("records/site.yaml", "title: y") }, "records/site.yaml"},
		{"a new folder", func() { os.Mkdir(filepath.Join(root, "records/heroes"), 0o755) }, "records/heroes"},
		{"a file in the new folder", func() { write("records/heroes/H-2020-0001.md", "---") }, "records/heroes/H-2020-0001.md"},
		{"a watched folder made", func() { os.Mkdir(filepath.Join(root, "schemas"), 0o755) }, "schemas"},
		{"a new schema in it", func() { write("schemas/hero.schema.json", "{}") }, "schemas/hero.schema.json"},
		{"a folder made with its files, moved in", func() {
			write("other/public/base.html", "<p>")
			os.Rename(filepath.Join(root, "other/public"), filepath.Join(root, "records/public"))
		}, "records/public"},
		{"a file of the folder moved in", func() { write("records/public/base.html", "<p>2") }, "records/public/base.html"},
		{"a save through a temporary file", func() {
			write("records/.site.yaml.tmp", "title: z")
			os.Rename(filepath.Join(root, "records/.site.yaml.tmp"), filepath.Join(root, "records/site.yaml"))
		}, "records/site.yaml"},
		{"a removed file", func() { os.Remove(filepath.Join(root, "records/heroes/H-2020-0001.md")) }, "records/heroes/H-2020-0001.md"},
		{"a changed mode", func() { os.Chmod(filepath.Join(root, "records/site.yaml"), 0o600) }, "records/site.yaml"},
		{"an editor's swap file", func() { write("records/.site.yaml.swp", "x") }, ""},
		{"a hidden folder", func() { write("records/.git/x", "x") }, ""},
		{"a file outside the watched folders", func() { write("other/ignored.txt", "changed") }, ""},
		{"a folder outside them", func() { os.Mkdir(filepath.Join(root, "elsewhere"), 0o755) }, ""},
	} {
		c.change()
		// A file written after the change is told after it: what is told
		// until then is what the change gave.
		mark := fmt.Sprintf("records/mark-%d", i)
		write(mark, "x")
		want := cmp.Or(c.want, mark)
		if got := next(); got != want {
			t.Errorf("after %s, told %q first, want %q", c.what, got, want)
		}
		for rel := want; rel != mark; rel = next() {
		}
		marks[mark] = true
	}
	if err := n.Close(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Errorf("run after Close = %v, want nil", err)
	}
}
