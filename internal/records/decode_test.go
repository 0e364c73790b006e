package records

import (
	"io/fs"
	"os"
	"path"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/frontmatter"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/internal/synth"
	"github.com/yancheng-jyyw/roll/internal/value"
	"github.com/yancheng-jyyw/roll/internal/yamldoc"
)

// TestModelFromValueIsYAMLs decodes every record of the sample repository
// and of a synthetic one into its model three times: from its JSON value,
// as roll does (the one decode of its YAML feeds the schema, the model and
// the projections), by yaml.v3 from the node tree, as roll did before, and
// from the packed value by the models' codecs, as a record taken from the
// records cache is (fromValue, value.Codec). All must agree field by
// field, dates, amounts and empty lists included.
func TestModelFromValueIsYAMLs(t *testing.T) {
	gen, err := synth.Cached(synth.Options{Heroes: 300, Seed: 3, Year: 2020})
	if err != nil {
		t.Fatal(err)
	}
	set := compile(t)
	w := &work{fields: &value.Fields{}, models: newModels()}
	for _, dir := range []string{"../..", gen} {
		root, err := os.OpenRoot(dir)
		if err != nil {
			t.Fatal(err)
		}
		fsys := root.FS()
		n := 0
		Walk(fsys, Dir, func(e Entry) {
			if e.Problem != nil || Kind(e.Path) == "" {
				return
			}
			res := load(fsys, set, e.Path, nil)
			if res.decode == nil {
				t.Errorf("%s did not load: %v", e.Path, res.list)
				return
			}
			var byValue, fromYAML model.Repo
			res.decode(&byValue)
			src := res.rec.Src
			meta, offset := yamlOf(t, fsys, e.Path)
			doc, problems := yamldoc.Decode(e.Path, meta, offset)
			if len(problems) > 0 {
				t.Fatal(problems)
			}
			yamlDecode(t, doc, res.kind, src, res.rec.Body, res.rec.BodyLine, &fromYAML)
			if !reflect.DeepEqual(byValue, fromYAML) {
				t.Errorf("%s: from the value\n%+v\nfrom yaml.v3\n%+v", e.Path, byValue, fromYAML)
			}
			// A record taken from the records cache decodes its model
			// from the packed value by its codec (fromValue).
			entry := storeEntry{sum: res.sum, offset: res.offset, body: res.rec.Body, bodyLine: res.rec.BodyLine, val: src.Packed}
			packed, ok := fromValue(fsys, e.Path, Kind(e.Path), entry, w, nil)
			if !ok {
				t.Errorf("%s: its packed value does not decode", e.Path)
				return
			}
			var fromPacked model.Repo
			if packed.keptHero {
				// A hero is decoded once the walk is done, into the list.
				st := &step{path: e.Path, res: packed}
				list := make([]model.Hero, 1)
				if !decodeHeroes([]*step{st}, list, w.models, func(*step) {}) {
					t.Errorf("%s: its packed value does not decode", e.Path)
					return
				}
				fromPacked.Heroes = append(fromPacked.Heroes, *st.res.hero)
			} else {
				packed.decode(&fromPacked)
			}
			// The locators differ (each reads the file again): all else is the same.
			if !reflect.DeepEqual(withoutLocators(fromPacked), withoutLocators(byValue)) {
				t.Errorf("%s: from the packed value\n%+v\nfrom the value\n%+v", e.Path, fromPacked, byValue)
			}
			n++
		})
		root.Close()
		if n == 0 {
			t.Fatalf("no record in %s", dir)
		}
	}
}

// yamlOf is the YAML of the record at p and the lines before it.
func yamlOf(t *testing.T, fsys fs.FS, p string) ([]byte, int) {
	t.Helper()
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		t.Fatal(err)
	}
	data = frontmatter.Normalize(data)
	if Kind(p) != schema.Hero {
		return data, 0
	}
	fm, err := frontmatter.Split(data)
	if err != nil {
		t.Fatal(err)
	}
	return fm.Meta, fm.MetaLines
}

// yamlDecode adds the record of doc to r as yaml.v3 decodes it from the
// node tree.
func yamlDecode(t *testing.T, doc *yamldoc.Doc, kind schema.Kind, src model.Source, body string, bodyLine int, r *model.Repo) {
	t.Helper()
	var err error
	switch kind {
	case schema.Site:
		r.Site = model.Site{Src: src}
		err = doc.Root.Decode(&r.Site)
	case schema.Jurisdictions:
		r.JurisdictionsSrc = src
		err = doc.Root.Decode(&r.Jurisdictions)
	case schema.Honors:
		r.HonorsSrc = src
		err = doc.Root.Decode(&r.Honors)
	case schema.Hero:
		r.Heroes = []model.Hero{{Src: src, Body: body, BodyLine: bodyLine}}
		err = doc.Root.Decode(&r.Heroes[0])
	case schema.Plan:
		r.Plans = []model.Plan{{Src: src}}
		err = doc.Root.Decode(&r.Plans[0])
	case schema.Task:
		r.Tasks = []model.Task{{Src: src}}
		err = doc.Root.Decode(&r.Tasks[0])
	case schema.Visit:
		r.Visits = []model.Visit{{Src: src}}
		err = doc.Root.Decode(&r.Visits[0])
	case schema.Station:
		r.Stations = []model.Station{{Src: src}}
		err = doc.Root.Decode(&r.Stations[0])
	case schema.Report:
		r.Reports = []model.Report{{Src: src}}
		err = doc.Root.Decode(&r.Reports[0])
	case schema.Event:
		r.Events = []model.Event{{Src: src}}
		err = doc.Root.Decode(&r.Events[0])
	case schema.Team:
		r.Teams = []model.Team{{Src: src}}
		err = doc.Root.Decode(&r.Teams[0])
	case schema.Decision:
		r.Decisions = []model.Decision{{Src: src}}
		err = doc.Root.Decode(&r.Decisions[0])
	case schema.Nomination:
		r.Nominations = []model.Nomination{{Src: src}}
		err = doc.Root.Decode(&r.Nominations[0])
	case schema.Fund:
		m := model.FundMonth{Src: src}
		m.Year, _ = strconv.Atoi(path.Base(path.Dir(src.File)))
		m.Month, _ = strconv.Atoi(strings.TrimSuffix(path.Base(src.File), ".yaml"))
		err = doc.Root.Decode(&m.Vouchers)
		r.Fund = []model.FundMonth{m}
	default:
		t.Fatalf("%s: no model for kind %q", src.File, kind)
	}
	if err != nil {
		t.Fatalf("%s: %v", src.File, err)
	}
}

// withoutLocators is repo with the locators of its records' sources
// cleared: two loads of one record have locators of their own.
func withoutLocators(repo model.Repo) model.Repo {
	var drop func(v reflect.Value)
	drop = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Struct:
			if v.Type() == reflect.TypeFor[model.Source]() {
				v.FieldByName("Loc").SetZero()
				return
			}
			for i := range v.NumField() {
				if v.Field(i).CanSet() {
					drop(v.Field(i))
				}
			}
		case reflect.Slice:
			for i := range v.Len() {
				drop(v.Index(i))
			}
		case reflect.Pointer:
			if !v.IsNil() {
				drop(v.Elem())
			}
		}
	}
	drop(reflect.ValueOf(&repo).Elem())
	return repo
}
