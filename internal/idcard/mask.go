package idcard

import (
	"regexp"
	"strings"
)

// HasDigitRun reports whether s holds n ASCII digits in a row, as every
// phone or ID number does: a test far cheaper than a regular expression.
func HasDigitRun(s string, n int) bool {
	if n <= 1 {
		return strings.IndexAny(s, "0123456789") >= 0
	}
	// A run of n digits that starts in s[i:i+n] holds s[i+n-1]: where
	// that is no digit, the next n positions start none. So most of a
	// text without digits is skipped n bytes at a time.
	for i := 0; i+n <= len(s); {
		if !digit(s[i+n-1]) {
			i += n
			continue
		}
		// Count the run through s[i+n-1], backwards to i and forwards.
		j := i + n - 1
		for j > i && digit(s[j-1]) {
			j--
		}
		k := i + n
		for k < len(s) && k-j < n && digit(s[k]) {
			k++
		}
		if k-j >= n {
			return true
		}
		i = k + 1 // s[k] is no digit, or the end
	}
	return false
}

func digit(c byte) bool { return '0' <= c && c <= '9' }

// numberRun is a run of digits long enough to be a phone number (7 or more)
// or an ID number (17 digits and a check character).
var numberRun = regexp.MustCompile(`[0-9]{17}[0-9Xx]|[0-9]{7,}`)

// MaskNumbers masks every phone-like or ID-like run of digits in s: an
// 18-character ID number as 3209**********0012 (Mask), any other run of 7
// or more digits as a phone, 138****0000 (MaskPhone). Dates, years and
// amounts are shorter and stay as they are.
func MaskNumbers(s string) string {
	if !HasDigitRun(s, 7) {
		return s // the common case, without the regular expression's cost
	}
	return numberRun.ReplaceAllStringFunc(s, func(m string) string {
		if len(m) == 18 {
			return Mask(m)
		}
		return MaskPhone(m)
	})
}
