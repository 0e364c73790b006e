package rules_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/yancheng-jyyw/roll/internal/records"
	"github.com/yancheng-jyyw/roll/internal/rules"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/internal/synth"
)

// BenchmarkRules applies the rules between records, rule 10 and the names
// in published text included, to records loaded once.
func BenchmarkRules(b *testing.B) {
	today := time.Date(2020, 12, 31, 0, 0, 0, 0, time.UTC)
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("heroes=%d", n), func(b *testing.B) {
			dir, err := synth.Cached(synth.Options{Heroes: n, Seed: 1, Year: 2020})
			if err != nil {
				b.Fatal(err)
			}
			s, err := schema.Compile(os.DirFS(filepath.Join(dir, "schemas")))
			if err != nil {
				b.Fatal(err)
			}
			root, err := os.OpenRoot(dir)
			if err != nil {
				b.Fatal(err)
			}
			defer root.Close()
			repo, _ := records.Load(root.FS(), s)
			b.ReportAllocs()
			for b.Loop() {
				if list := rules.Check(repo, rules.Options{Today: today, Schemas: s}); list.Errors() > 0 {
					b.Fatalf("%d errors, want none", list.Errors())
				}
			}
		})
	}
}
