package serve

import (
	"bytes"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/build"
	"github.com/yancheng-jyyw/roll/internal/site"
)

// TestRebuildEqualsFresh changes a copy of the repository again and again
// under one server, as a clerk and a designer would: after each change,
// the sites the server serves, rebuilt from what it kept of the builds
// before (the pages, the records cache, the redaction memo), hold
// exactly the files, byte for byte, of a fresh roll build of the same
// repository with the server's address as base URL.
func TestRebuildEqualsFresh(t *testing.T) {
	root := t.TempDir()
	for _, d := range watched {
		if err := os.CopyFS(filepath.Join(root, d), os.DirFS(filepath.Join("..", "..", d))); err != nil {
			t.Fatal(err)
		}
	}
	edit := func(file, old, new string) func() {
		return func() {
			p := filepath.Join(root, file)
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(b, []byte(old)) {
				t.Fatalf("%s has no %q", file, old)
			}
			if err := os.WriteFile(p, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	s := newServer(&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}, Options{Root: root, Today: today})
	for i, c := range []struct {
		what   string
		change func()
	}{
		{"nothing", func() {}},
		{"a narrative", edit(heroFile, "\n---\n", "\n---\n\n补记一句。\n")},
		{"a summary", edit(heroFile, heroSummary, "在家长协助下救起两名落水同学")},
		{"a template", edit("templates/public/base.html", "</body>", "<p>模板已修改</p>\n</body>")},
		{"the site's title", edit("records/site.yaml", "title: 盐城市见义勇为英模名录", "title: 盐城市见义勇为英模录")},
		{"a withdrawal", func() {
			edit("records/heroes/sheyang/H-2019-0002.md", "status: confirmed", "status: withdrawn")()
			// His co-rescuers' narratives may no longer name him.
			for _, f := range []string{"H-2019-0003.md", "H-2019-0004.md"} {
				p := filepath.Join(root, "records/heroes/sheyang", f)
				b, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, bytes.ReplaceAll(b, []byte("蔡永兵"), []byte("蔡某某")), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}},
		{"a visit", edit("records/visits/2020/V-2020-0001.yaml", "items: 慰问金、水果", "items: 慰问金、鲜花")},
		{"a new hero", func() {
			b, err := os.ReadFile(filepath.Join(root, "records/heroes/yandu/H-2020-0006.md"))
			if err != nil {
				t.Fatal(err)
			}
			b = bytes.ReplaceAll(b, []byte("H-2020-0006"), []byte("H-2020-0018"))
			b = bytes.ReplaceAll(b, []byte("周丽华"), []byte("孙海涛"))
			b = bytes.Replace(b, []byte("    decision: D-2020-06\n"), nil, 1)
			if err := os.WriteFile(filepath.Join(root, "records/heroes/yandu/H-2020-0018.md"), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"the new hero withdrawn", edit("records/heroes/yandu/H-2020-0018.md", "status: confirmed", "status: withdrawn")},
	} {
		c.change()
		g := s.build(c.what)
		if !g.built() {
			t.Fatalf("after %s: not built: %v %v", c.what, g.err, g.findings)
		}
		out := filepath.Join(t.TempDir(), "out")
		res, err := build.Run(root, build.Options{Out: out, BaseURL: s.baseURL, Today: today})
		if err != nil || !res.Built {
			t.Fatalf("after %s: roll build: %v %v", c.what, err, res)
		}
		for _, x := range []struct {
			name string
			m    *site.Memory
		}{{"public", g.public}, {"internal", g.internal}} {
			if got := differ(t, x.m, filepath.Join(out, x.name)); len(got) > 0 {
				t.Errorf("%d. after %s, the served %s site differs from a fresh build in %q", i, c.what, x.name, got)
			}
		}
	}
}

// differ lists the paths whose bytes differ between m and the folder dir,
// or that only one of them has.
func differ(t *testing.T, m *site.Memory, dir string) []string {
	t.Helper()
	var out []string
	onDisk := map[string]bool{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		onDisk[rel] = true
		want, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if got, ok := m.File(rel); !ok || !bytes.Equal(got, want) {
			out = append(out, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range m.Paths() {
		if !onDisk[p] && !strings.HasPrefix(p, ".") {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}
