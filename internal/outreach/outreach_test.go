package outreach

import (
	"fmt"
	"strings"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/measure"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/schema"
)

func testInput() Input {
	return Input{Year: 2020, Repo: &model.Repo{
		Jurisdictions: []model.Jurisdiction{{ID: "tinghu", Name: "亭湖区"}, {ID: "sheyang", Name: "射阳县"}, {ID: "city", Name: "市本级"}},
		Tasks:         []model.Task{{ID: "T-2020-06", Number: 6, Title: "广泛开展社会宣传"}},
		Events: []model.Event{
			{ID: "E-2020-0002", Date: "2020-09-01", Kind: "training", Jurisdiction: "city", Participants: 40},
			{ID: "E-2020-0001", Date: "2020-06-18", Kind: "community", Jurisdiction: "tinghu", Tasks: []string{"T-2020-06", "T-2020-99"}, Participants: 120},
			{ID: "E-2020-0003", Date: "2020-07-01", Kind: "community", Jurisdiction: "sheyang", Participants: 80, Status: "withdrawn"},
			{ID: "E-2019-0001", Date: "2019-05-01", Kind: "publicity", Jurisdiction: "sheyang", Participants: 300},
		},
		Teams: []model.Team{
			{ID: "TM-sheyang-01", Jurisdiction: "sheyang", Kind: "rescue", Members: 46, Status: "active"},
			{ID: "TM-tinghu-02", Jurisdiction: "tinghu", Kind: "informants", Members: 436, Status: "dissolved"},
			{ID: "TM-tinghu-01", Jurisdiction: "tinghu", Kind: "volunteer", Members: 120, Status: "active"},
		},
	}}
}

func sums(st SumTable) string {
	var out []string
	for _, s := range append(st.Rows, st.Total) {
		out = append(out, fmt.Sprintf("%s %d/%d", s.Name, s.N, s.People))
	}
	return strings.Join(out, ", ")
}

// TestEvents lists the current year and each earlier one with events,
// newest first; a withdrawn event is neither listed nor summed.
func TestEvents(t *testing.T) {
	years := EventYears(testInput())
	if len(years) != 2 || years[0].Year != 2020 || years[1].Year != 2019 {
		t.Fatalf("EventYears = %d years, want 2020 and 2019", len(years))
	}
	ev := years[0]
	var ids []string
	for _, r := range ev.Rows {
		ids = append(ids, r.ID)
	}
	if got := strings.Join(ids, " "); got != "E-2020-0001 E-2020-0002" {
		t.Errorf("2020's events = %s, want them by date, the withdrawn one left out", got)
	}
	if got, want := sums(ev.ByKind), "community 1/120, training 1/40, 合计 2/160"; got != want {
		t.Errorf("by kind = %s, want %s", got, want)
	}
	if got, want := sums(ev.ByJurisdiction), "亭湖区 1/120, 市本级 1/40, 合计 2/160"; got != want {
		t.Errorf("by jurisdiction = %s, want %s", got, want)
	}
	if l := ev.Rows[0].Tasks; len(l) != 2 || l[0].Zh() != "6. 广泛开展社会宣传" || l[0].Path != "tasks/T-2020-06.html" || l[1].Zh() != "T-2020-99" || l[1].Path != "" {
		t.Errorf("the task links = %+v", l)
	}
}

// TestTeams lists every team by the catalog's order and sums the active
// ones alone.
func TestTeams(t *testing.T) {
	ts := TeamList(testInput())
	var ids []string
	for _, r := range ts.Rows {
		ids = append(ids, r.ID)
	}
	if got := strings.Join(ids, " "); got != "TM-tinghu-01 TM-tinghu-02 TM-sheyang-01" {
		t.Errorf("teams = %s", got)
	}
	if got, want := sums(ts.ByJurisdiction), "亭湖区 1/120, 射阳县 1/46, 合计 2/166"; got != want {
		t.Errorf("active by jurisdiction = %s, want %s", got, want)
	}
}

func TestPath(t *testing.T) {
	for _, tt := range []struct {
		ref  measure.Ref
		want string
	}{
		{measure.Ref{Kind: schema.Event, ID: "E-2020-0001", Date: "2020-06-18"}, "events/2020.html#E-2020-0001"},
		{measure.Ref{Kind: schema.Team, ID: "TM-sheyang-01"}, "teams.html#TM-sheyang-01"},
		{measure.Ref{Kind: schema.Hero, ID: "H-2020-0001"}, ""},
	} {
		if got := Path(tt.ref); got != tt.want {
			t.Errorf("Path(%v) = %q, want %q", tt.ref, got, tt.want)
		}
	}
}
