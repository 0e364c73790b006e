package status

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"

	"github.com/yancheng-jyyw/roll/internal/money"
	"github.com/yancheng-jyyw/roll/internal/schema"
)

// rowsOf returns the rows of the first table of class in the page, per
// section (thead, tbody, tfoot), each row the text of its cells with the
// spaces collapsed.
func rowsOf(t *testing.T, page, class string) map[string][][]string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var table *html.Node
	var find func(*html.Node)
	find = func(n *html.Node) {
		if table != nil {
			return
		}
		if n.Type == html.ElementNode && n.Data == "table" {
			for _, a := range n.Attr {
				if a.Key == "class" && slices.Contains(strings.Fields(a.Val), class) {
					table = n
					return
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c)
		}
	}
	find(doc)
	if table == nil {
		t.Fatalf("no table.%s", class)
	}
	out := map[string][][]string{}
	for sec := table.FirstChild; sec != nil; sec = sec.NextSibling {
		if sec.Type != html.ElementNode {
			continue
		}
		for tr := sec.FirstChild; tr != nil; tr = tr.NextSibling {
			if tr.Type != html.ElementNode || tr.Data != "tr" {
				continue
			}
			var row []string
			for td := tr.FirstChild; td != nil; td = td.NextSibling {
				if td.Type == html.ElementNode {
					row = append(row, strings.Join(strings.Fields(textOf(td)), " "))
				}
			}
			out[sec.Data] = append(out[sec.Data], row)
		}
	}
	return out
}

func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOf(c))
		b.WriteString(" ")
	}
	return b.String()
}

// TestFundPage: the internal fund page of the sample shows its ledger
// added up two ways, by month and by category, each equal to the sums of
// the vouchers taken here one by one from the records (as check's
// TestSampleLedger takes them), the budget's execution, and the visits
// and rewards not yet paid.
func TestFundPage(t *testing.T) {
	res := checkRepo(t, sampleRepo(t))
	out, st := build(t, res, fixedHistory(res))
	page := readPage(t, out, "fund/2020.html")

	byMonth := map[int][2]money.Fen{} // income, spending
	byCategory := map[string]money.Fen{}
	var income, expense money.Fen
	for _, m := range res.Repo.Fund {
		for _, v := range m.Vouchers {
			if v.Withdrawn() {
				continue
			}
			s := byMonth[m.Month]
			if v.Expense() {
				s[1] += v.Amount
				expense += v.Amount
				byCategory[res.Schemas.EnumTitle(schema.Fund, []string{"category"}, v.Category)] += v.Amount
			} else {
				s[0] += v.Amount
				income += v.Amount
			}
			byMonth[m.Month] = s
		}
	}
	var a, b money.Fen
	for _, s := range byMonth {
		a += s[1]
	}
	for _, s := range byCategory {
		b += s
	}
	if a != b || a != expense || expense.String() != "278750.00" || income.String() != "582370.05" {
		t.Fatalf("the sample ledger: spent %s by month, %s by category, %s in all, %s received", a, b, expense, income)
	}

	months := rowsOf(t, page, "months")
	if len(months["tbody"]) != 12 {
		t.Fatalf("%d months", len(months["tbody"]))
	}
	for i, row := range months["tbody"] {
		s := byMonth[i+1]
		want := []string{s[0].Zh(), s[1].Zh(), (s[0] - s[1]).Zh()}
		if !slices.Equal(row[1:4], want) {
			t.Errorf("month %d: %q, want %q", i+1, row[1:4], want)
		}
	}
	if got, want := months["tfoot"][0][1:4], []string{income.Zh(), expense.Zh(), (income - expense).Zh()}; !slices.Equal(got, want) {
		t.Errorf("the year by month: %q, want %q", got, want)
	}

	budget := rowsOf(t, page, "budget")
	for _, row := range budget["tbody"] {
		if want := byCategory[row[0]].Zh(); row[2] != want {
			t.Errorf("%s spent: %q, want %q", row[0], row[2], want)
		}
	}
	if got := budget["tbody"][0]; !slices.Equal(got, []string{"表彰奖励", "300,000.00元", "104,000.00元", "196,000.00元", "34.7%"}) {
		t.Errorf("the awards' budget: %q", got)
	}
	if got, want := budget["tfoot"][0], []string{"合计", "660,000.00元", expense.Zh(), "381,250.00元", "42.2%"}; !slices.Equal(got, want) {
		t.Errorf("the budget's execution: %q, want %q", got, want)
	}

	// Spending by jurisdiction, drawn and tabled: the same total.
	contains(t, "fund/2020.html", page, `<desc id="chart-places-d">各辖区的支出：亭湖区 26,500.00元，`)
	contains(t, "fund/2020.html", page, `<figcaption>2020年各辖区支出：各辖区的支出（合计 `+expense.Zh()+`）</figcaption>`)

	open := rowsOf(t, page, "open")
	var refs []string
	for _, row := range open["tbody"] {
		refs = append(refs, strings.Fields(row[0])[0]+" "+row[1]+" "+row[4]+" "+row[5])
	}
	want := []string{
		"V-2020-0010 徐国华 H-2016-0001 2,000.00元 未支付",
		"V-2020-0012 葛小龙 H-2020-0009 2,000.00元 部分支付",
		"V-2020-0013 沈卫国 H-2016-0002 2,000.00元 未支付",
		"D-2020-06 韦立新 H-2019-0003 10,000.00元 未支付",
		"D-2020-08 秦志伟 H-2019-0009 3,000.00元 未支付",
	}
	if !slices.Equal(refs, want) {
		t.Errorf("not paid:\n%s\nwant\n%s", strings.Join(refs, "\n"), strings.Join(want, "\n"))
	}
	if st.Unpaid != len(want) {
		t.Errorf("Stats.Unpaid = %d, want %d", st.Unpaid, len(want))
	}
	// The overview counts them and the budget's execution.
	index := readPage(t, out, "index.html")
	contains(t, "index.html", index, `<span class="n">42.2%</span>`)
	contains(t, "index.html", index, `href="fund/2020.html#open"><span class="n">5</span>`)
}

