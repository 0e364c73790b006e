package gazette

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/yancheng-jyyw/roll/internal/model"
)

// publicKeys is the public projection of the schemas, written out: the
// top-level keys of each kind, and the keys of a decision's awards.
var publicKeys = map[string][]string{
	"decision":   {"id", "doc", "date", "issuer", "title", "awards"},
	"award":      {"hero", "honor", "posthumous"},
	"nomination": {"id", "honor", "heroes", "notice"},
	"site":       {"contact", "objection"},
}

type keysProjector struct{}

func (keysProjector) Project(kind string, v any, max string) any {
	if max != "public" {
		panic("the public site asks for public fields only")
	}
	keep := func(kind string, v any) map[string]any {
		out := map[string]any{}
		for k, x := range v.(map[string]any) {
			if slices.Contains(publicKeys[kind], k) {
				out[k] = x
			}
		}
		return out
	}
	out := keep(kind, v)
	if awards, ok := out["awards"].([]any); ok {
		var kept []any
		for _, a := range awards {
			kept = append(kept, keep("award", a))
		}
		out["awards"] = kept
	}
	return out
}

// fakeRoll publishes 张三 (H-1) by name, 李四 (H-2) as 李某某, and not
// 王五 (H-3).
type fakeRoll struct{}

func (fakeRoll) Published(id string) (Person, bool) {
	switch id {
	case "H-1":
		return Person{ID: id, Name: "张三", Path: "heroes/H-1.html"}, true
	case "H-2":
		return Person{ID: id, Name: "李某某", Path: "heroes/H-2.html"}, true
	}
	return Person{}, false
}

func (fakeRoll) Redact(s string) string {
	return strings.NewReplacer("王五", "王某某", "李四", "李某某").Replace(s)
}

func award(hero, honor string, posthumous bool) map[string]any {
	return map[string]any{"hero": hero, "honor": honor, "posthumous": posthumous, "reward": "20000.00"}
}

func decision(id, date, title, status string, awards ...any) model.Decision {
	raw := map[string]any{"id": id, "doc": "盐政发〔2020〕" + id, "date": date, "issuer": "盐城市人民政府", "title": title,
		"awards": awards, "note": "内部备注" + id}
	if status != "" {
		raw["status"] = status
	}
	return model.Decision{ID: id, Date: model.Date(date), Status: status, Src: model.Source{File: "records/decisions/" + id + ".yaml", Raw: raw}}
}

func nomination(id, from, to, status string, heroes ...any) model.Nomination {
	raw := map[string]any{"id": id, "honor": "province-model", "heroes": heroes,
		"notice": map[string]any{"from": from, "to": to}, "outcome": "pending", "submitted": "2020-07-01", "note": "内部备注" + id}
	n := model.Nomination{ID: id, Status: status, Src: model.Source{File: "records/nominations/" + id + ".yaml", Raw: raw}}
	if status != "" {
		raw["status"] = status
	}
	return n
}

func input(today string) Input {
	day, _ := time.Parse(time.DateOnly, today)
	return Input{
		Decisions: []model.Decision{
			decision("D-1", "2020-04-15", "关于表彰张三的决定", "", award("H-1", "city-good", false)),
			decision("D-2", "2020-10-28", "关于表彰李四、王五等同志的决定", "",
				award("H-2", "city-model", true), award("H-3", "city-model", false), award("H-1", "city-model", false), award("H-3", "city-good", false)),
			decision("D-3", "2020-12-01", "撤回的决定", "withdrawn", award("H-1", "city-good", false)),
		},
		Nominations: []model.Nomination{
			nomination("N-1", "2021-01-18", "2021-01-24", "", "H-1", "H-3"),
			nomination("N-2", "2020-06-20", "2020-06-26", "", "H-2"),
			nomination("N-3", "2021-01-10", "2021-01-30", "withdrawn", "H-1"),
			nomination("N-4", "2021-01-20", "2021-01-20", "", "H-3"),
		},
		Site: map[string]any{"contact": "mailto:a@example", "objection": map[string]any{"office": "基金会办公室", "phone": "0515-88880000"},
			"cms": map[string]any{"repo": "secret/repo"}},
		Honor: func(id string) Link {
			return Link{ID: id, Name: map[string]string{"city-good": "好市民", "city-model": "模范", "province-model": "省模范"}[id]}
		},
		Proj:  keysProjector{},
		Roll:  fakeRoll{},
		Today: day,
	}
}

