package cms

import (
	"bytes"
	"encoding/json"
	"flag"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"go.yaml.in/yaml/v3"

	"github.com/yancheng-jyyw/roll/internal/l10n"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/internal/yamldoc"
	"github.com/yancheng-jyyw/roll/schemas"
)

var update = flag.Bool("update", false, "rewrite testdata/config.yml")

// sampleRepo is a repository with one task and its plan: the files the
// form lists for editing (the other kinds need none).
var sampleRepo = fstest.MapFS{
	"records/tasks/2020/plan.yaml": {Data: []byte("year: 2020\ndoc: 盐义通〔2020〕4号\ntitle: 2020年全市见义勇为工作重点任务\n")},
	"records/tasks/2020/01.yaml":   {Data: []byte("id: T-2020-01\nnumber: 1\ntitle: 加强体制机制建设\n")},
	"records/tasks/2020/02.yaml":   {Data: []byte("id: T-2020-02\nnumber: 2\ntitle: 完善表彰奖励制度\n")},
}

var sampleOptions = Options{Repo: "yancheng-jyyw/roll", SiteURL: "https://jyyw.yancheng.example/"}

func config(t *testing.T) []byte {
	t.Helper()
	b, err := Config(schemas.FS, sampleRepo, sampleOptions)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestConfigGolden keeps the whole configuration in testdata/config.yml,
// for review: a change of the schemas shows there as the form's change.
// go test -update rewrites it.
func TestConfigGolden(t *testing.T) {
	got := config(t)
	const golden = "testdata/config.yml"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the configuration differs from %s (go test -update rewrites it):\n%s", golden, firstDiff(got, want))
	}
}

// TestConfigSameBytes: the configuration is the same bytes at every
// generation, whatever the order Go walks its maps in.
func TestConfigSameBytes(t *testing.T) {
	first := config(t)
	for range 20 {
		if got := config(t); !bytes.Equal(got, first) {
			t.Fatalf("two generations differ:\n%s", firstDiff(got, first))
		}
	}
}

func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return "line " + itoa(i+1) + ":\n got: " + al[i] + "\nwant: " + bl[i]
		}
	}
	return "lengths " + itoa(len(al)) + " and " + itoa(len(bl)) + " lines"
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// parsed is the configuration read back as YAML.
func parsed(t *testing.T, b []byte) *yaml.Node {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("config.yml does not parse: %v", err)
	}
	return doc.Content[0]
}

func deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// fieldsOf returns the fields the configuration gives a kind: those of its
// folder collection, or of its file in a collection of files (the first
// file where the kind's files are listed as they exist).
func fieldsOf(t *testing.T, root *yaml.Node, p place) *yaml.Node {
	t.Helper()
	for _, c := range yamldoc.Lookup(root, "collections").Content {
		if yamldoc.Lookup(c, "name").Value != p.collection {
			continue
		}
		if f := yamldoc.Lookup(c, "fields"); f != nil {
			return deref(f)
		}
		for _, file := range yamldoc.Lookup(c, "files").Content {
			if p.file == "" || yamldoc.Lookup(file, "name").Value == string(p.kind) {
				return deref(yamldoc.Lookup(file, "fields"))
			}
		}
	}
	t.Fatalf("config.yml has no fields for %s", p.kind)
	return nil
}

