// Package portrait checks and publishes the heroes' photos (DESIGN §7):
// records/heroes/<jurisdiction>/<id>.jpg beside the hero's record.
//
// # Checking: Inspect
//
// A photo comes from a phone or a scanner, through a clerk: it is
// untrusted input to a decoder. Inspect reads a file's segments and its
// header only, never its pixels, and refuses, as findings: a file over
// MaxBytes (the loader refuses it before reading it); anything but a
// JPEG (a PNG, a HEIC from an iPhone, a WebP: each named, so the clerk
// knows what to export); a JPEG that is cut short, damaged, of a coding
// Go cannot read or with more than MaxScans scans; one of more than
// MaxPixels pixels, from its header (image.DecodeConfig), so that a
// decompression bomb (a few kilobytes declaring 60,000×60,000 pixels)
// is refused before anything is allocated for it; and one smaller than
// the page needs (MinWidth×MinHeight, upright).
//
// # Publishing: Render
//
// A photo is never published as it is: Render decodes it and encodes new
// JPEGs from its pixels alone, so no EXIF (GPS position, camera, time),
// XMP, ICC profile, comment, thumbnail or data after its end reaches a
// site. The pipeline, for each photo:
//
//	decode (image/jpeg)
//	→ crop to 3:4 in upright coordinates, mapped back to the stored ones
//	→ resize the crop, still as stored, to the largest size shown
//	  (golang.org/x/image/draw, Catmull-Rom)
//	→ orient: turn and flip the pixels as the EXIF orientation says
//	→ resize again for each smaller size
//	→ encode (image/jpeg, Quality): SOI, DQT, SOF0, DHT, SOS, EOI and
//	  nothing else
//
// Orienting after the first resize turns a 480×640 image rather than a
// 12-megapixel one, with the same result: the turns and flips map the
// resampling grid onto itself.
//
// The sizes (Sizes): a card of the home page shows 96×128 CSS pixels
// (Card, with Page as its 2x), a hero's page 240×320 (Page, with Large,
// 480×640, as its 2x when the photo has the pixels for it). A photo is
// cut to 3:4 in the middle of its width and a quarter of the way down
// its extra height, where a face usually is; a clerk crops a photo first
// when that would cut it badly.
//
// # Files on the engine
//
// Each size of a photo is a file of a site (Files.Pages) keyed by the
// SHA-256 of the photo's bytes and Settings alone (site.Page.Raw), not by
// the code of roll or what the rest of the site reads: a rebuild encodes
// again only a photo whose bytes changed.
package portrait

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"

	"github.com/yancheng-jyyw/roll/internal/finding"
)

// Limits of what Inspect accepts.
const (
	// MaxBytes is the largest photo file: a phone's photo at its usual
	// size is 2 to 5 MB, and the repository keeps every photo for ever.
	MaxBytes = 8 << 20
	// MaxPixels bounds the pixels decoded: 40 million (a 7,300×5,500
	// photo) need ~60 MB as decoded YCbCr, and a progressive JPEG as much
	// again for its coefficients.
	MaxPixels = 40_000_000
	// MaxScans bounds the scans of a progressive JPEG; encoders write
	// about ten.
	MaxScans = 50
	// MinWidth and MinHeight are the smallest upright photo: the page's
	// 240×320 without enlarging it.
	MinWidth, MinHeight = 240, 320
)

// Info is what Inspect found of a usable photo.
type Info struct {
	Width, Height int // upright, its orientation applied
	Orientation   int // EXIF orientation, 1 to 8
}

