package statbatch

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// BenchmarkStat takes the statuses of the 2,000 files of one folder, as
// a folder of records is, through the ring and with fstatat.
func BenchmarkStat(b *testing.B) {
	dir := b.TempDir()
	names := make([]string, 2000)
	for i := range names {
		names[i] = fmt.Sprintf("H-2019-%04d.md", i)
		if err := os.WriteFile(filepath.Join(dir, names[i]), []byte("x"), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	d, err := os.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	dirfds := make([]int, len(names))
	for i := range dirfds {
		dirfds[i] = int(d.Fd())
	}
	sts := make([]unix.Stat_t, len(names))
	errs := make([]error, len(names))
	for _, c := range []struct {
		name string
		s    *Stater
	}{{"ring", New()}, {"fstatat", NewFallback()}} {
		b.Run(c.name, func(b *testing.B) {
			if c.name == "ring" && !c.s.Batched() {
				b.Skip("no io_uring here")
			}
			for b.Loop() {
				c.s.Stat(dirfds, names, sts, errs)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(names)), "ns/status")
		})
		c.s.Close()
	}
}
