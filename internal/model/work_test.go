package model

import (
	"testing"
	"time"
)

func day(s string) time.Time { return Date(s).Time() }

func TestPeriod(t *testing.T) {
	tests := []struct {
		p          Period
		valid      bool
		unit       string
		start, end string
	}{
		{"2020-Q1", true, "quarter", "2020-01-01", "2020-03-31"},
		{"2020-Q3", true, "quarter", "2020-07-01", "2020-09-30"},
		{"2020-Q4", true, "quarter", "2020-10-01", "2020-12-31"},
		{"2020-H1", true, "half", "2020-01-01", "2020-06-30"},
		{"2024-H2", true, "half", "2024-07-01", "2024-12-31"},
		{"2020-Q5", false, "", "", ""},
		{"2020Q3", false, "", "", ""},
		{"20-Q3", false, "", "", ""},
		{"", false, "", "", ""},
	}
	for _, tt := range tests {
		if got := tt.p.Valid(); got != tt.valid {
			t.Errorf("Period(%q).Valid() = %v, want %v", tt.p, got, tt.valid)
		}
		if got := tt.p.Unit(); got != tt.unit {
			t.Errorf("Period(%q).Unit() = %q, want %q", tt.p, got, tt.unit)
		}
		if !tt.valid {
			if !tt.p.Start().IsZero() || !tt.p.End().IsZero() || tt.p.Year() != 0 {
				t.Errorf("Period(%q): start, end and year not zero", tt.p)
			}
			continue
		}
		if got := tt.p.Start(); !got.Equal(day(tt.start)) {
			t.Errorf("Period(%q).Start() = %v, want %s", tt.p, got, tt.start)
		}
		if got := tt.p.End(); !got.Equal(day(tt.end)) {
			t.Errorf("Period(%q).End() = %v, want %s", tt.p, got, tt.end)
		}
	}
}

func TestPlanPeriods(t *testing.T) {
	p := &Plan{Year: 2020, Issued: "2020-05-20", Reporting: &Reporting{Period: "quarter", DueDays: 10}}
	got := p.Periods()
	want := []Period{"2020-Q2", "2020-Q3", "2020-Q4"} // Q1 ended before the plan
	if len(got) != len(want) {
		t.Fatalf("Periods() = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("Periods()[%d] = %s, want %s", i, got[i], want[i])
		}
	}
	if due := p.Due("2020-Q4"); !due.Equal(day("2021-01-10")) {
		t.Errorf("Due(2020-Q4) = %v, want 2021-01-10", due)
	}
	half := &Plan{Year: 2020, Issued: "2020-01-01", Reporting: &Reporting{Period: "half", DueDays: 15}}
	if got := half.Periods(); len(got) != 2 || got[0] != "2020-H1" || got[1] != "2020-H2" {
		t.Errorf("Periods() by half = %v, want [2020-H1 2020-H2]", got)
	}
	if got := (&Plan{Year: 2020}).Periods(); got != nil {
		t.Errorf("Periods() without reporting = %v, want none", got)
	}
}

func TestAsOf(t *testing.T) {
	open := &Plan{Year: 2020}
	closed := &Plan{Year: 2020, Closed: "2021-01-15"}
	tests := []struct {
		p     *Plan
		today string
		want  string
	}{
		{open, "2026-03-01", "2026-03-01"},
		{closed, "2026-03-01", "2021-01-15"}, // years later: measured to the closing
		{closed, "2021-01-10", "2021-01-10"}, // not closed yet on that day
	}
	for _, tt := range tests {
		if got := tt.p.AsOf(day(tt.today)); !got.Equal(day(tt.want)) {
			t.Errorf("AsOf(%s) with closed %q = %v, want %s", tt.today, tt.p.Closed, got, tt.want)
		}
	}
	if got := closed.AsOf(time.Time{}); !got.Equal(day("2021-01-15")) {
		t.Errorf("AsOf(zero) of a closed plan = %v, want the closing day", got)
	}
}

