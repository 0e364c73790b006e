package status

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/yancheng-jyyw/roll/internal/check"
	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/htmlcheck"
	"github.com/yancheng-jyyw/roll/templates"
)

const kaifaqu = "盐城经济技术开发区"

// row is the text of the row of table sel whose heading cell names name.
func row(t *testing.T, p htmlcheck.Page, sel, name string) string {
	t.Helper()
	for _, tr := range p.All(sel + " tr") {
		text := htmlcheck.Text(tr)
		if ths, _ := htmlcheck.Query(tr, "th"); len(ths) > 0 && htmlcheck.Text(ths[0]) == name {
			return text
		}
	}
	t.Fatalf("no row of %q names %s", sel, name)
	return ""
}

// TestBulletin reads the 通报 of the sample: the development zone was 6
// days late in the second quarter and never reported the third, and each
// page shows it so, ranked last, with a document head for print.
func TestBulletin(t *testing.T) {
	out, _ := build(t, checkRepo(t, sampleRepo(t)), nil)
	page := func(name string) htmlcheck.Page { return htmlcheck.Parse(t, name, readPage(t, out, name)) }

	q2 := page("bulletin/2020-Q2.html")
	if got := row(t, q2, "#filings table.filings tbody", kaifaqu); !strings.Contains(got, "迟报 6 天") || !strings.Contains(got, "2020年7月16日") {
		t.Errorf("2020-Q2: the development zone's row = %q, want it late by 6 days, received 2020年7月16日", got)
	}
	q2.HasText("#filings p", "迟报 2 个（"+kaifaqu+" 6 天")

	q3 := page("bulletin/2020-Q3.html")
	q3.HasText(".doc-head h1", "2020年第三季度全市见义勇为工作情况通报")
	q3.HasText(".doc-head .doc-org", "盐城市见义勇为基金会")
	q3.HasText(".doc-head .doc-no", "盐义通〔2020〕", "号")
	q3.One(".doc-head .doc-no .blank") // the number is left to fill in
	q3.HasText(".doc-head .doc-meta", "报送期限 2020年10月10日", "2020年度已于2021年1月15日关闭")
	if n := len(q3.All("main section.part")); n != 4 {
		t.Errorf("2020-Q3 has %d sections that print on pages of their own, want 4", n)
	}
	missing := q3.All("#filings tr.fl-missing")
	if len(missing) != 1 || !strings.Contains(htmlcheck.Text(missing[0]), kaifaqu+" 未报") {
		t.Fatalf("2020-Q3: rows 未报 = %d, want the development zone's alone", len(missing))
	}
	rows := q3.Texts("#filings table.filings tbody tr")
	if len(rows) != 11 || !strings.HasPrefix(rows[10], "11"+kaifaqu) {
		t.Errorf("2020-Q3: %d filing rows, the last %q; want 11, the development zone last", len(rows), rows[len(rows)-1])
	}
	if got := row(t, q3, "#filings table.filings tbody", "阜宁县"); !strings.Contains(got, "迟报 4 天") {
		t.Errorf("2020-Q3: 阜宁县 = %q, want late by 4 days", got)
	}
	q3.HasText("#filings p", "未报 1 个（"+kaifaqu+"）")
	// A county that did not report has no statuses, but says why.
	if got := row(t, q3, "#tasks table.progress tbody", kaifaqu); !strings.Contains(got, "未报") {
		t.Errorf("2020-Q3: the development zone's tasks = %q, want 未报", got)
	}
	if n := len(q3.All("#figures table.figures tbody tr")); n != 11 {
		t.Errorf("2020-Q3: %d rows of figures, want 11", n)
	}
	q3.HasText("#figures tfoot", "市本级", "全市合计")
	// Each report received is summarised, and the filings link to it.
	if href := q3.Attr(`#filings a[href="#R-2020-Q3-funing"]`, "href"); href != "#R-2020-Q3-funing" {
		t.Errorf("2020-Q3: the link to 阜宁县's report = %q", href)
	}
	q3.One("#reports article#R-2020-Q3-funing")
	q3.None("#reports article#R-2020-Q3-kaifaqu")

	year := page("bulletin/2020.html")
	got := row(t, year, "#filings tbody", kaifaqu)
	for _, w := range []string{"迟报 6 天", "未报"} {
		if !strings.Contains(got, w) {
			t.Errorf("2020: the development zone's periods = %q, want %q among them", got, w)
		}
	}
	for _, p := range []string{"2020-Q2", "2020-Q3", "2020-Q4"} {
		year.One(`.periods-list a[href="../bulletin/` + p + `.html"]`)
	}
	// The plan's page leads to the year's 通报, the overview to the latest.
	htmlcheck.Parse(t, "plan", readPage(t, out, "plan/2020.html")).One(`main a[href="../bulletin/2020.html"]`)
	htmlcheck.Parse(t, "index", readPage(t, out, "index.html")).HasText(`a.card[href="bulletin/2020-Q4.html"]`, "第四季度未报")
}

