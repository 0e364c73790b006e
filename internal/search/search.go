// Package search writes the search index of the public honor roll: what
// the search page's script (templates/public/static/search.js) reads to
// find heroes by name, 全拼 or 首字母 of the name, place, jurisdiction,
// year, kind of deed, outcome, honor, summary and the narrative's first
// paragraph, with no server.
//
// The index is split into shards, one per year of the deed, named in a
// small manifest (search.json) with the words its codes stand for. A
// shard changes only when a hero of its year does, so a rebuild after one
// edit writes one shard; the script loads the manifest and then every
// shard at once.
//
// The package is given what may be shown and nothing else: the public
// site decides who is published and what of each hero, the name already
// anonymized where asked. The pinyin is that of the name as shown: the
// full name of an anonymized hero is not there to be read aloud.
package search

import (
	"encoding/json"
	"fmt"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yancheng-jyyw/roll/internal/pinyin"
)

// Version is the format of the index the script reads.
const Version = 2

// Hero is one published hero in the index.
type Hero struct {
	URL          string   // the hero's page, relative to the site root
	Name         string   // as shown: anonymized where asked
	Jurisdiction string   // the jurisdiction's id
	Year         int      // of the deed; 0 when unknown
	Kind         string   // deed.kind, as records write it
	Outcome      string   // as records write it
	Honors       []string // the ids of the titles awarded
	Place        string
	Summary      string
	Lead         string // the narrative's first paragraph, as text
	Martyr       bool   // officially rated 烈士
	// Pinyin is Pinyin(Name), which the index writes with the name;
	// made from Name when "" (a caller may keep it between builds).
	Pinyin string
}

// entry is a Hero as the index writes it. Keys are short: the index is
// downloaded whole.
type entry struct {
	URL          string   `json:"u"`
	Name         string   `json:"n"`
	Pinyin       string   `json:"py"`
	Jurisdiction string   `json:"j"`
	Year         int      `json:"y"`
	Kind         string   `json:"k"`
	Outcome      string   `json:"o"`
	Honors       []string `json:"h,omitempty"`
	Place        string   `json:"p"`
	Summary      string   `json:"s"`
	Lead         string   `json:"t,omitempty"`
	Martyr       bool     `json:"m,omitempty"`
}

