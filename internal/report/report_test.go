package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/l10n"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// sample is a list of findings with real message keys, so that the Chinese
// goldens are Chinese throughout; the YAML message's argument holds a line
// break, which the formats must escape or indent.
func sample() finding.List {
	return finding.List{
		{File: "records/catalog/honors.yaml", Pos: finding.Pos{Line: 12, Col: 5}, Severity: finding.Warning, Rule: "ref",
			Msg: finding.Msg("the honor %s is listed twice", "city-model"), Old: true},
		{File: "records/heroes/sheyang/H-2020-0001.md", Pos: finding.Pos{Line: 7, Col: 9}, Severity: finding.Error, Rule: "schema",
			Msg: finding.Msg("the date %s is after today (%s)", "2021-02-03", "2020-12-31")},
		{File: "records/heroes/sheyang/H-2020-0001.md", Pos: finding.Pos{Line: 21, Col: 1}, Severity: finding.Error, Rule: "anonymize",
			Msg: finding.Msg("the hero is anonymized but the narrative contains the full name %s", "张三")},
		{File: "records/heroes/tinghu/H-2019-0012.md", Pos: finding.Pos{Line: 3, Col: 1}, Severity: finding.Warning, Rule: "minor",
			Msg: finding.Msg("the hero is %d, under 18, and stays off the public site until public.guardian_consent is true", 16)},
		{File: "records/tasks/2020/05.yaml", Pos: finding.Pos{Line: 9, Col: 3}, Severity: finding.Error, Rule: "yaml",
			Msg: finding.Msg("YAML syntax error: %s", "line one\nline two"), Old: true},
		{File: "records/visits/2020/V-2020-0003.yaml", Severity: finding.Error, Rule: "deleted",
			Msg: finding.Msg("the record %s was deleted; records are withdrawn, never deleted: restore the file and set status: withdrawn", "V-2020-0003")},
	}
}

func TestGolden(t *testing.T) {
	for _, lang := range []l10n.Lang{l10n.Chinese, l10n.English} {
		p := l10n.Printer(lang)
		for _, format := range []Format{Text, JSON, GitHub} {
			t.Run(string(format)+"."+string(lang), func(t *testing.T) {
				var buf bytes.Buffer
				if err := Write(&buf, format, sample(), p); err != nil {
					t.Fatal(err)
				}
				golden(t, fmt.Sprintf("%s.%s.golden", format, lang), buf.Bytes())
			})
		}
		t.Run("summary."+string(lang), func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteSummary(&buf, sample(), p); err != nil {
				t.Fatal(err)
			}
			golden(t, fmt.Sprintf("summary.%s.golden", lang), buf.Bytes())
		})
	}
}

// golden compares got with testdata/name, or rewrites the file with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update if the change is right)\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

