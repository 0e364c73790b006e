package public

import (
	"fmt"
	"strconv"

	"github.com/yancheng-jyyw/roll/internal/markdown"
	"github.com/yancheng-jyyw/roll/internal/search"
	"github.com/yancheng-jyyw/roll/internal/site"
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
			rows := make([][]byte, len(es))
			for i, e := range es {
				var err error
				if rows[i], err = r.searchRow(e, md); err != nil {
					return nil, err
				}
			}
			return search.File(y, rows), nil
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

// searchRow is e's row of the search index (search.Hero.Row): the one
// kept with his entry when there is one, else made and kept. It is made
// from his projection, redacted, and his narrative's lead: from his
// record's bytes, the code and the redaction's dictionary, which keep
// the row as they keep the redaction (Kept.note). A kept row that is not
// this hero's (its page first) is made again.
func (r *roll) searchRow(e *entry, md *markdown.Renderer) ([]byte, error) {
	if k := e.keep; k != nil && rowOf(k.search, e.Path) {
		return k.search, nil
	}
	lead, err := md.Lead(e.narrative())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", e.src.Src.File, err)
	}
	honors := make([]string, len(e.Honors))
	for j, a := range e.Honors {
		honors[j] = a.ID
	}
	row, err := search.Hero{URL: e.Path, Name: e.Name, Jurisdiction: e.Jurisdiction.ID, Year: e.year,
		Kind: e.Kind.Value, Outcome: e.Outcome.Value, Honors: honors, Place: e.Deed.Place,
		Summary: e.Deed.Summary, Lead: lead, Martyr: e.Martyr != nil}.Row()
	if err != nil {
		return nil, err
	}
	if k := e.keep; k != nil {
		// Only this shard's render touches e's entry: written again
		// whole (Kept.Bytes), after the render.
		k.search, k.raw = row, nil
		r.kept.searched.Store(true)
	}
	return row, nil
}

// rowOf reports whether row is a row of the search index of the hero
// whose page is path: {"u":"<path>", … }.
func rowOf(row []byte, path string) bool {
	const start = `{"u":"`
	n := len(start) + len(path)
	return len(row) > n+1 && string(row[:len(start)]) == start && string(row[len(start):n]) == path &&
		row[n] == '"' && row[len(row)-1] == '}'
}
