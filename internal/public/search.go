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
			hs := make([]search.Hero, len(es))
			for i, e := range es {
				lead, err := md.Lead(e.narrative())
				if err != nil {
					return nil, fmt.Errorf("%s: %w", e.src.Src.File, err)
				}
				honors := make([]string, len(e.Honors))
				for j, a := range e.Honors {
					honors[j] = a.ID
				}
				hs[i] = search.Hero{URL: e.Path, Name: e.Name, Jurisdiction: e.Jurisdiction.ID, Year: e.year,
					Kind: e.Kind.Value, Outcome: e.Outcome.Value, Honors: honors, Place: e.Deed.Place,
					Summary: e.Deed.Summary, Lead: lead, Martyr: e.Martyr != nil}
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
