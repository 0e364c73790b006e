package status

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/yancheng-jyyw/roll/internal/check"
	"github.com/yancheng-jyyw/roll/internal/history"
	"github.com/yancheng-jyyw/roll/templates"
)

// buildDay is the build date of the fixtures: that of the sample records
// (see the Makefile), after every record and after the due dates of tasks
// 10 and 13 (both not started).
var buildDay = time.Date(2021, 1, 20, 0, 0, 0, 0, time.UTC)

// sampleRepo copies the repository's records and schemas into a new
// folder, so a test may commit or change them.
func sampleRepo(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	for _, sub := range []string{"records", "schemas"} {
		src := filepath.Join("..", "..", sub)
		err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(src, p)
			dst := filepath.Join(dir, sub, rel)
			if d.IsDir() {
				return os.MkdirAll(dst, 0o755)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(dst, b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// checkRepo runs roll check on dir as of buildDay.
func checkRepo(t testing.TB, dir string) *check.Result {
	t.Helper()
	res, err := check.Run(dir, check.Options{Today: buildDay})
	if err != nil {
		t.Fatal(err)
	}
	if n := res.Findings.Errors(); n > 0 {
		t.Fatalf("the sample records have %d errors: %v", n, res.Findings)
	}
	return res
}

// build builds the internal site of res into a new folder and returns it.
func build(t testing.TB, res *check.Result, hist *history.History) (string, Stats) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "_site", "internal")
	st, err := Build(out, res, hist, templates.FS, Options{Today: buildDay})
	if err != nil {
		t.Fatal(err)
	}
	return out, st
}

// readPage returns the file name of the site at out.
func readPage(t testing.TB, out, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// siteFiles returns every file of the site at out, by slash path.
func siteFiles(t testing.TB, out string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		files[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// fixedHistory is a history of the sample records written by hand: two
// commits by known authors, the second changing one hero and one task.
func fixedHistory(res *check.Result) *history.History {
	cst := time.FixedZone("CST", 8*3600)
	first := history.Commit{
		Hash: "1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", Short: "1111111",
		When: time.Date(2020, 11, 30, 9, 30, 0, 0, cst), Author: "王芳", Subject: "录入2020年全部记录",
	}
	second := history.Commit{
		Hash: "2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", Short: "2222222",
		When: time.Date(2020, 12, 18, 16, 5, 0, 0, cst), Author: "李伟", Subject: "更新蔡永兵的保险年度和任务1进展",
	}
	h := &history.History{Head: &second, Files: map[string][]history.Commit{}}
	add := func(file string) {
		h.Files[file] = append(h.Files[file], first)
	}
	for _, x := range res.Repo.Heroes {
		add(x.Src.File)
	}
	for _, x := range res.Repo.Tasks {
		add(x.Src.File)
	}
	for _, x := range res.Repo.Plans {
		add(x.Src.File)
	}
	for _, x := range res.Repo.Visits {
		add(x.Src.File)
	}
	for _, x := range res.Repo.Stations {
		add(x.Src.File)
	}
	for _, f := range []string{"records/heroes/sheyang/H-2019-0002.md", "records/tasks/2020/01.yaml"} {
		h.Files[f] = append([]history.Commit{second}, h.Files[f]...)
	}
	return h
}

// contains reports a failure for each of want missing from page.
func contains(t *testing.T, name, page string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(page, w) {
			t.Errorf("%s does not contain %q", name, w)
		}
	}
}

// lacks reports a failure for each of bad found in page.
func lacks(t *testing.T, name, page string, bad ...string) {
	t.Helper()
	for _, b := range bad {
		if strings.Contains(page, b) {
			t.Errorf("%s contains %q", name, b)
		}
	}
}
