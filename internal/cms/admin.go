package cms

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"regexp"

	"github.com/yancheng-jyyw/roll/internal/site"
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

// Dir is the folder of the form in the internal site.
const Dir = "admin"

// Pages lists the files of the form as files of the internal site, under
// admin/: config.yml, made by Config and keyed by Key; the page and its
// script from page (templates/admin); and every file of assets
// (cms/assets), Decap CMS's bundle patched when it is written. The others
// are keyed by their bytes. assets may be nil when the CMS was not
// fetched: the page then says to run make cms. schemas and repo are read
// again when config.yml is written.
func Pages(schemas, repo fs.FS, opts Options, page, assets fs.FS) ([]site.Page, error) {
	key, err := Key(schemas, repo, opts)
	if err != nil {
		return nil, err
	}
	pages := []site.Page{{
		Path:   path.Join(Dir, ConfigFile),
		Inputs: site.Key(key),
		File:   func() ([]byte, error) { return Config(schemas, repo, opts) },
	}}
	files, err := site.StaticPages(page, ".", Dir)
	if err != nil {
		return nil, fmt.Errorf("cms: %w", err)
	}
	pages = append(pages, files...)
	if assets != nil {
		if files, err = site.StaticPages(assets, ".", Dir); err != nil {
			return nil, fmt.Errorf("cms: %w", err)
		}
		for i := range files {
			if files[i].Path == path.Join(Dir, Bundle) {
				raw := files[i].File
				files[i].File = func() ([]byte, error) {
					b, err := raw()
					if err != nil {
						return nil, err
					}
					return PatchBundle(b)
				}
			}
		}
		pages = append(pages, files...)
	}
	seen := map[string]bool{}
	for _, p := range pages {
		if seen[p.Path] {
			return nil, fmt.Errorf("cms: two files would be %s: one of templates/admin and one of cms/assets", p.Path)
		}
		seen[p.Path] = true
	}
	return pages, nil
}
