package portrait

import (
	"bytes"
	"image/jpeg"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/portrait/portraittest"
)

// fuzzPixels bounds the photos FuzzPortrait renders: a mutated header
// may declare up to MaxPixels, which Render accepts by design, and each
// such input would cost the fuzzer a second; the decoding code is the
// same at 4 megapixels.
const fuzzPixels = 1 << 20

// FuzzPortrait gives a photo's bytes to the check and, when the check
// accepts them, to the decoder and encoder the sites use. Whatever the
// bytes, Inspect and Render return, never panic; Render refuses what
// Inspect refuses; and what Render makes is a JPEG of the size asked
// for, holding nothing but the image's own segments.
func FuzzPortrait(f *testing.F) {
	f.Add(photo(240, 320, 6, portraittest.Meta{GPS: true, Thumbnail: true, Comment: "c"}))
	f.Add(photo(240, 320, 3, portraittest.Meta{XMP: "<x/>", ICC: true, LittleEnd: true, Trailer: []byte("tail")}))
	f.Add(photo(320, 240, 8, portraittest.Meta{}))
	f.Add(headers(0xC0, 300, 400, 1))
	f.Add(headers(0xC2, 300, 400, 3))
	f.Add(headers(0xC0, 60000, 60000, 1))
	f.Fuzz(func(t *testing.T, data []byte) {
		info, msg := Inspect(data)
		if msg != nil {
			if _, err := Render(data, []Size{Card}); err == nil {
				t.Fatalf("Render accepts a photo Inspect refuses: %s", text(msg))
			}
			return
		}
		if info.Width < MinWidth || info.Height < MinHeight || info.Orientation < 1 || info.Orientation > 8 {
			t.Fatalf("Inspect accepts %+v", info)
		}
		if info.Width*info.Height > fuzzPixels {
			return
		}
		sizes := Sizes(info.Width, info.Height)
		out, err := Render(data, sizes)
		if err != nil {
			return // damaged image data: an error for the build, not a panic
		}
		if len(out) != len(sizes) {
			t.Fatalf("Render made %d files for %d sizes", len(out), len(sizes))
		}
		for i, b := range out {
			if err := portraittest.Clean(b); err != nil {
				t.Fatalf("size %v: %v", sizes[i], err)
			}
			cfg, err := jpeg.DecodeConfig(bytes.NewReader(b))
			if err != nil || cfg.Width != sizes[i].Width || cfg.Height != sizes[i].Height {
				t.Fatalf("size %v: %d×%d (%v)", sizes[i], cfg.Width, cfg.Height, err)
			}
		}
	})
}
