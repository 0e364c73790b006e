package schema

import (
	"crypto/sha256"
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/yancheng-jyyw/roll/schemas"
)

// copyFS is the embedded schemas as a MapFS, with the files of change
// replaced.
func copyFS(t *testing.T, change map[string]string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	for _, k := range Kinds() {
		b, err := fs.ReadFile(schemas.FS, k.File())
		if err != nil {
			t.Fatal(err)
		}
		m[k.File()] = &fstest.MapFile{Data: b}
	}
	for name, text := range change {
		m[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return m
}

// TestCompileKnown: schemas the caller knows compiled give the same
// answers as compiled ones, the validator compiled only for a record
// that needs its violations; schemas it does not know are compiled at
// once, and an invalid one is an error then.
func TestCompileKnown(t *testing.T) {
	eager := set(t)
	yes := func([sha256.Size]byte) bool { return true }
	lazy, err := CompileKnown(schemas.FS, yes)
	if err != nil {
		t.Fatal(err)
	}
	if lazy.Sum() != eager.Sum() {
		t.Fatal("the sums differ")
	}
	for _, k := range Kinds() {
		if lazy.get(k).schema != nil {
			t.Errorf("%s: compiled before a record needed it", k)
		}
		valid := decode(t, validRecords[k])
		if got := lazy.Validate(k, valid); len(got) != 0 {
			t.Errorf("%s: valid record: %v", k, got)
		}
		invalid := map[string]any{"no such field": true}
		want, got := reduce(eager.Validate(k, invalid)), reduce(lazy.Validate(k, invalid))
		if len(want) == 0 || len(got) != len(want) {
			t.Fatalf("%s: invalid record: lazily %v, compiled %v", k, got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%s: invalid record: lazily %v, compiled %v", k, got[i], want[i])
			}
		}
	}

	// The metaschema refuses "type": 5: only a compilation says so.
	broken := copyFS(t, map[string]string{"team.schema.json": `{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": 5}`})
	var asked [sha256.Size]byte
	if _, err := CompileKnown(broken, func(sum [sha256.Size]byte) bool { asked = sum; return false }); err == nil {
		t.Error("an invalid schema, not known: no error")
	}
	if asked == ([sha256.Size]byte{}) || asked == eager.Sum() {
		t.Error("known was not asked about the schemas' own sum")
	}
	if _, err := Compile(broken); err == nil {
		t.Error("Compile of an invalid schema: no error")
	}
	// Known wrongly (a mark that lied): the record is not taken as valid.
	s, err := CompileKnown(broken, yes)
	if err != nil {
		t.Fatalf("known: %v", err)
	}
	if got := s.Validate(Team, map[string]any{"id": "x"}); len(got) == 0 {
		t.Error("a schema that does not compile validated a record")
	}
	// Files that cannot be read or parsed are errors, known or not.
	for name, text := range map[string]string{"team.schema.json": `{`, "site.schema.json": ``} {
		if _, err := CompileKnown(copyFS(t, map[string]string{name: text}), yes); err == nil {
			t.Errorf("%s %q known: no error", name, text)
		}
	}
	missing := copyFS(t, nil)
	delete(missing, "hero.schema.json")
	if _, err := CompileKnown(missing, yes); err == nil {
		t.Error("a missing schema known: no error")
	}
}
