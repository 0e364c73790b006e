package rules

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/model"
)

// TestMemoLedgerEqualsFresh: after each kind of change to what the
// ledger's reconciliation reads (a voucher, a visit, a decision), a check
// with the memo of the check before gives the very findings of a check
// without it, and reconciles again; after a change to anything else it
// takes the ledger's findings from the memo.
func TestMemoLedgerEqualsFresh(t *testing.T) {
	addVoucher := func(v string) func(t *testing.T, root string) {
		return func(t *testing.T, root string) {
			p := filepath.Join(root, "records/fund/2020/12.yaml")
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, append(b, v...), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, root string)
		want   string // in a finding after the change that was not before; "" for none
		gone   string // in a finding before the change that is not after
		passed bool   // the ledger's findings are the memo's
	}{
		{name: "nothing", passed: true},
		{name: "a narrative", change: func(t *testing.T, root string) {
			replaceIn(t, filepath.Join(root, "records/heroes/sheyang/H-2019-0004.md"), "打鱼三十多年", "打鱼四十多年")
		}, passed: true},
		{name: "a payment added", change: addVoucher("- id: F-2020-0060\n  date: 2020-12-31\n  kind: expense\n  category: condolence\n  amount: \"2000.00\"\n  ref: V-2020-0010\n  hero: H-2016-0001\n  note: 补发慰问金\n"),
			gone: "V-2020-0010/H-2016-0001"},
		{name: "an overpayment added", change: addVoucher("- id: F-2020-0060\n  date: 2020-12-31\n  kind: expense\n  category: condolence\n  amount: \"5000.00\"\n  ref: V-2020-0010\n  hero: H-2016-0001\n  note: 补发慰问金\n"),
			want: "more than its 2000.00 yuan"},
		{name: "a visit's amount", change: func(t *testing.T, root string) {
			replaceIn(t, filepath.Join(root, "records/visits/2020/V-2020-0012.yaml"), "amount: 5000", "amount: 3000")
		}, gone: "V-2020-0012/H-2020-0009"},
		{name: "a decision's reward", change: func(t *testing.T, root string) {
			replaceIn(t, filepath.Join(root, "records/decisions/2020/D-2020-08.yaml"), "H-2019-0009\n    honor: city-good-citizen\n    posthumous: false\n    reward: \"3000.00\"", "H-2019-0009\n    honor: city-good-citizen\n    posthumous: false\n    reward: \"4000.00\"")
		}, want: "4000.00 yuan for D-2020-08/H-2019-0009"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := sampleCopy(t)
			code := sha256.Sum256([]byte("roll"))
			repo, schemas := loadRepo(t, root)
			first := NewMemo(code)
			before := findingLines(repo, Options{Today: memoDay, Schemas: schemas, Memo: first})
			if first.ledgerPassed {
				t.Error("an empty memo gave the ledger's findings")
			}
			if tc.change != nil {
				tc.change(t, root)
			}
			repo, schemas = loadRepo(t, root)
			memo := ReadMemo(first.Bytes(), code)
			warm := findingLines(repo, Options{Today: memoDay, Schemas: schemas, Memo: memo})
			cold := findingLines(repo, Options{Today: memoDay, Schemas: schemas})
			if !slices.Equal(warm, cold) {
				t.Errorf("with the memo:\n%s\nwithout:\n%s", strings.Join(warm, "\n"), strings.Join(cold, "\n"))
			}
			if memo.ledgerPassed != tc.passed {
				t.Errorf("the ledger's findings taken from the memo: %v, want %v", memo.ledgerPassed, tc.passed)
			}
			fund := func(l string) bool { return strings.HasSuffix(l, "(fund)") }
			if tc.want != "" && !slices.ContainsFunc(cold, func(l string) bool { return fund(l) && strings.Contains(l, tc.want) && !slices.Contains(before, l) }) {
				t.Errorf("no new finding holds %q:\n%s", tc.want, strings.Join(cold, "\n"))
			}
			if tc.gone != "" && (!slices.ContainsFunc(before, func(l string) bool { return fund(l) && strings.Contains(l, tc.gone) }) ||
				slices.ContainsFunc(cold, func(l string) bool { return fund(l) && strings.Contains(l, tc.gone) })) {
				t.Errorf("the finding of %q did not go:\n%s", tc.gone, strings.Join(cold, "\n"))
			}
			again := ReadMemo(memo.Bytes(), code)
			if next := findingLines(repo, Options{Today: memoDay, Schemas: schemas, Memo: again}); !slices.Equal(next, cold) {
				t.Errorf("with the memo a second time:\n%s\nwithout:\n%s", strings.Join(next, "\n"), strings.Join(cold, "\n"))
			}
			if !again.ledgerPassed {
				t.Error("a check of the same records reconciled the ledger again")
			}
		})
	}
}

// TestLedgerNotFitting: the ledger's findings of a memo that do not fit
// the records (another record at the index named, an index past the
// records, bytes cut or left over) are not reported: the ledger is
// reconciled again.
func TestLedgerNotFitting(t *testing.T) {
	root := sampleCopy(t)
	repo, schemas := loadRepo(t, root)
	code := sha256.Sum256([]byte("roll"))
	first := NewMemo(code)
	Check(repo, Options{Today: memoDay, Schemas: schemas, Memo: first})
	b := first.nextLedger
	found, ok := readLedger(b, repo)
	if !ok || len(found) == 0 {
		t.Fatalf("the ledger's findings read: %d, %v", len(found), ok)
	}
	if again := appendLedger(nil, found, repo); string(again) != string(b) {
		t.Error("the findings read are written as other bytes")
	}
	moved := *repo
	moved.Visits = append(slices.Clone(repo.Visits[1:]), repo.Visits[0])
	none := *repo
	none.Visits, none.Decisions, none.Fund = nil, nil, nil
	for name, tc := range map[string]struct {
		b    []byte
		repo *model.Repo
	}{
		"cut":           {b[:len(b)-1], repo},
		"left over":     {append(slices.Clone(b), 0), repo},
		"other records": {b, &moved},
		"no records":    {b, &none},
	} {
		if _, ok := readLedger(tc.b, tc.repo); ok {
			t.Errorf("%s: read as fitting", name)
		}
	}
}
