package schema

import (
	"encoding/json"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/l10n"

	"github.com/yancheng-jyyw/roll/schemas"
)

// wantVisibility is the visibility of every property of a kind; "" for hero,
// whose properties differ (DESIGN §4) and are tested in TestVisibility, and
// for site, whose settings are public but for cms, the form's repository
// (internal, as the form is).
var wantVisibility = map[Kind]string{
	Task: Internal, Plan: Internal, Visit: Internal, Station: Internal, Report: Internal, Fund: Internal,
	Jurisdictions: Public, Honors: Public,
}

// TestSchemaFiles walks the JSON of every schema: editors show each
// property's title and description, and the sites rely on x-visibility.
func TestSchemaFiles(t *testing.T) {
	names, err := fs.Glob(schemas.FS, "*.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != len(Kinds()) {
		t.Errorf("schemas holds %q, want one file per kind of %q", names, Kinds())
	}
	for _, k := range Kinds() {
		data, err := fs.ReadFile(schemas.FS, k.File())
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		var doc map[string]any
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Errorf("%s: %v", k.File(), err)
			continue
		}
		if got := doc["$schema"]; got != "https://json-schema.org/draft/2020-12/schema" {
			t.Errorf("%s: $schema = %v, want draft 2020-12", k.File(), got)
		}
		if got, want := doc["$id"], "https://roll.yancheng-jyyw.example/schemas/"+k.File(); got != want {
			t.Errorf("%s: $id = %v, want %q", k.File(), got, want)
		}
		checkSchema(t, k, k.File(), doc)
	}
}

func checkSchema(t *testing.T, k Kind, at string, sch map[string]any) {
	t.Helper()
	for _, key := range []string{"title", "description"} {
		if s, _ := sch[key].(string); !strings.ContainsFunc(s, isHan) {
			t.Errorf("%s: %s = %q, want Chinese", at, key, s)
		}
	}
	if sch["type"] == "object" {
		_, isMap := sch["propertyNames"]
		if ap := sch["additionalProperties"]; !isMap && ap != false {
			t.Errorf("%s: additionalProperties = %v, want false", at, ap)
		}
	}
	if props, ok := sch["properties"].(map[string]any); ok {
		for name, p := range props {
			p := p.(map[string]any)
			vis, _ := p["x-visibility"].(string)
			switch want := wantVisibility[k]; {
			case want == "" && vis != Public && vis != Internal && vis != Private:
				t.Errorf("%s/%s: x-visibility = %q, want public, internal or private", at, name, vis)
			case want != "" && vis != want:
				t.Errorf("%s/%s: x-visibility = %q, want %q", at, name, vis, want)
			}
			checkSchema(t, k, at+"/"+name, p)
		}
	}
	if items, ok := sch["items"].(map[string]any); ok {
		checkSchema(t, k, at+"/items", items)
	}
	checkEnum(t, at, sch)
	if ap, ok := sch["additionalProperties"].(map[string]any); ok {
		if vis, _ := ap["x-visibility"].(string); vis != wantVisibility[k] {
			t.Errorf("%s/additionalProperties: x-visibility = %q, want %q", at, vis, wantVisibility[k])
		}
		checkSchema(t, k, at+"/additionalProperties", ap)
	}
}

// checkEnum checks the vocabulary of an enum: "x-enum-titles" gives a
// Chinese title to each value of "enum" and to nothing else, no two values
// share a title, and where the description lists the values ("rescue
// 抢险救人，…") it uses the same words.
func checkEnum(t *testing.T, at string, sch map[string]any) {
	t.Helper()
	values, isEnum := sch["enum"].([]any)
	titles, hasTitles := sch["x-enum-titles"].(map[string]any)
	switch {
	case !isEnum && !hasTitles:
		return
	case !hasTitles:
		t.Errorf("%s: an enum without x-enum-titles", at)
		return
	case !isEnum:
		t.Errorf("%s: x-enum-titles without an enum", at)
		return
	}
	desc, _ := sch["description"].(string)
	seen := map[string]string{}
	for _, v := range values {
		v := v.(string)
		title, _ := titles[v].(string)
		if !strings.ContainsFunc(title, isHan) {
			t.Errorf("%s: x-enum-titles[%q] = %q, want a Chinese title", at, v, title)
			continue
		}
		if other, dup := seen[title]; dup {
			t.Errorf("%s: %q and %q share the title %q", at, other, v, title)
		}
		seen[title] = v
		for i := 0; ; {
			j := strings.Index(desc[i:], v+" ")
			if j < 0 {
				break
			}
			j += i
			if before := desc[:j]; before == "" || !isWordByte(before[len(before)-1]) {
				if rest := desc[j+len(v)+1:]; !strings.HasPrefix(rest, title) {
					t.Errorf("%s: the description says %q for %s, want its title %q", at, firstWords(rest), v, title)
				}
			}
			i = j + len(v)
		}
	}
	if len(titles) != len(values) {
		t.Errorf("%s: x-enum-titles has %d entries for %d values", at, len(titles), len(values))
	}
}

func isWordByte(b byte) bool { return b == '_' || 'a' <= b && b <= 'z' || '0' <= b && b <= '9' }

// firstWords is the beginning of s, up to its first punctuation.
func firstWords(s string) string {
	if i := strings.IndexAny(s, "，。；："); i >= 0 {
		return s[:i]
	}
	return s
}

