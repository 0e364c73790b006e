package check_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/yancheng-jyyw/roll/internal/check"
	"github.com/yancheng-jyyw/roll/internal/synth"
)

// BenchmarkCheck is a whole `roll check` without the report: compile the
// schemas, load every record, apply the rules, sort the findings.
func BenchmarkCheck(b *testing.B) {
	today := time.Date(2020, 12, 31, 0, 0, 0, 0, time.UTC)
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("heroes=%d", n), func(b *testing.B) {
			dir, err := synth.Cached(synth.Options{Heroes: n, Seed: 1, Year: 2020})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				res, err := check.Run(dir, check.Options{Today: today})
				if err != nil {
					b.Fatal(err)
				}
				if res.Findings.Errors() > 0 {
					b.Fatalf("%d errors, want none", res.Findings.Errors())
				}
			}
		})
	}
}
