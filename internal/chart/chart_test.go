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
