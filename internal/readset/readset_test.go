package readset

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// tree writes a small folder: a/x, a/y, a/b/z and a link.
func tree(t *testing.T) string {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("statuses are trusted on Linux only")
	}
	dir := t.TempDir()
	for _, p := range []string{"a/x", "a/y", "a/b/z", "c/w"} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p), []byte("text of "+p), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("x", filepath.Join(dir, "a", "l")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// reads does, through a Recorder, one of each operation, and returns the
// set with the time after it.
func reads(t *testing.T, root *os.Root) ([]Entry, int64) {
	t.Helper()
	r := Record(root.FS())
	if _, err := fs.ReadFile(r, "a/x"); err != nil {
		t.Fatal(err)
	}
	list, err := fs.ReadDir(r, "a")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range list {
		if d.Name() == "y" {
			if _, err := d.Info(); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := fs.Stat(r, "a/b/z"); err != nil {
		t.Fatal(err)
	}
	if _, err := fs.ReadLink(r, "a/l"); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Open("a/none"); err == nil {
		t.Fatal("a/none opened")
	}
	if _, err := fs.Lstat(r, "nothing/here"); err == nil {
		t.Fatal("nothing/here stated")
	}
	f, err := r.Open("c")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.(fs.ReadDirFile).ReadDir(-1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	set, ok := r.Set()
	if !ok {
		t.Fatalf("the set is incomplete: %s", r.incomplete)
	}
	// The times of the files are older than the set's, as they are once
	// the file that keeps it is written.
	time.Sleep(20 * time.Millisecond)
	return set, time.Now().UnixNano()
}

func TestSetSeesEveryRead(t *testing.T) {
	dir := tree(t)
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	set, _ := reads(t, root)
	var paths []string
	for _, e := range set {
		paths = append(paths, e.Path)
	}
	want := []string{"a", "a/b/z", "a/l", "a/none", "a/x", "a/y", "c", "nothing/here"}
	if len(paths) != len(want) {
		t.Fatalf("set %q, want %q", paths, want)
	}
	for i := range want {
		if paths[i] != want[i] {
			t.Fatalf("set %q, want %q", paths, want)
		}
	}
	got, rest, ok := Read(Append(nil, set))
	if !ok || len(rest) != 0 || !Equal(got, set) {
		t.Errorf("the set read back is not the set written")
	}
	b := Append(nil, set)
	for n := range len(b) {
		if _, _, ok := Read(b[:n]); ok {
			t.Errorf("a set cut to %d of %d bytes was read", n, len(b))
		}
	}
}

// TestUnchanged: every change to what was read is seen, and nothing else
// counts.
func TestUnchanged(t *testing.T) {
	sameSize := func(p string) func(dir string) error {
		// The same size and modification time: the change time tells.
		return func(dir string) error {
			p := filepath.Join(dir, p)
			fi, err := os.Stat(p)
			if err != nil {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			b[0] ^= 1
			if err := os.WriteFile(p, b, 0o644); err != nil {
				return err
			}
			return os.Chtimes(p, fi.ModTime(), fi.ModTime())
		}
	}
	write := func(p, s string) func(string) error {
		return func(dir string) error {
			os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
			return os.WriteFile(filepath.Join(dir, p), []byte(s), 0o644)
		}
	}
	for _, tc := range []struct {
		name    string
		change  func(dir string) error
		changed bool
	}{
		{"nothing", func(string) error { return nil }, false},
		{"a file read, same size and time", sameSize("a/x"), true},
		{"a file whose status was taken", sameSize("a/y"), true},
		{"a file stated", write("a/b/z", "longer text of a/b/z"), true},
		{"a file only listed", write("c/w", "other"), false},
		{"a file not read at all", write("a/b/q", "new"), false},
		{"a file added to a listed folder", write("a/new", "new"), true},
		{"a file added to a folder listed when opened", write("c/new", "new"), true},
		{"a file removed", func(dir string) error { return os.Remove(filepath.Join(dir, "a", "x")) }, true},
		{"a missing file written", write("a/none", "now"), true},
		{"a missing folder made", write("nothing/here", "now"), true},
		{"a link pointed elsewhere", func(dir string) error {
			p := filepath.Join(dir, "a", "l")
			os.Remove(p)
			return os.Symlink("y", p)
		}, true},
		{"a file made a folder", func(dir string) error {
			p := filepath.Join(dir, "a", "y")
			os.Remove(p)
			return os.Mkdir(p, 0o755)
		}, true},
		{"a mode changed", func(dir string) error { return os.Chmod(filepath.Join(dir, "a", "x"), 0o600) }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := tree(t)
			root, err := os.OpenRoot(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer root.Close()
			set, written := reads(t, root)
			if !Unchanged(root, set, written) {
				t.Fatal("unchanged before any change")
			}
			if err := tc.change(dir); err != nil {
				t.Fatal(err)
			}
			if got := !Unchanged(root, set, written); got != tc.changed {
				t.Errorf("changed: %v, want %v", got, tc.changed)
			}
		})
	}
}

// TestRacy: an entry whose times are not older than the set's is not
// trusted.
func TestRacy(t *testing.T) {
	dir := tree(t)
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	set, _ := reads(t, root)
	var oldest int64 = 1 << 62
	for _, e := range set {
		if e.HasStat {
			oldest = min(oldest, e.Stat.Ctime, e.Stat.Mtime)
		}
	}
	if Unchanged(root, set, oldest) {
		t.Error("a set written at the time of its oldest entry was trusted")
	}
}

// TestIncomplete: a read that fails other than for a missing path leaves
// the set incomplete.
func TestIncomplete(t *testing.T) {
	dir := tree(t)
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	r := Record(root.FS())
	if _, err := fs.ReadFile(r, "../outside"); err == nil {
		t.Fatal("read outside the root")
	}
	if _, ok := r.Set(); ok {
		t.Error("a set with a failed read is complete")
	}
	r = Record(root.FS())
	f, err := r.Open("a")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	f.(fs.ReadDirFile).ReadDir(1)
	if _, ok := r.Set(); ok {
		t.Error("a set with a partial listing is complete")
	}
}

// statCounter counts the Stat calls on the files it opens.
type statCounter struct {
	fs.FS
	stats *int
}

func (c statCounter) Open(name string) (fs.File, error) {
	f, err := c.FS.Open(name)
	if err != nil {
		return nil, err
	}
	return countedFile{f, c.stats}, nil
}

type countedFile struct {
	fs.File
	stats *int
}

func (f countedFile) Stat() (fs.FileInfo, error) {
	*f.stats++
	return f.File.Stat()
}

// TestOpenStatIsNoted: a file opened through a Recorder gives as its
// status the one Open noted in the set, without a second fstat, even
// when the file changed in between.
func TestOpenStatIsNoted(t *testing.T) {
	dir := tree(t)
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	var stats int
	r := Record(statCounter{root.FS(), &stats})
	f, err := r.Open("a/x")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := os.WriteFile(filepath.Join(dir, "a", "x"), []byte("a longer text of a/x"), 0o644); err != nil {
		t.Fatal(err)
	}
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	if stats != 1 {
		t.Errorf("%d fstat calls for one Open and one Stat, want 1", stats)
	}
	st, ok := statOf(fi)
	if !ok {
		t.Fatal("no status")
	}
	r.mu.Lock()
	noted := r.seen["a/x"].Stat
	r.mu.Unlock()
	if st != noted || fi.Size() != int64(len("text of a/x")) {
		t.Errorf("Stat gave %+v (size %d), the set noted %+v", st, fi.Size(), noted)
	}
}
