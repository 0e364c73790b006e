package portrait

import (
	"bytes"
	"image/jpeg"
	"syscall"
	"testing"
	"time"

	"github.com/yancheng-jyyw/roll/internal/portrait/portraittest"
)

// BenchmarkRender renders a phone's 12-megapixel photo, stored turned
// (orientation 6), in the three sizes the sites show; and a 0.5
// megapixel one, the size of the samples.
func BenchmarkRender(b *testing.B) {
	for _, c := range []struct {
		name string
		w, h int
	}{{"12MP", 3000, 4000}, {"0.5MP", 600, 800}} {
		data := photo(c.w, c.h, 6, portraittest.Meta{GPS: true, Thumbnail: true})
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			start := cpu()
			for b.Loop() {
				if _, err := Render(data, Sizes(c.w, c.h)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpu()-start)/float64(b.N)/1e6, "cpu-ms/op")
		})
		b.Run(c.name+"/decode", func(b *testing.B) {
			for b.Loop() {
				if _, err := jpeg.Decode(bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(c.name+"/inspect", func(b *testing.B) {
			for b.Loop() {
				if _, msg := Inspect(data); msg != nil {
					b.Fatal(msg)
				}
			}
		})
	}
}

// cpu is the CPU time (user and system) of the process so far: on a
// machine shared with other work, wall times say little.
func cpu() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
