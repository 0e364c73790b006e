// Package chart lays out the bar charts of both sites as inline SVG:
// every coordinate is computed here, so the template only prints numbers.
// New puts the labels beside the bars, for the wide pages of the internal
// site; Stacked puts each label above its bar, for the public site, read
// on phones.
package chart

import (
	"strconv"
	"unicode/utf8"
)

// Chart is a horizontal bar chart drawn as inline SVG: one labelled bar per
// row, with the value written beside it, so it reads without a script and
// prints in black and white.
type Chart struct {
	ID      string // for aria-labelledby
	Title   string // the SVG's <title>
	Caption string // what is counted
	Width   int
	Height  int
	LabelW  int // width of the label column
	LabelX  int // where the labels end: they are right-aligned
	Bars    []Bar
	Total   int
	// TotalText is Total as shown, set by NewAmounts; "" for a count.
	TotalText string
}

// Bar is one row of a chart, with its geometry worked out.
type Bar struct {
	Label string
	Value int
	Y     int // top of the bar
	H     int // height of the bar
	TextY int // baseline of its label and value
	W     int // width of the bar
	ValX  int // x of the value text: where it starts, or with Stacked where it ends
	// Text is Value as shown beside the bar, set by NewAmounts; "" for a
	// count, which is shown as it is.
	Text string
}

const (
	chartBarArea = 420
	chartRow     = 26
	chartBar     = 16
	chartPad     = 8
)

// New lays out bars for the labels and values given in order.
func New(id, title, caption string, labels []string, values []int) *Chart {
	return layout(id, title, caption, labels, values)
}

// NewAmounts lays out bars for amounts (fen), each written beside its bar
// and in the total as text formats it (an amount in yuan), with room for
// the longest.
func NewAmounts(id, title, caption string, labels []string, values []int64, text func(int64) string) *Chart {
	vs := make([]int, len(values))
	var total int64
	for i, v := range values {
		vs[i] = int(v)
		total += v
	}
	c := layout(id, title, caption, labels, vs)
	for i := range c.Bars {
		c.Bars[i].Text = text(values[i])
	}
	c.TotalText = text(total)
	c.Width = c.LabelW + chartBarArea + pairValueW
	return c
}

func layout(id, title, caption string, labels []string, values []int) *Chart {
	c := &Chart{ID: id, Title: title, Caption: caption, LabelW: 48}
	for _, l := range labels {
		// 14 pixels a character is enough for 13-pixel Chinese text.
		c.LabelW = max(c.LabelW, 14*utf8.RuneCountInString(l)+12)
	}
	ws := widths(values, chartBarArea, &c.Total)
	for i, l := range labels {
		v, w := values[i], ws[i]
		y := chartPad + i*chartRow
		c.Bars = append(c.Bars, Bar{
			Label: l, Value: v, Y: y, H: chartBar, TextY: y + chartBar - 3, W: w,
			ValX: c.LabelW + w + 6,
		})
	}
	c.LabelX = c.LabelW - 8
	c.Width = c.LabelW + chartBarArea + 48
	c.Height = 2*chartPad + len(labels)*chartRow
	return c
}

// widths scales values to bars of at most area units, the largest value
// the longest bar; a value above zero is never thinner than 2 units, so
// that it shows. It adds the values to *total.
func widths(values []int, area int, total *int) []int {
	maxV := 0
	for _, v := range values {
		maxV = max(maxV, v)
		*total += v
	}
	ws := make([]int, len(values))
	for i, v := range values {
		if maxV > 0 {
			ws[i] = v * area / maxV
		}
		if v > 0 && ws[i] < 2 {
			ws[i] = 2
		}
	}
	return ws
}

// The layout of Stacked, in the units of the SVG's viewBox, which a page
// shows at about one pixel each on a phone: 14 units of text stay 14
// pixels on a screen 360 pixels wide.
const (
	stackedWidth = 320
	stackedRow   = 42 // a line of text, the bar, and space
	stackedText  = 15 // baseline of the label below the row's top
	stackedBarY  = 22 // top of the bar below the row's top
	stackedBar   = 12
)

// Stacked lays out bars for a narrow screen: each row is its label, its
// value at the right end of the same line, and the bar below them across
// the whole width, so that the labels need no column of their own and
// keep their size on a phone.
func Stacked(id, title, caption string, labels []string, values []int) *Chart {
	c := &Chart{ID: id, Title: title, Caption: caption, Width: stackedWidth}
	ws := widths(values, stackedWidth, &c.Total)
	for i, l := range labels {
		v, w := values[i], ws[i]
		top := i * stackedRow
		c.Bars = append(c.Bars, Bar{
			Label: l, Value: v, Y: top + stackedBarY, H: stackedBar, TextY: top + stackedText, W: w,
			ValX: stackedWidth,
		})
	}
	c.Height = len(labels)*stackedRow - (stackedRow - stackedBarY - stackedBar)
	return c
}

