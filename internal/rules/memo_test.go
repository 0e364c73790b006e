package rules

import (
	"crypto/sha256"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/records"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/internal/synth"
)

// memoDay is the build date of the sample records (the Makefile's TODAY).
var memoDay = time.Date(2021, 1, 20, 0, 0, 0, 0, time.UTC)

// sampleCopy copies the repository's sample records and schemas.
func sampleCopy(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, sub := range []string{"records", "schemas"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join("../..", sub))); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// loadRepo loads the repository at root as roll check does.
func loadRepo(t testing.TB, root string) (*model.Repo, *schema.Set) {
	t.Helper()
	schemas, err := schema.Compile(os.DirFS(filepath.Join(root, "schemas")))
	if err != nil {
		t.Fatal(err)
	}
	repo, _ := records.Load(os.DirFS(root), schemas)
	return repo, schemas
}

func replaceIn(t *testing.T, p, old, new string) {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not contain %q", p, old)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// findingLines renders every finding, sorted, with its position and its
// English message.
func findingLines(repo *model.Repo, opts Options) []string {
	list := Check(repo, opts)
	list.Sort()
	lines := make([]string, len(list))
	for i, f := range list {
		lines[i] = f.String()
	}
	return lines
}

// privacyLine reports whether a line of findingLines is of rule 10 or the
// anonymity rules.
func privacyLine(l string) bool {
	return strings.HasSuffix(l, "(privacy)") || strings.HasSuffix(l, "(anonymize)")
}

// TestMemoEqualsFresh: after each kind of change to what rule 10 reads, a
// check with the memo of the check before gives the very findings of a
// check without it. Each change gives a finding to a record that did not
// change, H-2019-0003 (whose narrative names its co-rescuers 黄大伟 and
// 蔡永兵), where a memo keyed by less than all its inputs would remember
// the record clean and miss it.
func TestMemoEqualsFresh(t *testing.T) {
	const r = "records/heroes/sheyang/H-2019-0003.md"
	narrative := "五名船员全部获救。"
	addToNarrative := func(s string) func(t *testing.T, root string) {
		return func(t *testing.T, root string) {
			replaceIn(t, filepath.Join(root, r), narrative, narrative+s)
		}
	}
	later := time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC) // H-2020-0004 (杨梦琪) is 18
	for _, tc := range []struct {
		name       string
		setup      func(t *testing.T, root string) // before the first check
		change     func(t *testing.T, root string) // between the checks
		day0, day1 time.Time                       // of each check; memoDay when zero
		want       string                          // in a finding of r after the change
		passed     bool                            // the memo passes over records after the change
	}{
		{name: "another record's private value", change: func(t *testing.T, root string) {
			// 蔡永兵's address becomes words of r's narrative.
			p := filepath.Join(root, "records/heroes/sheyang/H-2019-0002.md")
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(string(b), "\n")
			for i, l := range lines {
				if strings.HasPrefix(l, "  address: ") {
					lines[i] = "  address: 射阳县黄沙港外海"
				}
			}
			if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
				t.Fatal(err)
			}
		}, want: "which is private"},
		{name: "a withdrawal", change: func(t *testing.T, root string) {
			replaceIn(t, filepath.Join(root, "records/heroes/sheyang/H-2019-0004.md"), "status: confirmed", "status: withdrawn")
		}, want: "黄大伟"},
		{name: "an anonymization", change: func(t *testing.T, root string) {
			replaceIn(t, filepath.Join(root, "records/heroes/sheyang/H-2019-0004.md"), "anonymize: false", "anonymize: true")
		}, want: "anonymized on the public roll"},
		{name: "a hidden name", change: func(t *testing.T, root string) {
			// A pending hero, hidden, is renamed to a name r holds.
			replaceIn(t, filepath.Join(root, "records/heroes/dafeng/H-2020-0012.md"), "name: 朱明", "name: 蔡永兵")
		}, want: "H-2020-0012"},
		{name: "the schema's public marks", setup: addToNarrative("事发于射阳县黄沙港镇外海示例海域。"),
			change: func(t *testing.T, root string) {
				// The place of a deed becomes private: a secret in r's text.
				replaceIn(t, filepath.Join(root, "schemas/hero.schema.json"),
					"\"description\": \"事迹发生的地点，如 射阳县合德镇黄沙港。\",\n          \"x-visibility\": \"public\"",
					"\"description\": \"事迹发生的地点，如 射阳县合德镇黄沙港。\",\n          \"x-visibility\": \"private\"")
			}, want: "deed.place"},
		{name: "the schema's public marks, the dictionary the same", setup: func(t *testing.T, root string) {
			replaceIn(t, filepath.Join(root, r), "  by: 射阳县公安局", "  by: 射阳县公安局（经办人电话13800001234）")
		}, change: func(t *testing.T, root string) {
			// The confirmation's authority, internal, becomes public: no
			// private value changes, but a phone is now in a public text.
			p := filepath.Join(root, "schemas/hero.schema.json")
			replaceIn(t, p, "\"description\": \"公安机关对见义勇为行为的确认；状态为 confirmed 时必须填写。\",\n      \"x-visibility\": \"internal\"",
				"\"description\": \"公安机关对见义勇为行为的确认；状态为 confirmed 时必须填写。\",\n      \"x-visibility\": \"public\"")
			replaceIn(t, p, "\"description\": \"作出确认的公安机关，如 射阳县公安局。\",\n          \"x-visibility\": \"internal\"",
				"\"description\": \"作出确认的公安机关，如 射阳县公安局。\",\n          \"x-visibility\": \"public\"")
		}, want: "mobile phone number"},
		{name: "the build date", setup: addToNarrative("同村的杨梦琪也赶来帮忙。"),
			day0: later, change: func(t *testing.T, root string) {}, day1: memoDay, want: "杨梦琪"},
		{name: "the record itself", change: addToNarrative("联系电话13800001234。"),
			want: "mobile phone number", passed: true},
		{name: "a narrative elsewhere", change: func(t *testing.T, root string) {
			replaceIn(t, filepath.Join(root, "records/heroes/sheyang/H-2019-0004.md"), "打鱼三十多年", "打鱼四十多年")
		}, passed: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			day0, day1 := tc.day0, tc.day1
			if day0.IsZero() {
				day0 = memoDay
			}
			if day1.IsZero() {
				day1 = memoDay
			}
			root := sampleCopy(t)
			if tc.setup != nil {
				tc.setup(t, root)
			}
			code := sha256.Sum256([]byte("roll"))
			repo, schemas := loadRepo(t, root)
			first := NewMemo(code)
			before := findingLines(repo, Options{Today: day0, Schemas: schemas, Memo: first})
			for _, l := range before {
				if strings.HasPrefix(l, r) && privacyLine(l) {
					t.Fatalf("before the change, %s has a finding of rule 10: %s", r, l)
				}
			}
			tc.change(t, root)
			repo, schemas = loadRepo(t, root)
			memo := ReadMemo(first.Bytes(), code)
			warm := findingLines(repo, Options{Today: day1, Schemas: schemas, Memo: memo})
			cold := findingLines(repo, Options{Today: day1, Schemas: schemas})
			if !slices.Equal(warm, cold) {
				t.Errorf("with the memo:\n%s\nwithout:\n%s", strings.Join(warm, "\n"), strings.Join(cold, "\n"))
			}
			if tc.want != "" && !slices.ContainsFunc(cold, func(l string) bool { return strings.HasPrefix(l, r) && privacyLine(l) && strings.Contains(l, tc.want) }) {
				t.Errorf("no finding of %s holds %q:\n%s", r, tc.want, strings.Join(cold, "\n"))
			}
			if got := memo.passed > 0; got != tc.passed {
				t.Errorf("the memo passed over %d records; want some: %v", memo.passed, tc.passed)
			}
			// What the memo leaves serves the next check as well.
			again := ReadMemo(memo.Bytes(), code)
			if next := findingLines(repo, Options{Today: day1, Schemas: schemas, Memo: again}); !slices.Equal(next, cold) {
				t.Errorf("with the memo a second time:\n%s\nwithout:\n%s", strings.Join(next, "\n"), strings.Join(cold, "\n"))
			}
			if again.passed == 0 {
				t.Error("a check of the same records passed over no record")
			}
		})
	}
}