// schemaOf decodes a kind's schema plainly, without this package's walk.
func schemaOf(t *testing.T, k schema.Kind) map[string]any {
	t.Helper()
	b, err := fs.ReadFile(schemas.FS, k.File())
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// schemaPaths lists the properties of a schema by dotted path (array items
// left out of the path, as in "honors.honor"), and apart those the form
// does not show: retired ones and maps.
func schemaPaths(s map[string]any, prefix string, shown, unshown map[string]bool) {
	if items, ok := s["items"].(map[string]any); ok {
		schemaPaths(items, prefix, shown, unshown)
		return
	}
	props, _ := s["properties"].(map[string]any)
	for name, v := range props {
		p := v.(map[string]any)
		path := prefix + name
		_, hasProps := p["properties"]
		_, isMap := p["additionalProperties"].(map[string]any)
		if p["deprecated"] == true || p["type"] == "object" && !hasProps && isMap {
			unshown[path] = true
			continue
		}
		shown[path] = true
		schemaPaths(p, path+".", shown, unshown)
	}
}

// configPaths lists the fields of the configuration by the same paths:
// the list a record that is a list is wrapped in and the narrative of a
// Markdown record stand for no property.
func configPaths(fields *yaml.Node, prefix string, p place, out map[string]bool) {
	for _, f := range fields.Content {
		name := yamldoc.Lookup(f, "name").Value
		if prefix == "" && name == listField && len(fields.Content) == 1 && yamldoc.Lookup(f, "widget").Value == "list" {
			configPaths(deref(yamldoc.Lookup(f, "fields")), "", p, out)
			continue
		}
		if prefix == "" && name == bodyField && p.narrative {
			continue
		}
		out[prefix+name] = true
		if sub := yamldoc.Lookup(f, "fields"); sub != nil {
			configPaths(deref(sub), prefix+name+".", p, out)
		}
	}
}

// TestConfigCoversSchemas fails when a property of a schema has no field
// in the configuration, or a field names a property its schema lacks:
// the form and the schemas cannot drift apart.
func TestConfigCoversSchemas(t *testing.T) {
	root := parsed(t, config(t))
	unshown := map[string]bool{}
	for _, k := range schema.Kinds() {
		p := places[slices.IndexFunc(places, func(p place) bool { return p.kind == k })]
		shown, kindUnshown := map[string]bool{}, map[string]bool{}
		schemaPaths(schemaOf(t, k), "", shown, kindUnshown)
		for path := range kindUnshown {
			unshown[string(k)+"."+path] = true
		}
		fields := map[string]bool{}
		configPaths(fieldsOf(t, root, p), "", p, fields)
		for _, path := range slices.Sorted(maps.Keys(shown)) {
			if !fields[path] {
				t.Errorf("%s: the property %s has no field in the form", k, path)
			}
		}
		for _, path := range slices.Sorted(maps.Keys(fields)) {
			if !shown[path] {
				t.Errorf("%s: the form has a field %s, which the schema lacks", k, path)
			}
		}
		if len(shown) == 0 {
			t.Errorf("%s: no property found in the schema", k)
		}
	}
	// The properties the form leaves out, and why: task.progress is
	// retired (DESIGN §3: statuses come from the reports).
	want := []string{"task.progress"}
	if got := slices.Sorted(maps.Keys(unshown)); !slices.Equal(got, want) {
		t.Errorf("properties without a field: %q, want %q", got, want)
	}
}

// TestConfigRelations: a property whose pattern is that of the id of a
// kind the form can offer is a relation to that kind's records, and a
// relation's collection and file exist. A reference missing from refs
// would otherwise be a text box.
func TestConfigRelations(t *testing.T) {
	root := parsed(t, config(t))
	targets := map[string]schema.Kind{} // id pattern -> kind
	for _, k := range schema.Kinds() {
		s := schemaOf(t, k)
		if items, ok := s["items"].(map[string]any); ok {
			s = items
		}
		props, _ := s["properties"].(map[string]any)
		if id, ok := props["id"].(map[string]any); ok {
			targets[id["pattern"].(string)] = k
		}
	}
	collections := map[string]*yaml.Node{}
	for _, c := range yamldoc.Lookup(root, "collections").Content {
		collections[yamldoc.Lookup(c, "name").Value] = c
	}
	n := 0
	for _, k := range schema.Kinds() {
		p := places[slices.IndexFunc(places, func(p place) bool { return p.kind == k })]
		fields := map[string]*yaml.Node{}
		var walk func(fs *yaml.Node, prefix string)
		walk = func(fs *yaml.Node, prefix string) {
			for _, f := range fs.Content {
				name := yamldoc.Lookup(f, "name").Value
				if name == listField && prefix == "" && len(fs.Content) == 1 {
					walk(deref(yamldoc.Lookup(f, "fields")), "")
					continue
				}
				fields[prefix+name] = f
				if sub := yamldoc.Lookup(f, "fields"); sub != nil {
					walk(deref(sub), prefix+name+".")
				}
			}
		}
		walk(fieldsOf(t, root, p), "")
		var props func(s map[string]any, prefix string)
		props = func(s map[string]any, prefix string) {
			if items, ok := s["items"].(map[string]any); ok {
				s = items
			}
			m, _ := s["properties"].(map[string]any)
			for name, v := range m {
				ps := v.(map[string]any)
				path := prefix + name
				pattern, _ := ps["pattern"].(string)
				if items, ok := ps["items"].(map[string]any); ok && ps["type"] == "array" {
					pattern, _ = items["pattern"].(string)
				}
				target, isRef := targets[pattern]
				if isRef && !(path == "id" && target == k) {
					n++
					f := fields[path]
					switch {
					case f == nil:
						t.Errorf("%s.%s: no field", k, path)
					case yamldoc.Lookup(f, "widget").Value != "relation":
						t.Errorf("%s.%s names records of %s but is a %s, not a relation (internal/cms refs)", k, path, target, yamldoc.Lookup(f, "widget").Value)
					}
				}
				props(ps, path+".")
			}
		}
		props(schemaOf(t, k), "")
		for path, f := range fields {
			if yamldoc.Lookup(f, "widget").Value != "relation" {
				continue
			}
			c := collections[yamldoc.Lookup(f, "collection").Value]
			if c == nil {
				t.Errorf("%s.%s: a relation to the collection %s, which the form lacks", k, path, yamldoc.Lookup(f, "collection").Value)
				continue
			}
			if file := yamldoc.Lookup(f, "file"); file != nil {
				found := false
				for _, x := range yamldoc.Lookup(c, "files").Content {
					found = found || yamldoc.Lookup(x, "name").Value == file.Value
				}
				if !found {
					t.Errorf("%s.%s: a relation to the file %s, which %s lacks", k, path, file.Value, yamldoc.Lookup(c, "name").Value)
				}
			}
		}
	}
	if n < 10 {
		t.Errorf("found only %d references in the schemas; is the walk looking at them?", n)
	}
}

// TestConfigForm checks settings of the configuration that the form's
// behaviour rests on.
func TestConfigForm(t *testing.T) {
	root := parsed(t, config(t))
	for key, want := range map[string]string{"publish_mode": "editorial_workflow", "locale": "zh_Hans", "local_backend": "true"} {
		if got := yamldoc.Lookup(root, key); got == nil || got.Value != want {
			t.Errorf("%s = %v, want %s", key, got, want)
		}
	}
	if got := yamldoc.Lookup(yamldoc.Lookup(root, "backend"), "repo"); got == nil || got.Value != sampleOptions.Repo {
		t.Errorf("backend.repo = %v, want %s", got, sampleOptions.Repo)
	}
	names := map[string]bool{}
	for _, c := range yamldoc.Lookup(root, "collections").Content {
		name := yamldoc.Lookup(c, "name").Value
		if names[name] {
			t.Errorf("two collections named %s", name)
		}
		names[name] = true
		// Records are withdrawn, never deleted (DESIGN §3).
		if d := yamldoc.Lookup(c, "delete"); d == nil || d.Value != "false" {
			t.Errorf("%s: delete = %v, want false", name, d)
		}
	}
	heroes := fieldsOf(t, root, places[0])
	field := func(path ...string) *yaml.Node {
		fs := heroes
		var f *yaml.Node
		for _, name := range path {
			f = nil
			for _, x := range fs.Content {
				if yamldoc.Lookup(x, "name").Value == name {
					f = x
				}
			}
			if f == nil {
				t.Fatalf("no field %s", strings.Join(path, "."))
			}
			fs = deref(yamldoc.Lookup(f, "fields"))
		}
		return f
	}
	for _, tc := range []struct {
		path     []string
		key, val string
	}{
		{[]string{"id"}, "required", "true"},
		{[]string{"deed", "date"}, "widget", "datetime"},
		{[]string{"deed", "date"}, "format", "YYYY-MM-DD"},
		{[]string{"deed", "kind"}, "widget", "select"},
		{[]string{"birth_year"}, "value_type", "int"},
		{[]string{"jurisdiction"}, "widget", "relation"},
		{[]string{"honors", "honor"}, "widget", "relation"},
		{[]string{"honors"}, "required", "false"},
		{[]string{"martyr"}, "required", "false"},
		// Inside an optional object the form cannot require.
		{[]string{"martyr", "date"}, "required", "false"},
		{[]string{"public", "consent"}, "required", "true"},
		{[]string{"body"}, "widget", "markdown"},
	} {
		if got := yamldoc.Lookup(field(tc.path...), tc.key); got == nil || got.Value != tc.val {
			t.Errorf("heroes %s: %s = %v, want %s", strings.Join(tc.path, "."), tc.key, got, tc.val)
		}
	}
	// A select labels its values with the schema's x-enum-titles.
	opts := yamldoc.Lookup(field("deed", "kind"), "options").Content
	if yamldoc.Lookup(opts[0], "value").Value != "rescue" || yamldoc.Lookup(opts[0], "label").Value != "抢险救人" {
		t.Errorf("deed.kind's first option is %s/%s, want rescue labelled 抢险救人", yamldoc.Lookup(opts[0], "value").Value, yamldoc.Lookup(opts[0], "label").Value)
	}
	// Private fields stay in the form and say they are never published.
	if h := yamldoc.Lookup(field("private", "phone"), "hint").Value; !strings.Contains(h, "不公开") {
		t.Errorf("private.phone's hint %q does not say it is never published", h)
	}
	if h := yamldoc.Lookup(field("martyr", "date"), "hint").Value; !strings.Contains(h, "填写“烈士评定”时必填") {
		t.Errorf("martyr.date's hint %q does not say when it is required", h)
	}
}

// A schema the form cannot show is an error that names the property.
func TestConfigRefuses(t *testing.T) {
	hero, err := fs.ReadFile(schemas.FS, "hero.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		old, new, want string
	}{
		{`"format": "cn-resident-id"`, `"format": "email"`, `private.id_number: the format "email" has no widget`},
		{`"type": "integer",
      "minimum": 1900`, `"minimum": 1900`, `birth_year: no single type`},
		{`"type": "boolean"
    },
    "insurance"`, `"type": "object"
    },
    "insurance"`, `hardship: an object without properties`},
		{`"uniqueItems": true,
      "items": {`, `"uniqueItems": true,
      "prefixItems": {`, `insurance: an array without items`},
	} {
		if !bytes.Contains(hero, []byte(tc.old)) {
			t.Fatalf("hero.schema.json has no %q", tc.old)
		}
		fsys := fstest.MapFS{}
		for _, k := range schema.Kinds() {
			b, _ := fs.ReadFile(schemas.FS, k.File())
			fsys[k.File()] = &fstest.MapFile{Data: b}
		}
		fsys["hero.schema.json"] = &fstest.MapFile{Data: bytes.Replace(hero, []byte(tc.old), []byte(tc.new), 1)}
		_, err := Config(fsys, sampleRepo, sampleOptions)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("with %s: error %v, want %q", tc.new, err, tc.want)
		}
	}
}

