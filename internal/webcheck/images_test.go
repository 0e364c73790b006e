package webcheck_test

import (
	"bytes"
	"image"
	"image/jpeg"
	"strings"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/portrait/portraittest"
)

func TestImagesFindMetadata(t *testing.T) {
	var plain bytes.Buffer
	if err := jpeg.Encode(&plain, image.NewGray(image.Rect(0, 0, 8, 8)), nil); err != nil {
		t.Fatal(err)
	}
	withGPS := portraittest.JPEG(image.NewGray(image.Rect(0, 0, 8, 8)), portraittest.Meta{GPS: true})
	s := writeSite(t, map[string]string{
		"index.html":            page("home", "<main></main>"),
		"favicon.svg":           `<svg xmlns="http://www.w3.org/2000/svg"></svg>`,
		"portraits/clean.jpg":   plain.String(),
		"portraits/gps.jpg":     string(withGPS),
		"portraits/trailer.jpg": plain.String() + "tail",
		"portraits/named.html":  string(withGPS), // found by its bytes, not its name
		"logo.png":              "\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR",
	})
	n, probs := s.Images()
	got := strings.Join(problems(probs), "\n")
	want := strings.Join([]string{
		"logo.png: a PNG image: roll publishes only JPEGs it encoded itself",
		"portraits/gps.jpg: a JPEG with more than its image: a segment with the marker FFE1",
		"portraits/named.html: a JPEG with more than its image: a segment with the marker FFE1",
		"portraits/trailer.jpg: a JPEG with more than its image: 4 bytes after the EOI",
	}, "\n")
	if n != 5 || got != want {
		t.Errorf("Images() = %d,\n%s\nwant 5,\n%s", n, got, want)
	}
}
