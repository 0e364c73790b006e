package site

import (
	"regexp"
	"testing"
)

// TestSafeNameIsTheExpression holds SafeName to the regular expression it
// stands for, on every name of up to three characters of a small alphabet
// and on some longer ones.
func TestSafeNameIsTheExpression(t *testing.T) {
	re := regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)
	alphabet := []string{"a", "Z", "0", "9", "_", "-", ".", "/", " ", "é", "\n"}
	names := []string{"", "H-2020-0001", "city", "T-2020-05", "../x", "a\x00", "名录", "a.html", "%2e"}
	var grow func(prefix string, n int)
	grow = func(prefix string, n int) {
		names = append(names, prefix)
		if n == 0 {
			return
		}
		for _, c := range alphabet {
			grow(prefix+c, n-1)
		}
	}
	grow("", 3)
	for _, s := range names {
		if got, want := SafeName(s), re.MatchString(s); got != want {
			t.Errorf("SafeName(%q) = %v, the expression says %v", s, got, want)
		}
	}
}