// TestMessages: the words of the tables have their Chinese form.
func TestMessages(t *testing.T) {
	var keys []string
	for _, p := range places {
		keys = append(keys, p.group, p.narrativeLabel, p.about)
	}
	for _, f := range formats {
		keys = append(keys, f.msg)
	}
	for _, k := range keys {
		if k != "" && !l10n.Has(k) {
			t.Errorf("%q has no Chinese form in package l10n", k)
		}
	}
}

// TestPatchBundle removes the lowercasing of file names, and refuses a
// bundle with no function to patch or with two.
func TestPatchBundle(t *testing.T) {
	fn := `function Kl(e){return e.trim().toLocaleLowerCase().replace(/[']/g,"").replace(/[.]/g,"-")}`
	src := []byte(`a();` + fn + `;b(Kl("H-2020-0001"));`)
	got, err := PatchBundle(src)
	if err != nil {
		t.Fatal(err)
	}
	if want := `a();function Kl(e){return e.trim()};b(Kl("H-2020-0001"));`; string(got) != want {
		t.Errorf("PatchBundle = %s, want %s", got, want)
	}
	for _, bad := range []string{"a();", fn + fn, strings.Replace(fn, "Kl(e)", "Kl(e,t)", 1)} {
		if _, err := PatchBundle([]byte(bad)); err == nil {
			t.Errorf("PatchBundle(%.40q…) succeeded, want an error", bad)
		}
	}
	// The pinned bundle, when make cms fetched it.
	b, err := os.ReadFile("../../cms/assets/" + Bundle)
	if err != nil {
		t.Skipf("SKIP the pinned bundle: %v (make cms fetches it)", err)
	}
	got, err = PatchBundle(b)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(b) - len(got); n != len(fn)-len(`function Kl(e){return e.trim()}`) {
		t.Errorf("the pinned bundle lost %d bytes, want those of the patched function", n)
	}
}

