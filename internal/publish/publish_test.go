package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/yancheng-jyyw/roll/internal/site"
)

// build writes files as the site "public" of the output folder dir and
// publishes it.
func build(t *testing.T, dir string, files map[string]string) *Tree {
	t.Helper()
	o, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	tr, err := o.Begin("public")
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range files {
		if err := tr.Put(name, []byte(body), site.Key{}); err != nil {
			t.Fatal(err)
		}
	}
	if err := tr.Finish(); err != nil {
		t.Fatal(err)
	}
	if err := o.Publish(tr); err != nil {
		t.Fatal(err)
	}
	return tr
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestPublishReplaces(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "_site")
	for i, body := range []string{"一", "二", "三"} {
		files := map[string]string{"a/b.html": body}
		if i == 0 {
			files["old-only.txt"] = "x"
		}
		build(t, dir, files)
		if got := read(t, filepath.Join(dir, "public", "a", "b.html")); got != body {
			t.Fatalf("after build %d: %q, want %q", i, got, body)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "old-only.txt")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a file of an earlier build survived: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got, want := strings.Join(names, " "), ".roll public"; got != want {
		t.Errorf("the folder holds %q, want %q", got, want)
	}
}

func TestIncremental(t *testing.T) {
	dir := t.TempDir()
	build(t, dir, map[string]string{"index.html": "首页", "a/b.html": "乙", "gone/x.html": "x"})
	stat := func(name string) os.FileInfo {
		fi, err := os.Stat(filepath.Join(dir, "public", name))
		if err != nil {
			t.Fatal(err)
		}
		return fi
	}
	index := stat("index.html")
	tr := build(t, dir, map[string]string{"index.html": "首页", "a/b.html": "丙", "c.html": "新"})
	if tr.Written() != 2 || tr.Linked() != 1 {
		t.Errorf("written %d, linked %d; want 2 and 1", tr.Written(), tr.Linked())
	}
	if !os.SameFile(index, stat("index.html")) {
		t.Error("index.html was written again though its bytes are the same")
	}
	for name, want := range map[string]string{"index.html": "首页", "a/b.html": "丙", "c.html": "新"} {
		if got := read(t, filepath.Join(dir, "public", name)); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "gone")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the folder of a file no longer built is still there: %v", err)
	}
	// The inactive tree held the first build: now it is updated in place.
	tr = build(t, dir, map[string]string{"index.html": "首页", "a/b.html": "丙", "c.html": "新"})
	if tr.Written() != 0 || tr.Kept()+tr.Linked() != 3 {
		t.Errorf("a third build of the same files: written %d, kept %d, linked %d", tr.Written(), tr.Kept(), tr.Linked())
	}
}

// TestKeys: a file whose key is the one recorded is kept unread, in the
// inactive tree or from the live one.
func TestKeys(t *testing.T) {
	dir := t.TempDir()
	key := site.NewInputs("k").Done()
	for i := range 3 {
		o, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		tr, err := o.Begin("public")
		if err != nil {
			t.Fatal(err)
		}
		kept, err := tr.Keep("a.html", key)
		if err != nil {
			t.Fatal(err)
		}
		if kept != (i > 0) {
			t.Errorf("build %d: Keep = %v", i, kept)
		}
		if !kept {
			if err := tr.Put("a.html", []byte("甲"), key); err != nil {
				t.Fatal(err)
			}
		}
		if err := tr.Finish(); err != nil {
			t.Fatal(err)
		}
		if err := o.Publish(tr); err != nil {
			t.Fatal(err)
		}
		o.Close()
		if got := read(t, filepath.Join(dir, "public", "a.html")); got != "甲" {
			t.Errorf("build %d: a.html = %q", i, got)
		}
	}
}

// TestWithoutManifest: with the manifests lost, files are compared by
// content, and the site is still right.
func TestWithoutManifest(t *testing.T) {
	dir := t.TempDir()
	build(t, dir, map[string]string{"index.html": "首页", "a.html": "甲"})
	build(t, dir, map[string]string{"index.html": "首页", "a.html": "甲"})
	ms, _ := filepath.Glob(filepath.Join(dir, ".roll", "*.manifest"))
	if len(ms) != 2 {
		t.Fatalf("manifests %q, want one for each tree", ms)
	}
	for _, m := range ms {
		os.Remove(m)
	}
	tr := build(t, dir, map[string]string{"index.html": "首页", "a.html": "乙"})
	if tr.Written() != 1 || tr.Kept() != 1 {
		t.Errorf("written %d, kept %d; want 1 and 1", tr.Written(), tr.Kept())
	}
	if got := read(t, filepath.Join(dir, "public", "a.html")); got != "乙" {
		t.Errorf("a.html = %q", got)
	}
}