// TestMemoNotTrusted: a damaged memo, one of another code of roll, and
// one of other schemas are empty: every record is read and scanned.
func TestMemoNotTrusted(t *testing.T) {
	root := sampleCopy(t)
	repo, schemas := loadRepo(t, root)
	code := sha256.Sum256([]byte("roll"))
	first := NewMemo(code)
	want := findingLines(repo, Options{Today: memoDay, Schemas: schemas, Memo: first})
	good := first.Bytes()
	if m := ReadMemo(good, code); len(m.entries) == 0 {
		t.Fatal("the memo written is read as empty")
	}
	other := sha256.Sum256([]byte("another roll"))
	for name, m := range map[string]*Memo{
		"cut":     ReadMemo(good[:len(good)-1], code),
		"altered": ReadMemo(append(slices.Clone(good[:40]), append([]byte{good[40] ^ 1}, good[41:]...)...), code),
		"foreign": ReadMemo(good, other),
	} {
		got := findingLines(repo, Options{Today: memoDay, Schemas: schemas, Memo: m})
		if !slices.Equal(got, want) {
			t.Errorf("%s: the findings differ", name)
		}
		if m.passed != 0 {
			t.Errorf("%s: the memo passed over %d records", name, m.passed)
		}
	}
	replaceIn(t, filepath.Join(root, "schemas/hero.schema.json"), "\"title\": \"事迹地点\"", "\"title\": \"事迹的地点\"")
	repo, schemas = loadRepo(t, root)
	m := ReadMemo(good, code)
	findingLines(repo, Options{Today: memoDay, Schemas: schemas, Memo: m})
	if m.passed != 0 {
		t.Errorf("other schemas: the memo passed over %d records", m.passed)
	}
}