// TestPages lists the configuration, the page and the assets under
// admin/, the bundle patched when it is written; without assets, the
// configuration and the page. Each is keyed: the configuration by Key, the
// others by their bytes.
func TestPages(t *testing.T) {
	page := fstest.MapFS{"index.html": {Data: []byte("<!doctype html>")}, "roll-cms.js": {Data: []byte("CMS.init()")}}
	assets := fstest.MapFS{
		Bundle:               {Data: []byte(`function Xy(e){return e.trim().toLocaleLowerCase().replace(/[']/g,"").replace(/[.]/g,"-")}`)},
		"1.decap-cms.js":     {Data: []byte("chunk")},
		"js-yaml.umd.min.js": {Data: []byte("yaml")},
	}
	config, err := Config(schemas.FS, sampleRepo, sampleOptions)
	if err != nil {
		t.Fatal(err)
	}
	key, err := Key(schemas.FS, sampleRepo, sampleOptions)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		assets fs.FS
		want   []string
	}{
		{assets, []string{"admin/1.decap-cms.js", "admin/" + ConfigFile, "admin/" + Bundle, "admin/index.html", "admin/js-yaml.umd.min.js", "admin/roll-cms.js"}},
		{nil, []string{"admin/" + ConfigFile, "admin/index.html", "admin/roll-cms.js"}},
	} {
		pages, err := Pages(schemas.FS, sampleRepo, sampleOptions, page, tc.assets)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string][]byte{}
		for _, p := range pages {
			if p.Template != "" || p.File == nil || p.Inputs == ([32]byte{}) {
				t.Errorf("%s: not a keyed file", p.Path)
				continue
			}
			if got[p.Path], err = p.File(); err != nil {
				t.Errorf("%s: %v", p.Path, err)
			}
			if p.Path == "admin/"+ConfigFile && [32]byte(p.Inputs) != key {
				t.Errorf("config.yml is not keyed by Key")
			}
		}
		if names := slices.Sorted(maps.Keys(got)); !slices.Equal(names, tc.want) {
			t.Errorf("Pages lists %q, want %q", names, tc.want)
		}
		if b, ok := got["admin/"+Bundle]; ok && string(b) != `function Xy(e){return e.trim()}` {
			t.Errorf("the bundle is written as %s", b)
		}
		if !bytes.Equal(got["admin/"+ConfigFile], config) {
			t.Errorf("config.yml is not what Config writes")
		}
	}
	// A file of the page and one of the assets of one name: an error.
	if _, err := Pages(schemas.FS, sampleRepo, sampleOptions, page, fstest.MapFS{"index.html": {Data: []byte("x")}}); err == nil {
		t.Error("Pages with index.html in both the page and the assets: no error")
	}
}