// TestBulletinFollowsReports files the development zone's third-quarter
// report late, after the due date, and sees its 通报 change: no longer
// 未报 but late by the days it took.
func TestBulletinFollowsReports(t *testing.T) {
	dir := sampleRepo(t)
	report := `id: R-2020-Q3-kaifaqu
jurisdiction: kaifaqu
period: 2020-Q3
submitted: 2020-10-23
by: 盐城经济技术开发区见义勇为工作办公室
tasks:
  - {task: T-2020-11, status: done, note: 示例说明。}
`
	if err := os.WriteFile(filepath.Join(dir, "records", "reports", "2020", "R-2020-Q3-kaifaqu.yaml"), []byte(report), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ := build(t, checkRepo(t, dir), nil)
	q3 := htmlcheck.Parse(t, "2020-Q3", readPage(t, out, "bulletin/2020-Q3.html"))
	if got := row(t, q3, "#filings table.filings tbody", kaifaqu); !strings.Contains(got, "迟报 13 天") {
		t.Errorf("the development zone's row = %q, want it late by 13 days", got)
	}
	q3.None("#filings tr.fl-missing")
	q3.One("#reports article#R-2020-Q3-kaifaqu")
	if got := row(t, q3, "#tasks table.progress tbody", kaifaqu); !strings.Contains(got, "已完成") {
		t.Errorf("the development zone's tasks = %q, want task 11 done", got)
	}
}

// TestCountFollowsRecords changes the records a task's figure is counted
// from and sees the task page follow: the figure, its links, and a typed
// figure that disagrees.
func TestCountFollowsRecords(t *testing.T) {
	dir := sampleRepo(t)
	out, _ := build(t, checkRepo(t, dir), nil)
	before := htmlcheck.Parse(t, "before", readPage(t, out, "tasks/T-2020-11.html"))
	before.HasText("#counted h2", "新增示范工作站：2")
	before.One(`#counted a[href="../stations.html#S-jianhu-01"]`)
	before.One(`#counted a[href="../stations.html#S-dongtai-01"]`)

	// The station at Jianhu became a demonstration station a year earlier,
	// so it is no longer new in 2020; the task file types a figure of its own.
	edit := func(rel, old, new string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(rel))
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		s := strings.Replace(string(b), old, new, 1)
		if s == string(b) {
			t.Fatalf("%s: %q not found", rel, old)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit("records/stations/jianhu/S-jianhu-01.yaml", "demonstration_since: 2020-10-30", "demonstration_since: 2019-10-30")
	edit("records/tasks/2020/11.yaml", "measure: new_demonstration_stations", "measure: new_demonstration_stations\n  actual: 3")
	res := checkRepo(t, dir)
	out, _ = build(t, res, nil)
	after := htmlcheck.Parse(t, "after", readPage(t, out, "tasks/T-2020-11.html"))
	after.HasText("#counted h2", "新增示范工作站：1")
	after.None(`#counted a[href="../stations.html#S-jianhu-01"]`)
	after.One(`#counted a[href="../stations.html#S-dongtai-01"]`)
	after.HasText(".facts", "完成 1 / 目标 3", "任务文件中填写的完成数 3 与统计不符")
	warned := false
	for _, f := range res.Findings {
		warned = warned || f.File == "records/tasks/2020/11.yaml" && f.Rule == "measure" && f.Severity == finding.Warning
	}
	if !warned {
		t.Errorf("roll check gives no warning on task 11's typed figure: %v", res.Findings)
	}
}

// overdueFigure is how a page says a task is late.
var overdueFigure = regexp.MustCompile(`逾期\s*(\d+)\s*天`)

// TestYearsLater builds the sample years after its plans: the closed year
// 2020 is measured to the day it was closed, so its pages read as they did
// the week it closed, and the year 2021, ended but never closed, says how
// long ago it ended; no page shows an overdue figure measured to the build
// date.
func TestYearsLater(t *testing.T) {
	later := time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC)
	dir := sampleRepo(t)
	res, err := check.Run(dir, check.Options{Today: later})
	if err != nil {
		t.Fatal(err)
	}
	if n := res.Findings.Errors(); n > 0 {
		t.Fatalf("the sample has %d errors in 2027: %v", n, res.Findings)
	}
	out := filepath.Join(t.TempDir(), "internal")
	if _, err := renderTo(out, res, nil, templates.FS, Options{Today: later}); err != nil {
		t.Fatal(err)
	}
	then, _ := build(t, checkRepo(t, sampleRepo(t)), nil)

	// The longest any task of the sample can be overdue: from the earliest
	// due date, 2020-10-31, to the end of 2021.
	longest := int(time.Date(2021, 12, 31, 0, 0, 0, 0, time.UTC).Sub(time.Date(2020, 10, 31, 0, 0, 0, 0, time.UTC)).Hours() / 24)
	seen := 0
	for name, body := range siteFiles(t, out) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, m := range overdueFigure.FindAllStringSubmatch(body, -1) {
			seen++
			if n, _ := strconv.Atoi(m[1]); n > longest {
				t.Errorf("%s: %q, more than the %d days a task of the sample can be overdue", name, m[0], longest)
			}
		}
	}
	if seen == 0 {
		t.Error("no page shows an overdue task at all")
	}
	for _, name := range []string{"tasks/T-2020-13.html", "tasks/T-2020-01.html"} {
		a, b := overdueFigure.FindAllString(readPage(t, then, name), -1), overdueFigure.FindAllString(readPage(t, out, name), -1)
		if strings.Join(a, ",") != strings.Join(b, ",") {
			t.Errorf("%s: overdue %v in 2027, want %v as on the build date of the sample", name, b, a)
		}
	}
	plan20 := htmlcheck.Parse(t, "plan/2020", readPage(t, out, "plan/2020.html"))
	plan20.HasText("main .closed", "本年度已于2021年1月15日关闭")
	htmlcheck.Parse(t, "index", readPage(t, out, "index.html")).HasText("main .closed", "2020年度已于2021年1月15日关闭")
	plan21 := htmlcheck.Parse(t, "plan/2021", readPage(t, out, "plan/2021.html"))
	ended := int(later.Sub(time.Date(2021, 12, 31, 0, 0, 0, 0, time.UTC)).Hours() / 24)
	plan21.HasText("main .notice", "2021年度已结束 "+strconv.Itoa(ended)+" 天，尚未关闭")
	plan21.None("main .closed")
	htmlcheck.Parse(t, "T-2021-01", readPage(t, out, "tasks/T-2021-01.html")).HasText(".facts", "计至2021年12月31日，本年度已结束 "+strconv.Itoa(ended)+" 天，尚未关闭")
	// The task carried from 2020 into 2021 links both ways.
	htmlcheck.Parse(t, "T-2020-13", readPage(t, out, "tasks/T-2020-13.html")).One(`.facts a[href="../tasks/T-2021-01.html"]`)
	htmlcheck.Parse(t, "T-2021-01", readPage(t, out, "tasks/T-2021-01.html")).One(`.facts a[href="../tasks/T-2020-13.html"]`)
	htmlcheck.Parse(t, "bulletin/2020", readPage(t, out, "bulletin/2020.html")).HasText(".doc-meta", "统计截至 2021年1月15日")
}

