package status

import (
	"bytes"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/yancheng-jyyw/roll/internal/care"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/sheet"
	"github.com/yancheng-jyyw/roll/internal/site"
	"github.com/yancheng-jyyw/roll/templates"
)

// openWorkbook opens a workbook of the site at out with excelize.
func openWorkbook(t *testing.T, out, name string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(strings.NewReader(readPage(t, out, name)))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// sheetRows returns the rows of a sheet as it shows them (formatted).
func sheetRows(t *testing.T, f *excelize.File, sh string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sh)
	if err != nil {
		t.Fatalf("sheet %s: %v", sh, err)
	}
	return rows
}

// exports are the workbooks of the sample site and their pages.
var exports = []struct {
	file, page string
	sheets     []string
}{
	{"heroes.xlsx", "heroes.html", []string{"人员名录"}},
	{"insurance.xlsx", "insurance.html", []string{"2020年综合保险缺口"}},
	{"pending.xlsx", "pending.html", []string{"待确认人员"}},
	{"stations.xlsx", "stations.html", []string{"基层工作站"}},
	{"care/2020.xlsx", "care/2020.html", []string{"2020年重点家庭节日走访", "2020年慰问汇总", "2020年走访记录"}},
	{"bulletin/2020-Q2.xlsx", "bulletin/2020-Q2.html", quarter("2020年第二季度")},
	{"bulletin/2020-Q3.xlsx", "bulletin/2020-Q3.html", quarter("2020年第三季度")},
	{"bulletin/2020-Q4.xlsx", "bulletin/2020-Q4.html", quarter("2020年第四季度")},
	{"bulletin/2020.xlsx", "bulletin/2020.html", []string{"2020年各期报送", "2020年任务进展", "2020年工作量统计"}},
	{"bulletin/2021.xlsx", "bulletin/2021.html", []string{"2021年各期报送", "2021年任务进展", "2021年工作量统计"}},
	{"events/2020.xlsx", "events/2020.html", []string{"2020年活动", "2020年活动：按类别", "2020年活动：按辖区"}},
	{"teams.xlsx", "teams.html", []string{"队伍", "在册队伍：按类别", "在册队伍：按辖区"}},
	{"fund/2020.xlsx", "fund/2020.html", []string{"2020年预算执行", "2020年各月收支", "2020年各辖区支出", "2020年未付清的慰问金和奖金", "2020年收支明细"}},
	{"decisions/2020.xlsx", "decisions/2020.html", []string{"2020年表彰决定及奖金", "2020年推荐上报"}},
}

// quarter names the sheets of a period's 通报.
func quarter(name string) []string {
	return []string{name + "报送情况", name + "任务进展", name + "工作量统计", name + "报送摘要"}
}

