package records

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/value"
)

// TestStore loads a repository through a cache on disk again and again,
// changing the records, the cache and roll between loads: every load
// gives what a load without the cache gives, and takes from the cache
// exactly the records it may trust.
func TestStore(t *testing.T) {
	dir := repoCopy(t)
	cacheDir := filepath.Join(dir, CacheDir)
	set := compile(t)
	code := [32]byte{1}
	hero := filepath.Join(dir, "records/heroes/sheyang/H-2019-0002.md")
	// total is the number of records; sameShard, of those in the shard of
	// the file of the hero, whom damage to it takes from the cache.
	var total, sameShard int
	for _, step := range []struct {
		name     string
		change   func(t *testing.T)
		code     byte
		wantHits func(total int) int
	}{
		{name: "cold", wantHits: func(int) int { return 0 }},
		{name: "warm", wantHits: func(n int) int { return n }},
		{name: "one record edited", change: func(t *testing.T) {
			replaceIn(t, hero, "三人驾渔船冒着大风", "三人驾渔船顶着大风")
		}, wantHits: func(n int) int { return n - 1 }},
		{name: "one record broken", change: func(t *testing.T) {
			replaceIn(t, hero, "status: confirmed", "status: maybe")
		}, wantHits: func(n int) int { return n - 1 }},
		{name: "mended again", change: func(t *testing.T) {
			replaceIn(t, hero, "status: maybe", "status: confirmed")
		}, wantHits: func(n int) int { return n - 1 }},
		{name: "a hero's kept value sealed but not his model", change: func(t *testing.T) {
			// A shard sealed anew around a value that is a binary form
			// but no hero's (a text where a number goes): the hero is
			// loaded from his file, the other heroes as they were.
			val, err := value.Append(nil, map[string]any{"id": "H-2019-0002", "birth_year": "1970"})
			if err != nil {
				t.Fatal(err)
			}
			refit(t, dir, "records/heroes/sheyang/H-2019-0002.md", val)
		}, wantHits: func(n int) int { return n - 1 }},
		{name: "the same as a list", change: func(t *testing.T) {
			val, _ := value.Append(nil, []any{"H-2019-0002"})
			refit(t, dir, "records/heroes/sheyang/H-2019-0002.md", val)
		}, wantHits: func(n int) int { return n - 1 }},
		{name: "warm after", wantHits: func(n int) int { return n }},
		{name: "another roll", code: 2, wantHits: func(int) int { return 0 }},
		{name: "a shard cut short", code: 2, change: func(t *testing.T) {
			damage(t, cacheDir, func(b []byte) []byte { return b[:len(b)/2] })
		}, wantHits: func(n int) int { return n - sameShard }},
		{name: "a shard altered", code: 2, change: func(t *testing.T) {
			damage(t, cacheDir, func(b []byte) []byte { b[len(b)/2] ^= 1; return b })
		}, wantHits: func(n int) int { return n - sameShard }},
		{name: "a record deleted", code: 2, change: func(t *testing.T) {
			if err := os.Remove(filepath.Join(dir, "records/visits/2020/V-2020-0008.yaml")); err != nil {
				t.Fatal(err)
			}
		}, wantHits: func(n int) int { return n - 1 }},
		{name: "the cache deleted", code: 2, change: func(t *testing.T) {
			if err := os.RemoveAll(cacheDir); err != nil {
				t.Fatal(err)
			}
		}, wantHits: func(int) int { return 0 }},
	} {
		if step.change != nil {
			step.change(t)
		}
		c := code
		if step.code != 0 {
			c[0] = step.code
		}
		cache := OnDisk(dir, c)
		root, err := os.OpenRoot(dir)
		if err != nil {
			t.Fatal(err)
		}
		repo, list := LoadCached(root.FS(), set, cache)
		wantRepo, wantList := Load(root.FS(), set)
		root.Close()
		if !reflect.DeepEqual(strip(repo), strip(wantRepo)) {
			t.Errorf("%s: the records differ from a load without the cache", step.name)
		}
		if got, want := show(list), show(wantList); got != want {
			t.Errorf("%s: findings\n%s\nwant\n%s", step.name, got, want)
		}
		if step.name == "a record deleted" {
			// Its entry is forgotten, the others of its shard kept (a
			// team's shares it).
			const gone = "records/visits/2020/V-2020-0008.yaml"
			b, err := os.ReadFile(filepath.Join(dir, storeDir, hexByte(shardOf(gone))))
			if err != nil || len(b) < len(storeFormat)+32 {
				t.Fatal("no shard:", err)
			}
			entries := parseShard(b[len(storeFormat) : len(b)-32])
			if entryOf(entries, gone) != nil || entryOf(entries, "records/teams/jianhu/TM-jianhu-02.yaml") == nil {
				t.Errorf("%s: the shard of the deleted record holds it (%d entries)", step.name, len(entries))
			}
		}
		if step.name == "cold" {
			total = len(repo.Records)
			for _, r := range repo.Records {
				if shardOf(r.Src.File) == shardOf("records/heroes/sheyang/H-2019-0002.md") {
					sameShard++
				}
			}
		}
		if got, want := int(cache.disk.hits.Load()), step.wantHits(total); got != want {
			t.Errorf("%s: %d records from the cache, want %d", step.name, got, want)
		}
	}
}

