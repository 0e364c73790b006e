package serve

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
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
			dir, file, orig := heroToEdit(b, n)
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

// BenchmarkServeEdit is issue 13's figure for roll serve: the time from
// saving an edit to one hero's narrative to the server answering with the
// new bytes of the hero's page, a real server polling its folders at the
// default interval and a client asking every 10 ms.
func BenchmarkServeEdit(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("heroes=%d", n), func(b *testing.B) {
			dir, file, orig := heroToEdit(b, n)
			id := strings.TrimSuffix(filepath.Base(file), ".md")
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				b.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() {
				done <- Serve(ctx, ln, Options{Root: dir, Today: time.Date(2020, 12, 31, 0, 0, 0, 0, time.UTC)})
			}()
			defer func() { cancel(); <-done }()
			page := "http://" + ln.Addr().String() + "/heroes/" + id + ".html"
			waitFor := func(want string) {
				deadline := time.Now().Add(5 * time.Minute)
				for {
					resp, err := http.Get(page)
					if err == nil {
						body, _ := io.ReadAll(resp.Body)
						resp.Body.Close()
						if resp.StatusCode == http.StatusOK && bytes.Contains(body, []byte(want)) {
							return
						}
					}
					if time.Now().After(deadline) {
						b.Fatalf("%s never showed %q", page, want)
					}
					time.Sleep(10 * time.Millisecond)
				}
			}
			waitFor(id)
			i := 0
			for b.Loop() {
				i++
				mark := fmt.Sprintf("补记第%d句。", i)
				if err := os.WriteFile(file, append(slices.Clone(orig), "\n"+mark+"\n"...), 0o644); err != nil {
					b.Fatal(err)
				}
				waitFor(mark)
			}
		})
	}
}

// heroToEdit returns a generated repository of n heroes, the file of one
// of its heroes and that file's bytes, which are put back when b ends.
func heroToEdit(b *testing.B, n int) (dir, file string, orig []byte) {
	b.Helper()
	dir, err := synth.Cached(synth.Options{Heroes: n, Seed: 1, Year: 2020})
	if err != nil {
		b.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "records", "heroes", "sheyang", "*.md"))
	if len(files) == 0 {
		b.Fatal("no hero in sheyang")
	}
	file = files[0]
	if orig, err = os.ReadFile(file); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { os.WriteFile(file, orig, 0o644) })
	return dir, file, orig
}
