package public

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/yancheng-jyyw/roll/internal/check"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/internal/site"
	"github.com/yancheng-jyyw/roll/templates"
)

// sampleDay is the build date of the repository's sample records (the
// Makefile's TODAY): N-2020-05 is in its 公示, from 2021-01-18 to 2021-01-24.
var sampleDay = time.Date(2021, 1, 20, 0, 0, 0, 0, time.UTC)

// sampleProj projects the records through the repository's schemas, as
// roll build does.
type sampleProj struct{ s *schema.Set }

func (p sampleProj) Project(kind string, v any, max string) any {
	return p.s.Project(schema.Kind(kind), v, max)
}

func (p sampleProj) Enum(kind string, path ...string) []schema.EnumValue {
	return p.s.Enum(schema.Kind(kind), path...)
}

// checkSample checks the repository's records as of sampleDay.
func checkSample(t testing.TB) *check.Result {
	t.Helper()
	res, err := check.Run("../..", check.Options{Today: sampleDay})
	if err != nil {
		t.Fatal(err)
	}
	if n := res.Findings.Errors(); n > 0 {
		t.Fatalf("the sample records have %d errors", n)
	}
	return res
}

// buildSample renders the public site of the checked sample records as of
// today, in memory, and returns its files by slash path.
func buildSample(t testing.TB, res *check.Result, today time.Time) map[string]string {
	t.Helper()
	s, _, err := Site(res.Repo, sampleProj{res.Schemas}, templates.FS, Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	b := (*site.Memory)(nil).Next()
	if _, err := site.Render(b, s, site.Options{}); err != nil {
		t.Fatal(err)
	}
	m := b.Done()
	out := map[string]string{}
	for _, p := range m.Paths() {
		data, _ := m.File(p)
		out[p] = string(data)
	}
	return out
}

// TestSampleNotices: the 公示 page of the sample lists the nominations
// inside their window on the build date, each with its window, and how to
// object (site.yaml's objection); outside every window it lists none and
// gives no contact for objections.
func TestSampleNotices(t *testing.T) {
	res := checkSample(t)
	for _, tc := range []struct {
		today time.Time
		want  []string // the ids of the notices listed
	}{
		{sampleDay, []string{"N-2020-05"}},
		{time.Date(2021, 1, 18, 0, 0, 0, 0, time.UTC), []string{"N-2020-05"}}, // the first day
		{time.Date(2021, 1, 24, 0, 0, 0, 0, time.UTC), []string{"N-2020-05"}}, // the last day
		{time.Date(2020, 6, 22, 0, 0, 0, 0, time.UTC), []string{"N-2020-01", "N-2020-02", "N-2020-03"}},
		{time.Date(2021, 1, 25, 0, 0, 0, 0, time.UTC), nil},
		{time.Date(2021, 1, 17, 0, 0, 0, 0, time.UTC), nil},
		{time.Date(2020, 8, 17, 0, 0, 0, 0, time.UTC), nil},
		{time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC), nil},
	} {
		day := tc.today.Format(time.DateOnly)
		t.Run(day, func(t *testing.T) {
			body := buildSample(t, res, tc.today)["notices.html"]
			p := page{t, "notices.html", parseHTML(t, body)}
			var got []string
			for _, a := range p.all("article.gongshi") {
				id, _ := attr(a, "id")
				got = append(got, id)
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("notices %q, want %q", got, tc.want)
			}
			objection, empty := p.all("section.objection"), p.all("p.empty")
			if tc.want == nil {
				if len(objection) != 0 || len(empty) != 1 || text(empty[0]) != "目前没有正在公示的推荐人选。" {
					t.Errorf("outside every window: %d objection sections, empty note %v", len(objection), empty)
				}
				for _, s := range []string{"公示期：", "0515-88880000", "gongshi@yancheng.example", "许文博"} {
					if strings.Contains(body, s) {
						t.Errorf("outside every window the page shows %q", s)
					}
				}
				return
			}
			if len(objection) != 1 || len(empty) != 0 {
				t.Fatalf("%d objection sections, %d empty notes", len(objection), len(empty))
			}
			o := text(objection[0])
			for _, s := range []string{"盐城市见义勇为基金会办公室", "0515-88880000", "gongshi@yancheng.example", "盐城市示例路1号（邮编224000）"} {
				if !strings.Contains(o, s) {
					t.Errorf("how to object: %q lacks %q", o, s)
				}
			}
			// Links a phone can dial and a mail program open.
			if got := p.attr(".objection dd a[href^=tel]", "href"); got != "tel:0515-88880000" {
				t.Errorf("the objection phone links to %q", got)
			}
			if got := p.attr(".objection dd a[href^=mailto]", "href"); got != "mailto:gongshi@yancheng.example" {
				t.Errorf("the objection e-mail links to %q", got)
			}
			if tc.want[0] != "N-2020-05" {
				return
			}
			p.hasText("#N-2020-05 h2", "江苏省见义勇为先进个人推荐人选公示")
			p.hasText("#N-2020-05 .window", "公示期：2021年1月18日至2021年1月24日")
			var names []string
			for _, th := range p.all("#N-2020-05 tbody th") {
				names = append(names, text(th))
			}
			if want := []string{"许文博", "王建军"}; !slices.Equal(names, want) {
				t.Errorf("N-2020-05 names %q, want %q", names, want)
			}
		})
	}
}

