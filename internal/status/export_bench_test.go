package status

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/yancheng-jyyw/roll/internal/check"
	"github.com/yancheng-jyyw/roll/internal/sheet"
	"github.com/yancheng-jyyw/roll/internal/site"
	"github.com/yancheng-jyyw/roll/internal/synth"
	"github.com/yancheng-jyyw/roll/templates"
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
		s, err := newSite(res, nil, day)
		if err != nil {
			b.Fatal(err)
		}
		list, _, err := s.heroPages()
		if err != nil {
			b.Fatal(err)
		}
		cares, att := s.cares(), s.attention()
		rows := 0
		for _, wb := range s.workbooks(list, cares, att) {
			for _, t := range wb.tables {
				rows += len(t.Rows)
			}
		}
		b.Run(fmt.Sprintf("heroes=%d/encode", n), func(b *testing.B) {
			size := 0
			for b.Loop() {
				size = 0
				for _, wb := range s.workbooks(list, cares, att) {
					out, err := sheet.Encode(wb.tables...)
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
			pages, err := site.ParsePages(templates.FS, funcs(), []string{"internal/base.html", "internal/partials.html"},
				"internal/heroes.html", "internal/insurance.html", "internal/pending.html", "internal/stations.html", "internal/care.html")
			if err != nil {
				b.Fatal(err)
			}
			keys := site.NewKeyer([]byte("code"))
			for b.Loop() {
				for _, wb := range s.workbooks(list, cares, att) {
					if _, err := keys.Key(pages, wb.page, struct {
						File string
						Sum  [32]byte
					}{wb.file, sheet.Sum(wb.tables...)}); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