// TestExports reads back every workbook of the sample site: each is
// linked from its page as 导出 Excel, and has its sheets, headers and
// frozen header row.
func TestExports(t *testing.T) {
	res := checkRepo(t, sampleRepo(t))
	out, _ := build(t, res, fixedHistory(res))
	files := siteFiles(t, out)
	var want []string
	for _, e := range exports {
		want = append(want, e.file)
	}
	for name := range files {
		if strings.HasPrefix(name, "care/") && strings.HasSuffix(name, ".html") {
			if x := strings.TrimSuffix(name, ".html") + ".xlsx"; !slices.Contains(want, x) {
				want = append(want, x) // every year's care page has its workbook
			}
		}
	}
	var got []string
	for name := range files {
		if strings.HasSuffix(name, ".xlsx") {
			got = append(got, name)
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("workbooks %q, want %q", got, want)
	}

	for _, e := range exports {
		link := fmt.Sprintf(`<a href="%s" download>导出 Excel</a>`, path.Base(e.file))
		contains(t, e.page, files[e.page], link)
		f := openWorkbook(t, out, e.file)
		if got := f.GetSheetList(); !slices.Equal(got, e.sheets) {
			t.Errorf("%s: sheets %q, want %q", e.file, got, e.sheets)
		}
		for _, sh := range e.sheets {
			p, err := f.GetPanes(sh)
			if err != nil || !p.Freeze || p.YSplit != 1 {
				t.Errorf("%s, %s: header row not frozen: %+v %v", e.file, sh, p, err)
			}
		}
	}
	// No other page offers a workbook.
	for name, body := range files {
		if strings.HasSuffix(name, ".html") && strings.Contains(body, "导出 Excel") {
			if x := strings.TrimSuffix(name, ".html") + ".xlsx"; !slices.Contains(want, x) {
				t.Errorf("%s links to a workbook", name)
			}
		}
	}
}

// TestExportCells checks the cells of each list against the sample records.
func TestExportCells(t *testing.T) {
	res := checkRepo(t, sampleRepo(t))
	out, st := build(t, res, fixedHistory(res))

	header := func(f *excelize.File, sh string, want ...string) {
		t.Helper()
		if rows := sheetRows(t, f, sh); len(rows) == 0 || !slices.Equal(rows[0], want) {
			t.Errorf("%s: header %q, want %q", sh, rows[0], want)
		}
	}
	cell := func(f *excelize.File, sh, ref, want string, typ excelize.CellType) {
		t.Helper()
		got, err := f.GetCellValue(sh, ref)
		gotType, _ := f.GetCellType(sh, ref)
		if err != nil || got != want || gotType != typ {
			t.Errorf("%s!%s = %q of type %v (%v), want %q of type %v", sh, ref, got, gotType, err, want, typ)
		}
	}
	const text, number = excelize.CellTypeInlineString, excelize.CellTypeUnset

	// The roster: every hero, in the page's order.
	f := openWorkbook(t, out, "heroes.xlsx")
	header(f, "人员名录", "编号", "姓名", "辖区", "状态", "事迹日期", "本人结果", "重点家庭", "最后修改", "修改人")
	if rows := sheetRows(t, f, "人员名录"); len(rows)-1 != len(res.Repo.Heroes) {
		t.Errorf("the roster has %d rows for %d heroes", len(rows)-1, len(res.Repo.Heroes))
	}
	page := readPage(t, out, "heroes.html")
	if a2, _ := f.GetCellValue("人员名录", "A2"); !strings.Contains(page, "<tr><td>"+a2+"</td>") ||
		strings.Index(page, "<tr><td>") != strings.Index(page, "<tr><td>"+a2) {
		t.Errorf("the roster's first hero %s is not the page's", a2)
	}

	// Insurance gaps: the three honorees roll check warns about.
	f = openWorkbook(t, out, "insurance.xlsx")
	header(f, "2020年综合保险缺口", "编号", "姓名", "辖区", "所获称号", "已投保年度", "最后修改", "修改人")
	rows := sheetRows(t, f, "2020年综合保险缺口")
	var ids []string
	for _, r := range rows[1:] {
		ids = append(ids, r[0])
	}
	if want := []string{"H-2017-0002", "H-2019-0003", "H-2019-0006"}; !slices.Equal(ids, want) || st.Uninsured != len(ids) {
		t.Errorf("insurance gaps %q, want %q", ids, want)
	}
	cell(f, "2020年综合保险缺口", "F2", "2020-11-30", number) // the commit of fixedHistory, a date

	// Pending: the longest wait first, days as a number, dates as dates.
	f = openWorkbook(t, out, "pending.xlsx")
	header(f, "待确认人员", "编号", "姓名", "辖区", "事迹日期", "事迹", "已等待（天）", "最后修改", "修改人")
	if rows := sheetRows(t, f, "待确认人员"); len(rows)-1 != st.Pending {
		t.Errorf("pending has %d rows, want %d", len(rows)-1, st.Pending)
	}
	row := findRow(t, f, "待确认人员", "H-2020-0012")
	cell(f, "待确认人员", "D"+row, "2020-09-14", number)
	cell(f, "待确认人员", "F"+row, "128", number) // as the page: 128 天
	cell(f, "待确认人员", "H"+row, "王芳", text)
	if raw, _ := f.GetCellValue("待确认人员", "D"+row, excelize.Options{RawCellValue: true}); raw != "44088" {
		t.Errorf("2020-09-14 is held as %q, want the serial day 44088", raw)
	}

	// Stations.
	f = openWorkbook(t, out, "stations.xlsx")
	header(f, "基层工作站", "编号", "工作站", "辖区", "示范", "建站日期", "最新评分", "评分年度", "历年评分", "最后修改", "修改人")
	row = findRow(t, f, "基层工作站", "S-sheyang-01")
	cell(f, "基层工作站", "D"+row, "示范", text)

	// Care: a row per priority family; the missed festival visits are those
	// the page counts; amounts are money with two decimals.
	f = openWorkbook(t, out, "care/2020.xlsx")
	header(f, "2020年重点家庭节日走访", "编号", "姓名", "辖区", "情况",
		"春节", "春节走访日期", "春节慰问金（元）", "春节物品", "春节走访单位",
		"中秋", "中秋走访日期", "中秋慰问金（元）", "中秋物品", "中秋走访单位")
	missed := 0
	for _, r := range sheetRows(t, f, "2020年重点家庭节日走访")[1:] {
		for _, c := range r {
			if c == "尚未走访" {
				missed++
			}
		}
	}
	if missed != st.NotVisited {
		t.Errorf("%d missed visits in the workbook, the page counts %d", missed, st.NotVisited)
	}
	row = findRow(t, f, "2020年重点家庭节日走访", "H-2018-0002") // 钱佳怡: missed at Spring Festival
	cell(f, "2020年重点家庭节日走访", "E"+row, "尚未走访", text)
	cell(f, "2020年重点家庭节日走访", "J"+row, "已走访", text)
	cell(f, "2020年重点家庭节日走访", "K"+row, "2020-09-28", number)
	row = findRow(t, f, "2020年重点家庭节日走访", "H-2020-0009") // deed after Spring Festival
	cell(f, "2020年重点家庭节日走访", "E"+row, "事迹在节后", text)

	rows = sheetRows(t, f, "2020年慰问汇总")
	last := rows[len(rows)-1]
	if last[0] != "合计" || last[len(last)-1] != "49,400.00" {
		t.Errorf("the totals' last row is %q, want 合计 … 49,400.00", last)
	}
	ref, _ := excelize.CoordinatesToCellName(len(last), len(rows))
	cell(f, "2020年慰问汇总", ref, "49,400.00", number)
	if raw, _ := f.GetCellValue("2020年慰问汇总", ref, excelize.Options{RawCellValue: true}); raw != "49400" {
		t.Errorf("the total is held as %q, want 49400", raw)
	}
	header(f, "2020年走访记录", "编号", "日期", "项目", "辖区", "走访单位", "对象", "金额（元）", "最后修改", "修改人")
}

// findRow returns the number of the row whose first cell is id.
func findRow(t *testing.T, f *excelize.File, sh, id string) string {
	t.Helper()
	for i, r := range sheetRows(t, f, sh) {
		if len(r) > 0 && r[0] == id {
			return fmt.Sprint(i + 1)
		}
	}
	t.Fatalf("%s: no row for %s", sh, id)
	return ""
}

// TestExportsShowThePage: every text and date cell of a workbook is shown
// on its page, as the page shows it: the export holds what the page holds.
func TestExportsShowThePage(t *testing.T) {
	res := checkRepo(t, sampleRepo(t))
	out, _ := build(t, res, fixedHistory(res))
	for _, e := range exports {
		// The page's text, without its tags (links inside a list of names).
		page := html.UnescapeString(tags.ReplaceAllString(readPage(t, out, e.page), ""))
		f := openWorkbook(t, out, e.file)
		n := 0
		for _, sh := range e.sheets {
			for i, r := range sheetRows(t, f, sh) {
				if i == 0 {
					continue
				}
				for j, v := range r {
					ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
					typ, _ := f.GetCellType(sh, ref)
					style, _ := f.GetCellStyle(sh, ref)
					isDate := false
					if st, err := f.GetStyle(style); err == nil && st.CustomNumFmt != nil {
						isDate = *st.CustomNumFmt == "yyyy-mm-dd"
					}
					if v == "" || (typ != excelize.CellTypeInlineString && !isDate) {
						continue
					}
					n++
					if !strings.Contains(page, v) && !(isDate && strings.Contains(page, zhDay(v))) {
						t.Errorf("%s!%s = %q is not on %s", sh, ref, v, e.page)
					}
				}
			}
		}
		if n == 0 && e.file != "insurance.xlsx" {
			t.Errorf("%s: no text or date cell", e.file)
		}
	}
}

var tags = regexp.MustCompile(`<[^>]*>`)

// zhDay writes 2020-09-28 as the care page writes it, 2020年9月28日.
func zhDay(d string) string {
	var y, m, day int
	if _, err := fmt.Sscanf(d, "%d-%d-%d", &y, &m, &day); err != nil {
		return d
	}
	return fmt.Sprintf("%d年%d月%d日", y, m, day)
}

// TestExportsPrivate reads every cell of every workbook: no hero's ID
// number, phone, address or next of kin is there, in full or in part.
func TestExportsPrivate(t *testing.T) {
	res := checkRepo(t, sampleRepo(t))
	out, _ := build(t, res, fixedHistory(res))
	var all strings.Builder
	for name := range siteFiles(t, out) {
		if !strings.HasSuffix(name, ".xlsx") {
			continue
		}
		f := openWorkbook(t, out, name)
		for _, sh := range f.GetSheetList() {
			for _, r := range sheetRows(t, f, sh) {
				all.WriteString(strings.Join(r, "\t") + "\n")
			}
		}
	}
	cells := all.String()
	n := 0
	for _, h := range res.Repo.Heroes {
		p := h.Private
		for _, s := range []string{p.IDNumber, p.Phone, p.Address, p.NextOfKin} {
			if s == "" {
				continue
			}
			n++
			if strings.Contains(cells, s) {
				t.Errorf("a workbook holds %s's private value %q", h.ID, s)
			}
		}
		for _, s := range phoneLike.FindAllString(p.NextOfKin+" "+p.Address, -1) {
			if strings.Contains(cells, s) {
				t.Errorf("a workbook holds %s's phone %s", h.ID, s)
			}
		}
	}
	if n < 2*len(res.Repo.Heroes) {
		t.Fatalf("only %d private values to look for: is the fixture missing them?", n)
	}
	if phoneLike.MatchString(cells) {
		t.Errorf("a workbook holds a phone number: %q", phoneLike.FindString(cells))
	}
}

// TestExportsInjection gives heroes names and deeds that a spreadsheet
// would run as formulas, and reads them back as plain strings.
func TestExportsInjection(t *testing.T) {
	res := checkRepo(t, sampleRepo(t))
	payloads := map[string][2]string{} // hero id -> name, summary
	i := 0
	for j := range res.Repo.Heroes {
		h := &res.Repo.Heroes[j]
		if h.Status != "pending" {
			continue
		}
		h.Name = injections[i%len(injections)]
		h.Deed.Summary = injections[(i+1)%len(injections)]
		payloads[h.ID] = [2]string{h.Name, h.Deed.Summary}
		i++
	}
	if len(payloads) < 3 {
		t.Fatalf("only %d pending heroes in the sample", len(payloads))
	}
	out, _ := build(t, res, fixedHistory(res))
	for _, file := range []string{"pending.xlsx", "heroes.xlsx"} {
		f := openWorkbook(t, out, file)
		sh := f.GetSheetList()[0]
		for id, p := range payloads {
			row := findRow(t, f, sh, id)
			refs := []string{"B" + row}
			want := []string{p[0]}
			if file == "pending.xlsx" {
				refs, want = append(refs, "E"+row), append(want, p[1])
			}
			for k, ref := range refs {
				typ, _ := f.GetCellType(sh, ref)
				formula, _ := f.GetCellFormula(sh, ref)
				raw, _ := f.GetCellValue(sh, ref, excelize.Options{RawCellValue: true})
				if typ != excelize.CellTypeInlineString || formula != "" || raw != want[k] {
					t.Errorf("%s!%s: type %v, formula %q, value %q; want a string %q and no formula",
						file, ref, typ, formula, raw, want[k])
				}
			}
		}
	}
}

// injections begin as formulas, DDE links and commands do.
var injections = []string{
	"=HYPERLINK(\"http://example.invalid/\",\"张三\")",
	"+cmd|' /C calc'!A0",
	"-2+3+cmd|' /C calc'!A0",
	"@SUM(1+1)*cmd|' /C calc'!A0",
	"\t=1+1",
	"\r=1+1",
	"=DDE(\"cmd\";\"/C calc\";\"A1\")",
}

// TestExportsDeterministic builds twice and finds the same bytes in every
// workbook.
func TestExportsDeterministic(t *testing.T) {
	res := checkRepo(t, sampleRepo(t))
	a, _ := build(t, res, fixedHistory(res))
	b, _ := build(t, res, fixedHistory(res))
	fa, fb := siteFiles(t, a), siteFiles(t, b)
	n := 0
	for name, x := range fa {
		if strings.HasSuffix(name, ".xlsx") {
			n++
			if !bytes.Equal([]byte(x), []byte(fb[name])) {
				t.Errorf("%s differs between two builds", name)
			}
		}
	}
	if n < len(exports) {
		t.Errorf("%d workbooks, want at least %d", n, len(exports))
	}
}

// TestWorkbookTables checks that each list's tables are valid for their
// columns on the sample, empty lists included.
func TestWorkbookTables(t *testing.T) {
	res := checkRepo(t, sampleRepo(t))
	s, err := newSite(Input{Repo: res.Repo, Schemas: res.Schemas}, buildDay)
	if err != nil {
		t.Fatal(err)
	}
	cares, err := care.Years(s.careInput())
	if err != nil {
		t.Fatal(err)
	}
	empty := &Attention{}
	for _, wb := range append(listWorkbooks(s, cares),
		summed("x.xlsx", pendingTables(empty)),
		summed("y.xlsx", insuranceTables(empty, 2020)),
		summed("z.xlsx", stationTables(empty)),
	) {
		if _, err := sheet.Encode(wb.tables()...); err != nil {
			t.Errorf("%s: %v", wb.file, err)
		}
	}
}

// listWorkbooks are the workbooks of the lists and the care years, as
// the site makes them.
func listWorkbooks(s *statusSite, cares []*care.Care) []workbook {
	att := s.attention(s.heroLists())
	out := []workbook{
		summed("heroes.xlsx", rosterTables(s.roster.List())),
		summed("insurance.xlsx", insuranceTables(att, s.year)),
		summed("pending.xlsx", pendingTables(att)),
		summed("stations.xlsx", stationTables(att)),
	}
	for _, c := range cares {
		out = append(out, summed(careExport(c.Year), careTables(c)))
	}
	return out
}

// encodings is a target that records the workbooks given to it: those
// encoded, since a workbook kept from the previous build is not.
type encodings struct {
	*site.MemoryBuild
	mu    sync.Mutex
	files []string
}

func (e *encodings) Put(path string, data []byte, key site.Key) error {
	if strings.HasSuffix(path, ".xlsx") {
		e.mu.Lock()
		e.files = append(e.files, path)
		e.mu.Unlock()
	}
	return e.MemoryBuild.Put(path, data, key)
}

// TestWorkbookReuse: a rebuild over the previous site encodes no workbook
// when the tables are the same, and only the changed ones otherwise.
func TestWorkbookReuse(t *testing.T) {
	res := checkRepo(t, sampleRepo(t))
	hist := fixedHistory(res)
	opts := Options{Today: buildDay, Inputs: site.NewInputs("test").String("code").Done()}
	render := func(prev *site.Memory) (*site.Memory, []string) {
		t.Helper()
		s, _, err := Site(Input{Repo: res.Repo, Schemas: res.Schemas, Findings: res.Findings, History: hist}, templates.FS, opts)
		if err != nil {
			t.Fatal(err)
		}
		e := &encodings{MemoryBuild: prev.Next()}
		if _, err := site.Render(e, s, site.Options{}); err != nil {
			t.Fatal(err)
		}
		slices.Sort(e.files)
		return e.Done(), e.files
	}
	first, encoded := render(nil)
	if len(encoded) < len(exports) {
		t.Fatalf("first build: %q encoded, want every workbook, at least %d", encoded, len(exports))
	}
	second, encoded := render(first)
	if len(encoded) != 0 || !slices.Equal(second.Paths(), first.Paths()) {
		t.Errorf("a rebuild encoded %q, want none", encoded)
	}
	// A station gets a new score (its file, and so the hash of its
	// bytes, changes): only its list changes.
	st := &res.Repo.Stations[0]
	st.Assessments = append(slices.Clone(st.Assessments), model.Assessment{Year: 2020, Score: 61})
	st.Src.Sum[0]++
	third, encoded := render(second)
	if want := []string{"stations.xlsx"}; !slices.Equal(encoded, want) {
		t.Errorf("after a new score %q were encoded, want %q", encoded, want)
	}
	// A day later the pending confirmations have waited a day longer. The
	// internal site's pages all name the build date, so every file is made
	// again, but only that list's bytes change.
	opts.Today = buildDay.AddDate(0, 0, 1)
	fourth, _ := render(third)
	var changed []string
	for _, name := range fourth.Paths() {
		a, _ := third.File(name)
		b, _ := fourth.File(name)
		if strings.HasSuffix(name, ".xlsx") && !bytes.Equal(a, b) {
			changed = append(changed, name)
		}
	}
	if !slices.Equal(changed, []string{"pending.xlsx"}) {
		t.Errorf("a day later %q changed, want pending.xlsx alone", changed)
	}
	b, _ := fourth.File("pending.xlsx")
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue("待确认人员", "F"+findRow(t, f, "待确认人员", "H-2020-0012")); v != "129" {
		t.Errorf("H-2020-0012 has waited %s days, want 129", v)
	}
}

// TestExportsInjectionFromFiles writes a formula into a voucher's note and
// an event's title, as a pull request could, and opens every workbook of
// the internal site: none holds a formula, and each payload that reaches
// a workbook is a text cell.
func TestExportsInjectionFromFiles(t *testing.T) {
	dir := sampleRepo(t)
	const note = `=HYPERLINK("http://example.invalid/","凭证")`
	const title = `+cmd|' /C calc'!A0`
	for file, edit := range map[string][2]string{
		"records/fund/2020/01.yaml":            {"note: 医院慰问金", "note: '" + note + "'"},
		"records/events/2020/E-2020-0001.yaml": {"title: 射阳县见义勇为基金会与射阳县蓝天救援队签订合作协议", "title: \"" + title + "\""},
	} {
		p := filepath.Join(dir, filepath.FromSlash(file))
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(edit[0])) {
			t.Fatalf("%s has no %q", file, edit[0])
		}
		if err := os.WriteFile(p, bytes.Replace(b, []byte(edit[0]), []byte(edit[1]), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res := checkRepo(t, dir)
	out, _ := build(t, res, fixedHistory(res))
	found := map[string]bool{}
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".xlsx") {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		f := openWorkbook(t, out, filepath.ToSlash(rel))
		for _, sh := range f.GetSheetList() {
			for r, row := range sheetRows(t, f, sh) {
				for c, v := range row {
					ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
					if formula, _ := f.GetCellFormula(sh, ref); formula != "" {
						t.Errorf("%s %s!%s holds the formula %q", rel, sh, ref, formula)
					}
					if v == note || v == title {
						found[v] = true
						if typ, _ := f.GetCellType(sh, ref); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
							t.Errorf("%s %s!%s: %q is a cell of type %v, not text", rel, sh, ref, v, typ)
						}
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !found[note] {
		t.Errorf("the voucher's note %q reached no workbook", note)
	}
}
