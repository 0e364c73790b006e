package history

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// testRepo builds a repository through go-git's worktree, as people would.
type testRepo struct {
	t    *testing.T
	dir  string
	repo *git.Repository
	wt   *git.Worktree
	// clock gives each commit a distinct, increasing time.
	clock time.Time
}

func newTestRepo(t *testing.T) *testRepo {
	t.Helper()
	dir := t.TempDir()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	cst := time.FixedZone("CST", 8*3600)
	return &testRepo{t: t, dir: dir, repo: repo, wt: wt,
		clock: time.Date(2024, 3, 1, 9, 0, 0, 0, cst)}
}

func (r *testRepo) write(path, content string) {
	r.t.Helper()
	full := filepath.Join(r.dir, filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
		r.t.Fatal(err)
	}
	if _, err := r.wt.Add(path); err != nil {
		r.t.Fatal(err)
	}
}

func (r *testRepo) remove(path string) {
	r.t.Helper()
	if _, err := r.wt.Remove(path); err != nil {
		r.t.Fatal(err)
	}
}

// commit commits the index as author, an hour after the previous commit,
// with the given extra parents (for a merge).
func (r *testRepo) commit(author, msg string, parents ...plumbing.Hash) Commit {
	r.t.Helper()
	r.clock = r.clock.Add(time.Hour)
	sig := &object.Signature{Name: author, Email: strings.ToLower(author) + "@example.org", When: r.clock}
	opts := &git.CommitOptions{Author: sig, Committer: sig}
	if len(parents) > 0 {
		head, err := r.repo.Head()
		if err != nil {
			r.t.Fatal(err)
		}
		opts.Parents = append([]plumbing.Hash{head.Hash()}, parents...)
	}
	h, err := r.wt.Commit(msg, opts)
	if err != nil {
		r.t.Fatal(err)
	}
	return Commit{
		Hash:    h.String(),
		Short:   h.String()[:7],
		When:    r.clock,
		Author:  author,
		Subject: subject(msg),
	}
}

func (r *testRepo) checkout(branch string, create bool, from plumbing.Hash) {
	r.t.Helper()
	opts := &git.CheckoutOptions{Branch: plumbing.NewBranchReferenceName(branch), Create: create, Hash: from}
	if err := r.wt.Checkout(opts); err != nil {
		r.t.Fatal(err)
	}
}

func hashOf(c Commit) plumbing.Hash { return plumbing.NewHash(c.Hash) }

func TestRead(t *testing.T) {
	r := newTestRepo(t)

	r.write("records/beijing/0001.yaml", "name: A\n")
	r.write("records/beijing/0002.yaml", "name: B\n")
	r.write("README.md", "roll\n")
	c1 := r.commit("Li Wei", "Add the first Beijing records\n\nTwo heroes from the 2023 list.\n")

	r.write("records/shanghai/0001.yaml", "name: C\n")
	c2 := r.commit("Wang Fang", "Add a Shanghai record")

	r.write("records/beijing/0001.yaml", "name: A\nborn: 1950\n")
	r.write("README.md", "roll: records\n")
	c3 := r.commit("Zhang Min", "Record A's birth year")

	r.write("docs/notes.md", "outside records\n")
	c4 := r.commit("Li Wei", "Notes only")

	r.remove("records/beijing/0002.yaml")
	c5 := r.commit("Wang Fang", "Remove a duplicate\nof A")

	// A side branch from c5 edits one record; meanwhile master edits two.
	r.checkout("side", true, hashOf(c5))
	r.write("records/shanghai/0001.yaml", "name: C\nplace: Pudong\n")
	r.write("records/beijing/0001.yaml", "name: A\nborn: 1951\n")
	s1 := r.commit("Chen Jie", "Add C's place and correct A")
	r.checkout("master", false, plumbing.ZeroHash)
	r.write("records/beijing/0001.yaml", "name: A\nborn: 1952\n")
	r.write("records/tianjin/0001.yaml", "name: D\n")
	c6 := r.commit("Zhang Min", "Add a Tianjin record, correct A")

	// The merge takes side's Shanghai record as is, and resolves the
	// conflicting Beijing record to content found in neither parent.
	r.write("records/shanghai/0001.yaml", "name: C\nplace: Pudong\n")
	r.write("records/beijing/0001.yaml", "name: A\nborn: 1951\nchecked: true\n")
	m := r.commit("Li Wei", "Merge branch 'side'", hashOf(s1))

	r.write("records/tianjin/0001.yaml", "name: D\nstatus: confirmed\n")
	c7 := r.commit("Wang Fang", "Confirm D")

	for _, dir := range []string{r.dir, filepath.Join(r.dir, "records", "beijing")} {
		h, err := Read(dir, "records/")
		if err != nil {
			t.Fatalf("Read(%q): %v", dir, err)
		}
		if h.Head == nil || !equal(*h.Head, c7) {
			t.Errorf("Read(%q).Head = %+v, want %+v", dir, h.Head, c7)
		}
		if h.Shallow {
			t.Errorf("Read(%q).Shallow = true, want false", dir)
		}
		want := map[string][]Commit{
			"records/beijing/0001.yaml":  {m, c6, s1, c3, c1},
			"records/beijing/0002.yaml":  {c5, c1},
			"records/shanghai/0001.yaml": {s1, c2},
			"records/tianjin/0001.yaml":  {c7, c6},
		}
		checkFiles(t, h, want)
	}
	_ = c4 // changes only files outside records/

	h, err := Read(r.dir, "")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := h.Files["README.md"], []Commit{c3, c1}; !slices.EqualFunc(got, want, equal) {
		t.Errorf("Read(dir, \"\").Files[README.md] = %v, want %v", got, want)
	}
	if got, want := h.Files["docs/notes.md"], []Commit{c4}; !slices.EqualFunc(got, want, equal) {
		t.Errorf("Read(dir, \"\").Files[docs/notes.md] = %v, want %v", got, want)
	}

	h, err = Read(r.dir, "records/shanghai")
	if err != nil {
		t.Fatal(err)
	}
	checkFiles(t, h, map[string][]Commit{"records/shanghai/0001.yaml": {s1, c2}})
}

