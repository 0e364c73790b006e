package check

import (
	"bytes"
	"crypto/sha256"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/l10n"
	"github.com/yancheng-jyyw/roll/internal/records"
	"github.com/yancheng-jyyw/roll/internal/report"
)

// keptRepo copies the repository's sample (records, schemas, templates)
// with a few mistakes added, so that the check has errors and warnings of
// the schemas, the YAML, the walk and the rules.
func keptRepo(t *testing.T) string {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("a check is kept on Linux only")
	}
	dir := t.TempDir()
	for _, sub := range []string{"records", "schemas", "templates"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join("..", "..", sub))); err != nil {
			t.Fatal(err)
		}
	}
	for p, s := range map[string]string{
		"records/visits/2020/V-2020-9001.yaml": "id: V-2020-9001\nhero: H-2099-0001\n",
		"records/visits/2020/V-2020-9002.yaml": "id: [V-2020-9002\n",
		"records/heroes/notes.txt":             "not a record\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, p), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "templates", "passwd")); err != nil {
		t.Fatal(err)
	}
	// The files' times are older than the kept check's, as they are when
	// a person edits and then checks.
	time.Sleep(10 * time.Millisecond)
	return dir
}

// rendered is every report of res: text, JSON and GitHub, in lang.
func rendered(t *testing.T, list finding.List, lang l10n.Lang) string {
	t.Helper()
	var b bytes.Buffer
	for _, f := range []report.Format{report.Text, report.JSON, report.GitHub} {
		if err := report.Write(&b, f, list, l10n.Printer(lang)); err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}

// fresh is the check of dir without any cache, rendered.
func fresh(t *testing.T, dir string, opts Options) string {
	t.Helper()
	opts.Code, opts.Cache = [sha256.Size]byte{}, nil
	res, err := Run(dir, opts)
	if err != nil {
		return "error: " + err.Error()
	}
	return rendered(t, res.Findings, opts.Lang)
}

// keptRun is the check of dir with the check kept, rendered, and whether
// its findings were given again. The records cache is on disk, as in roll
// check: the records whose status it trusts are not opened.
func keptRun(t *testing.T, dir string, opts Options) (string, bool) {
	t.Helper()
	opts.Cache = records.OnDisk(dir, opts.Code)
	res, err := Run(dir, opts)
	if err != nil {
		return "error: " + err.Error(), false
	}
	if res.Kept && (res.Repo != nil || res.Schemas != nil) {
		t.Error("a kept check has a repository")
	}
	return rendered(t, res.Findings, opts.Lang), res.Kept
}

var code1, code2 = [sha256.Size]byte{1}, [sha256.Size]byte{2}

// TestKeptIsTheRun: a kept check gives the reports of a check that runs,
// in both languages, for the whole repository and for a path, and is
// given again only for the same roll and date.
func TestKeptIsTheRun(t *testing.T) {
	dir := keptRepo(t)
	opts := Options{Today: sampleDay, Code: code1}
	want := fresh(t, dir, opts)
	for _, w := range []string{"V-2020-9001", "YAML", "notes.txt", "templates/passwd", "warning"} {
		if !strings.Contains(want, w) {
			t.Fatalf("the repository's check lacks %q:\n%s", w, want)
		}
	}
	if got, kept := keptRun(t, dir, opts); kept || got != want {
		t.Fatalf("first check: kept %v, same %v", kept, got == want)
	}
	for _, lang := range []l10n.Lang{l10n.Chinese, l10n.English} {
		for _, paths := range [][]string{nil, {"records/visits"}, {"records/heroes/notes.txt"}} {
			o := opts
			o.Lang, o.Paths = lang, paths
			got, kept := keptRun(t, dir, o)
			if !kept {
				t.Errorf("%s %q: not given again", lang, paths)
			}
			if want := fresh(t, dir, o); got != want {
				t.Errorf("%s %q: the kept check gives\n%s\nthe check gives\n%s", lang, paths, got, want)
			}
		}
	}
	for name, o := range map[string]Options{
		"another date": {Today: sampleDay.AddDate(0, 0, 1), Code: code1},
		"another roll": {Today: sampleDay, Code: code2},
		"a base":       {Today: sampleDay, Code: code1, Base: os.DirFS(dir)},
	} {
		if got, kept := keptRun(t, dir, o); kept || got != fresh(t, dir, o) {
			t.Errorf("%s: kept %v", name, kept)
		}
	}
	// The file of the kept check, damaged, is written again.
	keptRun(t, dir, opts)
	p := filepath.Join(dir, filepath.FromSlash(keptFile))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, at := range []int{0, len(keptFormat) + 3, len(b) / 2, len(b) - 1} {
		d := bytes.Clone(b)
		d[at] ^= 0x20
		if err := os.WriteFile(p, d, 0o644); err != nil {
			t.Fatal(err)
		}
		if got, kept := keptRun(t, dir, opts); kept || got != want {
			t.Errorf("damaged at %d: kept %v, same %v", at, kept, got == want)
		}
	}
	os.WriteFile(p, b[:len(b)/2], 0o644)
	if _, kept := keptRun(t, dir, opts); kept {
		t.Error("a cut file was trusted")
	}
	if _, kept := keptRun(t, dir, opts); !kept {
		t.Error("the check was not kept again")
	}
}

// TestKeptSeesEveryInput changes, one at a time, a file of every kind of
// record, schema and template (the first file met in each folder of the
// repository's first two levels, and each file of those levels), keeping
// its size and modification time, and adds a file to each folder of those
// levels; then it checks that the kept check is the check's: a test that
// fails when the kept check misses an input.
func TestKeptSeesEveryInput(t *testing.T) {
	dir := keptRepo(t)
	opts := Options{Today: sampleDay, Code: code1}
	// The changes add up, but for those of the schemas, which stop the
	// check: a change returns how to undo it, or nil.
	type change struct {
		name string
		do   func() (undo func(), err error)
	}
	var changes []change
	done := map[string]bool{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		parts := strings.Split(filepath.ToSlash(rel), "/")
		level := strings.Join(parts[:min(2, len(parts))], "/")
		switch {
		case rel == ".":
			return nil
		case rel == ".cache":
			return filepath.SkipDir
		case d.IsDir() && len(parts) <= 2:
			changes = append(changes, change{rel + "/ gains a file", func() (func(), error) {
				n := filepath.Join(p, "新.yaml")
				return undoIn(parts[0], func() { os.Remove(n) }), os.WriteFile(n, []byte("id: x\n"), 0o644)
			}})
		case d.Type().IsRegular() && (len(parts) <= 2 || !done[level]):
			done[level] = true
			changes = append(changes, change{rel + " changed in place", func() (func(), error) {
				undo, err := garble(p)
				return undoIn(parts[0], undo), err
			}})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var none func()
	changes = append(changes,
		change{"a record removed", func() (func(), error) {
			return none, os.Remove(filepath.Join(dir, "records/visits/2020/V-2020-9001.yaml"))
		}},
		change{"a template replaced by a link", func() (func(), error) {
			p := filepath.Join(dir, "templates", "public", "hero.html")
			os.Remove(p)
			return none, os.Symlink("base.html", p)
		}},
		change{"records made a link", func() (func(), error) {
			if err := os.Rename(filepath.Join(dir, "records"), filepath.Join(dir, "real")); err != nil {
				return none, err
			}
			return none, os.Symlink("real", filepath.Join(dir, "records"))
		}},
	)
	keptRun(t, dir, opts)
	for _, c := range changes {
		if _, kept := keptRun(t, dir, opts); !kept {
			t.Fatalf("before %s: the check was not kept", c.name)
		}
		undo, err := c.do()
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		// A check given again must be the check's; one that ran is.
		if got, kept := keptRun(t, dir, opts); kept && got != fresh(t, dir, opts) {
			t.Errorf("%s: the kept check given again is not the check's", c.name)
		}
		if undo != nil {
			undo()
			keptRun(t, dir, opts) // kept anew
		}
	}
	if len(changes) < 25 {
		t.Errorf("only %d changes", len(changes))
	}
}

// undoIn is undo for a change of the folder top, nil for the others: the
// changes of the records and templates add up.
func undoIn(top string, undo func()) func() {
	if top == "schemas" {
		return undo
	}
	return nil
}

// garble changes a byte of the file p, keeping its size and modification
// time: only its change time tells. undo writes it back.
func garble(p string) (undo func(), err error) {
	fi, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	undo = func() { os.WriteFile(p, b, 0o644) }
	g := bytes.Clone(b)
	if len(g) == 0 {
		g = []byte{'{'}
	} else {
		g[len(g)/2] = '{'
	}
	if err := os.WriteFile(p, g, 0o644); err != nil {
		return nil, err
	}
	return undo, os.Chtimes(p, fi.ModTime(), fi.ModTime())
}
