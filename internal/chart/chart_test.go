package chart

import "testing"

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
