package scaffold

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/schema"
)

var update = flag.Bool("update", false, "rewrite docs/templates/ and the field tables of docs/录入指南.md")

// The documentation these tests keep in step with the code and the schemas.
var (
	docsDir   = filepath.Join("..", "..", "docs")
	guideFile = filepath.Join(docsDir, "录入指南.md")
)

// kinds are the record kinds the guide and docs/templates/ cover, with the
// name of each template file.
var kinds = []struct {
	kind schema.Kind
	file string
}{
	{schema.Hero, "hero.md"},
	{schema.Visit, "visit.yaml"},
	{schema.Task, "task.yaml"},
	{schema.Report, "report.yaml"},
	{schema.Event, "event.yaml"},
	{schema.Team, "team.yaml"},
	{schema.Decision, "decision.yaml"},
	{schema.Nomination, "nomination.yaml"},
	{schema.Fund, "fund.yaml"},
}

// TestKindsDocumented keeps the kinds of this test the kinds roll new
// starts.
func TestKindsDocumented(t *testing.T) {
	var got []schema.Kind
	for _, k := range kinds {
		got = append(got, k.kind)
	}
	if !slices.Equal(got, Kinds) {
		t.Errorf("the documented kinds are %v, want those of roll new, %v", got, Kinds)
	}
}

// catalogs reads the repository's jurisdictions and honors.
func catalogs(t *testing.T) ([]model.Jurisdiction, []model.Honor) {
	t.Helper()
	repo := os.DirFS(filepath.Join("..", ".."))
	js, err := Jurisdictions(repo)
	if err != nil {
		t.Fatal(err)
	}
	hs, err := Honors(repo)
	if err != nil {
		t.Fatal(err)
	}
	return js, hs
}

// TestDocsTemplates keeps docs/templates/, which staff copy in GitHub's web
// editor, the same as what `roll new` writes, ids left blank.
func TestDocsTemplates(t *testing.T) {
	js, hs := catalogs(t)
	for _, k := range kinds {
		want, err := Blank(k.kind, js, hs)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, filepath.Join(docsDir, "templates", k.file), want)
	}
}

// TestTemplatesHaveEveryField checks that each property of a kind's schema
// appears in its template, as a key or in a commented example.
func TestTemplatesHaveEveryField(t *testing.T) {
	js, hs := catalogs(t)
	for _, k := range kinds {
		data, err := Blank(k.kind, js, hs)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fields(t, k.kind) {
			if f.key == "" || f.deprecated {
				continue // an array item or a map entry: no key of its own; a retired field
			}
			key := regexp.MustCompile(`(?m)^[#\s-]*` + regexp.QuoteMeta(f.key) + `:`)
			if !key.Match(data) {
				t.Errorf("the %s template lacks the field %s (%s)", k.kind, f.path, f.title)
			}
		}
	}
}

