package records

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/schemas"
)

func compile(t testing.TB) *schema.Set {
	t.Helper()
	s, err := schema.Compile(schemas.FS)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// repoCopy copies the repository's own records into a temporary folder.
func repoCopy(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "records"), os.DirFS("../../records")); err != nil {
		t.Fatal(err)
	}
	return dir
}

func loadDir(t *testing.T, dir string) finding.List {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	_, list := Load(root.FS(), compile(t))
	return list
}

func TestSymlinksAreNotFollowed(t *testing.T) {
	dir := repoCopy(t)
	outside := filepath.Join(t.TempDir(), "secret.md")
	os.WriteFile(outside, []byte("---\nid: H-2020-9999\n---\nsecret\n"), 0o644)
	// A link out of the repository, and one to a record inside it.
	if err := os.Symlink(outside, filepath.Join(dir, "records/heroes/sheyang/H-2020-9999.md")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	os.Symlink(filepath.Join(dir, "records/heroes/sheyang/H-2019-0002.md"), filepath.Join(dir, "records/heroes/yandu/H-2019-0002.md"))
	os.Symlink(filepath.Dir(outside), filepath.Join(dir, "records/heroes/elsewhere"))
	list := loadDir(t, dir)
	want := map[string]bool{
		"records/heroes/sheyang/H-2020-9999.md": true,
		"records/heroes/yandu/H-2019-0002.md":   true,
		"records/heroes/elsewhere":              true,
	}
	for _, f := range list {
		if f.Rule == "load" && want[f.File] {
			delete(want, f.File)
		} else if f.Severity == finding.Error {
			t.Errorf("unexpected finding %v", f)
		}
	}
	for file := range want {
		t.Errorf("no finding for the symbolic link %s", file)
	}
}

func TestRequiredFiles(t *testing.T) {
	dir := repoCopy(t)
	os.Remove(filepath.Join(dir, "records/catalog/honors.yaml"))
	var got []string
	for _, f := range loadDir(t, dir) {
		if f.Rule == "load" {
			got = append(got, f.File)
		}
	}
	if strings.Join(got, ",") != "records/catalog/honors.yaml" {
		t.Errorf("findings of rule load on %v, want records/catalog/honors.yaml", got)
	}
}

func TestKind(t *testing.T) {
	tests := []struct {
		path string
		want schema.Kind
	}{
		{"records/site.yaml", schema.Site},
		{"records/catalog/honors.yaml", schema.Honors},
		{"records/catalog/jurisdictions.yaml", schema.Jurisdictions},
		{"records/heroes/sheyang/H-2020-0001.md", schema.Hero},
		{"records/heroes/sheyang/H-2020-0001.yaml", ""},
		{"records/heroes/H-2020-0001.md", ""},
		{"records/tasks/2020/plan.yaml", schema.Plan},
		{"records/tasks/2020/01.yaml", schema.Task},
		{"records/tasks/2020/1.yaml", ""},
		{"records/visits/2020/V-2020-0001.yaml", schema.Visit},
		{"records/stations/sheyang/S-sheyang-01.yaml", schema.Station},
		{"records/stations/sheyang/x/S-sheyang-01.yaml", ""},
		{"records/reports/2020/R-2020-Q3-sheyang.yaml", schema.Report},
		{"records/events/2020/E-2020-0001.yaml", schema.Event},
		{"records/teams/sheyang/TM-sheyang-01.yaml", schema.Team},
		{"records/decisions/2020/D-2020-01.yaml", schema.Decision},
		{"records/nominations/2020/N-2020-01.yaml", schema.Nomination},
		{"records/fund/2020/01.yaml", schema.Fund},
		{"records/fund/2020/12.yaml", schema.Fund},
		{"records/fund/2020/13.yaml", ""},
		{"records/fund/2020/F-2020-0001.yaml", ""},
		{"records/fund/2020.yaml", ""},
		{"schemas/hero.schema.json", ""},
		{"records", ""},
		{"records/", ""},
		{"records/heroes/sheyang/x/H-2020-0001.md", ""},
		{"records/heroes/sheyang/x/y/z/H-2020-0001.md", ""},
		{"records/visits/2020/", ""},
		{"records/catalog/honors.yaml/x", ""},
		{"other/heroes/sheyang/H-2020-0001.md", ""},
	}
	for _, tt := range tests {
		if got := Kind(tt.path); got != tt.want {
			t.Errorf("Kind(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}

// FuzzRecord loads a repository whose one hero file is the fuzzed input:
// whatever it holds, loading gives findings, never a panic, and a hero in
// the model only when there is no error finding for the file.
func FuzzRecord(f *testing.F) {
	seed, err := os.ReadFile("../../records/heroes/sheyang/H-2019-0002.md")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte("---\nid: H-2020-0001\nname: &a [*a]\n---\n"))
	f.Add([]byte("\xef\xbb\xbf---\r\nid: x\r\n"))
	f.Add([]byte("---\n---\n"))
	base := fstest.MapFS{
		"records/site.yaml":                  {Data: []byte("title: t\norganization: o\nbase_url: https://x.example/\nlanguage: zh-CN\nyear: 2020\n")},
		"records/catalog/jurisdictions.yaml": {Data: []byte("- {id: sheyang, name: 射阳县, kind: county}\n")},
		"records/catalog/honors.yaml":        {Data: []byte("- {id: city-model, name: 模范, level: city, issuer: 市政府}\n")},
	}
	set := compile(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{"records/heroes/sheyang/H-2019-0002.md": {Data: data}}
		for k, v := range base {
			fsys[k] = v
		}
		repo, list := Load(fsys, set)
		if list.Errors() > 0 && len(repo.Heroes) > 0 {
			t.Fatalf("a hero was loaded despite errors: %v", list)
		}
		for _, fd := range list {
			if fd.File == "" {
				t.Fatalf("a finding without a file: %v", fd)
			}
		}
	})
}

// TestIsPortrait: a portrait is a .jpg file in a jurisdiction's folder
// of records/heroes, and nothing else is.
func TestIsPortrait(t *testing.T) {
	for p, want := range map[string]bool{
		"records/heroes/sheyang/H-2020-0001.jpg":   true,
		"records/heroes/sheyang/H-2020-0001.jpeg":  false,
		"records/heroes/sheyang/H-2020-0001.md":    false,
		"records/heroes/H-2020-0001.jpg":           false,
		"records/heroes/sheyang/x/H-2020-0001.jpg": false,
		"records/visits/2020/V-2020-0001.jpg":      false,
		"other/heroes/sheyang/H-2020-0001.jpg":     false,
		"records/heroes//H-2020-0001.jpg":          true, // as a split into four parts had it
		"records/heroes/sheyang/.jpg":              true,
	} {
		if got := IsPortrait(p); got != want {
			t.Errorf("IsPortrait(%q) = %v, want %v", p, got, want)
		}
	}
}
