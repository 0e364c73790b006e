package check

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/l10n"
	"github.com/yancheng-jyyw/roll/internal/records"
	"github.com/yancheng-jyyw/roll/internal/report"
)

// jsonOf is what roll check --format json prints of res, in lang.
func jsonOf(t *testing.T, res *Result, lang l10n.Lang) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := report.Write(&b, report.JSON, res.Findings, l10n.Printer(lang)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func editFile(t *testing.T, p, old, new string) {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s does not contain %q", p, old)
	}
	if err := os.WriteFile(p, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestWarmEqualsCold: after each kind of change, roll check with the
// records cache of the checks before (the records' values and rule 10's
// memo, records.CacheDir) prints the very bytes, in JSON, in Chinese and
// in English, of a check without any cache. The changes give findings to
// records that did not change (H-2019-0003 names 黄大伟 and 蔡永兵).
func TestWarmEqualsCold(t *testing.T) {
	heroes := "records/heroes/sheyang/"
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, root string)
		want   string // in the findings after the change, in English
	}{
		{name: "nothing", change: func(t *testing.T, root string) {}},
		{name: "a narrative", change: func(t *testing.T, root string) {
			editFile(t, filepath.Join(root, heroes+"H-2019-0004.md"), "打鱼三十多年", "打鱼四十多年")
		}},
		{name: "a private value", change: func(t *testing.T, root string) {
			editFile(t, filepath.Join(root, heroes+"H-2019-0002.md"), "next_of_kin: 蔡某（配偶）", "next_of_kin: 黄大伟（邻居）")
		}, want: "of H-2019-0002, which is private"},
		{name: "a withdrawal", change: func(t *testing.T, root string) {
			editFile(t, filepath.Join(root, heroes+"H-2019-0004.md"), "status: confirmed", "status: withdrawn")
		}, want: "who may not be published"},
		{name: "an anonymization", change: func(t *testing.T, root string) {
			editFile(t, filepath.Join(root, heroes+"H-2019-0004.md"), "anonymize: false", "anonymize: true")
		}, want: "who is anonymized"},
		{name: "a schema", change: func(t *testing.T, root string) {
			editFile(t, filepath.Join(root, "schemas/hero.schema.json"),
				"\"description\": \"事迹发生的地点，如 射阳县合德镇黄沙港。\",\n          \"x-visibility\": \"public\"",
				"\"description\": \"事迹发生的地点，如 射阳县合德镇黄沙港。\",\n          \"x-visibility\": \"private\"")
		}},
		// What the heroes' own rules read besides the heroes' records
		// (rules.Memo keeps whether they found nothing in each).
		{name: "the year of site.yaml", change: func(t *testing.T, root string) {
			editFile(t, filepath.Join(root, "records/site.yaml"), "\nyear: 2020", "\nyear: 2021")
		}, want: "no comprehensive insurance for 2021"},
		{name: "a jurisdiction out of the catalog", change: func(t *testing.T, root string) {
			editFile(t, filepath.Join(root, "records/catalog/jurisdictions.yaml"), "- {id: dongtai, name: 东台市, kind: county_city}\n", "")
		}, want: "the jurisdiction dongtai is not in catalog"},
		{name: "an honor out of the catalog", change: func(t *testing.T, root string) {
			editFile(t, filepath.Join(root, "records/catalog/honors.yaml"), "- id: province-hero\n", "- id: province-hero-retired\n")
		}, want: "the honor province-hero is not in catalog"},
		{name: "a hero's edit", change: func(t *testing.T, root string) {
			editFile(t, filepath.Join(root, heroes+"H-2019-0004.md"), "打鱼三十多年", "打鱼三十多年。联系电话13800001234")
		}, want: "mobile phone number"},
		{name: "a payment", change: func(t *testing.T, root string) {
			editFile(t, filepath.Join(root, "records/fund/2020/12.yaml"), "  note: 12月办公及人员经费\n",
				"  note: 12月办公及人员经费\n- id: F-2020-0060\n  date: 2020-12-31\n  kind: expense\n  category: condolence\n  amount: \"5000.00\"\n  ref: V-2020-0010\n  hero: H-2016-0001\n  note: 补发慰问金\n")
		}, want: "more than its 2000.00 yuan"},
		{name: "a visit's beneficiary", change: func(t *testing.T, root string) {
			editFile(t, filepath.Join(root, "records/visits/2020/V-2020-0010.yaml"), "hero: H-2016-0001", "hero: H-2016-9999")
		}, want: "no hero has the id H-2016-9999"},
		{name: "the cache deleted", change: func(t *testing.T, root string) {
			editFile(t, filepath.Join(root, heroes+"H-2019-0004.md"), "status: confirmed", "status: withdrawn")
			if err := os.RemoveAll(filepath.Join(root, records.CacheDir)); err != nil {
				t.Fatal(err)
			}
		}, want: "who may not be published"},
		{name: "the memo damaged", change: func(t *testing.T, root string) {
			editFile(t, filepath.Join(root, heroes+"H-2019-0004.md"), "status: confirmed", "status: withdrawn")
			p := filepath.Join(root, records.CacheDir, privacyMemo)
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			b[len(b)/2] ^= 1
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}, want: "who may not be published"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			for _, sub := range []string{"records", "schemas"} {
				if err := os.CopyFS(filepath.Join(root, sub), os.DirFS(filepath.Join("..", "..", sub))); err != nil {
					t.Fatal(err)
				}
			}
			code := sha256.Sum256([]byte("roll"))
			warm := func() *Result {
				res, err := Run(root, Options{Today: sampleDay, Cache: records.OnDisk(root, code)})
				if err != nil {
					t.Fatal(err)
				}
				return res
			}
			warm()
			warm() // the records' status trusted from now on
			if _, err := os.Stat(filepath.Join(root, records.CacheDir, privacyMemo)); err != nil {
				t.Fatalf("no memo of rule 10: %v", err)
			}
			tc.change(t, root)
			got := warm()
			cold, err := Run(root, Options{Today: sampleDay})
			if err != nil {
				t.Fatal(err)
			}
			for _, lang := range []l10n.Lang{l10n.Chinese, l10n.English} {
				if w, c := jsonOf(t, got, lang), jsonOf(t, cold, lang); !bytes.Equal(w, c) {
					t.Errorf("%s: with the cache:\n%s\nwithout:\n%s", lang, w, c)
				}
			}
			if en := string(jsonOf(t, cold, l10n.English)); tc.want != "" && !strings.Contains(en, tc.want) {
				t.Errorf("the findings do not hold %q:\n%s", tc.want, en)
			}
		})
	}
}

