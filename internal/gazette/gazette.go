// Package gazette lists the public site's pages of commendations (DESIGN
// §4, §7): each decision (表彰决定) with the published heroes it honored,
// an index of the decisions, and the 公示 of the nominations inside their
// notice window on the build date, with how to object.
//
// # What is published
//
// Every value shown comes from a record's public projection (Projector,
// the schemas' x-visibility): a decision's number, date, issuer, title and
// awards, a nomination's honor, heroes and window, site.yaml's objection
// contact. A reward, a note, an outcome or a date of submission is
// internal and never decoded. Who is named is the public roll's decision
// (Roll): a hero on the roll is named as the roll names him (张某某 when
// anonymized) and linked to his page; a hero who may not be published is
// counted, never named. Decision titles pass through the roll's redaction,
// so that a hidden name in one is replaced as it is in a narrative.
// Withdrawn decisions and nominations are not published.
//
// # Keys
//
// Each page's data is built while the pages are listed (a few small
// records) and its key is the hash of that data: a page is rendered again
// exactly when what it shows changed, whoever caused it. The 公示 depends
// on the build date, and so does its key; the date itself is not written.
package gazette

import (
	"cmp"
	"encoding/json"
	"fmt"
	"html/template"
	"regexp"
	"slices"
	"strconv"
	"time"

	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/site"
	"github.com/yancheng-jyyw/roll/internal/value"
)

// Projector returns the part of a record's value that may be shown at a
// visibility level; the public site asks for "public" only.
type Projector interface {
	Project(kind string, v any, max string) any
}

// Roll is what the public roll says of the heroes.
type Roll interface {
	// Published returns the hero as the roll shows him, false when he is
	// not on it.
	Published(id string) (Person, bool)
	// Redact replaces in s the names that may not be published.
	Redact(s string) string
}

// Person is a hero on the public roll, as the roll shows him.
type Person struct {
	ID, Name     string // Name as published: 张某某 when anonymized
	Path         string // his page, from the site's root
	Jurisdiction string
	Date         model.Date // of the deed
	Summary      string
}

// Link names a page of the site, from its root; Path is "" for none.
type Link struct {
	ID, Name, Path string
}

// Input is what the pages are made from.
type Input struct {
	Decisions   []model.Decision
	Nominations []model.Nomination
	Site        any // site.yaml's value, for the objection contact
	// Honor names an honor of the catalog, with its page.
	Honor func(id string) Link
	Proj  Projector
	Roll  Roll
	Today time.Time // the build date: which 公示 are open
}

// Gazette is the commendations the public site shows.
type Gazette struct {
	Decisions []*Decision // newest first
	Notices   *Notices
	honored   map[string][]Link // decisions by hero id
	awards    map[awardID]Link  // the decision of an award, by hero, honor and year
}

// Decision is the data of decisions/<id>.html.
type Decision struct {
	ID, Doc, Issuer, Title string
	Date                   model.Date
	Path                   string  // decisions/<id>.html
	Groups                 []Group // by honor, in the decision's order
	Awards                 int     // every award, the unnamed included
	Named                  int     // awards to heroes on the roll
	Withheld               int     // awards to heroes who may not be published
	Description            string
}

// Group is the heroes a decision honored with one title.
type Group struct {
	Honor    Link
	Heroes   []Honoree
	Withheld int // honored with it and not on the roll: counted, not named
}

// Honoree is a hero on the roll honored by a decision.
type Honoree struct {
	Person
	Posthumous bool
}

// Index is the data of decisions/index.html.
type Index struct {
	Years []IndexYear
	Total int
}

// IndexYear is the decisions of one year, newest first.
type IndexYear struct {
	Year      int
	Label     string // 2020年
	Decisions []*Decision
}

// Notices is the data of notices.html: the nominations in their 公示 on
// the build date.
type Notices struct {
	Open      []*Notice
	Objection *Objection // nil without open notices
	Contact   string     // site.yaml's contact, when no objection contact is given
}

// Notice is a nomination in its 公示.
type Notice struct {
	ID       string
	Honor    Link
	From, To model.Date
	Heroes   []Person
	Withheld int // nominated and not on the roll: counted, not named
}

