package build

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/history"
)

// brokenReference makes the sample records fail a rule between records
// only: a hero's honor names a decision no record holds, which loading
// each record alone does not see.
func brokenReference(t *testing.T, root string) {
	t.Helper()
	edit(t, filepath.Join(root, "records/heroes/sheyang/H-2019-0002.md"),
		"decision: D-2020-06", "decision: D-2020-99")
}

// folderFiles reads every file under dir, the state under .roll/
// included, with its status: bytes, mode, size and time. nil when dir
// does not exist.
func folderFiles(t *testing.T, dir string) map[string]file {
	t.Helper()
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	m := map[string]file{}
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
			if b, err = os.ReadFile(p); err != nil {
				return err
			}
		}
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = file{info, b}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// changedFiles lists what differs between two folderFiles: files only
// one has, other bytes, mode or time, another file on disk.
func changedFiles(before, after map[string]file) []string {
	var out []string
	for p, a := range after {
		b, ok := before[p]
		if !ok || !bytes.Equal(a.data, b.data) || a.info.Mode() != b.info.Mode() ||
			!a.info.IsDir() && (!a.info.ModTime().Equal(b.info.ModTime()) || !os.SameFile(a.info, b.info)) {
			out = append(out, p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

// TestRuleErrorsLeaveFolder: a rebuild lists the public site while the
// rules run, but one whose rules find errors drops it: the output folder,
// its state included, is as it was, every file the very same.
func TestRuleErrorsLeaveFolder(t *testing.T) {
	for _, cache := range []bool{false, true} {
		root := sampleRepo(t)
		out := filepath.Join(root, "_site")
		buildCached(t, root, "_site", testDay, cache)
		// A second build, so that both trees and every state exist.
		edit(t, filepath.Join(root, "records/heroes/sheyang/H-2019-0002.md"),
			"summary: 三人驾渔船冒着大风赶往翻覆货船", "summary: 三人驾渔船顶着大风赶往翻覆货船")
		buildCached(t, root, "_site", testDay, cache)
		before := folderFiles(t, out)
		brokenReference(t, root)
		res, err := Run(root, Options{Out: "_site", Today: testDay, History: &history.History{}, Cache: cache})
		if err != nil {
			t.Fatal(err)
		}
		if res.Built || res.Check.Findings.Errors() == 0 {
			t.Fatalf("cache %v: a broken reference built (%d errors)", cache, res.Check.Findings.Errors())
		}
		if !res.Overlapped {
			t.Fatalf("cache %v: the public site was not listed beside the rules", cache)
		}
		if got := changedFiles(before, folderFiles(t, out)); len(got) > 0 {
			t.Errorf("cache %v: a build the rules failed changed %q", cache, got)
		}
	}
}

// TestRuleErrorsCreateNothing: a build into a folder that does not exist
// yet, or is empty, and that the rules fail, creates nothing in it.
func TestRuleErrorsCreateNothing(t *testing.T) {
	root := sampleRepo(t)
	brokenReference(t, root)
	if err := os.Mkdir(filepath.Join(root, "_empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"_site", "_empty"} {
		out := filepath.Join(root, name)
		before := folderFiles(t, out)
		res, err := Run(root, Options{Out: name, Today: testDay, History: &history.History{}})
		if err != nil {
			t.Fatal(err)
		}
		if res.Built || res.Check.Findings.Errors() == 0 {
			t.Fatalf("%s: a broken reference built", name)
		}
		if got := changedFiles(before, folderFiles(t, out)); len(got) > 0 {
			t.Errorf("%s: a build the rules failed created %q", name, got)
		}
	}
}

// TestOverlapOnlyInRebuilds: the public site is listed beside the rules
// only when the build before kept its entries for this code and these
// schemas: never in a first build, nor after the kept entries are lost
// or a schema changed; and what a rebuild writes is what the build
// before it would have.
func TestOverlapOnlyInRebuilds(t *testing.T) {
	root := sampleRepo(t)
	out := filepath.Join(root, "_site")
	steps := []struct {
		name   string
		change func()
		want   bool
	}{
		{"first build", func() {}, false},
		{"rebuild", func() {}, true},
		{"a summary edited", func() {
			edit(t, filepath.Join(root, "records/heroes/sheyang/H-2019-0002.md"),
				"summary: 三人驾渔船冒着大风赶往翻覆货船", "summary: 三人驾渔船顶着大风赶往翻覆货船")
		}, true},
		{"the kept entries lost", func() {
			if err := os.Remove(filepath.Join(out, ".roll", keptState+".state")); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"rebuild after the loss", func() {}, true},
		{"a schema changed", func() {
			edit(t, filepath.Join(root, "schemas/hero.schema.json"), `"title": "见义勇为人员",`, `"title": "见义勇为人员", "$comment": "a note",`)
		}, false},
		{"the output folder removed", func() {
			if err := os.RemoveAll(out); err != nil {
				t.Fatal(err)
			}
		}, false},
	}
	for _, s := range steps {
		s.change()
		res := run(t, root)
		if res.Overlapped != s.want {
			t.Errorf("%s: overlapped %v, want %v", s.name, res.Overlapped, s.want)
		}
	}
}
