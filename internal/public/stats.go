package public

import (
	"strconv"

	"github.com/yancheng-jyyw/roll/internal/site"
	"github.com/yancheng-jyyw/roll/internal/tally"
)

// Statistics is the data of the statistics page: the heroes on the roll
// counted by year of the deed, by jurisdiction, by kind of deed, by
// outcome, and the titles awarded, each as a chart and a table (package
// tally). Every value of the catalogs and of the schemas' enums has its
// row, a count of 0 included; a row links to the list of its heroes.
type Statistics struct {
	Total  int
	Tables []*tally.Table
}

// statsPages adds stats.html.
func (r *roll) statsPages(out *pageList, hs []*entry, years, jurs, honors []count, byKind, byOutcome map[string][]*entry) error {
	fallen := map[int]int{}
	for _, e := range hs {
		if e.Fallen() {
			fallen[e.year]++
		}
	}
	var yearRows []tally.Row
	for _, c := range years {
		yearRows = append(yearRows, tally.Row{Label: c.Name, Path: c.Path, N: c.N, More: []int{fallen[mustAtoi(c.ID)]}})
	}
	counted := map[string]count{}
	for _, c := range jurs {
		counted["j "+c.ID] = c
	}
	for _, c := range honors {
		counted["h "+c.ID] = c
	}
	var jurRows, honorRows, kindRows, outcomeRows []tally.Row
	for _, j := range r.jurisdictions {
		c := counted["j "+j.ID]
		jurRows = append(jurRows, tally.Row{Label: j.Name, Path: c.Path, N: c.N})
	}
	for _, h := range r.honors {
		c := counted["h "+h.ID]
		honorRows = append(honorRows, tally.Row{Label: h.Name, Path: c.Path, N: c.N})
	}
	for _, k := range r.words.kinds {
		row := tally.Row{Label: k.Title, N: len(byKind[k.Value])}
		if row.N > 0 {
			row.Path = "kinds/" + k.Value + ".html"
		}
		kindRows = append(kindRows, row)
	}
	for _, o := range r.words.outcomes {
		row := tally.Row{Label: o.Title, N: len(byOutcome[o.Value])}
		if row.N > 0 {
			row.Path = "outcomes/" + o.Value + ".html"
		}
		outcomeRows = append(outcomeRows, row)
	}
	data := Statistics{Total: len(hs), Tables: []*tally.Table{
		tally.New("by-year", "按事迹年份", "年份", "人", []string{"其中牺牲"}, yearRows),
		tally.New("by-jurisdiction", "按地区", "地区", "人", nil, jurRows),
		tally.New("by-kind", "按事迹类别", "事迹类别", "人", nil, kindRows),
		tally.New("by-outcome", "按伤亡情况", "伤亡情况", "人", nil, outcomeRows),
		tally.New("by-honor", "按荣誉称号", "荣誉称号", "人次", nil, honorRows),
	}}
	in := site.NewInputs("stats").Int(data.Total)
	for _, t := range data.Tables {
		in.String(t.ID).String(t.Title).String(t.Head).String(t.Unit).Int(len(t.Rows))
		for _, c := range t.Columns {
			in.String(c)
		}
		for _, row := range t.Rows {
			in.String(row.Label).String(row.Path).Int(row.N)
			for _, n := range row.More {
				in.Int(n)
			}
		}
	}
	out.static("stats.html", "stats.html", in.Done(), site.Frame{Title: "数据统计", Section: "stats", OGType: "website",
		Description: "见义勇为人员 " + strconv.Itoa(data.Total) + " 位：按年份、地区、事迹类别、伤亡情况和荣誉称号统计。",
		Data:        data})
	return nil
}
