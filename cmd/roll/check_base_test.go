package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// The tests of `roll check --base` run the command in-process on a git
// repository made with go-git from the module's own records and schemas:
//
//	main: base ─ main moves on (adds visit V-2020-0099)
//	        └─ pr: the change of each case
//
// The base holds one broken file that no case touches, the station
// S-funing-01, whose finding is therefore already present at the base.

// brokenStation is the untouched broken file of the base.
const (
	brokenStation = "records/stations/funing/S-funing-01.yaml"
	brokenFinding = "records/stations/funing/S-funing-01.yaml:4:16: error: "
)

// testRepo is a git repository made for a test.
type testRepo struct {
	t    *testing.T
	dir  string
	git  *git.Repository
	tree *git.Worktree
	tick int
}

// newTestRepo makes the repository above, with pr checked out, and makes it
// the current folder.
func newTestRepo(t *testing.T) *testRepo {
	t.Helper()
	dir := t.TempDir()
	g, err := git.PlainInitWithOptions(dir, &git.PlainInitOptions{
		InitOptions: git.InitOptions{DefaultBranch: plumbing.Main},
	})
	if err != nil {
		t.Fatal(err)
	}
	wt, err := g.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	r := &testRepo{t: t, dir: dir, git: g, tree: wt}
	for _, d := range []string{"records", "schemas"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join("..", "..", d))); err != nil {
			t.Fatal(err)
		}
	}
	r.write(brokenStation, "id: S-funing-01\njurisdiction: funing\nname: 阜城街道见义勇为工作站\ndemonstration: 是\nsince: 2019-05-01\n")
	r.commit("base")
	r.checkout("pr", true)
	r.checkout("main", false)
	r.copy("records/visits/2020/V-2020-0001.yaml", "records/visits/2020/V-2020-0099.yaml", "V-2020-0001", "V-2020-0099")
	r.commit("main moves on")
	r.checkout("pr", false)
	t.Chdir(dir)
	return r
}

func (r *testRepo) path(p string) string { return filepath.Join(r.dir, filepath.FromSlash(p)) }

func (r *testRepo) read(p string) string {
	r.t.Helper()
	data, err := os.ReadFile(r.path(p))
	if err != nil {
		r.t.Fatal(err)
	}
	return string(data)
}

