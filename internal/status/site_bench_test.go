package status

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/yancheng-jyyw/roll/internal/check"
	"github.com/yancheng-jyyw/roll/internal/site"
	"github.com/yancheng-jyyw/roll/internal/synth"
	"github.com/yancheng-jyyw/roll/templates"
)

// BenchmarkSite measures listing the internal site of n synthetic heroes
// as a rebuild does: with the memo the build before left, nothing
// changed (no page is rendered here).
func BenchmarkSite(b *testing.B) {
	for _, n := range []int{10000} {
		dir := filepath.Join(os.TempDir(), fmt.Sprintf("roll-bench-%d", n)) // shared with the other benchmarks
		if _, err := os.Stat(filepath.Join(dir, ".complete")); err != nil {
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
			for b.Loop() {
				opts.Memo = opts.Memo.Next()
				if _, _, err := Site(in, templates.FS, opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
