// Package portraittest makes photos for the tests of portraits and for
// the sample records: synthetic figures (never a real person), stored in
// any EXIF orientation, carrying the metadata a phone writes (EXIF with a
// GPS position and a thumbnail, XMP, an ICC profile, a comment), so that
// tests can see every piece of it removed.
package portraittest

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math"
)

// Marks are the colors Figure paints in three corners of the upright
// image, so that a test can tell which way up a rendered photo is.
var (
	TopLeft    = color.RGBA{220, 30, 30, 255}
	TopRight   = color.RGBA{30, 180, 40, 255}
	BottomLeft = color.RGBA{30, 60, 220, 255}
)

// Figure draws a w×h upright portrait of no one: a background, a head and
// shoulders in a shade of hue (0 to 360), and, with marks, squares of the
// corner colors a tenth of the width wide.
func Figure(w, h int, hue float64, marks bool) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	bg := hsl(hue, 0.35, 0.85)
	fg := hsl(hue, 0.45, 0.35)
	cx, r := float64(w)/2, float64(w)*0.17
	cy := float64(h) * 0.36
	for y := range h {
		for x := range w {
			fx, fy := float64(x)+0.5, float64(y)+0.5
			c := bg
			// A little gradient, so the encoder has something to do.
			c.R = uint8(float64(c.R) * (0.9 + 0.1*fy/float64(h)))
			head := (fx-cx)*(fx-cx)+(fy-cy)*(fy-cy) < r*r
			sx, sy := (fx-cx)/(float64(w)*0.42), (fy-float64(h)*1.02)/(float64(h)*0.42)
			if head || sx*sx+sy*sy < 1 {
				c = fg
			}
			img.SetRGBA(x, y, c)
		}
	}
	if marks {
		m := max(w/10, 4)
		for y := range m {
			for x := range m {
				img.SetRGBA(x, y, TopLeft)
				img.SetRGBA(w-1-x, y, TopRight)
				img.SetRGBA(x, h-1-y, BottomLeft)
			}
		}
	}
	return img
}

// hsl is a color from hue (degrees), saturation and lightness.
func hsl(h, s, l float64) color.RGBA {
	c := (1 - math.Abs(2*l-1)) * s
	x := c * (1 - math.Abs(math.Mod(h/60, 2)-1))
	m := l - c/2
	var r, g, b float64
	switch {
	case h < 60:
		r, g, b = c, x, 0
	case h < 120:
		r, g, b = x, c, 0
	case h < 180:
		r, g, b = 0, c, x
	case h < 240:
		r, g, b = 0, x, c
	case h < 300:
		r, g, b = x, 0, c
	default:
		r, g, b = c, 0, x
	}
	return color.RGBA{uint8((r + m) * 255), uint8((g + m) * 255), uint8((b + m) * 255), 255}
}

// Store lays the upright image out as a camera stores it with EXIF
// orientation o, so that a viewer applying o shows img. It follows the
// words of the TIFF/EXIF tables (which side the stored 0th row and 0th
// column are) rather than any code of package portrait.
func Store(img *image.RGBA, o int) *image.RGBA {
	uw, uh := img.Bounds().Dx(), img.Bounds().Dy()
	sw, sh := uw, uh
	if o >= 5 {
		sw, sh = uh, uw
	}
	out := image.NewRGBA(image.Rect(0, 0, sw, sh))
	// For each orientation: where the stored row r and column c are shown.
	// rowSide is the side of the upright image the 0th row lies along,
	// colSide the side the 0th column lies along.
	sides := map[int][2]string{
		1: {"top", "left"}, 2: {"top", "right"}, 3: {"bottom", "right"}, 4: {"bottom", "left"},
		5: {"left", "top"}, 6: {"right", "top"}, 7: {"right", "bottom"}, 8: {"left", "bottom"},
	}[o]
	if o < 1 || o > 8 {
		sides = [2]string{"top", "left"}
	}
	for y := range sh { // stored row
		for x := range sw { // stored column
			var u, v int
			// The row index y counts away from rowSide; the column index x
			// away from colSide.
			switch sides[0] {
			case "top":
				v = y
			case "bottom":
				v = uh - 1 - y
			case "left":
				u = y
			case "right":
				u = uw - 1 - y
			}
			switch sides[1] {
			case "top":
				v = x
			case "bottom":
				v = uh - 1 - x
			case "left":
				u = x
			case "right":
				u = uw - 1 - x
			}
			out.SetRGBA(x, y, img.RGBAAt(u, v))
		}
	}
	return out
}

