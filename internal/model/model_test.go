package model

import (
	"testing"
	"time"
)

func TestAge(t *testing.T) {
	day := func(s string) time.Time { return Date(s).Time() }
	for _, tc := range []struct {
		id   string
		born int
		on   string
		want int
	}{
		{"320924200606020015", 2006, "2024-06-01", 17}, // leap year: the day before the 18th birthday
		{"320924200606010015", 2006, "2024-06-01", 18}, // the birthday itself
		{"320924200603010015", 2006, "2024-02-29", 17}, // Feb 29 is before Mar 1
		{"320924200602280015", 2006, "2023-02-28", 17},
		{"320924200612310015", 2006, "2024-12-30", 17},
		{"", 2006, "2024-12-31", 17}, // no ID number: the birthday counts as not yet come
		{"", 2006, "2025-01-01", 18},
	} {
		h := Hero{BirthYear: tc.born, Private: Private{IDNumber: tc.id}}
		if got := h.Age(day(tc.on)); got != tc.want {
			t.Errorf("Age(%s) born %s = %d, want %d", tc.on, tc.id, got, tc.want)
		}
	}
}

func TestDateZh(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2020-03-14", "2020年3月14日"},
		{"2019-12-01", "2019年12月1日"},
		{"2020-05", "2020年5月"},
		{"", ""},
		{"不详", "不详"},
	} {
		if got := Date(tc.in).Zh(); got != tc.want {
			t.Errorf("Date(%q).Zh() = %q, want %q", tc.in, got, tc.want)
		}
	}
}
