package scaffold

import (
	"encoding/json"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/records"
	"github.com/yancheng-jyyw/roll/internal/schema"
)

// modeline is the first line of a YAML record that tells VS Code's YAML
// extension which schema to use.
var modeline = regexp.MustCompile(`^# yaml-language-server: \$schema=(\S+)\n`)

// TestEditorSchemas checks that VS Code finds the right schema for every YAML
// record of the repository and for the new ones: by the modeline of the file,
// and by the globs of .vscode/settings.json.
func TestEditorSchemas(t *testing.T) {
	repo := filepath.Join("..", "..")
	data, err := os.ReadFile(filepath.Join(repo, ".vscode", "settings.json"))
	if err != nil {
		t.Fatal(err)
	}
	var settings struct {
		Schemas map[string]any `json:"yaml.schemas"`
	}
	if err := json.Unmarshal(data, &settings); err != nil {
		t.Fatalf(".vscode/settings.json: %v", err)
	}
	globs := map[string]string{} // glob -> schema file
	for file, g := range settings.Schemas {
		if _, err := os.Stat(filepath.Join(repo, filepath.FromSlash(file))); err != nil {
			t.Errorf(".vscode/settings.json names %s: %v", file, err)
		}
		switch g := g.(type) {
		case string:
			globs[g] = path.Base(file)
		case []any:
			for _, g := range g {
				globs[g.(string)] = path.Base(file)
			}
		}
	}

	// check tells whether the file at p (slash path from the root) with
	// the content data gets the schema of its kind both ways.
	check := func(p string, data []byte) {
		kind := records.Kind(p)
		if kind == "" || kind == schema.Hero {
			return
		}
		want := kind.File()
		var got []string
		for g, file := range globs {
			if ok, _ := path.Match(g, p); ok {
				got = append(got, file)
			}
		}
		if len(got) != 1 || got[0] != want {
			t.Errorf("%s: .vscode/settings.json gives the schemas %v, want %s", p, got, want)
		}
		m := modeline.FindSubmatch(data)
		if m == nil {
			t.Errorf("%s: the first line is not # yaml-language-server: $schema=…", p)
			return
		}
		if target := path.Join(path.Dir(p), string(m[1])); target != "schemas/"+want {
			t.Errorf("%s: the modeline points at %s, want schemas/%s", p, target, want)
		}
	}

	err = fs.WalkDir(os.DirFS(repo), records.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") {
			return err
		}
		data, err := os.ReadFile(filepath.Join(repo, filepath.FromSlash(p)))
		if err != nil {
			return err
		}
		check(p, data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	dir, root := copyRepo(t)
	for _, f := range newRecords(t, root) {
		if f.Append { // a voucher: the month's file keeps its first line
			data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
			if err != nil {
				t.Fatal(err)
			}
			check(f.Path, data)
			continue
		}
		check(f.Path, f.Data)
	}
}
