package rootfs

import (
	"encoding/binary"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
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

// dirent is one record of linux_dirent64 as getdents64 gives it, its
// length rounded up to 8 bytes.
func dirent(ino uint64, typ byte, name string) []byte {
	n := (19 + len(name) + 1 + 7) &^ 7
	b := make([]byte, n)
	binary.NativeEndian.PutUint64(b[0:8], ino)
	binary.NativeEndian.PutUint16(b[16:18], uint16(n))
	b[18] = typ
	copy(b[19:], name)
	return b
}

// TestParseDirents: a listing's records are read as package os reads
// them ("." and "..", and records of no inode, left out), and a record
// cut or of an impossible length is an error, never a panic or a name
// read past its record.
func TestParseDirents(t *testing.T) {
	good := slices.Concat(
		dirent(1, syscall.DT_DIR, "."), dirent(2, syscall.DT_DIR, ".."),
		dirent(3, syscall.DT_REG, "H-2020-0001.md"), dirent(0, syscall.DT_REG, "gone.md"),
		dirent(4, syscall.DT_LNK, "link"), dirent(5, syscall.DT_UNKNOWN, "名字.yaml"),
	)
	names, spans, err := parseDirents(good, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, sp := range spans {
		got = append(got, fmt.Sprintf("%s %d", names[sp.from:sp.to], sp.typ))
	}
	want := []string{"H-2020-0001.md 8", "link 10", "名字.yaml 0"}
	if !slices.Equal(got, want) {
		t.Errorf("parsed %q, want %q", got, want)
	}
	long := dirent(6, syscall.DT_REG, "x")
	binary.NativeEndian.PutUint16(long[16:18], 200) // past the buffer
	short := dirent(6, syscall.DT_REG, "x")
	binary.NativeEndian.PutUint16(short[16:18], 10) // shorter than its head
	for name, b := range map[string][]byte{
		"cut head":    good[:len(good)-len(dirent(5, syscall.DT_UNKNOWN, "名字.yaml"))+10],
		"cut name":    good[:len(good)-3],
		"too long":    long,
		"too short":   short,
		"zero length": make([]byte, 24),
	} {
		if _, _, err := parseDirents(b, nil, nil); err != syscall.EIO {
			t.Errorf("%s: %v, want EIO", name, err)
		}
	}
}

// TestStatusIsInfo: an entry's Status is the Sys of its Info, the same
// status, without a FileInfo of its own; a name the batch refuses has
// none, and its Info is asked of the root.
func TestStatusIsInfo(t *testing.T) {
	f, _ := tree(t)
	defer f.Close()
	for _, dir := range []string{".", "records", "records/heroes/a", "records/visits/2020"} {
		list, err := f.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range list {
			fi, err := e.Info()
			st, ok := e.(interface {
				Status() (*syscall.Stat_t, bool)
			}).Status()
			if (err == nil) != ok {
				t.Fatalf("%s/%s: Info's error %v, Status %v", dir, e.Name(), err, ok)
			}
			if ok && *st != *fi.Sys().(*syscall.Stat_t) {
				t.Errorf("%s/%s: Status %+v, Info's %+v", dir, e.Name(), *st, fi.Sys())
			}
		}
	}
}
