package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/yancheng-jyyw/roll/internal/check"
	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/idcard"
	"github.com/yancheng-jyyw/roll/internal/l10n"
	"github.com/yancheng-jyyw/roll/internal/records"
	"github.com/yancheng-jyyw/roll/internal/rules"
	"github.com/yancheng-jyyw/roll/internal/schema"
)

var today = time.Date(2020, 12, 31, 0, 0, 0, 0, time.UTC)

// sampleDay is the build date of the repository's sample records, on which
// they check without errors (see the Makefile).
var sampleDay = time.Date(2021, 1, 20, 0, 0, 0, 0, time.UTC)

// both renders an error of the package in Chinese and in English.
func both(err error) string {
	var e *Error
	if !errors.As(err, &e) {
		return err.Error()
	}
	return e.Msg.Localize(l10n.Printer(l10n.Chinese)) + "\n" + e.Msg.Localize(l10n.Printer(l10n.English))
}

const catalog = `- {id: sheyang, name: 射阳县, kind: county}
- {id: binhai, name: 滨海县, kind: county}
- {id: city, name: 盐城市, kind: city}
`

const plan = `year: 2020
issued: 2020-05-20
reporting: {period: quarter, due_days: 10}
sections:
  - {number: 1, title: 抓好顶层设计}
  - {number: 2, title: 培育良好风气}
`

// repo is a small repository: ids with gaps, a withdrawn hero, a file whose
// name and id disagree, and records of other years.
func repo() fstest.MapFS {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	return fstest.MapFS{
		"records/catalog/jurisdictions.yaml":      file(catalog),
		"records/heroes/sheyang/H-2020-0001.md":   file("---\nid: H-2020-0001\n---\n"),
		"records/heroes/binhai/H-2020-0007.md":    file("---\nid: H-2020-0007\nstatus: withdrawn\n---\n"),
		"records/heroes/binhai/draft.md":          file("---\nid: \"H-2020-0009\"  # misnamed\n---\n"),
		"records/heroes/sheyang/H-2019-0041.md":   file("---\nid: H-2019-0041\n---\n"),
		"records/heroes/sheyang/H-2017-9999.md":   file("---\nid: H-2017-9999\n---\n"),
		"records/visits/2020/V-2020-0003.yaml":    file("id: V-2020-0003\nstatus: withdrawn\n"),
		"records/visits/2019/V-2020-0012.yaml":    file("id: V-2020-0012\n"), // in the wrong folder: still taken
		"records/tasks/2020/plan.yaml":            file(plan),
		"records/tasks/2020/01.yaml":              file("id: T-2020-01\n"),
		"records/tasks/2020/04.yaml":              file("id: T-2020-04\nnumber: 4\ntitle: 广泛开展社会宣传\nscope: each_jurisdiction\n"),
		"records/tasks/2021/plan.yaml":            file("year: 2021\nsections: [{number: 1, title: 一}]\n"),
		"records/tasks/2020/notes.txt":            file("id: T-2020-40\n"),
		"records/heroes/sheyang/H-2020-0100.yaml": file("id: H-2020-0100\n"), // not a hero file, but its id is taken
		"records/catalog/honors.yaml":             file("- {id: city-model, name: 盐城市见义勇为模范, level: city, issuer: 盐城市人民政府}\n"),
		"records/reports/2020/R-2020-Q2-sheyang.yaml": file("id: R-2020-Q2-sheyang\njurisdiction: sheyang\nperiod: 2020-Q2\n" +
			"tasks: [{task: T-2020-04, status: in_progress}]\n"),
		"records/events/2020/E-2020-0031.yaml":     file("id: E-2020-0031\nstatus: withdrawn\n"),
		"records/teams/sheyang/TM-sheyang-02.yaml": file("id: TM-sheyang-02\n"),
		"records/teams/binhai/TM-sheyang-05.yaml":  file("id: TM-sheyang-05\n"), // in the wrong folder: still taken
		"records/decisions/2020/D-2020-08.yaml":    file("id: D-2020-08\n"),
		"records/nominations/2020/N-2020-05.yaml":  file("id: N-2020-05\n"),
		"records/fund/2020/12.yaml":                file("- id: F-2020-0059\n- id: F-2020-0058"),
		"records/fund/2019/12.yaml":                file("- id: F-2019-0300\n"),
	}
}

