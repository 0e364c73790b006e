package synth

import "github.com/yancheng-jyyw/roll/internal/portrait/portraittest"

// The heroes' photos (Options.Portraits): synthetic figures of 240×320
// pixels, the smallest a portrait may be, so that an archive of many
// costs little to write and to build. Each carries what a phone writes
// (EXIF with a GPS position and a thumbnail); one in four is stored
// turned (EXIF orientation 6), as a phone held upright stores it. Two
// heroes in three with a photo consented to its publication; an
// anonymized hero never does. Whether a hero has a photo, and which, is
// drawn from its place in the generation, not from the generator's
// random numbers, so that the rest of an archive is the same with
// photos or without.

// photoConsent reports whether h's record sets public.photo_consent.
func (h *hero) photoConsent() bool {
	return h.photo > 0 && h.photo%3 != 0 && !h.anon
}

// portrait is h's photo.
func (h *hero) portrait() []byte {
	o := 1
	if h.photo%4 == 0 {
		o = 6
	}
	img := portraittest.Figure(240, 320, float64(h.photo*47%360), false)
	return portraittest.JPEG(portraittest.Store(img, o), portraittest.Meta{Orientation: o, GPS: true, Thumbnail: true})
}