// Inspect checks the bytes of a photo without decoding its pixels; the
// message says why it is refused, nil when it is usable.
func Inspect(data []byte) (Info, finding.Message) {
	if len(data) > MaxBytes {
		return Info{}, TooLarge(int64(len(data)))
	}
	if kind := sniff(data); kind != "" {
		return Info{}, finding.Msg("this is a %s image, not a JPEG; save or export the photo as JPEG (.jpg)", kind)
	}
	h, prob := walk(data)
	switch prob {
	case notJPEG:
		return Info{}, finding.Msg("this is not a JPEG image; save or export the photo as JPEG (.jpg)")
	case truncated:
		return Info{}, finding.Msg("the JPEG ends before its image does: the file was cut short; copy the photo again")
	case damaged:
		return Info{}, finding.Msg("the JPEG is damaged: its parts do not fit together; save the photo again as JPEG")
	case unsupported:
		return Info{}, finding.Msg("this JPEG uses a coding roll cannot read (lossless, hierarchical or arithmetic); save the photo again as an ordinary JPEG")
	case tooManyScans:
		return Info{}, finding.Msg("this JPEG has more than %d scans; save the photo again as an ordinary JPEG", MaxScans)
	}
	// The standard library's reading of the header, as the decoder will
	// read it, bounds the pixels before any is decoded.
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width != h.width || cfg.Height != h.height {
		return Info{}, finding.Msg("the JPEG is damaged: its parts do not fit together; save the photo again as JPEG")
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return Info{}, finding.Msg("the photo is %d×%d pixels, more than the %s pixels roll decodes; save it smaller",
			cfg.Width, cfg.Height, group(MaxPixels))
	}
	info := Info{Width: cfg.Width, Height: cfg.Height, Orientation: h.orientation}
	if h.orientation >= 5 {
		info.Width, info.Height = info.Height, info.Width
	}
	if info.Width < MinWidth || info.Height < MinHeight {
		return Info{}, finding.Msg("the photo is %d×%d pixels upright, smaller than the %d×%d a portrait needs; use a larger photo",
			info.Width, info.Height, MinWidth, MinHeight)
	}
	return info, nil
}

// TooLarge is the finding of a photo file over MaxBytes.
func TooLarge(size int64) finding.Message {
	return finding.Msg("the photo has %s bytes, more than the %s a portrait may have; save it smaller (a phone's photo at its usual size is 2 to 5 MB)",
		group(size), group(MaxBytes))
}

func group(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// sniff names the format of an image that is not a JPEG, from its first
// bytes; "" for a JPEG or anything it does not know.
func sniff(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "PNG"
	case bytes.HasPrefix(b, []byte("GIF87a")), bytes.HasPrefix(b, []byte("GIF89a")):
		return "GIF"
	case len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		return "WebP"
	case bytes.HasPrefix(b, []byte("BM")):
		return "BMP"
	case bytes.HasPrefix(b, []byte("II*\x00")), bytes.HasPrefix(b, []byte("MM\x00*")):
		return "TIFF"
	case len(b) >= 12 && string(b[4:8]) == "ftyp":
		switch string(b[8:12]) {
		case "heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1":
			return "HEIC"
		case "avif", "avis":
			return "AVIF"
		}
	}
	return ""
}

// Size is one size a portrait is published in, in pixels.
type Size struct{ Width, Height int }

// The sizes of the sites: the card of the home page, the hero's page, and
// the page's 2x. The card's 2x is Page.
var (
	Card  = Size{96, 128}
	Page  = Size{240, 320}
	Large = Size{480, 640}
)

// crop is the part of an upright w×h photo that is shown: the largest 3:4
// rectangle, in the middle of the width and a quarter of the way down the
// extra height.
func crop(w, h int) image.Rectangle {
	cw, ch := w, w*4/3
	if ch > h {
		cw, ch = h*3/4, h
	}
	x, y := (w-cw)/2, (h-ch)/4
	return image.Rect(x, y, x+cw, y+ch)
}

// Sizes are the sizes a photo of w×h upright pixels is published in: Card
// and Page always (Inspect refuses a smaller photo), Large when its crop
// has the pixels for it.
func Sizes(w, h int) []Size {
	s := []Size{Card, Page}
	if crop(w, h).Dx() >= Large.Width {
		s = append(s, Large)
	}
	return s
}