// TestBulletinWorkbook opens the 通报's workbooks with excelize: the rows
// of the page, days late as numbers, dates as dates.
func TestBulletinWorkbook(t *testing.T) {
	out, _ := build(t, checkRepo(t, sampleRepo(t)), nil)
	f := openWorkbook(t, out, "bulletin/2020-Q3.xlsx")
	const sh = "2020年第三季度报送情况"
	rows := sheetRows(t, f, sh)
	if want := []string{"名次", "辖区", "情况", "迟报天数", "收到日期", "报送单位"}; len(rows) != 12 || !slices.Equal(rows[0], want) {
		t.Fatalf("%s: %d rows, header %q; want 12, %q", sh, len(rows), rows[0], want)
	}
	if last := rows[11]; len(last) < 3 || last[0] != "11" || last[1] != kaifaqu || last[2] != "未报" {
		t.Errorf("%s: the last row = %q, want the development zone 11th, 未报", sh, last)
	}
	for i, r := range rows {
		if len(r) > 1 && r[1] == "阜宁县" {
			for ref, want := range map[string]struct {
				v   string
				typ excelize.CellType
			}{"C": {"迟报 4 天", excelize.CellTypeInlineString}, "D": {"4", excelize.CellTypeUnset}, "E": {"2020-10-14", excelize.CellTypeUnset}} {
				cell := ref + strconv.Itoa(i+1)
				got, _ := f.GetCellValue(sh, cell)
				typ, _ := f.GetCellType(sh, cell)
				if got != want.v || typ != want.typ {
					t.Errorf("%s!%s = %q of type %v, want %q of type %v", sh, cell, got, typ, want.v, want.typ)
				}
			}
		}
	}
	year := sheetRows(t, openWorkbook(t, out, "bulletin/2020.xlsx"), "2020年各期报送")
	found := false
	for _, r := range year {
		if len(r) > 4 && r[1] == kaifaqu {
			found = true
			if !slices.Contains(r, "迟报 6 天") || !slices.Contains(r, "未报") {
				t.Errorf("2020年各期报送: the development zone = %q, want 迟报 6 天 and 未报", r)
			}
		}
	}
	if !found {
		t.Error("2020年各期报送: no row of the development zone")
	}
}