// Summary is the chart's content as one sentence, for its <desc>.
func (c *Chart) Summary() string {
	s := c.Caption + "："
	for i, b := range c.Bars {
		if i > 0 {
			s += "，"
		}
		if b.Text != "" {
			s += b.Label + " " + b.Text
		} else {
			s += b.Label + " " + strconv.Itoa(b.Value)
		}
	}
	return s + "。"
}

// Pairs is a horizontal bar chart of two series side by side: each row a
// pair of bars, such as a category's budget and what was spent of it, or a
// month's income and spending. Each value is written beside its bar as the
// caller formats it (an amount in yuan), so the chart reads without a
// script and prints in black and white.
type Pairs struct {
	ID      string // for aria-labelledby
	Title   string // the SVG's <title>
	Caption string // what is compared
	Width   int
	Height  int
	LabelW  int // width of the label column
	LabelX  int // where the labels end: they are right-aligned
	Legend  [2]Legend
	Rows    []PairRow
}

// Legend names one series, with the swatch drawn for it.
type Legend struct {
	Name  string
	Class string // of its bars: bar-a, bar-b
	X     int    // of the swatch; the name follows it
	TextX int
}

// PairRow is one row of a Pairs chart.
type PairRow struct {
	Label  string
	LabelY int // baseline of the label, between the two bars
	Bars   [2]PairBar
	Over   bool // the second value exceeds the first: spent beyond the budget
}

// PairBar is one bar of a row, with its geometry worked out.
type PairBar struct {
	Class string // bar-a, bar-b, or bar-over for a second bar beyond the first
	Y     int    // top of the bar
	TextY int    // baseline of its value
	W     int    // width of the bar
	ValX  int    // x of the value text
	Text  string // the value as shown
}

const (
	pairBar    = 12
	pairGap    = 2
	pairRow    = 2*pairBar + pairGap + 12
	pairLegend = 24
	pairValueW = 110 // room for the longest value: 1,234,567.89元
)

// NewPairs lays out a row per label, the first series' value in a and the
// second's in b; text formats a value for display.
func NewPairs(id, title, caption string, series [2]string, labels []string, a, b []int64, text func(int64) string) *Pairs {
	c := &Pairs{ID: id, Title: title, Caption: caption, LabelW: 48}
	for _, l := range labels {
		c.LabelW = max(c.LabelW, 14*utf8.RuneCountInString(l)+12)
	}
	var maxV int64
	for i := range labels {
		maxV = max(maxV, a[i], b[i])
	}
	width := func(v int64) int {
		if maxV <= 0 || v <= 0 {
			return 0
		}
		return max(2, int(v*chartBarArea/maxV))
	}
	c.Legend[0] = Legend{Name: series[0], Class: "bar-a", X: c.LabelW, TextX: c.LabelW + 16}
	x := c.LabelW + 16 + 14*utf8.RuneCountInString(series[0]) + 24
	c.Legend[1] = Legend{Name: series[1], Class: "bar-b", X: x, TextX: x + 16}
	for i, l := range labels {
		y := pairLegend + chartPad + i*pairRow
		row := PairRow{Label: l, LabelY: y + pairBar + pairGap/2 + 4, Over: b[i] > a[i]}
		for k, v := range [2]int64{a[i], b[i]} {
			top := y + k*(pairBar+pairGap)
			w := width(v)
			class := c.Legend[k].Class
			if k == 1 && row.Over {
				class = "bar-over"
			}
			row.Bars[k] = PairBar{Class: class, Y: top, TextY: top + pairBar - 2, W: w, ValX: c.LabelW + w + 6, Text: text(v)}
		}
		c.Rows = append(c.Rows, row)
	}
	c.LabelX = c.LabelW - 8
	c.Width = c.LabelW + chartBarArea + pairValueW
	c.Height = pairLegend + 2*chartPad + len(labels)*pairRow
	return c
}

// Summary is the chart's content as one sentence, for its <desc>.
func (c *Pairs) Summary() string {
	s := c.Caption + "："
	for i, r := range c.Rows {
		if i > 0 {
			s += "；"
		}
		s += r.Label + " " + c.Legend[0].Name + " " + r.Bars[0].Text + "，" + c.Legend[1].Name + " " + r.Bars[1].Text
	}
	return s + "。"
}
