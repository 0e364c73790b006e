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
}

const (
	chartBarArea = 420
	chartRow     = 26
	chartBar     = 16
	chartPad     = 8
)

// New lays out bars for the labels and values given in order.
func New(id, title, caption string, labels []string, values []int) *Chart {
	c := &Chart{ID: id, Title: title, Caption: caption, LabelW: 48}
	for _, l := range labels {
		// 14 pixels a character is enough for 13-pixel Chinese text.
		c.LabelW = max(c.LabelW, 14*utf8.RuneCountInString(l)+12)
	}
	maxV := 0
	for _, v := range values {
		maxV = max(maxV, v)
		c.Total += v
	}
	for i, l := range labels {
		v := values[i]
		w := 0
		if maxV > 0 {
			w = v * chartBarArea / maxV
		}
		if v > 0 && w < 2 {
			w = 2
		}
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
	maxV := 0
	for _, v := range values {
		maxV = max(maxV, v)
		c.Total += v
	}
	for i, l := range labels {
		v := values[i]
		w := 0
		if maxV > 0 {
			w = v * stackedWidth / maxV
		}
		if v > 0 && w < 2 {
			w = 2
		}
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
		s += b.Label + " " + strconv.Itoa(b.Value)
	}
	return s + "。"
}