// Objection is how to object to a nomination in its 公示: site.yaml's
// objection, public fields only.
type Objection struct {
	Office  string `json:"office"`
	Phone   string `json:"phone"`
	Email   string `json:"email"`
	Address string `json:"address"`
}

// MailTo is the mailto: link of the objection e-mail.
func (o *Objection) MailTo() string { return "mailto:" + o.Email }

// Tel is the tel: link of the objection phone, "" when the phone is not a
// number a link can dial. html/template lets no tel: URL through as a
// string: this one is made of digits, dashes and a leading plus only.
func (o *Objection) Tel() template.URL {
	if !dialable.MatchString(o.Phone) {
		return ""
	}
	return template.URL("tel:" + o.Phone)
}

var dialable = regexp.MustCompile(`^\+?[0-9][0-9-]*$`)

// decisionView, nominationView and siteView are what the public
// projections let through, decoded: nothing else is read.
type decisionView struct {
	ID     string     `json:"id"`
	Doc    string     `json:"doc"`
	Date   model.Date `json:"date"`
	Issuer string     `json:"issuer"`
	Title  string     `json:"title"`
	Awards []struct {
		Hero       string `json:"hero"`
		Honor      string `json:"honor"`
		Posthumous bool   `json:"posthumous"`
	} `json:"awards"`
}

type nominationView struct {
	ID     string        `json:"id"`
	Honor  string        `json:"honor"`
	Heroes []string      `json:"heroes"`
	Notice *model.Notice `json:"notice"`
}

type siteView struct {
	Contact   string     `json:"contact"`
	Objection *Objection `json:"objection"`
}

// New gathers the published decisions and the open notices.
func New(in Input) (*Gazette, error) {
	g := &Gazette{Notices: &Notices{}, honored: map[string][]Link{}, awards: map[awardID]Link{}}
	for i := range in.Decisions {
		d := &in.Decisions[i]
		if d.Status == "withdrawn" {
			continue
		}
		var v decisionView
		if err := value.Decode(in.Proj.Project("decision", d.Src.Value(), "public"), &v); err != nil {
			return nil, fmt.Errorf("%s: public projection: %w", d.Src.File, err)
		}
		if !site.SafeName(v.ID) {
			return nil, fmt.Errorf("%s: decision id %q cannot name a page", d.Src.File, v.ID)
		}
		g.Decisions = append(g.Decisions, g.decision(in, v))
	}
	slices.SortStableFunc(g.Decisions, func(a, b *Decision) int { return cmp.Or(cmp.Compare(b.Date, a.Date), cmp.Compare(b.ID, a.ID)) })
	for _, d := range g.Decisions {
		seen := map[string]bool{}
		for _, gr := range d.Groups {
			for _, h := range gr.Heroes {
				l := Link{ID: d.ID, Name: d.Doc, Path: d.Path}
				if !seen[h.ID] {
					seen[h.ID] = true
					g.honored[h.ID] = append(g.honored[h.ID], l)
				}
				k := awardID{h.ID, gr.Honor.ID, d.Date.Year()}
				if _, dup := g.awards[k]; !dup {
					g.awards[k] = l
				}
			}
		}
	}
	for i := range in.Nominations {
		n := &in.Nominations[i]
		if n.Status == "withdrawn" {
			continue
		}
		var v nominationView
		if err := value.Decode(in.Proj.Project("nomination", n.Src.Value(), "public"), &v); err != nil {
			return nil, fmt.Errorf("%s: public projection: %w", n.Src.File, err)
		}
		if !v.Notice.Open(in.Today) {
			continue
		}
		nt := &Notice{ID: v.ID, Honor: in.Honor(v.Honor), From: v.Notice.From, To: v.Notice.To}
		for _, id := range v.Heroes {
			if p, ok := in.Roll.Published(id); ok {
				nt.Heroes = append(nt.Heroes, p)
			} else {
				nt.Withheld++
			}
		}
		g.Notices.Open = append(g.Notices.Open, nt)
	}
	slices.SortStableFunc(g.Notices.Open, func(a, b *Notice) int { return cmp.Or(cmp.Compare(a.To, b.To), cmp.Compare(a.ID, b.ID)) })
	if len(g.Notices.Open) > 0 {
		var sv siteView
		if err := value.Decode(in.Proj.Project("site", in.Site, "public"), &sv); err != nil {
			return nil, fmt.Errorf("records/site.yaml: public projection: %w", err)
		}
		g.Notices.Objection, g.Notices.Contact = sv.Objection, sv.Contact
	}
	return g, nil
}