// TestGuideFieldTables keeps the field tables of docs/录入指南.md the same as
// the schemas' titles, descriptions, requirements and visibility.
func TestGuideFieldTables(t *testing.T) {
	guide, err := os.ReadFile(guideFile)
	if err != nil {
		t.Fatal(err)
	}
	out := guide
	// Every kind that roll new starts, and the plan, whose reporting and
	// budget the city's staff write.
	tables := []schema.Kind{schema.Plan}
	for _, k := range kinds {
		tables = append(tables, k.kind)
	}
	for _, kind := range tables {
		k := struct{ kind schema.Kind }{kind}
		begin := fmt.Sprintf("<!-- 字段表 %s 开始：由 go test ./internal/scaffold -update 根据 schemas/%s 生成，请勿手改 -->\n", k.kind, k.kind.File())
		end := fmt.Sprintf("<!-- 字段表 %s 结束 -->", k.kind)
		i := bytes.Index(out, []byte(begin))
		j := bytes.Index(out, []byte(end))
		if i < 0 || j < i {
			t.Errorf("%s: no field table of %s between the lines\n%s%s", guideFile, k.kind, begin, end)
			continue
		}
		table := fieldTable(t, k.kind, fields(t, k.kind))
		out = append(out[:i+len(begin):i+len(begin)], append([]byte(table), out[j:]...)...)
	}
	if bytes.Equal(out, guide) {
		return
	}
	if *update {
		if err := os.WriteFile(guideFile, out, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("the field tables of %s differ from the schemas (run go test ./internal/scaffold -update if the schemas are right)", guideFile)
}

// golden compares got with the file at path, or rewrites it with -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/scaffold -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from what roll new writes (run go test ./internal/scaffold -update if the template is right)\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

// field is one property of a schema, for the guide.
type field struct {
	path        string   // deed.date, honors[].honor, progress.<辖区代码>
	segs        []string // the path for schema.Set.Visibility
	key         string   // the property's own name, "" for items and map entries
	title, desc string
	required    string // 必填, 填写上级时必填 or 可选
	deprecated  bool   // retired: kept in the schema so that the check can say so
}

// fields lists the properties of a kind's schema in the order the schema
// gives them, depth first.
func fields(t *testing.T, k schema.Kind) []field {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "schemas", k.File()))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := decodeOrdered(json.NewDecoder(bytes.NewReader(data)))
	if err != nil {
		t.Fatalf("%s: %v", k.File(), err)
	}
	var list []field
	// walk lists the properties of s; chain tells whether s and all that
	// contain it are required.
	var walk func(s *object, prefix string, segs []string, chain bool)
	add := func(sub *object, path, key string, segs []string, req, chain bool) {
		f := field{path: path, segs: segs, key: key, required: "可选"}
		f.title, _ = sub.get("title").(string)
		f.desc, _ = sub.get("description").(string)
		f.deprecated, _ = sub.get("deprecated").(bool)
		switch {
		case req && chain:
			f.required = "必填"
		case req:
			f.required = "填写上级时必填"
		}
		list = append(list, f)
		walk(sub, path, segs, req && chain)
	}
	walk = func(s *object, prefix string, segs []string, chain bool) {
		required := map[string]bool{}
		if r, ok := s.get("required").([]any); ok {
			for _, name := range r {
				required[name.(string)] = true
			}
		}
		if props, ok := s.get("properties").(*object); ok {
			for _, name := range props.keys {
				path := name
				if prefix != "" {
					path = prefix + "." + name
				}
				add(props.get(name).(*object), path, name, append(segs[:len(segs):len(segs)], name), required[name], chain)
			}
		}
		if items, ok := s.get("items").(*object); ok {
			if _, hasProps := items.get("properties").(*object); hasProps {
				if prefix != "" {
					prefix += "[]" // a list as a whole file (the ledger) has no name
				}
				walk(items, prefix, segs, chain)
			} else {
				// A list of plain values: a row for its items, required
				// as the list is.
				add(items, prefix+"[]", "", segs, true, chain)
			}
		}
		if extra, ok := s.get("additionalProperties").(*object); ok {
			name := "<键>"
			if pn, ok := s.get("propertyNames").(*object); ok {
				if title, ok := pn.get("title").(string); ok {
					name = "<" + title + ">"
				}
			}
			add(extra, prefix+"."+name, "", append(segs[:len(segs):len(segs)], "x"), false, chain)
		}
	}
	walk(doc.(*object), "", nil, true)
	return list
}

// visibility names the audiences of DESIGN §4 as the guide does.
var visibility = map[string]string{
	schema.Public:   "公开",
	schema.Internal: "内部",
	schema.Private:  "保密",
}

// fieldTable renders the fields of kind k as a Markdown table.
func fieldTable(t *testing.T, k schema.Kind, fs []field) string {
	t.Helper()
	set, err := schema.Compile(os.DirFS(filepath.Join("..", "..", "schemas")))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("| 字段 | 名称 | 必填 | 谁能看到 | 说明 |\n|---|---|---|---|---|\n")
	cell := strings.NewReplacer("|", "\\|", "\n", " ").Replace
	for _, f := range fs {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", f.path, cell(f.title), f.required,
			visibility[set.Visibility(k, f.segs...)], cell(f.desc))
	}
	return b.String()
}

// object is a JSON object that keeps the order of its keys.
type object struct {
	keys   []string
	values map[string]any
}

func (o *object) get(key string) any { return o.values[key] }

// decodeOrdered decodes one JSON value; objects become *object.
func decodeOrdered(d *json.Decoder) (any, error) {
	tok, err := d.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('{'):
		o := &object{values: map[string]any{}}
		for d.More() {
			k, err := d.Token()
			if err != nil {
				return nil, err
			}
			v, err := decodeOrdered(d)
			if err != nil {
				return nil, err
			}
			o.keys = append(o.keys, k.(string))
			o.values[k.(string)] = v
		}
		_, err := d.Token()
		return o, err
	case json.Delim('['):
		var a []any
		for d.More() {
			v, err := decodeOrdered(d)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
		_, err := d.Token()
		return a, err
	}
	return tok, nil
}
