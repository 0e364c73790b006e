package chart

import (
	"strconv"
	"testing"
)

func TestNew(t *testing.T) {
	c := New("c", "标题", "人数", []string{"亭湖区", "盐城经济技术开发区", "零"}, []int{10, 5, 0})
	if c.Total != 15 || len(c.Bars) != 3 {
		t.Fatalf("Total %d, %d bars", c.Total, len(c.Bars))
	}
	if c.LabelW != 14*9+12 || c.LabelX != c.LabelW-8 {
		t.Errorf("LabelW %d, LabelX %d: want room for the longest label", c.LabelW, c.LabelX)
	}
	if c.Bars[0].W != 420 || c.Bars[1].W != 210 || c.Bars[2].W != 0 {
		t.Errorf("bar widths %d %d %d, want 420 210 0", c.Bars[0].W, c.Bars[1].W, c.Bars[2].W)
	}
	if c.Bars[1].Y != c.Bars[0].Y+26 || c.Height != 16+3*26 {
		t.Errorf("rows at %d and %d, height %d", c.Bars[0].Y, c.Bars[1].Y, c.Height)
	}
	if got, want := c.Summary(), "人数：亭湖区 10，盐城经济技术开发区 5，零 0。"; got != want {
		t.Errorf("Summary() = %q, want %q", got, want)
	}
}

func TestStacked(t *testing.T) {
	c := Stacked("s", "标题", "人数", []string{"盐城经济技术开发区", "亭湖区", "零"}, []int{8, 2, 0})
	if c.Width != 320 || c.Total != 10 || len(c.Bars) != 3 {
		t.Fatalf("Width %d, Total %d, %d bars", c.Width, c.Total, len(c.Bars))
	}
	// Each label sits above its bar, which spans the whole width at the
	// largest value; the value ends at the right edge.
	for i, b := range c.Bars {
		if b.TextY >= b.Y || b.ValX != c.Width {
			t.Errorf("bar %d: text at %d, bar at %d, value ends at %d", i, b.TextY, b.Y, b.ValX)
		}
		if i > 0 && b.TextY <= c.Bars[i-1].Y+c.Bars[i-1].H {
			t.Errorf("bar %d: its label at %d overlaps the bar above, which ends at %d", i, b.TextY, c.Bars[i-1].Y+c.Bars[i-1].H)
		}
	}
	if c.Bars[0].W != 320 || c.Bars[1].W != 80 || c.Bars[2].W != 0 {
		t.Errorf("bar widths %d %d %d, want 320 80 0", c.Bars[0].W, c.Bars[1].W, c.Bars[2].W)
	}
	if last := c.Bars[2]; c.Height != last.Y+last.H {
		t.Errorf("height %d, want the last bar's bottom %d", c.Height, last.Y+last.H)
	}
}

func TestNewPairs(t *testing.T) {
	text := func(v int64) string { return strconv.FormatInt(v, 10) + "元" }
	c := NewPairs("p", "预算执行", "预算与支出", [2]string{"预算", "已支出"},
		[]string{"表彰奖励", "宣传"}, []int64{300, 60}, []int64{150, 90}, text)
	if len(c.Rows) != 2 || c.LabelW != 14*4+12 {
		t.Fatalf("%d rows, LabelW %d", len(c.Rows), c.LabelW)
	}
	a, b := c.Rows[0].Bars, c.Rows[1].Bars
	if a[0].W != 420 || a[1].W != 210 || b[0].W != 84 || b[1].W != 126 {
		t.Errorf("bar widths %d %d %d %d, want 420 210 84 126", a[0].W, a[1].W, b[0].W, b[1].W)
	}
	if c.Rows[0].Over || !c.Rows[1].Over || b[1].Class != "bar-over" || a[1].Class != "bar-b" {
		t.Errorf("over budget: %v %v, classes %q %q", c.Rows[0].Over, c.Rows[1].Over, a[1].Class, b[1].Class)
	}
	if a[1].Y != a[0].Y+14 || b[0].Y != a[0].Y+38 || c.Height != 24+16+2*38 {
		t.Errorf("bars at %d, %d, %d; height %d", a[0].Y, a[1].Y, b[0].Y, c.Height)
	}
	if a[0].ValX != c.LabelW+420+6 || a[0].Text != "300元" {
		t.Errorf("value at %d %q", a[0].ValX, a[0].Text)
	}
	if got, want := c.Summary(), "预算与支出：表彰奖励 预算 300元，已支出 150元；宣传 预算 60元，已支出 90元。"; got != want {
		t.Errorf("Summary() = %q, want %q", got, want)
	}
	if z := NewPairs("z", "", "", [2]string{"a", "b"}, []string{"零"}, []int64{0}, []int64{0}, text); z.Rows[0].Bars[0].W != 0 {
		t.Errorf("a zero value has a bar of %d", z.Rows[0].Bars[0].W)
	}
}

func TestNewAmounts(t *testing.T) {
	text := func(v int64) string { return strconv.FormatInt(v/100, 10) + "元" }
	c := NewAmounts("a", "各辖区支出", "支出", []string{"亭湖区", "盐城市"}, []int64{2650000, 15075000}, text)
	if len(c.Bars) != 2 || c.Bars[1].W != 420 || c.Bars[0].W != 2650000*420/15075000 {
		t.Fatalf("bars %+v", c.Bars)
	}
	if c.Bars[0].Text != "26500元" || c.TotalText != "177250元" || c.Width != c.LabelW+420+110 {
		t.Errorf("texts %q, total %q, width %d", c.Bars[0].Text, c.TotalText, c.Width)
	}
	if got, want := c.Summary(), "支出：亭湖区 26500元，盐城市 150750元。"; got != want {
		t.Errorf("Summary() = %q, want %q", got, want)
	}
}
