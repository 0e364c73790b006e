package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/safetext"
	"golang.org/x/text/message"
)

// GitHub shows at most 10 error and 10 warning annotations of one step (and
// 50 of a job) and silently drops the rest. roll check emits no more than
// these, so that it, not GitHub, chooses which ones are shown.
const (
	maxErrorAnnotations   = 10
	maxWarningAnnotations = 10
)

// writeGitHub prints workflow commands that GitHub turns into annotations:
//
//	::error file=F,line=L,col=C,title=roll check%3A schema::MESSAGE
//
// at most maxErrorAnnotations errors and maxWarningAnnotations warnings of
// the change, in the list's order; then, if some were left out, a notice
// saying how many. Findings already present at the base revision (Old) are
// not annotated: annotations mark what a pull request changed, and the
// annotation budget is spent on that. After the annotations come the text lines of every
// finding, so the step's log holds the whole list; the runner hides the
// workflow-command lines themselves from the log, so nothing reads twice.
func writeGitHub(w io.Writer, list finding.List, p *message.Printer) {
	shown, leftErrors, leftWarnings := pickAnnotations(list)
	for _, f := range shown {
		fmt.Fprintln(w, annotation(f, p))
	}
	if leftErrors > 0 || leftWarnings > 0 {
		msg := p.Sprintf("not annotated (GitHub shows at most 10 errors and 10 warnings per step): %d errors, %d warnings; see the step summary or the text output below",
			leftErrors, leftWarnings)
		fmt.Fprintf(w, "::notice::%s\n", escapeData(msg))
	}
	writeText(w, list, p)
}

// pickAnnotations chooses the findings of the change to annotate and counts
// the errors and warnings of the change left out.
func pickAnnotations(list finding.List) (shown finding.List, leftErrors, leftWarnings int) {
	current, _ := partition(list)
	errors, warnings := 0, 0
	for _, f := range current {
		switch {
		case f.Severity == finding.Warning && warnings < maxWarningAnnotations:
			warnings++
			shown = append(shown, f)
		case f.Severity == finding.Warning:
			leftWarnings++
		case errors < maxErrorAnnotations:
			errors++
			shown = append(shown, f)
		default:
			leftErrors++
		}
	}
	return shown, leftErrors, leftWarnings
}

// annotation renders f as one workflow command. The file name and the
// message keep their line breaks, which the toolkit's escapes carry safely
// (%0A); their other control characters are made visible (package safetext).
func annotation(f finding.Finding, p *message.Printer) string {
	cmd := "error"
	if f.Severity == finding.Warning {
		cmd = "warning"
	}
	var props []string
	if f.File != "" {
		props = append(props, "file="+escapeProperty(safetext.Chars(f.File)))
	}
	if f.Pos.Line > 0 {
		props = append(props, "line="+strconv.Itoa(f.Pos.Line))
		if f.Pos.Col > 0 {
			props = append(props, "col="+strconv.Itoa(f.Pos.Col))
		}
	}
	title := "roll check"
	if f.Rule != "" {
		title += ": " + f.Rule
	}
	props = append(props, "title="+escapeProperty(title))
	return "::" + cmd + " " + strings.Join(props, ",") + "::" + escapeData(safetext.Chars(f.Text(p)))
}

// escapeData escapes the message of a workflow command as the Actions
// toolkit does (actions/toolkit packages/core/src/command.ts, escapeData).
func escapeData(s string) string {
	return escape(s, false)
}

// escapeProperty escapes a property value of a workflow command as the
// Actions toolkit does (escapeProperty): like data, and ':' and ',' as well,
// which would otherwise end the value.
func escapeProperty(s string) string {
	return escape(s, true)
}

func escape(s string, property bool) string {
	if !strings.ContainsAny(s, "%\r\n:,") {
		return s
	}
	var b strings.Builder
	// Byte by byte: every escaped character is ASCII, and other bytes,
	// even of invalid UTF-8, pass unchanged.
	for i := 0; i < len(s); i++ {
		switch r := s[i]; {
		case r == '%':
			b.WriteString("%25")
		case r == '\r':
			b.WriteString("%0D")
		case r == '\n':
			b.WriteString("%0A")
		case r == ':' && property:
			b.WriteString("%3A")
		case r == ',' && property:
			b.WriteString("%2C")
		default:
			b.WriteByte(r)
		}
	}
	return b.String()
}
