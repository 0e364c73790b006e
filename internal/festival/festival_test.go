package festival

import (
	"testing"
	"time"
)

func TestDays(t *testing.T) {
	for _, tc := range []struct {
		year              int
		spring, midAutumn string
	}{
		{2010, "2010-02-14", "2010-09-22"},
		{2020, "2020-01-25", "2020-10-01"},
		{2025, "2025-01-29", "2025-10-06"},
		{2030, "2030-02-03", "2030-09-12"},
		{2031, "2031-01-23", "2031-10-01"},
	} {
		s, m, err := Days(tc.year)
		if err != nil || s.Format(time.DateOnly) != tc.spring || m.Format(time.DateOnly) != tc.midAutumn {
			t.Errorf("Days(%d) = %v, %v, %v; want %s, %s", tc.year, s, m, err, tc.spring, tc.midAutumn)
		}
	}
	for _, y := range []int{First - 1, Last + 1} {
		if _, _, err := Days(y); err == nil {
			t.Errorf("Days(%d): no error beyond the table", y)
		}
	}
	// Every entry is a real day in the festival's season.
	for y := First; y <= Last; y++ {
		s, m, _ := Days(y)
		if s.Month() < 1 || s.Month() > 2 || m.Month() < 9 || m.Month() > 10 || s.Year() != y || m.Year() != y {
			t.Errorf("Days(%d) = %v, %v: out of season", y, s, m)
		}
	}
}
