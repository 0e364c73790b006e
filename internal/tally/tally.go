// Package tally lays out the counts of a statistics page: for each way of
// counting (by year, by jurisdiction, by kind of deed, by outcome), a
// table of the numbers, with each one's share of the whole, and the same
// numbers as a bar chart (package chart) that reads on a phone. The page
// shows both, so that the figures are there without the picture, for a
// screen reader and on paper.
package tally

import (
	"strconv"

	"github.com/yancheng-jyyw/roll/internal/chart"
)

// Row is one line of a table: what is counted, where its list is, how
// many, and the further columns of the table.
type Row struct {
	Label string
	Path  string // the page listing them, relative to the site root; "" for none
	N     int
	More  []int // the table's further columns (Table.Columns)
	Share string
}

// Table is one way of counting, as a table and a chart.
type Table struct {
	ID      string // unique on its page: anchors and ids derive from it
	Title   string // the heading, the chart's title and the table's caption
	Head    string // what a row is: the heading of the first column
	Unit    string // what N counts: 人, 人次
	Columns []string
	Rows    []Row
	Total   int
	More    []int // the totals of the further columns
	Chart   *chart.Chart
}

// New makes the table of rows: the totals, each row's share of the total,
// and the chart of the rows' counts. A table of no rows has no chart.
func New(id, title, head, unit string, columns []string, rows []Row) *Table {
	t := &Table{ID: id, Title: title, Head: head, Unit: unit, Columns: columns, Rows: rows, More: make([]int, len(columns))}
	labels := make([]string, len(rows))
	values := make([]int, len(rows))
	for i, r := range rows {
		t.Total += r.N
		for j := range min(len(r.More), len(columns)) {
			t.More[j] += r.More[j]
		}
		labels[i], values[i] = r.Label, r.N
	}
	for i := range t.Rows {
		t.Rows[i].Share = Share(t.Rows[i].N, t.Total)
	}
	if len(rows) > 0 {
		t.Chart = chart.Stacked(id+"-chart", title, title+"（"+unit+"）", labels, values)
	}
	return t
}

// Share is n as a percentage of total with one decimal, "12.5%"; "—"
// when the total is 0.
func Share(n, total int) string {
	if total <= 0 {
		return "—"
	}
	// Rounded half up, in tenths of a percent, in integers.
	tenths := (n*1000*2 + total) / (total * 2)
	return strconv.Itoa(tenths/10) + "." + strconv.Itoa(tenths%10) + "%"
}
