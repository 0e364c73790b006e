// Package sheet writes typed tables as Excel workbooks (.xlsx), for the
// staff who take the internal site's lists into Excel to send them on or
// print them for a meeting. It is a thin layer over
// github.com/xuri/excelize/v2 that fixes what every export of roll must
// keep, so that callers only say what their table holds.
//
// # Tables
//
// A Table has a title, columns and rows. Each Column has a Chinese header
// and a Kind that decides how its cells are written and formatted; each
// row holds one Value per column, made by the constructor of its kind:
//
//	Text     Str("张三")          a string cell, always, whatever it holds
//	Integer  Int(92)              a number, format 0
//	Date     Day("2020-03-14")    an Excel date (a serial day number), format yyyy-mm-dd
//	Money    Fen(2000005)         a number with two decimals, #,##0.00: 20,000.05 (a money.Fen)
//	Percent  Ratio(3, 4)          a number, format 0.0%: 75.0%
//
// The zero Value is an empty cell. A Str value may stand in any column
// (a date the page shows as it is because it is not a real date, say);
// any other kind must match its column's, or Encode fails. Encode writes
// one worksheet per table, named after its title.
//
// Every sheet has its header row in bold and frozen, an autofilter over
// the table, and column widths computed from the header and the values
// as they display, a CJK character counting as two widths (the same count
// the terminals of East Asia use: x/text/width's wide, full-width and
// ambiguous characters); a column wider than 60 wraps its text instead.
// Printed, a sheet is landscape A4, one page wide, with the title at the
// top of each page, the header row repeated and the page numbers below.
//
// # Exact values
//
// Money comes in as integer fen (money.Fen, as the records' amounts are
// held) and is written as its exact decimal (2000005 fen is the text
// 20000.05 in the file) with no arithmetic on floats on the way: the
// decimal text is parsed once, correctly rounded, to the float64 excelize
// writes back with the shortest representation, which for any amount below
// 10¹³ yuan is that same decimal text; Encode checks it and fails rather
// than write an amount it cannot write exactly. Dates are
// counted in whole days from Excel's epoch (1899-12-30), in integers.
//
// Private values reach a sheet only masked, as the internal site's pages
// show them: the package never sees a raw value, it writes the strings its
// caller gives, unchanged. (Two limits are excelize's: a text longer than
// Excel's 32,767 characters is cut there, and a character XML cannot carry,
// a control character other than tab and newline, becomes U+FFFD. Records
// hold neither: YAML refuses control characters.)
//
// # Text is never a formula
//
// Text from the records is written as an inline string cell (t="inlineStr"),
// never a formula, whatever it begins with (=, +, -, @, a tab, a carriage
// return, a DDE payload such as =cmd|'/c calc'!A1): excelize writes a
// formula only when given one, and this package never gives one. Text
// cells carry the quotePrefix style as well, Excel's own form of the
// leading apostrophe, so that a cell stays text even when someone edits it
// in Excel and presses Enter. The value is shown exactly as given: no
// apostrophe or other character is added to it.
//
// # Deterministic bytes
//
// The same tables give the same bytes, so that a build whose records did
// not change rewrites no file. Nothing reads the clock: the document
// properties are fixed (creator roll, created and modified at FixedTime),
// the zip entries are written in a fixed order ([Content_Types].xml first,
// then by name) with a fixed modification time (FixedTime), and styles are
// created in the same order each time.
package sheet

import (
	"crypto/sha256"
	"encoding/binary"
	"strconv"
	"time"

	"github.com/yancheng-jyyw/roll/internal/money"
)

// Kind is how a column's values are written and formatted.
type Kind uint8

// The kinds of column.
const (
	Text    Kind = iota + 1 // a string, never a formula
	Integer                 // a whole number
	Date                    // a day, as an Excel date
	Money                   // an amount in fen, shown in yuan with two decimals
	Percent                 // a ratio, shown as a percentage with one decimal
)

