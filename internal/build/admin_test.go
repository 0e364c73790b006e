package build

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/cms"
	"github.com/yancheng-jyyw/roll/internal/regularfs"
)

// TestBuildWritesForm: with site.yaml's cms, the form goes into the
// internal site's admin/ folder, its configuration as package cms writes
// it, and nothing of it into the public site; with the CMS's files in
// cms/assets, those too, the bundle patched. Without cms, no form.
func TestBuildWritesForm(t *testing.T) {
	root := sampleRepo(t)
	assets := filepath.Join(root, "cms/assets")
	if err := os.MkdirAll(assets, 0o755); err != nil {
		t.Fatal(err)
	}
	bundle := `function Kl(e){return e.trim().toLocaleLowerCase().replace(/[']/g,"").replace(/[.]/g,"-")}`
	if err := os.WriteFile(filepath.Join(assets, cms.Bundle), []byte(bundle), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, root)
	site := filepath.Join(root, "_site")
	config, err := os.ReadFile(filepath.Join(site, "internal/admin", cms.ConfigFile))
	if err != nil {
		t.Fatal(err)
	}
	want, err := cms.Config(os.DirFS(filepath.Join(root, "schemas")), os.DirFS(root), cms.Options{
		Repo: "yancheng-jyyw/roll", SiteURL: "https://jyyw.yancheng.example/"})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(config, want) {
		t.Errorf("internal/admin/config.yml is not the configuration package cms writes for site.yaml's cms")
	}
	for _, name := range []string{"index.html", "roll-cms.js"} {
		if _, err := os.Stat(filepath.Join(site, "internal/admin", name)); err != nil {
			t.Errorf("the form's page: %v", err)
		}
	}
	if b, err := os.ReadFile(filepath.Join(site, "internal/admin", cms.Bundle)); err != nil || string(b) != "function Kl(e){return e.trim()}" {
		t.Errorf("the bundle in the site is %q (%v), want it patched", b, err)
	}
	if _, err := os.Stat(filepath.Join(site, "public/admin")); !os.IsNotExist(err) {
		t.Errorf("the public site has admin/: %v", err)
	}

	// site.yaml without cms: the next build removes the form.
	edit(t, filepath.Join(root, "records/site.yaml"), "cms:\n  repo: yancheng-jyyw/roll\n", "")
	run(t, root)
	if _, err := os.Stat(filepath.Join(site, "internal/admin")); !os.IsNotExist(err) {
		t.Errorf("without cms in site.yaml, the internal site still has admin/: %v", err)
	}
}

// TestFormAssetLink puts in cms/assets a link to a private file: the CMS's
// files are read as regular files only, so the build fails, naming the
// link, and the file it points at is nowhere in the output.
func TestFormAssetLink(t *testing.T) {
	root := sampleRepo(t)
	secret := "[http] extraheader = AUTHORIZATION: basic c2VjcmV0"
	if err := os.WriteFile(filepath.Join(root, "config"), []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	assets := filepath.Join(root, "cms/assets")
	if err := os.MkdirAll(assets, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../../config", filepath.Join(assets, "config.js")); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	_, err := Run(root, Options{Out: out, Today: testDay})
	if !errors.Is(err, regularfs.ErrLink) || !strings.Contains(err.Error(), "cms/assets/config.js") {
		t.Errorf("build with a link in cms/assets: %v, want an error naming the link", err)
	}
	for path, f := range snapshot(t, out) {
		if strings.Contains(string(f.data), "extraheader") {
			t.Errorf("%s holds the linked file", path)
		}
	}
}
