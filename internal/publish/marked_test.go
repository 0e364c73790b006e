package publish

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// tree lists every file and folder under dir with its bytes and time;
// nil when dir does not exist.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		var b []byte
		if !d.IsDir() {
			b, _ = os.ReadFile(p)
		}
		m[p] = string(b) + "\x00" + info.Mode().String() + " " + info.ModTime().Format(time.RFC3339Nano)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func sameTree(a, b map[string]string) bool {
	if (a == nil) != (b == nil) || len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestOpenMarked: a folder roll wrote before is opened and locked without
// a byte or a time of it changing; any other folder is left to Open,
// untouched.
func TestOpenMarked(t *testing.T) {
	dir := t.TempDir()
	legacy := filepath.Join(dir, "legacy")
	os.MkdirAll(filepath.Join(legacy, "public"), 0o755)
	os.WriteFile(filepath.Join(legacy, ".public.manifest"), []byte("# roll site manifest v2: sha256 size mtime-ns key path\n"), 0o644)
	foreign := filepath.Join(dir, "foreign")
	os.MkdirAll(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "notes.txt"), []byte("mine"), 0o644)
	empty := filepath.Join(dir, "empty")
	os.MkdirAll(empty, 0o755)
	marked := filepath.Join(dir, "marked")
	build(t, marked, map[string]string{"a.html": "甲"})
	// A marked folder where an older roll's staging folder is left.
	stale := filepath.Join(dir, "stale")
	build(t, stale, map[string]string{"a.html": "甲"})
	os.MkdirAll(filepath.Join(stale, ".staging-1"), 0o755)
	// A marked folder whose marker was changed by hand.
	edited := filepath.Join(dir, "edited")
	build(t, edited, map[string]string{"a.html": "甲"})
	os.WriteFile(filepath.Join(edited, stateDir, markerName), []byte("mine\n"), 0o644)

	for _, tc := range []struct {
		dir    string
		opened bool
	}{
		{filepath.Join(dir, "missing"), false},
		{empty, false},
		{legacy, false},
		{foreign, false},
		{stale, false},
		{edited, false},
		{marked, true},
	} {
		before := tree(t, tc.dir)
		o, err := OpenMarked(tc.dir)
		if err != nil {
			t.Fatalf("%s: %v", tc.dir, err)
		}
		if (o != nil) != tc.opened {
			t.Errorf("%s: opened %v, want %v", tc.dir, o != nil, tc.opened)
		}
		if o != nil {
			var refused *Refused
			if _, err := Open(tc.dir); !errors.As(err, &refused) || !strings.Contains(err.Error(), "another roll build") {
				t.Errorf("%s: Open while OpenMarked holds the folder: %v, want a refusal", tc.dir, err)
			}
			if _, err := OpenMarked(tc.dir); !errors.As(err, &refused) {
				t.Errorf("%s: OpenMarked twice: %v, want a refusal", tc.dir, err)
			}
			if got := string(o.State("none")); got != "" {
				t.Errorf("%s: a state never kept: %q", tc.dir, got)
			}
			o.Close()
		}
		if !sameTree(before, tree(t, tc.dir)) {
			t.Errorf("%s: OpenMarked changed the folder", tc.dir)
		}
	}
}
