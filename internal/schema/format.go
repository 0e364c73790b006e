package schema

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"golang.org/x/text/message"

	"github.com/yancheng-jyyw/roll/internal/idcard"
	"github.com/yancheng-jyyw/roll/internal/money"
)

// formatError is why a value fails one of roll's formats; its text is a
// message key, localized when the violation is rendered.
type formatError string

func (e formatError) Error() string { return string(e) }

// LocalizedError is what kind.Format calls to render the error.
func (e formatError) LocalizedError(p *message.Printer) string { return p.Sprintf(string(e)) }

const (
	errDateForm formatError = "not written as year-month-day, like 2020-03-14"
	errNoDay    formatError = "there is no such day"

	errIDLength    formatError = "it is not 18 characters long"
	errIDDigits    formatError = "its first 17 characters are not all digits"
	errIDBirthDate formatError = "its birth date is not a valid date"
	errIDCheck     formatError = "its check digit is wrong"
)

// validateYuan is the format "yuan": an amount of money written as a string
// of yuan with at most two decimals, positive (see package money). The
// errors of money.Parse are message keys already.
func validateYuan(v any) error {
	s, ok := v.(string)
	if !ok {
		return nil
	}
	if _, err := money.Parse(s); err != nil {
		return formatError(err.Error())
	}
	return nil
}

// validateDate replaces the validator's "date" format, whose errors are Go's
// time parsing errors in English. Values other than strings pass, as the
// specification asks: "type" rejects those.
func validateDate(v any) error {
	s, ok := v.(string)
	if !ok {
		return nil
	}
	if len(s) != len(time.DateOnly) || s[4] != '-' || s[7] != '-' {
		return dateFix(s)
	}
	for i := range len(s) {
		if i != 4 && i != 7 && (s[i] < '0' || s[i] > '9') {
			return dateFix(s)
		}
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return errNoDay
	}
	return nil
}

// dateError is a date written in another way than year-month-day that can
// be read as a date all the same: the error says how to write it.
type dateError struct {
	key string // one of the dateFix keys
	fix string // the date as it should be written: 2020-11-02
}

func (e dateError) Error() string { return fmt.Sprintf(e.key, e.fix) }

// LocalizedError is what kind.Format calls to render the error.
func (e dateError) LocalizedError(p *message.Printer) string { return p.Sprintf(e.key, e.fix) }

// Keys of dateError: what is wrong with a date that can be read, and how
// to write it.
const (
	dateDayKey      = "the day needs two digits: %s"
	dateMonthKey    = "the month needs two digits: %s"
	dateBothKey     = "the month and the day need two digits each: %s"
	dateWriteAsKey  = "write it as year-month-day: %s"
	dateFullwidthKy = "write the digits in half width (English input): %s"
)

// looseDate is a date written with one- or two-digit month and day.
var looseDate = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)

// dateFix returns how the date s should be written when it can be read as
// one: 2020-11-2, 2019.6.18, 2019/06/18, 2019年6月18日, 20190618, or with
// full-width digits; errDateForm when it cannot.
func dateFix(s string) error {
	t := strings.TrimSpace(s)
	wide := false
	t = strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			wide = true
			return r - '０' + '0'
		case r == '－' || r == '／' || r == '．':
			wide = true
			return '-'
		case r == '.' || r == '/' || r == '年' || r == '月':
			return '-'
		case r == '日' || r == '号':
			return -1
		}
		return r
	}, t)
	if len(t) == 8 && !strings.Contains(t, "-") {
		t = t[:4] + "-" + t[4:6] + "-" + t[6:]
	}
	m := looseDate.FindStringSubmatch(t)
	if m == nil {
		return errDateForm
	}
	month, day := m[2], m[3]
	two := func(d string) string { return strings.Repeat("0", 2-len(d)) + d }
	fix := m[1] + "-" + two(month) + "-" + two(day)
	if _, err := time.Parse(time.DateOnly, fix); err != nil {
		return errDateForm
	}
	key := dateWriteAsKey
	switch {
	case wide:
		key = dateFullwidthKy
	case t != s:
		// Other separators: the general advice.
	case len(month) == 1 && len(day) == 1:
		key = dateBothKey
	case len(day) == 1:
		key = dateDayKey
	case len(month) == 1:
		key = dateMonthKey
	}
	return dateError{key: key, fix: fix}
}

// validateResidentID is the format "cn-resident-id": an 18-character resident
// identity number of GB 11643 (see package idcard).
func validateResidentID(v any) error {
	s, ok := v.(string)
	if !ok {
		return nil
	}
	switch err := idcard.Check(s); {
	case err == nil:
		return nil
	case errors.Is(err, idcard.ErrLength):
		return errIDLength
	case errors.Is(err, idcard.ErrDigits):
		return errIDDigits
	case errors.Is(err, idcard.ErrBirthDate):
		return errIDBirthDate
	default:
		return errIDCheck
	}
}