// strip drops the locators, which hold the text they decode on demand.
func strip(r *model.Repo) *model.Repo {
	c := *r
	c.Records = nil
	for _, rec := range r.Records {
		rec.Src.Loc = nil
		c.Records = append(c.Records, rec)
	}
	c.Heroes = nil
	for _, h := range r.Heroes {
		h.Src.Loc = nil
		c.Heroes = append(c.Heroes, h)
	}
	noLocators(reflect.ValueOf(&c).Elem())
	return &c
}

// noLocators sets every model.Locator reachable from v, through structs
// and slices, to nil: a locator reads its file again when asked, and two
// loads' locators are two functions, which never compare equal.
func noLocators(v reflect.Value) {
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Field(i)
			if f.Type() == reflect.TypeFor[model.Locator]() {
				if f.CanSet() {
					f.SetZero()
				}
				continue
			}
			noLocators(f)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			noLocators(v.Index(i))
		}
	}
}

func show(l finding.List) string {
	var b strings.Builder
	for _, f := range l {
		b.WriteString(f.String() + "\n")
	}
	return b.String()
}

func replaceIn(t *testing.T, p, old, new string) {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s has no %q", p, old)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// damage changes the shard of the cache that holds the sample hero
// H-2019-0002.
func damage(t *testing.T, cacheDir string, f func([]byte) []byte) {
	t.Helper()
	p := filepath.Join(cacheDir, "records", hexByte(shardOf("records/heroes/sheyang/H-2019-0002.md")))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, f(b), 0o644); err != nil {
		t.Fatal(err)
	}
}

// refit writes the shard of the record p again, sealed as the store
// seals it, with val for the record's kept value.
func refit(t *testing.T, dir, p string, val []byte) {
	t.Helper()
	name := path.Join(storeDir, hexByte(shardOf(p)))
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil || len(b) < len(storeFormat)+32 {
		t.Fatal("no shard to refit:", err)
	}
	entries := parseShard(b[len(storeFormat) : len(b)-32])
	e := entryOf(entries, p)
	if e == nil {
		t.Fatalf("%s is not in its shard", p)
	}
	e.val = val
	r, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	writeShard(r, name, entries, nil)
}

// entryOf is the entry of the path p in a shard's entries; nil when it
// has none.
func entryOf(entries map[pathKey]*storeEntry, p string) *storeEntry {
	_, k := keyOf(p)
	if e := entries[k]; e != nil && e.path == p {
		return e
	}
	return nil
}

func hexByte(i int) string {
	return string("0123456789abcdef"[i>>4]) + string("0123456789abcdef"[i&15])
}

// TestStoreStaysInside: a .cache that links out of the repository is not
// followed, neither read nor written; the records load as without it.
func TestStoreStaysInside(t *testing.T) {
	dir := repoCopy(t)
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(dir, ".cache")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	set := compile(t)
	for range 2 {
		cache := OnDisk(dir, [32]byte{1})
		repo, list := LoadCached(root.FS(), set, cache)
		if len(repo.Heroes) == 0 || list.Errors() > 0 {
			t.Fatalf("%d heroes, findings %v", len(repo.Heroes), list)
		}
		if n := cache.disk.hits.Load(); n != 0 {
			t.Errorf("%d records from a cache outside the repository", n)
		}
	}
	if ents, _ := os.ReadDir(outside); len(ents) > 0 {
		t.Errorf("the cache was written outside the repository: %v", ents)
	}
}

