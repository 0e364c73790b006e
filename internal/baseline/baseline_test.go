package baseline

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/yancheng-jyyw/roll/internal/finding"
)

const hero = `---
id: H-2020-0001
name: 张三
gender: male
birth_year: 1985
jurisdiction: sheyang
status: confirmed
deed:
  date: 2020-03-14
  place: 射阳县合德镇黄沙港
  kind: rescue
  summary: 跳入河中救起落水儿童
---
2020年3月14日，张三跳入河中救起落水儿童。
`

const visit = `id: V-2020-0001
date: 2020-01-10
occasion: hospital
jurisdiction: sheyang
visitors: [市见义勇为基金会]
beneficiaries:
  - {hero: H-2020-0001, amount: 2000}
`

const jurisdictions = `- {id: sheyang, name: 射阳县, kind: county}
- {id: funing, name: 阜宁县, kind: county}
- {id: city, name: 盐城市, kind: city}
`

// base is a small repository root at the base revision.
func base() fstest.MapFS {
	return fstest.MapFS{
		"records/site.yaml":                           {Data: []byte("title: 见义勇为\n")},
		"records/catalog/jurisdictions.yaml":          {Data: []byte(jurisdictions)},
		"records/catalog/honors.yaml":                 {Data: []byte("- {id: city-model, name: 模范}\n")},
		"records/heroes/sheyang/H-2020-0001.md":       {Data: []byte(hero)},
		"records/visits/2020/V-2020-0001.yaml":        {Data: []byte(visit)},
		"records/tasks/2020/plan.yaml":                {Data: []byte("year: 2020\n")},
		"records/tasks/2020/01.yaml":                  {Data: []byte("id: T-2020-01\nnumber: 1\n")},
		"records/README.md":                           {Data: []byte("# records\n")},
		"records/reports/2020/R-2020-Q3-sheyang.yaml": {Data: []byte("id: R-2020-Q3-sheyang\njurisdiction: sheyang\nperiod: 2020-Q3\n")},
		"records/events/2020/E-2020-0001.yaml":        {Data: []byte("id: E-2020-0001\n")},
		"records/teams/sheyang/TM-sheyang-01.yaml":    {Data: []byte("id: TM-sheyang-01\n")},
		"records/decisions/2020/D-2020-01.yaml":       {Data: []byte("id: D-2020-01\n")},
		"records/nominations/2020/N-2020-01.yaml":     {Data: []byte("id: N-2020-01\n")},
		"records/fund/2020/01.yaml":                   {Data: []byte(ledgerJanuary)},
		"records/fund/2020/02.yaml":                   {Data: []byte("- {id: F-2020-0003, date: 2020-02-03}\n")},
	}
}

const ledgerJanuary = `- id: F-2020-0001
  date: 2020-01-10
- id: F-2020-0002
  date: 2020-01-20
`

// change returns base changed by edit.
func change(edit func(fstest.MapFS)) fstest.MapFS {
	fsys := maps.Clone(base())
	edit(fsys)
	return fsys
}

func move(fsys fstest.MapFS, from, to string, replace ...string) {
	data := string(fsys[from].Data)
	data = strings.NewReplacer(replace...).Replace(data)
	delete(fsys, from)
	fsys[to] = &fstest.MapFile{Data: []byte(data)}
}

func edit(fsys fstest.MapFS, p string, replace ...string) {
	move(fsys, p, p, replace...)
}

