package check

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/l10n"
	"github.com/yancheng-jyyw/roll/internal/report"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/rules/*.txtar")

var today = time.Date(2020, 12, 31, 0, 0, 0, 0, time.UTC)

// fixture copies testdata/base and the repository's schemas into a temporary
// folder: a small repository that checks clean.
func fixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/base")); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(dir, "schemas"), os.DirFS("../../schemas")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// lines renders findings in the text format, without its count line.
func lines(list finding.List, lang l10n.Lang) string {
	var b strings.Builder
	if err := report.Write(&b, report.Text, list, l10n.Printer(lang)); err != nil {
		panic(err)
	}
	s := strings.TrimSuffix(b.String(), "\n")
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[:i+1] // drop the count line
	}
	return ""
}

func TestBaseIsClean(t *testing.T) {
	res, err := Run(fixture(t), Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) > 0 {
		t.Fatalf("the base fixture has findings:\n%s", lines(res.Findings, l10n.English))
	}
	if got := len(res.Repo.Heroes); got != 3 {
		t.Errorf("loaded %d heroes, want 3", got)
	}
}

// TestRules runs each testdata/rules/*.txtar: its files are written over the
// base fixture (a file whose content is "DELETE\n" is removed), and the
// findings must equal its "want" section (English) and "want.zh" (Chinese).
func TestRules(t *testing.T) {
	files, _ := filepath.Glob("testdata/rules/*.txtar")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dir := fixture(t)
			var want, wantZh *txtar.File
			for i := range ar.Files {
				f := &ar.Files[i]
				switch f.Name {
				case "want":
					want = f
					continue
				case "want.zh":
					wantZh = f
					continue
				}
				target := filepath.Join(dir, filepath.FromSlash(f.Name))
				if string(f.Data) == "DELETE\n" {
					if err := os.Remove(target); err != nil {
						t.Fatal(err)
					}
					continue
				}
				os.MkdirAll(filepath.Dir(target), 0o755)
				if err := os.WriteFile(target, unescape(f.Data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			res, err := Run(dir, Options{Today: today})
			if err != nil {
				t.Fatal(err)
			}
			got, gotZh := lines(res.Findings, l10n.English), lines(res.Findings, l10n.Chinese)
			if *update {
				setFile(ar, "want", got)
				setFile(ar, "want.zh", gotZh)
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want == nil || wantZh == nil {
				t.Fatal("no want or want.zh section; run with -update and review")
			}
			if got == "" {
				t.Error("the fixture produced no finding")
			}
			if got != string(want.Data) {
				t.Errorf("findings:\n%s\nwant:\n%s", got, want.Data)
			}
			if gotZh != string(wantZh.Data) {
				t.Errorf("findings (zh):\n%s\nwant:\n%s", gotZh, wantZh.Data)
			}
			if ascii := englishWord.FindString(stripValues(gotZh)); ascii != "" {
				t.Errorf("Chinese findings contain the English word %q:\n%s", ascii, gotZh)
			}
		})
	}
}

// unescape lets a fixture hold bytes a txtar file cannot: \xHH (invalid
// UTF-8, a byte order mark), \t (tabs) and \r (carriage returns).
func unescape(data []byte) []byte {
	data = bytes.ReplaceAll(data, []byte(`\t`), []byte("\t"))
	data = bytes.ReplaceAll(data, []byte(`\r`), []byte("\r"))
	return hexEscape.ReplaceAllFunc(data, func(m []byte) []byte {
		var b byte
		fmt.Sscanf(string(m[2:]), "%02x", &b)
		return []byte{b}
	})
}

var hexEscape = regexp.MustCompile(`\\x[0-9a-fA-F]{2}`)

func setFile(ar *txtar.Archive, name, data string) {
	for i := range ar.Files {
		if ar.Files[i].Name == name {
			ar.Files[i].Data = []byte(data)
			return
		}
	}
	ar.Files = append(ar.Files, txtar.File{Name: name, Data: []byte(data)})
}

// englishWord finds English prose (two or more words of letters) in a
// Chinese finding once file names, field names, ids and quoted values are
// taken out.
var englishWord = regexp.MustCompile(`[A-Za-z]{3,} [A-Za-z]{3,}`)

// valueLike matches what a Chinese finding may hold in Latin letters: the
// file and position, quoted values, and names with a dot, underscore,
// slash, hyphen or digit in them (deed.date, H-2019-0002, records/…).
var valueLike = regexp.MustCompile(`^[^:]*(:\d+:\d+)?: |"[^"]*"|'[^']*'|“[^”]*”|[A-Za-z_]*[._/0-9-][A-Za-z0-9_.\[\]/<>-]*`)

func stripValues(s string) string {
	var b strings.Builder
	for _, l := range strings.Split(s, "\n") {
		b.WriteString(valueLike.ReplaceAllString(l, "·"))
		b.WriteByte('\n')
	}
	return b.String()
}

func TestEnglishGuard(t *testing.T) {
	tests := []struct {
		line    string
		english bool
	}{
		{"records/a.md:1:1: 错误: the file must start with a line (yaml)", true},
		{"records/a.md:1:1: 错误: deed.date（事迹日期）: '2019-02-30' 不是有效的日期 (schema)", false},
		{"records/a.md: 错误: 人员记录是 Markdown 文件：records/heroes/<辖区>/<编号>.md (load)", false},
		{"records/a.md:3:1: 警告: 走访对象 H-2020-0012 的状态为待确认，尚未确认 (visit)", false},
	}
	for _, tt := range tests {
		if got := englishWord.FindString(stripValues(tt.line)) != ""; got != tt.english {
			t.Errorf("English found in %q = %v, want %v", tt.line, got, tt.english)
		}
	}
}