// TestSampleDecisions: every decision of the sample that is not withdrawn
// has its page, with its number, date and issuer; the heroes on the roll it
// honored are named as the roll names them (张某某 when anonymized) and
// linked, the others counted and never named; the index lists them all.
func TestSampleDecisions(t *testing.T) {
	res := checkSample(t)
	files := buildSample(t, res, sampleDay)
	heroes := map[string]*model.Hero{}
	for i := range res.Repo.Heroes {
		heroes[res.Repo.Heroes[i].ID] = &res.Repo.Heroes[i]
	}
	index := files["decisions/index.html"]
	anonymized, withheld := 0, 0
	for _, d := range res.Repo.Decisions {
		body, ok := files["decisions/"+d.ID+".html"]
		if d.Status == "withdrawn" {
			if ok || strings.Contains(index, d.ID) {
				t.Errorf("withdrawn %s is published", d.ID)
			}
			continue
		}
		if !ok {
			t.Errorf("%s has no page", d.ID)
			continue
		}
		if !strings.Contains(index, `href="../decisions/`+d.ID+`.html"`) && !strings.Contains(index, `href="`+d.ID+`.html"`) {
			t.Errorf("the index does not link %s", d.ID)
		}
		p := page{t, d.ID, parseHTML(t, body)}
		var facts []string
		for _, n := range p.all("dl.facts div") {
			facts = append(facts, text(n))
		}
		if want := []string{"发文机关" + d.Issuer, "文号" + d.Doc, "日期" + d.Date.Zh(), fmt.Sprintf("受表彰%d 人次", len(d.Awards))}; !slices.Equal(facts, want) {
			t.Errorf("%s: facts %q, want %q", d.ID, facts, want)
		}
		named, counted := 0, 0
		for _, w := range p.all("p.withheld") {
			var n int
			fmt.Sscanf(strings.TrimPrefix(strings.TrimPrefix(text(w), "另有 "), "共 "), "%d", &n)
			counted += n
		}
		for _, a := range d.Awards {
			h := heroes[a.Hero]
			if Publication(h, sampleDay) != Published {
				withheld++
				if strings.Contains(body, h.Name) || strings.Contains(body, h.ID) {
					t.Errorf("%s names %s, who may not be published", d.ID, h.ID)
				}
				continue
			}
			named++
			name := h.Name
			if h.Public.Anonymize {
				name = Anonymize(h.Name)
				anonymized++
				if strings.Contains(body, h.Name) {
					t.Errorf("%s shows the full name of anonymized %s", d.ID, h.ID)
				}
			}
			if !strings.Contains(body, `<a href="../heroes/`+h.ID+`.html">`+name+`</a>`) {
				t.Errorf("%s does not name %s as %s with a link", d.ID, h.ID, name)
			}
		}
		if counted != len(d.Awards)-named {
			t.Errorf("%s: %d awards, %d named, %d counted", d.ID, len(d.Awards), named, counted)
		}
	}
	// Each decision and the 公示 are in the sitemap; the feed carries the
	// open notice and the newest decision.
	for _, d := range res.Repo.Decisions {
		if d.Status != "withdrawn" && !strings.Contains(files["sitemap.xml"], "<loc>https://jyyw.yancheng.example/decisions/"+d.ID+".html</loc>") {
			t.Errorf("the sitemap lacks %s", d.ID)
		}
	}
	for _, s := range []string{"https://jyyw.yancheng.example/notices.html#N-2020-05", "https://jyyw.yancheng.example/decisions/D-2020-08.html"} {
		if !strings.Contains(files["feed.xml"], s) {
			t.Errorf("the feed lacks %s", s)
		}
	}
	// The sample has both cases, or the test proves less than it says.
	if anonymized == 0 || withheld == 0 {
		t.Errorf("the sample's decisions honor %d anonymized and %d withheld heroes: want both", anonymized, withheld)
	}
}

