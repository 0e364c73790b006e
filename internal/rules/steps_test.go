package rules

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestMemoStepsEqualFresh: through a run of changes each made and undone
// (an id used twice and freed again, a reference broken and mended, a
// payment added and taken out, a minor turning 18 by the build date), a
// check with the memo the check before left gives at each step the very
// findings of a check without a memo, and the change is seen.
func TestMemoStepsEqualFresh(t *testing.T) {
	const visit = "records/visits/2020/V-2020-0010.yaml"
	copyTo := func(from, to string) func(t *testing.T, root string) {
		return func(t *testing.T, root string) {
			b, err := os.ReadFile(filepath.Join(root, from))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(root, to), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	remove := func(p string) func(t *testing.T, root string) {
		return func(t *testing.T, root string) {
			if err := os.Remove(filepath.Join(root, p)); err != nil {
				t.Fatal(err)
			}
		}
	}
	replace := func(p, old, new string) func(t *testing.T, root string) {
		return func(t *testing.T, root string) { replaceIn(t, filepath.Join(root, p), old, new) }
	}
	fund := "records/fund/2020/12.yaml"
	payment := "- id: F-2020-0060\n  date: 2020-12-31\n  kind: expense\n  category: condolence\n  amount: \"2000.00\"\n  ref: V-2020-0010\n  hero: H-2016-0001\n  note: 补发慰问金\n"
	last := "  note: 12月办公及人员经费\n"
	minor, adult := time.Date(2025, 3, 15, 0, 0, 0, 0, time.UTC), time.Date(2025, 3, 16, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name  string
		steps []func(t *testing.T, root string)
		days  []time.Time // of each step; memoDay when zero
		want  string      // in a finding of the first step that no other step has
	}{
		{name: "an id used twice", steps: []func(t *testing.T, root string){
			copyTo("records/heroes/sheyang/H-2019-0004.md", "records/heroes/dafeng/H-2019-0004.md"),
			remove("records/heroes/dafeng/H-2019-0004.md"),
		}, want: "is used already by"},
		{name: "a reference broken", steps: []func(t *testing.T, root string){
			replace(visit, "hero: H-2016-0001", "hero: H-2016-9999"),
			replace(visit, "hero: H-2016-9999", "hero: H-2016-0001"),
		}, want: "no hero has the id H-2016-9999"},
		{name: "a payment added", steps: []func(t *testing.T, root string){
			replace(fund, last, last+payment+strings.Replace(payment, "F-2020-0060", "F-2020-0061", 1)),
			replace(fund, payment+strings.Replace(payment, "F-2020-0060", "F-2020-0061", 1), ""),
		}, want: "more than its 2000.00 yuan"},
		{name: "a minor turning 18", steps: []func(t *testing.T, root string){nil, nil, nil},
			days: []time.Time{adult, minor, adult}, want: "under 18"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := sampleCopy(t)
			code := sha256.Sum256([]byte("roll"))
			repo, schemas := loadRepo(t, root)
			day := func(i int) time.Time {
				if i < len(tc.days) {
					return tc.days[i]
				}
				return memoDay
			}
			memo := NewMemo(code)
			findingLines(repo, Options{Today: day(0), Schemas: schemas, Memo: memo})
			var seen [][]string
			for i, step := range tc.steps {
				if step != nil {
					step(t, root)
				}
				repo, schemas = loadRepo(t, root)
				next := ReadMemo(memo.Bytes(), code)
				warm := findingLines(repo, Options{Today: day(i + 1), Schemas: schemas, Memo: next})
				cold := findingLines(repo, Options{Today: day(i + 1), Schemas: schemas})
				if !slices.Equal(warm, cold) {
					t.Errorf("step %d: with the memo:\n%s\nwithout:\n%s", i, strings.Join(warm, "\n"), strings.Join(cold, "\n"))
				}
				seen, memo = append(seen, cold), next
			}
			has := func(lines []string) bool {
				return slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, tc.want) })
			}
			if !has(seen[0]) || has(seen[1]) {
				t.Errorf("%q is not found after the first step alone", tc.want)
			}
		})
	}
}
