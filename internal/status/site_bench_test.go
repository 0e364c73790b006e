package status

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/yancheng-jyyw/roll/internal/check"
	"github.com/yancheng-jyyw/roll/internal/site"
	"github.com/yancheng-jyyw/roll/internal/synth"
	"github.com/yancheng-jyyw/roll/templates"
)

// BenchmarkSite measures listing the internal site of n synthetic heroes
// as a rebuild does: with the memo the build before left, read from its
// bytes and written again, nothing changed (no page is rendered here).
// ROLL_BENCH_REPO names a repository of records to list instead (a
// rollgen archive of 100,000 heroes).
func BenchmarkSite(b *testing.B) {
	for _, n := range []int{10000} {
		dir := filepath.Join(os.TempDir(), fmt.Sprintf("roll-bench-%d", n)) // shared with the other benchmarks
		if d := os.Getenv("ROLL_BENCH_REPO"); d != "" {
			dir, n = d, 0
		} else if _, err := os.Stat(filepath.Join(dir, ".complete")); err != nil {
			repo, err := synth.Generate(synth.Options{Heroes: n, Seed: 1, Year: 2020})
			if err != nil {
				b.Fatal(err)
			}
			if err := os.RemoveAll(dir); err != nil {
				b.Fatal(err)
			}
			if err := repo.Write(dir); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, ".complete"), nil, 0o644); err != nil {
				b.Fatal(err)
			}
		}
		day := time.Date(2020, 12, 31, 0, 0, 0, 0, time.UTC)
		res, err := check.Run(dir, check.Options{Today: day})
		if err != nil {
			b.Fatal(err)
		}
		in := Input{Repo: res.Repo, Schemas: res.Schemas, Findings: res.Findings}
		opts := Options{Today: day, Inputs: site.NewInputs("bench").Done(), Memo: NewMemo()}
		if _, _, err := Site(in, templates.FS, opts); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("heroes=%d/rebuild", n), func(b *testing.B) {
			start := cpuTime()
			for b.Loop() {
				opts.Memo = ReadMemo(opts.Memo.Bytes())
				if _, _, err := Site(in, templates.FS, opts); err != nil {
					b.Fatal(err)
				}
			}
			// CPU time (user and system) per listing: on a machine shared
			// with other work it varies less than the time on the clock.
			b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
		})
	}
}

// cpuTime is the CPU time, user and system, the process has used.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
