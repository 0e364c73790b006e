package gitbase

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/yancheng-jyyw/roll/internal/l10n"
)

// repo is a git repository made for a test.
type repo struct {
	t    *testing.T
	dir  string
	git  *git.Repository
	tree *git.Worktree
	tick int // commits get distinct times, a minute apart
}

func newRepo(t *testing.T) *repo {
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
	return &repo{t: t, dir: dir, git: g, tree: wt}
}

func (r *repo) write(p, data string) {
	r.t.Helper()
	full := filepath.Join(r.dir, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

// commit commits every change of the work tree and returns its hash.
func (r *repo) commit(msg string) plumbing.Hash {
	r.t.Helper()
	if err := r.tree.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		r.t.Fatal(err)
	}
	r.tick++
	when := time.Date(2020, 12, 1, 9, r.tick, 0, 0, time.UTC)
	h, err := r.tree.Commit(msg, &git.CommitOptions{
		Author:            &object.Signature{Name: "市基金会办公室", Email: "office@example.org", When: when},
		AllowEmptyCommits: true,
	})
	if err != nil {
		r.t.Fatal(err)
	}
	return h
}

func (r *repo) checkout(branch string, create bool) {
	r.t.Helper()
	err := r.tree.Checkout(&git.CheckoutOptions{Branch: plumbing.NewBranchReferenceName(branch), Create: create, Keep: true})
	if err != nil {
		r.t.Fatal(err)
	}
}

func (r *repo) ref(name string, h plumbing.Hash) {
	r.t.Helper()
	if err := r.git.Storer.SetReference(plumbing.NewHashReference(plumbing.ReferenceName(name), h)); err != nil {
		r.t.Fatal(err)
	}
}

// history makes main: c0 - c1 and pr: c0 - c2, with the records in data/,
// and leaves pr checked out. It returns the three commits.
func history(r *repo) (c0, c1, c2 plumbing.Hash) {
	r.write("README.md", "top of the git work tree\n")
	r.write("data/records/site.yaml", "title: v0\n")
	r.write("data/records/heroes/sheyang/H-2020-0001.md", "---\nid: H-2020-0001\n---\n")
	r.write("data/schemas/site.schema.json", "{}\n")
	r.write("data/templates/page.html", "not read\n")
	c0 = r.commit("base")
	r.checkout("pr", true)
	r.checkout("main", false)
	r.write("data/records/site.yaml", "title: v1 on main\n")
	c1 = r.commit("main moves on")
	r.checkout("pr", false)
	r.write("data/records/heroes/sheyang/H-2020-0002.md", "---\nid: H-2020-0002\n---\n")
	c2 = r.commit("the change")
	return c0, c1, c2
}

func TestOpen(t *testing.T) {
	r := newRepo(t)
	c0, c1, c2 := history(r)
	if _, err := r.git.CreateTag("v1", c1, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := r.git.CreateRemote(&config.RemoteConfig{Name: "origin", URLs: []string{"https://example.org/roll.git"}}); err != nil {
		t.Fatal(err)
	}
	r.ref("refs/remotes/origin/main", c1)
	root := filepath.Join(r.dir, "data")

	for _, rev := range []string{"main", "origin/main", "refs/heads/main", "v1", c1.String(), c1.String()[:7], c0.String(), "pr~1", "HEAD~1"} {
		s, err := Open(root, rev)
		if err != nil {
			t.Errorf("Open(%q): %v", rev, err)
			continue
		}
		if s.Base != c0 || s.Head != c2 || s.Rev != rev {
			t.Errorf("Open(%q) = base %s, head %s, rev %q; want base %s (the merge base), head %s", rev, s.Base, s.Head, s.Rev, c0, c2)
		}
		// The merge base, not main's tip: site.yaml as it was at c0.
		if data, err := fs.ReadFile(s.Files, "records/site.yaml"); err != nil || string(data) != "title: v0\n" {
			t.Errorf("Open(%q): records/site.yaml = %q, %v; want the base's", rev, data, err)
		}
	}

	s, err := Open(root, "main")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	err = fs.WalkDir(s.Files, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			got = append(got, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "records/heroes/sheyang/H-2020-0001.md records/site.yaml schemas/site.schema.json"
	if strings.Join(got, " ") != want {
		t.Errorf("files of the base = %s, want %s", got, want)
	}

	// From a folder below the root, HEAD itself as the base.
	s, err = Open(filepath.Join(root, "records"), "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if s.Base != c2 {
		t.Errorf("Open(HEAD): base %s, want HEAD %s", s.Base, c2)
	}
}

func TestOpenSymlink(t *testing.T) {
	r := newRepo(t)
	r.write("records/site.yaml", "title: t\n")
	if err := os.Symlink("site.yaml", filepath.Join(r.dir, "records", "link.yaml")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	r.commit("base")
	s, err := Open(r.dir, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	fi, err := fs.Lstat(s.Files, "records/link.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("records/link.yaml: mode %v, want a symbolic link", fi.Mode())
	}
}

// wantError checks that err is an *Error for reason whose message contains
// each of parts, in English and through the Chinese printer.
func wantError(t *testing.T, err error, reason Reason, en, zh []string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T), want a *gitbase.Error", err, err)
	}
	if e.Reason != reason {
		t.Errorf("reason %d, want %d: %v", e.Reason, reason, err)
	}
	for _, lang := range []struct {
		msg   string
		parts []string
	}{
		{e.Localize(l10n.Printer(l10n.English)), en},
		{e.Localize(l10n.Printer(l10n.Chinese)), zh},
	} {
		for _, part := range lang.parts {
			if !strings.Contains(lang.msg, part) {
				t.Errorf("message %q does not say %q", lang.msg, part)
			}
		}
	}
}

func TestOpenErrors(t *testing.T) {
	r := newRepo(t)
	c0, _, _ := history(r)
	if _, err := r.git.CreateRemote(&config.RemoteConfig{Name: "origin", URLs: []string{"https://example.org/roll.git"}}); err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(r.dir, "data")

	_, err := Open(root, "nope")
	wantError(t, err, NoRevision,
		[]string{"the base revision nope is not in this repository", "fetch-depth: 0", "git fetch origin"},
		[]string{"本仓库中没有基准版本 nope", "fetch-depth: 0", "git fetch origin"})

	_, err = Open(root, "origin/main")
	wantError(t, err, NoRevision,
		[]string{"origin/main is not in this repository", "actions/checkout and fetch-depth: 0", "git fetch origin main"},
		[]string{"本仓库中没有基准版本 origin/main", "fetch-depth: 0", "git fetch origin main"})

	_, err = Open(t.TempDir(), "main")
	wantError(t, err, NoRepository, []string{"no git repository"}, []string{"没有 git 仓库"})

	// A branch with a history of its own.
	orphan, err := r.git.CommitObject(c0)
	if err != nil {
		t.Fatal(err)
	}
	obj := r.git.Storer.NewEncodedObject()
	lone := &object.Commit{Author: orphan.Author, Committer: orphan.Committer, Message: "unrelated", TreeHash: orphan.TreeHash}
	if err := lone.Encode(obj); err != nil {
		t.Fatal(err)
	}
	h, err := r.git.Storer.SetEncodedObject(obj)
	if err != nil {
		t.Fatal(err)
	}
	r.ref("refs/heads/lone", h)
	_, err = Open(root, "lone")
	wantError(t, err, NoMergeBase, []string{"lone and HEAD have no commit in common"}, []string{"lone 与 HEAD 没有共同的提交"})
}

// TestShallow clones the repository with a history of one commit, as
// actions/checkout does by default. go-git's file:// transport runs
// git-upload-pack, so the test needs git installed.
func TestShallow(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("a file:// clone needs git-upload-pack:", err)
	}
	r := newRepo(t)
	c0, _, _ := history(r)
	dir := t.TempDir()
	_, err := git.PlainClone(dir, false, &git.CloneOptions{URL: "file://" + filepath.ToSlash(r.dir), Depth: 1})
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(dir, "data")

	_, err = Open(root, c0.String())
	wantError(t, err, NoRevision,
		[]string{"the base revision " + c0.String() + " is not in this repository", "fetch-depth: 0", "git fetch --unshallow"},
		[]string{"fetch-depth: 0", "git fetch --unshallow"})

	// origin/main is there, but not the commit pr branched from.
	_, err = Open(root, "origin/main")
	wantError(t, err, Shallow,
		[]string{"shallow clone", "fetch-depth: 0", "git fetch --unshallow"},
		[]string{"浅克隆", "fetch-depth: 0", "git fetch --unshallow"})
}

// TestShallowHoldingBase clones with a history of two commits, as
// actions/checkout does with fetch-depth: 2: the clone holds the merge base
// of the change and main (c1: main and the change each have one commit
// since), though not its parents, and that is enough.
func TestShallowHoldingBase(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("a file:// clone needs git-upload-pack:", err)
	}
	r := newRepo(t)
	r.write("data/records/site.yaml", "title: v0\n")
	r.write("data/schemas/site.schema.json", "{}\n")
	r.commit("c0")
	r.write("data/records/site.yaml", "title: v1\n")
	base := r.commit("c1: where the change branches off")
	r.checkout("pr", true)
	r.checkout("main", false)
	r.write("data/records/site.yaml", "title: v2 on main\n")
	r.commit("c2: main moves on")
	r.checkout("pr", false)
	r.write("data/records/heroes/sheyang/H-2020-0002.md", "---\nid: H-2020-0002\n---\n")
	r.commit("c3: the change")
	dir := t.TempDir()
	_, err := git.PlainClone(dir, false, &git.CloneOptions{URL: "file://" + filepath.ToSlash(r.dir), Depth: 2})
	if err != nil {
		t.Fatal(err)
	}
	snap, err := Open(filepath.Join(dir, "data"), "origin/main")
	if err != nil {
		t.Fatalf("Open in a clone that holds the merge base: %v", err)
	}
	if snap.Base != base {
		t.Errorf("merge base %s, want %s (c1)", snap.Base, base)
	}
	if b, err := fs.ReadFile(snap.Files, "records/site.yaml"); err != nil || string(b) != "title: v1\n" {
		t.Errorf("records/site.yaml at the base = %q, %v", b, err)
	}
}
