package rootfs

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// tree makes a repository-like tree with links in and out of it, and an
// FS over it.
func tree(t *testing.T) (*FS, fs.FS) {
	t.Helper()
	dir := t.TempDir()
	outside := t.TempDir()
	for name, text := range map[string]string{
		"site.yaml":                     "top\n",
		"records/heroes/a/H-1.md":       "one\n",
		"records/heroes/a/H-2.md":       "two\n",
		"records/heroes/b/H-3.md":       "three\n",
		"records/visits/2020/V-1.yaml":  "visit\n",
		"records/visits/2020/.hidden":   "hidden\n",
		"schemas/hero.schema.json":      "{}\n",
		"records/heroes/b/sub/deep.txt": "deep\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(outside, "secret"), []byte("secret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{
		"records/heroes/a/out.md":     filepath.Join(outside, "secret"), // out of the repository
		"records/heroes/a/sibling.md": "../b/H-3.md",                    // out of its folder, inside the repository
		"records/heroes/a/same.md":    "H-1.md",                         // inside its folder
		"records/heroes/c":            outside,                          // a folder out of the repository
		"records/heroes/d":            "b",                              // a folder inside it
	} {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(link))); err != nil {
			t.Fatal(err)
		}
	}
	r, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	f := New(r)
	t.Cleanup(func() { f.Close() })
	return f, r.FS()
}

// TestSameAsRoot: every path, of a file, a folder, a link in or out of
// the repository or of its folder, missing or invalid, opens to the same
// bytes or fails with the same error as through the root.
func TestSameAsRoot(t *testing.T) {
	f, root := tree(t)
	for _, name := range []string{
		"site.yaml", "records/heroes/a/H-1.md", "records/heroes/a/H-2.md", "records/heroes/b/H-3.md",
		"records/visits/2020/V-1.yaml", "records/visits/2020/.hidden", "records/heroes/b/sub/deep.txt",
		"records/heroes/a/out.md", "records/heroes/a/sibling.md", "records/heroes/a/same.md",
		"records/heroes/c/secret", "records/heroes/d/H-3.md", "records/heroes/a", "records",
		"records/heroes/a/missing.md", "records/missing/x.md", "records/heroes/a/H-1.md/x",
		"records/../site.yaml", "/site.yaml", "records/heroes//a/H-1.md", "records/heroes/a/", ".", "",
	} {
		want, wantErr := readAll(root, name)
		got, err := readAll(f, name)
		if got != want || errText(err) != errText(wantErr) {
			t.Errorf("%q: got %q, %v; through the root %q, %v", name, got, err, want, wantErr)
		}
		if errors.Is(err, fs.ErrNotExist) != errors.Is(wantErr, fs.ErrNotExist) {
			t.Errorf("%q: not-exist %v, through the root %v", name, errors.Is(err, fs.ErrNotExist), errors.Is(wantErr, fs.ErrNotExist))
		}
	}
	// The files are named as the root names them (in the errors of their
	// reads, say), and are as blocking as the root's.
	for _, name := range []string{"records/heroes/a/H-1.md", "records/heroes/a", "records/heroes/a/same.md", "site.yaml"} {
		got, err := f.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		want, err := root.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := got.(*os.File).Name(), want.(*os.File).Name(); g != w {
			t.Errorf("%q is named %q, through the root %q", name, g, w)
		}
		gi, _ := got.Stat()
		wi, _ := want.Stat()
		if !os.SameFile(gi, wi) || gi.Mode() != wi.Mode() || gi.Name() != wi.Name() || gi.Size() != wi.Size() || !gi.ModTime().Equal(wi.ModTime()) {
			t.Errorf("%q: status %v, through the root %v", name, gi, wi)
		}
		got.Close()
		want.Close()
	}
	// Twice, from the folders kept open.
	if got, _ := readAll(f, "records/heroes/a/H-2.md"); got != "two\n" {
		t.Errorf("read again: %q", got)
	}
}

