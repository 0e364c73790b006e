package cms

import (
	"fmt"
	"io/fs"
	"regexp"
)

// The files of /admin/ come from three places: the page and its script from
// the repository's templates/admin (a designer may change them),
// config.yml from Config, and the CMS itself from cms/assets, which `make
// cms` fills from the npm registry at the versions cms/package-lock.json
// pins (cms/vendor.sh). Nothing is loaded from another host.

// Bundle is the name of Decap CMS's bundle among the assets.
const Bundle = "decap-cms.js"

// keepCase matches Decap CMS's prepareSlug (decap-cms-core,
// src/lib/formatters.ts), minified: it trims a file name made from a
// template, lowercases it and drops quotes and dots. Lowercasing would
// turn H-2020-0001 into h-2020-0001.md, a file name roll check refuses (a
// record's file is named by its id), and Decap CMS has no option against
// it; PatchBundle removes that one call.
var keepCase = regexp.MustCompile(`function \w+\(e\)\{return e\.trim\(\)(\.toLocaleLowerCase\(\))\.replace\(/\['\]/g,""\)\.replace\(/\[\.\]/g,"-"\)\}`)

// PatchBundle returns Decap CMS's bundle with file names keeping the case
// of the ids they are made from. It is an error unless the bundle has
// exactly one prepareSlug as the pinned version has: a new version must be
// looked at before it is served.
func PatchBundle(src []byte) ([]byte, error) {
	m := keepCase.FindAllSubmatchIndex(src, 2)
	if len(m) != 1 {
		return nil, fmt.Errorf("cms: %s: found %d copies of the slug function to patch, want 1: a version of Decap CMS other than cms/package-lock.json's?", Bundle, len(m))
	}
	lower := m[0][2:4]
	out := make([]byte, 0, len(src))
	out = append(out, src[:lower[0]]...)
	out = append(out, src[lower[1]:]...)
	return out, nil
}

// Write gives the files of /admin/ to write, by their names in that folder:
// the page and its script from page (templates/admin), config, and every
// file of assets (cms/assets), Decap CMS's bundle patched. assets may be
// nil when the CMS was not fetched: the page then says to run make cms.
func Write(page, assets fs.FS, config []byte, write func(name string, data []byte) error) error {
	if err := copyAll(page, nil, write); err != nil {
		return fmt.Errorf("cms: %w", err)
	}
	if err := write(ConfigFile, config); err != nil {
		return err
	}
	if assets == nil {
		return nil
	}
	return copyAll(assets, func(name string, b []byte) ([]byte, error) {
		if name == Bundle {
			return PatchBundle(b)
		}
		return b, nil
	}, write)
}

func copyAll(fsys fs.FS, edit func(string, []byte) ([]byte, error), write func(string, []byte) error) error {
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s is not a regular file", p)
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		if edit != nil {
			if b, err = edit(p, b); err != nil {
				return err
			}
		}
		return write(p, b)
	})
}
