package records_test

import (
	"fmt"
	"io/fs"
	"os"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/records"
	"github.com/yancheng-jyyw/roll/internal/rootfs"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/internal/synth"
)

// BenchmarkLoad reads, validates and decodes every record of a synthetic
// repository (generated once into os.TempDir(), see synth.Cached).
func BenchmarkLoad(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("heroes=%d", n), func(b *testing.B) {
			dir, err := synth.Cached(synth.Options{Heroes: n, Seed: 1, Year: 2020})
			if err != nil {
				b.Fatal(err)
			}
			root, err := os.OpenRoot(dir)
			if err != nil {
				b.Fatal(err)
			}
			defer root.Close()
			fsys := root.FS()
			sub, err := fs.Sub(fsys, "schemas")
			if err != nil {
				b.Fatal(err)
			}
			set, err := schema.Compile(sub)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				repo, list := records.Load(fsys, set)
				if list.Errors() > 0 || len(repo.Heroes) != n {
					b.Fatalf("%d heroes and %d errors, want %d and none", len(repo.Heroes), list.Errors(), n)
				}
			}
		})
	}
}

// BenchmarkLoadFromCache loads the same repository as BenchmarkLoad with
// the cache on disk filled, through the file system roll loads with
// (rootfs): each record is taken by its status and its value decoded
// from the cache instead of parsed and validated, as in a rebuild.
func BenchmarkLoadFromCache(b *testing.B) {
	dir, err := synth.Cached(synth.Options{Heroes: 10000, Seed: 1, Year: 2020})
	if err != nil {
		b.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer root.Close()
	files := rootfs.New(root)
	defer files.Close()
	var fsys fs.FS = files
	sub, err := fs.Sub(fsys, "schemas")
	if err != nil {
		b.Fatal(err)
	}
	set, err := schema.Compile(sub)
	if err != nil {
		b.Fatal(err)
	}
	// The cache goes into the generated repository's .cache/roll.
	records.LoadCached(fsys, set, records.OnDisk(dir, [32]byte{1}))
	b.ReportAllocs()
	for b.Loop() {
		repo, list := records.LoadCached(fsys, set, records.OnDisk(dir, [32]byte{1}))
		if list.Errors() > 0 || len(repo.Heroes) != 10000 {
			b.Fatalf("%d heroes and %d errors", len(repo.Heroes), list.Errors())
		}
	}
}