func TestDecisions(t *testing.T) {
	g, err := New(input("2021-01-20"))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range g.Decisions {
		ids = append(ids, d.ID)
	}
	if !slices.Equal(ids, []string{"D-2", "D-1"}) {
		t.Fatalf("decisions %q, want the newest first and no withdrawn one", ids)
	}
	d := g.Decisions[0]
	if d.Title != "关于表彰李某某、王某某等同志的决定" || d.Awards != 4 || d.Named != 2 || d.Withheld != 2 || d.Path != "decisions/D-2.html" {
		t.Errorf("D-2: %q, %d awards, %d named, %d withheld, at %s", d.Title, d.Awards, d.Named, d.Withheld, d.Path)
	}
	if len(d.Groups) != 2 || d.Groups[0].Honor.Name != "模范" || len(d.Groups[0].Heroes) != 2 || d.Groups[0].Withheld != 1 ||
		!d.Groups[0].Heroes[0].Posthumous || d.Groups[0].Heroes[0].Name != "李某某" ||
		d.Groups[1].Honor.Name != "好市民" || len(d.Groups[1].Heroes) != 0 || d.Groups[1].Withheld != 1 {
		t.Errorf("D-2's groups: %+v", d.Groups)
	}
	if got := g.Honored("H-1"); len(got) != 2 || got[0].ID != "D-2" || got[1].ID != "D-1" || got[0].Name != "盐政发〔2020〕D-2" {
		t.Errorf("Honored(H-1) = %+v", got)
	}
	if l, ok := g.Award("H-1", "city-good", 2020); !ok || l.ID != "D-1" {
		t.Errorf("Award(H-1, city-good, 2020) = %+v, %v", l, ok)
	}
	if _, ok := g.Award("H-3", "city-good", 2020); ok {
		t.Error("a withheld hero's award links to its decision")
	}
	if _, ok := g.Award("H-1", "city-good", 2021); ok {
		t.Error("an award of another year links to the decision")
	}
}

func TestNotices(t *testing.T) {
	for _, tc := range []struct {
		today string
		want  []string
	}{
		{"2021-01-20", []string{"N-4", "N-1"}}, // the window closing first first
		{"2021-01-18", []string{"N-1"}},
		{"2021-01-24", []string{"N-1"}},
		{"2020-06-20", []string{"N-2"}},
		{"2021-01-25", nil}, // N-3 is in its window, and withdrawn
		{"2020-06-19", nil},
	} {
		g, err := New(input(tc.today))
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, n := range g.Notices.Open {
			ids = append(ids, n.ID)
		}
		if !slices.Equal(ids, tc.want) {
			t.Errorf("%s: notices %q, want %q", tc.today, ids, tc.want)
		}
		if (g.Notices.Objection != nil) != (tc.want != nil) {
			t.Errorf("%s: objection %+v with %d notices", tc.today, g.Notices.Objection, len(ids))
		}
	}
	g, _ := New(input("2021-01-20"))
	n := g.Notices.Open[1]
	if n.Honor.Name != "省模范" || len(n.Heroes) != 1 || n.Heroes[0].Name != "张三" || n.Withheld != 1 || n.From != "2021-01-18" || n.To != "2021-01-24" {
		t.Errorf("N-1: %+v", n)
	}
	if o := g.Notices.Objection; o.Office != "基金会办公室" || o.Tel() != "tel:0515-88880000" || g.Notices.Contact != "mailto:a@example" {
		t.Errorf("objection %+v, contact %q", o, g.Notices.Contact)
	}
	for phone, want := range map[string]string{"0515-88880000": "tel:0515-88880000", "+86-515-88880000": "tel:+86-515-88880000",
		"javascript:alert(1)": "", "0515 8888": "", "": ""} {
		if got := (&Objection{Phone: phone}).Tel(); string(got) != want {
			t.Errorf("Tel(%q) = %q, want %q", phone, got, want)
		}
	}
}

// TestPagesHoldNothingInternal: what the pages are rendered from holds no
// value the projection leaves out, and no hero off the roll.
func TestPagesHoldNothingInternal(t *testing.T) {
	day := time.Date(2021, 1, 20, 0, 0, 0, 0, time.UTC)
	g, err := New(input("2021-01-20"))
	if err != nil {
		t.Fatal(err)
	}
	pages, err := g.Pages(day)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, p := range pages {
		paths = append(paths, p.Path)
		f, err := p.Frame()
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{"20000", "内部备注", "pending", "2020-07-01", "secret/repo", "H-3", "王五", "李四"} {
			if strings.Contains(string(b), s) {
				t.Errorf("%s holds %q", p.Path, s)
			}
		}
	}
	if want := []string{"decisions/D-2.html", "decisions/D-1.html", "decisions/index.html", "notices.html"}; !slices.Equal(paths, want) {
		t.Errorf("pages %q, want %q", paths, want)
	}
	// The 公示 is rendered again when the build date changes which notices
	// are open, and the decisions are not.
	other, _ := New(input("2021-01-25"))
	later, err := other.Pages(day.AddDate(0, 0, 5))
	if err != nil {
		t.Fatal(err)
	}
	for i := range pages {
		same := pages[i].Inputs == later[i].Inputs
		if want := pages[i].Path != "notices.html"; same != want {
			t.Errorf("%s: same key after five days: %v, want %v", pages[i].Path, same, want)
		}
	}
}
