package report

import (
	"encoding/json"
	"io"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"golang.org/x/text/message"
)

// jsonReport is the document of --format json. Struct fields keep the key
// order stable.
type jsonReport struct {
	Findings []jsonFinding `json:"findings"`
	Errors   int           `json:"errors"`
	Warnings int           `json:"warnings"`
}

type jsonFinding struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"` // "error" or "warning", never translated
	Rule     string `json:"rule"`
	Message  string `json:"message"` // in the printer's language
	Old      bool   `json:"old"`
}

// writeJSON prints list as one indented JSON document, in the list's order.
// An empty list prints "findings": [].
func writeJSON(w io.Writer, list finding.List, p *message.Printer) error {
	doc := jsonReport{
		Findings: make([]jsonFinding, 0, len(list)),
		Errors:   list.Errors(),
		Warnings: list.Warnings(),
	}
	for _, f := range list {
		sev := "error"
		if f.Severity == finding.Warning {
			sev = "warning"
		}
		doc.Findings = append(doc.Findings, jsonFinding{
			File:     f.File,
			Line:     f.Pos.Line,
			Column:   f.Pos.Col,
			Severity: sev,
			Rule:     f.Rule,
			Message:  f.Text(p),
			Old:      f.Old,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	// Messages quote record text; keep <, > and & readable.
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}
