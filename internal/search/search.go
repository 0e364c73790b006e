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

// JSON is the shard's file: its heroes' rows (Row) in a shard (File).
func (s Shard) JSON() ([]byte, error) {
	rows := make([][]byte, len(s.Heroes))
	for i, h := range s.Heroes {
		var err error
		if rows[i], err = h.Row(); err != nil {
			return nil, err
		}
	}
	return File(s.Year, rows), nil
}

// Row is what the index writes of h in its shard: the same bytes
// whichever shard and wherever in it, so that a shard can be made of
// rows kept from the build before (File).
func (h Hero) Row() ([]byte, error) {
	b, err := json.Marshal(entry{
		URL: h.URL, Name: h.Name, Pinyin: Pinyin(h.Name), Jurisdiction: h.Jurisdiction, Year: h.Year,
		Kind: h.Kind, Outcome: h.Outcome, Honors: h.Honors, Place: h.Place, Summary: h.Summary,
		Lead: h.Lead, Martyr: h.Martyr,
	})
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	return b, nil
}

// File is the shard of year whose heroes' rows (Row) are rows, in
// order: the bytes json.Marshal writes for the shard, which writes each
// element of a list as it writes it alone.
func File(year int, rows [][]byte) []byte {
	size := 64
	for _, r := range rows {
		size += len(r) + 1
	}
	b := make([]byte, 0, size)
	b = append(b, `{"v":`...)
	b = strconv.AppendInt(b, Version, 10)
	b = append(b, `,"y":`...)
	b = strconv.AppendInt(b, int64(year), 10)
	b = append(b, `,"heroes":[`...)
	for i, r := range rows {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, r...)
	}
	return append(b, "]}\n"...)
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
