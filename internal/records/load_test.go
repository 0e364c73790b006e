package records_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

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
