package bulletin

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/yancheng-jyyw/roll/internal/model"
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// repo is a year of four counties reporting on two tasks each quarter:
// in the third quarter two came on the same day, one came late and one
// never came.
func repo() *model.Repo {
	report := func(jur, per, sub string, done int) model.Report {
		r := model.Report{ID: "R-" + per + "-" + jur, Jurisdiction: jur, Period: model.Period(per), Submitted: model.Date(sub), By: jur}
		for i, task := range []string{"T-2020-01", "T-2020-02"} {
			st := "in_progress"
			if i < done {
				st = "done"
			}
			r.Tasks = append(r.Tasks, model.TaskStatus{Task: task, Status: st})
		}
		return r
	}
	return &model.Repo{
		Jurisdictions: []model.Jurisdiction{
			{ID: "city", Name: "市本级", Kind: "city"},
			{ID: "a", Name: "甲县", Kind: "county"}, {ID: "b", Name: "乙县", Kind: "county"},
			{ID: "c", Name: "丙县", Kind: "county"}, {ID: "d", Name: "丁县", Kind: "county"},
		},
		Plans: []model.Plan{{Year: 2020, Doc: "盐义通〔2020〕4号", Issued: "2020-05-20",
			Reporting: &model.Reporting{Period: "quarter", DueDays: 10}, Closed: "2021-01-15"}},
		Tasks: []model.Task{
			{ID: "T-2020-01", Number: 1, Title: "一", Scope: "each_jurisdiction"},
			{ID: "T-2020-02", Number: 2, Title: "二", Scope: "each_jurisdiction"},
			{ID: "T-2020-03", Number: 3, Title: "三", Scope: "city"},
		},
		Reports: []model.Report{
			report("a", "2020-Q3", "2020-10-09", 1),
			report("b", "2020-Q3", "2020-10-09", 2),
			report("c", "2020-Q3", "2020-10-14", 0),
			report("b", "2020-Q4", "2021-01-08", 2),
			report("d", "2020-Q4", "2021-01-20", 2), // after the year was closed: 未报
		},
		Events: []model.Event{
			{ID: "E-2020-0001", Date: "2020-08-01", Kind: "publicity", Jurisdiction: "c", Participants: 300},
			{ID: "E-2020-0002", Date: "2020-09-01", Kind: "training", Jurisdiction: "city", Participants: 40},
			{ID: "E-2020-0003", Date: "2020-11-01", Kind: "training", Jurisdiction: "a", Participants: 20},
		},
	}
}

// TestPeriod ranks the third quarter: on time first, the earlier report
// before the later, equals sharing a rank; then the late by their days;
// 未报 last.
func TestPeriod(t *testing.T) {
	views, bulletins := Years(Input{Repo: repo(), Year: 2020, Today: date("2026-06-01")})
	if len(views) != 1 || len(bulletins) != 3 {
		t.Fatalf("Years = %d views, %d 通报; want 1 and 3 (Q2, Q3, Q4)", len(views), len(bulletins))
	}
	q3 := bulletins[1]
	if q3.Period != "2020-Q3" || q3.AsOf != "2021-01-15" || q3.DocPrefix != "盐义通〔2020〕" {
		t.Errorf("Q3 = %s as of %s, number %q", q3.Period, q3.AsOf, q3.DocPrefix)
	}
	var got []string
	for _, r := range q3.Filings {
		got = append(got, fmt.Sprintf("%d %s %s", r.Rank, r.ID, r.Filing.Zh()))
	}
	want := "1 a 按时|1 b 按时|3 c 迟报 4 天|4 d 未报"
	if strings.Join(got, "|") != want {
		t.Errorf("Q3 filings = %s, want %s", strings.Join(got, "|"), want)
	}
	if c := q3.Count; c.Expected != 4 || c.OnTime != 2 || c.Late != 1 || c.Missing != 1 || c.LateList() != "丙县 4 天" || c.MissingList() != "丁县" {
		t.Errorf("Q3 count = %+v", c)
	}
	// Tasks: those that reported, by tasks done; the city's own task is not
	// the counties'.
	got = got[:0]
	for _, r := range q3.Progress.Rows {
		got = append(got, fmt.Sprintf("%d %s %v", r.Rank, r.ID, r.Counts[:2]))
	}
	if want := "1 b [2 0]|2 a [1 1]|3 c [0 2]|4 d [0 0]"; strings.Join(got, "|") != want {
		t.Errorf("Q3 tasks = %s, want %s", strings.Join(got, "|"), want)
	}
	if len(q3.Progress.Tasks) != 2 {
		t.Errorf("Q3 task columns = %v, want tasks 1 and 2", q3.Progress.Tasks)
	}
	// Figures of the quarter only: 丙县's event; the city's apart.
	if r := q3.Figures.Rows[0]; r.ID != "c" || r.Rank != 1 || r.Events != 1 || r.Participants != 300 {
		t.Errorf("Q3 figures first = %+v, want 丙县 with 1 event of 300", r)
	}
	if q3.Figures.City.Events != 1 || q3.Figures.Total.Events != 2 || q3.Figures.Total.Participants != 340 {
		t.Errorf("Q3 city %+v, total %+v", q3.Figures.City.Figures, q3.Figures.Total.Figures)
	}

	// Q4: 丁县's report came after the year was closed, so it stays 未报.
	for _, r := range bulletins[2].Filings {
		if r.ID == "d" && r.Filing.Value != Missing {
			t.Errorf("Q4: 丁县 = %s, want 未报 (its report came after the year was closed)", r.Filing.Zh())
		}
	}

	// The year: nobody reported the second quarter; fewest 未报 first,
	// then fewest late.
	got = got[:0]
	for _, r := range views[0].Rows {
		got = append(got, fmt.Sprintf("%d %s %d/%d/%d", r.Rank, r.ID, r.OnTime, r.Late, r.Missing))
	}
	if want := "1 b 2/0/1|2 a 1/0/2|3 c 0/1/2|4 d 0/0/3"; strings.Join(got, "|") != want {
		t.Errorf("year rows = %s, want %s", strings.Join(got, "|"), want)
	}
}
