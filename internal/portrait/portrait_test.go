package portrait

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/portrait/portraittest"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

var english = message.NewPrinter(language.English)

func text(m finding.Message) string {
	if m == nil {
		return ""
	}
	return m.Localize(english)
}

// photo is a w×h figure, upright, stored with orientation o and the
// metadata of m.
func photo(w, h, o int, m portraittest.Meta) []byte {
	m.Orientation = o
	return portraittest.JPEG(portraittest.Store(portraittest.Figure(w, h, 200, true), o), m)
}

// headers is a JPEG of headers only: SOI, a frame of w×h, one scan of a
// few bytes of data and EOI. Inspect reads no further; no decoder would
// make an image of it.
func headers(sof byte, w, h int, scans int) []byte {
	b := []byte{0xFF, 0xD8}
	frame := []byte{8, 0, 0, 0, 0, 1, 1, 0x11, 0}
	binary.BigEndian.PutUint16(frame[1:], uint16(h))
	binary.BigEndian.PutUint16(frame[3:], uint16(w))
	b = append(b, 0xFF, 0xDB, 0, 67, 0) // DQT: table 0, 64 ones
	b = append(b, bytes.Repeat([]byte{1}, 64)...)
	b = append(b, 0xFF, 0xC4, 0, 20, 0, 1) // DHT: DC table 0, one code of one bit
	b = append(b, make([]byte, 15)...)
	b = append(b, 0)
	b = append(b, 0xFF, sof, 0, byte(len(frame)+2))
	b = append(b, frame...)
	for range scans {
		b = append(b, 0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 63, 0, 0x12, 0x34)
	}
	return append(b, 0xFF, 0xD9)
}

// tablesAfterScan is the JPEG of headers whose DQT and DHT segments are
// left out: its scan has no tables to decode with.
func tablesAfterScan(b []byte) []byte {
	dqt := bytes.Index(b, []byte{0xFF, 0xDB})
	sof := bytes.Index(b, []byte{0xFF, 0xC0})
	return append(slices.Clone(b[:dqt]), b[sof:]...)
}

func TestInspect(t *testing.T) {
	good := photo(300, 400, 1, portraittest.Meta{})
	huge := headers(0xC0, 60000, 60000, 1)
	tests := []struct {
		name string
		data []byte
		want string // the English finding; "" for a usable photo
		w, h int    // upright size of a usable photo
	}{
		{"usable", good, "", 300, 400},
		{"smallest", photo(240, 320, 1, portraittest.Meta{}), "", 240, 320},
		{"turned upright by its orientation", photo(240, 320, 6, portraittest.Meta{}), "", 240, 320},
		{"stored upright, too low", photo(320, 240, 1, portraittest.Meta{}), "the photo is 320×240 pixels upright, smaller than the 240×320 a portrait needs; use a larger photo", 0, 0},
		{"too small", photo(200, 300, 1, portraittest.Meta{}), "the photo is 200×300 pixels upright, smaller than the 240×320 a portrait needs; use a larger photo", 0, 0},
		{"every metadata", photo(300, 400, 8, portraittest.Meta{GPS: true, Thumbnail: true, XMP: "<x/>", ICC: true, Comment: "c", Trailer: []byte("tail")}), "", 300, 400},
		{"huge dimensions", huge, "the photo is 60000×60000 pixels, more than the 40,000,000 pixels roll decodes; save it smaller", 0, 0},
		{"progressive header", headers(0xC2, 300, 400, 10), "", 300, 400},
		{"too many scans", headers(0xC2, 300, 400, MaxScans+1), "this JPEG has more than 50 scans; save the photo again as an ordinary JPEG", 0, 0},
		{"arithmetic coding", headers(0xC9, 300, 400, 1), "this JPEG uses a coding roll cannot read (lossless, hierarchical or arithmetic); save the photo again as an ordinary JPEG", 0, 0},
		{"lossless", headers(0xC3, 300, 400, 1), "this JPEG uses a coding roll cannot read (lossless, hierarchical or arithmetic); save the photo again as an ordinary JPEG", 0, 0},
		{"height by DNL", headers(0xC0, 300, 0, 1), "this JPEG uses a coding roll cannot read (lossless, hierarchical or arithmetic); save the photo again as an ordinary JPEG", 0, 0},
		{"cut short", good[:len(good)/2], "the JPEG ends before its image does: the file was cut short; copy the photo again", 0, 0},
		{"no EOI", good[:len(good)-2], "the JPEG ends before its image does: the file was cut short; copy the photo again", 0, 0},
		{"no scan", []byte{0xFF, 0xD8, 0xFF, 0xD9}, "the JPEG is damaged: its parts do not fit together; save the photo again as JPEG", 0, 0},
		{"a scan before its tables", tablesAfterScan(headers(0xC0, 300, 400, 1)), "the JPEG is damaged: its parts do not fit together; save the photo again as JPEG", 0, 0},
		{"garbage after SOI", append([]byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0}, "not a marker"...), "the JPEG is damaged: its parts do not fit together; save the photo again as JPEG", 0, 0},
		{"segment past the end", []byte{0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF, 1, 2}, "the JPEG ends before its image does: the file was cut short; copy the photo again", 0, 0},
		{"PNG", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR"), "this is a PNG image, not a JPEG; save or export the photo as JPEG (.jpg)", 0, 0},
		{"HEIC", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), "this is a HEIC image, not a JPEG; save or export the photo as JPEG (.jpg)", 0, 0},
		{"WebP", []byte("RIFF\x10\x00\x00\x00WEBPVP8 "), "this is a WebP image, not a JPEG; save or export the photo as JPEG (.jpg)", 0, 0},
		{"GIF", []byte("GIF89a\x01\x00\x01\x00"), "this is a GIF image, not a JPEG; save or export the photo as JPEG (.jpg)", 0, 0},
		{"text", []byte("hello"), "this is not a JPEG image; save or export the photo as JPEG (.jpg)", 0, 0},
		{"empty", nil, "this is not a JPEG image; save or export the photo as JPEG (.jpg)", 0, 0},
		{"over the byte limit", append([]byte{0xFF, 0xD8, 0xFF}, make([]byte, MaxBytes)...), "the photo has 8,388,611 bytes, more than the 8,388,608 a portrait may have; save it smaller (a phone's photo at its usual size is 2 to 5 MB)", 0, 0},
	}
	for _, tt := range tests {
		info, msg := Inspect(tt.data)
		if got := text(msg); got != tt.want {
			t.Errorf("%s: Inspect = %q, want %q", tt.name, got, tt.want)
			continue
		}
		if tt.want == "" && (info.Width != tt.w || info.Height != tt.h) {
			t.Errorf("%s: Inspect size = %d×%d, want %d×%d", tt.name, info.Width, info.Height, tt.w, tt.h)
		}
	}
}

