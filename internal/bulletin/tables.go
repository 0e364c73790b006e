package bulletin

import (
	"strconv"

	"github.com/yancheng-jyyw/roll/internal/sheet"
)

// Tables are the period's 通报 as an Excel workbook, a sheet per section
// of the page: the filings, the tasks, the figures and what each report
// said.
func (b *Bulletin) Tables() []*sheet.Table {
	name := b.Period.Zh()
	filings := &sheet.Table{
		Title: name + "报送情况",
		Columns: []sheet.Column{
			{Header: "名次", Kind: sheet.Integer}, {Header: "辖区", Kind: sheet.Text}, {Header: "情况", Kind: sheet.Text},
			{Header: "迟报天数", Kind: sheet.Integer}, {Header: "收到日期", Kind: sheet.Date}, {Header: "报送单位", Kind: sheet.Text},
		},
	}
	for _, r := range b.Filings {
		late := sheet.Value{}
		if r.Filing.Value == Late {
			late = sheet.Int(r.Filing.Days)
		}
		filings.Rows = append(filings.Rows, []sheet.Value{
			sheet.Int(r.Rank), sheet.Str(r.Name), sheet.Str(r.Filing.Zh()), late, sheet.Day(string(r.Submitted)), sheet.Str(r.By),
		})
	}
	notes := &sheet.Table{
		Title: name + "报送摘要",
		Columns: []sheet.Column{
			{Header: "辖区", Kind: sheet.Text}, {Header: "报送编号", Kind: sheet.Text}, {Header: "任务", Kind: sheet.Text},
			{Header: "状态", Kind: sheet.Text}, {Header: "说明", Kind: sheet.Text},
		},
	}
	for _, n := range b.Reports {
		if n.Note != "" {
			notes.Rows = append(notes.Rows, []sheet.Value{sheet.Str(n.Name), sheet.Str(n.ID), sheet.Value{}, sheet.Value{}, sheet.Str(n.Note)})
		}
		for _, t := range n.Tasks {
			notes.Rows = append(notes.Rows, []sheet.Value{
				sheet.Str(n.Name), sheet.Str(n.ID), sheet.Str(taskName(t.Task)), sheet.Str(t.Status.Zh()), sheet.Str(t.Note),
			})
		}
	}
	return []*sheet.Table{filings, b.Progress.table(name + "任务进展"), b.Figures.table(name + "工作量统计"), notes}
}

// Tables are the year's 通报 as an Excel workbook: the filings of every
// period, the tasks by the latest reports, and the year's figures.
func (v *YearView) Tables() []*sheet.Table {
	name := strconv.Itoa(v.Year) + "年"
	filings := &sheet.Table{
		Title:   name + "各期报送",
		Columns: []sheet.Column{{Header: "名次", Kind: sheet.Integer}, {Header: "辖区", Kind: sheet.Text}},
	}
	for _, p := range v.Periods {
		filings.Columns = append(filings.Columns, sheet.Column{Header: p.Period.Short(), Kind: sheet.Text})
	}
	filings.Columns = append(filings.Columns,
		sheet.Column{Header: "按时（期）", Kind: sheet.Integer}, sheet.Column{Header: "迟报（期）", Kind: sheet.Integer},
		sheet.Column{Header: "未报（期）", Kind: sheet.Integer}, sheet.Column{Header: "迟报合计天数", Kind: sheet.Integer})
	for _, r := range v.Rows {
		row := []sheet.Value{sheet.Int(r.Rank), sheet.Str(r.Name)}
		for _, c := range r.Cells {
			row = append(row, sheet.Str(c.Zh()))
		}
		filings.Rows = append(filings.Rows, append(row, sheet.Int(r.OnTime), sheet.Int(r.Late), sheet.Int(r.Missing), sheet.Int(r.LateDays)))
	}
	out := []*sheet.Table{filings}
	if v.Progress != nil {
		out = append(out, v.Progress.table(name+"任务进展"), v.Figures.table(name+"工作量统计"))
	}
	return out
}

func taskName(t TaskCol) string {
	if t.Number == 0 {
		return t.Title
	}
	return strconv.Itoa(t.Number) + ". " + t.Title
}

// table is the progress table as a sheet: a column per task, then the
// counts by status.
func (pt *ProgressTable) table(title string) *sheet.Table {
	t := &sheet.Table{Title: title, Columns: []sheet.Column{{Header: "名次", Kind: sheet.Integer}, {Header: "辖区", Kind: sheet.Text}}}
	for _, c := range pt.Tasks {
		t.Columns = append(t.Columns, sheet.Column{Header: taskName(c), Kind: sheet.Text})
	}
	for _, st := range pt.Statuses {
		t.Columns = append(t.Columns, sheet.Column{Header: st.Zh() + "（项）", Kind: sheet.Integer})
	}
	for _, r := range pt.Rows {
		row := []sheet.Value{sheet.Int(r.Rank), sheet.Str(r.Name)}
		for _, c := range r.Cells {
			if !r.Reported {
				row = append(row, sheet.Str(r.Filing.Zh()))
			} else {
				row = append(row, sheet.Str(c.Zh()))
			}
		}
		for _, n := range r.Counts {
			row = append(row, sheet.Int(n))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// table is the figure table as a sheet, the city's own and the total last.
func (ft *FigureTable) table(title string) *sheet.Table {
	t := &sheet.Table{
		Title: title,
		Columns: []sheet.Column{
			{Header: "名次", Kind: sheet.Integer}, {Header: "辖区", Kind: sheet.Text},
			{Header: "活动（场）", Kind: sheet.Integer}, {Header: "参加（人次）", Kind: sheet.Integer},
			{Header: "在册队伍（支）", Kind: sheet.Integer}, {Header: "队员（人）", Kind: sheet.Integer},
			{Header: "走访（次）", Kind: sheet.Integer}, {Header: "慰问（户次）", Kind: sheet.Integer},
		},
	}
	rows := append(ft.Rows[:len(ft.Rows):len(ft.Rows)], ft.City, ft.Total)
	for _, r := range rows {
		rk := sheet.Value{}
		if r.Rank > 0 {
			rk = sheet.Int(r.Rank)
		}
		t.Rows = append(t.Rows, []sheet.Value{
			rk, sheet.Str(r.Name), sheet.Int(r.Events), sheet.Int(r.Participants),
			sheet.Int(r.Teams), sheet.Int(r.Members), sheet.Int(r.Visits), sheet.Int(r.Families),
		})
	}
	return t
}