func TestParseFormat(t *testing.T) {
	tests := []struct {
		in      string
		want    Format
		wantErr bool
	}{
		{"text", Text, false},
		{"json", JSON, false},
		{"github", GitHub, false},
		{"", "", true},
		{"JSON", "", true},
		{"sarif", "", true},
	}
	for _, tt := range tests {
		got, err := ParseFormat(tt.in)
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("ParseFormat(%q) = %q, %v, want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestWriteUnknownFormat(t *testing.T) {
	if err := Write(new(bytes.Buffer), "xml", sample(), l10n.Printer(l10n.English)); err == nil {
		t.Error(`Write(format "xml") = nil, want an error`)
	}
}

func TestEmptyList(t *testing.T) {
	tests := []struct {
		format Format
		want   string
	}{
		{Text, ""},
		{GitHub, ""},
		{JSON, "{\n  \"findings\": [],\n  \"errors\": 0,\n  \"warnings\": 0\n}\n"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := Write(&buf, tt.format, nil, l10n.Printer(l10n.Chinese)); err != nil {
			t.Fatal(err)
		}
		if got := buf.String(); got != tt.want {
			t.Errorf("Write(%s, empty list) = %q, want %q", tt.format, got, tt.want)
		}
	}

	var buf bytes.Buffer
	if err := WriteSummary(&buf, nil, l10n.Printer(l10n.Chinese)); err != nil {
		t.Fatal(err)
	}
	if want := "## roll check 检查结果\n\n未发现问题。\n"; buf.String() != want {
		t.Errorf("WriteSummary(empty list) = %q, want %q", buf.String(), want)
	}
}

func TestTextLine(t *testing.T) {
	zh, en := l10n.Printer(l10n.Chinese), l10n.Printer(l10n.English)
	f := finding.Finding{File: "records/heroes/sheyang/H-2020-0001.md", Pos: finding.Pos{Line: 1234, Col: 9},
		Severity: finding.Error, Rule: "schema", Msg: finding.Msg("deed.date")}
	tests := []struct {
		name string
		f    func(finding.Finding) finding.Finding
		lang string
		want string
	}{
		{"error zh", func(f finding.Finding) finding.Finding { return f }, "zh",
			"records/heroes/sheyang/H-2020-0001.md:1234:9: 错误: deed.date (schema)"},
		{"error en", func(f finding.Finding) finding.Finding { return f }, "en",
			"records/heroes/sheyang/H-2020-0001.md:1234:9: error: deed.date (schema)"},
		{"warning zh", func(f finding.Finding) finding.Finding { f.Severity = finding.Warning; return f }, "zh",
			"records/heroes/sheyang/H-2020-0001.md:1234:9: 警告: deed.date (schema)"},
		{"no column", func(f finding.Finding) finding.Finding { f.Pos.Col = 0; return f }, "en",
			"records/heroes/sheyang/H-2020-0001.md:1234: error: deed.date (schema)"},
		{"no position", func(f finding.Finding) finding.Finding { f.Pos = finding.Pos{}; return f }, "en",
			"records/heroes/sheyang/H-2020-0001.md: error: deed.date (schema)"},
		{"no rule", func(f finding.Finding) finding.Finding { f.Rule = ""; return f }, "en",
			"records/heroes/sheyang/H-2020-0001.md:1234:9: error: deed.date"},
		{"lines", func(f finding.Finding) finding.Finding { f.Msg = finding.Msg("a\nb\r\nc\rd"); return f }, "en",
			"records/heroes/sheyang/H-2020-0001.md:1234:9: error: a\n\tb\n\tc\n\td (schema)"},
	}
	for _, tt := range tests {
		p := en
		if tt.lang == "zh" {
			p = zh
		}
		if got := textLine(tt.f(f), p); got != tt.want {
			t.Errorf("%s: textLine = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestCountLine(t *testing.T) {
	tests := []struct {
		errors, warnings int
		en, zh           string
	}{
		{1, 0, "1 error, 0 warnings", "共 1 个错误，0 个警告"},
		{1, 1, "1 error, 1 warning", "共 1 个错误，1 个警告"},
		{2, 1, "2 errors, 1 warning", "共 2 个错误，1 个警告"},
		{0, 3, "0 errors, 3 warnings", "共 0 个错误，3 个警告"},
		{1, 2, "1 error, 2 warnings", "共 1 个错误，2 个警告"},
	}
	for _, tt := range tests {
		list := makeList(tt.errors, tt.warnings)
		if got := countLine(list, l10n.Printer(l10n.English)); got != tt.en {
			t.Errorf("countLine(%d errors, %d warnings) in en = %q, want %q", tt.errors, tt.warnings, got, tt.en)
		}
		if got := countLine(list, l10n.Printer(l10n.Chinese)); got != tt.zh {
			t.Errorf("countLine(%d errors, %d warnings) in zh = %q, want %q", tt.errors, tt.warnings, got, tt.zh)
		}
	}
}

// TestVerdict checks the line roll check ends with: passed when every error
// was present at the base already, or there is none; and the line of a
// check that found nothing.
func TestVerdict(t *testing.T) {
	old := makeList(2, 1)
	for i := range old {
		old[i].Old = true
	}
	tests := []struct {
		name   string
		list   finding.List
		en, zh string
	}{
		{"errors", makeList(2, 1), "check failed: 2 errors, 1 warning", "检查未通过：共 2 个错误，1 个警告"},
		{"warnings only", makeList(0, 17), "check passed: 0 errors, 17 warnings", "检查通过：共 0 个错误，17 个警告"},
		{"old errors only", old, "check passed: 2 errors, 1 warning", "检查通过：共 2 个错误，1 个警告"},
	}
	for _, tt := range tests {
		if got := Verdict(tt.list, l10n.Printer(l10n.English)); got != tt.en {
			t.Errorf("%s: Verdict in en = %q, want %q", tt.name, got, tt.en)
		}
		if got := Verdict(tt.list, l10n.Printer(l10n.Chinese)); got != tt.zh {
			t.Errorf("%s: Verdict in zh = %q, want %q", tt.name, got, tt.zh)
		}
	}
	zh := l10n.Printer(l10n.Chinese)
	if got, want := Clean(nil, zh), "检查通过：没有发现问题"; got != want {
		t.Errorf("Clean(nil) = %q, want %q", got, want)
	}
	paths := []string{"records/heroes/sheyang/H-2020-0018.md", "records/visits"}
	if got, want := Clean(paths, zh), "检查通过：records/heroes/sheyang/H-2020-0018.md、records/visits 中没有发现问题"; got != want {
		t.Errorf("Clean(%q) = %q, want %q", paths, got, want)
	}
	if got, want := Clean(paths[:1], l10n.Printer(l10n.English)), "check passed: no problems found in records/heroes/sheyang/H-2020-0018.md"; got != want {
		t.Errorf("Clean in en = %q, want %q", got, want)
	}
}

// makeList returns errors errors and then warnings warnings, in distinct
// files f000.md, f001.md, ….
func makeList(errors, warnings int) finding.List {
	var list finding.List
	for i := range errors + warnings {
		sev := finding.Error
		if i >= errors {
			sev = finding.Warning
		}
		list.Add(fmt.Sprintf("records/f%03d.md", i), finding.Pos{Line: i + 1, Col: 1}, sev, "schema", finding.Msg("problem %s", strconv.Itoa(i)))
	}
	return list
}

func TestOldLast(t *testing.T) {
	list := sample()
	for _, lang := range []l10n.Lang{l10n.Chinese, l10n.English} {
		var buf bytes.Buffer
		if err := Write(&buf, Text, list, l10n.Printer(lang)); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
		// 6 findings, one of them two lines long, the header and the count.
		header := map[l10n.Lang]string{l10n.Chinese: "以下问题在基准版本中已存在：", l10n.English: "already present at the base revision:"}[lang]
		want := []string{
			"records/heroes/sheyang/H-2020-0001.md:7:9:",
			"records/heroes/sheyang/H-2020-0001.md:21:1:",
			"records/heroes/tinghu/H-2019-0012.md:3:1:",
			"records/visits/2020/V-2020-0003.yaml:",
			header,
			"records/catalog/honors.yaml:12:5:",
			"records/tasks/2020/05.yaml:9:3:",
			"\t",
			"",
		}
		if len(lines) != len(want) {
			t.Fatalf("%s: got %d lines, want %d:\n%s", lang, len(lines), len(want), buf.String())
		}
		for i, prefix := range want {
			if !strings.HasPrefix(lines[i], prefix) {
				t.Errorf("%s: line %d = %q, want prefix %q", lang, i+1, lines[i], prefix)
			}
		}
	}

	// No header when nothing is old; only the header first when all are.
	var buf bytes.Buffer
	if err := Write(&buf, Text, makeList(1, 0), l10n.Printer(l10n.English)); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "already present") {
		t.Errorf("Write(no old findings) = %q, want no header", buf.String())
	}
}

func TestEscape(t *testing.T) {
	tests := []struct {
		in, data, property string
	}{
		{"plain 中文", "plain 中文", "plain 中文"},
		{"100%", "100%25", "100%25"},
		{"%0A", "%250A", "%250A"},
		{"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"a: b, c", "a: b, c", "a%3A b%2C c"},
		{"records/a,b:c%.md", "records/a,b:c%25.md", "records/a%2Cb%3Ac%25.md"},
		{"bad \xff byte", "bad \xff byte", "bad \xff byte"},
	}
	for _, tt := range tests {
		if got := escapeData(tt.in); got != tt.data {
			t.Errorf("escapeData(%q) = %q, want %q", tt.in, got, tt.data)
		}
		if got := escapeProperty(tt.in); got != tt.property {
			t.Errorf("escapeProperty(%q) = %q, want %q", tt.in, got, tt.property)
		}
	}
}

func TestAnnotation(t *testing.T) {
	en := l10n.Printer(l10n.English)
	tests := []struct {
		f    finding.Finding
		want string
	}{
		{
			finding.Finding{File: "records/a,b:c%.md", Pos: finding.Pos{Line: 7, Col: 9}, Severity: finding.Error, Rule: "schema",
				Msg: finding.Msg("50%% done\r\nnext: a, b")},
			// Line ends are normalized to line feeds (package safetext).
			"::error file=records/a%2Cb%3Ac%25.md,line=7,col=9,title=roll check%3A schema::50%25 done%0Anext: a, b",
		},
		{
			finding.Finding{File: "records/x.yaml", Pos: finding.Pos{Line: 12345}, Severity: finding.Warning, Rule: "visit",
				Msg: finding.Msg("hero %s", "H-2020-0001")},
			"::warning file=records/x.yaml,line=12345,title=roll check%3A visit::hero H-2020-0001",
		},
		{
			finding.Finding{File: "records/y.yaml", Severity: finding.Error, Msg: finding.Msg("gone")},
			"::error file=records/y.yaml,title=roll check::gone",
		},
	}
	for _, tt := range tests {
		if got := annotation(tt.f, en); got != tt.want {
			t.Errorf("annotation(%v) =\n%q, want\n%q", tt.f, got, tt.want)
		}
	}
}

func TestAnnotationCap(t *testing.T) {
	// 25 errors and 3 warnings; the first 5 errors are old, so the 10
	// annotated errors are the first 10 of the change, f005 … f014.
	list := makeList(25, 3)
	for i := range 5 {
		list[i].Old = true
	}
	var buf bytes.Buffer
	if err := Write(&buf, GitHub, list, l10n.Printer(l10n.English)); err != nil {
		t.Fatal(err)
	}
	var errs, warns, notices []string
	text := 0
	for line := range strings.Lines(buf.String()) {
		switch {
		case strings.HasPrefix(line, "::error "):
			errs = append(errs, line)
		case strings.HasPrefix(line, "::warning "):
			warns = append(warns, line)
		case strings.HasPrefix(line, "::notice::"):
			notices = append(notices, line)
		case strings.HasPrefix(line, "records/"):
			text++
		}
	}
	if len(errs) != 10 || len(warns) != 3 || len(notices) != 1 {
		t.Fatalf("got %d errors, %d warnings, %d notices annotated, want 10, 3, 1:\n%s", len(errs), len(warns), len(notices), buf.String())
	}
	for i, line := range errs {
		if want := fmt.Sprintf("file=records/f%03d.md,", i+5); !strings.Contains(line, want) {
			t.Errorf("error annotation %d = %q, want it for %s", i+1, line, want)
		}
	}
	// 20 errors of the change: 10 annotated, 10 left out; the 5 old ones are
	// never annotated and not counted as left out.
	if want := "::notice::not annotated (GitHub shows at most 10 errors and 10 warnings per step): 10 errors, 0 warnings; see the step summary or the text output below\n"; notices[0] != want {
		t.Errorf("notice = %q, want %q", notices[0], want)
	}
	if text != 28 {
		t.Errorf("got %d text lines, want all 28 findings", text)
	}
	if !strings.HasSuffix(buf.String(), "\ncheck failed: 25 errors, 3 warnings\n") {
		t.Errorf("output does not end with the verdict and the count:\n%s", buf.String())
	}

	// Within the cap: no notice.
	buf.Reset()
	if err := Write(&buf, GitHub, makeList(10, 10), l10n.Printer(l10n.Chinese)); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "::notice") {
		t.Errorf("Write(10 errors, 10 warnings) has a notice:\n%s", buf.String())
	}

	// Old findings are never annotated, even when the cap has room.
	list = makeList(12, 0)
	for i := range 10 {
		list[i].Old = true
	}
	shown, leftErrors, leftWarnings := pickAnnotations(list)
	var got []string
	for _, f := range shown {
		got = append(got, f.File)
	}
	want := "records/f010.md records/f011.md"
	if strings.Join(got, " ") != want || leftErrors != 0 || leftWarnings != 0 {
		t.Errorf("pickAnnotations = %v, %d, %d, want [%s], 0, 0", got, leftErrors, leftWarnings, want)
	}
}

func TestJSON(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, JSON, sample(), l10n.Printer(l10n.Chinese)); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Findings []map[string]any
		Errors   int
		Warnings int
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, buf.String())
	}
	if len(doc.Findings) != 6 || doc.Errors != 4 || doc.Warnings != 2 {
		t.Errorf("got %d findings, %d errors, %d warnings, want 6, 4, 2", len(doc.Findings), doc.Errors, doc.Warnings)
	}
	if sev := doc.Findings[0]["severity"]; sev != "warning" {
		t.Errorf("severity = %v, want untranslated %q", sev, "warning")
	}
}

func TestMarkdownCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"records/heroes/sheyang/H-2020-0001.md", "records/heroes/sheyang/H-2020-0001.md"},
		{"a | b", `a \| b`},
		{"one\ntwo\r\nthree\rfour", "one<br>two<br>three<br>four"},
		{"<script>", `\<script\>`},
		{"*bold* _it_ `code` [x](y) ~s~ &amp; !", "\\*bold\\* \\_it\\_ \\`code\\` \\[x\\](y) \\~s\\~ \\&amp; \\!"},
		{`back\slash|`, `back\\slash\|`},
		{"张三", "张三"},
	}
	for _, tt := range tests {
		if got := markdownCell(tt.in); got != tt.want {
			t.Errorf("markdownCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSummaryCell(t *testing.T) {
	list := finding.List{{File: "records/a|b.md", Pos: finding.Pos{Line: 3}, Severity: finding.Error, Rule: "yaml",
		Msg: finding.Msg("bad | value\nsecond line")}}
	var buf bytes.Buffer
	if err := WriteSummary(&buf, list, l10n.Printer(l10n.Chinese)); err != nil {
		t.Fatal(err)
	}
	want := "| records/a\\|b.md | 3 | 错误 | bad \\| value<br>second line (yaml) |\n"
	if !strings.Contains(buf.String(), want) {
		t.Errorf("WriteSummary =\n%s\nwant a row %q", buf.String(), want)
	}
}

func TestSummarySizeCap(t *testing.T) {
	const n = 20000
	var list finding.List
	for i := range n {
		list.Errorf(fmt.Sprintf("records/heroes/sheyang/H-2020-%05d.md", i), finding.Pos{Line: 7, Col: 9}, "schema",
			"deed.date: %q is not a valid date; write dates as YYYY-MM-DD, for example 2020-03-14", "2020-02-30")
	}
	for _, lang := range []l10n.Lang{l10n.Chinese, l10n.English} {
		var buf bytes.Buffer
		if err := WriteSummary(&buf, list, l10n.Printer(lang)); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if len(out) >= 1<<20 {
			t.Errorf("%s: summary is %d bytes, want < 1 MiB", lang, len(out))
		}
		rows := strings.Count(out, "\n| records/")
		left := n - rows
		if left <= 0 {
			t.Fatalf("%s: all %d rows written in %d bytes, want the table truncated", lang, rows, len(out))
		}
		want := map[l10n.Lang]string{
			l10n.Chinese: fmt.Sprintf("另有 %s 行未列出", group(left)),
			l10n.English: fmt.Sprintf("%s more rows left out", group(left)),
		}[lang]
		if !strings.Contains(out, want) {
			t.Errorf("%s: summary has %d rows and no line %q", lang, rows, want)
		}
		if !strings.Contains(out, "schema") || !strings.HasSuffix(out, "`roll new`.\n") && !strings.HasSuffix(out, "作参照。\n") {
			t.Errorf("%s: summary does not end with the hints after truncation", lang)
		}
	}
}

// group writes n with thousands separators, as the printers do.
func group(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func TestSummaryHints(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteSummary(&buf, makeList(1, 0), l10n.Printer(l10n.Chinese)); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(buf.String(), "\n- **"); n != 1 {
		t.Errorf("summary of one schema finding has %d hints, want 1:\n%s", n, buf.String())
	}
	list := makeList(1, 0)
	list[0].Rule = "no-such-rule"
	buf.Reset()
	if err := WriteSummary(&buf, list, l10n.Printer(l10n.Chinese)); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "###") {
		t.Errorf("summary with no known rule has a hints section:\n%s", buf.String())
	}
	want := []string{"schema", "yaml", "id", "ref", "date", "idcard", "status", "anonymize", "minor", "insurance", "visit", "narrative", "deleted", "privacy", "frontmatter", "limit"}
	var got []string
	for _, h := range hints() {
		got = append(got, h.rule)
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("hints for %v, want %v", got, want)
	}
}

func TestAppendStepSummary(t *testing.T) {
	p := l10n.Printer(l10n.Chinese)
	path := filepath.Join(t.TempDir(), "summary.md")
	if err := os.WriteFile(path, []byte("earlier step\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := func(name string) string {
		if name == "GITHUB_STEP_SUMMARY" {
			return path
		}
		return ""
	}
	if err := AppendStepSummary(env, sample(), p); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	want.WriteString("earlier step\n")
	if err := WriteSummary(&want, sample(), p); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Errorf("step summary file =\n%s\nwant\n%s", got, want.Bytes())
	}

	// Unset: nothing happens.
	if err := AppendStepSummary(func(string) string { return "" }, sample(), p); err != nil {
		t.Errorf("AppendStepSummary(unset) = %v, want nil", err)
	}
	// A file that cannot be opened is an error.
	bad := func(string) string { return filepath.Join(t.TempDir(), "no", "such", "dir") }
	if err := AppendStepSummary(bad, sample(), p); err == nil {
		t.Error("AppendStepSummary(missing directory) = nil, want an error")
	}
}

// TestKeysTranslated fails when a message key printed by this package has
// no Chinese form, which would print English in a Chinese report.
func TestKeysTranslated(t *testing.T) {
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "Sprintf" {
				return true
			}
			if x, ok := sel.X.(*ast.Ident); !ok || x.Name != "p" {
				return true
			}
			if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				key, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatal(err)
				}
				keys = append(keys, key)
			}
			return true
		})
	}
	for _, h := range hints() {
		keys = append(keys, h.key)
	}
	if len(keys) < 20 {
		t.Fatalf("found only %d keys; is the walk broken?", len(keys))
	}
	for _, key := range keys {
		if !l10n.Has(key) {
			t.Errorf("key %q has no Chinese form in package l10n", key)
		}
	}
}
