package serve

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/yancheng-jyyw/roll/internal/synth"
)

// BenchmarkServeRebuild is what a clerk waits for in roll serve between
// saving an edit to one hero and the new pages being served: the check
// of every record, then both sites rendered into memory from the
// previous build (issue 13's target: at most 1 s at 10,000 heroes).
func BenchmarkServeRebuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("heroes=%d", n), func(b *testing.B) {
			dir, err := synth.Cached(synth.Options{Heroes: n, Seed: 1, Year: 2020})
			if err != nil {
				b.Fatal(err)
			}
			files, _ := filepath.Glob(filepath.Join(dir, "records", "heroes", "sheyang", "*.md"))
			if len(files) == 0 {
				b.Fatal("no hero in sheyang")
			}
			file := files[0]
			orig, err := os.ReadFile(file)
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { os.WriteFile(file, orig, 0o644) })
			s := newServer(&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080},
				Options{Root: dir, Today: time.Date(2020, 12, 31, 0, 0, 0, 0, time.UTC)})
			if g := s.build("first"); !g.built() {
				b.Fatalf("first build failed: %v %v", g.err, g.findings)
			}
			i := 0
			for b.Loop() {
				i++
				edited := bytes.Replace(orig, []byte("summary: "), []byte(fmt.Sprintf("summary: %d", i%2)), 1)
				if err := os.WriteFile(file, edited, 0o644); err != nil {
					b.Fatal(err)
				}
				if g := s.build(fmt.Sprint(i)); !g.built() {
					b.Fatalf("rebuild failed: %v %v", g.err, g.findings)
				}
			}
		})
	}
}
