package schema

import (
	"encoding/json"
	"io/fs"
	"reflect"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

func TestVisibility(t *testing.T) {
	tests := []struct {
		kind Kind
		path []string
		want string
	}{
		{Hero, []string{"id"}, Public},
		{Hero, []string{"name"}, Public},
		{Hero, []string{"gender"}, Internal},
		{Hero, []string{"deed"}, Public},
		{Hero, []string{"deed", "summary"}, Public},
		{Hero, []string{"deed", "case"}, Public}, // a group deed's page links its heroes
		{Hero, []string{"honors", "0", "posthumous"}, Public},
		{Hero, []string{"honors", "posthumous"}, Public}, // index left out
		{Hero, []string{"insurance", "1"}, Internal},
		{Hero, []string{"public", "consent"}, Internal},
		{Hero, []string{"disability_grade"}, Private},
		{Hero, []string{"private"}, Private},
		{Hero, []string{"private", "id_number"}, Private},
		{Hero, []string{"nickname"}, Private},          // not in the schema
		{Hero, []string{"deed", "date", "x"}, Private}, // below a leaf
		{Hero, nil, Private},
		{Task, []string{"progress", "sheyang"}, Internal},
		{Visit, []string{"beneficiaries", "0", "amount"}, Internal},
		{Station, []string{"name"}, Internal},
		{Site, []string{"base_url"}, Public},
		{Site, []string{"cms", "repo"}, Internal},
		{Honors, []string{"0", "name"}, Public},
		{Jurisdictions, []string{"kind"}, Public},
	}
	s := set(t)
	for _, tt := range tests {
		if got := s.Visibility(tt.kind, tt.path...); got != tt.want {
			t.Errorf("Visibility(%s, %q) = %q, want %q", tt.kind, tt.path, got, tt.want)
		}
	}
}

func TestTitle(t *testing.T) {
	tests := []struct {
		kind Kind
		path []string
		want string
	}{
		{Hero, []string{"deed", "date"}, "事迹日期"},
		{Hero, []string{"honors", "0"}, "荣誉"},
		{Hero, []string{"honors", "0", "honor"}, "荣誉称号"},
		{Hero, []string{"honors", "honor"}, "荣誉称号"},
		{Hero, []string{"private", "id_number"}, "身份证号码"},
		{Hero, []string{"nickname"}, ""},
		{Task, []string{"progress", "dafeng"}, "辖区进展状态"},
		{Jurisdictions, []string{"1", "kind"}, "辖区类别"},
		{Site, nil, "网站设置"},
	}
	s := set(t)
	for _, tt := range tests {
		if got := s.Title(tt.kind, tt.path...); got != tt.want {
			t.Errorf("Title(%s, %q) = %q, want %q", tt.kind, tt.path, got, tt.want)
		}
	}
}

func TestProject(t *testing.T) {
	s := set(t)
	hero := decode(t, validHero)
	before, _ := json.Marshal(hero)

	public := decode(t, `{
	  "id": "H-2020-0001", "name": "张三", "jurisdiction": "sheyang",
	  "deed": {"date": "2020-03-14", "place": "射阳县合德镇黄沙港", "kind": "rescue",
	           "summary": "跳入河中救起落水儿童", "case": "C-2020-0001"},
	  "outcome": "disabled",
	  "martyr": {"date": "2020-06-01", "doc": "苏民〔2020〕1号"},
	  "honors": [{"honor": "city-model", "year": 2020, "posthumous": false, "decision": "D-2020-01", "note": "第八次表彰大会"}]
	}`)
	if got := s.Project(Hero, hero, Public); !reflect.DeepEqual(got, public) {
		t.Errorf("Project(hero, public) =\n\t%v\nwant\n\t%v", got, public)
	}

	internal := decode(t, validHero).(map[string]any)
	delete(internal, "private")
	delete(internal, "disability_grade")
	if got := s.Project(Hero, hero, Internal); !reflect.DeepEqual(got, any(internal)) {
		t.Errorf("Project(hero, internal) =\n\t%v\nwant\n\t%v", got, internal)
	}
	if got := s.Project(Hero, hero, Private); !reflect.DeepEqual(got, hero) {
		t.Errorf("Project(hero, private) =\n\t%v\nwant the whole hero\n\t%v", got, hero)
	}
	if got := s.Project(Hero, hero, "everyone"); !reflect.DeepEqual(got, public) {
		t.Errorf("Project(hero, %q) = %v, want the public projection", "everyone", got)
	}
	if got := s.Project(Task, decode(t, validRecords[Task]), Public); !reflect.DeepEqual(got, map[string]any{}) {
		t.Errorf("Project(task, public) = %v, want nothing", got)
	}
	if got := s.Project(Honors, decode(t, validRecords[Honors]), Public); !reflect.DeepEqual(got, decode(t, validRecords[Honors])) {
		t.Errorf("Project(honors, public) = %v, want the whole catalog", got)
	}

	// The projection is a copy: changing it leaves the record alone.
	p := s.Project(Hero, hero, Public).(map[string]any)
	p["deed"].(map[string]any)["place"] = "改动"
	p["honors"].([]any)[0].(map[string]any)["note"] = "改动"
	if after, _ := json.Marshal(hero); string(after) != string(before) {
		t.Errorf("Project changed its input:\n\t%s\nnow\n\t%s", before, after)
	}
}

// tinyFS holds minimal schemas for every kind; hero has one annotated
// property, one without x-visibility and a nested object mixing both.
func tinyFS() fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, k := range Kinds() {
		fsys[k.File()] = &fstest.MapFile{Data: []byte(`{"$schema": "https://json-schema.org/draft/2020-12/schema"}`)}
	}
	fsys[Hero.File()] = &fstest.MapFile{Data: []byte(`{
	  "$schema": "https://json-schema.org/draft/2020-12/schema",
	  "type": "object",
	  "properties": {
	    "name": {"title": "姓名", "x-visibility": "public", "type": "string"},
	    "added": {"title": "新字段", "type": "string"},
	    "deed": {"x-visibility": "public", "type": "object", "properties": {
	      "place": {"x-visibility": "public"},
	      "note": {"title": "备注"},
	      "case": {"x-visibility": "internal"}
	    }},
	    "status": {"x-visibility": "secret"}
	  }
	}`)}
	return fsys
}

