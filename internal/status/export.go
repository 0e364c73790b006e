package status

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/yancheng-jyyw/roll/internal/care"
	"github.com/yancheng-jyyw/roll/internal/history"
	"github.com/yancheng-jyyw/roll/internal/roster"
	"github.com/yancheng-jyyw/roll/internal/sheet"
	"github.com/yancheng-jyyw/roll/internal/site"
)

// # Excel exports
//
// Each list page has its list as an Excel workbook beside it (heroes.html
// and heroes.xlsx), linked from the page as 导出 Excel (Frame.Export). A
// workbook holds what its page shows and nothing else: each function below
// turns the data the page is rendered from into the workbook's tables, so
// private values appear in it only as masked as on the page. Package sheet
// writes the tables; it keeps text from the records from ever becoming a
// formula, and gives the same bytes for the same tables.
//
// A workbook is a file of the site (site.Page with File). Those of the
// lists of heroes are keyed as their pages are (keys.go): their tables are
// a function of the page's data, so an edit that leaves a list's key as it
// was neither makes nor encodes its workbook again; heroes.xlsx, a row per
// hero, is the largest. Those of the pages keyed by every record's fields
// (care, the fund, decisions, the 通报, events, teams) are keyed by the sum
// of their tables (sheet.Sum), made from the data those pages' lists are
// built from anyway: a tenth of the cost of encoding them, so an edit that
// leaves such a list as it was encodes nothing again.

// workbook is the Excel export of a list page.
type workbook struct {
	file   string   // slash path beside the page: heroes.xlsx
	key    site.Key // of what its page shows
	tables func() []*sheet.Table
}

// summed is a workbook keyed by the sum of its tables, made now.
func summed(file string, tables []*sheet.Table) workbook {
	return workbook{file: file, key: site.Key(sheet.Sum(tables...)), tables: func() []*sheet.Table { return tables }}
}

// page is the workbook as a file of the site: its tables made and
// encoded only when the key changed.
func (wb workbook) page() site.Page {
	tables := wb.tables
	return site.Page{
		Path:   wb.file,
		Inputs: wb.inputs(),
		File:   func() ([]byte, error) { return sheet.Encode(tables()...) },
	}
}

// inputs is the key of the workbook as a file of the site.
func (wb workbook) inputs() site.Key { return site.NewInputs("workbook").Key(wb.key).Done() }

// careExport names the workbook of a year's care visits, beside its page.
func careExport(year int) string { return fmt.Sprintf("care/%d.xlsx", year) }

// lastColumns are the columns of a record's last change (last, commit):
// the page's 最后修改 column, split into the day and the author.
var lastColumns = []sheet.Column{{Header: "最后修改", Kind: sheet.Date}, {Header: "修改人", Kind: sheet.Text}}

// last is the day and author of a record's last commit or, without one,
// what the page says instead.
func last(r history.Record) (day, author sheet.Value) {
	if r.Last != nil {
		return commit(r.Last)
	}
	why := "未提交"
	switch {
	case r.NoGit:
		why = "无版本历史"
	case r.Shallow:
		why = "浅克隆，不可见"
	}
	return sheet.Value{}, sheet.Str(why)
}

// commit is the day and author of c, empty cells when there is none.
func commit(c *history.Commit) (day, author sheet.Value) {
	if c == nil {
		return sheet.Value{}, sheet.Value{}
	}
	return sheet.DateOf(c.When), sheet.Str(c.Author)
}

// rosterTables is heroes.html: every hero.
func rosterTables(list *roster.HeroList) []*sheet.Table {
	t := &sheet.Table{
		Title: "人员名录",
		Columns: append([]sheet.Column{
			{Header: "编号", Kind: sheet.Text},
			{Header: "姓名", Kind: sheet.Text},
			{Header: "辖区", Kind: sheet.Text},
			{Header: "状态", Kind: sheet.Text},
			{Header: "事迹日期", Kind: sheet.Date},
			{Header: "本人结果", Kind: sheet.Text},
			{Header: "重点家庭", Kind: sheet.Text},
		}, lastColumns...),
		Rows: make([][]sheet.Value, 0, len(list.Rows)),
	}
	for _, r := range list.Rows {
		day, author := commit(r.Last)
		t.Rows = append(t.Rows, []sheet.Value{
			sheet.Str(r.Hero.ID), sheet.Str(r.Hero.Name), sheet.Str(r.Jurisdiction),
			sheet.Str(r.Status.Zh()), sheet.Day(string(r.DeedDate)),
			sheet.Str(r.Outcome.Zh()), sheet.Str(r.Priority), day, author,
		})
	}
	return []*sheet.Table{t}
}