// TestRepairsHandEdits: a file changed or removed by hand since the last
// build is written again, though a manifest remembers it as built; the
// edit never reaches the other tree through a shared link.
func TestRepairsHandEdits(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"index.html": "首页", "a.html": "甲"}
	build(t, dir, files)
	build(t, dir, files)
	live := filepath.Join(dir, "public")
	later := time.Now().Add(time.Hour)
	if err := os.WriteFile(filepath.Join(live, "index.html"), []byte("篡改"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(filepath.Join(live, "index.html"), later, later)
	if err := os.Remove(filepath.Join(live, "a.html")); err != nil {
		t.Fatal(err)
	}
	build(t, dir, files)
	build(t, dir, files)
	for name, want := range files {
		if got := read(t, filepath.Join(live, name)); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
}

func TestRejectsBadNames(t *testing.T) {
	o, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	tr, err := o.Begin("public")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"../x", "/etc/x", "", "a/../../b"} {
		if err := tr.Put(name, nil, site.Key{}); err == nil {
			t.Errorf("Put(%q): no error", name)
		}
	}
	if err := tr.Put("a.html", []byte("1"), site.Key{}); err != nil {
		t.Fatal(err)
	}
	if err := tr.Put("a.html", []byte("2"), site.Key{}); err == nil {
		t.Error("a second Put of a.html: no error")
	}
	for _, name := range []string{"../x", ".roll", "a/b"} {
		if _, err := o.Begin(name); err == nil {
			t.Errorf("Begin(%q): no error", name)
		}
	}
}

// TestRefusesForeignFolder: a folder roll did not write is refused, and
// nothing in it is touched.
func TestRefusesForeignFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "embed.go"), []byte("package templates"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Mkdir(filepath.Join(dir, "public"), 0o755)
	os.WriteFile(filepath.Join(dir, "public", "base.html"), []byte("<html>"), 0o644)
	_, err := Open(dir)
	var refused *Refused
	if !errors.As(err, &refused) || !strings.Contains(err.Error(), "embed.go") {
		t.Fatalf("Open of a folder of templates: %v, want a refusal naming embed.go", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "base.html")); err != nil {
		t.Errorf("the refused folder lost a file: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, stateDir)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the refused folder got %s: %v", stateDir, err)
	}
	// Only public/ and internal/ in it, but no trace of roll: refused too.
	other := t.TempDir()
	os.Mkdir(filepath.Join(other, "public"), 0o755)
	if _, err := Open(other); !errors.As(err, &refused) {
		t.Errorf("Open of a folder with a public/ roll did not write: %v, want a refusal", err)
	}
	// A file beside the sites of a folder roll wrote is left alone.
	dir = t.TempDir()
	build(t, dir, map[string]string{"a.html": "甲"})
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	build(t, dir, map[string]string{"a.html": "乙"})
	if got := read(t, filepath.Join(dir, "notes.txt")); got != "mine" {
		t.Errorf("notes.txt = %q", got)
	}
}

// TestLegacyFolder: a folder an older roll wrote (manifests beside the
// sites, a staging folder left by a crash) is taken over and cleaned.
func TestLegacyFolder(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "public"), 0o755)
	os.WriteFile(filepath.Join(dir, "public", "a.html"), []byte("旧"), 0o644)
	os.WriteFile(filepath.Join(dir, ".public.manifest"), []byte("# roll site manifest v2: sha256 size mtime-ns key path\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, ".staging-123"), 0o755)
	build(t, dir, map[string]string{"a.html": "新"})
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{".roll", "public"}) {
		t.Errorf("after taking over an old folder: %q", names)
	}
	if got := read(t, filepath.Join(dir, "public", "a.html")); got != "新" {
		t.Errorf("a.html = %q", got)
	}
}

