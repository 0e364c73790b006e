package webcheck

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"
)

// Message is one message of the Nu HTML Checker.
type Message struct {
	File    string // as given to Validate
	Line    int
	Col     int
	Error   bool // an error; otherwise a warning (vnu's info messages are dropped)
	Text    string
	Extract string
}

func (m Message) String() string {
	kind := "warning"
	if m.Error {
		kind = "error"
	}
	return fmt.Sprintf("%s:%d:%d: %s: %s", m.File, m.Line, m.Col, kind, m.Text)
}

// Validate runs the Nu HTML Checker once, in one JVM, over files (HTML
// pages, and CSS and SVG files, which it checks too), and returns its
// errors and warnings. The error is for a checker that did not run.
func Validate(ctx context.Context, java, jar string, files []string) ([]Message, error) {
	if len(files) == 0 {
		return nil, nil
	}
	args := []string{"-jar", jar, "--format", "json", "--exit-zero-always", "--stdout",
		"--also-check-css", "--also-check-svg", "--no-langdetect"}
	abs := map[string]string{}
	for _, f := range files {
		a, err := filepath.Abs(f)
		if err != nil {
			return nil, err
		}
		abs[a] = f
		args = append(args, a)
	}
	cmd := exec.CommandContext(ctx, java, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("vnu: %v\n%s", err, stderr.Bytes())
	}
	var res struct {
		Messages []struct {
			Type, SubType, URL, Message, Extract string
			LastLine, FirstColumn                int
		}
	}
	if err := json.Unmarshal(out, &res); err != nil {
		return nil, fmt.Errorf("vnu: reading its output: %v\n%s", err, out)
	}
	var msgs []Message
	for _, m := range res.Messages {
		if m.Type == "info" && m.SubType != "warning" {
			continue
		}
		file := m.URL
		if u, err := url.Parse(m.URL); err == nil && u.Scheme == "file" {
			file = filepath.Clean(u.Path)
		}
		if f, ok := abs[file]; ok {
			file = f
		}
		msgs = append(msgs, Message{
			File: file, Line: m.LastLine, Col: m.FirstColumn,
			Error: m.Type == "error" || m.Type == "non-document-error",
			Text:  m.Message, Extract: strings.TrimSpace(m.Extract),
		})
	}
	return msgs, nil
}