// TestSampleNothingInternal extends TestNothingPrivateLeaks to the whole
// public site of the repository's sample: the value of every field of a
// decision, a nomination, a month of the ledger and site.yaml that the
// schemas do not mark public (rewards, notes, outcomes, dates of
// submission, vouchers, the form's repository), and the money of the
// ledger as the internal site writes it, appears in no public file, be it
// HTML, the feed, the sitemap or the search index; nor do the names and ids
// of heroes who may not be published. Built on the sample's build date
// and inside the 公示 of N-2020-01 to 03, when nominations are shown.
func TestSampleNothingInternal(t *testing.T) {
	res := checkSample(t)
	proj := sampleProj{res.Schemas}

	// What the public site may show: the public fields of the records it is
	// built from, a decision's awards and a nomination's heroes aside (whom
	// they name is the roll's decision, tested below).
	allowed := map[string]bool{}
	allow := func(path, v string) {
		if path != "awards[].hero" && path != "heroes[]" {
			allowed[v] = true
		}
	}
	var published, unpublished []*model.Hero
	for i := range res.Repo.Heroes {
		h := &res.Repo.Heroes[i]
		if Publication(h, sampleDay) != Published {
			unpublished = append(unpublished, h)
			continue
		}
		published = append(published, h)
		leaves("", proj.Project("hero", h.Src.Value(), "public"), allow)
	}
	type record struct {
		kind schema.Kind
		file string
		raw  any
	}
	var records []record
	for _, d := range res.Repo.Decisions {
		records = append(records, record{schema.Decision, d.Src.File, d.Src.Value()})
	}
	for _, n := range res.Repo.Nominations {
		records = append(records, record{schema.Nomination, n.Src.File, n.Src.Value()})
	}
	for _, m := range res.Repo.Fund {
		records = append(records, record{schema.Fund, m.Src.File, m.Src.Value()})
	}
	records = append(records, record{schema.Site, "records/site.yaml", res.Repo.Site.Src.Value()})
	for _, r := range records {
		leaves("", proj.Project(string(r.kind), r.raw, "public"), allow)
	}
	for _, c := range res.Repo.Honors {
		allowed[c.Name] = true
	}
	for _, j := range res.Repo.Jurisdictions {
		allowed[j.Name] = true
	}

	// What it may not: every other value of these records.
	secrets := map[string]string{} // value -> where
	secret := func(where, v string) {
		if allowed[v] || codeWord.MatchString(v) || len([]rune(v)) < 3 {
			return
		}
		if _, ok := secrets[v]; !ok {
			secrets[v] = where
		}
	}
	for _, r := range records {
		public := map[string]bool{}
		leaves("", proj.Project(string(r.kind), r.raw, "public"), func(path, v string) { public[path+"="+v] = true })
		leaves("", r.raw, func(path, v string) {
			if !public[path+"="+v] {
				secret(r.file+" "+path, v)
			}
		})
	}
	// The money, as the internal site and its workbooks write it.
	for _, m := range res.Repo.Fund {
		for _, v := range m.Vouchers {
			secret(m.Src.File+" "+v.ID+" amount", v.Amount.Zh())
		}
	}
	for _, d := range res.Repo.Decisions {
		for _, a := range d.Awards {
			if a.Reward > 0 {
				secret(d.Src.File+" reward", a.Reward.Zh())
			}
		}
	}
	// An internal enum reaches a reader as its Chinese title.
	for _, n := range res.Repo.Nominations {
		secret(n.Src.File+" outcome", res.Schemas.EnumTitle(schema.Nomination, []string{"outcome"}, n.Outcome))
	}
	for _, h := range unpublished {
		secret(h.Src.File+" withheld name", h.Name)
		secret(h.Src.File+" withheld id", h.ID)
	}
	for _, h := range published {
		if h.Public.Anonymize {
			secret(h.Src.File+" anonymized name", h.Name)
		}
	}
	// The test sees what it is about: the sample has each kind of secret.
	for _, want := range []string{"20,000.00元", "F-2020-0045", "未获评", "yancheng-jyyw/roll"} {
		if _, ok := secrets[want]; !ok {
			t.Fatalf("%q is not among the sample's secrets", want)
		}
	}

	for _, day := range []time.Time{sampleDay, time.Date(2020, 6, 22, 0, 0, 0, 0, time.UTC)} {
		files := buildSample(t, res, day)
		if !strings.Contains(files["notices.html"], `<article class="gongshi"`) {
			t.Fatalf("%s: no notice open: the scan misses the 公示", day.Format(time.DateOnly))
		}
		var found []string
		for name, body := range files {
			for v, where := range secrets {
				if strings.Contains(body, v) {
					found = append(found, fmt.Sprintf("%s: %q (%s)", name, v, where))
				}
			}
		}
		slices.SortFunc(found, func(a, b string) int { return cmp.Compare(a, b) })
		for _, f := range found {
			t.Errorf("%s: %s", day.Format(time.DateOnly), f)
		}
		t.Logf("%s: %d files scanned for %d values", day.Format(time.DateOnly), len(files), len(secrets))
	}
}

