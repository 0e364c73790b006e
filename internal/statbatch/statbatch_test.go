package statbatch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"golang.org/x/sys/unix"
)

// staters are the two ways statuses are taken: through the ring where
// the system gives one, and fstatat for each.
func staters(t *testing.T) map[string]*Stater {
	t.Helper()
	m := map[string]*Stater{"fstatat": NewFallback()}
	if s := New(); s.Batched() {
		m["ring"] = s
	} else {
		t.Logf("io_uring not available: only fstatat tested")
	}
	t.Cleanup(func() {
		for _, s := range m {
			s.Close()
		}
	})
	return m
}

func openDir(t *testing.T, dir string) int {
	t.Helper()
	d, err := os.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return int(d.Fd())
}

func write(t *testing.T, p, s string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestStat: each name's status is fstatat's, field for field, whatever
// it is (file, folder, link not followed, missing, refused), in lists
// shorter and longer than the ring, with names of two folders mixed.
func TestStat(t *testing.T) {
	dir, other := t.TempDir(), t.TempDir()
	write(t, filepath.Join(other, "secret"), "outside")
	for i := range 700 {
		write(t, filepath.Join(dir, fmt.Sprintf("f%03d", i)), fmt.Sprint(i))
	}
	write(t, filepath.Join(other, "o"), "in the other folder")
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "sub", "inner"), "x")
	if err := os.Symlink(filepath.Join(other, "secret"), filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(other, filepath.Join(dir, "linkdir")); err != nil {
		t.Fatal(err)
	}
	fd, ofd := openDir(t, dir), openDir(t, other)

	type ask struct {
		fd   int
		name string
	}
	var asks []ask
	for i := range 700 {
		asks = append(asks, ask{fd, fmt.Sprintf("f%03d", i)})
		if i%100 == 0 {
			asks = append(asks, ask{ofd, "o"}, ask{fd, "missing"}, ask{fd, "link"}, ask{fd, "sub"})
		}
	}
	asks = append(asks,
		ask{fd, ""}, ask{fd, "."}, ask{fd, ".."}, ask{fd, "sub/inner"}, ask{fd, "linkdir/secret"},
		ask{fd, "../" + filepath.Base(other) + "/secret"}, ask{fd, "f\x00"}, ask{-1, "f000"}, ask{ofd, "f000"})

	want := make([]unix.Stat_t, len(asks))
	wantErr := make([]error, len(asks))
	for i, a := range asks {
		if !Valid(a.name) {
			wantErr[i] = ErrName
			continue
		}
		wantErr[i] = unix.Fstatat(a.fd, a.name, &want[i], unix.AT_SYMLINK_NOFOLLOW)
	}
	if wantErr[len(asks)-1] != unix.ENOENT || wantErr[len(asks)-2] != unix.EBADF {
		t.Fatalf("the table is not what it means to test: %v", wantErr[len(asks)-2:])
	}
	for name, s := range staters(t) {
		for _, n := range []int{0, 1, 255, 256, 257, len(asks)} {
			fds, names := make([]int, n), make([]string, n)
			for i := range n {
				fds[i], names[i] = asks[i].fd, asks[i].name
			}
			sts, errs := make([]unix.Stat_t, n+1), make([]error, n+1)
			errs[n] = errors.New("untouched")
			s.Stat(fds, names, sts, errs)
			for i := range n {
				if errs[i] != wantErr[i] {
					t.Errorf("%s, %d names: %q: error %v, want %v", name, n, names[i], errs[i], wantErr[i])
				} else if errs[i] == nil && sts[i] != want[i] {
					t.Errorf("%s, %d names: %q: status\n%+v, want\n%+v", name, n, names[i], sts[i], want[i])
				}
			}
			if errs[n] == nil || sts[n] != (unix.Stat_t{}) {
				t.Errorf("%s: an entry past the names was written", name)
			}
		}
	}
}

// TestStatChanges: a status is the file's as it is when asked, not as a
// ring or an earlier batch saw it.
func TestStatChanges(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a")
	write(t, p, "one")
	fd := openDir(t, dir)
	for name, s := range staters(t) {
		sts, errs := make([]unix.Stat_t, 1), make([]error, 1)
		write(t, p, "one")
		s.Stat([]int{fd}, []string{"a"}, sts, errs)
		if errs[0] != nil || sts[0].Size != 3 {
			t.Fatalf("%s: %v %d", name, errs[0], sts[0].Size)
		}
		write(t, p, "three")
		s.Stat([]int{fd}, []string{"a"}, sts, errs)
		if errs[0] != nil || sts[0].Size != 5 {
			t.Errorf("%s: rewritten: %v %d", name, errs[0], sts[0].Size)
		}
		os.Remove(p)
		s.Stat([]int{fd}, []string{"a"}, sts, errs)
		if errs[0] != unix.ENOENT {
			t.Errorf("%s: removed: %v", name, errs[0])
		}
	}
}