// Meta is the metadata JPEG writes into a photo.
type Meta struct {
	Orientation int  // 0: no orientation tag
	GPS         bool // a GPS position (33°20′52″N 120°9′47″E) and the camera
	Thumbnail   bool // an EXIF thumbnail of the photo
	XMP         string
	ICC         bool   // an ICC profile segment
	Comment     string // a COM segment
	Trailer     []byte // bytes after the EOI
	LittleEnd   bool   // EXIF in Intel byte order rather than Motorola
}

// JPEG encodes img at quality 90 with the metadata of m, in the segments
// a phone writes them to, right after the SOI.
func JPEG(img image.Image, m Meta) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		panic(err) // encoding into memory fails only for a nil image
	}
	plain := buf.Bytes()
	var segs []byte
	if m.Orientation != 0 || m.GPS || m.Thumbnail {
		var thumb []byte
		if m.Thumbnail {
			var tb bytes.Buffer
			b := img.Bounds()
			small := image.NewRGBA(image.Rect(0, 0, 32, 32))
			for y := range 32 {
				for x := range 32 {
					small.Set(x, y, img.At(b.Min.X+x*b.Dx()/32, b.Min.Y+y*b.Dy()/32))
				}
			}
			jpeg.Encode(&tb, small, nil)
			thumb = tb.Bytes()
		}
		segs = append(segs, segment(0xE1, append([]byte("Exif\x00\x00"), exif(m, thumb)...))...)
	}
	if m.XMP != "" {
		segs = append(segs, segment(0xE1, append([]byte("http://ns.adobe.com/xap/1.0/\x00"), m.XMP...))...)
	}
	if m.ICC {
		profile := append([]byte("ICC_PROFILE\x00\x01\x01"), make([]byte, 128)...)
		copy(profile[14+36:], "acsp") // the signature a profile's header has
		segs = append(segs, segment(0xE2, profile)...)
	}
	if m.Comment != "" {
		segs = append(segs, segment(0xFE, []byte(m.Comment))...)
	}
	out := append([]byte{0xFF, 0xD8}, segs...)
	out = append(out, plain[2:]...)
	return append(out, m.Trailer...)
}

// segment is a marker segment: FF, the marker, the length and data.
func segment(marker byte, data []byte) []byte {
	if len(data)+2 > 0xFFFF {
		panic("portraittest: segment too long")
	}
	s := []byte{0xFF, marker, 0, 0}
	binary.BigEndian.PutUint16(s[2:], uint16(len(data)+2))
	return append(s, data...)
}

// tag is one entry of an IFD: its value is written in place when it
// fits in four bytes, else after the IFD.
type tag struct {
	id, typ uint16
	count   uint32
	value   []byte
}