// TestFewWordsEqualsAllWords: rule 10's dictionary of only the words that
// may occur in the texts scanned finds what the dictionary of every word
// finds: every record scanned with each, on the sample with findings of
// each kind and on a generated repository, cold and after an edit with
// the memo.
func TestFewWordsEqualsAllWords(t *testing.T) {
	const r = "records/heroes/sheyang/H-2019-0003.md"
	sample := sampleCopy(t)
	replaceIn(t, filepath.Join(sample, r), "五名船员全部获救。", "五名船员全部获救。联系电话138 0000 1234，同村的杨梦琪、黄大伟也赶来帮忙，伤残等级为七级。")
	replaceIn(t, filepath.Join(sample, "records/heroes/sheyang/H-2019-0004.md"), "anonymize: false", "anonymize: true")
	generated, err := synth.Cached(synth.Options{Heroes: 1000, Seed: 1, Year: 2020})
	if err != nil {
		t.Fatal(err)
	}
	for name, root := range map[string]string{"sample": sample, "generated": generated} {
		t.Run(name, func(t *testing.T) {
			repo, schemas := loadRepo(t, root)
			opts := Options{Today: memoDay, Schemas: schemas}
			all := sortedLines(check(repo, opts, math.MaxInt32))
			few := sortedLines(check(repo, opts, 0))
			if !slices.Equal(few, all) {
				t.Errorf("with the words of the texts scanned:\n%s\nwith every word:\n%s", strings.Join(few, "\n"), strings.Join(all, "\n"))
			}
			if name == "sample" && !slices.ContainsFunc(all, privacyLine) {
				t.Error("no finding of rule 10 to compare")
			}
			// After an edit, with the memo: the few records scanned.
			code := sha256.Sum256([]byte("roll"))
			first := NewMemo(code)
			check(repo, Options{Today: memoDay, Schemas: schemas, Memo: first}, math.MaxInt32)
			repo.Records[len(repo.Records)/2].Src.Sum[0]++
			memo := ReadMemo(first.Bytes(), code)
			warm := sortedLines(check(repo, Options{Today: memoDay, Schemas: schemas, Memo: memo}, 0))
			if !slices.Equal(warm, all) {
				t.Errorf("after an edit, with the memo:\n%s\nwithout:\n%s", strings.Join(warm, "\n"), strings.Join(all, "\n"))
			}
			if memo.passed == 0 {
				t.Error("the memo passed over no record")
			}
		})
	}
}

