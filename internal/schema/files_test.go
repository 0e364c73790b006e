package schema

import (
	"encoding/json"
	"io/fs"
	"strings"
	"testing"

	"github.com/yancheng-jyyw/roll/schemas"
)

// wantVisibility is the visibility of every property of a kind; "" for hero,
// whose properties differ (DESIGN §4) and are tested in TestVisibility.
var wantVisibility = map[Kind]string{
	Task: Internal, Plan: Internal, Visit: Internal, Station: Internal,
	Site: Public, Jurisdictions: Public, Honors: Public,
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
	if ap, ok := sch["additionalProperties"].(map[string]any); ok {
		if vis, _ := ap["x-visibility"].(string); vis != wantVisibility[k] {
			t.Errorf("%s/additionalProperties: x-visibility = %q, want %q", at, vis, wantVisibility[k])
		}
		checkSchema(t, k, at+"/additionalProperties", ap)
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
