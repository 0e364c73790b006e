package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/model"
)

// DecisionOptions describe a new commendation decision.
type DecisionOptions struct {
	Date time.Time // the day of the decision; zero: left to fill, in the year of today
}

// NominationOptions describe a new nomination.
type NominationOptions struct {
	Year int // the year of the nomination's round; 0 means the year of today
}

// FundOptions describe a new voucher of the ledger.
type FundOptions struct {
	Date time.Time // the day of the voucher; zero means today
}

// Decision plans records/decisions/<year>/D-<year>-NN.yaml.
func Decision(fsys fs.FS, today time.Time, o DecisionOptions) (File, error) {
	year, date, err := dated(o.Date, today)
	if err != nil {
		return File{}, err
	}
	n, err := next(fsys, "records/decisions", "D", year)
	if err != nil {
		return File{}, err
	}
	if n > 99 {
		return File{}, problem(finding.Msg("no ids are left for %d", year))
	}
	hs, err := Honors(fsys)
	if err != nil {
		return File{}, err
	}
	id := fmt.Sprintf("D-%d-%02d", year, n)
	data, err := render("decision.yaml.tmpl", decisionData{ID: id, Year: year, Date: date, Honors: hs})
	if err != nil {
		return File{}, err
	}
	return File{Path: fmt.Sprintf("records/decisions/%d/%s.yaml", year, id), Data: data}, nil
}

// Nomination plans records/nominations/<year>/N-<year>-NN.yaml.
func Nomination(fsys fs.FS, today time.Time, o NominationOptions) (File, error) {
	year, err := checkYear(o.Year, today)
	if err != nil {
		return File{}, err
	}
	n, err := next(fsys, "records/nominations", "N", year)
	if err != nil {
		return File{}, err
	}
	if n > 99 {
		return File{}, problem(finding.Msg("no ids are left for %d", year))
	}
	hs, err := Honors(fsys)
	if err != nil {
		return File{}, err
	}
	id := fmt.Sprintf("N-%d-%02d", year, n)
	data, err := render("nomination.yaml.tmpl", nominationData{ID: id, Year: year, Honors: hs})
	if err != nil {
		return File{}, err
	}
	return File{Path: fmt.Sprintf("records/nominations/%d/%s.yaml", year, id), Data: data}, nil
}

// Fund plans a voucher with the next number of its year at the end of its
// month of the ledger, records/fund/<year>/<MM>.yaml: appended when the
// month has a file already, a new file otherwise.
func Fund(fsys fs.FS, today time.Time, o FundOptions) (File, error) {
	day := o.Date
	if day.IsZero() {
		day = today
	}
	if day.After(today) {
		return File{}, problem(finding.Msg("the date %s is after today, %s", day.Format(time.DateOnly), today.Format(time.DateOnly)))
	}
	n, err := next(fsys, "records/fund", "F", day.Year())
	if err != nil {
		return File{}, err
	}
	p := fmt.Sprintf("records/fund/%d/%02d.yaml", day.Year(), int(day.Month()))
	old, err := fs.ReadFile(fsys, p)
	exists := err == nil
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return File{}, err
	}
	data, err := render("fund.yaml.tmpl", fundData{
		ID: fmt.Sprintf("F-%d-%04d", day.Year(), n), Year: day.Year(), Month: int(day.Month()),
		Date: day.Format(time.DateOnly), Header: !exists,
	})
	if err != nil {
		return File{}, err
	}
	if exists && len(old) > 0 && old[len(old)-1] != '\n' {
		data = append([]byte("\n"), data...)
	}
	return File{Path: p, Data: data, Append: exists}, nil
}

// Honors reads records/catalog/honors.yaml of fsys.
func Honors(fsys fs.FS) ([]model.Honor, error) {
	data, err := fs.ReadFile(fsys, "records/catalog/honors.yaml")
	if err != nil {
		return nil, problem(finding.Msg("cannot read the catalog of honors: %s", err.Error()))
	}
	var hs []model.Honor
	if err := yaml.Unmarshal(data, &hs); err != nil {
		return nil, problem(finding.Msg("cannot read the catalog of honors: %s", err.Error()))
	}
	return hs, nil
}

// Template data of money.go's kinds; zero values render as placeholders.
type decisionData struct {
	ID     string
	Year   int
	Date   string
	Honors []model.Honor
}

type nominationData struct {
	ID     string
	Year   int
	Honors []model.Honor
}

type fundData struct {
	ID          string
	Year, Month int
	Date        string
	Header      bool // the file is new: start it with the schema's line
}