// sortedLines renders findings sorted, as findingLines does.
func sortedLines(list finding.List) []string {
	list.Sort()
	lines := make([]string, len(list))
	for i, f := range list {
		lines[i] = f.String()
	}
	return lines
}

// TestMemoHeroRulesEqualFresh: after each change to what a hero's own
// rules read besides his record, a check with the memo of the check
// before gives the findings of a check without it, and findings that the
// check before did not give (to heroes whose records did not change, which
// the memo remembered clean under the key of before). With nothing
// changed the memo passes over heroes.
func TestMemoHeroRulesEqualFresh(t *testing.T) {
	for _, tc := range []struct {
		name       string
		change     func(t *testing.T, root string)
		day0, day1 time.Time // of each check; memoDay when zero
		want       string    // in a new finding of a hero after the change
	}{
		{name: "nothing"},
		{name: "the year of site.yaml", change: func(t *testing.T, root string) {
			replaceIn(t, filepath.Join(root, "records/site.yaml"), "\nyear: 2020", "\nyear: 2021")
		}, want: "(insurance)"},
		{name: "a jurisdiction out of the catalog", change: func(t *testing.T, root string) {
			replaceIn(t, filepath.Join(root, "records/catalog/jurisdictions.yaml"), "- {id: dongtai, name: 东台市, kind: county_city}\n", "")
		}, want: "jurisdiction dongtai"},
		{name: "an honor's name in the catalog", change: func(t *testing.T, root string) {
			replaceIn(t, filepath.Join(root, "records/catalog/honors.yaml"), "  name: 江苏省见义勇为先进个人\n", "  name: 江苏省见义勇为先进个人（改）\n")
		}},
		{name: "the build date", day1: time.Date(2019, 6, 1, 0, 0, 0, 0, time.UTC), want: "after today"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			day0, day1 := tc.day0, tc.day1
			if day0.IsZero() {
				day0 = memoDay
			}
			if day1.IsZero() {
				day1 = memoDay
			}
			root := sampleCopy(t)
			code := sha256.Sum256([]byte("roll"))
			repo, schemas := loadRepo(t, root)
			first := NewMemo(code)
			before := findingLines(repo, Options{Today: day0, Schemas: schemas, Memo: first})
			if tc.change != nil {
				tc.change(t, root)
			}
			repo, schemas = loadRepo(t, root)
			memo := ReadMemo(first.Bytes(), code)
			warm := findingLines(repo, Options{Today: day1, Schemas: schemas, Memo: memo})
			cold := findingLines(repo, Options{Today: day1, Schemas: schemas})
			if !slices.Equal(warm, cold) {
				t.Errorf("with the memo:\n%s\nwithout:\n%s", strings.Join(warm, "\n"), strings.Join(cold, "\n"))
			}
			if tc.want != "" && !slices.ContainsFunc(cold, func(l string) bool {
				return strings.HasPrefix(l, "records/heroes/") && strings.Contains(l, tc.want) && !slices.Contains(before, l)
			}) {
				t.Errorf("no new finding of a hero holds %q:\n%s", tc.want, strings.Join(cold, "\n"))
			}
			if got := memo.heroesPassed > 0; got != (tc.change == nil && tc.day1.IsZero()) {
				t.Errorf("the memo passed over %d heroes", memo.heroesPassed)
			}
			again := ReadMemo(memo.Bytes(), code)
			if next := findingLines(repo, Options{Today: day1, Schemas: schemas, Memo: again}); !slices.Equal(next, cold) {
				t.Errorf("with the memo a second time:\n%s\nwithout:\n%s", strings.Join(next, "\n"), strings.Join(cold, "\n"))
			}
			if again.heroesPassed == 0 {
				t.Error("a check of the same records passed over no hero")
			}
		})
	}
}