func checkFiles(t *testing.T, h *History, want map[string][]Commit) {
	t.Helper()
	for path, cs := range h.Files {
		if _, ok := want[path]; !ok {
			t.Errorf("Files[%q] = %v, want no entry", path, subjects(cs))
		}
	}
	for path, w := range want {
		got := h.Files[path]
		if !slices.EqualFunc(got, w, sameCommit) {
			t.Errorf("Files[%q] = %v, want %v", path, subjects(got), subjects(w))
			continue
		}
		for i := range got {
			if !equal(got[i], w[i]) {
				t.Errorf("Files[%q][%d] = %+v, want %+v", path, i, got[i], w[i])
			}
		}
		last, ok := h.Last(path)
		if !ok || !equal(last, w[0]) {
			t.Errorf("Last(%q) = %+v, %v; want %+v, true", path, last, ok, w[0])
		}
	}
}

func sameCommit(a, b Commit) bool { return a.Hash == b.Hash }

// equal compares commits field by field; times are equal as instants, since
// git keeps an offset but no zone name.
func equal(a, b Commit) bool {
	return a.Hash == b.Hash && a.Short == b.Short && a.When.Equal(b.When) &&
		a.Author == b.Author && a.Subject == b.Subject
}

func subjects(cs []Commit) []string {
	var s []string
	for _, c := range cs {
		s = append(s, c.Short+" "+c.Subject)
	}
	return s
}

func TestCommitFields(t *testing.T) {
	r := newTestRepo(t)
	r.write("records/a.yaml", "a\n")
	c := r.commit("Zhao Lei", "\nFirst line\ncontinues here\n\nBody.\n")
	h, err := Read(r.dir, "records")
	if err != nil {
		t.Fatal(err)
	}
	got, ok := h.Last("records/a.yaml")
	if !ok {
		t.Fatal(`Last("records/a.yaml") found nothing`)
	}
	if got.Subject != "First line continues here" {
		t.Errorf("Subject = %q, want %q", got.Subject, "First line continues here")
	}
	if got.Author != "Zhao Lei" || len(got.Hash) != 40 || got.Short != got.Hash[:7] {
		t.Errorf("commit = %+v", got)
	}
	if !got.When.Equal(c.When) {
		t.Errorf("When = %v, want %v", got.When, c.When)
	}
	if _, off := got.When.Zone(); off != 8*3600 {
		t.Errorf("When zone offset = %d, want %d (the author's)", off, 8*3600)
	}
	if _, ok := h.Last("records/missing.yaml"); ok {
		t.Errorf(`Last("records/missing.yaml") found a commit`)
	}
}

func TestSubject(t *testing.T) {
	for _, tt := range []struct{ msg, want string }{
		{"Add A", "Add A"},
		{"Add A\n", "Add A"},
		{"Add A\n\nBody\n", "Add A"},
		{"Add A\nand B\n\nBody", "Add A and B"},
		{"\n\n  Add A  \r\n\r\nBody", "Add A"},
		{"", ""},
	} {
		if got := subject(tt.msg); got != tt.want {
			t.Errorf("subject(%q) = %q, want %q", tt.msg, got, tt.want)
		}
	}
}

