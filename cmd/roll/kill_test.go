package main

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/yancheng-jyyw/roll/internal/synth"
)

// rollProcess starts roll with args in dir as a real process: this test
// binary, which runs roll's main when ROLL_TEST_RUN_MAIN is set.
func rollProcess(dir string, args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "ROLL_TEST_RUN_MAIN=1")
	return cmd
}

// siteFiles reads every file of the site folder dir, by slash path.
func siteFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func sameSite(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for p, x := range a {
		if y, ok := b[p]; !ok || x != y {
			return false
		}
	}
	return true
}

var linkRef = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// brokenLinks lists the local links of the site's pages that lead to no
// file, or to no element with the link's fragment. The form's page
// (admin/, package cms) is left out, as the quality gates leave it: it
// loads Decap CMS's files, which make cms fetches and the copies of the
// repository here do not hold.
func brokenLinks(files map[string]string) []string {
	var out []string
	for name, body := range files {
		if !strings.HasSuffix(name, ".html") || name == "404.html" || strings.HasPrefix(name, "admin/") {
			continue
		}
		for _, m := range linkRef.FindAllStringSubmatch(body, -1) {
			link, frag, _ := strings.Cut(m[1], "#")
			if strings.Contains(link, ":") || strings.HasPrefix(link, "/") || strings.Contains(link, "?") {
				continue // absolute: another host, or the site's base path
			}
			target := name
			if link != "" {
				target = path.Clean(path.Join(path.Dir(name), link))
				if strings.HasSuffix(link, "/") || link == "." {
					target = path.Join(target, "index.html")
				}
			}
			page, ok := files[target]
			if !ok || (frag != "" && !strings.Contains(page, `id="`+frag+`"`)) {
				out = append(out, name+" → "+m[1])
			}
		}
	}
	return out
}

// TestKilledBuild kills a real roll build at many moments of its run,
// its writing of the inactive trees and its switch included, and checks
// after each kill that each site is wholly the old build or wholly the
// new one, with every link resolving; the next build then completes.
func TestKilledBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a repository many times")
	}
	root := t.TempDir()
	gen, err := synth.Generate(synth.Options{Heroes: 200, Seed: 5, Year: 2020})
	if err != nil {
		t.Fatal(err)
	}
	if err := gen.Write(root); err != nil {
		t.Fatal(err)
	}
	siteYAML := filepath.Join(root, "records", "site.yaml")
	plain, err := os.ReadFile(siteYAML)
	if err != nil {
		t.Fatal(err)
	}
	title := regexp.MustCompile(`(?m)^title: *(.*)$`)
	if !title.Match(plain) {
		t.Fatalf("no title in site.yaml:\n%s", plain)
	}
	// Three versions of the records whose sites differ on every page: a
	// build from one to the next renders and writes every page, since
	// neither tree holds it (the inactive one holds the build before).
	versions := [3][]byte{plain, title.ReplaceAll(plain, []byte("title: $1（修订）")), title.ReplaceAll(plain, []byte("title: $1（再修订）"))}
	build := func(v int, out string) time.Duration {
		t.Helper()
		if err := os.WriteFile(siteYAML, versions[v], 0o644); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		cmd := rollProcess(root, "build", "--today", "2020-12-31", "--out", out)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("roll build (version %d): %v\n%s", v, err, &stderr)
		}
		return time.Since(start)
	}
	type sites map[string]map[string]string // site name → files
	read := func(out string) sites {
		return sites{"public": siteFiles(t, filepath.Join(out, "public")), "internal": siteFiles(t, filepath.Join(out, "internal"))}
	}
	var want [3]sites
	var took time.Duration
	for v := range 3 {
		took = build(v, "want"+string(rune('0'+v)))
		want[v] = read(filepath.Join(root, "want"+string(rune('0'+v))))
		for name, files := range want[v] {
			if bad := brokenLinks(files); len(bad) > 0 {
				t.Fatalf("a full build of version %d has broken links in its %s site: %q", v, name, bad[:min(5, len(bad))])
			}
		}
	}
	if sameSite(want[0]["public"], want[1]["public"]) {
		t.Fatal("the two versions give the same public site")
	}

	build(0, "_site")
	live := map[string]int{"public": 0, "internal": 0} // the version each site shows
	const kills = 16
	switched := map[string]int{}
	for i := range kills {
		// A version neither site shows: every page of both is written.
		v := 0
		for v == live["public"] || v == live["internal"] {
			v++
		}
		if err := os.WriteFile(siteYAML, versions[v], 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := rollProcess(root, "build", "--today", "2020-12-31", "--out", "_site")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// From the start of the process to past the end of a whole build.
		time.Sleep(took * time.Duration(i+1) / kills * 5 / 4)
		cmd.Process.Kill()
		cmd.Wait()
		got := read(filepath.Join(root, "_site"))
		for name, files := range got {
			switch {
			case sameSite(files, want[v][name]):
				switched[name]++
				live[name] = v
			case sameSite(files, want[live[name]][name]):
			default:
				t.Fatalf("kill %d (%v into the build): the %s site is neither the old build nor the new one", i, took*time.Duration(i+1)/kills*5/4, name)
			}
			if bad := brokenLinks(files); len(bad) > 0 {
				t.Fatalf("kill %d: broken links in the %s site: %q", i, name, bad[:min(5, len(bad))])
			}
		}
	}
	t.Logf("of %d kills, %d left the new public site and %d the new internal site", kills, switched["public"], switched["internal"])
	// A build to completion after all that gives the full build, and
	// leaves the state folder tidy: two trees and their manifests, and
	// the public site's kept entries and the internal site's memo
	// (status).
	build(0, "_site")
	got := read(filepath.Join(root, "_site"))
	for name := range got {
		if !sameSite(got[name], want[0][name]) {
			t.Errorf("after the kills, a complete build of the %s site differs from a full build", name)
		}
	}
	entries, err := os.ReadDir(filepath.Join(root, "_site", ".roll"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, regexp.MustCompile(`\d+`).ReplaceAllString(e.Name(), "N"))
	}
	if got, want := strings.Join(names, " "), "entries.state internal internal.N.manifest internal.N.manifest lock marker public public.N.manifest public.N.manifest status.state"; got != want {
		t.Errorf(".roll holds %q, want %q", got, want)
	}
}
