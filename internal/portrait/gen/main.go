// Command gen writes the sample records' portraits: synthetic figures
// (package portraittest), never a photo of a real person, carrying what a
// phone writes into a photo (EXIF with a GPS position, the camera and a
// thumbnail; XMP, an ICC profile, a comment), so that the sample site
// shows every piece of it removed. One is stored turned, as a phone held
// upright stores it (EXIF orientation 6).
//
//	go run ./internal/portrait/gen        (from the repository's root)
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/yancheng-jyyw/roll/internal/portrait/portraittest"
)

// samples are the portraits of the sample records: two with the hero's
// consent to publish them (public.photo_consent), one without.
var samples = []struct {
	file string
	hue  float64
	meta portraittest.Meta
}{
	{"dongtai/H-2019-0008.jpg", 210, portraittest.Meta{Orientation: 6, GPS: true, Thumbnail: true}},
	{"dafeng/H-2019-0001.jpg", 25, portraittest.Meta{Orientation: 1, GPS: true, LittleEnd: true,
		XMP:     `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="33,20.87N" exif:GPSLongitude="120,9.79E"/></rdf:RDF></x:xmpmeta>`,
		ICC:     true,
		Comment: "示例照片：拍摄于示例路1号"}},
	{"funing/H-2020-0011.jpg", 140, portraittest.Meta{Orientation: 1, GPS: true, Thumbnail: true}},
}

func main() {
	dir := flag.String("dir", "records/heroes", "the folder of the heroes' records")
	flag.Parse()
	for _, s := range samples {
		img := portraittest.Figure(600, 800, s.hue, false)
		data := portraittest.JPEG(portraittest.Store(img, s.meta.Orientation), s.meta)
		p := filepath.Join(*dir, filepath.FromSlash(s.file))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Printf("%s: %d bytes\n", p, len(data))
	}
}