func TestSplitPrefix(t *testing.T) {
	for _, tt := range []struct {
		prefix string
		want   []string
	}{
		{"records/", []string{"records"}},
		{"records", []string{"records"}},
		{"/records/beijing/", []string{"records", "beijing"}},
		{"./records", []string{"records"}},
		{"", nil},
		{".", nil},
		{"/", nil},
	} {
		if got := splitPrefix(tt.prefix); !slices.Equal(got, tt.want) {
			t.Errorf("splitPrefix(%q) = %q, want %q", tt.prefix, got, tt.want)
		}
	}
}

func TestOutsideRepository(t *testing.T) {
	dir := t.TempDir()
	if _, err := git.PlainOpenWithOptions(dir, &git.PlainOpenOptions{DetectDotGit: true}); err == nil {
		t.Skipf("%s is inside a git repository", dir)
	}
	h, err := Read(dir, "records/")
	if err != nil {
		t.Fatalf("Read(%q) error: %v", dir, err)
	}
	if h.Head != nil || h.Shallow || len(h.Files) != 0 {
		t.Errorf("Read(%q) = %+v, want an empty History", dir, h)
	}
	if _, ok := h.Last("records/a.yaml"); ok {
		t.Errorf("Last on an empty History found a commit")
	}
}

func TestMissingDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nonexistent")
	if _, err := Read(dir, "records/"); err == nil {
		t.Errorf("Read(%q) error = nil, want one", dir)
	}
}

func TestEmptyRepository(t *testing.T) {
	r := newTestRepo(t)
	h, err := Read(r.dir, "records/")
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if h.Head != nil || len(h.Files) != 0 {
		t.Errorf("Read = %+v, want an empty History", h)
	}
}

func TestFileBecomesDirectory(t *testing.T) {
	r := newTestRepo(t)
	r.write("records/x", "file\n")
	r.write("records/y.yaml", "y\n")
	c1 := r.commit("Li Wei", "Add x as a file")
	r.remove("records/x")
	r.write("records/x/a.yaml", "a\n")
	c2 := r.commit("Li Wei", "Make x a directory")
	h, err := Read(r.dir, "records/")
	if err != nil {
		t.Fatal(err)
	}
	checkFiles(t, h, map[string][]Commit{
		"records/x":        {c2, c1},
		"records/x/a.yaml": {c2},
		"records/y.yaml":   {c1},
	})
}

// shallowBase builds a repository of three commits for the shallow tests.
func shallowBase(t *testing.T) (r *testRepo, c1, c2, c3 Commit) {
	r = newTestRepo(t)
	r.write("records/a.yaml", "a\n")
	r.write("records/b.yaml", "b\n")
	c1 = r.commit("Li Wei", "Add a and b")
	r.write("records/b.yaml", "b2\n")
	r.write("records/c.yaml", "c\n")
	c2 = r.commit("Wang Fang", "Change b, add c")
	r.write("records/c.yaml", "c2\n")
	c3 = r.commit("Zhang Min", "Change c")
	return r, c1, c2, c3
}

