package report

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/l10n"
)

// hostileNames are file names and values a pull request could use to speak
// to the CI runner or to the terminal that shows roll's output.
var hostileNames = []string{
	"records/heroes/x\n::error file=README.md::forged.md",
	"records/heroes/x\r::add-mask::token.md",
	"records/heroes/\x1b[2J\x1b[31mred.md",
	"records/heroes/##[warning]old-style.md",
	"records/heroes/\u202etxt.exe.md",
	"records/heroes/\xff\xfe.md",
	"records/heroes/x\u2028::stop-commands::t.md",
	"records/heroes/x\u0085\u009b2J.md",
	"records/heroes/zw\u200b.md",
}

func hostileList() finding.List {
	var l finding.List
	for i, name := range hostileNames {
		sev := finding.Error
		if i%2 == 1 {
			sev = finding.Warning
		}
		// Messages quote record text too: the same strings as values.
		l = append(l, finding.Finding{File: name, Pos: finding.Pos{Line: i + 1, Col: 1}, Severity: sev, Rule: "id",
			Msg: finding.Msg("the id %s does not match the file name %s", name, "\n  ::error::x ##[debug]y")})
	}
	l[2].Old = true
	return l
}

// TestHostileNames feeds hostile file names and values through every output
// format and the step summary, in both languages, and checks that nothing
// in the output could act on a terminal or on the runner: no control or
// invisible character but line feeds (and the tab that indents a
// continuation line), valid UTF-8, no "##[", and no line that starts with
// "::" but the annotations roll writes itself.
func TestHostileNames(t *testing.T) {
	list := hostileList()
	for _, lang := range []l10n.Lang{l10n.English, l10n.Chinese} {
		p := l10n.Printer(lang)
		outputs := map[string]string{}
		for _, f := range []Format{Text, GitHub, JSON} {
			var b strings.Builder
			if err := Write(&b, f, list, p); err != nil {
				t.Fatal(err)
			}
			outputs[string(f)] = b.String()
		}
		var b strings.Builder
		if err := WriteSummary(&b, list, p); err != nil {
			t.Fatal(err)
		}
		outputs["summary"] = b.String()

		for name, out := range outputs {
			if !utf8.ValidString(out) {
				t.Errorf("%s/%s: the output is not valid UTF-8", lang, name)
			}
			for _, r := range out {
				if r != '\n' && r != '\t' && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029') {
					t.Errorf("%s/%s: the output holds %U:\n%s", lang, name, r, out)
				}
			}
			if strings.Contains(out, "##[") {
				t.Errorf("%s/%s: the output holds a workflow command ##[:\n%s", lang, name, out)
			}
			annotations := 0
			for _, line := range strings.Split(out, "\n") {
				trimmed := strings.TrimLeftFunc(line, unicode.IsSpace)
				if !strings.HasPrefix(trimmed, "::") {
					continue
				}
				if name == "github" && line == trimmed && (strings.HasPrefix(line, "::error file=") || strings.HasPrefix(line, "::warning file=")) {
					annotations++
					continue
				}
				t.Errorf("%s/%s: a line would be a workflow command: %q", lang, name, line)
			}
			if name == "github" && annotations != len(list)-1 { // the Old one is not annotated
				t.Errorf("%s/github: %d annotations, want %d", lang, annotations, len(list)-1)
			}
		}

		// JSON stays true to the data: the names decode as they were
		// (invalid UTF-8 aside, which JSON cannot hold).
		var doc jsonReport
		if err := json.Unmarshal([]byte(outputs["json"]), &doc); err != nil {
			t.Fatal(err)
		}
		for i, f := range doc.Findings {
			if want := []rune(hostileNames[i]); f.File != string(want) {
				t.Errorf("%s/json: file %q, want %q", lang, f.File, want)
			}
		}
	}
}

// TestAnnotationFileName keeps a file name with a line break whole in the
// annotation, escaped as the toolkit escapes it, so that GitHub puts the
// annotation on that file.
func TestAnnotationFileName(t *testing.T) {
	f := finding.Finding{File: "records/a\n::error::b.md", Pos: finding.Pos{Line: 1}, Severity: finding.Error, Msg: finding.Msg("gone")}
	got := annotation(f, l10n.Printer(l10n.English))
	want := "::error file=records/a%0A%3A%3Aerror%3A%3Ab.md,line=1,title=roll check::gone"
	if got != want {
		t.Errorf("annotation = %q, want %q", got, want)
	}
}
