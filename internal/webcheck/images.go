package webcheck

import (
	"bytes"
	"io"
	"os"
	"path/filepath"

	"github.com/yancheng-jyyw/roll/internal/portrait/portraittest"
)

// Images checks every raster image of the site, found by its first bytes
// whatever its name: each is a JPEG that holds the image alone (SOI, DQT,
// SOF0, DHT, SOS, EOI), with no EXIF (a GPS position, a camera, a time),
// XMP, ICC profile, comment, thumbnail or bytes after its end. roll
// publishes no other kind of raster image, so a PNG, GIF, WebP or TIFF is
// a problem too: each can carry text and EXIF of its own. It returns how
// many images it read, so that a caller can tell a clean site from one
// with none.
func (s *Site) Images() (int, []Problem) {
	var (
		n     int
		probs []Problem
	)
	for f := range s.Files {
		p := filepath.Join(s.Dir, filepath.FromSlash(f))
		head, err := readHead(p, 12)
		if err != nil {
			probs = append(probs, Problem{f, err.Error()})
			continue
		}
		kind := rasterKind(head)
		if kind == "" {
			continue
		}
		n++
		if kind != "JPEG" {
			probs = append(probs, Problem{f, "a " + kind + " image: roll publishes only JPEGs it encoded itself"})
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			probs = append(probs, Problem{f, err.Error()})
			continue
		}
		if err := portraittest.Clean(b); err != nil {
			probs = append(probs, Problem{f, "a JPEG with more than its image: " + err.Error()})
		}
	}
	sortProblems(probs)
	return n, probs
}

// readHead reads the first n bytes of the file p, fewer when it is shorter.
func readHead(p string, n int) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := make([]byte, n)
	k, err := io.ReadFull(f, b)
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		err = nil
	}
	return b[:k], err
}

// rasterKind names the raster image format of a file from its first
// bytes; "" for anything else (HTML, SVG, CSS, a workbook).
func rasterKind(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}):
		return "JPEG"
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "PNG"
	case bytes.HasPrefix(b, []byte("GIF8")):
		return "GIF"
	case len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		return "WebP"
	case bytes.HasPrefix(b, []byte("II*\x00")), bytes.HasPrefix(b, []byte("MM\x00*")):
		return "TIFF"
	case len(b) >= 12 && string(b[4:8]) == "ftyp" && (string(b[8:12]) == "heic" || string(b[8:12]) == "avif" || string(b[8:12]) == "mif1"):
		return "HEIF"
	}
	return ""
}