// TestEnum reads the vocabulary through the Set.
func TestEnum(t *testing.T) {
	s := set(t)
	got := s.Enum(Hero, "outcome")
	want := []EnumValue{{"unharmed", "未受伤"}, {"injured", "受伤"}, {"disabled", "致残"}, {"deceased", "牺牲"}, {"missing", "失踪"}}
	if !slices.Equal(got, want) {
		t.Errorf("Enum(hero, outcome) = %v, want %v", got, want)
	}
	tests := []struct {
		kind  Kind
		path  []string
		value string
		want  string
	}{
		{Hero, []string{"deed", "kind"}, "rescue", "抢险救人"},
		{Hero, []string{"status"}, "withdrawn", "已撤回"},
		{Visit, []string{"beneficiaries", "0", "needs"}, "pension", "抚恤"},
		{Visit, []string{"beneficiaries", "needs"}, "housing", "住房"},
		{Report, []string{"tasks", "status"}, "in_progress", "推进中"},
		{Fund, []string{"0", "category"}, "grant", "财政拨款"},
		{Hero, []string{"status"}, "lost", "lost"}, // no title: the value
		{Hero, []string{"name"}, "张三", "张三"},       // no enum
	}
	for _, tt := range tests {
		if got := s.EnumTitle(tt.kind, tt.path, tt.value); got != tt.want {
			t.Errorf("EnumTitle(%s, %q, %q) = %q, want %q", tt.kind, tt.path, tt.value, got, tt.want)
		}
	}
	if got := s.Enum(Hero, "name"); got != nil {
		t.Errorf("Enum(hero, name) = %v, want nil", got)
	}
	w := s.Word(Team, []string{"kind"}, "informants")
	if zh, en := w.Localize(l10n.Printer(l10n.Chinese)), w.Localize(l10n.Printer(l10n.English)); zh != "治安信息员网络" || en != "informants" {
		t.Errorf("Word(team, kind, informants) = %q in Chinese, %q in English; want 治安信息员网络, informants", zh, en)
	}
}

// TestModelFields keeps the schemas' property names in step with the yaml
// tags of package model.
func TestModelFields(t *testing.T) {
	s := set(t)
	tests := []struct {
		kind  Kind
		paths []string
	}{
		{Hero, []string{"id", "name", "gender", "birth_year", "jurisdiction", "status",
			"deed/date", "deed/place", "deed/kind", "deed/summary", "deed/case", "outcome",
			"disability_grade", "martyr/date", "martyr/doc", "confirmed/date", "confirmed/by",
			"confirmed/doc", "honors/honor", "honors/year", "honors/posthumous", "honors/note",
			"hardship", "insurance", "public/consent", "public/anonymize", "public/guardian_consent",
			"private/id_number", "private/phone", "private/address", "private/next_of_kin"}},
		{Plan, []string{"year", "doc", "title", "issued", "sections/number", "sections/title"}},
		{Task, []string{"id", "number", "section", "title", "text", "lead", "due", "status",
			"scope", "progress", "target/label", "target/value", "target/actual",
			"updates/date", "updates/by", "updates/status", "updates/note"}},
		{Visit, []string{"id", "date", "occasion", "jurisdiction", "visitors",
			"beneficiaries/hero", "beneficiaries/amount", "beneficiaries/items", "note", "status"}},
		{Station, []string{"id", "jurisdiction", "name", "demonstration", "since",
			"assessments/year", "assessments/score", "status"}},
		{Plan, []string{"reporting/period", "reporting/due_days", "closed", "budget/award", "budget/condolence",
			"budget/insurance", "budget/education_aid", "budget/recuperation", "budget/publicity", "budget/training",
			"budget/operations", "budget/other"}},
		{Task, []string{"carried_to"}},
		{Hero, []string{"honors/decision"}},
		{Visit, []string{"beneficiaries/needs", "beneficiaries/referral/to", "beneficiaries/referral/date",
			"beneficiaries/referral/status", "beneficiaries/referral/note"}},
		{Report, []string{"id", "jurisdiction", "period", "submitted", "by", "tasks/task", "tasks/status", "tasks/note", "note", "status"}},
		{Event, []string{"id", "date", "kind", "title", "jurisdiction", "tasks", "place", "participants", "public", "note", "status"}},
		{Team, []string{"id", "jurisdiction", "kind", "name", "members", "since", "agreement/date", "agreement/doc",
			"contact/name", "contact/phone", "status", "note"}},
		{Decision, []string{"id", "doc", "date", "issuer", "title", "awards/hero", "awards/honor", "awards/posthumous",
			"awards/reward", "note", "status"}},
		{Nomination, []string{"id", "honor", "heroes", "submitted", "notice/from", "notice/to", "outcome", "decision", "note", "status"}},
		{Fund, []string{"id", "date", "kind", "category", "amount", "ref", "hero", "jurisdiction", "note", "status"}},
		{Site, []string{"title", "organization", "description", "base_url", "language", "year"}},
		{Jurisdictions, []string{"id", "name", "kind"}},
		{Honors, []string{"id", "name", "level", "issuer"}},
	}
	for _, tt := range tests {
		for _, p := range tt.paths {
			if s.Title(tt.kind, strings.Split(p, "/")...) == "" {
				t.Errorf("Title(%s, %q) = \"\", want the property in the schema", tt.kind, p)
			}
		}
	}
}
