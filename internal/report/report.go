// Package report prints the findings of `roll check` for people and for
// machines: plain text for a terminal, JSON for tools, and GitHub workflow
// commands that become annotations on a pull request's changed lines; and it
// writes the Markdown step summary shown on a GitHub Actions run page.
//
// Every function takes the message printer that carries the output language
// (see package l10n) and renders the findings' messages with it; nothing is
// translated here beyond the words of the formats themselves.
//
// Findings whose Old field is set were present already at the base revision
// of `roll check --base`. The text format and the step summary list them after
// the others, so the problems a pull request introduced come first; JSON keeps
// the list's order and marks them with "old".
//
// The functions do not sort: the caller sorts the list (finding.List.Sort)
// before printing, and the order it gives is kept.
package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/safetext"
	"golang.org/x/text/message"
)

// Format is an output format of `roll check --format`.
type Format string

const (
	Text   Format = "text"   // one line per finding, then the verdict with the counts
	JSON   Format = "json"   // one JSON document
	GitHub Format = "github" // workflow-command annotations, then the text lines
)

// ParseFormat accepts the values of the --format flag.
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case Text, JSON, GitHub:
		return f, nil
	}
	return "", fmt.Errorf("unknown format %q (want text, json or github)", s)
}

// Write prints list to w in format, with messages rendered by p.
//
// Text prints nothing for an empty list; JSON always prints a document.
// See writeGitHub for the limits of GitHub annotations.
func Write(w io.Writer, format Format, list finding.List, p *message.Printer) error {
	bw := bufio.NewWriter(w)
	switch format {
	case Text:
		writeText(bw, list, p)
	case JSON:
		if err := writeJSON(bw, list, p); err != nil {
			return err
		}
	case GitHub:
		writeGitHub(bw, list, p)
	default:
		return fmt.Errorf("unknown format %q", string(format))
	}
	// bufio.Writer keeps the first write error and returns it here.
	return bw.Flush()
}

// writeText prints one line per finding, the findings already present at the
// base revision last under a header line, and then the count line.
func writeText(w io.Writer, list finding.List, p *message.Printer) {
	if len(list) == 0 {
		return
	}
	current, old := partition(list)
	for _, f := range current {
		fmt.Fprintln(w, textLine(f, p))
	}
	if len(old) > 0 {
		fmt.Fprintln(w, p.Sprintf("already present at the base revision:"))
		for _, f := range old {
			fmt.Fprintln(w, textLine(f, p))
		}
	}
	fmt.Fprintln(w, Verdict(list, p))
}

// Verdict is the line the text output ends with: whether the check passed
// and how many errors and warnings it found, as in "检查未通过：共 2 个错误，
// 1 个警告". A check fails on an error that is not Old.
func Verdict(list finding.List, p *message.Printer) string {
	for _, f := range list {
		if f.Severity == finding.Error && !f.Old {
			return p.Sprintf("check failed: %s", countLine(list, p))
		}
	}
	return p.Sprintf("check passed: %s", countLine(list, p))
}

// Clean is the line of a check that found nothing, for a person who
// asked: "检查通过：没有发现问题", naming the files or folders the check was
// limited to, if any. Write prints nothing for an empty list, so that CI
// logs stay quiet; the command prints this line on a terminal, and when it
// was given paths.
func Clean(paths []string, p *message.Printer) string {
	if len(paths) == 0 {
		return p.Sprintf("check passed: no problems found")
	}
	return p.Sprintf("check passed: no problems found in %s", strings.Join(paths, p.Sprintf(", ")))
}

// textLine renders f as `file:line:col: 错误: message (rule)`. A message of
// several lines continues on lines indented by a tab, as the Go compiler
// prints its own. The file name and the message may hold text of the
// repository: both are made safe to print (package safetext).
func textLine(f finding.Finding, p *message.Printer) string {
	var b strings.Builder
	b.WriteString(safetext.Line(f.Where()))
	b.WriteString(": ")
	b.WriteString(severityWord(f.Severity, p))
	b.WriteString(": ")
	b.WriteString(indentLines(safetext.Text(f.Text(p))))
	if f.Rule != "" {
		b.WriteString(" (")
		b.WriteString(f.Rule)
		b.WriteString(")")
	}
	return b.String()
}

// indentLines keeps a multi-line message readable in a line-oriented log:
// each line break is followed by a tab.
func indentLines(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.ReplaceAll(s, "\n", "\n\t")
}

func severityWord(s finding.Severity, p *message.Printer) string {
	if s == finding.Warning {
		return p.Sprintf("warning")
	}
	return p.Sprintf("error")
}

// countLine renders the number of errors and warnings of list, as in
// "共 2 个错误，1 个警告" or "2 errors, 1 warning".
func countLine(list finding.List, p *message.Printer) string {
	e, w := list.Errors(), list.Warnings()
	// English needs the plural chosen; the keys differ only in it.
	switch {
	case e == 1 && w == 1:
		return p.Sprintf("%d error, %d warning", e, w)
	case e == 1:
		return p.Sprintf("%d error, %d warnings", e, w)
	case w == 1:
		return p.Sprintf("%d errors, %d warning", e, w)
	}
	return p.Sprintf("%d errors, %d warnings", e, w)
}

// partition splits list into the findings of the change and those already
// present at the base revision, each in the list's order.
func partition(list finding.List) (current, old finding.List) {
	for _, f := range list {
		if f.Old {
			old = append(old, f)
		} else {
			current = append(current, f)
		}
	}
	return current, old
}
