package status

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/golden")

// goldenPages are the pages compared with testdata/golden: one of each kind.
var goldenPages = []string{
	"index.html",
	"plan/2020.html",
	"tasks/T-2020-01.html",
	"tasks/T-2020-10.html",
	"care/2020.html",
	"insurance.html",
	"pending.html",
	"stations.html",
	"quality.html",
	"heroes.html",
	"heroes/sheyang/2019-0000.html",
	"heroes/dafeng/2020-0000.html",
	"tasks/T-2020-11.html",
	"plan/2021.html",
	"tasks/T-2021-01.html",
	"bulletin/2020-Q3.html",
	"bulletin/2020.html",
	"bulletin/2021.html",
	"events/2020.html",
	"teams.html",
	"fund/2020.html",
	"decisions/2020.html",
}

// TestGolden builds the site of the sample records with a history written
// by hand and compares pages of every kind with their golden copies. Run
// with -update after a deliberate change, and read the diff.
func TestGolden(t *testing.T) {
	res := checkRepo(t, sampleRepo(t))
	out, _ := build(t, res, fixedHistory(res))
	for _, name := range goldenPages {
		got := readPage(t, out, name)
		file := filepath.Join("testdata", "golden", filepath.FromSlash(name))
		if *update {
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs from %s; run go test -update and read the diff", name, file)
		}
	}
}

// TestDeterministic builds the same records twice and compares every file.
func TestDeterministic(t *testing.T) {
	res := checkRepo(t, sampleRepo(t))
	a, _ := build(t, res, fixedHistory(res))
	b, _ := build(t, res, fixedHistory(res))
	fa, fb := siteFiles(t, a), siteFiles(t, b)
	if len(fa) != len(fb) {
		t.Fatalf("%d files, then %d", len(fa), len(fb))
	}
	for name, x := range fa {
		if fb[name] != x {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

// TestTemplatesFormatNothing: the templates of both sites call no
// function to format a value or look up a word: values format themselves
// (.Zh), and chart geometry is computed in Go.
func TestTemplatesFormatNothing(t *testing.T) {
	files, err := filepath.Glob("../../templates/*/*.html")
	if err != nil || len(files) < 10 {
		t.Fatalf("templates: %v, %d files", err, len(files))
	}
	bad := regexp.MustCompile(`\b(print|printf|println|minus|label|zhdate|yuan|when|day|percent)\b[ )]`)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, action := range regexp.MustCompile(`\{\{[^}]*\}\}`).FindAll(b, -1) {
			if m := bad.Find(action); m != nil {
				t.Errorf("%s: %s formats by hand (%s)", f, action, m)
			}
		}
	}
	if n := len(funcs()); n != 0 {
		t.Errorf("the internal templates have %d functions, want none", n)
	}
}
