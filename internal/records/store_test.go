package records

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/model"
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
		{name: "another roll", code: 2, wantHits: func(int) int { return 0 }},
		{name: "a shard cut short", code: 2, change: func(t *testing.T) {
			damage(t, cacheDir, func(b []byte) []byte { return b[:len(b)/2] })
		}, wantHits: func(n int) int { return n - sameShard }},
		{name: "a shard altered", code: 2, change: func(t *testing.T) {
			damage(t, cacheDir, func(b []byte) []byte { b[len(b)/2] ^= 1; return b })
		}, wantHits: func(n int) int { return n - sameShard }},
		{name: "a record deleted", code: 2, change: func(t *testing.T) {
			if err := os.Remove(filepath.Join(dir, "records/visits/2020/V-2020-0001.yaml")); err != nil {
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
	return &c
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