func TestNextID(t *testing.T) {
	fsys := repo()
	later := time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		plan func() (File, error)
		want string
	}{
		{"hero 2020: after the highest, withdrawn and misnamed included", func() (File, error) {
			return Hero(fsys, today, HeroOptions{Jurisdiction: "sheyang", Name: "张三", Year: 2020})
		}, "records/heroes/sheyang/H-2020-0101.md"},
		{"hero: the year defaults to today's", func() (File, error) {
			return Hero(fsys, today, HeroOptions{Jurisdiction: "binhai", Name: "欧阳明月"})
		}, "records/heroes/binhai/H-2020-0101.md"},
		{"hero 2019", func() (File, error) {
			return Hero(fsys, today, HeroOptions{Jurisdiction: "sheyang", Name: "张三", Year: 2019})
		}, "records/heroes/sheyang/H-2019-0042.md"},
		{"hero of a year without heroes", func() (File, error) {
			return Hero(fsys, today, HeroOptions{Jurisdiction: "sheyang", Name: "张三", Year: 2018})
		}, "records/heroes/sheyang/H-2018-0001.md"},
		{"hero past 9999: five digits", func() (File, error) {
			return Hero(fsys, today, HeroOptions{Jurisdiction: "sheyang", Name: "张三", Year: 2017})
		}, "records/heroes/sheyang/H-2017-10000.md"},
		{"visit without a date: this year", func() (File, error) {
			return Visit(fsys, today, VisitOptions{})
		}, "records/visits/2020/V-2020-0013.yaml"},
		{"visit with a date of another year", func() (File, error) {
			return Visit(fsys, later, VisitOptions{Date: time.Date(2021, 1, 20, 0, 0, 0, 0, time.UTC)})
		}, "records/visits/2021/V-2021-0001.yaml"},
		{"task: after the highest number", func() (File, error) {
			return Task(fsys, today, TaskOptions{Year: 2020, Section: 2})
		}, "records/tasks/2020/05.yaml"},
		{"task: the first of a plan", func() (File, error) {
			return Task(fsys, later, TaskOptions{})
		}, "records/tasks/2021/01.yaml"},
		{"report: the latest period that has ended", func() (File, error) {
			return Report(fsys, today, ReportOptions{Jurisdiction: "binhai"})
		}, "records/reports/2020/R-2020-Q3-binhai.yaml"},
		{"report: in the new year, the last quarter of the old", func() (File, error) {
			return Report(fsys, time.Date(2021, 1, 5, 0, 0, 0, 0, time.UTC), ReportOptions{Jurisdiction: "sheyang"})
		}, "records/reports/2020/R-2020-Q4-sheyang.yaml"},
		{"report: a period asked for", func() (File, error) {
			return Report(fsys, today, ReportOptions{Jurisdiction: "binhai", Period: "2020-Q2"})
		}, "records/reports/2020/R-2020-Q2-binhai.yaml"},
		{"event: after a withdrawn one", func() (File, error) {
			return Event(fsys, today, EventOptions{})
		}, "records/events/2020/E-2020-0032.yaml"},
		{"team: after the highest of the jurisdiction, wherever it is", func() (File, error) {
			return Team(fsys, today, TeamOptions{Jurisdiction: "sheyang"})
		}, "records/teams/sheyang/TM-sheyang-06.yaml"},
		{"team: the first of a jurisdiction", func() (File, error) {
			return Team(fsys, today, TeamOptions{Jurisdiction: "binhai"})
		}, "records/teams/binhai/TM-binhai-01.yaml"},
		{"decision", func() (File, error) {
			return Decision(fsys, today, DecisionOptions{Date: time.Date(2020, 12, 30, 0, 0, 0, 0, time.UTC)})
		}, "records/decisions/2020/D-2020-09.yaml"},
		{"nomination", func() (File, error) {
			return Nomination(fsys, today, NominationOptions{})
		}, "records/nominations/2020/N-2020-06.yaml"},
		{"voucher: a new month", func() (File, error) {
			return Fund(fsys, today, FundOptions{Date: time.Date(2020, 11, 3, 0, 0, 0, 0, time.UTC)})
		}, "records/fund/2020/11.yaml"},
		{"voucher: appended to its month", func() (File, error) {
			return Fund(fsys, today, FundOptions{})
		}, "records/fund/2020/12.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := tt.plan()
			if err != nil {
				t.Fatalf("err = %v, want %s", err, tt.want)
			}
			if f.Path != tt.want {
				t.Errorf("path = %q, want %q", f.Path, tt.want)
			}
			id := strings.TrimSuffix(filepath.Base(f.Path), filepath.Ext(f.Path))
			if !strings.Contains(f.Path, "/tasks/") && !strings.Contains(f.Path, "/fund/") && !strings.Contains(string(f.Data), "\nid: "+id+" ") {
				t.Errorf("the file does not hold id: %s:\n%s", id, f.Data)
			}
		})
	}
}