// decision lays out one decision from its public projection.
func (g *Gazette) decision(in Input, v decisionView) *Decision {
	d := &Decision{ID: v.ID, Doc: v.Doc, Issuer: v.Issuer, Title: in.Roll.Redact(v.Title), Date: v.Date, Path: "decisions/" + v.ID + ".html"}
	byHonor := map[string]int{}
	for _, a := range v.Awards {
		i, ok := byHonor[a.Honor]
		if !ok {
			i = len(d.Groups)
			byHonor[a.Honor] = i
			d.Groups = append(d.Groups, Group{Honor: in.Honor(a.Honor)})
		}
		gr := &d.Groups[i]
		d.Awards++
		if p, ok := in.Roll.Published(a.Hero); ok {
			gr.Heroes = append(gr.Heroes, Honoree{Person: p, Posthumous: a.Posthumous})
			d.Named++
		} else {
			gr.Withheld++
			d.Withheld++
		}
	}
	d.Description = fmt.Sprintf("%s %s，%s：%s。表彰 %d 人次。", d.Issuer, d.Doc, d.Date.Zh(), d.Title, d.Awards)
	return d
}

// Honored returns the decisions that honored the hero id, newest first,
// each named by its document number: the links of his page.
func (g *Gazette) Honored(id string) []Link { return g.honored[id] }

// Award returns the decision that awarded the hero id the honor in year,
// false when no published decision did.
func (g *Gazette) Award(id, honor string, year int) (Link, bool) {
	l, ok := g.awards[awardID{id, honor, year}]
	return l, ok
}

// awardID names an award: the hero, the honor and the year. A key of its
// own, not a string joined from them: the roll asks for every title of
// every published hero on every build.
type awardID struct {
	hero, honor string
	year        int
}

// Pages lists the pages of the commendations: each decision, their index
// and the 公示. The caller adds them to the site's sitemap.
func (g *Gazette) Pages(today time.Time) ([]site.Page, error) {
	var pages []site.Page
	add := func(path, tmpl string, f site.Frame, extra string) error {
		b, err := json.Marshal(f)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		key := site.NewInputs("gazette").String(string(b)).String(extra).Done()
		pages = append(pages, site.Page{Path: path, Template: tmpl, Inputs: key, Frame: func() (site.Frame, error) { return f, nil }})
		return nil
	}
	idx := Index{Total: len(g.Decisions)}
	for _, d := range g.Decisions {
		y := d.Date.Year()
		if n := len(idx.Years); n == 0 || idx.Years[n-1].Year != y {
			idx.Years = append(idx.Years, IndexYear{Year: y, Label: strconv.Itoa(y) + "年"})
		}
		last := &idx.Years[len(idx.Years)-1]
		last.Decisions = append(last.Decisions, d)
		if err := add(d.Path, "decision.html", site.Frame{Title: d.Title, Section: "decisions", OGType: "article", Description: d.Description, Data: d}, ""); err != nil {
			return nil, err
		}
	}
	if err := add("decisions/index.html", "decisions.html", site.Frame{Title: "表彰决定", Section: "decisions", OGType: "website",
		Description: fmt.Sprintf("见义勇为表彰决定 %d 份：文号、日期、发文机关和受表彰人员。", len(g.Decisions)), Data: idx}, ""); err != nil {
		return nil, err
	}
	desc := "见义勇为推荐人选公示：公示期内接受社会监督。"
	if n := len(g.Notices.Open); n > 0 {
		desc = fmt.Sprintf("正在公示的见义勇为推荐 %d 项：公示期内接受社会监督，如有异议请向基金会反映。", n)
	}
	if err := add("notices.html", "notices.html", site.Frame{Title: "公示", Section: "notices", OGType: "website", Description: desc, Data: g.Notices},
		today.Format(time.DateOnly)); err != nil {
		return nil, err
	}
	return pages, nil
}