// TestStoreTrustsStatus: a record whose file's status is the one kept in
// the cache is taken without reading the file, unless the status is not
// older than the cache's file (racy); a file changed to the same size and
// given back its modification time is read again, by its change time.
func TestStoreTrustsStatus(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the status of a file is trusted on Linux only")
	}
	dir := repoCopy(t)
	set := compile(t)
	hero := filepath.Join(dir, "records/heroes/sheyang/H-2019-0002.md")
	// setShards gives every file of the cache the modification time at.
	setShards := func(t *testing.T, at time.Time) {
		t.Helper()
		shards, _ := filepath.Glob(filepath.Join(dir, CacheDir, "records", "*"))
		if len(shards) == 0 {
			t.Fatal("no cache")
		}
		for _, s := range shards {
			if err := os.Chtimes(s, at, at); err != nil {
				t.Fatal(err)
			}
		}
	}
	var total int
	for _, step := range []struct {
		name   string
		change func(t *testing.T)
		// wantUnread is how many records are taken without reading them,
		// of total.
		wantUnread func(total int) int
	}{
		{name: "cold", wantUnread: func(int) int { return 0 }},
		{name: "the cache written long after the records", change: func(t *testing.T) {
			setShards(t, time.Now().Add(time.Hour))
		}, wantUnread: func(n int) int { return n }},
		{name: "a record changed, its size and modification time kept", change: func(t *testing.T) {
			fi, err := os.Stat(hero)
			if err != nil {
				t.Fatal(err)
			}
			replaceIn(t, hero, "三人驾渔船冒着大风", "三人驾渔船顶着大风")
			if err := os.Chtimes(hero, fi.ModTime(), fi.ModTime()); err != nil {
				t.Fatal(err)
			}
			if after, _ := os.Stat(hero); after.Size() != fi.Size() || !after.ModTime().Equal(fi.ModTime()) {
				t.Fatal("the size or modification time changed")
			}
			setShards(t, time.Now().Add(2*time.Hour))
		}, wantUnread: func(n int) int { return n - 1 }},
		{name: "racy: the records not older than the cache", change: func(t *testing.T) {
			setShards(t, time.Now().Add(-time.Hour))
		}, wantUnread: func(int) int { return 0 }},
	} {
		if step.change != nil {
			step.change(t)
		}
		cache := OnDisk(dir, [32]byte{1})
		root, err := os.OpenRoot(dir)
		if err != nil {
			t.Fatal(err)
		}
		repo, list := LoadCached(root.FS(), set, cache)
		wantRepo, wantList := Load(root.FS(), set)
		root.Close()
		if !reflect.DeepEqual(strip(repo), strip(wantRepo)) {
			t.Errorf("%s: the records differ from a load without the cache", step.name)
		}
		if got, want := show(list), show(wantList); got != want {
			t.Errorf("%s: findings\n%s\nwant\n%s", step.name, got, want)
		}
		if step.name == "cold" {
			total = len(repo.Records)
		}
		if got, want := int(cache.disk.statHits.Load()), step.wantUnread(total); got != want {
			t.Errorf("%s: %d records taken by their status, want %d", step.name, got, want)
		}
	}
}

