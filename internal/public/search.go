package public

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"

	"github.com/yancheng-jyyw/roll/internal/markdown"
	"github.com/yancheng-jyyw/roll/internal/search"
	"github.com/yancheng-jyyw/roll/internal/site"
	"github.com/yancheng-jyyw/roll/internal/wire"
)

// searchPages adds the search page and its index (package search): the
// manifest search.json and a shard of each year of the deed, keyed by the
// heroes of that year alone.
func (r *roll) searchPages(out *pageList, md *markdown.Renderer) {
	var years []int
	byYear := map[int][]*entry{}
	for _, e := range r.heroes {
		if _, ok := byYear[e.year]; !ok {
			years = append(years, e.year)
		}
		byYear[e.year] = append(byYear[e.year], e)
	}
	var infos []search.ShardInfo
	manifest := site.NewInputs("search manifest").Int(search.Version)
	for _, y := range years {
		es := byYear[y]
		info := search.ShardInfo{Year: y, Path: search.ShardPath(searchDir, y), Heroes: len(es)}
		infos = append(infos, info)
		manifest.Int(y).String(info.Path).Int(info.Heroes)
		rows := r.kept.rowsKeys("search|"+info.Path, info.Path, [][]*entry{es})[0]
		out.file(info.Path, site.NewInputs("search shard").Int(search.Version).Key(rows).Done(), func() ([]byte, error) {
			hs := make([]search.Hero, len(es))
			for i, e := range es {
				var err error
				if hs[i], err = r.searchHero(e, md); err != nil {
					return nil, err
				}
			}
			return search.Shard{Year: y, Path: info.Path, Heroes: hs}.JSON()
		})
	}
	var w search.Words
	data := Search{Index: "search.json", Total: len(r.heroes), Browse: r.facets.all()}
	for _, j := range r.jurisdictions {
		w.Jurisdictions = append(w.Jurisdictions, search.Word{ID: j.ID, Name: j.Name})
	}
	for _, h := range r.honors {
		w.Honors = append(w.Honors, search.Word{ID: h.ID, Name: h.Name})
	}
	for _, k := range r.words.kinds {
		w.Kinds = append(w.Kinds, search.Word{ID: k.Value, Name: k.Title})
	}
	for _, o := range r.words.outcomes {
		w.Outcomes = append(w.Outcomes, search.Word{ID: o.Value, Name: o.Title})
	}
	for _, ws := range [][]search.Word{w.Jurisdictions, w.Honors, w.Kinds, w.Outcomes} {
		manifest.Int(len(ws))
		for _, x := range ws {
			manifest.String(x.ID).String(x.Name)
		}
	}
	out.file("search.json", manifest.Done(), func() ([]byte, error) { return search.Manifest(infos, w) })

	// The filters offer the values that have heroes, as the pages do.
	options := func(f *facet) []option {
		var os []option
		for _, l := range f.Links {
			os = append(os, option{Value: l.ID, Label: l.Label})
		}
		return os
	}
	data.Kinds = options(r.facets.kinds)
	data.Outcomes = options(r.facets.outcomes)
	data.Honors = options(r.facets.honors)
	data.Jurisdictions = options(r.facets.jurisdictions)
	data.Years = years
	in := site.NewInputs("search").Int(data.Total).String(data.Index)
	for _, os := range [][]option{data.Kinds, data.Outcomes, data.Honors, data.Jurisdictions} {
		in.Int(len(os))
		for _, o := range os {
			in.String(o.Value).String(o.Label)
		}
	}
	for _, y := range years {
		in.Int(y)
	}
	for _, f := range data.Browse {
		in.String(f.Name).Int(len(f.Links))
		for _, l := range f.Links {
			in.String(l.Label).String(l.Path).Int(l.N)
		}
	}
	out.static("search.html", "search.html", in.Done(), site.Frame{Title: "搜索", Section: "search", OGType: "website",
		Description: "按姓名（也可用拼音或首字母）、地区、地点、年份、事迹类别、伤亡情况、荣誉称号或事迹搜索 " + strconv.Itoa(data.Total) + " 位见义勇为人员。",
		Data:        data})
}

