// Package finding holds what `roll check` reports: a problem in a record file,
// with its position, severity and a message that can be rendered in Chinese or
// English.
//
// The list is modelled on go/scanner.ErrorList: collect every finding of a run
// with Add, then Sort by file, line and column before printing. Messages are
// kept unrendered (a key and its arguments) until the output language is known,
// so one check run can be printed in either language.
package finding

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"

	"golang.org/x/text/message"
)

// Severity says whether a finding fails the check.
type Severity int

const (
	Error   Severity = iota // fails the check: exit status 1
	Warning                 // reported, but the check still passes
)

// Message is text that can be rendered for a language. The printer carries
// the language and the catalog (see package l10n).
type Message interface {
	Localize(p *message.Printer) string
}

// Msg returns a Message whose key is an English fmt format; catalogs map that
// key to its Chinese form (with explicit argument indexes like %[1]s where the
// order differs). Arguments that are Messages are localized too.
func Msg(key string, args ...any) Message {
	return formatted{key: key, args: args}
}

type formatted struct {
	key  string
	args []any
}

func (m formatted) Localize(p *message.Printer) string {
	args := make([]any, len(m.args))
	for i, a := range m.args {
		switch v := a.(type) {
		case Message:
			a = v.Localize(p)
		case int:
			a = plainInt(v)
		}
		args[i] = a
	}
	return p.Sprintf(m.key, args...)
}

// plainInt prints an integer without the digit grouping that x/text's
// printer adds to %d: findings name years and line numbers, not amounts.
type plainInt int

func (n plainInt) Format(f fmt.State, verb rune) {
	f.Write(strconv.AppendInt(nil, int64(n), 10))
}

// Pos is a position in a file: 1-based line and column (in characters, as
// editors count them). Zero means unknown.
type Pos struct {
	Line, Col int
}

// Finding is one problem found in one file.
type Finding struct {
	File     string // slash-separated path relative to the repository root
	Pos      Pos
	Severity Severity
	Rule     string // short name of the rule that found it: "schema", "yaml", "ref", …
	Msg      Message
	// Old is set for findings in files that did not change since the base
	// revision of `roll check --base`: they were present already.
	Old bool
}

// Where renders file:line:col, leaving out the parts that are unknown
// (zero), as go/token.Position does. Not through a message printer, which
// would group the digits of a line number (1,234).
func (f Finding) Where() string {
	s := f.File
	if f.Pos.Line > 0 {
		s += ":" + strconv.Itoa(f.Pos.Line)
		if f.Pos.Col > 0 {
			s += ":" + strconv.Itoa(f.Pos.Col)
		}
	}
	return s
}

// Text renders the message alone in the printer's language.
func (f Finding) Text(p *message.Printer) string { return f.Msg.Localize(p) }

// String renders the finding in English without position translation; it is
// meant for tests and debugging.
func (f Finding) String() string {
	return fmt.Sprintf("%s:%d:%d: %s (%s)", f.File, f.Pos.Line, f.Pos.Col,
		f.Msg.Localize(message.NewPrinter(message.MatchLanguage("en"))), f.Rule)
}

// List is a list of findings. The zero value is ready to use.
type List []Finding

// Add appends a finding.
func (l *List) Add(file string, pos Pos, sev Severity, rule string, msg Message) {
	*l = append(*l, Finding{File: file, Pos: pos, Severity: sev, Rule: rule, Msg: msg})
}

// Errorf appends an error whose message is Msg(key, args...).
func (l *List) Errorf(file string, pos Pos, rule, key string, args ...any) {
	l.Add(file, pos, Error, rule, Msg(key, args...))
}

// Warnf appends a warning whose message is Msg(key, args...).
func (l *List) Warnf(file string, pos Pos, rule, key string, args ...any) {
	l.Add(file, pos, Warning, rule, Msg(key, args...))
}

// Sort orders the list by file, line, column, then errors before warnings,
// keeping the order of findings at the same place stable.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Severity, b.Severity),
		)
	})
}

// Errors counts the findings of severity Error.
func (l List) Errors() int {
	n := 0
	for _, f := range l {
		if f.Severity == Error {
			n++
		}
	}
	return n
}

// Warnings counts the findings of severity Warning.
func (l List) Warnings() int { return len(l) - l.Errors() }

// MsgError is an error whose message can be rendered in either language: its
// Error method gives the English form, for logs and wrapping; a command
// shows it with Localize.
type MsgError struct {
	Msg Message
}

func (e *MsgError) Error() string {
	return e.Msg.Localize(message.NewPrinter(message.MatchLanguage("en")))
}

// Err returns a *MsgError whose message is Msg(key, args...).
func Err(key string, args ...any) error { return &MsgError{Msg(key, args...)} }

// Localize renders err in the printer's language: a *MsgError through its
// message; any other error as its Error text, which the tool cannot
// translate (an operating system's error, say).
func Localize(err error, p *message.Printer) string {
	if e, ok := err.(*MsgError); ok {
		return e.Msg.Localize(p)
	}
	return err.Error()
}
