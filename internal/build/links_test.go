package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTemplateLink adds a static asset that is a link to .git/config, as a
// pull request could: the check refuses it, nothing is built, and the
// file it points at is nowhere in the output.
func TestTemplateLink(t *testing.T) {
	root := sampleRepo(t)
	if err := os.MkdirAll(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	secret := "[http] extraheader = AUTHORIZATION: basic c2VjcmV0"
	if err := os.WriteFile(filepath.Join(root, ".git", "config"), []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../../../.git/config", filepath.Join(root, "templates", "public", "static", "config.css")); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	res, err := Run(root, Options{Out: out, Today: testDay})
	if err != nil {
		t.Fatal(err)
	}
	if res.Built {
		t.Error("built a site with a link under templates/")
	}
	found := false
	for _, f := range res.Check.Findings {
		found = found || f.File == "templates/public/static/config.css"
	}
	if !found {
		t.Errorf("no finding at templates/public/static/config.css; findings: %v", res.Check.Findings)
	}
	for path, f := range snapshot(t, out) {
		if strings.Contains(string(f.data), "extraheader") {
			t.Errorf("%s holds the linked file", path)
		}
	}
}
