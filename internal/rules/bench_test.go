package rules_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/model"
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

// BenchmarkRulesRebuild is the rules' share of a rebuild after one edit:
// the memo of the check before read, every rule applied with it, and the
// memo left for the next, as check.RunFS does, with one hero's bytes
// changed (his sum) each time. ROLL_BENCH_REPO names a repository to
// measure instead of the generated ones (a rollgen archive of 100,000
// heroes, say).
func BenchmarkRulesRebuild(b *testing.B) {
	today := time.Date(2020, 12, 31, 0, 0, 0, 0, time.UTC)
	dirs := map[string]string{}
	if d := os.Getenv("ROLL_BENCH_REPO"); d != "" {
		dirs["repo"] = d
	} else {
		for _, n := range []int{1000, 10000} {
			dir, err := synth.Cached(synth.Options{Heroes: n, Seed: 1, Year: 2020})
			if err != nil {
				b.Fatal(err)
			}
			dirs[fmt.Sprintf("heroes=%d", n)] = dir
		}
	}
	for name, dir := range dirs {
		b.Run(name, func(b *testing.B) {
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
			// A rebuild answers the positions its findings ask from the
			// records cache (records.Cache), not by reading the files
			// again: so do these.
			for i := range repo.Heroes {
				repo.Heroes[i].Src.Loc = &keptPositions{loc: repo.Heroes[i].Src.Loc}
			}
			for i := range repo.Visits {
				repo.Visits[i].Src.Loc = &keptPositions{loc: repo.Visits[i].Src.Loc}
			}
			code := [32]byte{1}
			cold, kept := coldCheck(repo, rules.Options{Today: today, Schemas: s}, code)
			edited := &repo.Heroes[len(repo.Heroes)/2].Src.Sum
			for i := range repo.Records {
				if repo.Records[i].Src.File == repo.Heroes[len(repo.Heroes)/2].Src.File {
					edited = &repo.Records[i].Src.Sum
				}
			}
			b.ReportAllocs()
			for b.Loop() {
				edited[0]++
				var list finding.List
				// Labelled, so that a profile tells these checks from the cold one.
				pprof.Do(context.Background(), pprof.Labels("check", "rebuild"), func(context.Context) {
					memo := rules.ReadMemo(kept, code)
					list = rules.Check(repo, rules.Options{Today: today, Schemas: s, Memo: memo})
					if memo.Changed() {
						kept = memo.Bytes()
					}
				})
				if len(list) != len(cold) {
					b.Fatalf("%d findings, want %d", len(list), len(cold))
				}
			}
		})
	}
}

// coldCheck is a check with an empty memo: its findings, and the memo it
// leaves.
func coldCheck(repo *model.Repo, opts rules.Options, code [32]byte) (finding.List, []byte) {
	opts.Memo = rules.NewMemo(code)
	list := rules.Check(repo, opts)
	return list, opts.Memo.Bytes()
}

// keptPositions answers each position its locator gave once again from
// memory.
type keptPositions struct {
	loc  model.Locator
	mu   sync.Mutex
	kept map[string]finding.Pos
}

func (k *keptPositions) At(path ...string) finding.Pos { return k.get("v", path) }

func (k *keptPositions) KeyAt(path ...string) finding.Pos { return k.get("k", path) }

func (k *keptPositions) get(kind string, path []string) finding.Pos {
	key := kind + strings.Join(path, "\x00")
	k.mu.Lock()
	defer k.mu.Unlock()
	if p, ok := k.kept[key]; ok {
		return p
	}
	p := k.loc.KeyAt(path...)
	if kind == "v" {
		p = k.loc.At(path...)
	}
	if k.kept == nil {
		k.kept = map[string]finding.Pos{}
	}
	k.kept[key] = p
	return p
}
