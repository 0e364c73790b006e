package publish

import (
	"fmt"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/site"
)

// BenchmarkRebuildKept: a build of a site of 10,000 files of which none
// changed, both trees holding them: Begin, every file kept, Finish,
// Publish. What a rebuild after one edit spends on the pages it does not
// render (the manifests, finding each file, the status of each).
func BenchmarkRebuildKept(b *testing.B) {
	const n = 10000
	dir := b.TempDir()
	names := make([]string, n)
	keys := make([]site.Key, n)
	for i := range names {
		names[i] = fmt.Sprintf("heroes/H-%d-%04d.html", 2016+i%5, i)
		keys[i] = site.NewInputs("bench").Int(i).Done()
	}
	build := func() (kept int) {
		o, err := Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		defer o.Close()
		tr, err := o.Begin("public")
		if err != nil {
			b.Fatal(err)
		}
		for i, name := range names {
			ok, err := tr.Keep(name, keys[i])
			if err != nil {
				b.Fatal(err)
			}
			if ok {
				kept++
			} else if err := tr.Put(name, []byte(name), keys[i]); err != nil {
				b.Fatal(err)
			}
		}
		if err := tr.Finish(); err != nil {
			b.Fatal(err)
		}
		if err := o.Publish(tr); err != nil {
			b.Fatal(err)
		}
		return kept
	}
	build()
	build()
	b.ReportAllocs()
	for b.Loop() {
		if kept := build(); kept != n {
			b.Fatalf("kept %d of %d", kept, n)
		}
	}
}
