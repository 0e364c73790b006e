package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/safetext"
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
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	// Messages quote record text; keep <, > and & readable.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := w.Write(escapeJSON(buf.Bytes()))
	return err
}

// escapeJSON writes, as \u escapes, the characters that encoding/json
// leaves raw but a terminal or a CI log would act on (DEL, C1 controls,
// invisible format characters), and the "##[" of an old-style workflow
// command as "#\u0023[". The JSON means the same; it only reads safely.
// Such characters and "##[" can occur only inside strings.
func escapeJSON(b []byte) []byte {
	var out []byte
	done := 0
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		var esc string
		switch {
		case r == '#' && bytes.HasPrefix(b[i:], []byte("##[")):
			esc, size = `#\u0023[`, 3
		case r >= 0x7F && safetext.Unsafe(r):
			if r > 0xFFFF {
				hi, lo := utf16.EncodeRune(r)
				esc = fmt.Sprintf(`\u%04x\u%04x`, hi, lo)
			} else {
				esc = fmt.Sprintf(`\u%04x`, r)
			}
		}
		if esc != "" {
			out = append(append(out, b[done:i]...), esc...)
			done = i + size
		}
		i += size
	}
	if out == nil {
		return b
	}
	return append(out, b[done:]...)
}