// TestPositionsReadAgain: a loaded record holds neither its bytes nor its
// node tree; a finding's position reads the file again. It is the
// position in the bytes the record was loaded from, with or without the
// cache; when the file changed or is gone before the position is asked
// for, the position is the zero Pos (the file alone), never a line of the
// new text. The decoded document is held weakly: once collected, it is
// read again, and a file changed since gives no line.
func TestPositionsReadAgain(t *testing.T) {
	dir := repoCopy(t)
	set := compile(t)
	const file = "records/heroes/sheyang/H-2019-0002.md"
	hero := filepath.Join(dir, file)
	orig, err := os.ReadFile(hero)
	if err != nil {
		t.Fatal(err)
	}
	// The hero's source, from a load without the cache, then through a
	// cold and a warm cache; the file system stays open, as during a check.
	load := func(t *testing.T, cache *Cache) model.Source {
		t.Helper()
		root, err := os.OpenRoot(dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { root.Close() })
		repo, _ := LoadCached(root.FS(), set, cache)
		for _, h := range repo.Heroes {
			if h.Src.File == file {
				return h.Src
			}
		}
		t.Fatalf("%s not loaded", file)
		return model.Source{}
	}
	at := func(src model.Source) string {
		return fmt.Sprintf("%v %v %v", src.At("deed", "date"), src.KeyAt("deed"), src.At("honors", "0", "note"))
	}
	var src0 model.Source              // the source being tested, for a change to ask it first
	const want = "{9 9} {8 1} {24 11}" // deed.date, the key deed, the first honor's note
	restore := func(t *testing.T) {
		if err := os.WriteFile(hero, orig, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name   string
		cache  func() *Cache
		change func(t *testing.T) // between the load and the first position
		want   string
	}{
		{name: "no cache", want: want},
		{name: "cache, cold", cache: func() *Cache { return OnDisk(dir, [32]byte{7}) }, want: want},
		{name: "cache, warm", cache: func() *Cache { return OnDisk(dir, [32]byte{7}) }, want: want},
		{name: "changed after the load", change: func(t *testing.T) {
			if err := os.WriteFile(hero, append([]byte("---\n# a line more\n"), orig[4:]...), 0o644); err != nil {
				t.Fatal(err)
			}
		}, want: "{0 0} {0 0} {0 0}"},
		{name: "changed after a warm load", cache: func() *Cache { return OnDisk(dir, [32]byte{7}) }, change: func(t *testing.T) {
			replaceIn(t, hero, "date: 2019-06-18", "date: 2019-06-19")
		}, want: "{0 0} {0 0} {0 0}"},
		{name: "deleted after the load", change: func(t *testing.T) {
			if err := os.Remove(hero); err != nil {
				t.Fatal(err)
			}
		}, want: "{0 0} {0 0} {0 0}"},
		{name: "positions freed after use, the file changed since", change: func(t *testing.T) {
			if got := at(src0); got != want {
				t.Errorf("positions before the change %s, want %s", got, want)
			}
			runtime.GC() // the decoded document is held weakly: freed now
			replaceIn(t, hero, "date: 2019-06-18", "date: 2019-06-19")
		}, want: "{0 0} {0 0} {0 0}"},
		{name: "written again with the same bytes", change: func(t *testing.T) {
			if err := os.WriteFile(hero, orig, 0o644); err != nil {
				t.Fatal(err)
			}
		}, want: want},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer restore(t)
			var c *Cache
			if tc.cache != nil {
				c = tc.cache()
			}
			src := load(t, c)
			src0 = src
			if src.Packed == nil || src.Raw != nil {
				t.Errorf("the value is not kept packed: Packed %d bytes, Raw %T", len(src.Packed), src.Raw)
			}
			if tc.change != nil {
				tc.change(t)
			}
			if got := at(src); got != tc.want {
				t.Errorf("positions %s, want %s", got, tc.want)
			}
		})
	}
}