// TestLock: a second build into a folder while one holds it is refused.
func TestLock(t *testing.T) {
	dir := t.TempDir()
	o, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(dir)
	var refused *Refused
	if !errors.As(err, &refused) || !strings.Contains(err.Error(), "another roll build") {
		t.Errorf("a second Open while the first holds the folder: %v, want a refusal", err)
	}
	o.Close()
	o2, err := Open(dir)
	if err != nil {
		t.Errorf("Open after Close: %v", err)
	} else {
		o2.Close()
	}
}

// TestRecoversFallbackSwap: a crash in the middle of the renames that
// stand in for an exchange is completed by the next build.
func TestRecoversFallbackSwap(t *testing.T) {
	for _, tc := range []struct {
		name  string
		crash func(live, spare, aside string)
		want  string
	}{
		{"live moved aside", func(live, spare, aside string) { os.Rename(live, aside) }, "新"},
		{"new one in place", func(live, spare, aside string) { os.Rename(live, aside); os.Rename(spare, live) }, "新"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			build(t, dir, map[string]string{"a.html": "旧"})
			o, _ := Open(dir)
			tr, _ := o.Begin("public")
			tr.Put("a.html", []byte("新"), site.Key{})
			tr.Finish()
			live, spare := filepath.Join(dir, "public"), filepath.Join(dir, stateDir, "public")
			tc.crash(live, spare, spare+".old")
			o.Close()
			o, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := o.Begin("public"); err != nil {
				t.Fatal(err)
			}
			o.Close()
			if got := read(t, filepath.Join(live, "a.html")); got != tc.want {
				t.Errorf("after recovery a.html = %q, want %q", got, tc.want)
			}
			if _, err := os.Stat(spare + ".old"); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("%s.old left: %v", spare, err)
			}
		})
	}
}

// keyedBuild builds files as the site "public" of dir, each keyed by its
// bytes, as site.Render gives them: kept when Keep says so, else put. It
// returns the names kept.
func keyedBuild(t *testing.T, dir string, files map[string]string) []string {
	t.Helper()
	return keyedBuildWith(t, dir, files, false)
}

// keyedBuildWith is keyedBuild, with the statuses taken one by one as
// where io_uring is refused when plain is true.
func keyedBuildWith(t *testing.T, dir string, files map[string]string, plain bool) []string {
	t.Helper()
	o, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	if plain {
		statOneByOne(o)
	}
	tr, err := o.Begin("public")
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for name, body := range files {
		key := site.NewInputs("file").String(body).Done()
		ok, err := tr.Keep(name, key)
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			kept = append(kept, name)
		} else if err := tr.Put(name, []byte(body), key); err != nil {
			t.Fatal(err)
		}
	}
	if err := tr.Finish(); err != nil {
		t.Fatal(err)
	}
	if err := o.Publish(tr); err != nil {
		t.Fatal(err)
	}
	slices.Sort(kept)
	return kept
}

// TestKeepChecksTheInactiveTree: the manifest vouches for a file of the
// inactive tree only while the file's status is the one it notes; a
// file altered there (in place, keeping its size; removed; made a link
// or a folder) is not kept, and the build is still right.
func TestKeepChecksTheInactiveTree(t *testing.T) {
	files := map[string]string{"index.html": "首页", "a/b.html": "乙乙", "c.html": "丙丙", "d.html": "丁丁", "e.html": "戊戊"}
	for _, tc := range []struct {
		name  string
		alter func(t *testing.T, p string) // the file of the inactive tree
	}{
		{"rewritten in place, same size", func(t *testing.T, p string) {
			later := time.Now().Add(time.Hour)
			if err := os.WriteFile(p, []byte("篡改"), 0o644); err != nil {
				t.Fatal(err)
			}
			os.Chtimes(p, later, later)
		}},
		{"removed", func(t *testing.T, p string) {
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
		}},
		{"a link to a file of the same size and time", func(t *testing.T, p string) {
			fi, err := os.Lstat(p)
			if err != nil {
				t.Fatal(err)
			}
			other := filepath.Join(t.TempDir(), "x")
			os.WriteFile(other, []byte("篡改"), 0o644)
			os.Chtimes(other, fi.ModTime(), fi.ModTime())
			os.Remove(p)
			if err := os.Symlink(other, p); err != nil {
				t.Skip("no symbolic links here")
			}
		}},
		{"a folder", func(t *testing.T, p string) {
			os.Remove(p)
			if err := os.Mkdir(p, 0o755); err != nil {
				t.Fatal(err)
			}
		}},
		{"its folder moved, a link to it left in its place", func(t *testing.T, p string) {
			moved := filepath.Join(t.TempDir(), "a")
			if err := os.Rename(filepath.Dir(p), moved); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(moved, filepath.Dir(p)); err != nil {
				t.Skip("no symbolic links here")
			}
		}},
	} {
		for _, plain := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s, one by one %v", tc.name, plain), func(t *testing.T) {
				keepChecksTheInactiveTree(t, files, tc.alter, plain)
			})
		}
	}
}

