package roster

import (
	"testing"

	"github.com/yancheng-jyyw/roll/internal/model"
)

// TestFastPath holds the layout of usual ids to Path's for any id.
func TestFastPath(t *testing.T) {
	ids := []string{
		"H-2020-0001", "H-2020-0299", "H-2020-0300", "H-2020-9999", "H-2020-12345", "H-1-0",
		"H-02020-0001", "H-0-0001", "H-0000-0001", "-2020-0001", "H--0001", "H-2020-", "H-2020",
		"H-2020-0001-2", "H-999999999-999999999", "H-9999999999-1", "H-2020-1234567890", "H-2a20-0001",
		"X-2020-0600", "H-2020-+1", "H", "", "-", "--", "H-2020-0901",
	}
	for y := range 12 {
		for n := 0; n < 2000; n += 37 {
			ids = append(ids, "H-"+itoa(y*211)+"-"+itoa(n))
		}
	}
	for _, id := range ids {
		h := &model.Hero{ID: id, Jurisdiction: "binhai"}
		if got, want := Path(h), splitPath(h); got != want {
			t.Errorf("Path(%q) = %q, want %q", id, got, want)
		}
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}