func TestCompare(t *testing.T) {
	tests := []struct {
		name string
		now  fstest.MapFS
		want []string // findings, as Finding.String prints them
	}{
		{"unchanged", base(), nil},
		{"edited", change(func(f fstest.MapFS) {
			edit(f, "records/heroes/sheyang/H-2020-0001.md", "name: 张三", "name: 张三丰")
		}), nil},
		{"hero deleted", change(func(f fstest.MapFS) {
			delete(f, "records/heroes/sheyang/H-2020-0001.md")
		}), []string{
			"records/heroes/sheyang/H-2020-0001.md:0:0: the record H-2020-0001 was deleted; records are withdrawn, never deleted: restore the file and set status: withdrawn (deleted)",
		}},
		{"task deleted", change(func(f fstest.MapFS) {
			delete(f, "records/tasks/2020/01.yaml")
		}), []string{
			"records/tasks/2020/01.yaml:0:0: the record T-2020-01 was deleted; a year's plan and its tasks are never deleted: restore the file (deleted)",
		}},
		{"plan deleted", change(func(f fstest.MapFS) {
			delete(f, "records/tasks/2020/plan.yaml")
		}), []string{
			"records/tasks/2020/plan.yaml:0:0: the plan records/tasks/2020/plan.yaml was deleted; a year's plan and its tasks are never deleted: restore the file (deleted)",
		}},
		{"site deleted: the loader says so", change(func(f fstest.MapFS) {
			delete(f, "records/site.yaml")
		}), nil},
		{"id changed in place", change(func(f fstest.MapFS) {
			edit(f, "records/heroes/sheyang/H-2020-0001.md", "id: H-2020-0001", "id: H-2020-0009")
		}), []string{
			"records/heroes/sheyang/H-2020-0001.md:2:5: an id never changes: this record was H-2020-0001 at the base revision; put the id H-2020-0001 back (id)",
		}},
		{"renamed to a new id", change(func(f fstest.MapFS) {
			move(f, "records/heroes/sheyang/H-2020-0001.md", "records/heroes/sheyang/H-2020-0009.md", "id: H-2020-0001", "id: H-2020-0009")
		}), []string{
			"records/heroes/sheyang/H-2020-0009.md:2:5: an id never changes: this record was H-2020-0001 (records/heroes/sheyang/H-2020-0001.md) at the base revision; put the id H-2020-0001 back (id)",
		}},
		{"deleted, and another record added", change(func(f fstest.MapFS) {
			delete(f, "records/visits/2020/V-2020-0001.yaml")
			f["records/visits/2020/V-2020-0002.yaml"] = &fstest.MapFile{Data: []byte(
				"id: V-2020-0002\ndate: 2020-09-30\noccasion: mid_autumn\njurisdiction: funing\nvisitors: [阜宁县见义勇为基金会]\nbeneficiaries: []\n")}
		}), []string{
			"records/visits/2020/V-2020-0001.yaml:0:0: the record V-2020-0001 was deleted; records are withdrawn, never deleted: restore the file and set status: withdrawn (deleted)",
		}},
		{"moved with its jurisdiction", change(func(f fstest.MapFS) {
			move(f, "records/heroes/sheyang/H-2020-0001.md", "records/heroes/funing/H-2020-0001.md", "jurisdiction: sheyang", "jurisdiction: funing")
		}), nil},
		{"moved and broken: its own findings say so", change(func(f fstest.MapFS) {
			move(f, "records/heroes/sheyang/H-2020-0001.md", "records/heroes/funing/H-2020-0001.md", "deed:\n", "deed: [\n")
		}), nil},
		{"id removed: the schema says so", change(func(f fstest.MapFS) {
			edit(f, "records/visits/2020/V-2020-0001.yaml", "id: V-2020-0001\n", "")
		}), nil},
		{"catalog entry removed", change(func(f fstest.MapFS) {
			edit(f, "records/catalog/jurisdictions.yaml", "- {id: funing, name: 阜宁县, kind: county}\n", "")
		}), []string{
			"records/catalog/jurisdictions.yaml:2:1: the jurisdiction funing was removed; catalog entries are never removed or renamed, since records refer to them (deleted)",
		}},
		{"last catalog entries removed", change(func(f fstest.MapFS) {
			f["records/catalog/jurisdictions.yaml"] = &fstest.MapFile{Data: []byte("- {id: sheyang, name: 射阳县, kind: county}\n")}
			f["records/catalog/honors.yaml"] = &fstest.MapFile{Data: []byte("- {id: city-advanced, name: 先进个人}\n")}
		}), []string{
			"records/catalog/honors.yaml:1:1: the honor city-model was removed; catalog entries are never removed or renamed, since records refer to them (deleted)",
			"records/catalog/jurisdictions.yaml:1:1: the jurisdiction funing was removed; catalog entries are never removed or renamed, since records refer to them (deleted)",
			"records/catalog/jurisdictions.yaml:1:1: the jurisdiction city was removed; catalog entries are never removed or renamed, since records refer to them (deleted)",
		}},
		{"catalog broken: its own findings say so", change(func(f fstest.MapFS) {
			f["records/catalog/jurisdictions.yaml"] = &fstest.MapFile{Data: []byte("- {id: sheyang\n")}
		}), nil},
		{"records of the newer kinds deleted", change(func(f fstest.MapFS) {
			for _, p := range []string{"records/reports/2020/R-2020-Q3-sheyang.yaml", "records/events/2020/E-2020-0001.yaml",
				"records/teams/sheyang/TM-sheyang-01.yaml", "records/decisions/2020/D-2020-01.yaml", "records/nominations/2020/N-2020-01.yaml"} {
				delete(f, p)
			}
		}), []string{
			"records/decisions/2020/D-2020-01.yaml:0:0: the record D-2020-01 was deleted; records are withdrawn, never deleted: restore the file and set status: withdrawn (deleted)",
			"records/events/2020/E-2020-0001.yaml:0:0: the record E-2020-0001 was deleted; records are withdrawn, never deleted: restore the file and set status: withdrawn (deleted)",
			"records/nominations/2020/N-2020-01.yaml:0:0: the record N-2020-01 was deleted; records are withdrawn, never deleted: restore the file and set status: withdrawn (deleted)",
			"records/reports/2020/R-2020-Q3-sheyang.yaml:0:0: the record R-2020-Q3-sheyang was deleted; records are withdrawn, never deleted: restore the file and set status: withdrawn (deleted)",
			"records/teams/sheyang/TM-sheyang-01.yaml:0:0: the record TM-sheyang-01 was deleted; records are withdrawn, never deleted: restore the file and set status: withdrawn (deleted)",
		}},
		{"a voucher removed", change(func(f fstest.MapFS) {
			edit(f, "records/fund/2020/01.yaml", "- id: F-2020-0001\n  date: 2020-01-10\n", "")
		}), []string{
			"records/fund/2020/01.yaml:1:1: the voucher F-2020-0001 was removed; vouchers are never removed: put it back and set status: withdrawn (deleted)",
		}},
		{"a voucher moved to its month", change(func(f fstest.MapFS) {
			edit(f, "records/fund/2020/01.yaml", "- id: F-2020-0002\n  date: 2020-01-20\n", "")
			edit(f, "records/fund/2020/02.yaml", "- {id", "- {id: F-2020-0002, date: 2020-02-01}\n- {id")
		}), nil},
		{"a month of the ledger deleted", change(func(f fstest.MapFS) {
			delete(f, "records/fund/2020/01.yaml")
		}), []string{
			"records/fund/2020/01.yaml:0:0: the voucher F-2020-0001 was removed; vouchers are never removed: put it back and set status: withdrawn (deleted)",
			"records/fund/2020/01.yaml:0:0: the voucher F-2020-0002 was removed; vouchers are never removed: put it back and set status: withdrawn (deleted)",
		}},
		{"a month of the ledger broken: its own findings say so", change(func(f fstest.MapFS) {
			edit(f, "records/fund/2020/01.yaml", "  date: 2020-01-10\n", "  date: [\n")
		}), nil},
		{"CRLF and a byte order mark", change(func(f fstest.MapFS) {
			data := "\xef\xbb\xbf" + strings.ReplaceAll(hero, "\n", "\r\n")
			f["records/heroes/sheyang/H-2020-0001.md"] = &fstest.MapFile{Data: []byte(data)}
		}), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list := Compare(base(), tt.now)
			list.Sort()
			var got []string
			for _, f := range list {
				if f.Severity != finding.Error {
					t.Errorf("%s is not an error", f)
				}
				got = append(got, f.String())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Compare =\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(tt.want, "\n\t"))
			}
		})
	}
}