// exif is the TIFF structure of an EXIF segment: IFD0 with the camera,
// the orientation and a pointer to the GPS IFD; IFD1 with a thumbnail.
func exif(m Meta, thumb []byte) []byte {
	var bo interface {
		binary.ByteOrder
		binary.AppendByteOrder
	} = binary.BigEndian
	head := []byte("MM\x00\x2A\x00\x00\x00\x08")
	if m.LittleEnd {
		bo = binary.LittleEndian
		head = []byte("II\x2A\x00\x08\x00\x00\x00")
	}
	short := func(v uint16) []byte { return bo.AppendUint16(nil, v) }
	long := func(v uint32) []byte { return bo.AppendUint32(nil, v) }
	ascii := func(s string) []byte { return append([]byte(s), 0) }
	rational := func(vs ...uint32) []byte {
		var b []byte
		for i := 0; i < len(vs); i += 2 {
			b = bo.AppendUint32(bo.AppendUint32(b, vs[i]), vs[i+1])
		}
		return b
	}
	var ifd0 []tag
	if m.GPS {
		ifd0 = append(ifd0, tag{0x010F, 2, 9, ascii("Examplec")}, tag{0x0110, 2, 10, ascii("Phone 12X")})
	}
	if m.Orientation != 0 {
		ifd0 = append(ifd0, tag{0x0112, 3, 1, short(uint16(m.Orientation))})
	}
	if m.GPS {
		ifd0 = append(ifd0, tag{0x0132, 2, 20, ascii("2020:03:14 16:05:09")})
		ifd0 = append(ifd0, tag{0x8825, 4, 1, nil}) // the GPS IFD's offset, set below
	}
	gps := []tag{
		{0x0000, 1, 4, []byte{2, 3, 0, 0}},
		{0x0001, 2, 2, ascii("N")},
		{0x0002, 5, 3, rational(33, 1, 20, 1, 5213, 100)},
		{0x0003, 2, 2, ascii("E")},
		{0x0004, 5, 3, rational(120, 1, 9, 1, 4718, 100)},
	}
	// Lay out: header, IFD0, its values, the GPS IFD and its values,
	// IFD1 and the thumbnail.
	size := func(ts []tag) int {
		n := 2 + 12*len(ts) + 4
		for _, t := range ts {
			if len(t.value) > 4 {
				n += len(t.value)
			}
		}
		return n
	}
	off0 := 8
	offGPS := off0 + size(ifd0)
	off1 := offGPS
	if m.GPS {
		off1 += size(gps)
		for i := range ifd0 {
			if ifd0[i].id == 0x8825 {
				ifd0[i].value = long(uint32(offGPS))
			}
		}
	}
	var ifd1 []tag
	if thumb != nil {
		ifd1 = []tag{
			{0x0103, 3, 1, short(6)},
			{0x0201, 4, 1, nil}, // the thumbnail's offset, set below
			{0x0202, 4, 1, long(uint32(len(thumb)))},
		}
		ifd1[1].value = long(uint32(off1 + size(ifd1)))
	}
	write := func(b []byte, ts []tag, at int, next int) []byte {
		b = bo.AppendUint16(b, uint16(len(ts)))
		extra := at + 2 + 12*len(ts) + 4
		var values []byte
		for _, t := range ts {
			b = bo.AppendUint16(b, t.id)
			b = bo.AppendUint16(b, t.typ)
			b = bo.AppendUint32(b, t.count)
			if len(t.value) > 4 {
				b = bo.AppendUint32(b, uint32(extra+len(values)))
				values = append(values, t.value...)
			} else {
				v := make([]byte, 4)
				copy(v, t.value)
				b = append(b, v...)
			}
		}
		b = bo.AppendUint32(b, uint32(next))
		return append(b, values...)
	}
	next0 := 0
	if thumb != nil {
		next0 = off1
	}
	out := write(head, ifd0, off0, next0)
	if m.GPS {
		out = write(out, gps, offGPS, 0)
	}
	if thumb != nil {
		out = write(out, ifd1, off1, 0)
		out = append(out, thumb...)
	}
	return out
}

// Markers lists the markers of a JPEG's segments from its SOI to its EOI,
// skipping the entropy-coded data after each SOS, and says what is wrong
// with a file that is not laid out so or has bytes after its EOI.
func Markers(data []byte) ([]byte, error) {
	if len(data) < 2 || data[0] != 0xFF || data[1] != 0xD8 {
		return nil, errors.New("no SOI")
	}
	ms := []byte{0xD8}
	for i := 2; i+1 < len(data); {
		if data[i] != 0xFF {
			return ms, fmt.Errorf("no marker at byte %d", i)
		}
		m := data[i+1]
		ms = append(ms, m)
		i += 2
		if m == 0xD9 {
			if i != len(data) {
				return ms, fmt.Errorf("%d bytes after the EOI", len(data)-i)
			}
			return ms, nil
		}
		if i+2 > len(data) {
			return ms, errors.New("cut short")
		}
		i += int(binary.BigEndian.Uint16(data[i:]))
		if m == 0xDA {
			for i+1 < len(data) && (data[i] != 0xFF || data[i+1] == 0 || data[i+1] >= 0xD0 && data[i+1] <= 0xD7) {
				i++
			}
		}
	}
	return ms, errors.New("no EOI")
}

// Clean says what is wrong with a published portrait that holds any
// segment but those an image needs: SOI, DQT, SOF0, DHT, SOS and EOI. No
// APPn (EXIF, XMP, ICC, JFIF), no COM, nothing after the EOI.
func Clean(data []byte) error {
	ms, err := Markers(data)
	if err != nil {
		return err
	}
	for _, m := range ms {
		switch m {
		case 0xD8, 0xDB, 0xC0, 0xC4, 0xDA, 0xD9:
		default:
			return fmt.Errorf("a segment with the marker FF%02X", m)
		}
	}
	return nil
}
