package webcheck

import (
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
)

// Links checks every link and asset of every page and style sheet: a link
// inside the site (relative, root-relative, or absolute under the site's
// base URL) names a file that exists, and its #fragment an id of the page
// it names; an asset (a style sheet, a script, an image) never comes from
// another host. Links to other hosts are not followed.
func (s *Site) Links() []Problem {
	var probs []Problem
	for _, p := range s.Pages {
		for _, r := range p.refs {
			if msg := s.resolve(p.Path, r); msg != "" {
				probs = append(probs, Problem{p.Path, msg})
			}
		}
	}
	for f := range s.Files {
		if !strings.HasSuffix(f, ".css") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(s.Dir, filepath.FromSlash(f)))
		if err != nil {
			probs = append(probs, Problem{f, err.Error()})
			continue
		}
		for _, m := range cssURL.FindAllStringSubmatch(string(b), -1) {
			u := cmpOr(m[1], m[2], m[3])
			if msg := s.resolve(f, ref{tag: "css", attr: "url", url: u, asset: true}); msg != "" {
				probs = append(probs, Problem{f, msg})
			}
		}
	}
	sortProblems(probs)
	return probs
}

// cssURL matches url(…) and @import "…" in a style sheet.
var cssURL = regexp.MustCompile(`url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)`)

func cmpOr(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// resolve checks one reference from the file at from; it returns what is
// wrong, or "".
func (s *Site) resolve(from string, r ref) string {
	where := fmt.Sprintf("<%s %s=%q>", r.tag, r.attr, r.url)
	if r.url == "" {
		return where + ": empty"
	}
	u, err := url.Parse(r.url)
	if err != nil {
		return where + ": " + err.Error()
	}
	switch u.Scheme {
	case "":
	case "http", "https":
		if s.Base == nil || u.Host != s.Base.Host || !strings.HasPrefix(u.Path, s.Base.Path) {
			if r.asset {
				return where + ": an asset from another host (every asset is served locally)"
			}
			return "" // a link out: not followed
		}
		u = &url.URL{Path: "/" + strings.TrimPrefix(u.Path, s.Base.Path), Fragment: u.Fragment}
		return s.target(where, "", u)
	case "mailto", "tel":
		if r.asset {
			return where + ": not an asset"
		}
		return ""
	case "data":
		return ""
	default:
		return where + ": scheme " + u.Scheme + " is not allowed"
	}
	if u.Host != "" {
		return where + ": a protocol-relative URL"
	}
	if u.Path == "" {
		return s.fragment(where, from, u.Fragment) // #id or ?query on this page
	}
	if strings.HasPrefix(u.Path, "/") {
		base := "/"
		if s.Base != nil {
			base = s.Base.Path
		}
		if !strings.HasPrefix(u.Path, base) {
			return where + ": outside the site's base path " + base
		}
		u = &url.URL{Path: "/" + strings.TrimPrefix(u.Path, base), Fragment: u.Fragment}
		return s.target(where, "", u)
	}
	return s.target(where, path.Dir(from), u)
}

// target checks that u, relative to the folder dir (or rooted), names a file
// of the site, and its fragment an id in it.
func (s *Site) target(where, dir string, u *url.URL) string {
	var file string
	if strings.HasPrefix(u.Path, "/") {
		file = path.Clean(strings.TrimPrefix(u.Path, "/"))
	} else {
		file = path.Join(dir, u.Path)
	}
	if strings.HasPrefix(file, "../") || file == ".." {
		return where + ": leaves the site"
	}
	if file == "." || strings.HasSuffix(u.Path, "/") || s.isDir(file) {
		file = path.Join(file, "index.html")
	}
	if !s.Files[file] {
		return where + ": " + file + " does not exist"
	}
	return s.fragment(where, file, u.Fragment)
}

// fragment checks that the page file has the id frag, when both are given.
func (s *Site) fragment(where, file, frag string) string {
	if frag == "" {
		return ""
	}
	if pg := s.pages[file]; pg != nil && !pg.ids[frag] {
		return where + ": " + file + " has no id " + frag
	}
	return ""
}

func (s *Site) isDir(p string) bool {
	return !s.Files[p] && s.Files[path.Join(p, "index.html")]
}