// searchHero is what the search index shows of e. The lead of his
// narrative and the pinyin of his name are those kept with his entry
// (keptHero.search) when there are, else made and kept: rendering the
// leads of a year's heroes and reading their names aloud was most of
// making the shard of a changed hero's year again. Both are made from his
// record's bytes, the code and the redaction's dictionary (the lead of
// the narrative redacted), which keep them as they keep the redaction
// (Kept.note).
func (r *roll) searchHero(e *entry, md *markdown.Renderer) (search.Hero, error) {
	lead, py, ok := "", "", false
	if e.keep != nil {
		lead, py, ok = keptSearch(e.keep.search, e.narrativeTo)
	}
	if !ok {
		narr := e.narrative()
		var err error
		if lead, err = md.Lead(narr); err != nil {
			return search.Hero{}, fmt.Errorf("%s: %w", e.src.Src.File, err)
		}
		py = search.Pinyin(e.Name)
		if k := e.keep; k != nil {
			// Only this shard's render touches e's entry: written
			// again whole (Kept.Bytes), after the render.
			k.search, k.raw = appendSearch(nil, narr, lead, py), nil
			r.kept.searched.Store(true)
		}
	}
	honors := make([]string, len(e.Honors))
	for j, a := range e.Honors {
		honors[j] = a.ID
	}
	return search.Hero{URL: e.Path, Name: e.Name, Pinyin: py, Jurisdiction: e.Jurisdiction.ID, Year: e.year,
		Kind: e.Kind.Value, Outcome: e.Outcome.Value, Honors: honors, Place: e.Deed.Place,
		Summary: e.Deed.Summary, Lead: lead, Martyr: e.Martyr != nil}, nil
}

// appendSearch appends what keptHero.search keeps of a hero's row of the
// search index: the lead of his narrative narr, as where it is in narr
// when it is a part of it (a plain narrative's first line: most), else
// as its text, then the pinyin of his name.
func appendSearch(b []byte, narr, lead, py string) []byte {
	if at := strings.Index(narr, lead); lead != "" && at >= 0 {
		b = append(b, 1)
		b = binary.AppendUvarint(b, uint64(at))
		b = binary.AppendUvarint(b, uint64(len(lead)))
	} else {
		b = wire.AppendString(append(b, 2), lead)
	}
	return wire.AppendString(b, py)
}

// keptSearch reads what appendSearch wrote of a hero; prefix gives the
// first n bytes of his narrative (entry.narrativeTo), false when it is
// shorter. It is false when nothing is kept, or what is does not fit the
// narrative.
func keptSearch(b []byte, prefix func(n int) (string, bool)) (lead, py string, ok bool) {
	if len(b) == 0 {
		return "", "", false
	}
	r := wire.NewReader(b[1:])
	r.Alias = true
	switch b[0] {
	case 1:
		at, n := r.Uvarint(1<<30), r.Uvarint(1<<30)
		if r.Bad() {
			return "", "", false
		}
		narr, fits := prefix(int(at + n))
		if !fits {
			return "", "", false
		}
		lead = narr[at:]
	case 2:
		lead = r.Str()
	default:
		return "", "", false
	}
	py = r.Str()
	return lead, py, !r.Bad() && len(r.Rest()) == 0
}

// narrativeTo is the first n bytes of e.narrative(), made without the
// rest (a lead kept is near the start); false when it is shorter.
func (e *entry) narrativeTo(n int) (string, bool) {
	body := e.src.Body
	if len(e.bodyEdits) == 0 {
		if n > len(body) {
			return "", false
		}
		return body[:n], true
	}
	// The names redaction writes are short: the builder grows once.
	var b strings.Builder
	b.Grow(n + 32)
	done := 0
	for _, ed := range e.bodyEdits {
		if b.Len() >= n {
			break
		}
		b.WriteString(body[done:min(ed.Start, done+n-b.Len())])
		if b.Len() >= n {
			break
		}
		b.WriteString(ed.New)
		done = ed.End
	}
	if rest := n - b.Len(); rest > 0 {
		if rest > len(body)-done {
			return "", false
		}
		b.WriteString(body[done : done+rest])
	}
	return b.String()[:n], true
}
