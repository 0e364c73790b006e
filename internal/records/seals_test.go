package records

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"
	"time"
)

// TestSealTrusts: a shard's seal is taken without hashing only when every
// part of its file's status and the seal it ends with are the ones noted,
// and both its times were then settleTime older than when the status was
// taken. Leaving a part out of the comparison makes a row fail.
func TestSealTrusts(t *testing.T) {
	seen := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC).UnixNano()
	old := seen - int64(time.Hour)
	st := fileStat{dev: 1, ino: 2, size: 3, mtime: old, ctime: old}
	sum := [sha256.Size]byte{9}
	s := seal{stat: st, seen: seen, sum: sum}
	for _, tc := range []struct {
		name string
		s    seal
		st   fileStat
		sum  [sha256.Size]byte
		want bool
	}{
		{"the same status and seal, old", s, st, sum, true},
		{"another seal", s, st, [sha256.Size]byte{8}, false},
		{"another device", s, fileStat{dev: 9, ino: 2, size: 3, mtime: old, ctime: old}, sum, false},
		{"another inode (a file put in its place)", s, fileStat{dev: 1, ino: 9, size: 3, mtime: old, ctime: old}, sum, false},
		{"another size", s, fileStat{dev: 1, ino: 2, size: 9, mtime: old, ctime: old}, sum, false},
		{"another modification time", s, fileStat{dev: 1, ino: 2, size: 3, mtime: old + 1, ctime: old}, sum, false},
		{"another change time (written, its time set back)", s, fileStat{dev: 1, ino: 2, size: 3, mtime: old, ctime: old + 1}, sum, false},
		{"modified just before its status was taken", seal{stat: fileStat{dev: 1, ino: 2, size: 3, mtime: seen - 1, ctime: old}, seen: seen, sum: sum},
			fileStat{dev: 1, ino: 2, size: 3, mtime: seen - 1, ctime: old}, sum, false},
		{"changed just before its status was taken", seal{stat: fileStat{dev: 1, ino: 2, size: 3, mtime: old, ctime: seen - 1}, seen: seen, sum: sum},
			fileStat{dev: 1, ino: 2, size: 3, mtime: old, ctime: seen - 1}, sum, false},
		{"no status known", seal{seen: seen, sum: sum}, fileStat{}, sum, false},
	} {
		if got := tc.s.trusts(tc.st, tc.sum[:]); got != tc.want {
			t.Errorf("%s: trusts = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestShardsTrustedByStatus: once a run has checked the shards' seals and
// the files are old enough, a load hashes none of them and gives the
// records of a load without the cache; a shard altered in place with its
// size and modification time kept is hashed, refused, and its records
// read from their files; a damaged or foreign seals' file trusts nothing.
func TestShardsTrustedByStatus(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("only Linux's file status is trusted")
	}
	dir := repoCopy(t)
	set := compile(t)
	later := time.Now().Add(time.Hour) // every file is old by then
	seals := filepath.Join(dir, sealsFile)
	load := func(name string) (hashed, hits int) {
		t.Helper()
		cache := OnDisk(dir, [32]byte{5})
		cache.disk.now = func() time.Time { return later }
		root, err := os.OpenRoot(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer root.Close()
		repo, list := LoadCached(root.FS(), set, cache)
		wantRepo, wantList := Load(root.FS(), set)
		if !reflect.DeepEqual(strip(repo), strip(wantRepo)) {
			t.Errorf("%s: the records differ from a load without the cache", name)
		}
		if got, want := show(list), show(wantList); got != want {
			t.Errorf("%s: findings\n%s\nwant\n%s", name, got, want)
		}
		return int(cache.disk.hashed.Load()), int(cache.disk.hits.Load())
	}
	load("cold") // writes the shards
	shards, _ := filepath.Glob(filepath.Join(dir, storeDir, "[0-9a-f][0-9a-f]"))
	if len(shards) < 10 {
		t.Fatalf("%d shards written", len(shards))
	}
	if hashed, _ := load("the shards checked"); hashed != len(shards) {
		t.Errorf("the first load after the shards were written hashed %d of %d", hashed, len(shards))
	}
	if _, err := os.Stat(seals); err != nil {
		t.Fatalf("no seals kept: %v", err)
	}
	hashed, all := load("the seals trusted")
	if hashed != 0 {
		t.Errorf("a load with every seal noted hashed %d shards, want none", hashed)
	}

	// One shard altered in place: a byte of a narrative or value, its
	// size and modification time kept, so only its change time tells.
	p := shards[len(shards)/2]
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	entries := parseShard(b[len(storeFormat) : len(b)-sha256.Size])
	b[len(b)-sha256.Size-2] ^= 0x01 // the last entry's value
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	hashed, hits := load("a shard altered in place")
	if hashed != 1 {
		t.Errorf("after a shard was altered, %d shards hashed, want 1", hashed)
	}
	if want := all - len(entries); hits != want {
		t.Errorf("after a shard was altered, %d records from the cache, want %d", hits, want)
	}

	for _, damage := range []struct {
		name string
		f    func([]byte) []byte
	}{
		{"cut", func(b []byte) []byte { return b[:len(b)-1] }},
		{"a byte changed", func(b []byte) []byte { b[len(b)/2] ^= 0x20; return b }},
		{"another format", func(b []byte) []byte { return bytes.Replace(b, []byte("seals 1"), []byte("seals 0"), 1) }},
	} {
		load("checked again") // the altered shard was written again; its seal noted now
		if hashed, _ := load("all trusted"); hashed != 0 {
			t.Fatalf("before the seals are %s: %d shards hashed, want none", damage.name, hashed)
		}
		b, err := os.ReadFile(seals)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(seals, damage.f(b), 0o644); err != nil {
			t.Fatal(err)
		}
		n, _ := filepath.Glob(filepath.Join(dir, storeDir, "[0-9a-f][0-9a-f]"))
		if hashed, _ := load("seals " + damage.name); hashed != len(n) {
			t.Errorf("with the seals %s, %d of %d shards hashed, want all", damage.name, hashed, len(n))
		}
	}
}