func TestBadOptions(t *testing.T) {
	fsys := repo()
	tests := []struct {
		name string
		plan func() (File, error)
		want []string // in the message
	}{
		{"unknown jurisdiction", func() (File, error) {
			return Hero(fsys, today, HeroOptions{Jurisdiction: "shanghai", Name: "张三"})
		}, []string{"辖区代码", "unknown jurisdiction", "sheyang 射阳县", "binhai 滨海县"}},
		{"no jurisdiction", func() (File, error) {
			return Hero(fsys, today, HeroOptions{Name: "张三"})
		}, []string{"--jurisdiction", "sheyang 射阳县"}},
		{"latin name", func() (File, error) {
			return Hero(fsys, today, HeroOptions{Jurisdiction: "sheyang", Name: "Zhang San"})
		}, []string{"2至6个汉字", "2 to 6 Chinese characters"}},
		{"one character", func() (File, error) {
			return Hero(fsys, today, HeroOptions{Jurisdiction: "sheyang", Name: "张"})
		}, []string{"2至6个汉字"}},
		{"seven characters", func() (File, error) {
			return Hero(fsys, today, HeroOptions{Jurisdiction: "sheyang", Name: "张三李四王五赵"})
		}, []string{"2至6个汉字"}},
		{"a year after this one", func() (File, error) {
			return Hero(fsys, today, HeroOptions{Jurisdiction: "sheyang", Name: "张三", Year: 2021})
		}, []string{"年份 2021", "this year, 2020"}},
		{"a visit after today", func() (File, error) {
			return Visit(fsys, today, VisitOptions{Date: today.AddDate(0, 0, 1)})
		}, []string{"晚于今天", "after today"}},
		{"a visit's unknown jurisdiction", func() (File, error) {
			return Visit(fsys, today, VisitOptions{Jurisdiction: "nowhere"})
		}, []string{"unknown jurisdiction \"nowhere\""}},
		{"a task without a plan", func() (File, error) {
			return Task(fsys, today, TaskOptions{Year: 2019})
		}, []string{"records/tasks/2019/plan.yaml", "there is no plan for 2019"}},
		{"a task of a section not in the plan", func() (File, error) {
			return Task(fsys, today, TaskOptions{Year: 2020, Section: 3})
		}, []string{"没有第 3 部分", "1 抓好顶层设计；2 培育良好风气"}},
		{"a report of the city", func() (File, error) {
			return Report(fsys, today, ReportOptions{Jurisdiction: "city"})
		}, []string{"市本级不向自己报送", "the city does not report to itself"}},
		{"a report without a jurisdiction", func() (File, error) {
			return Report(fsys, today, ReportOptions{})
		}, []string{"缺少 --jurisdiction", "is required"}},
		{"a report of a period not a quarter", func() (File, error) {
			return Report(fsys, today, ReportOptions{Jurisdiction: "sheyang", Period: "2020-H2"})
		}, []string{"要求按季度报送", "2020-H2 is not such a period"}},
		{"a report of a malformed period", func() (File, error) {
			return Report(fsys, today, ReportOptions{Jurisdiction: "sheyang", Period: "2020-Q5"})
		}, []string{"2020-Q5", "like 2020-Q3"}},
		{"a report of a period to come", func() (File, error) {
			return Report(fsys, time.Date(2020, 8, 1, 0, 0, 0, 0, time.UTC), ReportOptions{Jurisdiction: "sheyang", Period: "2020-Q4"})
		}, []string{"还没有开始", "has not begun yet"}},
		{"a report of a year without a plan", func() (File, error) {
			return Report(fsys, today, ReportOptions{Jurisdiction: "sheyang", Period: "2019-Q4"})
		}, []string{"records/tasks/2019/plan.yaml", "there is no plan for 2019"}},
		{"a report before any period ended", func() (File, error) {
			return Report(fsys, time.Date(2020, 6, 30, 0, 0, 0, 0, time.UTC), ReportOptions{Jurisdiction: "sheyang"})
		}, []string{"--period", "has ended by 2020-06-30"}},
		{"a team without a jurisdiction", func() (File, error) {
			return Team(fsys, today, TeamOptions{})
		}, []string{"缺少 --jurisdiction"}},
		{"a voucher after today", func() (File, error) {
			return Fund(fsys, today, FundOptions{Date: today.AddDate(0, 0, 1)})
		}, []string{"晚于今天", "after today"}},
		{"a nomination of a year to come", func() (File, error) {
			return Nomination(fsys, today, NominationOptions{Year: 2021})
		}, []string{"this year, 2020"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := tt.plan()
			if err == nil {
				t.Fatalf("planned %s, want an error", f.Path)
			}
			msg := both(err)
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not contain %q", msg, w)
				}
			}
		})
	}
}

func TestWriteNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, repo()); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	f, err := Hero(root.FS(), today, HeroOptions{Jurisdiction: "sheyang", Name: "张三"})
	if err != nil {
		t.Fatal(err)
	}
	// Someone else creates the same file between planning and writing.
	target := filepath.Join(dir, filepath.FromSlash(f.Path))
	if err := os.WriteFile(target, []byte("theirs"), 0o644); err != nil {
		t.Fatal(err)
	}
	err = Write(root, f)
	if err == nil || !strings.Contains(both(err), "never overwrites") || !strings.Contains(both(err), "已存在") {
		t.Errorf("Write over an existing file: err = %v, want a refusal", err)
	}
	if got, _ := os.ReadFile(target); string(got) != "theirs" {
		t.Errorf("the existing file now holds %q", got)
	}

	// A new folder is created as needed.
	f, err = Visit(root.FS(), today, VisitOptions{Date: time.Date(2018, 5, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if err := Write(root, f); err != nil {
		t.Fatalf("Write(%s): %v", f.Path, err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path))); string(got) != string(f.Data) {
		t.Errorf("%s holds %q, want the planned data", f.Path, got)
	}
}

// copyRepo copies the repository's records/ and schemas/ into a temporary
// folder and returns its root, opened.
func copyRepo(t *testing.T) (string, *os.Root) {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{"records", "schemas"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join("..", "..", d))); err != nil {
			t.Fatal(err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return dir, root
}

// requiredLine matches a line of a value marked 【必填】 (not a comment line).
var requiredLine = regexp.MustCompile(`^\s*[^#\s].*#\s*【必填】`)

// placeholderLine matches a placeholder: `key: ""` or `- ""`, with its comment.
var placeholderLine = regexp.MustCompile(`^(\s*)(- |)([a-z_]+: |)""(\s+#.*)$`)

// fill replaces each placeholder of data with values[key] (the key without
// its colon, "-" for a list item). It fails the test on a placeholder it has
// no value for, so a new field in a template needs a value here.
func fill(t *testing.T, data []byte, values map[string]string) []byte {
	t.Helper()
	lines := strings.Split(string(data), "\n")
	for i, line := range lines {
		if !requiredLine.MatchString(line) {
			continue
		}
		m := placeholderLine.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("line %d is marked 【必填】 but holds no placeholder \"\": %s", i+1, line)
		}
		key := strings.TrimSuffix(m[3], ": ")
		if key == "" {
			key = "-"
		}
		v, ok := values[key]
		if !ok {
			t.Fatalf("line %d: no value for the placeholder %q", i+1, line)
		}
		lines[i] = m[1] + m[2] + m[3] + v + m[4]
	}
	return []byte(strings.Join(lines, "\n"))
}

// placeholders returns the numbers of the lines marked 【必填】.
func placeholders(data []byte) []int {
	var lines []int
	for i, line := range strings.Split(string(data), "\n") {
		if requiredLine.MatchString(line) {
			lines = append(lines, i+1)
		}
	}
	return lines
}

// newRecords plans one record of each kind in the repository at root.
func newRecords(t *testing.T, root *os.Root) []File {
	t.Helper()
	var files []File
	for _, plan := range []func() (File, error){
		func() (File, error) {
			return Hero(root.FS(), today, HeroOptions{Jurisdiction: "sheyang", Name: "张三", Year: 2020})
		},
		func() (File, error) { return Visit(root.FS(), today, VisitOptions{}) },
		func() (File, error) {
			return Visit(root.FS(), today, VisitOptions{Date: time.Date(2020, 9, 30, 0, 0, 0, 0, time.UTC), Jurisdiction: "city"})
		},
		func() (File, error) { return Task(root.FS(), today, TaskOptions{Year: 2020}) },
		func() (File, error) { return Task(root.FS(), today, TaskOptions{Year: 2020, Section: 3}) },
		func() (File, error) {
			return Report(root.FS(), sampleDay, ReportOptions{Jurisdiction: "kaifaqu"}) // its Q4 is missing
		},
		func() (File, error) { return Event(root.FS(), today, EventOptions{}) },
		func() (File, error) { return Team(root.FS(), today, TeamOptions{Jurisdiction: "jianhu"}) },
		func() (File, error) {
			return Decision(root.FS(), today, DecisionOptions{Date: time.Date(2019, 12, 20, 0, 0, 0, 0, time.UTC)})
		},
		func() (File, error) { return Nomination(root.FS(), today, NominationOptions{}) },
		func() (File, error) { return Fund(root.FS(), today, FundOptions{}) }, // appended to 12.yaml
		func() (File, error) {
			return Fund(root.FS(), today, FundOptions{Date: time.Date(2019, 12, 30, 0, 0, 0, 0, time.UTC)}) // a new month
		},
	} {
		f, err := plan()
		if err != nil {
			t.Fatal(err)
		}
		if err := Write(root, f); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	// The templates of docs/templates/, copied as staff do in the web editor.
	js, err := Jurisdictions(root.FS())
	if err != nil {
		t.Fatal(err)
	}
	hs, err := Honors(root.FS())
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []struct {
		kind schema.Kind
		path string
	}{
		{schema.Hero, blankHero},
		{schema.Visit, blankVisit},
		{schema.Task, blankTask},
		{schema.Report, blankReport},
		{schema.Event, blankEvent},
		{schema.Team, blankTeam},
		{schema.Decision, blankDecision},
		{schema.Nomination, blankNomination},
		{schema.Fund, blankFund},
	} {
		data, err := Blank(k.kind, js, hs)
		if err != nil {
			t.Fatal(err)
		}
		f := File{Path: k.path, Data: data}
		if err := Write(root, f); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	return files
}

// Where the tests put copies of the blank templates, and the values of
// their ids, names and folders that `roll new` would have filled in.
const (
	blankHero       = "records/heroes/binhai/H-2020-0900.md"
	blankVisit      = "records/visits/2020/V-2020-0900.yaml"
	blankTask       = "records/tasks/2020/90.yaml"
	blankReport     = "records/reports/2020/R-2020-Q3-kaifaqu.yaml" // missing in the sample
	blankEvent      = "records/events/2020/E-2020-0900.yaml"
	blankTeam       = "records/teams/binhai/TM-binhai-90.yaml"
	blankDecision   = "records/decisions/2019/D-2019-90.yaml"
	blankNomination = "records/nominations/2020/N-2020-90.yaml"
	blankFund       = "records/fund/2018/11.yaml"
)

var blankValues = map[string]map[string]string{
	blankHero:       {"id": "H-2020-0900", "name": "欧阳明月", "jurisdiction": "binhai"},
	blankVisit:      {"id": "V-2020-0900"},
	blankTask:       {"id": "T-2020-90", "number": "90"},
	blankReport:     {"id": "R-2020-Q3-kaifaqu", "jurisdiction": "kaifaqu", "period": "2020-Q3", "submitted": "2020-10-09", "task": "T-2020-01"},
	blankEvent:      {"id": "E-2020-0900"},
	blankTeam:       {"id": "TM-binhai-90", "jurisdiction": "binhai"},
	blankDecision:   {"id": "D-2019-90", "date": "2019-12-20"},
	blankNomination: {"id": "N-2020-90"},
	blankFund:       {"id": "F-2018-0900", "date": "2018-11-30"},
}

// findings runs roll check on the repository at dir and returns the
// findings in file.
func findings(t *testing.T, dir, file string) finding.List {
	t.Helper()
	res, err := check.Run(dir, check.Options{Today: sampleDay, Paths: []string{file}})
	if err != nil {
		t.Fatal(err)
	}
	return res.Findings
}

// offset is the number of lines of the file at f.Path in dir before f.Data,
// which was appended to it: 0 for a file written whole.
func offset(t *testing.T, dir string, f File) int {
	t.Helper()
	if !f.Append {
		return 0
	}
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.LastIndex(data, f.Data)
	if i < 0 {
		t.Fatalf("%s does not end with the voucher appended", f.Path)
	}
	return bytes.Count(data[:i], []byte("\n"))
}

// replace writes f's data, filled, where roll new put it: the whole file, or
// its end for a voucher appended.
func replace(t *testing.T, dir string, f File, filled []byte) {
	t.Helper()
	path := filepath.Join(dir, filepath.FromSlash(f.Path))
	if f.Append {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		i := bytes.LastIndex(data, f.Data)
		filled = append(data[:i:i], filled...)
	}
	if err := os.WriteFile(path, filled, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestNewRecordFailsUntilFilled(t *testing.T) {
	dir, root := copyRepo(t)
	for _, f := range newRecords(t, root) {
		want := placeholders(f.Data)
		for i := range want {
			want[i] += offset(t, dir, f)
		}
		if len(want) == 0 {
			t.Errorf("%s has no placeholder to fill", f.Path)
		}
		var got []int
		for _, fd := range findings(t, dir, f.Path) {
			if fd.Severity == finding.Error {
				got = append(got, fd.Pos.Line)
			}
		}
		got = slices.Compact(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: errors on the lines %v, want one on each placeholder line %v\n%s",
				f.Path, got, want, findings(t, dir, f.Path))
		}
	}
}

func TestNewRecordPassesOnceFilled(t *testing.T) {
	dir, root := copyRepo(t)
	first17 := "32092419850314001" // born 1985-03-14, 17th digit odd: male
	values := map[string]string{
		// hero
		"gender":     "male",
		"birth_year": "1985",
		"date":       "2020-09-30",
		"place":      "射阳县合德镇黄沙港",
		"kind":       "rescue",
		"summary":    "跳入河中救起落水儿童",
		"outcome":    "unharmed",
		"id_number":  `"` + first17 + string(idcard.CheckDigit(first17)) + `"`,
		"phone":      `"13800000000"`,
		// visit
		"occasion":     "mid_autumn",
		"jurisdiction": "sheyang",
		"-":            "市见义勇为基金会",
		"hero":         "H-2019-0002",
		// task
		"section": "2",
		"title":   "开展见义勇为宣传月活动",
		"text":    "组织各县（市、区）开展见义勇为宣传月活动。",
		"lead":    "市见义勇为基金会",
		"due":     "2020-12-31",
		"scope":   "city",
		// report
		"submitted": "2021-01-08",
		"by":        "盐城经济技术开发区见义勇为办公室",
		"status":    "in_progress",
		// team
		"members": "12",
		"since":   "2020-05-01",
		// decision
		"doc":    "盐见义〔2019〕30号",
		"issuer": "盐城市见义勇为基金会",
		// fund
		"amount":   `"2000.00"`,
		"category": "condolence",
	}
	// Values that differ by kind. A decision awards a title of 2019 that
	// its hero's honors hold without naming a decision.
	byKind := map[schema.Kind]map[string]string{
		schema.Event:      {"kind": "publicity"},
		schema.Team:       {"kind": "volunteer", "name": "建湖县见义勇为志愿者服务队"},
		schema.Decision:   {"hero": "H-2019-0006", "honor": "city-quarterly"},
		schema.Nomination: {"honor": "province-advanced", "-": "H-2020-0007"},
		schema.Fund:       {"kind": "expense"},
	}
	for _, f := range newRecords(t, root) {
		vals := maps.Clone(values)
		maps.Copy(vals, byKind[records.Kind(f.Path)])
		maps.Copy(vals, blankValues[f.Path])
		filled := fill(t, f.Data, vals)
		if i := bytes.Index(filled, []byte("（"+rules.NarrativePlaceholder)); i >= 0 {
			// Front matter filled, narrative not: one error, at the narrative.
			path := filepath.Join(dir, filepath.FromSlash(f.Path))
			if err := os.WriteFile(path, filled, 0o644); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, fd := range findings(t, dir, f.Path) {
				if fd.Severity == finding.Error {
					got = append(got, fmt.Sprintf("%d:%s", fd.Pos.Line, fd.Rule))
				}
			}
			line := 1 + bytes.Count(filled[:i], []byte("\n"))
			if want := fmt.Sprintf("%d:narrative", line); strings.Join(got, " ") != want {
				t.Errorf("%s with the template's narrative: errors %v, want [%s]", f.Path, got, want)
			}
			filled = append(filled[:i:i], "2020年9月30日，他跳入河中救起落水儿童。\n"...)
		}
		replace(t, dir, f, filled)
	}
	res, err := check.Run(dir, check.Options{Today: sampleDay})
	if err != nil {
		t.Fatal(err)
	}
	var errs []string
	for _, f := range res.Findings {
		if f.Severity == finding.Error {
			errs = append(errs, f.String())
		}
	}
	if len(errs) > 0 {
		t.Errorf("filled records fail the check:\n%s", strings.Join(errs, "\n"))
	}
}
