package model

import (
	"time"

	"github.com/yancheng-jyyw/roll/internal/money"
)

// FundMonth is one month of the fund's ledger: records/fund/<year>/<MM>.yaml,
// a list of vouchers (收支明细).
type FundMonth struct {
	Year, Month int // from the file's path
	Vouchers    []Voucher
	Src         Source
}

// Voucher is one entry of the ledger: an income or an expense.
type Voucher struct {
	ID           string    `yaml:"id"` // the voucher number, unique across all years
	Date         Date      `yaml:"date"`
	Kind         string    `yaml:"kind"`     // income | expense
	Category     string    `yaml:"category"` // award, condolence, … for expenses; donation, grant, … for income
	Amount       money.Fen `yaml:"amount"`
	Ref          string    `yaml:"ref"`          // optional: the decision, visit or event it pays
	Hero         string    `yaml:"hero"`         // optional: the hero paid
	Jurisdiction string    `yaml:"jurisdiction"` // optional, without a ref: whose it is; city when empty
	Note         string    `yaml:"note"`
	Status       string    `yaml:"status"` // "" (active) | withdrawn
}

// Withdrawn reports whether the voucher was withdrawn; it counts for nothing.
func (v *Voucher) Withdrawn() bool { return v.Status == "withdrawn" }

// Expense reports whether the voucher is money paid out.
func (v *Voucher) Expense() bool { return v.Kind == "expense" }

// Budget is a plan's budget: an amount for each expense category.
type Budget map[string]money.Fen

// InMonth reports whether t lies in the month of the file.
func (m *FundMonth) InMonth(t time.Time) bool {
	return t.Year() == m.Year && int(t.Month()) == m.Month
}