func (k Kind) String() string {
	switch k {
	case Text:
		return "text"
	case Integer:
		return "integer"
	case Date:
		return "date"
	case Money:
		return "money"
	case Percent:
		return "percent"
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Table is one worksheet: a title, the columns and the rows.
type Table struct {
	// Title names the sheet (cut to Excel's 31 characters, with the
	// characters a sheet name cannot hold replaced) and heads every
	// printed page.
	Title   string
	Columns []Column
	Rows    [][]Value // each with one Value per column
}

// Column is a column of a table.
type Column struct {
	Header string // in Chinese, as the page heads it
	Kind   Kind
}

// Value is one cell: make it with Str, Int, Day, DateOf, Fen, Yuan or
// Ratio. The zero Value is an empty cell.
type Value struct {
	kind Kind
	s    string // Text
	n    int64  // Integer, Date (days since 1899-12-30), Money (fen), Percent (part)
	d    int64  // Percent: the whole
}

// Str is a text cell holding s as it is.
func Str(s string) Value { return Value{kind: Text, s: s} }

// Int is a whole number.
func Int(n int) Value { return Value{kind: Integer, n: int64(n)} }

// Fen is an amount of money, as the records' amounts are held (money.Fen).
func Fen(amount money.Fen) Value { return Value{kind: Money, n: int64(amount)} }

// Yuan is an amount of money in whole yuan, as visits give theirs.
func Yuan(yuan int) Value { return Fen(money.Yuan(yuan)) }

// Ratio is the fraction part/whole, shown as a percentage. A zero whole
// gives an empty cell.
func Ratio(part, whole int) Value {
	if whole == 0 {
		return Value{}
	}
	return Value{kind: Percent, n: int64(part), d: int64(whole)}
}

// excelEpoch is day 0 of Excel's 1900 date system as it counts from
// 1900-03-01 on (its day 60 is the 29 February 1900 that never was).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// firstDay and lastDay bound the days an Excel date can be here: from the
// first day after the phantom 29 February 1900 to the last Excel knows.
var (
	firstDay = time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC)
	lastDay  = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
)

// Day is the day s, written YYYY-MM-DD. A string that is not such a day,
// or a day Excel cannot hold (before 1900-03-01), is written as the text s,
// as a page would show it; the empty string is an empty cell.
func Day(s string) Value {
	if s == "" {
		return Value{}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Str(s)
	}
	if v, ok := day(t); ok {
		return v
	}
	return Str(s)
}

// DateOf is the day of t in t's own location; the zero time is an empty
// cell.
func DateOf(t time.Time) Value {
	if t.IsZero() {
		return Value{}
	}
	u := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	if v, ok := day(u); ok {
		return v
	}
	return Str(t.Format(time.DateOnly))
}

// day is the Excel date of t, midnight UTC.
func day(t time.Time) (Value, bool) {
	if t.Before(firstDay) || t.After(lastDay) {
		return Value{}, false
	}
	return Value{kind: Date, n: (t.Unix() - excelEpoch.Unix()) / 86400}, true
}

// Kind returns the kind of v, 0 for an empty cell.
func (v Value) Kind() Kind { return v.kind }

// display is v as a spreadsheet shows it with its column's format: what the
// column widths are computed from.
func (v Value) display() string {
	switch v.kind {
	case Text:
		return v.s
	case Integer:
		return strconv.FormatInt(v.n, 10)
	case Date:
		return "2006-01-02"
	case Money:
		return group(money.Fen(v.n).String())
	case Percent:
		return strconv.FormatFloat(100*float64(v.n)/float64(v.d), 'f', 1, 64) + "%"
	}
	return ""
}

// group puts thousands separators into the whole part of a decimal.
func group(s string) string {
	sign := ""
	if s != "" && s[0] == '-' {
		sign, s = "-", s[1:]
	}
	whole, frac := s, ""
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			whole, frac = s[:i], s[i:]
			break
		}
	}
	var out []byte
	for i := range len(whole) {
		if i > 0 && (len(whole)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, whole[i])
	}
	return sign + string(out) + frac
}

// Sum returns a SHA-256 of everything Encode reads from the tables, for a
// caller that keeps a workbook when the tables it was written from are
// the same (with the code that writes it). Equal tables have equal sums.
func Sum(tables ...*Table) [sha256.Size]byte {
	h := sha256.New()
	buf := make([]byte, 0, 64<<10)
	str := func(s string) {
		buf = binary.AppendUvarint(buf, uint64(len(s)))
		buf = append(buf, s...)
	}
	flush := func() {
		h.Write(buf)
		buf = buf[:0]
	}
	buf = binary.AppendUvarint(buf, uint64(len(tables)))
	for _, t := range tables {
		str(t.Title)
		buf = binary.AppendUvarint(buf, uint64(len(t.Columns)))
		for _, c := range t.Columns {
			str(c.Header)
			buf = append(buf, byte(c.Kind))
		}
		buf = binary.AppendUvarint(buf, uint64(len(t.Rows)))
		for _, row := range t.Rows {
			buf = binary.AppendUvarint(buf, uint64(len(row)))
			for _, v := range row {
				buf = append(buf, byte(v.kind))
				str(v.s)
				buf = binary.AppendVarint(buf, v.n)
				buf = binary.AppendVarint(buf, v.d)
			}
			if len(buf) > 60<<10 {
				flush()
			}
		}
	}
	flush()
	return [sha256.Size]byte(h.Sum(nil))
}
