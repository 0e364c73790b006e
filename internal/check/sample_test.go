package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/yancheng-jyyw/roll/internal/l10n"
	"github.com/yancheng-jyyw/roll/internal/money"
)

// sampleDay is the build date of the repository's sample records (the
// Makefile's TODAY).
var sampleDay = time.Date(2021, 1, 20, 0, 0, 0, 0, time.UTC)

// checkSample checks a copy of the repository's own records and schemas.
func checkSample(t *testing.T) *Result {
	t.Helper()
	dir := t.TempDir()
	for _, sub := range []string{"records", "schemas"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join("..", "..", sub))); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Run(dir, Options{Today: sampleDay})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestSampleRecords: the sample passes on its build date, and shows the gaps
// it is meant to show: a report late and one never received, rewards and
// visits not paid, a nomination inside its 公示.
func TestSampleRecords(t *testing.T) {
	res := checkSample(t)
	if n := res.Findings.Errors(); n > 0 {
		t.Fatalf("the sample records have %d errors:\n%s", n, lines(res.Findings, l10n.English))
	}
	text := lines(res.Findings, l10n.English)
	for _, want := range []string{
		"records/reports/2020/R-2020-Q4-binhai.yaml:5:12: warning: the report of 2020-Q4 came 3 days late",
		"warning: no report of 2020-Q3 from kaifaqu (盐城经济技术开发区) came",
		"warning: no report of 2020-Q4 from xiangshui (响水县) came",
		"records/decisions/2020/D-2020-06.yaml:23:13: warning: 10000.00 yuan for D-2020-06/H-2019-0003 is unpaid",
		"records/visits/2020/V-2020-0012.yaml:9:13: warning: 5000.00 yuan for V-2020-0012/H-2020-0009 is paid only in part: 3000.00 yuan so far",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the findings lack %q:\n%s", want, text)
		}
	}
	open := 0
	for _, n := range res.Repo.Nominations {
		if n.Notice.Open(sampleDay) {
			open++
			if n.ID != "N-2020-05" {
				t.Errorf("%s is in its notice on %s, want only N-2020-05", n.ID, sampleDay.Format(time.DateOnly))
			}
		}
	}
	if open != 1 {
		t.Errorf("%d nominations in their notice on the build date, want 1", open)
	}
	// Every 2020 honor names its decision.
	for _, h := range res.Repo.Heroes {
		for _, a := range h.Honors {
			if a.Year == 2020 && a.Decision == "" {
				t.Errorf("%s: the 2020 honor %s names no decision", h.ID, a.Honor)
			}
		}
	}
	if w := res.Findings.Warnings(); w != 18 {
		t.Errorf("%d warnings, want the 18 the README lists", w)
	}
}

// TestSampleLedger sums the sample ledger two ways, by month and by
// category, and gets the same fen; income less spending is the balance
// both ways too.
func TestSampleLedger(t *testing.T) {
	res := checkSample(t)
	byMonth := map[int]money.Fen{}
	byCategory := map[string]money.Fen{}
	var income, expense money.Fen
	n := 0
	for _, m := range res.Repo.Fund {
		for _, v := range m.Vouchers {
			if v.Withdrawn() {
				continue
			}
			n++
			signed := v.Amount
			if v.Expense() {
				signed = -signed
				expense += v.Amount
			} else {
				income += v.Amount
			}
			byMonth[m.Month] += signed
			byCategory[v.Kind+"/"+v.Category] += signed
		}
	}
	if len(byMonth) != 12 {
		t.Errorf("the ledger has %d months, want 12", len(byMonth))
	}
	var a, b money.Fen
	for _, s := range byMonth {
		a += s
	}
	for _, s := range byCategory {
		b += s
	}
	if a != b || a != income-expense {
		t.Errorf("balance by month %s, by category %s, income less spending %s: want one figure", a, b, income-expense)
	}
	// The totals, added up from the files with Python's decimal module.
	if income.String() != "582370.05" || expense.String() != "278750.00" || n != 59 {
		t.Errorf("the sample ledger: %s income, %s spent, %d vouchers; want 582370.05, 278750.00, 59", income, expense, n)
	}
}