func TestUnchanged(t *testing.T) {
	now := change(func(f fstest.MapFS) {
		edit(f, "records/site.yaml", "\n", "\r\n")
		edit(f, "records/tasks/2020/plan.yaml", "2020", "2021")
		delete(f, "records/tasks/2020/01.yaml")
		f["records/tasks/2020/02.yaml"] = &fstest.MapFile{Data: []byte("id: T-2020-02\n")}
	})
	for p, want := range map[string]bool{
		"records/site.yaml":                     true, // line ends only
		"records/heroes/sheyang/H-2020-0001.md": true,
		"records/tasks/2020/plan.yaml":          false,
		"records/tasks/2020/01.yaml":            false, // deleted
		"records/tasks/2020/02.yaml":            false, // new
		"records":                               false, // a folder
	} {
		if got := Unchanged(base(), now, p); got != want {
			t.Errorf("Unchanged(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestMarkOld(t *testing.T) {
	const (
		heroFile  = "records/heroes/sheyang/H-2020-0001.md"
		visitFile = "records/visits/2020/V-2020-0001.yaml"
		siteFile  = "records/site.yaml"
	)
	now := change(func(f fstest.MapFS) { edit(f, siteFile, "见义勇为", "见义勇为基金会") })
	var baseList, list finding.List
	// Present at the base, file unchanged: old.
	baseList.Errorf(heroFile, finding.Pos{Line: 3, Col: 7}, "schema", "missing property %s", "x")
	list.Errorf(heroFile, finding.Pos{Line: 3, Col: 7}, "schema", "missing property %s", "x")
	// Same file, but new: caused by a change elsewhere.
	list.Errorf(heroFile, finding.Pos{Line: 4, Col: 1}, "ref", "no hero has the id %s", "H-2020-0002")
	// A warning at the base that is an error now is not the same finding.
	baseList.Warnf(visitFile, finding.Pos{Line: 7, Col: 5}, "visit", "the visit is to %s, whose status is %s, not confirmed", "H-2020-0001", "pending")
	list.Errorf(visitFile, finding.Pos{Line: 7, Col: 5}, "visit", "the visit is to %s, whose status is %s, not confirmed", "H-2020-0001", "pending")
	// Present at the base, but the file changed: new.
	baseList.Errorf(siteFile, finding.Pos{Line: 1, Col: 8}, "schema", "missing property %s", "year")
	list.Errorf(siteFile, finding.Pos{Line: 1, Col: 8}, "schema", "missing property %s", "year")
	// Twice now, once at the base: one of them is new.
	baseList.Warnf(heroFile, finding.Pos{Line: 9, Col: 1}, "insurance", "the hero holds the title %s but has no comprehensive insurance for %d", "模范", 2020)
	list.Warnf(heroFile, finding.Pos{Line: 9, Col: 1}, "insurance", "the hero holds the title %s but has no comprehensive insurance for %d", "模范", 2020)
	list.Warnf(heroFile, finding.Pos{Line: 9, Col: 1}, "insurance", "the hero holds the title %s but has no comprehensive insurance for %d", "模范", 2020)

	MarkOld(list, baseList, base(), now)
	want := []bool{true, false, false, false, true, false}
	for i, f := range list {
		if f.Old != want[i] {
			t.Errorf("finding %d (%s): Old = %v, want %v", i, f, f.Old, want[i])
		}
	}
}