func TestOrientationTag(t *testing.T) {
	for o := 1; o <= 8; o++ {
		for _, le := range []bool{false, true} {
			data := portraittest.JPEG(image.NewGray(image.Rect(0, 0, 8, 8)), portraittest.Meta{Orientation: o, GPS: true, Thumbnail: true, LittleEnd: le})
			h, prob := walk(data)
			if prob != fine || h.orientation != o {
				t.Errorf("orientation %d (little-endian %v): walk = %d, problem %d", o, le, h.orientation, prob)
			}
		}
	}
	tiff := func(order string, tagID, typ uint16, count uint32, v uint16) []byte {
		var bo binary.ByteOrder = binary.BigEndian
		if order == "II" {
			bo = binary.LittleEndian
		}
		b := make([]byte, 8+2+12+4)
		copy(b, order)
		bo.PutUint16(b[2:], 42)
		bo.PutUint32(b[4:], 8)
		bo.PutUint16(b[8:], 1)
		bo.PutUint16(b[10:], tagID)
		bo.PutUint16(b[12:], typ)
		bo.PutUint32(b[14:], count)
		bo.PutUint16(b[18:], v)
		return b
	}
	tests := []struct {
		name string
		tiff []byte
		want int
	}{
		{"big-endian", tiff("MM", 0x0112, 3, 1, 6), 6},
		{"little-endian", tiff("II", 0x0112, 3, 1, 8), 8},
		{"another tag", tiff("MM", 0x0110, 3, 1, 6), 1},
		{"value 0", tiff("MM", 0x0112, 3, 1, 0), 1},
		{"value 9", tiff("MM", 0x0112, 3, 1, 9), 1},
		{"not a SHORT", tiff("MM", 0x0112, 4, 1, 6), 1},
		{"two values", tiff("MM", 0x0112, 3, 2, 6), 1},
		{"not TIFF", append([]byte("XX"), tiff("MM", 0x0112, 3, 1, 6)[2:]...), 1},
		{"cut in the entry", tiff("MM", 0x0112, 3, 1, 6)[:16], 1},
		{"IFD0 past the end", []byte("MM\x00\x2a\xff\xff\xff\xf0"), 1},
		{"empty", nil, 1},
	}
	for _, tt := range tests {
		if got := orientation(tt.tiff); got != tt.want {
			t.Errorf("%s: orientation = %d, want %d", tt.name, got, tt.want)
		}
	}
}