// insuranceTables is insurance.html: honorees without this year's insurance.
func insuranceTables(a *Attention, year int) []*sheet.Table {
	t := &sheet.Table{
		Title: strconv.Itoa(year) + "年综合保险缺口",
		Columns: append([]sheet.Column{
			{Header: "编号", Kind: sheet.Text},
			{Header: "姓名", Kind: sheet.Text},
			{Header: "辖区", Kind: sheet.Text},
			{Header: "所获称号", Kind: sheet.Text},
			{Header: "已投保年度", Kind: sheet.Text},
		}, lastColumns...),
	}
	for _, u := range a.Uninsured {
		day, author := last(u.History)
		t.Rows = append(t.Rows, []sheet.Value{
			sheet.Str(u.Hero.ID), sheet.Str(u.Hero.Name), sheet.Str(u.Jurisdiction),
			sheet.Str(u.Honors), sheet.Str(u.Insured), day, author,
		})
	}
	return []*sheet.Table{t}
}

// pendingTables is pending.html: confirmations still pending, longest
// wait first.
func pendingTables(a *Attention) []*sheet.Table {
	t := &sheet.Table{
		Title: "待确认人员",
		Columns: append([]sheet.Column{
			{Header: "编号", Kind: sheet.Text},
			{Header: "姓名", Kind: sheet.Text},
			{Header: "辖区", Kind: sheet.Text},
			{Header: "事迹日期", Kind: sheet.Date},
			{Header: "事迹", Kind: sheet.Text},
			{Header: "已等待（天）", Kind: sheet.Integer},
		}, lastColumns...),
	}
	for _, p := range a.Pending {
		day, author := last(p.History)
		t.Rows = append(t.Rows, []sheet.Value{
			sheet.Str(p.Hero.ID), sheet.Str(p.Hero.Name), sheet.Str(p.Jurisdiction),
			sheet.Day(string(p.Deed.Date)), sheet.Str(p.Deed.Summary), sheet.Int(p.Days), day, author,
		})
	}
	return []*sheet.Table{t}
}

// stationTables is stations.html: the grassroots workstations.
func stationTables(a *Attention) []*sheet.Table {
	t := &sheet.Table{
		Title: "基层工作站",
		Columns: append([]sheet.Column{
			{Header: "编号", Kind: sheet.Text},
			{Header: "工作站", Kind: sheet.Text},
			{Header: "辖区", Kind: sheet.Text},
			{Header: "示范", Kind: sheet.Text},
			{Header: "建站日期", Kind: sheet.Date},
			{Header: "最新评分", Kind: sheet.Integer},
			{Header: "评分年度", Kind: sheet.Integer},
			{Header: "历年评分", Kind: sheet.Text},
		}, lastColumns...),
	}
	for _, st := range a.Stations {
		demo := "否"
		if st.Demonstration {
			demo = "示范"
		}
		latest, latestYear := sheet.Str("未评"), sheet.Value{}
		if st.Latest != nil {
			latest, latestYear = sheet.Int(st.Latest.Score), sheet.Int(st.Latest.Year)
		}
		var scores []string
		for _, sc := range st.Scores {
			scores = append(scores, strconv.Itoa(sc.Year)+"年 "+strconv.Itoa(sc.Score))
		}
		day, author := last(st.History)
		t.Rows = append(t.Rows, []sheet.Value{
			sheet.Str(st.ID), sheet.Str(st.Name), sheet.Str(st.JurisdictionName), sheet.Str(demo),
			sheet.Day(string(st.Since)), latest, latestYear, sheet.Str(strings.Join(scores, "，")), day, author,
		})
	}
	return []*sheet.Table{t}
}

// careTables is care/<year>.html: the priority families against the
// festivals, the year's totals by jurisdiction and occasion, and every
// visit.
func careTables(c *care.Care) []*sheet.Table {
	year := strconv.Itoa(c.Year) + "年"
	return []*sheet.Table{careFamilies(c, year), careTotals(c, year), careVisits(c, year)}
}