// Pinyin is what a name is found by when typed in Latin letters: the 全拼
// and the 首字母 of each of its readings (Reading.Full and Initials of
// package pinyin), separated by spaces: "wangwei ww"; a surname read two
// ways gives both ("yuexiaoming yxm lexiaoming lxm").
func Pinyin(name string) string {
	var keys []string
	seen := map[string]bool{}
	for _, r := range pinyin.Readings(name) {
		for _, k := range []string{r.Full(), r.Initials()} {
			if k != "" && !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	return strings.Join(keys, " ")
}

// Shard is the part of the index of one year of the deed.
type Shard struct {
	Year   int
	Path   string // slash path below the site root: search/2020.json
	Heroes []Hero
}

// ShardPath is the file of the shard of year, below dir.
func ShardPath(dir string, year int) string {
	return path.Join(dir, strconv.Itoa(year)+".json")
}

// Shards groups heroes, in the order given, by year of the deed into
// shards under dir; the shards come in the order of their first hero.
func Shards(dir string, heroes []Hero) []Shard {
	var out []Shard
	at := map[int]int{}
	for _, h := range heroes {
		i, ok := at[h.Year]
		if !ok {
			i = len(out)
			at[h.Year] = i
			out = append(out, Shard{Year: h.Year, Path: ShardPath(dir, h.Year)})
		}
		out[i].Heroes = append(out[i].Heroes, h)
	}
	return out
}

// JSON is the shard's file.
func (s Shard) JSON() ([]byte, error) {
	size := 64
	for _, h := range s.Heroes {
		size += 160 + len(h.URL) + len(h.Name) + len(h.Pinyin) + len(h.Jurisdiction) + len(h.Kind) + len(h.Outcome) +
			len(h.Place) + len(h.Summary) + len(h.Lead)
		for _, x := range h.Honors {
			size += 3 + len(x)
		}
	}
	b := append(make([]byte, 0, size), `{"v":`...)
	b = strconv.AppendInt(b, Version, 10)
	b = append(b, `,"y":`...)
	b = strconv.AppendInt(b, int64(s.Year), 10)
	b = append(b, `,"heroes":[`...)
	for i, h := range s.Heroes {
		if i > 0 {
			b = append(b, ',')
		}
		b = h.appendRow(b)
	}
	return append(b, "]}\n"...), nil
}

// appendRow appends what the index writes of h in its shard: the bytes
// json.Marshal writes for h's entry (TestFileIsMarshal, FuzzRow), without
// its reflection. A shard of a year of 10,000 heroes is written again
// whenever one of them changes.
func (h Hero) appendRow(b []byte) []byte {
	py := h.Pinyin
	if py == "" {
		py = Pinyin(h.Name)
	}
	b = appendString(append(b, `{"u":`...), h.URL)
	b = appendString(append(b, `,"n":`...), h.Name)
	b = appendString(append(b, `,"py":`...), py)
	b = appendString(append(b, `,"j":`...), h.Jurisdiction)
	b = strconv.AppendInt(append(b, `,"y":`...), int64(h.Year), 10)
	b = appendString(append(b, `,"k":`...), h.Kind)
	b = appendString(append(b, `,"o":`...), h.Outcome)
	if len(h.Honors) > 0 {
		b = append(b, `,"h":[`...)
		for i, x := range h.Honors {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, x)
		}
		b = append(b, ']')
	}
	b = appendString(append(b, `,"p":`...), h.Place)
	b = appendString(append(b, `,"s":`...), h.Summary)
	if h.Lead != "" {
		b = appendString(append(b, `,"t":`...), h.Lead)
	}
	if h.Martyr {
		b = append(b, `,"m":true`...)
	}
	return append(b, '}')
}

// appendString appends s as json.Marshal writes it: between quotes
// when nothing in it is escaped (the bytes of printable ASCII but for
// " \ < > &, and valid UTF-8 but for U+2028 and U+2029), else as
// json.Marshal escapes it.
func appendString(b []byte, s string) []byte {
	plain := utf8.ValidString(s) && !strings.Contains(s, "\u2028") && !strings.Contains(s, "\u2029")
	for i := 0; plain && i < len(s); i++ {
		// Most bytes of the texts are of Chinese characters: one
		// comparison each.
		if c := s[i]; c < utf8.RuneSelf {
			plain = c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' && c != 0x7f
		}
	}
	if plain {
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	q, _ := json.Marshal(s) // a string always marshals
	return append(b, q...)
}

// Word is a code of the index and what it stands for.
type Word struct {
	ID, Name string
}

// Words are the names the codes of the index stand for.
type Words struct {
	Jurisdictions []Word
	Honors        []Word
	Kinds         []Word // the schema's words (x-enum-titles)
	Outcomes      []Word
}

// ShardInfo is what the manifest says of a shard: enough to name it, and
// to key the manifest without building the shard.
type ShardInfo struct {
	Year   int
	Path   string
	Heroes int
}

// Manifest is search.json: the shards to load and the words of the codes.
func Manifest(shards []ShardInfo, w Words) ([]byte, error) {
	type shard struct {
		Year   int    `json:"y"`
		Path   string `json:"u"`
		Heroes int    `json:"n"`
	}
	v := struct {
		Version int                          `json:"v"`
		Total   int                          `json:"total"`
		Shards  []shard                      `json:"shards"`
		Words   map[string]map[string]string `json:"words"`
	}{Version: Version, Shards: []shard{}, Words: map[string]map[string]string{}}
	for _, s := range shards {
		v.Shards = append(v.Shards, shard{s.Year, s.Path, s.Heroes})
		v.Total += s.Heroes
	}
	for key, ws := range map[string][]Word{"j": w.Jurisdictions, "h": w.Honors, "k": w.Kinds, "o": w.Outcomes} {
		m := map[string]string{}
		for _, x := range ws {
			m[x.ID] = x.Name
		}
		v.Words[key] = m
	}
	return marshal(v)
}

// marshal writes v as JSON. json.Marshal escapes <, > and &, so the file
// is inert even if served as HTML.
func marshal(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	return append(b, '\n'), nil
}
