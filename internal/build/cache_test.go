package build

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/yancheng-jyyw/roll/internal/history"
	"github.com/yancheng-jyyw/roll/internal/l10n"
	"github.com/yancheng-jyyw/roll/internal/records"
	"github.com/yancheng-jyyw/roll/internal/report"
)

// buildAt builds root into out on day, failing the test on any error.
func buildAt(t *testing.T, root, out string, day time.Time) *Result {
	t.Helper()
	return buildCached(t, root, out, day, false)
}

// buildCached is buildAt with or without the cache of checked records in
// root's records.CacheDir.
func buildCached(t *testing.T, root, out string, day time.Time, cache bool) *Result {
	t.Helper()
	res, err := Run(root, Options{Out: out, Today: day, History: &history.History{}, Cache: cache})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Built {
		t.Fatalf("not built: %v", res.Check.Findings)
	}
	return res
}

// TestIncrementalEqualsFull: after each kind of change, a rebuild over the
// previous site with the cache of checked records (which skips the
// records whose bytes did not change and the pages whose inputs did not
// change) gives the very bytes of a full build into an empty folder
// without a cache.
func TestIncrementalEqualsFull(t *testing.T) {
	minorBecomes18 := time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name   string
		setup  func(t *testing.T, root string) // before the first build
		change func(t *testing.T, root string)
		day    time.Time // of the rebuild
		check  func(t *testing.T, site map[string]file)
	}{
		{name: "one summary", day: testDay, change: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "records/heroes/sheyang/H-2019-0002.md"),
				"summary: 三人驾渔船冒着大风赶往翻覆货船", "summary: 三人驾渔船顶着大风赶往翻覆货船")
		}},
		// The deed's summary and place key the pages of the hero and the
		// lists, not those that count (status.shownAlone).
		{name: "one deed's place", day: testDay, change: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "records/heroes/sheyang/H-2019-0002.md"), "place: ", "place: 示例")
		}},
		// The fund's money kept in the status memo: the page of a hero the
		// fund paid is rendered from his own heroes' reconciliation.
		{name: "the summary of a hero the fund paid", day: testDay, change: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "records/heroes/funing/H-2020-0004.md"), "summary: 13岁", "summary: 十三岁")
		}},
		{name: "a decision's reward", day: testDay, change: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "records/decisions/2020/D-2020-02.yaml"), `reward: "5000.00"`, `reward: "6000.00"`)
		}},
		{name: "a pending hero's summary", day: testDay, change: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "records/heroes/tinghu/H-2020-0013.md"), "summary: ", "summary: 据报，")
		}},
		{name: "a template", day: testDay, change: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "templates/public/partials.html"), "{{define", "{{/* edited */}}{{define")
			edit(t, filepath.Join(root, "templates/internal/base.html"), "</footer>", "<!-- edited --></footer>")
		}},
		{name: "site title", day: testDay, change: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "records/site.yaml"), "title: 盐城市见义勇为英模名录", "title: 盐城市见义勇为英模录")
		}},
		{name: "a schema", day: testDay, change: func(t *testing.T, root string) {
			// The place of a deed becomes internal: it leaves the public site.
			edit(t, filepath.Join(root, "schemas/hero.schema.json"),
				"\"description\": \"事迹发生的地点，如 射阳县合德镇黄沙港。\",\n          \"x-visibility\": \"public\"",
				"\"description\": \"事迹发生的地点，如 射阳县合德镇黄沙港。\",\n          \"x-visibility\": \"internal\"")
		}, check: func(t *testing.T, site map[string]file) {
			if strings.Contains(string(site["public/heroes/H-2019-0002.html"].data), "<dt>地点</dt>") {
				t.Error("the place, now internal, is still on the public page")
			}
		}},
		{name: "a visit", day: testDay, change: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "records/visits/2020/V-2020-0001.yaml"), "items: 慰问金、水果", "items: 慰问金、鲜花")
		}},
		{name: "a report", day: testDay, change: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "records/reports/2020/R-2020-Q2-binhai.yaml"),
				"{task: T-2020-06, status: in_progress}", "{task: T-2020-06, status: done}")
		}},
		// The internal site keeps the listing of the pages that count
		// across the archive (status.Memo): an edit to a record they
		// count lists and makes them again.
		{name: "a task's status", day: testDay, change: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "records/tasks/2020/05.yaml"), "\nstatus: in_progress", "\nstatus: done")
		}},
		{name: "a fund entry", day: testDay, change: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "records/fund/2020/05.yaml"), `amount: "6100.00"`, `amount: "6200.00"`)
		}},
		// A hero's record shows what the fund paid him and owes him, keyed
		// by the vouchers and dues it is made of; his visits, by theirs.
		{name: "a voucher paying a hero", day: testDay, change: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "records/fund/2020/07.yaml"), "note: 第二季度表彰奖金\n- id: F-2020-0025", "note: 第二季度奖金\n- id: F-2020-0025")
			edit(t, filepath.Join(root, "records/fund/2020/07.yaml"), "amount: \"5000.00\"\n  ref: D-2020-02\n  hero: H-2020-0005", "amount: \"4000.00\"\n  ref: D-2020-02\n  hero: H-2020-0005")
		}},
		// A reward paid in part: the hero's money, the fund's year and a
		// finding (unpaid, now paid in part) change.
		{name: "a payment to a hero added", day: testDay, change: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "records/fund/2020/12.yaml"), "  note: 四季度定期存款利息\n",
				"  note: 四季度定期存款利息\n- id: F-2020-0090\n  date: 2020-12-28\n  kind: expense\n  category: award\n  amount: \"1000.00\"\n  ref: D-2020-08\n  hero: H-2019-0009\n  note: 奖金首付\n")
		}},
		// The data-quality page and the pages counting across the archive
		// are keyed by the findings (rule 8: an honoree not insured).
		{name: "a finding appears", day: testDay, change: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "records/heroes/binhai/H-2018-0001.md"), "insurance: [2018, 2019, 2020]", "insurance: [2018, 2019]")
		}},
		{name: "a finding disappears", day: testDay, setup: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "records/heroes/binhai/H-2018-0001.md"), "insurance: [2018, 2019, 2020]", "insurance: [2018, 2019]")
		}, change: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "records/heroes/binhai/H-2018-0001.md"), "insurance: [2018, 2019]", "insurance: [2018, 2019, 2020]")
		}},
		{name: "a visit's amount to a hero", day: testDay, change: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "records/visits/2020/V-2020-0001.yaml"), "    amount: 2000", "    amount: 2500")
		}},
		// The pending page counts the days since each deed to the build
		// date; the insurance page is of the build's year.
		{name: "the build date a year on", day: testDay.AddDate(1, 0, 0), change: func(t *testing.T, root string) {}},
		{name: "a status memo of an older format", day: testDay, change: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "records/tasks/2020/05.yaml"), "\nstatus: in_progress", "\nstatus: done")
			p := filepath.Join(root, "_site", ".roll", "status.state")
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			old := bytes.Replace(b, []byte("roll status memo v4\n"), []byte("roll status memo v3\n"), 1)
			body := old[len("roll status memo v3\n") : len(old)-32]
			seal := sha256.Sum256(body)
			copy(old[len(old)-32:], seal[:])
			if bytes.Equal(old, b) {
				t.Fatal("the memo is not of the format this test knows")
			}
			if err := os.WriteFile(p, old, 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "the status memo damaged", day: testDay, change: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "records/visits/2020/V-2020-0001.yaml"), "items: 慰问金、水果", "items: 慰问金、鲜花")
			p := filepath.Join(root, "_site", ".roll", "status.state")
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			b[len(b)/2] ^= 0x20
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		// A memo left by a build of other records, whole and sealed: its
		// listing is under another key, its heroes' keys under the
		// bytes they were made from.
		{name: "a foreign status memo", day: testDay, change: func(t *testing.T, root string) {
			other := sampleRepo(t)
			edit(t, filepath.Join(other, "records/tasks/2020/05.yaml"), "\nstatus: in_progress", "\nstatus: done")
			edit(t, filepath.Join(other, "records/heroes/sheyang/H-2019-0002.md"), "outcome: injured", "outcome: unharmed")
			buildCached(t, other, "_site", testDay, true)
			b, err := os.ReadFile(filepath.Join(other, "_site", ".roll", "status.state"))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(root, "_site", ".roll", "status.state"), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		// The public site's kept entries (public.Kept) are keyed by the
		// catalogs they name and the record (its consent, its anonymity);
		// a damaged, cut or foreign state is none. An honor renamed is in
		// public's TestKeptEntriesAreMade.
		{name: "a jurisdiction renamed", day: testDay, change: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "records/catalog/jurisdictions.yaml"), "name: 盐都区", "name: 盐都新区")
		}},
		{name: "consent revoked", day: testDay, change: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "records/heroes/yandu/H-2020-0006.md"), "consent: true", "consent: false")
		}, check: func(t *testing.T, site map[string]file) {
			if _, ok := site["public/heroes/H-2020-0006.html"]; ok {
				t.Error("H-2020-0006, who revoked her consent, is still published")
			}
		}},
		{name: "shown anonymized", day: testDay, change: func(t *testing.T, root string) {
			p := filepath.Join(root, "records/heroes/yandu/H-2020-0006.md")
			edit(t, p, "anonymize: false", "anonymize: true")
			// Her narrative may no longer name her (the check's rule).
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			b = bytes.ReplaceAll(b, []byte("周丽华"), []byte("周某某"))
			b = bytes.Replace(b, []byte("name: 周某某"), []byte("name: 周丽华"), 1)
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}, check: func(t *testing.T, site map[string]file) {
			for p, f := range site {
				if strings.HasPrefix(p, "public/") && bytes.Contains(f.data, []byte("周丽华")) {
					t.Errorf("%s still names 周丽华, now shown anonymized", p)
				}
			}
		}},
		{name: "the kept entries damaged", day: testDay, change: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "records/heroes/sheyang/H-2019-0002.md"),
				"summary: 三人驾渔船冒着大风赶往翻覆货船", "summary: 三人驾渔船顶着大风赶往翻覆货船")
			p := filepath.Join(root, "_site", ".roll", "entries.state")
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			b[len(b)/2] ^= 0x20
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "the kept entries cut", day: testDay, change: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "records/heroes/sheyang/H-2019-0002.md"), "place: ", "place: 示例")
			p := filepath.Join(root, "_site", ".roll", "entries.state")
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, b[:len(b)*2/3], 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		// The search index's shards are made of the rows each entry
		// keeps (public.Kept): a narrative's first paragraph is the
		// lead of the hero's row; after a catalog renamed the entries
		// are made again, their rows kept, and a summary edited makes
		// the shard of its year from the others' rows.
		{name: "a narrative's first paragraph", day: testDay, change: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "records/heroes/sheyang/H-2019-0002.md"), "五名船员落水。", "五名船员相继落水。")
		}},
		{name: "a jurisdiction renamed and a summary", day: testDay, change: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "records/catalog/jurisdictions.yaml"), "name: 盐都区", "name: 盐都新区")
			edit(t, filepath.Join(root, "records/heroes/sheyang/H-2019-0002.md"),
				"summary: 三人驾渔船冒着大风赶往翻覆货船", "summary: 三人驾渔船顶着大风赶往翻覆货船")
		}},
		{name: "kept entries of the format before", day: testDay, change: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "records/heroes/sheyang/H-2019-0002.md"), "五名船员落水。", "五名船员相继落水。")
			p := filepath.Join(root, "_site", ".roll", "entries.state")
			edit(t, p, "roll public entries v6\n", "roll public entries v5\n")
		}},
		// Entries kept by a build of other records, whole and sealed:
		// only those of records with the same bytes are used.
		{name: "kept entries of other records", day: testDay, change: func(t *testing.T, root string) {
			other := sampleRepo(t)
			edit(t, filepath.Join(other, "records/heroes/sheyang/H-2019-0002.md"), "outcome: injured", "outcome: unharmed")
			edit(t, filepath.Join(other, "records/catalog/jurisdictions.yaml"), "name: 盐都区", "name: 盐都新区")
			buildCached(t, other, "_site", testDay, true)
			b, err := os.ReadFile(filepath.Join(other, "_site", ".roll", "entries.state"))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(root, "_site", ".roll", "entries.state"), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		// The entries keep the roll's order of the build before
		// (public.Kept): a hero whose name changed is sorted again and
		// merged in; one added or removed is met out of the kept order.
		{name: "a name changed: the hero moves in the roll", day: testDay, change: func(t *testing.T, root string) {
			p := filepath.Join(root, "records/heroes/yandu/H-2020-0006.md")
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, bytes.ReplaceAll(b, []byte("周丽华"), []byte("丁丽华")), 0o644); err != nil {
				t.Fatal(err)
			}
		}, check: func(t *testing.T, site map[string]file) {
			if !strings.Contains(string(site["public/heroes/H-2020-0006.html"].data), "丁丽华") {
				t.Error("the new name is not on the hero's page")
			}
		}},
		// A hero's lists are kept with the keys of their pages' rows
		// (public.Kept): one who moves from a list to another changes
		// the pages of both.
		{name: "a hero moves to another jurisdiction and kind of deed", day: testDay, change: func(t *testing.T, root string) {
			p := filepath.Join(root, "records/heroes/yandu/H-2020-0006.md")
			edit(t, p, "jurisdiction: yandu", "jurisdiction: sheyang")
			edit(t, p, "kind: disaster_relief", "kind: stop_crime")
			if err := os.Rename(p, filepath.Join(root, "records/heroes/sheyang/H-2020-0006.md")); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "a hero added", day: testDay, change: func(t *testing.T, root string) {
			b, err := os.ReadFile(filepath.Join(root, "records/heroes/yandu/H-2020-0006.md"))
			if err != nil {
				t.Fatal(err)
			}
			b = bytes.ReplaceAll(b, []byte("H-2020-0006"), []byte("H-2020-0019"))
			b = bytes.ReplaceAll(b, []byte("周丽华"), []byte("王秀英"))
			b = bytes.Replace(b, []byte("    decision: D-2020-06\n"), nil, 1)
			if err := os.WriteFile(filepath.Join(root, "records/heroes/yandu/H-2020-0019.md"), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}, check: func(t *testing.T, site map[string]file) {
			if _, ok := site["public/heroes/H-2020-0019.html"]; !ok {
				t.Error("the hero added is not published")
			}
		}},
		{name: "a hero removed", day: testDay, change: func(t *testing.T, root string) {
			if err := os.Remove(filepath.Join(root, "records/heroes/jianhu/H-2019-0006.md")); err != nil {
				t.Fatal(err)
			}
		}, check: func(t *testing.T, site map[string]file) {
			if _, ok := site["public/heroes/H-2019-0006.html"]; ok {
				t.Error("the hero removed is still published")
			}
		}},
		{name: "the manifests deleted", day: testDay, change: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "records/heroes/sheyang/H-2019-0002.md"),
				"summary: 三人驾渔船冒着大风赶往翻覆货船", "summary: 三人驾渔船顶着大风赶往翻覆货船")
			ms, _ := filepath.Glob(filepath.Join(root, "_site", ".roll", "*.manifest"))
			if len(ms) == 0 {
				t.Fatal("no manifests to delete")
			}
			for _, m := range ms {
				os.Remove(m)
			}
		}},
		// A manifest is read only whole and for its own tree: cut, or
		// another site's (each manifest given the bytes of the other
		// site's), it vouches for nothing.
		{name: "the manifests cut", day: testDay, change: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "records/heroes/sheyang/H-2019-0002.md"),
				"summary: 三人驾渔船冒着大风赶往翻覆货船", "summary: 三人驾渔船顶着大风赶往翻覆货船")
			ms, _ := filepath.Glob(filepath.Join(root, "_site", ".roll", "*.manifest"))
			if len(ms) == 0 {
				t.Fatal("no manifests to cut")
			}
			for _, m := range ms {
				b, err := os.ReadFile(m)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(m, b[:len(b)/2], 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}},
		{name: "the manifests of the other site", day: testDay, change: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "records/heroes/sheyang/H-2019-0002.md"),
				"summary: 三人驾渔船冒着大风赶往翻覆货船", "summary: 三人驾渔船顶着大风赶往翻覆货船")
			pub, _ := filepath.Glob(filepath.Join(root, "_site", ".roll", "public.*.manifest"))
			internal, _ := filepath.Glob(filepath.Join(root, "_site", ".roll", "internal.*.manifest"))
			if len(pub) != 2 || len(internal) != 2 {
				t.Fatalf("manifests %q and %q, want two of each site", pub, internal)
			}
			for i := range pub {
				a, err := os.ReadFile(pub[i])
				if err != nil {
					t.Fatal(err)
				}
				b, err := os.ReadFile(internal[i])
				if err != nil {
					t.Fatal(err)
				}
				os.WriteFile(pub[i], b, 0o644)
				os.WriteFile(internal[i], a, 0o644)
			}
		}},
		{name: "the cache deleted", day: testDay, change: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "records/heroes/sheyang/H-2019-0002.md"),
				"summary: 三人驾渔船冒着大风赶往翻覆货船", "summary: 三人驾渔船顶着大风赶往翻覆货船")
			if err := os.RemoveAll(filepath.Join(root, records.CacheDir)); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "the cache damaged", day: testDay, change: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "records/heroes/sheyang/H-2019-0002.md"),
				"summary: 三人驾渔船冒着大风赶往翻覆货船", "summary: 三人驾渔船顶着大风赶往翻覆货船")
			shards, _ := filepath.Glob(filepath.Join(root, records.CacheDir, "records", "*"))
			if len(shards) == 0 {
				t.Fatal("no cache to damage")
			}
			shards = append(shards, filepath.Join(root, records.CacheDir, "privacy")) // rule 10's memo
			for i, p := range shards {
				b, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				if i%2 == 0 {
					b = b[:len(b)-1]
				} else {
					b[len(b)/2] ^= 0x20
				}
				if err := os.WriteFile(p, b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}},
		// The shards' seals noted by the run before (records/seals) are
		// damaged: every shard is checked by hashing again.
		{name: "the shards' seals damaged", day: testDay, change: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "records/heroes/sheyang/H-2019-0002.md"),
				"summary: 三人驾渔船冒着大风赶往翻覆货船", "summary: 三人驾渔船顶着大风赶往翻覆货船")
			p := filepath.Join(root, records.CacheDir, "records", "seals")
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			b[len(b)/2] ^= 0x20
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		// The cache trusts a record file's status (records.store): a
		// file whose bytes change, keeping its size and modification
		// time, in a cache written long after the records, is still read
		// again, by its change time.
		{name: "one summary, its size and time kept", day: testDay, change: func(t *testing.T, root string) {
			p := filepath.Join(root, "records/heroes/sheyang/H-2019-0002.md")
			fi, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			edit(t, p, "summary: 三人驾渔船冒着大风赶往翻覆货船", "summary: 三人驾渔船顶着大风赶往翻覆货船")
			if err := os.Chtimes(p, fi.ModTime(), fi.ModTime()); err != nil {
				t.Fatal(err)
			}
			shards, _ := filepath.Glob(filepath.Join(root, records.CacheDir, "records", "*"))
			if len(shards) == 0 {
				t.Fatal("no cache")
			}
			later := time.Now().Add(time.Hour)
			for _, s := range shards {
				if err := os.Chtimes(s, later, later); err != nil {
					t.Fatal(err)
				}
			}
		}, check: func(t *testing.T, site map[string]file) {
			if !strings.Contains(string(site["public/heroes/H-2019-0002.html"].data), "顶着大风") {
				t.Error("the edited summary is not on the hero's page")
			}
		}},
		{name: "a minor turns 18", day: minorBecomes18, change: func(t *testing.T, root string) {},
			check: func(t *testing.T, site map[string]file) {
				if _, ok := site["public/heroes/H-2020-0004.html"]; !ok {
					t.Error("H-2020-0004, now 18, is not published")
				}
			}},
		{name: "a withdrawal", day: testDay, change: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "records/heroes/sheyang/H-2019-0002.md"), "status: confirmed", "status: withdrawn")
			// His co-rescuers' narratives may no longer name him (issue 18).
			for _, f := range []string{"H-2019-0003.md", "H-2019-0004.md"} {
				p := filepath.Join(root, "records/heroes/sheyang", f)
				b, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, bytes.ReplaceAll(b, []byte("蔡永兵"), []byte("蔡某某")), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}, check: func(t *testing.T, site map[string]file) {
			if _, ok := site["public/heroes/H-2019-0002.html"]; ok {
				t.Error("the withdrawn H-2019-0002 is still published")
			}
		}},
		// Hero B's narrative names B, and a namesake A is published too.
		// When A is withdrawn, his name is hidden from every published
		// text, B's included (public.redactor): B's page changes though
		// B's record did not.
		{name: "a namesake withdrawn", day: testDay, setup: func(t *testing.T, root string) {
			b, err := os.ReadFile(filepath.Join(root, "records/heroes/yandu/H-2020-0006.md"))
			if err != nil {
				t.Fatal(err)
			}
			b = bytes.ReplaceAll(b, []byte("H-2020-0006"), []byte("H-2020-0018"))
			b = bytes.ReplaceAll(b, []byte("周丽华"), []byte("孙海涛"))
			b = bytes.Replace(b, []byte("    decision: D-2020-06\n"), nil, 1)
			if err := os.WriteFile(filepath.Join(root, "records/heroes/yandu/H-2020-0018.md"), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}, change: func(t *testing.T, root string) {
			edit(t, filepath.Join(root, "records/heroes/yandu/H-2020-0018.md"), "status: confirmed", "status: withdrawn")
		}, check: func(t *testing.T, site map[string]file) {
			page := string(site["public/heroes/H-2017-0001.html"].data)
			if !strings.Contains(page, "村民孙某某听到呼救") {
				t.Error("H-2017-0001's narrative still names 孙海涛, now a withdrawn hero's name")
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := sampleRepo(t)
			if tc.setup != nil {
				tc.setup(t, root)
			}
			buildCached(t, root, "_site", testDay, true)
			buildCached(t, root, "_site", testDay, true) // both trees hold a build
			if _, ok := snapshot(t, filepath.Join(root, "_site"))["public/heroes/H-2020-0004.html"]; ok {
				t.Fatal("H-2020-0004, 13 on the first build date, is published")
			}
			tc.change(t, root)
			again := buildCached(t, root, "_site", tc.day, true)
			fresh := buildAt(t, root, "_fresh", tc.day)
			inc, full := snapshot(t, filepath.Join(root, "_site")), snapshot(t, filepath.Join(root, "_fresh"))
			if got := differ(full, inc); len(got) > 0 {
				t.Errorf("the incremental build differs from a full one in %q", got)
			}
			if again.Status != fresh.Status {
				t.Errorf("the incremental build counts %+v, a full one %+v", again.Status, fresh.Status)
			}
			// The check before it, with the records cache and rule 10's
			// memo, finds what a check without them finds.
			var warm, cold bytes.Buffer
			report.Write(&warm, report.JSON, again.Check.Findings, l10n.Printer(l10n.English))
			report.Write(&cold, report.JSON, fresh.Check.Findings, l10n.Printer(l10n.English))
			if !bytes.Equal(warm.Bytes(), cold.Bytes()) {
				t.Errorf("the check of the incremental build found\n%s\na full one\n%s", warm.Bytes(), cold.Bytes())
			}
			t.Logf("rebuild rendered %d of %d public and %d of %d internal pages",
				again.Public.Rendered, again.Public.Pages, again.Internal.Rendered, again.Internal.Pages)
			if fresh.Public.Rendered != fresh.Public.Pages || fresh.Internal.Rendered != fresh.Internal.Pages {
				t.Errorf("a build into an empty folder rendered %d of %d and %d of %d pages, want all",
					fresh.Public.Rendered, fresh.Public.Pages, fresh.Internal.Rendered, fresh.Internal.Pages)
			}
			if tc.check != nil {
				tc.check(t, inc)
			}
		})
	}
}

