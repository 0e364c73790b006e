package schema

import (
	"errors"
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
		return errDateForm
	}
	for i := range len(s) {
		if i != 4 && i != 7 && (s[i] < '0' || s[i] > '9') {
			return errDateForm
		}
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return errNoDay
	}
	return nil
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
