package idcard

import "regexp"

// HasDigitRun reports whether s holds n ASCII digits in a row, as every
// phone or ID number does: a test far cheaper than a regular expression.
func HasDigitRun(s string, n int) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			if run++; run >= n {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

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