// clean fails unless a published file has only the segments an image
// needs (portraittest.Clean).
func clean(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := portraittest.Clean(data); err != nil {
		t.Errorf("%s: %v", name, err)
	}
}

func TestRenderStripsMetadata(t *testing.T) {
	in := photo(600, 800, 6, portraittest.Meta{
		GPS: true, Thumbnail: true, XMP: `<x:xmpmeta xmlns:x="adobe:ns:meta/">exif:GPSLatitude</x:xmpmeta>`,
		ICC: true, Comment: "拍摄于示例路", Trailer: []byte("MPF second image"),
	})
	for _, s := range []string{"Exif", "GPS", "ICC_PROFILE", "xmpmeta", "拍摄于示例路", "MPF second image", "Examplec"} {
		if !bytes.Contains(in, []byte(s)) {
			t.Fatalf("the input lacks %q: the test would prove nothing", s)
		}
	}
	if portraittest.Clean(in) == nil {
		t.Fatal("portraittest.Clean accepts the photo with its metadata: it would prove nothing")
	}
	sizes := Sizes(600, 800)
	out, err := Render(in, sizes)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 3 {
		t.Fatalf("Render gave %d files, want 3 (card, page, large)", len(out))
	}
	for i, b := range out {
		name := Path("H-2020-0001", sizes[i])
		clean(t, name, b)
		for _, s := range []string{"Exif", "GPS", "ICC_PROFILE", "xmpmeta", "拍摄于示例路", "MPF", "Examplec", "JFIF"} {
			if bytes.Contains(b, []byte(s)) {
				t.Errorf("%s holds %q", name, s)
			}
		}
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(b))
		if err != nil || cfg.Width != sizes[i].Width || cfg.Height != sizes[i].Height {
			t.Errorf("%s: %d×%d (%v), want %d×%d", name, cfg.Width, cfg.Height, err, sizes[i].Width, sizes[i].Height)
		}
	}
}

// near reports whether two colors are within the error of JPEG.
func near(a color.Color, b color.RGBA) bool {
	r, g, bb, _ := a.RGBA()
	d := func(x uint32, y uint8) int { return max(int(x>>8)-int(y), int(y)-int(x>>8)) }
	return d(r, b.R) < 40 && d(g, b.G) < 40 && d(bb, b.B) < 40
}

// TestRenderOrientation: a phone's photo with EXIF (a GPS position and
// an orientation tag) goes in, stored as each of the eight orientations;
// what comes out has no EXIF segment and is upright.
func TestRenderOrientation(t *testing.T) {
	for o := 1; o <= 8; o++ {
		in := photo(600, 800, o, portraittest.Meta{GPS: true, Thumbnail: true})
		if h, _ := walk(in); h.orientation != o || !bytes.Contains(in, []byte("Exif\x00\x00")) {
			t.Fatalf("orientation %d: the input's EXIF says %d: the test would prove nothing", o, h.orientation)
		}
		if o >= 5 {
			if cfg, _ := jpeg.DecodeConfig(bytes.NewReader(in)); cfg.Width != 800 {
				t.Fatalf("orientation %d: stored %d wide, want 800", o, cfg.Width)
			}
		}
		out, err := Render(in, []Size{Page})
		if err != nil {
			t.Fatal(err)
		}
		clean(t, fmt.Sprintf("orientation %d", o), out[0])
		img, err := jpeg.Decode(bytes.NewReader(out[0]))
		if err != nil {
			t.Fatal(err)
		}
		b := img.Bounds()
		if b.Dx() != 240 || b.Dy() != 320 {
			t.Errorf("orientation %d: %v, want 240×320", o, b.Size())
		}
		for _, c := range []struct {
			name string
			x, y int
			want color.RGBA
		}{
			{"top left", 6, 6, portraittest.TopLeft},
			{"top right", b.Dx() - 7, 6, portraittest.TopRight},
			{"bottom left", 6, b.Dy() - 7, portraittest.BottomLeft},
		} {
			if got := img.At(c.x, c.y); !near(got, c.want) {
				t.Errorf("orientation %d: %s is %v, want %v", o, c.name, got, c.want)
			}
		}
	}
}