// TestDecisionsPage: every decision of the year with its awards and what
// was paid of each reward; every nomination with its 公示 and outcome.
func TestDecisionsPage(t *testing.T) {
	res := checkRepo(t, sampleRepo(t))
	out, _ := build(t, res, fixedHistory(res))
	page := readPage(t, out, "decisions/2020.html")
	for _, d := range res.Repo.Decisions {
		contains(t, "decisions/2020.html", page, `<article class="decision" id="`+d.ID+`"`)
	}
	rows := rowsOf(t, page, "nominations")["tbody"]
	var got []string
	for _, r := range rows {
		got = append(got, r[0]+" "+strings.Fields(r[2])[len(strings.Fields(r[2]))-1]+" "+r[4])
	}
	want := []string{
		"N-2020-01 公示已结束 已获评 D-2020-07",
		"N-2020-02 公示已结束 已获评 D-2020-04",
		"N-2020-03 公示已结束 已获评 D-2020-03",
		"N-2020-04 公示已结束 未获评",
		"N-2020-05 公示中 待评定",
	}
	if !slices.Equal(got, want) {
		t.Errorf("nominations:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The unpaid reward of D-2020-06, and one paid with its voucher.
	contains(t, "decisions/2020.html", page, `<tr class="pay-unpaid"><th scope="row"><a href="../heroes/sheyang/2019-0000.html#H-2019-0003">韦立新</a>`)
	contains(t, "decisions/2020.html", page, `<a href="../fund/2020.html#F-2020-0045">F-2020-0045</a> 2020-10-29 20,000.00元`)
	// A decision without money follows no payment.
	awards := rowsOf(t, page[strings.Index(page, `id="D-2020-03"`):], "awards")["tbody"]
	if len(awards) != 1 || awards[0][3] != "无奖金" || awards[0][4] != "—" {
		t.Errorf("D-2020-03: %q", awards)
	}
}

// TestFundExport: fund/2020.xlsx holds the page's figures as numbers a
// clerk can add up in Excel: the unpaid list row for row, the months and
// the categories each summing to the year's spending, to the fen.
func TestFundExport(t *testing.T) {
	res := checkRepo(t, sampleRepo(t))
	out, _ := build(t, res, fixedHistory(res))
	page := readPage(t, out, "fund/2020.html")
	f := openWorkbook(t, out, "fund/2020.xlsx")
	raw := func(sh, ref string) string {
		t.Helper()
		v, err := f.GetCellValue(sh, ref, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// fen reads a money cell's raw number as fen.
	fen := func(sh, ref string) money.Fen {
		t.Helper()
		r := raw(sh, ref)
		if r == "0" {
			return 0
		}
		v, err := money.Parse(r)
		if err != nil {
			t.Fatalf("%s!%s: %v", sh, ref, err)
		}
		return v
	}

	// The unpaid list, as the page lists it.
	const open = "2020年未付清的慰问金和奖金"
	rows := sheetRows(t, f, open)
	if want := []string{"对应记录", "项目", "日期", "人员编号", "人员", "应付（元）", "已付（元）", "未付（元）", "情况"}; !slices.Equal(rows[0], want) {
		t.Errorf("%s: header %q, want %q", open, rows[0], want)
	}
	onPage := rowsOf(t, page, "open")["tbody"]
	if len(rows)-1 != len(onPage) || len(onPage) != 5 {
		t.Fatalf("%s: %d rows, the page %d", open, len(rows)-1, len(onPage))
	}
	for i, r := range rows[1:] {
		p := onPage[i]
		if got, want := []string{r[0], r[4] + " " + r[3], r[5] + "元", r[6] + "元", r[7] + "元", r[8]},
			[]string{strings.Fields(p[0])[0], p[1], p[2], p[3], p[4], p[5]}; !slices.Equal(got, want) {
			t.Errorf("%s row %d: %q, the page %q", open, i+2, got, want)
		}
	}
	// V-2020-0012: 5,000.00 owed, 3,000.00 paid, 2,000.00 left, as numbers.
	if got := []money.Fen{fen(open, "F3"), fen(open, "G3"), fen(open, "H3")}; !slices.Equal(got, []money.Fen{500000, 300000, 200000}) {
		t.Errorf("V-2020-0012's amounts: %v", got)
	}
	if d := raw(open, "C3"); d != "44102" { // 2020-09-28 as a serial day
		t.Errorf("V-2020-0012's date is held as %q, want 44102", d)
	}

	// The months and the categories: each adds up to the year's spending.
	var year money.Fen
	for _, m := range res.Repo.Fund {
		for _, v := range m.Vouchers {
			if !v.Withdrawn() && v.Expense() {
				year += v.Amount
			}
		}
	}
	for _, tc := range []struct {
		sheet, total string // the sheet and the label of its total row
		col          string
	}{
		{"2020年各月收支", "全年", "C"},
		{"2020年预算执行", "合计", "C"},
	} {
		rows := sheetRows(t, f, tc.sheet)
		var sum money.Fen
		found := false
		for i, r := range rows[1:] {
			ref := tc.col + fmt.Sprint(i+2)
			if r[0] == tc.total {
				if got := fen(tc.sheet, ref); got != year || sum != year {
					t.Errorf("%s: rows sum to %s, the total row says %s, the vouchers %s", tc.sheet, sum, got, year)
				}
				found = true
				break
			}
			if r[2] != "" {
				sum += fen(tc.sheet, ref)
			}
		}
		if !found {
			t.Errorf("%s: no row %s", tc.sheet, tc.total)
		}
	}
}

// TestHeroMoneyOnRecords: each hero's internal record shows what the
// fund paid him, the total that of the vouchers naming him summed here one
// by one; a hero paid nothing shows no total; a reward owed and not paid
// says so on his record.
func TestHeroMoneyOnRecords(t *testing.T) {
	res := checkRepo(t, sampleRepo(t))
	out, _ := build(t, res, fixedHistory(res))
	paid := map[string]money.Fen{}
	for _, m := range res.Repo.Fund {
		for _, v := range m.Vouchers {
			if !v.Withdrawn() && v.Expense() && v.Hero != "" {
				paid[v.Hero] += v.Amount
			}
		}
	}
	shown := map[string]string{} // hero id -> his record's section
	err := filepath.WalkDir(filepath.Join(out, "heroes"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, rec := range strings.Split(string(b), `<article class="record" id="`)[1:] {
			id, _, _ := strings.Cut(rec, `"`)
			shown[id] = rec
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(shown) != len(res.Repo.Heroes) {
		t.Fatalf("%d records shown for %d heroes", len(shown), len(res.Repo.Heroes))
	}
	total := regexp.MustCompile(`已付给本人</th><td class="num">([^<]*)</td>`)
	for id, rec := range shown {
		m := total.FindStringSubmatch(rec)
		switch {
		case paid[id] == 0 && m != nil:
			t.Errorf("%s was paid nothing, and his record shows %s", id, m[1])
		case paid[id] != 0 && (m == nil || m[1] != paid[id].Zh()):
			t.Errorf("%s: his record shows %q paid, the vouchers %s", id, m, paid[id].Zh())
		}
	}
	if len(paid) < 10 {
		t.Errorf("only %d heroes paid in the sample", len(paid))
	}
	contains(t, "H-2019-0003", shown["H-2019-0003"], `：应付 10,000.00元，已付 0.00元 · <span class="pay pay-unpaid">未支付</span>`)
}