func TestShallowFile(t *testing.T) {
	// Make c2 a boundary by writing .git/shallow, as git fetch --depth 2
	// would; c1 stays in the store but must not be reached.
	r, _, c2, c3 := shallowBase(t)
	shallow := filepath.Join(r.dir, ".git", "shallow")
	if err := os.WriteFile(shallow, []byte(c2.Hash+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	h, err := Read(r.dir, "records/")
	if err != nil {
		t.Fatal(err)
	}
	if !h.Shallow {
		t.Errorf("Shallow = false, want true")
	}
	if h.Head == nil || !equal(*h.Head, c3) {
		t.Errorf("Head = %+v, want %+v", h.Head, c3)
	}
	// The boundary c2 changed b and added c, but with its parent missing
	// that cannot be known: it is credited with nothing.
	checkFiles(t, h, map[string][]Commit{"records/c.yaml": {c3}})
}

func TestShallowClone(t *testing.T) {
	if _, err := exec.LookPath("git-upload-pack"); err != nil {
		if _, err := exec.LookPath("git"); err != nil {
			t.Skip("cloning over file:// needs git-upload-pack")
		}
	}
	r, _, _, c3 := shallowBase(t)
	dir := t.TempDir()
	_, err := git.PlainClone(dir, false, &git.CloneOptions{URL: "file://" + filepath.ToSlash(r.dir), Depth: 1})
	if err != nil {
		t.Fatalf("shallow clone: %v", err)
	}
	h, err := Read(dir, "records/")
	if err != nil {
		t.Fatal(err)
	}
	if !h.Shallow {
		t.Errorf("Shallow = false, want true")
	}
	if h.Head == nil || !equal(*h.Head, c3) {
		t.Errorf("Head = %+v, want %+v", h.Head, c3)
	}
	// The only commit is the boundary: no file has a history.
	checkFiles(t, h, map[string][]Commit{})
}

func TestMissingParent(t *testing.T) {
	// A parent that is missing without a shallow boundary is damage, not
	// something to paper over.
	r, c1, _, _ := shallowBase(t)
	obj := filepath.Join(r.dir, ".git", "objects", c1.Hash[:2], c1.Hash[2:])
	if err := os.Remove(obj); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(r.dir, "records/"); err == nil {
		t.Errorf("Read with a missing parent: error = nil, want one")
	}
}

func TestDeterministic(t *testing.T) {
	// Two branches committed at the same second, merged: ordering must not
	// depend on map iteration.
	r := newTestRepo(t)
	r.write("records/a.yaml", "a\n")
	base := r.commit("Li Wei", "Base")
	r.checkout("side", true, hashOf(base))
	r.clock = r.clock.Add(-time.Hour)
	r.write("records/a.yaml", "side\n")
	s := r.commit("Chen Jie", "Side")
	r.checkout("master", false, plumbing.ZeroHash)
	r.clock = r.clock.Add(-time.Hour)
	r.write("records/a.yaml", "master\n")
	mc := r.commit("Wang Fang", "Master")
	if !s.When.Equal(mc.When) {
		t.Fatalf("test setup: times differ: %v, %v", s.When, mc.When)
	}
	r.write("records/a.yaml", "merged\n")
	m := r.commit("Li Wei", "Merge", hashOf(s))

	want := []Commit{m, s, mc, base}
	if mc.Hash > s.Hash {
		want = []Commit{m, mc, s, base}
	}
	for range 20 {
		h, err := Read(r.dir, "records/")
		if err != nil {
			t.Fatal(err)
		}
		checkFiles(t, h, map[string][]Commit{"records/a.yaml": want})
	}
}

func TestCache(t *testing.T) {
	r, _, _, c3 := shallowBase(t)
	var cache Cache
	if _, err := cache.Read(r.dir, "records/"); err != nil {
		t.Fatal(err)
	}
	if got := cache.len(); got != 3 {
		t.Errorf("after one read, cache holds %d commits, want 3", got)
	}

	r.write("records/a.yaml", "a2\n")
	c4 := r.commit("Chen Jie", "Change a")
	h, err := cache.Read(r.dir, "records/")
	if err != nil {
		t.Fatal(err)
	}
	want, err := Read(r.dir, "records/")
	if err != nil {
		t.Fatal(err)
	}
	checkFiles(t, h, want.Files)
	if h.Head == nil || !equal(*h.Head, c4) {
		t.Errorf("Head = %+v, want %+v", h.Head, c4)
	}
	if got, ok := h.Last("records/c.yaml"); !ok || !equal(got, c3) {
		t.Errorf(`Last("records/c.yaml") = %+v, %v; want %+v, true`, got, ok, c3)
	}
	if got := cache.len(); got != 4 {
		t.Errorf("after the second read, cache holds %d commits, want 4", got)
	}

	// Another prefix is another question about the same commits.
	h, err = cache.Read(r.dir, "")
	if err != nil {
		t.Fatal(err)
	}
	checkFiles(t, h, want.Files)
	if got := cache.len(); got != 8 {
		t.Errorf("after reading another prefix, cache holds %d commits, want 8", got)
	}
}

func TestCacheShallow(t *testing.T) {
	// A boundary is not cached: after the clone is deepened, its commit is
	// credited with its changes.
	r, c1, c2, c3 := shallowBase(t)
	shallow := filepath.Join(r.dir, ".git", "shallow")
	if err := os.WriteFile(shallow, []byte(c2.Hash+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var cache Cache
	if _, err := cache.Read(r.dir, "records/"); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(shallow); err != nil {
		t.Fatal(err)
	}
	h, err := cache.Read(r.dir, "records/")
	if err != nil {
		t.Fatal(err)
	}
	if h.Shallow {
		t.Errorf("Shallow = true after deepening, want false")
	}
	checkFiles(t, h, map[string][]Commit{
		"records/a.yaml": {c1},
		"records/b.yaml": {c2, c1},
		"records/c.yaml": {c3, c2},
	})
}