func keepChecksTheInactiveTree(t *testing.T, files map[string]string, alter func(*testing.T, string), plain bool) {
	keyedBuild := func(t *testing.T, dir string, files map[string]string) []string {
		t.Helper()
		return keyedBuildWith(t, dir, files, plain)
	}
	dir := t.TempDir()
	keyedBuild(t, dir, files)
	keyedBuild(t, dir, files) // both trees hold the files, each with its manifest
	if kept := keyedBuild(t, dir, files); len(kept) != len(files) {
		t.Fatalf("a third build kept %q, want every file", kept)
	}
	// The inactive tree now holds the second build; the live tree's
	// file is unlinked from it first, so that only the inactive
	// tree is altered.
	spare, live := filepath.Join(dir, ".roll", "public", "a", "b.html"), filepath.Join(dir, "public", "a", "b.html")
	b := read(t, live)
	os.Remove(live)
	os.WriteFile(live, []byte(b), 0o644)
	alter(t, spare)
	kept := keyedBuild(t, dir, files)
	if slices.Contains(kept, "a/b.html") {
		t.Errorf("the altered file was kept; kept %q", kept)
	}
	if len(kept) != len(files)-1 {
		t.Errorf("kept %q, want every file but a/b.html", kept)
	}
	for name, want := range files {
		if got := read(t, filepath.Join(dir, "public", filepath.FromSlash(name))); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
}

// TestKeepAFileTwice: a site that gives one name twice is refused, kept
// or put.
func TestKeepAFileTwice(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"index.html": "首页"}
	keyedBuild(t, dir, files)
	keyedBuild(t, dir, files)
	o, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	tr, err := o.Begin("public")
	if err != nil {
		t.Fatal(err)
	}
	key := site.NewInputs("file").String("首页").Done()
	if ok, err := tr.Keep("index.html", key); !ok || err != nil {
		t.Fatalf("Keep = %v, %v; want it kept", ok, err)
	}
	if _, err := tr.Keep("index.html", key); err == nil {
		t.Error("kept twice, want an error")
	}
	if err := tr.Put("index.html", []byte("首页"), key); err == nil {
		t.Error("put after it was kept, want an error")
	}
	if err := tr.Put("new.html", []byte("新"), key); err != nil {
		t.Fatal(err)
	}
	if err := tr.Put("new.html", []byte("新"), key); err == nil {
		t.Error("a new file put twice, want an error")
	}
}

// TestStateSize: the size of a kept state is read without opening the
// folder, and only of a regular file: none, a folder, a link or a FIFO
// in its place give 0.
func TestStateSize(t *testing.T) {
	dir := t.TempDir()
	if n := StateSize(dir, "memo"); n != 0 {
		t.Errorf("a folder roll never wrote: %d, want 0", n)
	}
	o, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := o.SetState("memo", []byte("twelve bytes")); err != nil {
		t.Fatal(err)
	}
	o.Close()
	if n := StateSize(dir, "memo"); n != 12 {
		t.Errorf("a state of 12 bytes: %d", n)
	}
	if n := StateSize(dir, "other"); n != 0 {
		t.Errorf("a state never kept: %d, want 0", n)
	}
	state := filepath.Join(dir, stateDir)
	if err := os.Symlink(filepath.Join(state, "memo.state"), filepath.Join(state, "link.state")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(state, "folder.state"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(state, "fifo.state"), 0o644); err != nil {
		t.Logf("no FIFO: %v", err)
	}
	for _, name := range []string{"link", "folder", "fifo"} {
		if n := StateSize(dir, name); n != 0 {
			t.Errorf("a %s in the state's place: %d, want 0", name, n)
		}
	}
}
