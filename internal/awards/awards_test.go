package awards

import (
	"testing"
	"time"

	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/schema"
)

func TestWindow(t *testing.T) {
	n := &model.Notice{From: "2021-01-18", To: "2021-01-24"}
	for _, tc := range []struct {
		notice    *model.Notice
		today     string
		withdrawn bool
		want      string
		open      bool
	}{
		{n, "2021-01-17", false, "尚未开始", false},
		{n, "2021-01-18", false, "公示中", true},
		{n, "2021-01-24", false, "公示中", true},
		{n, "2021-01-25", false, "公示已结束", false},
		{n, "2021-01-20", true, "已撤回，不公示", false},
		{nil, "2021-01-20", false, "未公示", false},
	} {
		day, _ := time.Parse(time.DateOnly, tc.today)
		// The build date may carry a time of day: the window is in days.
		day = day.Add(15 * time.Hour)
		status := schema.EnumValue{Value: "active", Title: "有效"}
		if tc.withdrawn {
			status = schema.EnumValue{Value: "withdrawn", Title: "已撤回"}
		}
		if got, open := window(tc.notice, day, status); got != tc.want || open != tc.open {
			t.Errorf("window(%v, %s, withdrawn %v) = %q, %v; want %q, %v", tc.notice, tc.today, tc.withdrawn, got, open, tc.want, tc.open)
		}
	}
}
