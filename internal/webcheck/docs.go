package webcheck

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Feed checks the Atom feed at the slash path file: it parses, and has
// what RFC 4287 requires of a feed (id, title, updated, an author for the
// feed or for every entry, a link to itself) and of each entry (a unique
// id, title, updated, a summary or content, and a link to a page of the
// site that exists). It returns the number of entries.
func (s *Site) Feed(file string) (int, []Problem) {
	var f struct {
		XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
		ID      string      `xml:"id"`
		Title   string      `xml:"title"`
		Updated string      `xml:"updated"`
		Authors []atomName  `xml:"author"`
		Links   []atomLink  `xml:"link"`
		Entries []atomEntry `xml:"entry"`
	}
	var probs []Problem
	bad := func(format string, args ...any) {
		probs = append(probs, Problem{file, fmt.Sprintf(format, args...)})
	}
	b, err := os.ReadFile(filepath.Join(s.Dir, filepath.FromSlash(file)))
	if err != nil {
		bad("%v", err)
		return 0, probs
	}
	if err := xml.Unmarshal(b, &f); err != nil {
		bad("not an Atom feed: %v", err)
		return 0, probs
	}
	if f.ID == "" || f.Title == "" {
		bad("the feed needs an id and a title")
	}
	if _, err := time.Parse(time.RFC3339, f.Updated); err != nil {
		bad("feed updated %q is not an RFC 3339 date", f.Updated)
	}
	if !slices.ContainsFunc(f.Links, func(l atomLink) bool { return l.Rel == "self" }) {
		bad("the feed has no link rel=self")
	}
	feedAuthor := slices.ContainsFunc(f.Authors, func(a atomName) bool { return a.Name != "" })
	if len(f.Entries) == 0 {
		bad("the feed has no entry")
	}
	ids := map[string]bool{}
	for i, e := range f.Entries {
		at := fmt.Sprintf("entry %d (%s)", i+1, e.ID)
		if e.ID == "" || e.Title == "" {
			bad("%s needs an id and a title", at)
		}
		if ids[e.ID] {
			bad("%s: the id is not unique", at)
		}
		ids[e.ID] = true
		if _, err := time.Parse(time.RFC3339, e.Updated); err != nil {
			bad("%s: updated %q is not an RFC 3339 date", at, e.Updated)
		}
		if !feedAuthor && !slices.ContainsFunc(e.Authors, func(a atomName) bool { return a.Name != "" }) {
			bad("%s has no author, nor has the feed", at)
		}
		if e.Summary == "" && e.Content == "" {
			bad("%s has neither summary nor content", at)
		}
		alt := false
		for _, l := range e.Links {
			if l.Rel != "" && l.Rel != "alternate" {
				continue
			}
			alt = true
			if msg := s.resolve(file, ref{tag: "link", attr: "href", url: l.Href}); msg != "" {
				bad("%s: %s", at, msg)
			}
		}
		if !alt {
			bad("%s has no alternate link to its page", at)
		}
	}
	return len(f.Entries), probs
}

type atomName struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
}

type atomEntry struct {
	ID      string     `xml:"id"`
	Title   string     `xml:"title"`
	Updated string     `xml:"updated"`
	Authors []atomName `xml:"author"`
	Links   []atomLink `xml:"link"`
	Summary string     `xml:"summary"`
	Content string     `xml:"content"`
}

// Sitemap checks the sitemap at the slash path file: it parses, every
// location is a page of the site under its base URL, listed once, and the
// locations are exactly the site's public pages (PublicPages). It returns
// the number of locations.
func (s *Site) Sitemap(file string) (int, []Problem) {
	var m struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	var probs []Problem
	bad := func(format string, args ...any) {
		probs = append(probs, Problem{file, fmt.Sprintf(format, args...)})
	}
	b, err := os.ReadFile(filepath.Join(s.Dir, filepath.FromSlash(file)))
	if err != nil {
		bad("%v", err)
		return 0, probs
	}
	if err := xml.Unmarshal(b, &m); err != nil {
		bad("not a sitemap: %v", err)
		return 0, probs
	}
	if s.Base == nil {
		bad("the site has no base URL (no canonical link on index.html)")
		return len(m.URLs), probs
	}
	listed := map[string]bool{}
	for _, u := range m.URLs {
		loc, err := url.Parse(u.Loc)
		if err != nil || loc.Scheme != s.Base.Scheme || loc.Host != s.Base.Host || !strings.HasPrefix(loc.Path, s.Base.Path) {
			bad("%s is not under the base URL %s", u.Loc, s.Base)
			continue
		}
		p := strings.TrimPrefix(loc.Path, s.Base.Path)
		if p == "" || strings.HasSuffix(p, "/") {
			p = path.Join(p, "index.html")
		}
		if listed[p] {
			bad("%s is listed twice", u.Loc)
		}
		listed[p] = true
		pg := s.pages[p]
		switch {
		case pg == nil:
			bad("%s: %s is not a page of the site", u.Loc, p)
		case pg.NoIndex || p == "404.html":
			bad("%s: %s is not a public page (noindex or 404)", u.Loc, p)
		}
	}
	for _, pg := range s.PublicPages() {
		if !listed[pg.Path] {
			bad("the page %s is not listed", pg.Path)
		}
	}
	return len(m.URLs), probs
}

// SearchIndex checks the JSON search index at the slash path file: it
// parses, and every string in it that names a page (ends in .html) names
// one of the site's public pages. A string that ends in .json names a
// shard of the index, read and checked the same way; its page URLs, like
// the index's, are relative to the folder of the index (the search page's).
// It returns the number of pages named.
func (s *Site) SearchIndex(file string) (int, []Problem) {
	var probs []Problem
	n := 0
	read := func(name string) (any, bool) {
		b, err := os.ReadFile(filepath.Join(s.Dir, filepath.FromSlash(name)))
		if err != nil {
			probs = append(probs, Problem{name, err.Error()})
			return nil, false
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			probs = append(probs, Problem{name, "not JSON: " + err.Error()})
			return nil, false
		}
		return v, true
	}
	var walk func(in string, v any)
	walk = func(in string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for _, x := range v {
				walk(in, x)
			}
		case []any:
			for _, x := range v {
				walk(in, x)
			}
		case string:
			if strings.ContainsAny(v, " \n") {
				return
			}
			switch {
			case strings.HasSuffix(v, ".html"):
				n++
				if msg := s.resolve(file, ref{tag: "json", attr: "url", url: v}); msg != "" {
					probs = append(probs, Problem{in, msg})
				}
			case strings.HasSuffix(v, ".json") && in == file:
				shard := path.Join(path.Dir(file), v)
				if sv, ok := read(shard); ok {
					walk(shard, sv)
				}
			}
		}
	}
	v, ok := read(file)
	if !ok {
		return 0, probs
	}
	walk(file, v)
	if n == 0 {
		probs = append(probs, Problem{file, "names no page"})
	}
	return n, probs
}