// TestSchemasMarkedCompiled: a check with a cache marks the schemas it
// compiled, so that the next leaves the validator's compilation until a
// record needs it; schemas changed since, or a mark damaged, are compiled
// at once again: a schema the metaschema refuses is an error as without
// the cache.
func TestSchemasMarkedCompiled(t *testing.T) {
	root := t.TempDir()
	for _, sub := range []string{"records", "schemas"} {
		if err := os.CopyFS(filepath.Join(root, sub), os.DirFS(filepath.Join("..", "..", sub))); err != nil {
			t.Fatal(err)
		}
	}
	code := sha256.Sum256([]byte("roll"))
	run := func() error {
		_, err := Run(root, Options{Today: sampleDay, Cache: records.OnDisk(root, code)})
		return err
	}
	if err := run(); err != nil {
		t.Fatal(err)
	}
	markFile := filepath.Join(root, records.CacheDir, compiledSide)
	mark, err := os.ReadFile(markFile)
	if err != nil {
		t.Fatalf("no mark: %v", err)
	}
	if err := run(); err != nil {
		t.Fatalf("marked: %v", err)
	}

	schemaFile := filepath.Join(root, "schemas", "team.schema.json")
	good, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(schemaFile, []byte(`{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": 5}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run(); err == nil || !strings.Contains(err.Error(), "schemas") {
		t.Errorf("a schema the metaschema refuses, with the mark of the good ones: %v", err)
	}
	if err := os.WriteFile(schemaFile, good, 0o644); err != nil {
		t.Fatal(err)
	}

	damaged := append([]byte(nil), mark...)
	damaged[0] ^= 1
	if err := os.WriteFile(markFile, damaged, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run(); err != nil {
		t.Fatal(err)
	}
	if again, err := os.ReadFile(markFile); err != nil || !bytes.Equal(again, mark) {
		t.Errorf("the damaged mark was not written again: %x, want %x (%v)", again, mark, err)
	}
}