// TestPositionsRemembered: the positions a run's findings asked of records
// taken from the cache are answered in the next run from what it kept,
// without the record's file (deleted here after loading, which leaves a
// locator that reads the file no line); a record whose bytes changed, a
// damaged file of positions, another roll and a position not asked before
// are read from the file as before.
func TestPositionsRemembered(t *testing.T) {
	dir := repoCopy(t)
	set := compile(t)
	code := [32]byte{1}
	const p = "records/heroes/sheyang/H-2019-0002.md"
	hero := filepath.Join(dir, p)
	load := func(code [32]byte) (*model.Repo, *Cache) {
		r, err := os.OpenRoot(dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { r.Close() })
		c := OnDisk(dir, code)
		repo, _ := LoadCached(r.FS(), set, c)
		return repo, c
	}
	src := func(repo *model.Repo) model.Source {
		for _, h := range repo.Heroes {
			if h.Src.File == p {
				return h.Src
			}
		}
		t.Fatalf("no %s", p)
		return model.Source{}
	}
	load(code) // fills the cache
	repo, c := load(code)
	want := src(repo).At("deed", "summary")
	if want.Line == 0 {
		t.Fatal("no position")
	}
	c.Finish()
	saved, err := os.ReadFile(filepath.Join(dir, CacheDir, positionsSide))
	if err != nil {
		t.Fatal(err)
	}
	// gone loads the records, deletes the hero's file and asks the
	// position again; the file is written back after.
	gone := func(code [32]byte, ask func(model.Source) finding.Pos) finding.Pos {
		t.Helper()
		data, err := os.ReadFile(hero)
		if err != nil {
			t.Fatal(err)
		}
		repo, c := load(code)
		if err := os.Remove(hero); err != nil {
			t.Fatal(err)
		}
		got := ask(src(repo))
		c.Finish()
		if err := os.WriteFile(hero, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return got
	}
	summary := func(s model.Source) finding.Pos { return s.At("deed", "summary") }
	if got := gone(code, summary); got != want {
		t.Errorf("remembered: %v, want %v", got, want)
	}
	if got := gone(code, func(s model.Source) finding.Pos { return s.At("deed", "place") }); got != (finding.Pos{}) {
		t.Errorf("a position not asked before, its file gone: %v, want none", got)
	}
	if err := os.WriteFile(filepath.Join(dir, CacheDir, positionsSide), append(saved[:len(saved)-1], saved[len(saved)-1]^1), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := gone(code, summary); got != (finding.Pos{}) {
		t.Errorf("damaged: %v, want none", got)
	}
	load(code)
	repo, c = load(code)
	src(repo).At("deed", "summary")
	c.Finish()
	if got := gone([32]byte{2}, summary); got != (finding.Pos{}) {
		t.Errorf("another roll: %v, want none", got)
	}
	// A record edited is another record: its positions are its own.
	load(code)
	repo, c = load(code)
	src(repo).At("deed", "summary")
	c.Finish()
	replaceIn(t, hero, "---\nid:", "---\n\nid:")
	load(code) // parses it, and keeps it in the cache
	repo, _ = load(code)
	if got := src(repo).At("deed", "summary"); got.Line != want.Line+1 {
		t.Errorf("after a line added above: %v, want line %d", got, want.Line+1)
	}
}

// FuzzParseShard: whatever a shard file's body holds, parseShard gives
// its entries or nil, never a panic, and entries it gives are written
// back (writeShard) to a body that parses to the same entries.
func FuzzParseShard(f *testing.F) {
	e := &storeEntry{path: "records/heroes/a/H-1.md", key: [32]byte{1}, sum: [32]byte{2}, stat: fileStat{dev: 1, ino: 2, size: 3, mtime: 4, ctime: 5}, offset: 1, bodyLine: 9, body: "叙事", val: []byte("s\x01x")}
	site := &storeEntry{path: "records/site.yaml", val: []byte("z")}
	_, k := keyOf(e.path)
	_, ks := keyOf(site.path)
	b := shardBody(map[pathKey]*storeEntry{k: e, ks: site})
	f.Add(b)
	f.Add(b[:len(b)/2])
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, body []byte) {
		m := parseShard(body)
		if m == nil {
			return
		}
		again := parseShard(shardBody(m))
		if len(again) != len(m) {
			t.Fatalf("%d entries written, %d read back", len(m), len(again))
		}
		for k, e := range m {
			p := e.path
			if _, want := keyOf(p); k != want {
				t.Fatalf("%s: parsed under another path's key", p)
			}
			a, ok := again[k]
			if !ok {
				t.Fatalf("%s written, not read back", p)
			}
			x, y := *a, *e
			x.val, y.val = nil, nil // an empty value may be read back as an empty slice or nil
			if !reflect.DeepEqual(x, y) || string(a.val) != string(e.val) {
				t.Fatalf("%s: wrote %+v, read back %+v", p, e, a)
			}
		}
	})
}

// shardBody is what writeShard writes of entries, without its format's
// line and its seal.
func shardBody(entries map[pathKey]*storeEntry) []byte {
	dir, err := os.MkdirTemp("", "shard")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	r, err := os.OpenRoot(dir)
	if err != nil {
		panic(err)
	}
	defer r.Close()
	b := writeShard(r, "s", entries, nil)
	return b[len(storeFormat) : len(b)-32]
}