// careFamilies has a row per priority family and, per festival, whether
// it was visited, when first, with what and by whom.
func careFamilies(c *care.Care, year string) *sheet.Table {
	t := &sheet.Table{
		Title: year + "重点家庭节日走访",
		Columns: []sheet.Column{
			{Header: "编号", Kind: sheet.Text},
			{Header: "姓名", Kind: sheet.Text},
			{Header: "辖区", Kind: sheet.Text},
			{Header: "情况", Kind: sheet.Text},
		},
	}
	for _, f := range c.Festivals {
		t.Columns = append(t.Columns,
			sheet.Column{Header: f.Name, Kind: sheet.Text},
			sheet.Column{Header: f.Name + "走访日期", Kind: sheet.Date},
			sheet.Column{Header: f.Name + "慰问金（元）", Kind: sheet.Money},
			sheet.Column{Header: f.Name + "物品", Kind: sheet.Text},
			sheet.Column{Header: f.Name + "走访单位", Kind: sheet.Text},
		)
	}
	for _, fam := range c.Families {
		row := make([]sheet.Value, 0, len(t.Columns))
		row = append(row, sheet.Str(fam.Hero.ID), sheet.Str(fam.Hero.Name), sheet.Str(fam.Jurisdiction), sheet.Str(fam.Reasons))
		for _, cell := range fam.Cells {
			switch cell.State {
			case "visited":
				state := "已走访"
				if len(cell.Visits) > 1 {
					state = fmt.Sprintf("已走访 %d 次", len(cell.Visits))
				}
				var amount care.Yuan
				var items, visitors []string
				for _, v := range cell.Visits {
					amount += v.Amount
					if v.Items != "" {
						items = append(items, v.Items)
					}
					visitors = append(visitors, v.Visitors)
				}
				row = append(row, sheet.Str(state), sheet.Day(string(cell.Visits[0].Date)), sheet.Yuan(int(amount)),
					sheet.Str(strings.Join(items, "；")), sheet.Str(strings.Join(visitors, "；")))
			case "na":
				row = append(row, sheet.Str("事迹在节后"), sheet.Value{}, sheet.Value{}, sheet.Value{}, sheet.Value{})
			default:
				row = append(row, sheet.Str("尚未走访"), sheet.Value{}, sheet.Value{}, sheet.Value{}, sheet.Value{})
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// careTotals is the page's table of totals: a row per jurisdiction with
// visits and the sum, and per occasion the visits, the families cared for
// and the amount.
func careTotals(c *care.Care, year string) *sheet.Table {
	t := &sheet.Table{Title: year + "慰问汇总", Columns: []sheet.Column{{Header: "辖区", Kind: sheet.Text}}}
	for _, o := range append(c.Totals.Occasions, "合计") {
		t.Columns = append(t.Columns,
			sheet.Column{Header: o + "次数", Kind: sheet.Integer},
			sheet.Column{Header: o + "户次", Kind: sheet.Integer},
			sheet.Column{Header: o + "金额（元）", Kind: sheet.Money},
		)
	}
	rows := c.Totals.Rows
	if len(rows) > 0 {
		rows = append(rows[:len(rows):len(rows)], c.Totals.Sum)
	}
	for _, r := range rows {
		row := []sheet.Value{sheet.Str(r.Name)}
		for _, cell := range r.Cells {
			if cell.Visits == 0 {
				row = append(row, sheet.Value{}, sheet.Value{}, sheet.Value{})
				continue
			}
			row = append(row, sheet.Int(cell.Visits), sheet.Int(cell.People), sheet.Yuan(int(cell.Amount)))
		}
		t.Rows = append(t.Rows, append(row, sheet.Int(r.Visits), sheet.Int(r.People), sheet.Yuan(int(r.Amount))))
	}
	return t
}

// careVisits is every visit of the year, by date.
func careVisits(c *care.Care, year string) *sheet.Table {
	t := &sheet.Table{
		Title: year + "走访记录",
		Columns: append([]sheet.Column{
			{Header: "编号", Kind: sheet.Text},
			{Header: "日期", Kind: sheet.Date},
			{Header: "项目", Kind: sheet.Text},
			{Header: "辖区", Kind: sheet.Text},
			{Header: "走访单位", Kind: sheet.Text},
			{Header: "对象", Kind: sheet.Text},
			{Header: "金额（元）", Kind: sheet.Money},
		}, lastColumns...),
	}
	for _, v := range c.Visits {
		var names []string
		for _, h := range v.Heroes {
			names = append(names, h.Name)
		}
		day, author := last(v.History)
		t.Rows = append(t.Rows, []sheet.Value{
			sheet.Str(v.ID), sheet.Day(string(v.Date)), sheet.Str(v.Occasion), sheet.Str(v.Jurisdiction),
			sheet.Str(v.Visitors), sheet.Str(strings.Join(names, "、")), sheet.Yuan(int(v.Amount)), day, author,
		})
	}
	return t
}
