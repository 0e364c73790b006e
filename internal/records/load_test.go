package records_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/records"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/internal/synth"
	"github.com/yancheng-jyyw/roll/schemas"
)

// TestLoadOrder: files are loaded by several workers, but the records and
// the findings come out in the order of the walk, every time.
func TestLoadOrder(t *testing.T) {
	dir := t.TempDir()
	r, err := synth.Generate(synth.Options{Heroes: 200, Seed: 2, Year: 2020})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Write(dir); err != nil {
		t.Fatal(err)
	}
	// Broken files among the good ones, at both ends of the walk.
	for p, data := range map[string]string{
		"records/heroes/binhai/H-2020-9998.md":     "no front matter\n",
		"records/heroes/yannan/H-2020-9999.md":     "---\nid: H-2020-9999\nname: [\n---\n",
		"records/visits/2020/V-2020-9999.yaml":     "",
		"records/stations/tinghu/S-tinghu-99.yaml": "id: S-tinghu-99\n",
		"records/catalog/extra.yml":                "x: 1\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(p)), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	set, err := schema.Compile(schemas.FS)
	if err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	repo, list := records.Load(root.FS(), set)
	if len(repo.Heroes) != 200 {
		t.Errorf("loaded %d heroes, want 200", len(repo.Heroes))
	}
	files := make([]string, len(repo.Heroes))
	for i, h := range repo.Heroes {
		files[i] = h.Src.File
	}
	if !slices.IsSorted(files) {
		t.Error("the heroes are not in the order of their files")
	}
	if repo.Broken["S-tinghu-99"] != "records/stations/tinghu/S-tinghu-99.yaml" {
		t.Errorf("Broken = %v, want the station that failed its schema", repo.Broken)
	}
	var first []string
	for _, f := range list {
		first = append(first, f.String())
	}
	if len(first) < 5 {
		t.Errorf("%d findings, want one at least for each broken file:\n%v", len(first), first)
	}
	for range 5 {
		_, again := records.Load(root.FS(), set)
		var got []string
		for _, f := range again {
			got = append(got, f.String())
		}
		if !slices.Equal(got, first) {
			t.Fatalf("a second load gave the findings\n%v\nwant\n%v", got, first)
		}
	}
	files = files[:0]
	for _, f := range list {
		files = append(files, f.File)
	}
	if !slices.IsSorted(files) {
		t.Errorf("the findings are not in the order of the walk: %v", files)
	}
}

// TestCache: a load through the cache gives what a plain load gives, and
// sees a file that changed, appeared or went away.
func TestCache(t *testing.T) {
	dir := t.TempDir()
	r, err := synth.Generate(synth.Options{Heroes: 30, Seed: 3, Year: 2020})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Write(dir); err != nil {
		t.Fatal(err)
	}
	set, err := schema.Compile(schemas.FS)
	if err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	var cache records.Cache
	compare := func(step string) {
		t.Helper()
		want, wantList := records.Load(root.FS(), set)
		got, gotList := records.LoadCached(root.FS(), set, &cache)
		if len(got.Heroes) != len(want.Heroes) || gotList.Errors() != wantList.Errors() || len(gotList) != len(wantList) {
			t.Fatalf("%s: cached load has %d heroes and %d findings, a plain one %d and %d", step, len(got.Heroes), len(gotList), len(want.Heroes), len(wantList))
		}
		for i := range want.Heroes {
			if got.Heroes[i].Deed.Summary != want.Heroes[i].Deed.Summary || got.Heroes[i].Src.Sum != want.Heroes[i].Src.Sum {
				t.Errorf("%s: hero %s differs", step, want.Heroes[i].ID)
			}
		}
	}
	compare("first")
	compare("unchanged")
	heroes, _ := filepath.Glob(filepath.Join(dir, "records", "heroes", "*", "*.md"))
	b, _ := os.ReadFile(heroes[0])
	os.WriteFile(heroes[0], bytes.Replace(b, []byte("summary: "), []byte("summary: 改"), 1), 0o644)
	compare("edited")
	os.WriteFile(heroes[1], []byte("broken"), 0o644)
	compare("broken")
	os.Remove(heroes[2])
	compare("removed")
}

// TestLoadsAgree: a load with the records cache, on disk or in memory,
// whose workers read file after file into one buffer, gives the records
// and findings of a load without a cache, which reads each file into
// memory of its own: nothing loaded keeps the buffer the next file is
// read into. The archive has records that yaml.v3 reads (a byte order
// mark, CRLF), that fail their schema or the YAML, and findings in a
// narrative.
func TestLoadsAgree(t *testing.T) {
	dir := t.TempDir()
	r, err := synth.Generate(synth.Options{Heroes: 120, Seed: 5, Year: 2020})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Write(dir); err != nil {
		t.Fatal(err)
	}
	heroes, _ := filepath.Glob(filepath.Join(dir, "records", "heroes", "*", "*.md"))
	for i, h := range heroes {
		b, err := os.ReadFile(h)
		if err != nil {
			t.Fatal(err)
		}
		switch i % 7 {
		case 1:
			b = append([]byte("\ufeff"), bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))...)
		case 3:
			b = bytes.Replace(b, []byte("birth_year: "), []byte("birth_year: x"), 1)
		case 4:
			b = bytes.Replace(b, []byte("name: "), []byte("name: [\n"), 1)
		case 5:
			b = append(b, "\n---\nprivate:\n  phone: \"13800001234\"\n"...)
		}
		if err := os.WriteFile(h, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	set, err := schema.Compile(schemas.FS)
	if err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	dump := func(repo *model.Repo, list finding.List) string {
		t.Helper()
		b, err := json.Marshal(repo)
		if err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		out.Write(b)
		for _, f := range list {
			out.WriteString("\n" + f.String())
		}
		return out.String()
	}
	want := dump(records.Load(root.FS(), set))
	if !strings.Contains(want, "frontmatter") || !strings.Contains(want, "birth_year") {
		t.Fatalf("the archive's findings lack the faults made in it:\n%s", want[strings.LastIndexByte(want, '}')+1:])
	}
	for _, c := range []struct {
		name  string
		cache *records.Cache
	}{{"on disk", records.OnDisk(dir, [32]byte{1})}, {"in memory", &records.Cache{}}} {
		for _, run := range []string{"cold", "warm"} {
			if got := dump(records.LoadCached(root.FS(), set, c.cache)); got != want {
				t.Errorf("%s, %s: the load differs from one without a cache", c.name, run)
			}
		}
	}
}
