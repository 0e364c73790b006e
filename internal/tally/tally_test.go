package tally

import "testing"

func TestShare(t *testing.T) {
	for _, tc := range []struct {
		n, total int
		want     string
	}{
		{1, 8, "12.5%"}, {1, 3, "33.3%"}, {2, 3, "66.7%"}, {0, 5, "0.0%"}, {5, 5, "100.0%"},
		{1, 2000, "0.1%"}, {1, 2001, "0.0%"}, {0, 0, "—"},
	} {
		if got := Share(tc.n, tc.total); got != tc.want {
			t.Errorf("Share(%d, %d) = %q, want %q", tc.n, tc.total, got, tc.want)
		}
	}
}

func TestNew(t *testing.T) {
	tb := New("by-kind", "按事迹类别", "类别", "人", []string{"其中牺牲"}, []Row{
		{Label: "抢险救人", Path: "kinds/rescue.html", N: 6, More: []int{1}},
		{Label: "其他", N: 2, More: []int{2}},
	})
	if len(tb.More) != 1 || tb.More[0] != 3 {
		t.Errorf("totals of the further columns %v, want [3]", tb.More)
	}
	if tb.Total != 8 || tb.Rows[0].Share != "75.0%" || tb.Rows[1].Share != "25.0%" {
		t.Errorf("total %d, shares %q %q", tb.Total, tb.Rows[0].Share, tb.Rows[1].Share)
	}
	if tb.Chart == nil || tb.Chart.ID != "by-kind-chart" || len(tb.Chart.Bars) != 2 || tb.Chart.Total != 8 {
		t.Fatalf("chart %+v", tb.Chart)
	}
	if got, want := tb.Chart.Summary(), "按事迹类别（人）：抢险救人 6，其他 2。"; got != want {
		t.Errorf("chart summary %q, want %q", got, want)
	}
	if New("x", "空", "", "人", nil, nil).Chart != nil {
		t.Error("a table of no rows has a chart")
	}
}
