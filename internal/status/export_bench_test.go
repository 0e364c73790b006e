package status

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/yancheng-jyyw/roll/internal/care"
	"github.com/yancheng-jyyw/roll/internal/check"
	"github.com/yancheng-jyyw/roll/internal/sheet"
	"github.com/yancheng-jyyw/roll/internal/synth"
)

// BenchmarkWorkbooks measures what the Excel exports add to a build of the
// internal site of n synthetic heroes: making every list's tables and
// encoding them (a build into an empty folder, or after a change), and
// making them and computing their keys only (a rebuild that keeps them).
func BenchmarkWorkbooks(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		dir := filepath.Join(os.TempDir(), fmt.Sprintf("roll-bench-%d", n)) // shared with internal/build's benchmarks
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
		s, err := newSite(Input{Repo: res.Repo, Schemas: res.Schemas}, day)
		if err != nil {
			b.Fatal(err)
		}
		cares, err := care.Years(s.careInput())
		if err != nil {
			b.Fatal(err)
		}
		rows := 0
		for _, wb := range listWorkbooks(s, cares) {
			for _, t := range wb.tables() {
				rows += len(t.Rows)
			}
		}
		b.Run(fmt.Sprintf("heroes=%d/encode", n), func(b *testing.B) {
			size := 0
			for b.Loop() {
				size = 0
				for _, wb := range listWorkbooks(s, cares) {
					out, err := sheet.Encode(wb.tables()...)
					if err != nil {
						b.Fatal(err)
					}
					size += len(out)
				}
			}
			b.ReportMetric(float64(rows), "rows")
			b.ReportMetric(float64(size), "bytes")
		})
		b.Run(fmt.Sprintf("heroes=%d/key", n), func(b *testing.B) {
			for b.Loop() {
				for _, wb := range listWorkbooks(s, cares) {
					_ = wb.page()
				}
			}
		})
	}
}
