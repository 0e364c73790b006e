package build

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/yancheng-jyyw/roll/internal/check"
	"github.com/yancheng-jyyw/roll/internal/history"
	"github.com/yancheng-jyyw/roll/internal/public"
	"github.com/yancheng-jyyw/roll/internal/site"
	"github.com/yancheng-jyyw/roll/internal/status"
	"github.com/yancheng-jyyw/roll/internal/synth"
	"github.com/yancheng-jyyw/roll/templates"
)

// benchDay is the build date of the benchmarks: the generator's year ends.
var benchDay = time.Date(2020, 12, 31, 0, 0, 0, 0, time.UTC)

// benchRepo returns a synthetic repository of n heroes with the templates,
// generated once and kept in the temporary folder across runs (generating
// 10,000 heroes takes longer than building them). It has no git history.
func benchRepo(b *testing.B, n int) string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("roll-bench-%d", n))
	done := filepath.Join(dir, ".complete")
	if _, err := os.Stat(done); err == nil {
		return dir
	}
	if err := os.RemoveAll(dir); err != nil {
		b.Fatal(err)
	}
	repo, err := synth.Generate(synth.Options{Heroes: n, Seed: 1, Year: 2020})
	if err != nil {
		b.Fatal(err)
	}
	if err := repo.Write(dir); err != nil {
		b.Fatal(err)
	}
	// The generator writes the templates; older generators did not.
	if _, err := os.Stat(filepath.Join(dir, "templates")); err != nil {
		if err := os.CopyFS(filepath.Join(dir, "templates"), templates.FS); err != nil {
			b.Fatal(err)
		}
	}
	if err := os.WriteFile(done, nil, 0o644); err != nil {
		b.Fatal(err)
	}
	return dir
}

// checked runs the check once, outside the timed loop.
func checked(b *testing.B, root string) *check.Result {
	b.Helper()
	res, err := check.Run(root, check.Options{Today: benchDay})
	if err != nil {
		b.Fatal(err)
	}
	if n := res.Findings.Errors(); n > 0 {
		b.Fatalf("the generated repository has %d errors", n)
	}
	return res
}

func tmplFS(b *testing.B) fs.FS {
	sub, err := fs.Sub(templates.FS, ".")
	if err != nil {
		b.Fatal(err)
	}
	return sub
}

var benchSizes = []int{1000, 10000}

// BenchmarkBuildPublic renders the public site into a fresh folder each
// time: every page rendered and written.
func BenchmarkBuildPublic(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			res := checked(b, benchRepo(b, n))
			tmpl := tmplFS(b)
			base := b.TempDir()
			i := 0
			for b.Loop() {
				i++
				out := filepath.Join(base, fmt.Sprint(i), "public")
				if _, err := public.Build(out, res.Repo, projector{res.Schemas}, tmpl,
					public.Options{Today: benchDay}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBuildInternal renders the internal site into a fresh folder
// each time.
func BenchmarkBuildInternal(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			res := checked(b, benchRepo(b, n))
			tmpl := tmplFS(b)
			base := b.TempDir()
			i := 0
			for b.Loop() {
				i++
				out := filepath.Join(base, fmt.Sprint(i), "internal")
				if _, err := status.Build(out, res, &history.History{}, tmpl,
					status.Options{Today: benchDay}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBuildIncremental rebuilds both sites over the previous build
// after one hero's summary changed: what a clerk's edit costs. With
// cache=on, pages whose inputs did not change are not rendered again (as
// roll build does); cache=off renders every page, as before.
func BenchmarkBuildIncremental(b *testing.B) {
	code, err := site.CodeKey()
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range benchSizes {
		for _, cache := range []string{"off", "on"} {
			b.Run(fmt.Sprintf("heroes=%d/cache=%s", n, cache), func(b *testing.B) {
				res := checked(b, benchRepo(b, n))
				tmpl := tmplFS(b)
				out := b.TempDir()
				var key []byte
				if cache == "on" {
					key = code
				}
				build := func() {
					if _, err := public.Build(filepath.Join(out, "public"), res.Repo, projector{res.Schemas}, tmpl,
						public.Options{Today: benchDay, CodeKey: key}); err != nil {
						b.Fatal(err)
					}
					if _, err := status.Build(filepath.Join(out, "internal"), res, &history.History{}, tmpl,
						status.Options{Today: benchDay, CodeKey: key}); err != nil {
						b.Fatal(err)
					}
				}
				build()
				h := &res.Repo.Heroes[len(res.Repo.Heroes)/2]
				summary := h.Deed.Summary
				deed := h.Src.Raw.(map[string]any)["deed"].(map[string]any)
				i := 0
				for b.Loop() {
					i++
					s := summary + fmt.Sprint(i%2)
					h.Deed.Summary = s
					deed["summary"] = s
					build()
				}
				h.Deed.Summary, deed["summary"] = summary, summary
			})
		}
	}
}
