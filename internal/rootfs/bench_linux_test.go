package rootfs

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/statbatch"
)

// BenchmarkWalkStatuses walks 10,000 files in 20 folders and asks the
// status of each, as a warm load of records does, through the ring and
// with fstatat one by one.
func BenchmarkWalkStatuses(b *testing.B) {
	dir := b.TempDir()
	for d := range 20 {
		sub := filepath.Join(dir, "records", "heroes", fmt.Sprintf("j%02d", d))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			b.Fatal(err)
		}
		for i := range 500 {
			if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("H-2019-%04d.md", i)), []byte("x"), 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
	r, err := os.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	for _, c := range []struct {
		name  string
		stats func() stater
	}{{"ring", statbatch.New}, {"fstatat", statbatch.NewFallback}} {
		b.Run(c.name, func(b *testing.B) {
			f := newFS(r, c.stats())
			defer f.Close()
			if c.name == "ring" && !f.stats.Batched() {
				b.Skip("no io_uring here")
			}
			b.ReportAllocs()
			for b.Loop() {
				n := 0
				err := fs.WalkDir(f, "records", func(p string, d fs.DirEntry, err error) error {
					if err != nil || d.IsDir() {
						return err
					}
					if _, err := d.Info(); err != nil {
						return err
					}
					n++
					return nil
				})
				if err != nil || n != 10000 {
					b.Fatal(n, err)
				}
			}
		})
	}
}
