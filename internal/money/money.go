// Package money holds amounts of the fund as integers of fen (分), the
// hundredth of a yuan, so that sums, budgets and reconciliations are exact.
//
// Records write an amount as a string of yuan with at most two decimals,
// "20000.00" or "150" (DESIGN §3, fund): never a float, which could not hold
// 0.10 exactly. Parse reads that form and nothing else: "2万", "1e3", "-5",
// "12.345", "1,000" and "" are errors that say what is wrong, so that the
// schema's format "yuan" can point at the line with a reason.
package money

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Fen is an amount in fen: 1 yuan is 100 fen.
type Fen int64

// Yuan returns n whole yuan in fen.
func Yuan(n int) Fen { return Fen(n) * 100 }

// The reasons an amount does not parse. Their texts are message keys: package
// l10n holds their Chinese forms.
var (
	ErrEmpty    = errors.New("it is empty; write the yuan with digits, like 20000.00")
	ErrForm     = errors.New("write the yuan with digits and at most one decimal point, like 20000.00, without units, commas or exponents")
	ErrDecimals = errors.New("it has more than two decimals; amounts are counted to the fen, like 12.34")
	ErrSign     = errors.New("amounts are positive: write the amount without a sign")
	ErrZero     = errors.New("the amount is zero")
	ErrTooLarge = errors.New("it is too large for an amount of the fund")
)

// maxYuanDigits bounds the whole yuan: a trillion yuan is beyond any fund,
// and the fen of 13 digits of yuan fit an int64 many times over.
const maxYuanDigits = 13

// Parse reads a positive amount of yuan written with digits and at most two
// decimals: "20000.00", "20000.5", "150". The error is one of the Err values.
func Parse(s string) (Fen, error) {
	if s == "" {
		return 0, ErrEmpty
	}
	if s[0] == '-' || s[0] == '+' {
		return 0, ErrSign
	}
	whole, frac, dot := strings.Cut(s, ".")
	if whole == "" || !digits(whole) || dot && (frac == "" || !digits(frac)) {
		return 0, ErrForm
	}
	if len(frac) > 2 {
		return 0, ErrDecimals
	}
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > maxYuanDigits {
		return 0, ErrTooLarge
	}
	y, _ := strconv.ParseInt("0"+whole, 10, 64) // digits only, at most 13 of them
	f, _ := strconv.ParseInt((frac + "00")[:2], 10, 64)
	n := Fen(y*100 + f)
	if n == 0 {
		return 0, ErrZero
	}
	return n, nil
}

func digits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// String writes the amount in yuan with two decimals, as records write it:
// "20000.00", "-0.50".
func (n Fen) String() string {
	sign := ""
	u := uint64(n)
	if n < 0 {
		sign, u = "-", uint64(-n)
	}
	frac := strconv.FormatUint(u%100, 10)
	if len(frac) == 1 {
		frac = "0" + frac
	}
	return sign + strconv.FormatUint(u/100, 10) + "." + frac
}

// Zh writes the amount for Chinese readers, the yuan grouped by thousands:
// "20,000.00元".
func (n Fen) Zh() string {
	s := n.String()
	sign := ""
	if s[0] == '-' {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	b.WriteString(sign)
	for i := range len(whole) {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(whole[i])
	}
	b.WriteString("." + frac + "元")
	return b.String()
}

// DecodeValue reads an amount from a record's JSON value (package value):
// the string the record wrote. The schema's format "yuan" has checked it
// before, so an error here is a defect of the schema.
func (n *Fen) DecodeValue(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("an amount is a quoted string of yuan, like \"20000.00\"")
	}
	f, err := Parse(s)
	if err != nil {
		return fmt.Errorf("%q: %w", s, err)
	}
	*n = f
	return nil
}

// UnmarshalYAML reads an amount from a record. The schema's format "yuan"
// has checked it before, so an error here is a defect of the schema.
func (n *Fen) UnmarshalYAML(node *yaml.Node) error {
	if node.Kind != yaml.ScalarNode || node.Tag != "!!str" {
		return fmt.Errorf("line %d: an amount is a quoted string of yuan, like \"20000.00\"", node.Line)
	}
	v, err := Parse(node.Value)
	if err != nil {
		return fmt.Errorf("line %d: %q: %w", node.Line, node.Value, err)
	}
	*n = v
	return nil
}
