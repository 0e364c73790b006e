package public

import (
	"cmp"
	"encoding/xml"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/yancheng-jyyw/roll/internal/gazette"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/site"
)

// The Atom feed (RFC 4287) of commendations: one entry per hero, the most
// recently commended first. Its dates come from the records: the later of
// the deed's date and the first day of the year of the latest title, at
// midnight Beijing time.

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Title   string      `xml:"title"`
	Sub     string      `xml:"subtitle,omitempty"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title   string    `xml:"title"`
	ID      string    `xml:"id"`
	Updated string    `xml:"updated"`
	Link    atomLink  `xml:"link"`
	Summary string    `xml:"summary"`
	Cats    []atomCat `xml:"category"`
}

type atomCat struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

// updated is the entry date of a hero in the feed.
func updated(e *entry) string {
	d := string(e.Deed.Date)
	if y := e.LatestHonorYear(); y > 0 {
		if jan := strconv.Itoa(y) + "-01-01"; jan > d {
			d = jan
		}
	}
	if model.Date(d).Time().IsZero() {
		d = "1970-01-01"
	}
	return d + "T00:00:00+08:00"
}

// feedDecisions is how many decisions the feed carries, the newest.
const feedDecisions = 20

// feedKey is the key of the feed: its heroes (all) and what the
// commendations put in it.
func feedKey(all site.Key, g *gazette.Gazette) site.Key {
	in := site.NewInputs("feed").Key(all)
	for _, e := range commendEntries(nil, g) {
		in.String(e.Title).String(e.ID).String(e.Updated).String(e.Summary)
	}
	return in.Done()
}

// commendEntries are the feed's entries of the open 公示 and of the latest
// decisions; s nil gives their paths rather than URLs (for the key).
func commendEntries(s *site.Site, g *gazette.Gazette) []atomEntry {
	url := func(p string) string {
		if s == nil {
			return p
		}
		return s.URL(p)
	}
	names := func(ps []gazette.Person, withheld int) string {
		var out []string
		for _, p := range ps {
			n := p.Name
			if p.Jurisdiction != "" {
				n += "（" + p.Jurisdiction + "）"
			}
			out = append(out, n)
		}
		t := strings.Join(out, "、")
		if withheld > 0 {
			if t != "" {
				t += "；"
			}
			t += "另有 " + strconv.Itoa(withheld) + " 人未公开姓名"
		}
		return t
	}
	var es []atomEntry
	for _, n := range g.Notices.Open {
		u := url("notices.html") + "#" + n.ID
		es = append(es, atomEntry{
			Title: "公示：" + n.Honor.Name + "推荐人选", ID: u, Updated: string(n.From) + "T00:00:00+08:00",
			Link:    atomLink{Href: u, Rel: "alternate", Type: "text/html"},
			Summary: "公示期 " + n.From.Zh() + "至" + n.To.Zh() + "。推荐人选：" + names(n.Heroes, n.Withheld) + "。如有异议，请在公示期内向基金会反映。",
			Cats:    []atomCat{{Term: "notice", Label: "公示"}},
		})
	}
	for i, d := range g.Decisions {
		if i == feedDecisions {
			break
		}
		var ps []gazette.Person
		for _, gr := range d.Groups {
			for _, h := range gr.Heroes {
				ps = append(ps, h.Person)
			}
		}
		u := url(d.Path)
		es = append(es, atomEntry{
			Title: d.Title, ID: u, Updated: string(d.Date) + "T00:00:00+08:00",
			Link:    atomLink{Href: u, Rel: "alternate", Type: "text/html"},
			Summary: d.Description + "受表彰人员：" + names(ps, d.Withheld) + "。",
			Cats:    []atomCat{{Term: "decision", Label: "表彰决定"}},
		})
	}
	return es
}

func feed(s *site.Site, info SiteInfo, es []*entry, g *gazette.Gazette) ([]byte, error) {
	f := atomFeed{
		Lang:  "zh-CN",
		Title: info.Title,
		Sub:   info.Description,
		ID:    s.URL("feed.xml"),
		Links: []atomLink{
			{Href: s.URL("feed.xml"), Rel: "self", Type: "application/atom+xml"},
			{Href: s.URL("index.html"), Rel: "alternate", Type: "text/html"},
		},
		Author:  atomAuthor{Name: strings.TrimSpace(info.Organization)},
		Updated: "1970-01-01T00:00:00+08:00",
	}
	if f.Author.Name == "" {
		f.Author.Name = info.Title
	}
	for _, e := range commendEntries(s, g) {
		f.Updated = max(f.Updated, e.Updated)
		f.Entries = append(f.Entries, e)
	}
	for _, e := range es {
		u := updated(e)
		f.Updated = max(f.Updated, u)
		title := e.Name + "：" + e.Deed.Summary
		var honors []string
		for _, h := range e.Honors {
			s := strconv.Itoa(h.Year) + "年" + h.Name
			if h.Posthumous {
				s += "（追授）"
			}
			honors = append(honors, s)
		}
		summary := describe(e)
		if len(honors) > 0 {
			summary += "荣誉：" + strings.Join(honors, "；") + "。"
		}
		entry := atomEntry{
			Title: title, ID: s.URL(e.Path), Updated: u,
			Link:    atomLink{Href: s.URL(e.Path), Rel: "alternate", Type: "text/html"},
			Summary: summary,
		}
		if e.Jurisdiction.Name != "" {
			entry.Cats = append(entry.Cats, atomCat{Term: e.Jurisdiction.ID, Label: e.Jurisdiction.Name})
		}
		f.Entries = append(f.Entries, entry)
	}
	b, err := xml.MarshalIndent(f, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	return append([]byte(xml.Header), append(b, '\n')...), nil
}

type urlset struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc string `xml:"loc"`
	} `xml:"url"`
}

func sitemapXML(st *site.Site, pages []string) ([]byte, error) {
	var s urlset
	// The home page first, then the others by path.
	paths := slices.Clone(pages)
	slices.SortFunc(paths, func(a, b string) int {
		home := func(p string) int {
			if p == "index.html" {
				return 0
			}
			return 1
		}
		return cmp.Or(cmp.Compare(home(a), home(b)), cmp.Compare(a, b))
	})
	for _, p := range paths {
		s.URLs = append(s.URLs, struct {
			Loc string `xml:"loc"`
		}{st.URL(p)})
	}
	b, err := xml.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("sitemap: %w", err)
	}
	return append([]byte(xml.Header), append(b, '\n')...), nil
}