func TestProjectUnannotated(t *testing.T) {
	s, err := Compile(tinyFS())
	if err != nil {
		t.Fatalf("Compile(tiny) = %v", err)
	}
	hero := decode(t, `{"name": "张三", "added": "新值", "status": "x", "unknown": 1,
		"deed": {"place": "盐城", "note": "备注", "case": "C-2020-0001"}}`)
	tests := []struct {
		max  string
		want string
	}{
		{Public, `{"name": "张三", "deed": {"place": "盐城"}}`},
		{Internal, `{"name": "张三", "deed": {"place": "盐城", "case": "C-2020-0001"}}`},
		// Unannotated is private: only the property the schema lacks goes.
		{Private, `{"name": "张三", "added": "新值", "status": "x",
			"deed": {"place": "盐城", "note": "备注", "case": "C-2020-0001"}}`},
	}
	for _, tt := range tests {
		if got, want := s.Project(Hero, hero, tt.max), decode(t, tt.want); !reflect.DeepEqual(got, want) {
			t.Errorf("Project(tiny hero, %q) = %v, want %v", tt.max, got, want)
		}
	}
	for _, path := range [][]string{{"added"}, {"status"}, {"deed", "note"}, {"unknown"}} {
		if got := s.Visibility(Hero, path...); got != Private {
			t.Errorf("Visibility(tiny hero, %q) = %q, want %q", path, got, Private)
		}
	}
}

func TestCompileErrors(t *testing.T) {
	missing := tinyFS()
	delete(missing, Station.File())
	broken := tinyFS()
	broken[Site.File()] = &fstest.MapFile{Data: []byte(`{"type": "objekt"}`)}
	remote := tinyFS()
	remote[Plan.File()] = &fstest.MapFile{Data: []byte(`{"$ref": "https://example.com/plan.json"}`)}
	notJSON := tinyFS()
	notJSON[Task.File()] = &fstest.MapFile{Data: []byte(`{`)}
	tests := []struct {
		name string
		fsys fs.FS
		want string
	}{
		{"missing", missing, "station.schema.json"},
		{"invalid schema", broken, "schema of site"},
		{"remote reference", remote, "schema of plan"},
		{"not JSON", notJSON, "task.schema.json"},
	}
	for _, tt := range tests {
		_, err := Compile(tt.fsys)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Compile = %v, want an error mentioning %q", tt.name, err, tt.want)
		}
	}
}

func TestValidateUnknownKindPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Errorf("Validate(%q) did not panic", "people")
		}
	}()
	set(t).Validate("people", map[string]any{})
}

func TestConcurrentUse(t *testing.T) {
	s := set(t)
	bad := edit(t, validHero, "deed/date", `"2019-02-30"`)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				if vs := s.Validate(Hero, decode(t, bad)); len(vs) != 1 {
					t.Errorf("Validate(hero with bad date) = %d violations, want 1", len(vs))
				}
				s.Project(Hero, decode(t, validHero), Public)
			}
		})
	}
	wg.Wait()
}

func BenchmarkValidateHero(b *testing.B) {
	s := set(b)
	hero := decode(b, validHero)
	for b.Loop() {
		if vs := s.Validate(Hero, hero); len(vs) != 0 {
			b.Fatalf("Validate(valid hero) = %v", vs)
		}
	}
}
