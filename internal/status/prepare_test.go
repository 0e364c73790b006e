package status

import (
	"slices"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/site"
	"github.com/yancheng-jyyw/roll/templates"
)

// TestPrepareNeedsNoFindings: a site prepared without the findings (or
// with others, which Prepare does not read) and finished with them lists
// the pages, keys and Stats of Site given them, with or without a memo;
// the findings decide the data-quality page's key and the pages that
// count across the archive. A Prepared is finished once.
func TestPrepareNeedsNoFindings(t *testing.T) {
	dir := sampleRepo(t)
	res := checkAt(t, dir, buildDay)
	hist := fixedHistory(res)
	findings := append(slices.Clone(res.Findings), finding.Finding{File: "records/site.yaml", Severity: finding.Warning, Rule: "test", Msg: finding.Msg("a finding of the test")})
	keys := func(s *site.Site) map[string]site.Key {
		out := map[string]site.Key{}
		for _, p := range s.Pages {
			out[p.Path] = p.Inputs
		}
		return out
	}
	for _, withMemo := range []bool{false, true} {
		var m1, m2 *Memo
		if withMemo {
			m1, m2 = NewMemo(), NewMemo()
		}
		want, wantStats, err := Site(Input{Repo: res.Repo, Schemas: res.Schemas, Findings: findings, History: hist}, templates.FS,
			Options{Today: buildDay, Inputs: memoCode, Memo: m1})
		if err != nil {
			t.Fatal(err)
		}
		p, err := Prepare(Input{Repo: res.Repo, Schemas: res.Schemas, Findings: res.Findings, History: hist}, templates.FS,
			Options{Today: buildDay, Inputs: memoCode, Memo: m2})
		if err != nil {
			t.Fatal(err)
		}
		got, gotStats, err := p.Site(findings)
		if err != nil {
			t.Fatal(err)
		}
		if gotStats != wantStats || gotStats.Findings != len(findings) {
			t.Errorf("memo %v: stats %+v, want %+v", withMemo, gotStats, wantStats)
		}
		kw, kg := keys(want), keys(got)
		if len(kw) != len(kg) || len(got.Pages) != len(want.Pages) {
			t.Fatalf("memo %v: %d pages, want %d", withMemo, len(got.Pages), len(want.Pages))
		}
		for path, k := range kw {
			if kg[path] != k {
				t.Errorf("memo %v: %s keyed otherwise when prepared", withMemo, path)
			}
		}
		if withMemo && (!slices.Equal(m1.Bytes(), m2.Bytes())) {
			t.Errorf("the memo left when prepared differs")
		}
		if _, _, err := p.Site(findings); err == nil {
			t.Error("a Prepared finished twice")
		}
	}
	// The findings are in the keys of the pages that show them.
	without, _, err := Site(Input{Repo: res.Repo, Schemas: res.Schemas, Findings: res.Findings, History: hist}, templates.FS, Options{Today: buildDay})
	if err != nil {
		t.Fatal(err)
	}
	with, _, err := Site(Input{Repo: res.Repo, Schemas: res.Schemas, Findings: findings, History: hist}, templates.FS, Options{Today: buildDay})
	if err != nil {
		t.Fatal(err)
	}
	kw, kf := keys(without), keys(with)
	for _, path := range []string{"quality.html", "index.html"} {
		if kw[path] == kf[path] {
			t.Errorf("%s keyed alike with another finding", path)
		}
	}
	if kw["heroes.html"] != kf["heroes.html"] {
		t.Error("heroes.html keyed by the findings")
	}
}
