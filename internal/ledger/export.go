package ledger

import (
	"strconv"
	"strings"

	"github.com/yancheng-jyyw/roll/internal/sheet"
)

// Tables is the year's page as an Excel workbook (fund/<year>.xlsx): the
// budget's execution, the months, the jurisdictions, what is not paid as
// written and every voucher, as the page shows them.
func (y *Year) Tables() []*sheet.Table {
	year := strconv.Itoa(y.Year) + "年"
	return []*sheet.Table{y.budgetTable(year), y.monthTable(year), y.placeTable(year), y.OpenTable(year), y.entryTable(year)}
}

func (y *Year) budgetTable(year string) *sheet.Table {
	t := &sheet.Table{
		Title: year + "预算执行",
		Columns: []sheet.Column{
			{Header: "支出类别", Kind: sheet.Text},
			{Header: "预算（元）", Kind: sheet.Money},
			{Header: "已支出（元）", Kind: sheet.Money},
			{Header: "结余（元）", Kind: sheet.Money},
			{Header: "执行率", Kind: sheet.Percent},
			{Header: "笔数", Kind: sheet.Integer},
		},
	}
	row := func(name string, r BudgetRow) []sheet.Value {
		if !r.Budgeted {
			return []sheet.Value{sheet.Str(name), sheet.Str("未列预算"), sheet.Fen(r.Spent), {}, {}, sheet.Int(r.Count)}
		}
		return []sheet.Value{sheet.Str(name), sheet.Fen(r.Budget), sheet.Fen(r.Spent), sheet.Fen(r.Left),
			sheet.Ratio(int(r.Spent), int(r.Budget)), sheet.Int(r.Count)}
	}
	for _, r := range y.Budget {
		t.Rows = append(t.Rows, row(r.Category.Zh(), r))
	}
	t.Rows = append(t.Rows, row("合计", y.BudgetSum))
	return t
}

func (y *Year) monthTable(year string) *sheet.Table {
	t := &sheet.Table{
		Title: year + "各月收支",
		Columns: []sheet.Column{
			{Header: "月份", Kind: sheet.Text},
			{Header: "收入（元）", Kind: sheet.Money},
			{Header: "支出（元）", Kind: sheet.Money},
			{Header: "当月收支差额（元）", Kind: sheet.Money},
			{Header: "年初至月末累计（元）", Kind: sheet.Money},
			{Header: "凭证数", Kind: sheet.Integer},
		},
	}
	for _, m := range y.Months {
		if !m.File {
			t.Rows = append(t.Rows, []sheet.Value{sheet.Str(m.Label), sheet.Str("无收支明细"), {}, {}, {}, {}})
			continue
		}
		t.Rows = append(t.Rows, []sheet.Value{sheet.Str(m.Label), sheet.Fen(m.Income), sheet.Fen(m.Expense), sheet.Fen(m.Net), sheet.Fen(m.Balance), sheet.Int(m.Count)})
	}
	t.Rows = append(t.Rows, []sheet.Value{sheet.Str("全年"), sheet.Fen(y.Income), sheet.Fen(y.Expense), sheet.Fen(y.Net), sheet.Fen(y.Net), sheet.Int(y.Count)})
	return t
}

func (y *Year) placeTable(year string) *sheet.Table {
	t := &sheet.Table{
		Title: year + "各辖区支出",
		Columns: []sheet.Column{
			{Header: "辖区", Kind: sheet.Text},
			{Header: "支出（元）", Kind: sheet.Money},
			{Header: "占全年支出", Kind: sheet.Percent},
			{Header: "笔数", Kind: sheet.Integer},
			{Header: "其中", Kind: sheet.Text},
		},
	}
	for _, p := range y.Places {
		var parts []string
		for _, x := range p.Parts {
			parts = append(parts, x.Category.Zh()+" "+x.Amount.Zh())
		}
		t.Rows = append(t.Rows, []sheet.Value{sheet.Str(p.Name), sheet.Fen(p.Expense), sheet.Ratio(int(p.Expense), int(y.Expense)),
			sheet.Int(p.Count), sheet.Str(strings.Join(parts, "；"))})
	}
	return t
}

// OpenTable is the year's visits and rewards not paid as written.
func (y *Year) OpenTable(year string) *sheet.Table {
	t := &sheet.Table{
		Title: year + "未付清的慰问金和奖金",
		Columns: []sheet.Column{
			{Header: "对应记录", Kind: sheet.Text},
			{Header: "项目", Kind: sheet.Text},
			{Header: "日期", Kind: sheet.Date},
			{Header: "人员编号", Kind: sheet.Text},
			{Header: "人员", Kind: sheet.Text},
			{Header: "应付（元）", Kind: sheet.Money},
			{Header: "已付（元）", Kind: sheet.Money},
			{Header: "未付（元）", Kind: sheet.Money},
			{Header: "情况", Kind: sheet.Text},
		},
	}
	for _, r := range y.Open {
		what := "走访慰问金"
		if r.Award {
			what = "表彰奖金"
		}
		t.Rows = append(t.Rows, []sheet.Value{sheet.Str(r.Ref.ID), sheet.Str(what), sheet.Day(string(r.Due.Date)),
			sheet.Str(r.Hero.ID), sheet.Str(r.Hero.Name), sheet.Fen(r.Amount), sheet.Fen(r.Paid), sheet.Fen(r.Left), sheet.Str(r.State.Zh())})
	}
	return t
}

func (y *Year) entryTable(year string) *sheet.Table {
	t := &sheet.Table{
		Title: year + "收支明细",
		Columns: []sheet.Column{
			{Header: "凭证号", Kind: sheet.Text},
			{Header: "日期", Kind: sheet.Date},
			{Header: "收支", Kind: sheet.Text},
			{Header: "类别", Kind: sheet.Text},
			{Header: "金额（元）", Kind: sheet.Money},
			{Header: "对应记录", Kind: sheet.Text},
			{Header: "人员", Kind: sheet.Text},
			{Header: "辖区", Kind: sheet.Text},
			{Header: "摘要", Kind: sheet.Text},
			{Header: "状态", Kind: sheet.Text},
		},
	}
	for _, e := range y.Entries {
		state := ""
		if e.Withdrawn {
			state = e.Status.Zh() + "，不计入"
		}
		t.Rows = append(t.Rows, []sheet.Value{sheet.Str(e.ID), sheet.Day(string(e.Date)), sheet.Str(e.Kind.Zh()), sheet.Str(e.Category.Zh()),
			sheet.Fen(e.Amount), sheet.Str(e.Ref.ID), sheet.Str(e.Hero.Name), sheet.Str(e.Jurisdiction), sheet.Str(e.Note), sheet.Str(state)})
	}
	return t
}