func (r *testRepo) write(p, data string) {
	r.t.Helper()
	if err := os.MkdirAll(filepath.Dir(r.path(p)), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(r.path(p), []byte(data), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

func (r *testRepo) remove(p string) {
	r.t.Helper()
	if err := os.Remove(r.path(p)); err != nil {
		r.t.Fatal(err)
	}
}

// copy writes to the file from with old and new replacing each other in
// pairs.
func (r *testRepo) copy(from, to string, oldnew ...string) {
	r.t.Helper()
	r.write(to, strings.NewReplacer(oldnew...).Replace(r.read(from)))
}

// move renames from to to, replacing as copy does.
func (r *testRepo) move(from, to string, oldnew ...string) {
	r.t.Helper()
	data := r.read(from)
	r.remove(from)
	r.write(to, strings.NewReplacer(oldnew...).Replace(data))
}

func (r *testRepo) edit(p string, oldnew ...string) {
	r.t.Helper()
	before := r.read(p)
	after := strings.NewReplacer(oldnew...).Replace(before)
	if after == before {
		r.t.Fatalf("editing %s changed nothing", p)
	}
	r.write(p, after)
}

func (r *testRepo) commit(msg string) plumbing.Hash {
	r.t.Helper()
	if err := r.tree.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		r.t.Fatal(err)
	}
	r.tick++
	h, err := r.tree.Commit(msg, &git.CommitOptions{
		Author: &object.Signature{Name: "市基金会办公室", Email: "office@example.org",
			When: time.Date(2020, 12, 1, 9, r.tick, 0, 0, time.UTC)},
	})
	if err != nil {
		r.t.Fatal(err)
	}
	return h
}

func (r *testRepo) checkout(branch string, create bool) {
	r.t.Helper()
	err := r.tree.Checkout(&git.CheckoutOptions{Branch: plumbing.NewBranchReferenceName(branch), Create: create})
	if err != nil {
		r.t.Fatal(err)
	}
}

// roll runs the command in the current folder.
func roll(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// current is the part of text output before the findings already present
// at the base revision; old is that part.
func split(out, header string) (current, old string) {
	current, old, _ = strings.Cut(out, header+"\n")
	return current, old
}

// hasLine reports whether a line of text starts with prefix.
func hasLine(text, prefix string) bool {
	return strings.HasPrefix(text, prefix) || strings.Contains(text, "\n"+prefix)
}

const (
	oldHeaderEN = "already present at the base revision:"
	oldHeaderZH = "以下问题在基准版本中已存在："
)

func TestCheckBase(t *testing.T) {
	const (
		heroFile  = "records/heroes/yandu/H-2020-0006.md"
		heroMoved = "records/heroes/tinghu/H-2020-0006.md"
		heroNewID = "records/heroes/yandu/H-2020-0098.md"
	)
	tests := []struct {
		name   string
		change func(r *testRepo)
		commit bool // commit the change; else leave it in the work tree
		code   int
		// Lines (or their beginnings) of the findings of the change, in
		// English and Chinese. Each must be there, before the findings
		// already present at the base.
		en, zh []string
		// Rules that must appear nowhere.
		never []string
		// Lines (or their beginnings) that must be listed as already
		// present at the base, in English.
		old []string
	}{{
		name:   "nothing changed",
		change: func(r *testRepo) {},
		code:   0,
		never:  []string{"(deleted)", "(id)", "error"},
	}, {
		name: "a hero deleted",
		change: func(r *testRepo) {
			r.remove("records/heroes/binhai/H-2018-0001.md")
		},
		commit: true,
		code:   1,
		en: []string{
			"records/heroes/binhai/H-2018-0001.md: error: the record H-2018-0001 was deleted; records are withdrawn, never deleted: restore the file and set status: withdrawn (deleted)",
			// An untouched file, broken by the change.
			"records/visits/2020/V-2020-0014.yaml:17:11: error: no hero has the id H-2018-0001 (ref)",
		},
		zh: []string{
			"records/heroes/binhai/H-2018-0001.md: 错误: 记录 H-2018-0001 被删除了；记录只能撤回，不得删除：请恢复该文件，并填写 status: withdrawn (deleted)",
			"records/visits/2020/V-2020-0014.yaml:17:11: 错误: 没有编号为 H-2018-0001 的人员 (ref)",
		},
	}, {
		name: "a hero deleted in the work tree, not committed",
		change: func(r *testRepo) {
			r.remove("records/heroes/binhai/H-2018-0001.md")
		},
		code: 1,
		en:   []string{"records/heroes/binhai/H-2018-0001.md: error: the record H-2018-0001 was deleted;"},
		zh:   []string{"records/heroes/binhai/H-2018-0001.md: 错误: 记录 H-2018-0001 被删除了；"},
	}, {
		name: "an id changed",
		change: func(r *testRepo) {
			r.edit(heroFile, "id: H-2020-0006", "id: H-2020-0098")
		},
		commit: true,
		code:   1,
		en: []string{
			heroFile + ":2:5: error: an id never changes: this record was H-2020-0006 at the base revision; put the id H-2020-0006 back (id)",
			heroFile + ":2:5: error: the id H-2020-0098 does not match the file name H-2020-0006.md (id)",
		},
		zh: []string{
			heroFile + ":2:5: 错误: 编号一经确定不得更改：该记录在基准版本中的编号为 H-2020-0006，请改回 H-2020-0006 (id)",
		},
		never: []string{"(deleted)"},
	}, {
		name: "renamed to a new id",
		change: func(r *testRepo) {
			r.move(heroFile, heroNewID, "id: H-2020-0006", "id: H-2020-0098")
		},
		commit: true,
		code:   1,
		en: []string{
			heroNewID + ":2:5: error: an id never changes: this record was H-2020-0006 (" + heroFile + ") at the base revision; put the id H-2020-0006 back (id)",
		},
		zh: []string{
			heroNewID + ":2:5: 错误: 编号一经确定不得更改：该记录在基准版本中为 H-2020-0006（" + heroFile + "），请改回编号 H-2020-0006 (id)",
		},
		never: []string{"(deleted)"},
	}, {
		name: "moved with its jurisdiction",
		change: func(r *testRepo) {
			r.move(heroFile, heroMoved, "jurisdiction: yandu", "jurisdiction: tinghu", "盐都区大纵湖镇", "亭湖区便仓镇")
		},
		commit: true,
		code:   0,
		never:  []string{"(deleted)", "(id)", "error"},
	}, {
		name: "moved without its jurisdiction",
		change: func(r *testRepo) {
			r.move(heroFile, heroMoved)
		},
		commit: true,
		code:   1,
		en:     []string{heroMoved + ":6:15: error: the hero is in the folder tinghu but its jurisdiction is yandu (id)"},
		zh:     []string{heroMoved + ":6:15: 错误: 人员记录在文件夹 tinghu 中，但其辖区为 yandu (id)"},
		never:  []string{"(deleted)"},
	}, {
		name: "a field broken",
		change: func(r *testRepo) {
			r.edit(heroFile, "gender: female", "gender: unknown")
		},
		commit: true,
		code:   1,
		en:     []string{heroFile + ":4:9: error: gender"},
		zh:     []string{heroFile + ":4:9: 错误: gender"},
		never:  []string{"(deleted)", "(id)"},
	}, {
		// The hero's warning was there before the change, which edits the
		// file above it: it is listed as present at the base, at the line
		// the field moved to, and the check passes.
		name: "an old warning in a file the change edits",
		change: func(r *testRepo) {
			r.edit("records/heroes/jianhu/H-2019-0006.md", "gender: male\n", "gender: male\n# 2021年核对\n",
				"建湖县上冈镇示例村", "建湖县上冈镇示例村北")
		},
		commit: true,
		code:   0,
		never:  []string{"(insurance)", "error"},
		old:    []string{"records/heroes/jianhu/H-2019-0006.md:25:1: warning: the hero holds the title 盐城市见义勇为季度表彰 but has no comprehensive insurance for 2020 (insurance)"},
	}, {
		name: "a visit to a hero missing at the base",
		change: func(r *testRepo) {
			r.copy("records/visits/2020/V-2020-0001.yaml", "records/visits/2020/V-2020-0050.yaml",
				"V-2020-0001", "V-2020-0050", "hero: H-2020-0001", "hero: H-2020-0097")
		},
		commit: true,
		code:   1,
		en:     []string{"records/visits/2020/V-2020-0050.yaml:8:11: error: no hero has the id H-2020-0097 (ref)"},
		zh:     []string{"records/visits/2020/V-2020-0050.yaml:8:11: 错误: 没有编号为 H-2020-0097 的人员 (ref)"},
		never:  []string{"(deleted)"},
	}, {
		name: "a catalog entry removed",
		change: func(r *testRepo) {
			r.edit("records/catalog/honors.yaml", "- id: city-good-citizen\n  name: 盐城见义勇为好市民\n  level: city\n  issuer: 盐城市见义勇为基金会\n  description: 全市评选表彰活动，表彰群众认可度高的见义勇为市民。\n", "")
		},
		commit: true,
		code:   1,
		en:     []string{"records/catalog/honors.yaml:43:1: error: the honor city-good-citizen was removed; catalog entries are never removed or renamed, since records refer to them (deleted)"},
		zh:     []string{"records/catalog/honors.yaml:43:1: 错误: 称号 city-good-citizen 被删除了；目录中的条目有记录引用，不得删除或改名 (deleted)"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newTestRepo(t)
			tt.change(r)
			if tt.commit {
				r.commit(tt.name)
			}
			for _, lang := range []struct {
				name, header string
				want         []string
				old          string
			}{
				{"en", oldHeaderEN, tt.en, brokenFinding},
				{"zh", oldHeaderZH, tt.zh, "records/stations/funing/S-funing-01.yaml:4:16: 错误: "},
			} {
				code, out, stderr := roll("check", "--base", "main", "--today", "2021-01-20", "--lang", lang.name)
				if code != tt.code {
					t.Errorf("%s: exit status %d, want %d\nstdout:\n%s\nstderr:\n%s", lang.name, code, tt.code, out, stderr)
				}
				current, old := split(out, lang.header)
				for _, w := range lang.want {
					if !hasLine(current, w) {
						t.Errorf("%s: the findings of the change do not include\n\t%s\nstdout:\n%s", lang.name, w, out)
					}
				}
				for _, n := range tt.never {
					if strings.Contains(current, n) {
						t.Errorf("%s: the findings of the change include %q\nstdout:\n%s", lang.name, n, out)
					}
				}
				if lang.name == "en" {
					for _, w := range tt.old {
						if !hasLine(old, w) {
							t.Errorf("en: the findings already present at the base do not include\n\t%s\nstdout:\n%s", w, out)
						}
					}
				}
				// The broken station is untouched: its finding is old,
				// listed last, and does not fail the check.
				if !hasLine(old, lang.old) {
					t.Errorf("%s: the station's finding is not listed as already present at the base\nstdout:\n%s", lang.name, out)
				}
				if strings.Contains(current, "S-funing-01") {
					t.Errorf("%s: the station's finding is listed with the change's\nstdout:\n%s", lang.name, out)
				}
			}
		})
	}
}

// TestCheckBaseOldErrorFixed: fixing an old error is a change like another.
func TestCheckBaseOldErrorFixed(t *testing.T) {
	r := newTestRepo(t)
	r.edit(brokenStation, "demonstration: 是", "demonstration: true")
	r.commit("fix the station")
	code, out, stderr := roll("check", "--base", "main", "--today", "2021-01-20", "--lang", "en")
	if code != 0 || strings.Contains(out, "S-funing-01") || strings.Contains(out, "error:") {
		t.Errorf("exit status %d, want 0 and no errors\nstdout:\n%s\nstderr:\n%s", code, out, stderr)
	}
}

// TestCheckWithoutBase: without --base every error counts, old or not.
func TestCheckWithoutBase(t *testing.T) {
	newTestRepo(t)
	code, out, _ := roll("check", "--today", "2021-01-20", "--lang", "en")
	if code != 1 || !hasLine(out, brokenFinding) || strings.Contains(out, oldHeaderEN) {
		t.Errorf("exit status %d, want 1, and the station's finding among the others\nstdout:\n%s", code, out)
	}
}

// TestCheckBaseJSON: JSON marks the old findings.
func TestCheckBaseJSON(t *testing.T) {
	r := newTestRepo(t)
	r.remove("records/heroes/binhai/H-2018-0001.md")
	code, out, _ := roll("check", "--base", "main", "--today", "2021-01-20", "--format", "json")
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	for _, w := range []string{`"rule": "deleted"`, `"old": true`} {
		if !strings.Contains(out, w) {
			t.Errorf("the JSON output does not include %s:\n%s", w, out)
		}
	}
}

func TestCheckBaseMissing(t *testing.T) {
	newTestRepo(t)
	for _, tt := range []struct {
		lang string
		want []string
	}{
		{"en", []string{"roll check: --base origin/main: the base revision origin/main is not in this repository", "actions/checkout and fetch-depth: 0"}},
		{"zh", []string{"roll check: --base origin/main：本仓库中没有基准版本 origin/main", "fetch-depth: 0"}},
	} {
		code, out, stderr := roll("check", "--base", "origin/main", "--today", "2021-01-20", "--lang", tt.lang)
		if code != 2 || out != "" {
			t.Errorf("%s: exit status %d and stdout %q, want 2 and nothing", tt.lang, code, out)
		}
		for _, w := range tt.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("%s: stderr does not say %q:\n%s", tt.lang, w, stderr)
			}
		}
	}
}

// TestCheckBaseShallow runs roll check in a clone of one commit, as
// actions/checkout makes by default. go-git's file:// transport runs
// git-upload-pack, so the test needs git installed.
func TestCheckBaseShallow(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("a file:// clone needs git-upload-pack:", err)
	}
	r := newTestRepo(t)
	r.edit("records/heroes/yandu/H-2020-0006.md", "gender: female", "gender: unknown")
	r.commit("the change")
	base, err := r.git.ResolveRevision("main~1")
	if err != nil {
		t.Fatal(err)
	}
	clone := t.TempDir()
	_, err = git.PlainClone(clone, false, &git.CloneOptions{URL: "file://" + filepath.ToSlash(r.dir), Depth: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(clone)
	for _, rev := range []string{base.String(), "origin/main"} {
		code, out, stderr := roll("check", "--base", rev, "--today", "2021-01-20", "--lang", "en")
		if code != 2 || out != "" {
			t.Errorf("--base %s: exit status %d and stdout %q, want 2 and nothing", rev, code, out)
		}
		for _, w := range []string{"fetch-depth: 0", "git fetch --unshallow"} {
			if !strings.Contains(stderr, w) {
				t.Errorf("--base %s: stderr does not say %q:\n%s", rev, w, stderr)
			}
		}
	}
	code, _, stderr := roll("check", "--base", "origin/main", "--today", "2021-01-20", "--lang", "zh")
	if code != 2 || !strings.Contains(stderr, "浅克隆") || !strings.Contains(stderr, "fetch-depth: 0") {
		t.Errorf("zh: exit status %d, stderr:\n%s", code, stderr)
	}
}

// TestCheckBaseCommittedCache: roll trusts what its cache folder holds as
// its own earlier work (records checked, texts found clean, a whole
// check), so a branch that commits one could pass records roll never
// saw. A cache left by earlier runs counts; a committed one fails the
// check before anything in it is read.
func TestCheckBaseCommittedCache(t *testing.T) {
	r := newTestRepo(t)
	for range 2 { // the second run reads the cache the first one left
		code, _, stderr := roll("check", "--base", "main", "--today", "2021-01-20", "--lang", "en")
		if code != 0 || strings.Contains(stderr, "HEAD commits") {
			t.Fatalf("with a cache of its own: exit status %d, want 0 (the station's error is the base's)\nstderr:\n%s", code, stderr)
		}
	}
	if _, err := os.Stat(r.path(".cache/roll")); err != nil {
		t.Fatalf("the check kept no cache: %v", err)
	}
	r.commit("the cache, committed")
	for _, tt := range []struct{ lang, want string }{
		{"en", "roll check: HEAD commits .cache: roll's cache comes only from its own earlier runs; remove it with git rm -r --cached .cache"},
		{"zh", "roll check: HEAD 提交了 .cache：roll 的缓存只能来自它自己先前的运行"},
	} {
		code, out, stderr := roll("check", "--base", "main", "--today", "2021-01-20", "--lang", tt.lang)
		if code != 2 || out != "" || !strings.Contains(stderr, tt.want) {
			t.Errorf("%s: exit status %d, stdout %q, stderr:\n%s\nwant 2, nothing, and %q", tt.lang, code, out, stderr, tt.want)
		}
	}
}

// TestCheckBaseCommittedBuildState: roll build trusts the memos of its
// state folder (OUT/.roll: the published heroes' entries, their
// redactions) as its own work, so a branch that commits one, with the
// seals anyone can compute, could put on the public site what no check
// saw. The pull request's check fails on it, for the output folders a
// workflow builds into (_site, or the repository's top).
func TestCheckBaseCommittedBuildState(t *testing.T) {
	for _, dir := range []string{"_site/.roll", ".roll", "out/.roll"} {
		t.Run(dir, func(t *testing.T) {
			r := newTestRepo(t)
			r.write(".gitignore", "") // the branch's own .gitignore cannot hide what it commits
			r.write(dir+"/entries.state", "roll public entries\n")
			r.commit("a build's state, committed")
			for _, tt := range []struct{ lang, want string }{
				{"en", "roll check: HEAD commits " + dir + ": roll build's state comes only from its own earlier builds; remove it with git rm -r --cached " + dir},
				{"zh", "roll check: HEAD 提交了 " + dir + "：roll build 的状态只能来自它自己先前的构建"},
			} {
				code, out, stderr := roll("check", "--base", "main", "--today", "2021-01-20", "--lang", tt.lang)
				if code != 2 || out != "" || !strings.Contains(stderr, tt.want) {
					t.Errorf("%s: exit status %d, stdout %q, stderr:\n%s\nwant 2, nothing, and %q", tt.lang, code, out, stderr, tt.want)
				}
			}
		})
	}
	// A folder of the records named .roll deep down is not a build's state
	// folder the workflows use, and the records are checked anyway.
	r := newTestRepo(t)
	r.write("docs/notes/.roll/x", "x")
	r.commit("a deep .roll")
	if code, _, stderr := roll("check", "--base", "main", "--today", "2021-01-20", "--lang", "en"); strings.Contains(stderr, "HEAD commits") {
		t.Errorf("a .roll two folders down failed the check (status %d):\n%s", code, stderr)
	}
}
