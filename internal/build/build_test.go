package build

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/yancheng-jyyw/roll/internal/history"
)

// testDay is the build date of the sample records (see the Makefile): after
// every record, with the 2020 plan closed and one nomination in its 公示.
var testDay = time.Date(2021, 1, 20, 0, 0, 0, 0, time.UTC)

// sampleRepo copies the repository's own sample records, schemas and
// templates into a temporary folder.
func sampleRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, sub := range []string{"records", "schemas", "templates"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join("../..", sub))); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// file is a built file as it is on disk.
type file struct {
	info fs.FileInfo
	data []byte
}

// snapshot reads every file of the sites under dir, keyed by slash path;
// the state beside them (.roll/: the inactive trees, manifests, lock) is
// not part of a site.
func snapshot(t *testing.T, dir string) map[string]file {
	t.Helper()
	m := map[string]file{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && p != dir {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
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

// rewritten lists the files of after that are not the very files of before:
// new, or replaced (another inode), or written again (another time).
func rewritten(before, after map[string]file) []string {
	var out []string
	for p, a := range after {
		b, ok := before[p]
		if !ok || !os.SameFile(a.info, b.info) || !a.info.ModTime().Equal(b.info.ModTime()) {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

// differ lists the files whose bytes differ between before and after, or
// that only one of them has.
func differ(before, after map[string]file) []string {
	var out []string
	for p, a := range after {
		if b, ok := before[p]; !ok || !bytes.Equal(a.data, b.data) {
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

func run(t *testing.T, root string) *Result {
	t.Helper()
	res, err := Run(root, Options{Out: "_site", Today: testDay, History: &history.History{}})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Built {
		t.Fatalf("not built: %v", res.Check.Findings)
	}
	return res
}

func edit(t *testing.T, file, old, new string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	if err := os.WriteFile(file, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRebuildWritesNothing: a second build of the same records leaves
// every file as it was, the very same file on disk.
func TestRebuildWritesNothing(t *testing.T) {
	root := sampleRepo(t)
	site := filepath.Join(root, "_site")
	first := run(t, root)
	if first.Unchanged() != 0 || first.Written() != first.Public.Files+first.Internal.Files {
		t.Errorf("first build: %d written, %d unchanged; want all %d written",
			first.Written(), first.Unchanged(), first.Public.Files+first.Internal.Files)
	}
	before := snapshot(t, site)
	second := run(t, root)
	if second.Written() != 0 || second.Unchanged() != len(before) {
		t.Errorf("second build: %d written, %d unchanged; want 0 and %d", second.Written(), second.Unchanged(), len(before))
	}
	after := snapshot(t, site)
	if got := rewritten(before, after); len(got) > 0 {
		t.Errorf("the second build rewrote %q", got)
	}
	if got := differ(before, after); len(got) > 0 {
		t.Errorf("the second build changed %q", got)
	}
}

// TestRebuildAfterEdit: after one hero's summary changed, exactly the files
// whose bytes changed are rewritten, and they are those that show it.
func TestRebuildAfterEdit(t *testing.T) {
	root := sampleRepo(t)
	site := filepath.Join(root, "_site")
	run(t, root)
	before := snapshot(t, site)
	edit(t, filepath.Join(root, "records/heroes/sheyang/H-2019-0002.md"),
		"summary: 三人驾渔船冒着大风赶往翻覆货船", "summary: 三人驾渔船顶着大风赶往翻覆货船")
	res := run(t, root)
	after := snapshot(t, site)

	got, want := rewritten(before, after), differ(before, after)
	if !slices.Equal(got, want) {
		t.Errorf("rewritten %q\nwant exactly the changed files %q", got, want)
	}
	if res.Written() != len(want) {
		t.Errorf("Written() = %d, want %d", res.Written(), len(want))
	}
	// The summary is on the hero's own pages, the lists that show it, the
	// page of the group deed, the year's shard of the search index and the
	// feed; not on another hero's page, nor in the index's manifest.
	for _, p := range []string{
		"public/heroes/H-2019-0002.html", "public/roll.html", "public/jurisdictions/sheyang.html",
		"public/years/2019.html", "public/kinds/rescue.html", "public/cases/C-2019-0001.html",
		"public/search/2019.json", "public/feed.xml", "internal/heroes/sheyang/2019-0000.html",
	} {
		if !slices.Contains(got, p) {
			t.Errorf("%s was not rewritten; rewritten: %q", p, got)
		}
	}
	for _, p := range []string{"public/heroes/H-2017-0001.html", "public/heroes/H-2019-0003.html", "public/sitemap.xml", "public/search.json", "public/search/2020.json", "public/static/style.css", "internal/static/style.css"} {
		if slices.Contains(got, p) {
			t.Errorf("%s was rewritten, though nothing on it changed", p)
		}
	}
	if !strings.Contains(string(after["public/heroes/H-2019-0002.html"].data), "顶着大风") {
		t.Error("the hero page does not show the new summary")
	}
}

// TestRebuildAfterRemoval: a removed record's pages disappear, and with
// them any folder left empty.
func TestRebuildAfterRemoval(t *testing.T) {
	root := sampleRepo(t)
	site := filepath.Join(root, "_site")
	run(t, root)
	before := snapshot(t, site)
	// H-2019-0006 is published, and no other record refers to it.
	const victim = "H-2019-0006"
	for _, p := range []string{"public/heroes/" + victim + ".html", "internal/heroes/jianhu/2019-0000.html"} {
		if _, ok := before[p]; !ok {
			t.Fatalf("the first build has no %s", p)
		}
	}
	if err := os.Remove(filepath.Join(root, "records/heroes/jianhu", victim+".md")); err != nil {
		t.Fatal(err)
	}
	res, err := Run(root, Options{Out: "_site", Today: testDay, History: &history.History{}})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Built {
		t.Fatalf("removing %s fails the check: %v", victim, res.Check.Findings)
	}
	after := snapshot(t, site)
	if _, ok := after["public/heroes/"+victim+".html"]; ok {
		t.Errorf("the page of %s is still there after its record was removed", victim)
	}
	if strings.Contains(string(after["internal/heroes/sheyang/2019-0000.html"].data), `id="`+victim+`"`) {
		t.Errorf("the internal record of %s is still there after its record was removed", victim)
	}
	if got, want := rewritten(before, after), differ(before, after); !slices.Equal(withoutRemoved(want, after), got) {
		t.Errorf("rewritten %q\nwant exactly the changed files %q", got, want)
	}
}

func withoutRemoved(paths []string, after map[string]file) []string {
	var out []string
	for _, p := range paths {
		if _, ok := after[p]; ok {
			out = append(out, p)
		}
	}
	return out
}

// TestFailedBuildLeavesBothSites: a template that fails in the internal
// site, rendered after the public one started, leaves both previous sites
// as they were: same bytes, same files on disk, nothing staged beside.
func TestFailedBuildLeavesBothSites(t *testing.T) {
	root := sampleRepo(t)
	site := filepath.Join(root, "_site")
	run(t, root)
	before := snapshot(t, site)
	edit(t, filepath.Join(root, "records/heroes/sheyang/H-2019-0002.md"),
		"summary: 三人驾渔船冒着大风赶往翻覆货船", "summary: 三人驾渔船顶着大风赶往翻覆货船")
	if err := os.WriteFile(filepath.Join(root, "templates/internal/hero.html"),
		[]byte(`{{define "main"}}{{.NoSuchField}}{{end}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(root, Options{Out: "_site", Today: testDay, History: &history.History{}}); err == nil {
		t.Fatal("Run with a broken template: no error")
	}
	after := snapshot(t, site)
	if got := differ(before, after); len(got) > 0 {
		t.Errorf("a failed build changed %q", got)
	}
	if got := rewritten(before, after); len(got) > 0 {
		t.Errorf("a failed build rewrote %q", got)
	}
	// The next build, with the template fixed, builds over what the
	// failed one left in the inactive trees.
	good, err := os.ReadFile("../../templates/internal/hero.html")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "templates/internal/hero.html"), good, 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, root)
	buildAt(t, root, "_fresh", testDay)
	if got := differ(snapshot(t, filepath.Join(root, "_fresh")), snapshot(t, site)); len(got) > 0 {
		t.Errorf("the build after a failed one differs from a full build in %q", got)
	}
}

// TestProgress: the progress function sees every page of both sites, in
// order, and ends at the total.
func TestProgress(t *testing.T) {
	root := sampleRepo(t)
	var calls [][2]int
	res, err := Run(root, Options{Out: "_site", Today: testDay, History: &history.History{},
		Progress: func(done, total int) { calls = append(calls, [2]int{done, total}) }})
	if err != nil {
		t.Fatal(err)
	}
	total := res.Public.Files + res.Internal.Files
	if len(calls) == 0 || calls[len(calls)-1] != [2]int{total, total} {
		t.Fatalf("progress calls end with %v, want [%d %d]", calls[max(0, len(calls)-1):], total, total)
	}
	for i, c := range calls {
		if c[1] != total || (i > 0 && c[0] != calls[i-1][0]+1) {
			t.Fatalf("progress call %d = %v after %v: want one more page of %d", i, c, calls[max(0, i-1)], total)
		}
	}
}

// TestHeapHint: before a first build there is no hint; after one, the
// hint grows with the public site's entries it kept, whether the output
// folder is named relative to the repository or absolutely.
func TestHeapHint(t *testing.T) {
	root := sampleRepo(t)
	if n := HeapHint(root, "_site"); n != 0 {
		t.Errorf("before a first build: %d, want 0", n)
	}
	run(t, root)
	fi, err := os.Stat(filepath.Join(root, "_site", ".roll", keptState+".state"))
	if err != nil {
		t.Fatal(err)
	}
	want := heapPerKept * fi.Size()
	if n := HeapHint(root, "_site"); n != want || n == 0 {
		t.Errorf("after a build: %d, want %d", n, want)
	}
	if n := HeapHint(root, filepath.Join(root, "_site")); n != want {
		t.Errorf("the folder named absolutely: %d, want %d", n, want)
	}
	if n := HeapHint(root, "elsewhere"); n != 0 {
		t.Errorf("a folder never built into: %d, want 0", n)
	}
}