// TestStatConcurrent: batches of many goroutines take turns on the ring
// and each gets its own statuses.
func TestStatConcurrent(t *testing.T) {
	dir := t.TempDir()
	for i := range 50 {
		write(t, filepath.Join(dir, fmt.Sprint(i)), string(make([]byte, i)))
	}
	fd := openDir(t, dir)
	for name, s := range staters(t) {
		var wg sync.WaitGroup
		for g := range 8 {
			wg.Go(func() {
				for range 50 {
					n := 300 + g
					fds, names := make([]int, n), make([]string, n)
					for i := range n {
						fds[i], names[i] = fd, fmt.Sprint((i+g)%50)
					}
					sts, errs := make([]unix.Stat_t, n), make([]error, n)
					s.Stat(fds, names, sts, errs)
					for i := range n {
						if errs[i] != nil || sts[i].Size != int64((i+g)%50) {
							t.Errorf("%s: %s: %v, size %d", name, names[i], errs[i], sts[i].Size)
							return
						}
					}
				}
			})
		}
		wg.Wait()
	}
}

// TestClosed: a Stater closed, or nil, still answers, with fstatat.
func TestClosed(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a"), "x")
	fd := openDir(t, dir)
	s := New()
	s.Close()
	for _, s := range []*Stater{s, nil} {
		sts, errs := make([]unix.Stat_t, 2), make([]error, 2)
		s.Stat([]int{fd, fd}, []string{"a", "b"}, sts, errs)
		if errs[0] != nil || sts[0].Size != 1 || errs[1] != unix.ENOENT || s.Batched() {
			t.Errorf("%v %v %d", errs[0], errs[1], sts[0].Size)
		}
	}
}

// TestList: a List takes a chunk's statuses when one of them is first
// asked for, answers each index with its own file, and refuses what at
// refuses.
func TestList(t *testing.T) {
	dir := t.TempDir()
	const n = 600
	for i := range n {
		if i%7 != 3 {
			write(t, filepath.Join(dir, fmt.Sprint(i)), string(make([]byte, i)))
		}
	}
	fd := openDir(t, dir)
	for name, s := range staters(t) {
		asked := make([]int, n)
		type kept struct {
			size int64
			err  error
		}
		l := NewList(s, n, func(i int) (int, string, bool) {
			asked[i]++
			return fd, fmt.Sprint(i), i%11 != 5
		}, func(st *unix.Stat_t, err error) kept { return kept{st.Size, err} })
		var wg sync.WaitGroup
		for g := range 4 {
			wg.Go(func() {
				for i := n - 1 - g; i >= 0; i -= 4 {
					k := l.Get(i)
					size, err := k.size, k.err
					switch {
					case i%11 == 5:
						if err != ErrName {
							t.Errorf("%s: %d: %v, want ErrName", name, i, err)
						}
					case i%7 == 3:
						if err != unix.ENOENT {
							t.Errorf("%s: %d: %v, want ENOENT", name, i, err)
						}
					case err != nil || size != int64(i):
						t.Errorf("%s: %d: %v, size %d", name, i, err, size)
					}
				}
			})
		}
		wg.Wait()
		for i, a := range asked {
			if a != 1 {
				t.Fatalf("%s: at(%d) called %d times", name, i, a)
			}
		}
		// Nothing asked, nothing taken.
		NewList(s, n, func(int) (int, string, bool) { t.Fatal("at called"); return 0, "", false },
			func(*unix.Stat_t, error) int { t.Fatal("keep called"); return 0 })
	}
}

// FuzzStat: any names, valid or not, give fstatat's answer for each.
func FuzzStat(f *testing.F) {
	f.Add("a", "b/c", "..")
	f.Add("", ".", "a\x00b")
	f.Add("sub", "link", "missing")
	dir := f.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a"), []byte("x"), 0o644); err != nil {
		f.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		f.Fatal(err)
	}
	if err := os.Symlink("/", filepath.Join(dir, "link")); err != nil {
		f.Fatal(err)
	}
	d, err := os.Open(dir)
	if err != nil {
		f.Fatal(err)
	}
	defer d.Close()
	fd := int(d.Fd())
	ring, plain := New(), NewFallback()
	defer ring.Close()
	f.Fuzz(func(t *testing.T, a, b, c string) {
		names := []string{a, b, c, a}
		fds := []int{fd, fd, fd, fd}
		for i, s := range []*Stater{ring, plain} {
			sts, errs := make([]unix.Stat_t, 4), make([]error, 4)
			s.Stat(fds, names, sts, errs)
			for k, name := range names {
				var want unix.Stat_t
				var werr error = ErrName
				if Valid(name) {
					werr = unix.Fstatat(fd, name, &want, unix.AT_SYMLINK_NOFOLLOW)
				}
				if errs[k] != werr || (werr == nil && sts[k] != want) {
					t.Fatalf("stater %d: %q: %v %+v, want %v %+v", i, name, errs[k], sts[k], werr, want)
				}
			}
		}
	})
}
