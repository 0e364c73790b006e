package cms

import (
	"bytes"
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

// prepareSlugBody and prepareSlugHead match Decap CMS's prepareSlug
// (decap-cms-core, src/lib/formatters.ts), minified. Decap CMS runs it over the path
// template of a collection and over every value put into a file name: it
// trims, lowercases, drops single quotes and turns dots into dashes.
// Lowercasing turns H-2020-0001 into h-2020-0001.md, a name roll check
// refuses (a record's file is named by its id), and in the path template
// the rest breaks fields.date and date('YYYY'), the only way to say that a
// visit's folder is its date's year. Decap CMS has no option against it;
// PatchBundle leaves it the trimming. The values that name files here are
// ids, jurisdiction codes and digits: none has a quote or a dot.
var (
	prepareSlugBody = []byte(`{return e.trim().toLocaleLowerCase().replace(/[']/g,"").replace(/[.]/g,"-")}`)
	prepareSlugHead = regexp.MustCompile(`function \w+\(e\)$`)
)

// PatchBundle returns Decap CMS's bundle with prepareSlug reduced to
// trimming. It is an error unless the bundle has exactly one prepareSlug,
// as the pinned version has: another version must be looked at before it
// is served. (The body is looked for as bytes: a regular expression over
// the 5 MB bundle took 19 ms of every build.)
func PatchBundle(src []byte) ([]byte, error) {
	n := bytes.Count(src, prepareSlugBody)
	i := bytes.Index(src, prepareSlugBody)
	if n == 1 && !prepareSlugHead.Match(src[max(0, i-64):i]) {
		n = 0 // the body of another function
	}
	if n != 1 {
		return nil, fmt.Errorf("cms: %s: found %d copies of the function to patch, want 1: a version of Decap CMS other than cms/package-lock.json's?", Bundle, n)
	}
	out := make([]byte, 0, len(src))
	out = append(out, src[:i]...)
	out = append(out, "{return e.trim()}"...)
	out = append(out, src[i+len(prepareSlugBody):]...)
	return out, nil
}

// Write gives the files of /admin/ other than the configuration (Config)
// to write, by their names in that folder: the page and its script from
// page (templates/admin), and every file of assets (cms/assets), Decap
// CMS's bundle patched. assets may be nil when the CMS was not fetched:
// the page then says to run make cms.
func Write(page, assets fs.FS, write func(name string, data []byte) error) error {
	if err := copyAll(page, nil, write); err != nil {
		return fmt.Errorf("cms: %w", err)
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