// TestRebuildRendersOnlyChangedPages: a rebuild of the same records
// renders no page; after one hero's summary changed it renders exactly the
// pages that show it, which are the pages whose bytes changed.
func TestRebuildRendersOnlyChangedPages(t *testing.T) {
	root := sampleRepo(t)
	site := filepath.Join(root, "_site")
	first := run(t, root)
	if first.Public.Rendered != first.Public.Pages || first.Internal.Rendered != first.Internal.Pages {
		t.Fatalf("first build rendered %d of %d and %d of %d pages, want all",
			first.Public.Rendered, first.Public.Pages, first.Internal.Rendered, first.Internal.Pages)
	}
	second := run(t, root)
	if second.Public.Rendered != 0 || second.Internal.Rendered != 0 {
		t.Errorf("a rebuild of the same records rendered %d public and %d internal pages, want 0",
			second.Public.Rendered, second.Internal.Rendered)
	}
	if second.Public.Pages != first.Public.Pages || second.Internal.Pages != first.Internal.Pages {
		t.Errorf("a rebuild counts %d+%d pages, the first build %d+%d",
			second.Public.Pages, second.Internal.Pages, first.Public.Pages, first.Internal.Pages)
	}

	before := snapshot(t, site)
	edit(t, filepath.Join(root, "records/heroes/sheyang/H-2019-0002.md"),
		"summary: 三人驾渔船冒着大风赶往翻覆货船", "summary: 三人驾渔船顶着大风赶往翻覆货船")
	third := run(t, root)
	var pub, internal, summaries int
	for p := range before {
		if strings.HasPrefix(p, "internal/") && strings.HasSuffix(p, ".html") && !strings.HasPrefix(p, "internal/heroes/") {
			summaries++
		}
	}
	for _, p := range differ(before, snapshot(t, site)) {
		switch {
		case !strings.HasSuffix(p, ".html"):
		case strings.HasPrefix(p, "public/"):
			pub++
		case strings.HasPrefix(p, "internal/"):
			internal++
		}
	}
	// Every page whose bytes changed was rendered; the others rendered are
	// the few that sum up every record (the internal overview, board,
	// lists): no other hero's page.
	if third.Public.Rendered < pub || third.Internal.Rendered < internal || third.Public.Rendered > pub+2 || third.Internal.Rendered > internal+summaries {
		t.Errorf("after one edit, rendered %d public and %d internal pages; the pages whose bytes changed are %d and %d",
			third.Public.Rendered, third.Internal.Rendered, pub, internal)
	}
	if pub == 0 || internal == 0 {
		t.Errorf("the edit changed %d public and %d internal pages, want some of each", pub, internal)
	}
}