// codeWord is an enum's code (expense, not_awarded): a word of the
// schema, not of the records, which also names CSS classes and fields; what
// a reader sees of it is its Chinese title, tested instead.
var codeWord = regexp.MustCompile(`^[a-z_]+$`)

// leaves calls f with the path ("awards[].reward") and the text of every
// scalar of v.
func leaves(at string, v any, f func(path, v string)) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			p := k
			if at != "" {
				p = at + "." + k
			}
			leaves(p, x, f)
		}
	case []any:
		for _, x := range v {
			leaves(at+"[]", x, f)
		}
	case nil:
	default:
		f(at, fmt.Sprint(v))
	}
}

// TestSampleDataSaid: with site.yaml's sample: true, as the repository's
// own records have it, every page of the public site says at its top that
// the records are invented; with it false, none does.
func TestSampleDataSaid(t *testing.T) {
	res := checkSample(t)
	if !res.Repo.Site.Sample {
		t.Fatal("records/site.yaml does not say sample: true, but its records are invented")
	}
	const banner = `<aside class="sample-data" aria-label="示例数据说明"><p><strong>示例数据</strong>`
	for _, sample := range []bool{true, false} {
		res.Repo.Site.Sample = sample
		pages := 0
		for p, body := range buildSample(t, res, sampleDay) {
			if !strings.HasSuffix(p, ".html") {
				continue
			}
			pages++
			if got := strings.Contains(body, banner); got != sample {
				t.Errorf("sample: %v: %s says it is sample data: %v", sample, p, got)
			}
		}
		if pages == 0 {
			t.Fatal("the sample built no page")
		}
	}
}