// reportsRepo has a plan reported on by quarter and three jurisdictions:
// sheyang on time twice, dafeng late once, yandu never.
func reportsRepo() (*Repo, *Plan) {
	p := Plan{Year: 2020, Issued: "2020-05-20", Reporting: &Reporting{Period: "quarter", DueDays: 10}, Closed: "2021-01-15"}
	r := &Repo{
		Jurisdictions: []Jurisdiction{{ID: "sheyang", Kind: "county"}, {ID: "dafeng", Kind: "district"}, {ID: "yandu", Kind: "district"}, {ID: "city", Kind: "city"}},
		Plans:         []Plan{p},
		Reports: []Report{
			{ID: "R-2020-Q3-sheyang", Jurisdiction: "sheyang", Period: "2020-Q3", Submitted: "2020-10-08",
				Tasks: []TaskStatus{{Task: "T-2020-01", Status: "done"}, {Task: "T-2020-06", Status: "in_progress"}}},
			{ID: "R-2020-Q2-sheyang", Jurisdiction: "sheyang", Period: "2020-Q2", Submitted: "2020-07-03",
				Tasks: []TaskStatus{{Task: "T-2020-01", Status: "in_progress"}, {Task: "T-2020-14", Status: "done"}}},
			{ID: "R-2020-Q2-dafeng", Jurisdiction: "dafeng", Period: "2020-Q2", Submitted: "2020-07-16",
				Tasks: []TaskStatus{{Task: "T-2020-01", Status: "not_started"}}},
			{ID: "R-2020-Q3-dafeng", Jurisdiction: "dafeng", Period: "2020-Q3", Submitted: "2020-10-09", Status: "withdrawn",
				Tasks: []TaskStatus{{Task: "T-2020-01", Status: "done"}}},
		},
	}
	return r, &r.Plans[0]
}

func TestFilings(t *testing.T) {
	r, p := reportsRepo()
	type row struct {
		jur, period string
		late        int
		missing     bool
		got         bool
	}
	var got []row
	for _, f := range r.Filings(p, r.Jurisdictions, day("2020-10-20")) {
		got = append(got, row{f.Jurisdiction, string(f.Period), f.LateDays, f.Missing, f.Report != nil})
	}
	want := []row{
		{"sheyang", "2020-Q2", 0, false, true},
		{"dafeng", "2020-Q2", 6, false, true},
		{"yandu", "2020-Q2", 0, true, false},
		{"sheyang", "2020-Q3", 0, false, true},
		{"dafeng", "2020-Q3", 0, true, false}, // its report was withdrawn
		{"yandu", "2020-Q3", 0, true, false},
		{"sheyang", "2020-Q4", 0, false, false}, // not due yet
		{"dafeng", "2020-Q4", 0, false, false},
		{"yandu", "2020-Q4", 0, false, false},
	}
	if len(got) != len(want) {
		t.Fatalf("Filings = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("Filings[%d] = %+v, want %+v", i, got[i], want[i])
		}
	}
	// On its due date a report is not missing yet; the day after, it is.
	for _, tt := range []struct {
		today   string
		missing bool
	}{{"2020-10-10", false}, {"2020-10-11", true}} {
		for _, f := range r.Filings(p, r.Jurisdictions, day(tt.today)) {
			if f.Jurisdiction == "yandu" && f.Period == "2020-Q3" && f.Missing != tt.missing {
				t.Errorf("on %s yandu's Q3 missing = %v, want %v", tt.today, f.Missing, tt.missing)
			}
		}
	}
	// Years later the closed year counts to its closing day: Q4 is missing
	// for all three too.
	n := 0
	for _, f := range r.Filings(p, r.Jurisdictions, day("2026-01-01")) {
		if f.Missing {
			n++
		}
	}
	if n != 6 {
		t.Errorf("%d missing in 2026, want 6 (yandu's Q2, dafeng's and yandu's Q3, the three Q4)", n)
	}
}

