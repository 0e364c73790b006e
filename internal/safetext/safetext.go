// Package safetext makes text that comes from the repository (file names,
// record values quoted in messages, errors that name files) safe to print
// on a terminal or in a CI log, where a pull request's author should not be
// able to move the cursor, recolour the screen, hide a line or speak to the
// CI runner.
//
// What it neutralizes:
//
//   - control characters (C0, DEL and C1, ESC among them, so no ANSI escape
//     sequence), invisible format characters (bidi overrides, zero-width
//     characters), line and paragraph separators and bytes that are not
//     UTF-8: each is written as an escape that shows what it was, \x1b,
//     \u202e, \xff, as Go's %q would;
//   - GitHub Actions workflow commands: the runner obeys a line that starts
//     with "::" after leading space (::error, ::add-mask, ::stop-commands)
//     and the older "##[" anywhere in a line (see actions/runner,
//     src/Runner.Common/ActionCommand.cs). A backslash goes before such a
//     "::" and inside such "##[", so the line reads the same to a person and
//     means nothing to the runner.
//
// Line escapes line breaks too and is for text that must stay on one line
// (a file name); Text keeps the line breaks of a message that has several
// lines and makes each of them safe.
package safetext

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Line returns s as one line safe to print.
func Line(s string) string {
	if plain(s, false) {
		return s
	}
	var b strings.Builder
	escape(&b, s)
	return commands(b.String())
}

// Text returns s safe to print, keeping its line feeds ("\r\n" and a lone
// "\r" become "\n"); each line is made safe as Line does.
func Text(s string) string {
	if plain(s, true) {
		return s
	}
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	var b strings.Builder
	for i, l := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		var lb strings.Builder
		escape(&lb, l)
		b.WriteString(commands(lb.String()))
	}
	return b.String()
}

// Chars escapes the unsafe characters of s but its line feeds, and the
// "##[" of an old-style workflow command, but not a "::" at the start of a
// line: for the values of a workflow command, whose own escapes (%0A) keep
// them on its line.
func Chars(s string) string {
	if plainChars(s) {
		return s
	}
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	var b strings.Builder
	for i, l := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		escape(&b, l)
	}
	return strings.ReplaceAll(b.String(), "##[", `##\[`)
}

func plainChars(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || (Unsafe(r) && r != '\n') {
			return false
		}
	}
	return !strings.Contains(s, "##[")
}

// Unsafe reports whether r is written as an escape: a control character, an
// invisible format character or a line or paragraph separator.
func Unsafe(r rune) bool {
	return r < ' ' || r == 0x7F || (r >= 0x80 && r <= 0x9F) ||
		r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Cf, r)
}

// plain reports whether s needs no change: no unsafe character, no invalid
// UTF-8 and no workflow command. With lines, line feeds are allowed.
func plain(s string, lines bool) bool {
	for _, r := range s {
		if r == utf8.RuneError || (Unsafe(r) && !(lines && r == '\n')) {
			return false
		}
	}
	return !strings.Contains(s, "##[") && !strings.Contains(s, "::")
}

func escape(b *strings.Builder, s string) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x`)
			b.WriteString(hex2(s[i]))
		case Unsafe(r):
			switch r {
			case '\n':
				b.WriteString(`\n`)
			case '\r':
				b.WriteString(`\r`)
			case '\t':
				b.WriteString(`\t`)
			default:
				q := strconv.QuoteRune(r) // '\x1b', '\u202e'
				b.WriteString(q[1 : len(q)-1])
			}
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&0xF]})
}

// commands neutralizes the workflow commands of one line.
func commands(l string) string {
	l = strings.ReplaceAll(l, "##[", `##\[`)
	trimmed := strings.TrimLeftFunc(l, unicode.IsSpace)
	if strings.HasPrefix(trimmed, "::") {
		lead := len(l) - len(trimmed)
		l = l[:lead] + `\` + trimmed
	}
	return l
}
