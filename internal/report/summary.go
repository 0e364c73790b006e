package report

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/safetext"
	"golang.org/x/text/message"
)

// GitHub accepts at most 1 MiB of step summary per step. The table of
// findings stops before the summary grows past summaryTableLimit, which
// leaves room for the truncation line and the hints.
const summaryTableLimit = 900 << 10

// WriteSummary writes a Markdown summary of list for a GitHub Actions run
// page (see AppendStepSummary), in p's language: a heading, the counts, a
// table of the findings (those already present at the base revision last,
// marked) and, for the rules that occurred, how to fix their findings.
// An empty list gives a heading and one line saying nothing was found.
func WriteSummary(w io.Writer, list finding.List, p *message.Printer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n", p.Sprintf("roll check results"))
	if len(list) == 0 {
		fmt.Fprintf(&b, "%s\n", p.Sprintf("No problems found."))
		_, err := io.WriteString(w, b.String())
		return err
	}

	current, old := partition(list)
	fmt.Fprintf(&b, "%s\n", countLine(list, p))
	if len(old) > 0 {
		fmt.Fprintf(&b, "\n%s\n", p.Sprintf("%d of them were already present at the base revision.", len(old)))
	}
	fmt.Fprintf(&b, "\n| %s | %s | %s | %s |\n| --- | ---: | --- | --- |\n",
		p.Sprintf("File"), p.Sprintf("Line"), p.Sprintf("Severity"), p.Sprintf("Problem"))
	rows := slices.Concat(current, old)
	for i, f := range rows {
		row := summaryRow(f, p)
		if b.Len()+len(row) > summaryTableLimit {
			fmt.Fprintf(&b, "\n%s\n", p.Sprintf("%d more rows left out to keep the summary under GitHub's size limit; see the text output of roll check for all of them.", len(rows)-i))
			break
		}
		b.WriteString(row)
	}

	occurred := make(map[string]bool)
	for _, f := range list {
		occurred[f.Rule] = true
	}
	heading := false
	for _, h := range hints() {
		if !occurred[h.rule] {
			continue
		}
		if !heading {
			fmt.Fprintf(&b, "\n### %s\n\n", p.Sprintf("How to fix the common ones"))
			heading = true
		}
		fmt.Fprintf(&b, "- %s\n", p.Sprintf("**%s**: %s", h.rule, p.Sprintf(h.key)))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// summaryRow renders one finding as a row of the summary's table.
func summaryRow(f finding.Finding, p *message.Printer) string {
	line := ""
	if f.Pos.Line > 0 {
		line = strconv.Itoa(f.Pos.Line)
	}
	sev := severityWord(f.Severity, p)
	if f.Old {
		sev = p.Sprintf("%s (already present)", sev)
	}
	problem := safetext.Text(f.Text(p))
	if f.Rule != "" {
		problem += " (" + f.Rule + ")"
	}
	return "| " + markdownCell(safetext.Line(f.File)) + " | " + line + " | " + sev + " | " + markdownCell(problem) + " |\n"
}

// markdownCell makes s safe as the text of one GitHub Markdown table cell:
// record text must neither end the cell (|), nor the row (a line break),
// nor turn into markup (*emphasis*, `code`, [links], <html>). Line breaks
// become <br>; Markdown's punctuation is escaped with a backslash, which
// CommonMark allows before any ASCII punctuation.
func markdownCell(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			b.WriteString("<br>")
		case '\n':
			b.WriteString("<br>")
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '&', '!', '#':
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// A hint tells staff how to fix the findings of one rule.
type hint struct {
	rule string
	key  string // message key of the hint's text
}

// hints returns the hints in the order the summary lists them.
func hints() []hint {
	return []hint{
		{"schema", "A field is missing, misspelled, or has a value of the wrong kind. Compare the record with its schema under `schemas/`, or with a fresh record from `roll new`."},
		{"yaml", "The file is not valid YAML. Check the indentation (spaces, never tabs), a space after each colon, and quotes around values that contain `:` or `#`."},
		{"id", "IDs must be unique and equal the file name; a hero's or station's folder must be its jurisdiction, a visit's folder the year of its date. An id never changes once merged: put the old id back. `roll new` picks the next free id."},
		{"ref", "A reference points to nothing. Check the spelling of the jurisdiction code, honor, hero id, task section or progress key it names."},
		{"date", "Dates must be in order: deed date ≤ confirmation date, honor year ≥ deed year, the year in the id equals the deed year, and nothing after today. Write dates as YYYY-MM-DD."},
		{"idcard", "The ID number has a wrong check digit or disagrees with birth_year or gender. Copy it again from the ID card; it belongs in `private.id_number` only."},
		{"status", "`status: confirmed` needs the `confirmed` block (date, by, doc); `outcome: disabled` needs `disability_grade`; a posthumous honor needs `outcome: deceased`. A hero who no longer wants to be public keeps `status: confirmed` with `public.consent: false`; `status: withdrawn` is for a record that was wrong."},
		{"anonymize", "The narrative of an anonymized hero contains the full name. Replace it, for example with 张某某."},
		{"minor", "The hero is under 18. Publish only with the guardian's written consent, recorded as `public.guardian_consent: true`; until then the hero stays off the public site."},
		{"insurance", "A city-level or higher honoree has no comprehensive insurance for the current year. Add the year to `insurance`."},
		{"visit", "A visit names a hero who is not confirmed, or a hero of another county. Check the hero id; confirm the hero first; a visit the city organised has `jurisdiction: city`."},
		{"narrative", "The narrative below the front matter is published with the hero: replace the template's words with the deed (time, place, what happened), and never put ID numbers, phones or addresses in it."},
		{"deleted", "A record of the base revision is missing or changed its id. Records are never deleted: restore it and set `status: withdrawn` instead."},
		{"privacy", "Public text (a narrative, a summary, a note) holds private data: a phone or ID number, an address, a name of kin, or a disability grade. Take it out; private data belongs in `private:` only, and never reaches the public site."},
		{"frontmatter", "A `---` line ends the front matter too early, so fields below it would be published as the narrative. Move that `---` below the last field."},
		{"limit", "The file is larger than a record may be. Split it or shorten it."},
	}
}

// AppendStepSummary appends the summary of list (see WriteSummary) to the
// file named by the environment variable GITHUB_STEP_SUMMARY, which GitHub
// Actions sets for each step; it does nothing when the variable is unset or
// empty. env looks variables up: os.Getenv, or a map's lookup in tests.
func AppendStepSummary(env func(string) string, list finding.List, p *message.Printer) error {
	name := env("GITHUB_STEP_SUMMARY")
	if name == "" {
		return nil
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("writing the step summary: %w", err)
	}
	if err := WriteSummary(f, list, p); err != nil {
		f.Close()
		return fmt.Errorf("writing the step summary: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing the step summary: %w", err)
	}
	return nil
}