// BenchmarkPatchBundle patches the pinned bundle, as every build with the
// form does.
func BenchmarkPatchBundle(b *testing.B) {
	src, err := os.ReadFile("../../cms/assets/" + Bundle)
	if err != nil {
		b.Skipf("SKIP: %v (make cms fetches it)", err)
	}
	for b.Loop() {
		if _, err := PatchBundle(src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkConfig generates the configuration, as every build with the
// form does.
func BenchmarkConfig(b *testing.B) {
	for b.Loop() {
		if _, err := Config(schemas.FS, sampleRepo, sampleOptions); err != nil {
			b.Fatal(err)
		}
	}
}

// TestKey changes with every input of the configuration and with nothing
// else. (The code of roll is among the inputs of every page of the site,
// site.Site.Inputs, config.yml included.)
func TestKey(t *testing.T) {
	key := func(schemas, repo fs.FS, opts Options, _ string) [32]byte {
		t.Helper()
		k, err := Key(schemas, repo, opts)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	base := key(schemas.FS, sampleRepo, sampleOptions, "code")
	if again := key(schemas.FS, sampleRepo, sampleOptions, "code"); again != base {
		t.Errorf("two keys of the same inputs differ")
	}
	hero, _ := fs.ReadFile(schemas.FS, "hero.schema.json")
	otherSchemas := fstest.MapFS{}
	for _, k := range schema.Kinds() {
		b, _ := fs.ReadFile(schemas.FS, k.File())
		otherSchemas[k.File()] = &fstest.MapFile{Data: b}
	}
	otherSchemas["hero.schema.json"] = &fstest.MapFile{Data: bytes.Replace(hero, []byte("姓名"), []byte("名字"), 1)}
	otherRepo := maps.Clone(sampleRepo)
	otherRepo["records/tasks/2020/01.yaml"] = &fstest.MapFile{Data: []byte("id: T-2020-01\nnumber: 1\ntitle: 加强机制建设\n")}
	unrelated := maps.Clone(sampleRepo)
	unrelated["records/heroes/sheyang/H-2020-0001.md"] = &fstest.MapFile{Data: []byte("---\nid: H-2020-0001\n---\n")}
	otherOpts := sampleOptions
	otherOpts.Branch = "records"
	for _, tc := range []struct {
		name string
		key  [32]byte
		same bool
	}{
		{"a schema changed", key(otherSchemas, sampleRepo, sampleOptions, "code"), false},
		{"a task's title changed", key(schemas.FS, otherRepo, sampleOptions, "code"), false},
		{"an option changed", key(schemas.FS, sampleRepo, otherOpts, "code"), false},
		{"a hero added", key(schemas.FS, unrelated, sampleOptions, "code"), true},
	} {
		if (tc.key == base) != tc.same {
			t.Errorf("%s: the key changed = %v, want %v", tc.name, tc.key != base, !tc.same)
		}
	}
}
