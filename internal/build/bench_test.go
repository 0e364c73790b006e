package build

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/yancheng-jyyw/roll/internal/check"
	"github.com/yancheng-jyyw/roll/internal/history"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/public"
	"github.com/yancheng-jyyw/roll/internal/publish"
	"github.com/yancheng-jyyw/roll/internal/site"
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

// render renders sites into the output folder out, as Run does after
// the check.
func render(b *testing.B, out string, sites *Sites) {
	o, err := publish.Open(out)
	if err != nil {
		b.Fatal(err)
	}
	defer o.Close()
	var trees []*publish.Tree
	for _, s := range []*site.Site{sites.Public, sites.Internal} {
		t, err := o.Begin(s.Name)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := site.Render(t, s, site.Options{}); err != nil {
			b.Fatal(err)
		}
		if err := t.Finish(); err != nil {
			b.Fatal(err)
		}
		trees = append(trees, t)
	}
	if err := o.Publish(trees...); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkRender renders each site into memory: every page rendered,
// nothing written.
func BenchmarkRender(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			res := checked(b, benchRepo(b, n))
			sites, _, _, err := Plan(res, &history.History{}, &Files{Templates: tmplFS(b)}, PlanOptions{Today: benchDay})
			if err != nil {
				b.Fatal(err)
			}
			for _, s := range []*site.Site{sites.Public, sites.Internal} {
				b.Run(s.Name, func(b *testing.B) {
					for b.Loop() {
						if _, err := site.Render((*site.Memory)(nil).Next(), s, site.Options{}); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}

// BenchmarkBuildIncremental rebuilds both sites into the output folder
// after one hero's summary changed: what a clerk's edit costs after the
// check. With cache=on, pages whose inputs did not change are not
// rendered again (as roll build does); cache=off renders every page.
func BenchmarkBuildIncremental(b *testing.B) {
	code, err := site.CodeKey()
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range benchSizes {
		for _, cache := range []string{"off", "on"} {
			b.Run(fmt.Sprintf("heroes=%d/cache=%s", n, cache), func(b *testing.B) {
				res := checked(b, benchRepo(b, n))
				tmpl := &Files{Templates: tmplFS(b)}
				out := b.TempDir()
				opts := PlanOptions{Today: benchDay}
				if cache == "on" {
					opts.Code = code
				}
				build := func() {
					sites, _, _, err := Plan(res, &history.History{}, tmpl, opts)
					if err != nil {
						b.Fatal(err)
					}
					render(b, out, sites)
				}
				build()
				summaryEdits(b, &res.Repo.Heroes[len(res.Repo.Heroes)/2], build)
			})
		}
	}
}

// BenchmarkPublicSiteRebuild lists the public site's pages after one
// hero's summary changed, with the public site's state of the build
// before read back from its bytes, as Run does: the part of a rebuild
// that public.Site is. ROLL_BENCH_HEROES sets the size (10,000 when
// unset), or ROLL_BENCH_REPO a repository of records to build instead
// (one of rollgen's).
func BenchmarkPublicSiteRebuild(b *testing.B) {
	res, files, inputs := publicBench(b)
	var state []byte
	build := func() {
		kept := public.ReadKept(state)
		if _, _, err := public.Site(res.Repo, projector{res.Schemas}, files.Templates,
			public.Options{Today: benchDay, Inputs: inputs, Kept: kept}); err != nil {
			b.Fatal(err)
		}
		if kept.Changed() {
			state = kept.Bytes()
		}
	}
	build()
	b.ReportMetric(summaryEdits(b, &res.Repo.Heroes[len(res.Repo.Heroes)/2], build), "cpu-s/op")
}

// publicBench is the set-up of the public site's rebuild benchmarks: the
// records checked, the templates, and the key of what every page reads.
func publicBench(b *testing.B) (*check.Result, *Files, site.Key) {
	root := benchRoot(b)
	code, err := site.CodeKey()
	if err != nil {
		b.Fatal(err)
	}
	res := checked(b, root)
	return res, &Files{Templates: tmplFS(b)}, site.NewInputs("roll").Key(code).Record(res.Schemas.Sum()).Done()
}

// summaryEdits runs rebuild in b's loop, each time after h's summary
// changed (two texts in turn, its record's sum with them), puts the
// summary back, and returns the CPU time per rebuild in seconds: the
// process's user and system time, which the shared machine lets one
// compare where the wall time does not.
func summaryEdits(b *testing.B, h *model.Hero, rebuild func()) float64 {
	summary, sum := h.Deed.Summary, h.Src.Sum
	h.Src.Raw = h.Src.Value() // changed below in place
	deed := h.Src.Raw.(map[string]any)["deed"].(map[string]any)
	i := 0
	before := cpuTime(b)
	for b.Loop() {
		i++
		s := summary + fmt.Sprint(i%2)
		h.Deed.Summary = s
		deed["summary"] = s
		h.Src.Sum = sha256.Sum256([]byte(s))
		rebuild()
	}
	cpu := (cpuTime(b) - before).Seconds() / float64(max(i, 1))
	h.Deed.Summary, deed["summary"], h.Src.Sum = summary, summary, sum
	return cpu
}

// BenchmarkSearchShardRebuild is BenchmarkPublicSiteRebuild with the
// shard of the search index of the changed hero's year made, as a
// rebuild renders it: the public site listed after one summary edit, the
// state of the build before read back from its bytes, the shard's file
// made and the state written. The build before it made every shard, as
// a cold build does. ROLL_BENCH_HEROES or ROLL_BENCH_REPO as there.
func BenchmarkSearchShardRebuild(b *testing.B) {
	res, files, inputs := publicBench(b)
	h := &res.Repo.Heroes[len(res.Repo.Heroes)/2]
	shard := "search/" + string(h.Deed.Date)[:4] + ".json"
	var state []byte
	build := func(all bool) {
		kept := public.ReadKept(state)
		s, _, err := public.Site(res.Repo, projector{res.Schemas}, files.Templates,
			public.Options{Today: benchDay, Inputs: inputs, Kept: kept})
		if err != nil {
			b.Fatal(err)
		}
		made := false
		for _, p := range s.Pages {
			if p.Path == shard || all && p.File != nil && strings.HasPrefix(p.Path, "search/") {
				if _, err := p.File(); err != nil {
					b.Fatal(err)
				}
				made = made || p.Path == shard
			}
		}
		if !made {
			b.Fatalf("no shard %s", shard)
		}
		if kept.Changed() {
			state = kept.Bytes()
		}
	}
	build(true)
	b.ReportAllocs()
	b.ReportMetric(summaryEdits(b, h, func() { build(false) }), "cpu-s/op")
	b.ReportMetric(float64(len(state))/(1<<20), "state-MiB")
}

// cpuTime is the user and system time of the process so far.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkRenderRebuild renders both sites into the output folder after
// one hero's summary changed, the sites listed beforehand: what a rebuild
// spends rendering, keeping and publishing, most pages unchanged (the
// manifests read and written, each page's key, each kept file's status,
// the few pages rendered). The two listings (the summary as it is and
// changed) alternate. ROLL_BENCH_HEROES sets the size (10,000 when unset),
// or ROLL_BENCH_REPO a repository of records to build instead.
func BenchmarkRenderRebuild(b *testing.B) {
	root := benchRoot(b)
	code, err := site.CodeKey()
	if err != nil {
		b.Fatal(err)
	}
	res := checked(b, root)
	files, err := OpenFiles(root)
	if err != nil {
		b.Fatal(err)
	}
	defer files.Close()
	h := &res.Repo.Heroes[len(res.Repo.Heroes)/2]
	summary, sum := h.Deed.Summary, h.Src.Sum
	h.Src.Raw = h.Src.Value() // changed below in place
	deed := h.Src.Raw.(map[string]any)["deed"].(map[string]any)
	set := func(i int) {
		s := summary + fmt.Sprint(i)
		h.Deed.Summary = s
		deed["summary"] = s
		h.Src.Sum = sha256.Sum256([]byte(s))
	}
	var plans [2]*Sites
	for i := range plans {
		set(i)
		if plans[i], _, _, err = Plan(res, &history.History{}, files, PlanOptions{Today: benchDay, Code: code}); err != nil {
			b.Fatal(err)
		}
	}
	out := b.TempDir()
	for i := range 3 {
		set(i % 2)
		render(b, out, plans[i%2])
	}
	i := 3
	before := cpuTime(b)
	b.ReportAllocs()
	// The rebuilds are labelled (part=rebuild), so that a profile of the
	// benchmark can leave out the check and the listings made before.
	for b.Loop() {
		pprof.Do(context.Background(), pprof.Labels("part", "rebuild"), func(context.Context) {
			set(i % 2)
			render(b, out, plans[i%2])
		})
		i++
	}
	b.ReportMetric((cpuTime(b)-before).Seconds()/float64(i-3), "cpu-s/op")
	h.Deed.Summary, deed["summary"], h.Src.Sum = summary, summary, sum
}

// benchRoot is the repository a rebuild benchmark builds: ROLL_BENCH_REPO
// (one of rollgen's), or else one of ROLL_BENCH_HEROES heroes (10,000
// when unset).
func benchRoot(b *testing.B) string {
	if root := os.Getenv("ROLL_BENCH_REPO"); root != "" {
		return root
	}
	n := 10000
	if s := os.Getenv("ROLL_BENCH_HEROES"); s != "" {
		if _, err := fmt.Sscan(s, &n); err != nil {
			b.Fatal(err)
		}
	}
	return benchRepo(b, n)
}
