package main

import (
	"bufio"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// repoRoot is where go test runs this package from, two folders down.
const repoRoot = "../.."

// layoutPaths returns the paths in the first column of the README's
// "Layout" table, in backquotes ("`internal/gitbase`, `internal/baseline`"
// names two).
func layoutPaths(t *testing.T) []string {
	t.Helper()
	f, err := os.Open(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var (
		in    bool
		paths []string
		code  = regexp.MustCompile("`([^`]+)`")
	)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "## ") {
			in = line == "## Layout"
			continue
		}
		if !in || !strings.HasPrefix(line, "| `") {
			continue
		}
		first := strings.SplitN(line, "|", 3)[1]
		for _, m := range code.FindAllStringSubmatch(first, -1) {
			paths = append(paths, strings.TrimSuffix(m[1], "/"))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatal("README.md has no Layout table")
	}
	return paths
}

// TestReadmeLayout keeps the README's Layout table in step with the code:
// every package under internal/ and every command under cmd/ has its row,
// and every path the table names exists.
func TestReadmeLayout(t *testing.T) {
	named := make(map[string]bool)
	for _, p := range layoutPaths(t) {
		named[p] = true
		if _, err := os.Stat(filepath.Join(repoRoot, filepath.FromSlash(p))); err != nil {
			t.Errorf("README.md's Layout names %s, which does not exist", p)
		}
	}
	for _, parent := range []string{"internal", "cmd"} {
		entries, err := os.ReadDir(filepath.Join(repoRoot, parent))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if p := parent + "/" + e.Name(); e.IsDir() && !named[p] {
				t.Errorf("%s has no row in README.md's Layout table", p)
			}
		}
	}
}

// measured matches a figure that was measured: a duration or a size.
var measured = regexp.MustCompile(`\d[\d,.]*\s?(ns|µs|ms|KiB|MiB|GiB|KB|MB|GB)\b|\d+\.\d+\s?s\b`)

// TestMeasurementsInOnePlace keeps timings and sizes in
// docs/performance.md, with the machine they were measured on, and out of
// the README and the other documents, where they would go stale unseen.
func TestMeasurementsInOnePlace(t *testing.T) {
	docs, err := filepath.Glob(filepath.Join(repoRoot, "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range append(docs, filepath.Join(repoRoot, "README.md")) {
		if filepath.Base(doc) == "performance.md" {
			continue
		}
		b, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if m := measured.FindString(line); m != "" {
				rel, _ := filepath.Rel(repoRoot, doc)
				t.Errorf("%s:%d: %q is a measurement; it belongs in docs/performance.md", rel, i+1, m)
			}
		}
	}
}

// codeLines counts the lines of Go code of a package's non-test,
// non-generated files: neither blank nor only a comment.
func codeLines(t *testing.T, files []*ast.File, fset *token.FileSet) int {
	t.Helper()
	n := 0
	for _, f := range files {
		if ast.IsGenerated(f) {
			continue
		}
		name := fset.File(f.Package).Name()
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for line := range strings.Lines(string(b)) {
			if l := strings.TrimSpace(line); l != "" && !strings.HasPrefix(l, "//") {
				n++
			}
		}
	}
	return n
}

// TestLargePackagesSayWhy holds every package to about 600 lines of code
// (tests, generated tables, comments and blank lines not counted), or to a
// reason in its doc comment that says why it is one package.
func TestLargePackagesSayWhy(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join(repoRoot, "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range dirs {
		if top := filepath.Base(filepath.Dir(dir)); top != "internal" && top != "cmd" {
			continue
		}
		fset := token.NewFileSet()
		pkgs, err := parser.ParseDir(fset, dir, func(fi fs.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, pkg := range pkgs {
			files := slices.Collect(maps.Values(pkg.Files))
			n := codeLines(t, files, fset)
			if n <= 600 {
				continue
			}
			said := slices.ContainsFunc(files, func(f *ast.File) bool {
				return f.Doc != nil && strings.Contains(f.Doc.Text(), "600 lines")
			})
			if !said {
				rel, _ := filepath.Rel(repoRoot, dir)
				t.Errorf("%s has %d lines of code and its doc comment does not say why it is larger than 600 lines", rel, n)
			}
		}
	}
}

// TestEveryFuzzTargetRuns keeps `make fuzz` in step with the code: each
// fuzz target under internal/ and cmd/ is run by the Makefile's fuzz recipe
// in its own package, so a target written for a new file format is not
// left to run only its seeds.
func TestEveryFuzzTargetRuns(t *testing.T) {
	makefile, err := os.ReadFile(filepath.Join(repoRoot, "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	run := regexp.MustCompile(`-fuzz '\^(Fuzz\w+)\$\$' .*\./(\S+)`)
	ran := map[string]bool{}
	for _, m := range run.FindAllStringSubmatch(string(makefile), -1) {
		ran[m[2]+"."+m[1]] = true
	}
	if len(ran) == 0 {
		t.Fatal("the Makefile runs no fuzz target")
	}
	target := regexp.MustCompile(`(?m)^func (Fuzz\w+)\(\w+ \*testing\.F\)`)
	found := 0
	for _, top := range []string{"internal", "cmd"} {
		err := filepath.WalkDir(filepath.Join(repoRoot, top), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, "_test.go") {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			pkg, _ := filepath.Rel(repoRoot, filepath.Dir(p))
			for _, m := range target.FindAllSubmatch(b, -1) {
				found++
				if name := filepath.ToSlash(pkg) + "." + string(m[1]); !ran[name] {
					t.Errorf("%s is not run by `make fuzz`: add it to the Makefile's fuzz recipe", name)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if found == 0 {
		t.Fatal("found no fuzz target: the search is broken")
	}
}