func TestCropAndSizes(t *testing.T) {
	tests := []struct {
		w, h  int
		crop  image.Rectangle
		sizes int
	}{
		{300, 400, image.Rect(0, 0, 300, 400), 2},
		{480, 640, image.Rect(0, 0, 480, 640), 3},
		{4000, 3000, image.Rect(875, 0, 3125, 3000), 3},  // landscape: the middle
		{1080, 1920, image.Rect(0, 120, 1080, 1560), 3},  // tall: a quarter of the extra from the top
		{479, 2000, image.Rect(0, 340, 479, 340+638), 2}, // not enough for Large
		{240, 320, image.Rect(0, 0, 240, 320), 2},
	}
	for _, tt := range tests {
		if got := crop(tt.w, tt.h); got != tt.crop {
			t.Errorf("crop(%d, %d) = %v, want %v", tt.w, tt.h, got, tt.crop)
		}
		if got := len(Sizes(tt.w, tt.h)); got != tt.sizes {
			t.Errorf("len(Sizes(%d, %d)) = %d, want %d", tt.w, tt.h, got, tt.sizes)
		}
	}
}

// TestBombs: a photo whose header declares too many pixels is refused by
// Inspect and Render before anything is allocated for its pixels.
func TestBombs(t *testing.T) {
	bombs := map[string][]byte{
		"60000×60000 baseline":    headers(0xC0, 60000, 60000, 1),
		"65535×65535 progressive": headers(0xC2, 65535, 65535, 3),
		"40,000,001 pixels":       headers(0xC0, 40_000_001/7+1, 7, 1),
	}
	for name, data := range bombs {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, msg := Inspect(data)
		_, err := Render(data, []Size{Card, Page, Large})
		runtime.ReadMemStats(&after)
		if msg == nil || err == nil {
			t.Errorf("%s: Inspect %v, Render error %v: want both to refuse it", name, msg, err)
		}
		if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
			t.Errorf("%s: refusing it allocated %d bytes", name, grew)
		}
	}
}

// TestSamples renders the sample records' portraits: their files carry
// EXIF with a GPS position (the generator, gen/, writes them so), and
// what is published carries nothing.
func TestSamples(t *testing.T) {
	files, _ := filepath.Glob("../../records/heroes/*/*.jpg")
	if len(files) < 3 {
		t.Fatalf("%d sample portraits, want 3 (go run ./internal/portrait/gen)", len(files))
	}
	turned := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(data, []byte("Exif\x00\x00")) || !bytes.Contains(data, []byte{0x88, 0x25}) && !bytes.Contains(data, []byte{0x25, 0x88}) {
			t.Errorf("%s: no EXIF with a GPS position: the sample tests nothing", f)
		}
		info, msg := Inspect(data)
		if msg != nil {
			t.Fatalf("%s: %s", f, text(msg))
		}
		if info.Orientation != 1 {
			turned++
		}
		sizes := Sizes(info.Width, info.Height)
		out, err := Render(data, sizes)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for i, b := range out {
			clean(t, f, b)
			if bytes.Contains(b, []byte("Exif")) {
				t.Errorf("%s: size %v holds Exif", f, sizes[i])
			}
		}
	}
	if turned == 0 {
		t.Error("no sample is stored turned (an EXIF orientation other than 1)")
	}
}

func TestSniffNamesOnlyOthers(t *testing.T) {
	if s := sniff(photo(300, 400, 1, portraittest.Meta{})); s != "" {
		t.Errorf("sniff(JPEG) = %q", s)
	}
	if !strings.Contains(Settings, runtime.Version()) {
		t.Errorf("Settings %q does not name Go's version", Settings)
	}
}

// TestRenderDeterministic: the same photo gives the same bytes, rendered
// one after the other or at once, and whatever other sizes are asked with
// it, so that two builds of the same records publish the same files.
func TestRenderDeterministic(t *testing.T) {
	in := photo(600, 800, 6, portraittest.Meta{GPS: true})
	want, err := Render(in, Sizes(600, 800))
	if err != nil {
		t.Fatal(err)
	}
	got := make([][][]byte, 4)
	errs := make([]error, len(got))
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() { got[i], errs[i] = Render(in, Sizes(600, 800)) })
	}
	wg.Wait()
	// Each size asked alone, or with another, is the same bytes: a file
	// is keyed by the photo and its size only.
	for j, s := range Sizes(600, 800) {
		for _, asked := range [][]Size{{s}, {s, Card}, {Large, s}} {
			alone, err := Render(in, asked)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(alone[slices.Index(asked, s)], want[j]) {
				t.Errorf("size %v asked as %v: other bytes than with every size", s, asked)
			}
		}
	}
	for i := range got {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		for j := range want {
			if !bytes.Equal(got[i][j], want[j]) {
				t.Errorf("render %d, size %v: other bytes than the first render", i, Sizes(600, 800)[j])
			}
		}
	}
}
