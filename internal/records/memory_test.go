package records

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// TestMemoryTrusted: a file in the memory cache is taken by its status
// only when every part of that status is the one it was read with, and
// both its times were then older than settleTime. Leaving a part out of
// fileStat, or the times' age out of trusted, makes a row fail.
func TestMemoryTrusted(t *testing.T) {
	read := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	old := read.Add(-time.Hour).UnixNano()
	st := fileStat{dev: 1, ino: 2, size: 3, mtime: old, ctime: old}
	e := cached{stat: st, read: read}
	for _, tc := range []struct {
		name string
		e    cached
		st   fileStat
		want bool
	}{
		{"the same status, old", e, st, true},
		{"another device", e, fileStat{dev: 9, ino: 2, size: 3, mtime: old, ctime: old}, false},
		{"another inode (a save through a new file)", e, fileStat{dev: 1, ino: 9, size: 3, mtime: old, ctime: old}, false},
		{"another size", e, fileStat{dev: 1, ino: 2, size: 9, mtime: old, ctime: old}, false},
		{"another modification time", e, fileStat{dev: 1, ino: 2, size: 3, mtime: old + 1, ctime: old}, false},
		{"another change time (the time set back)", e, fileStat{dev: 1, ino: 2, size: 3, mtime: old, ctime: old + 1}, false},
		{"modified just before it was read", cached{stat: fileStat{dev: 1, ino: 2, size: 3, mtime: read.UnixNano() - 1, ctime: old}, read: read},
			fileStat{dev: 1, ino: 2, size: 3, mtime: read.UnixNano() - 1, ctime: old}, false},
		{"changed just before it was read", cached{stat: fileStat{dev: 1, ino: 2, size: 3, mtime: old, ctime: read.UnixNano() - 1}, read: read},
			fileStat{dev: 1, ino: 2, size: 3, mtime: old, ctime: read.UnixNano() - 1}, false},
		{"no status known", cached{read: read}, fileStat{}, false},
	} {
		if got := tc.e.trusted(tc.st); got != tc.want {
			t.Errorf("%s: trusted = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestMemoryCacheByStatus: once its files are old enough, a load through
// the memory cache reads none of the files that did not change, and sees
// an edit that kept the file's size and set its modification time back.
func TestMemoryCacheByStatus(t *testing.T) {
	dir := repoCopy(t)
	set := compile(t)
	const file = "records/heroes/sheyang/H-2019-0002.md"
	hero := filepath.Join(dir, file)
	later := time.Now().Add(time.Hour) // every file is old by then
	cache := &Cache{now: func() time.Time { return later }}
	summary := func() string {
		t.Helper()
		root, err := os.OpenRoot(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer root.Close()
		repo, _ := LoadCached(root.FS(), set, cache)
		for _, h := range repo.Heroes {
			if h.Src.File == file {
				return h.Deed.Summary
			}
		}
		t.Fatalf("%s not loaded", file)
		return ""
	}
	orig := summary()
	files := len(cache.m) // the records; portraits are not kept
	before := cache.statHits.Load()
	if got := summary(); got != orig {
		t.Fatalf("an unchanged load gave the summary %q, then %q", orig, got)
	}
	if got := int(cache.statHits.Load() - before); runtime.GOOS == "linux" && got != files {
		t.Errorf("an unchanged load took %d files by their status, want %d", got, files)
	}
	fi, err := os.Stat(hero)
	if err != nil {
		t.Fatal(err)
	}
	// The same number of bytes, and the modification time as it was.
	replaceIn(t, hero, "summary: 三人", "summary: 四人")
	if err := os.Chtimes(hero, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	if got := summary(); got == orig || got == "" {
		t.Errorf("an edit keeping the size and the modification time was not seen: summary still %q", got)
	}
}