func TestProgress(t *testing.T) {
	r, _ := reportsRepo()
	tests := []struct {
		asOf, task, jur, want string
	}{
		{"", "T-2020-01", "sheyang", "done"},                  // the Q3 report, the latest
		{"2020-09-30", "T-2020-01", "sheyang", "in_progress"}, // only Q2 had come
		{"", "T-2020-14", "sheyang", "done"},                  // named in Q2 only: still its latest
		{"", "T-2020-01", "dafeng", "not_started"},            // the Q3 report was withdrawn
		{"", "T-2020-01", "yandu", ""},                        // never reported
		{"2020-07-01", "T-2020-01", "sheyang", ""},            // nothing had come yet
	}
	for _, tt := range tests {
		var asOf time.Time
		if tt.asOf != "" {
			asOf = day(tt.asOf)
		}
		if got := r.Progress(asOf).Status(tt.task, tt.jur); got != tt.want {
			t.Errorf("Progress(%s).Status(%s, %s) = %q, want %q", tt.asOf, tt.task, tt.jur, got, tt.want)
		}
	}
	if tr, ok := r.Progress(time.Time{}).Of("T-2020-01", "sheyang"); !ok || tr.Report.ID != "R-2020-Q3-sheyang" {
		t.Errorf("Of(T-2020-01, sheyang) = %+v, %v; want from R-2020-Q3-sheyang", tr, ok)
	}
}

func TestNoticeOpen(t *testing.T) {
	n := &Notice{From: "2021-01-18", To: "2021-01-24"}
	for _, tt := range []struct {
		day  string
		want bool
	}{{"2021-01-17", false}, {"2021-01-18", true}, {"2021-01-20", true}, {"2021-01-24", true}, {"2021-01-25", false}} {
		if got := n.Open(day(tt.day)); got != tt.want {
			t.Errorf("Open(%s) = %v, want %v", tt.day, got, tt.want)
		}
	}
	if (*Notice)(nil).Open(day("2021-01-20")) {
		t.Error("no notice is open")
	}
}

func TestPeriodZh(t *testing.T) {
	for _, tt := range []struct{ p, zh, short string }{
		{"2020-Q1", "2020年第一季度", "第一季度"},
		{"2020-Q3", "2020年第三季度", "第三季度"},
		{"2021-Q4", "2021年第四季度", "第四季度"},
		{"2020-H1", "2020年上半年", "上半年"},
		{"2020-H2", "2020年下半年", "下半年"},
		{"2020-Q5", "2020-Q5", ""},
	} {
		if got := Period(tt.p).Zh(); got != tt.zh {
			t.Errorf("Period(%q).Zh() = %q, want %q", tt.p, got, tt.zh)
		}
		if got := Period(tt.p).Short(); got != tt.short {
			t.Errorf("Period(%q).Short() = %q, want %q", tt.p, got, tt.short)
		}
	}
}

func TestPlanUntil(t *testing.T) {
	for _, tt := range []struct {
		closed      Date
		today, want string
	}{
		{"", "2020-07-10", "2020-07-10"},           // in the year: today
		{"", "2021-01-05", "2020-12-31"},           // ended, not closed: the year's last day
		{"", "2026-03-01", "2020-12-31"},           // years later: still the year's last day
		{"2021-01-15", "2021-01-10", "2021-01-10"}, // closed later than today: today
		{"2021-01-15", "2021-01-20", "2021-01-15"}, // closed: the closing day
		{"2021-01-15", "2027-06-30", "2021-01-15"},
	} {
		p := &Plan{Year: 2020, Closed: tt.closed}
		if got := p.Until(day(tt.today)); !got.Equal(day(tt.want)) {
			t.Errorf("Plan{Closed: %q}.Until(%s) = %s, want %s", tt.closed, tt.today, got.Format(time.DateOnly), tt.want)
		}
	}
}