// TestDamagedManifestRendersAll: without a trustworthy manifest nothing
// is skipped, and the site is still right.
func TestDamagedManifestRendersAll(t *testing.T) {
	root := sampleRepo(t)
	first := run(t, root)
	run(t, root) // both trees of each site hold a build
	ms, _ := filepath.Glob(filepath.Join(root, "_site", ".roll", "*.manifest"))
	if len(ms) != 4 {
		t.Fatalf("manifests %q, want two for each site", ms)
	}
	// Removed, of an older format, cut, one byte changed.
	for i, m := range ms {
		b, err := os.ReadFile(m)
		if err != nil {
			t.Fatal(err)
		}
		switch i {
		case 0:
			err = os.Remove(m)
		case 1:
			err = os.WriteFile(m, []byte("# roll tree manifest v3: sha256 size mtime-ns key path\nnonsense\n"), 0o644)
		case 2:
			err = os.WriteFile(m, b[:len(b)-1], 0o644)
		case 3:
			b[len(b)/2] ^= 1
			err = os.WriteFile(m, b, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	again := run(t, root)
	if again.Public.Rendered != first.Public.Pages || again.Internal.Rendered != first.Internal.Pages {
		t.Errorf("with no manifest, rendered %d and %d pages, want all %d and %d",
			again.Public.Rendered, again.Internal.Rendered, first.Public.Pages, first.Internal.Pages)
	}
	if again.Written() != 0 {
		t.Errorf("with no manifest, %d files written, want 0 (same bytes)", again.Written())
	}
}

// TestTouchedPageRendered: a page whose file changed since the manifest
// was written is rendered again, and restored.
func TestTouchedPageRendered(t *testing.T) {
	root := sampleRepo(t)
	run(t, root)
	page := filepath.Join(root, "_site/public/heroes/H-2017-0001.html")
	want, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, []byte("defaced"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := run(t, root)
	if res.Public.Rendered != 1 || res.Internal.Rendered != 0 {
		t.Errorf("rendered %d public and %d internal pages, want 1 and 0", res.Public.Rendered, res.Internal.Rendered)
	}
	if got, err := os.ReadFile(page); err != nil || string(got) != string(want) {
		t.Errorf("the defaced page was not restored (err %v)", err)
	}
}

// TestNarrativeRendersOnlyItsRecord: the status pages are keyed by what
// they show, so an edit to a hero's narrative, which only the hero's
// record shows, renders that one internal page again, not the lists of
// every hero (heroes.html, pending.html, insurance.html, quality.html, the
// care years, the plan), nor does an edit to the deed's summary; an edit
// to a field the list of heroes shows renders that list again.
func TestNarrativeRendersOnlyItsRecord(t *testing.T) {
	root := sampleRepo(t)
	run(t, root)
	hero := filepath.Join(root, "records/heroes/sheyang/H-2019-0002.md")
	edit(t, hero, "五名船员全部获救。", "五名船员全部获救，无人受伤。")
	if res := run(t, root); res.Internal.Rendered != 1 {
		t.Errorf("after a narrative edit, rendered %d of %d internal pages, want the hero's record alone",
			res.Internal.Rendered, res.Internal.Pages)
	}
	// The deed's summary is on the hero's record and the lists of
	// heroes (pending.html), not on the pages that count across the
	// archive (status.shownAlone): a confirmed hero's renders his record.
	edit(t, hero, "summary: ", "summary: 据报，")
	if res := run(t, root); res.Internal.Rendered != 1 {
		t.Errorf("after a summary edit, rendered %d of %d internal pages, want the hero's record alone",
			res.Internal.Rendered, res.Internal.Pages)
	}
	site := filepath.Join(root, "_site")
	before := snapshot(t, site)
	edit(t, hero, "outcome: injured", "outcome: unharmed")
	res := run(t, root)
	changed := differ(before, snapshot(t, site))
	if !slices.Contains(changed, "internal/heroes.html") {
		t.Errorf("after an outcome edit, internal/heroes.html is as it was; changed: %q", changed)
	}
	internal := 0
	for _, p := range changed {
		if strings.HasPrefix(p, "internal/") && strings.HasSuffix(p, ".html") {
			internal++
		}
	}
	if res.Internal.Rendered < internal {
		t.Errorf("after an outcome edit, rendered %d internal pages, fewer than the %d that changed", res.Internal.Rendered, internal)
	}
}

// TestKeptHistoryEqualsWalked: the git history a build keeps in the
// records cache (history.ReadSaved) gives the bytes of a build that walks
// the commits, after a new commit, with the file damaged and with one
// kept for another repository.
func TestKeptHistoryEqualsWalked(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, root string, commit func(string))
	}{
		{name: "nothing", change: func(t *testing.T, root string, commit func(string)) {}},
		{name: "a new commit", change: func(t *testing.T, root string, commit func(string)) {
			edit(t, filepath.Join(root, "records/visits/2020/V-2020-0001.yaml"), "items: 慰问金、水果", "items: 慰问金、鲜花")
			commit("Correct a visit's items")
		}},
		// Kept for another repository under its own HEAD: whole and
		// sealed, but not for this HEAD.
		{name: "a foreign history", change: func(t *testing.T, root string, commit func(string)) {
			other := sampleRepo(t)
			gitCommitAll(t, other, "Another repository")
			buildGit(t, other, "_site", true)
			b, err := os.ReadFile(filepath.Join(other, records.CacheDir, "history"))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(root, records.CacheDir, "history"), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := sampleRepo(t)
			gitCommitAll(t, root, "Import the records")
			build := func(out string, cache bool) *Result { return buildGit(t, root, out, cache) }
			build("_site", true)
			if _, err := os.Stat(filepath.Join(root, records.CacheDir, "history")); err != nil {
				t.Fatalf("no history kept: %v", err)
			}
			tc.change(t, root, func(msg string) { gitCommitAll(t, root, msg) })
			again := build("_site", true)
			fresh := build("_fresh", false)
			if again.History.Head == nil || fresh.History.Head == nil || again.History.Head.Hash != fresh.History.Head.Hash {
				t.Fatalf("the rebuild is of HEAD %v, a full build of %v", again.History.Head, fresh.History.Head)
			}
			inc, full := snapshot(t, filepath.Join(root, "_site")), snapshot(t, filepath.Join(root, "_fresh"))
			if got := differ(full, inc); len(got) > 0 {
				t.Errorf("the incremental build differs from a full one in %q", got)
			}
			if again.Status != fresh.Status {
				t.Errorf("the incremental build counts %+v, a full one %+v", again.Status, fresh.Status)
			}
		})
	}
}

// buildGit builds root into out on testDay, its history read from git,
// with or without the cache in root's records.CacheDir.
func buildGit(t *testing.T, root, out string, cache bool) *Result {
	t.Helper()
	res, err := Run(root, Options{Out: out, Today: testDay, Cache: cache})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Built {
		t.Fatalf("not built: %v", res.Check.Findings)
	}
	return res
}

// gitCommitAll commits every file under root (a repository made if there
// is none) but the build's own folders.
func gitCommitAll(t *testing.T, root, msg string) {
	t.Helper()
	repo, err := git.PlainOpen(root)
	if errors.Is(err, git.ErrRepositoryNotExists) {
		repo, err = git.PlainInit(root, false)
		if err == nil {
			err = os.WriteFile(filepath.Join(root, ".gitignore"), []byte("/_site/\n/_fresh/\n/.cache/\n"), 0o644)
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	if err := wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		t.Fatal(err)
	}
	sig := &object.Signature{Name: "李伟", Email: "li@example.org", When: time.Date(2021, 6, 1, 9, 0, 0, 0, time.FixedZone("", 8*3600))}
	if _, err := wt.Commit(msg, &git.CommitOptions{Author: sig, Committer: sig}); err != nil {
		t.Fatal(err)
	}
}

// TestRetiredStatesRemoved: the memos an older roll kept in the output
// folder and this one no longer reads are removed by the next build, and
// the memos it does read stay.
func TestRetiredStatesRemoved(t *testing.T) {
	root := sampleRepo(t)
	run(t, root)
	state := filepath.Join(root, "_site", ".roll")
	for _, name := range retiredStates() {
		if err := os.WriteFile(filepath.Join(state, name+".state"), []byte("an older roll's memo"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run(t, root)
	for _, name := range retiredStates() {
		if _, err := os.Stat(filepath.Join(state, name+".state")); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s.state: %v, want it removed", name, err)
		}
	}
	for _, name := range []string{keptState, statusState} {
		if _, err := os.Stat(filepath.Join(state, name+".state")); err != nil {
			t.Errorf("%s.state: %v, want it kept", name, err)
		}
	}
}
