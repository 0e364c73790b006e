package rootfs

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/statbatch"
)

// sameFile says whether two statuses are of one file, by their device
// and inode: a folder's entry's status is not package os's own, which
// os.SameFile alone compares.
func sameFile(a, b fs.FileInfo) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	x, ok1 := a.Sys().(*syscall.Stat_t)
	y, ok2 := b.Sys().(*syscall.Stat_t)
	return ok1 && ok2 && x.Dev == y.Dev && x.Ino == y.Ino && *x == *y
}

// TestReadDirSameAsRootFallback: with the statuses taken by fstatat one
// by one, as where io_uring is refused, the folders list as the root's.
func TestReadDirSameAsRootFallback(t *testing.T) {
	f, root := tree(t)
	f.stats.Close()
	f.stats = statbatch.NewFallback()
	readDirSameAsRoot(t, f, root)
}

// TestReadDirManyEntries: in a folder of more entries than a batch takes,
// asked in any order, each entry has its own status, the root's, both
// through the ring and with fstatat.
func TestReadDirManyEntries(t *testing.T) {
	dir := t.TempDir()
	for i := range 700 {
		p := filepath.Join(dir, fmt.Sprintf("H-%04d.md", i))
		if err := os.WriteFile(p, make([]byte, i), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("/", filepath.Join(dir, "H-0300.link")); err != nil {
		t.Fatal(err)
	}
	r, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, stats := range []stater{statbatch.New(), statbatch.NewFallback()} {
		f := newFS(r, stats)
		list, err := f.ReadDir(".")
		if err != nil || len(list) != 701 {
			t.Fatalf("%d entries, %v", len(list), err)
		}
		for k := range list {
			e := list[(k*337)%len(list)] // every entry, out of order
			got, err := e.Info()
			if err != nil {
				t.Fatal(err)
			}
			want, err := r.Lstat(e.Name())
			if err != nil {
				t.Fatal(err)
			}
			if !sameFile(got, want) || got.Mode() != want.Mode() || got.Size() != want.Size() {
				t.Errorf("batched %v: %s: %v, want %v", stats.Batched(), e.Name(), got, want)
			}
		}
		f.Close()
	}
}
