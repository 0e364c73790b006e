// Package idcard checks and masks the 18-character resident identity numbers
// of GB 11643-1999: six digits of address, eight of birth date, three of
// sequence (odd for men, even for women) and a check digit computed by
// ISO 7064 MOD 11-2, where 10 is written X.
package idcard

import (
	"errors"
	"strings"
	"time"
)

var weights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const checkChars = "10X98765432"

// CheckDigit returns the check character for the first 17 digits of a
// number, or 0 when they are not 17 ASCII digits.
func CheckDigit(first17 string) byte {
	if len(first17) != 17 {
		return 0
	}
	sum := 0
	for i := 0; i < 17; i++ {
		c := first17[i]
		if c < '0' || c > '9' {
			return 0
		}
		sum += int(c-'0') * weights[i]
	}
	return checkChars[sum%11]
}

// Errors returned by Check.
var (
	ErrLength    = errors.New("not 18 characters")
	ErrDigits    = errors.New("the first 17 characters are not all digits")
	ErrBirthDate = errors.New("the birth date is not a valid date")
	ErrCheck     = errors.New("the check digit does not match")
)

// Check reports why id is not a valid number, or nil. A lower-case x is
// accepted as the check character.
func Check(id string) error {
	if len(id) != 18 {
		return ErrLength
	}
	if CheckDigit(id[:17]) == 0 {
		return ErrDigits
	}
	if _, err := time.Parse("20060102", id[6:14]); err != nil {
		return ErrBirthDate
	}
	if strings.ToUpper(id[17:]) != string(CheckDigit(id[:17])) {
		return ErrCheck
	}
	return nil
}

// Valid reports whether id is a valid number.
func Valid(id string) bool { return Check(id) == nil }

// Birth returns the birth date written in a valid number.
func Birth(id string) (time.Time, bool) {
	if len(id) != 18 {
		return time.Time{}, false
	}
	t, err := time.Parse("20060102", id[6:14])
	return t, err == nil
}

// Male reports whether the sequence digit (the 17th) marks a man: odd for
// men, even for women. ok is false when id is too short or not a digit there.
func Male(id string) (male, ok bool) {
	if len(id) < 17 || id[16] < '0' || id[16] > '9' {
		return false, false
	}
	return (id[16]-'0')%2 == 1, true
}

// Mask keeps the first four and last four characters and stars the rest:
// 3209**********0012. Shorter input is starred whole.
func Mask(id string) string {
	if len(id) < 9 {
		return strings.Repeat("*", len(id))
	}
	return id[:4] + strings.Repeat("*", len(id)-8) + id[len(id)-4:]
}

// MaskPhone keeps the first three and last four digits: 138****0000.
func MaskPhone(phone string) string {
	if len(phone) < 8 {
		return strings.Repeat("*", len(phone))
	}
	return phone[:3] + strings.Repeat("*", len(phone)-7) + phone[len(phone)-4:]
}
