package regularfs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
)

// tree makes a templates folder with a regular file, a folder, links of
// every sort and a FIFO, and returns the repository's root.
func tree(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	dir := filepath.Join(root, "templates")
	must(t, os.MkdirAll(filepath.Join(dir, "public", "static"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "public", "static", "style.css"), []byte("body{}"), 0o644))
	must(t, os.WriteFile(filepath.Join(root, "secret"), []byte("token"), 0o644))
	must(t, os.Symlink("../../../secret", filepath.Join(dir, "public", "static", "leak.css")))
	must(t, os.Symlink("static", filepath.Join(dir, "public", "linked")))
	must(t, syscall.Mkfifo(filepath.Join(dir, "public", "static", "fifo.css"), 0o644))
	return root
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestOpen(t *testing.T) {
	root := tree(t)
	f, err := Open(filepath.Join(root, "templates"), "templates")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if b, err := f.ReadFile("public/static/style.css"); err != nil || string(b) != "body{}" {
		t.Errorf("ReadFile(style.css) = %q, %v; want body{}", b, err)
	}
	tests := []struct {
		name, wantPath string
		want           error
	}{
		{"public/static/leak.css", "templates/public/static/leak.css", ErrLink},
		{"public/linked/style.css", "templates/public/linked", ErrLink},
		{"public/static/fifo.css", "templates/public/static/fifo.css", ErrIrregular},
		{"public/static/none.css", "templates/public/static/none.css", fs.ErrNotExist},
		{"../secret", "templates/../secret", fs.ErrInvalid},
	}
	for _, tt := range tests {
		_, err := f.ReadFile(tt.name)
		var pe *fs.PathError
		if !errors.Is(err, tt.want) || !errors.As(err, &pe) || pe.Path != tt.wantPath {
			t.Errorf("ReadFile(%s) = %v, want %v at %s", tt.name, err, tt.want, tt.wantPath)
		}
	}
	// A walk sees the links and the FIFO, and reading them fails.
	var failed []string
	err = fs.WalkDir(f, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			if _, err := fs.ReadFile(f, p); err != nil {
				failed = append(failed, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"public/linked", "public/static/fifo.css", "public/static/leak.css"}
	if !slices.Equal(failed, want) {
		t.Errorf("reads failed for %q, want %q", failed, want)
	}
}

func TestOpenLinkedFolder(t *testing.T) {
	root := tree(t)
	must(t, os.Symlink("templates", filepath.Join(root, "linked")))
	if _, err := Open(filepath.Join(root, "linked"), "linked"); !errors.Is(err, ErrLink) {
		t.Errorf("Open(a link to a folder) = %v, want %v", err, ErrLink)
	}
}

func TestFind(t *testing.T) {
	root := tree(t)
	r, err := os.OpenRoot(root)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	found, err := Find(r.FS(), "templates")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range found {
		got = append(got, e.Path+": "+e.Err.Error())
	}
	want := []string{
		"templates/public/linked: " + ErrLink.Error(),
		"templates/public/static/fifo.css: " + ErrIrregular.Error(),
		"templates/public/static/leak.css: " + ErrLink.Error(),
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Find =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if found, err := Find(r.FS(), "nothing"); err != nil || len(found) > 0 {
		t.Errorf("Find(a missing folder) = %v, %v; want none", found, err)
	}
	mem := fstest.MapFS{"t/a": {Mode: fs.ModeSymlink}, "t/b": {}}
	if found, err := Find(mem, "t"); err != nil || len(found) != 1 || found[0].Path != "t/a" {
		t.Errorf("Find(MapFS) = %v, %v; want t/a", found, err)
	}
}
