package model

import "strings"

// Portrait is a hero's photo, records/heroes/<jurisdiction>/<id>.jpg,
// beside the hero's record. The loader reads its header only (package
// portrait): the photo is decoded when a site shows it.
type Portrait struct {
	File string   // records/heroes/sheyang/H-2020-0001.jpg
	Sum  [32]byte // SHA-256 of the file's bytes: what its published files are keyed by
	// Width and Height are the size of the photo as it is shown, upright:
	// its EXIF orientation applied.
	Width, Height int
	// Usable is false when the photo is refused (not a JPEG, too large,
	// too small): the loader reported why, and no site shows it.
	Usable bool
}

// PortraitFile is where the portrait of the hero whose record is the
// file record would be: beside it, with the extension .jpg.
func PortraitFile(record string) string {
	return strings.TrimSuffix(record, ".md") + ".jpg"
}

// PortraitsByHero maps the ids of heroes to the usable portrait beside
// each one's record.
func (r *Repo) PortraitsByHero() map[string]*Portrait {
	byFile := make(map[string]*Portrait, len(r.Portraits))
	for i := range r.Portraits {
		if p := &r.Portraits[i]; p.Usable {
			byFile[p.File] = p
		}
	}
	m := map[string]*Portrait{}
	if len(byFile) == 0 {
		return m
	}
	for i := range r.Heroes {
		h := &r.Heroes[i]
		if p, ok := byFile[PortraitFile(h.Src.File)]; ok {
			m[h.ID] = p
		}
	}
	return m
}
