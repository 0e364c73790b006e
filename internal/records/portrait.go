package records

import (
	"crypto/sha256"
	"errors"
	"io/fs"
	"path"
	"strings"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/portrait"
)

// IsPortrait reports whether p is a hero's portrait rather than a record:
// records/heroes/<jurisdiction>/<name>.jpg, beside the records (DESIGN
// §7). Whether a hero's record is beside it is a rule (package rules).
func IsPortrait(p string) bool {
	// Cut, not Split: a load asks it of every file.
	rest, ok := strings.CutPrefix(p, Dir+"/heroes/")
	return ok && strings.Count(rest, "/") == 1 && path.Ext(p) == ".jpg"
}

// imageExt are the extensions of image files that are not named as a
// portrait is: the loader says how to name one.
var imageExt = map[string]bool{".jpeg": true, ".jpg": true, ".png": true, ".heic": true, ".heif": true, ".webp": true, ".gif": true, ".bmp": true, ".tif": true, ".tiff": true}

// loadPortrait reads a portrait's bytes, up to portrait.MaxBytes, and
// its header (portrait.Inspect); the pixels are decoded only when a site
// shows it. A refused photo is a finding at its file, and is kept, not
// usable, so that the rules still see it.
func loadPortrait(fsys fs.FS, p string) (res result) {
	res.path = p
	pt := model.Portrait{File: p}
	res.decode = func(r *model.Repo) { r.Portraits = append(r.Portraits, pt) }
	data, size, err := readLimited(fsys, p, portrait.MaxBytes)
	if err != nil {
		if errors.Is(err, errTooLarge) {
			res.list.Add(p, finding.Pos{}, finding.Error, "portrait", portrait.TooLarge(size))
		} else {
			res.list.Errorf(p, finding.Pos{}, "load", "cannot read: %s", err.Error())
		}
		return res
	}
	pt.Sum = sha256.Sum256(data)
	res.sum = pt.Sum
	info, msg := portrait.Inspect(data)
	if msg != nil {
		res.list.Add(p, finding.Pos{}, finding.Error, "portrait", msg)
	} else {
		pt.Width, pt.Height, pt.Usable = info.Width, info.Height, true
	}
	return res
}
