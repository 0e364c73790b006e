package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// TestHostileFileNames adds files whose names hold a line break with a
// workflow command, an ANSI escape and an old-style ##[ command, and runs
// roll check in every format and roll build: no line of what they print
// could act on the runner or the terminal.
func TestHostileFileNames(t *testing.T) {
	dir := t.TempDir()
	if err := copyFixture(dir); err != nil {
		t.Fatal(err)
	}
	names := []string{
		"records/heroes/sheyang/x\n::error file=README.md::forged.md",
		"records/heroes/sheyang/\x1b[2J\x1b]0;title\x07.md",
		"records/heroes/sheyang/##[add-mask]secret.md",
		"templates/public/static/y\n::warning::forged.css",
	}
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(n)), []byte("---\nid: x\n---\n"), 0o644); err != nil {
			t.Skip("this file system refuses such names:", err)
		}
	}
	if err := os.Symlink("base.html", filepath.Join(dir, "templates/public/z\n::error::link.html")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	runs := [][]string{
		{"check", "--today", "2020-12-31"},
		{"check", "--today", "2020-12-31", "--format", "github"},
		{"check", "--today", "2020-12-31", "--format", "json"},
		{"check", "--today", "2020-12-31", "--lang", "en"},
		{"build", "--today", "2020-12-31", "--out", t.TempDir()},
	}
	for _, args := range runs {
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != exitFindings {
			t.Errorf("%q: exit %d, want %d; stderr:\n%s", args, code, exitFindings, &stderr)
		}
		out := stdout.String() + stderr.String()
		if strings.ContainsAny(out, "\x1b\x07") || strings.Contains(out, "##[") {
			t.Errorf("%q prints an escape sequence or ##[:\n%s", args, out)
		}
		for _, line := range strings.Split(out, "\n") {
			trimmed := strings.TrimLeftFunc(line, unicode.IsSpace)
			if strings.HasPrefix(trimmed, "::") && !(line == trimmed && (strings.HasPrefix(line, "::error file=records/") ||
				strings.HasPrefix(line, "::error file=templates/") || strings.HasPrefix(line, "::notice::"))) {
				t.Errorf("%q prints a line the runner would obey: %q", args, line)
			}
		}
		if !strings.Contains(out, `\n::error file=README.md::forged.md`) && !strings.Contains(out, `%0A%3A%3Aerror file=README.md%3A%3Aforged.md`) {
			t.Errorf("%q does not show the hostile name escaped:\n%s", args, out)
		}
	}
}

// TestHostileOutFolder asks roll build to write into a folder it did not
// write, whose name holds a workflow command and an escape sequence: no
// line of the refusal could act on the runner or the terminal.
func TestHostileOutFolder(t *testing.T) {
	dir := t.TempDir()
	if err := copyFixture(dir); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "x\n::error::forged\x1b[2J")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Skip("this file system refuses such names:", err)
	}
	if err := os.WriteFile(filepath.Join(out, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "--today", "2020-12-31", "--out", out}, &stdout, &stderr); code != exitUsage {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitUsage, &stderr)
	}
	got := stderr.String()
	if strings.Contains(got, "\x1b") {
		t.Errorf("the refusal %q prints an escape sequence", got)
	}
	for _, line := range strings.Split(got, "\n") {
		if strings.HasPrefix(strings.TrimLeftFunc(line, unicode.IsSpace), "::") {
			t.Errorf("the refusal prints a line the runner would obey: %q", line)
		}
	}
	if !strings.Contains(got, `forged\x1b[2J`) {
		t.Errorf("the refusal %q does not name the folder escaped", got)
	}
}