func readAll(fsys fs.FS, name string) (string, error) {
	file, err := fsys.Open(name)
	if err != nil {
		return "", err
	}
	defer file.Close()
	fi, err := file.Stat()
	if err != nil {
		return "", err
	}
	if fi.IsDir() {
		return "<folder " + fi.Name() + ">", nil
	}
	b, err := io.ReadAll(file)
	return string(b), err
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestFS: the FS is a correct fs.FS (fstest), with the interfaces of
// os.Root.FS.
func TestFS(t *testing.T) {
	f, _ := tree(t)
	sub, err := fs.Sub(f, "records/visits")
	if err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(sub, "2020/V-1.yaml", "2020/.hidden"); err != nil {
		t.Error(err)
	}
	var _ interface {
		fs.ReadDirFS
		fs.ReadFileFS
		fs.StatFS
		fs.ReadLinkFS
	} = f
}

// TestFolderGone: a folder kept open and then removed fails as through
// the root.
func TestFolderGone(t *testing.T) {
	f, root := tree(t)
	if _, err := readAll(f, "records/heroes/b/H-3.md"); err != nil {
		t.Fatal(err)
	}
	dir := f.root.Name()
	if err := os.RemoveAll(filepath.Join(dir, "records/heroes/b")); err != nil {
		t.Fatal(err)
	}
	_, err := readAll(f, "records/heroes/b/H-3.md")
	_, wantErr := readAll(root, "records/heroes/b/H-3.md")
	if errText(err) != errText(wantErr) || err == nil {
		t.Errorf("got %v, through the root %v", err, wantErr)
	}
}

// TestReadDirSameAsRoot: every folder, a linked one, a file, a missing or
// invalid path lists the same entries, of the same types and statuses,
// or fails with the same error as through the root, and again once the
// folder is kept open.
func TestReadDirSameAsRoot(t *testing.T) {
	f, root := tree(t)
	readDirSameAsRoot(t, f, root)
}

func readDirSameAsRoot(t *testing.T, f *FS, root fs.FS) {
	t.Helper()
	for range 2 {
		for _, name := range []string{
			".", "records", "records/heroes", "records/heroes/a", "records/heroes/b", "records/heroes/b/sub",
			"records/visits/2020", "records/heroes/c", "records/heroes/d", "schemas",
			"records/heroes/a/H-1.md", "records/missing", "records/../schemas", "/records", "",
		} {
			got, err := fs.ReadDir(f, name)
			want, wantErr := fs.ReadDir(root, name)
			if errText(err) != errText(wantErr) {
				t.Errorf("%q: error %v, through the root %v", name, err, wantErr)
			}
			if len(got) != len(want) {
				t.Errorf("%q: %d entries, through the root %d", name, len(got), len(want))
				continue
			}
			for i := range got {
				g, w := got[i], want[i]
				if g.Name() != w.Name() || g.Type() != w.Type() || g.IsDir() != w.IsDir() {
					t.Errorf("%q: entry %d is %q %v, through the root %q %v", name, i, g.Name(), g.Type(), w.Name(), w.Type())
				}
				gi, gerr := g.Info()
				wi, werr := w.Info()
				if errText(gerr) != errText(werr) || !sameFile(gi, wi) || gi.Name() != wi.Name() || gi.Mode() != wi.Mode() || gi.Size() != wi.Size() || !gi.ModTime().Equal(wi.ModTime()) {
					t.Errorf("%q: %q's status %v, %v; through the root %v, %v", name, g.Name(), gi, gerr, wi, werr)
				}
			}
		}
	}
}

// TestReadDirLazy: the folder's entries are listed without their
// statuses, which are taken when the first of them is asked for: a file
// changed after the listing gives its new status, as a lazy entry of
// os.ReadDir does.
func TestReadDirLazy(t *testing.T) {
	f, _ := tree(t)
	list, err := f.ReadDir("records/heroes/a")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(f.root.Name(), "records/heroes/a/H-1.md"), []byte("longer now\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, d := range list {
		if d.Name() != "H-1.md" {
			continue
		}
		fi, err := d.Info()
		if err != nil || fi.Size() != int64(len("longer now\n")) {
			t.Errorf("status after the change: %v, %v", fi, err)
		}
		return
	}
	t.Fatal("H-1.md not listed")
}
