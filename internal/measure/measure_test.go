package measure

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/yancheng-jyyw/roll/internal/model"
)

func testRepo() *model.Repo {
	return &model.Repo{
		Honors: []model.Honor{{ID: "city-model", Level: "city"}, {ID: "quarterly", Level: "county"}},
		Events: []model.Event{
			{ID: "E-2020-0001", Date: "2020-06-30", Kind: "training", Jurisdiction: "city", Tasks: []string{"T-2020-03"}, Participants: 52},
			{ID: "E-2020-0002", Date: "2020-07-16", Kind: "training", Jurisdiction: "city", Tasks: []string{"T-2020-03", "T-2020-06"}, Participants: 41},
			{ID: "E-2020-0003", Date: "2020-08-01", Kind: "publicity", Jurisdiction: "sheyang", Tasks: []string{"T-2020-03"}, Participants: 300},
			{ID: "E-2020-0004", Date: "2020-09-01", Kind: "training", Jurisdiction: "city", Tasks: []string{"T-2020-03"}, Participants: 50, Status: "withdrawn"},
			{ID: "E-2019-0009", Date: "2019-09-01", Kind: "training", Jurisdiction: "city", Tasks: []string{"T-2020-03"}, Participants: 9},
		},
		Stations: []model.Station{
			{ID: "S-dongtai-01", Jurisdiction: "dongtai", Demonstration: true, DemonstrationSince: "2020-08-20"},
			{ID: "S-tinghu-01", Jurisdiction: "tinghu", Demonstration: true, DemonstrationSince: "2019-05-01"},
			{ID: "S-jianhu-01", Jurisdiction: "jianhu", Demonstration: true},
			{ID: "S-binhai-01", Jurisdiction: "binhai", Demonstration: false, DemonstrationSince: "2020-03-01"},
		},
		Teams: []model.Team{
			{ID: "TM-sheyang-01", Jurisdiction: "sheyang", Kind: "rescue", Members: 46, Since: "2020-04-12", Status: "active"},
			{ID: "TM-sheyang-02", Jurisdiction: "sheyang", Kind: "informants", Members: 180, Since: "2020-07-01", Status: "active"},
			{ID: "TM-tinghu-01", Jurisdiction: "tinghu", Kind: "volunteer", Members: 120, Since: "2019-03-05", Status: "active"},
			{ID: "TM-tinghu-02", Jurisdiction: "tinghu", Kind: "informants", Members: 436, Since: "2020-08-08", Status: "dissolved"},
			{ID: "TM-yandu-02", Jurisdiction: "yandu", Kind: "informants", Members: 150, Since: "2021-02-01", Status: "active"},
		},
		Heroes: []model.Hero{
			{ID: "H-2019-0001", Name: "甲", Status: "confirmed", Outcome: "deceased", Deed: model.Deed{Date: "2019-05-01"},
				Honors: []model.Award{{Honor: "city-model", Year: 2019}}, Insurance: []int{2019, 2020}},
			{ID: "H-2019-0002", Name: "乙", Status: "confirmed", Outcome: "disabled", Deed: model.Deed{Date: "2019-06-01"},
				Honors: []model.Award{{Honor: "city-model", Year: 2020}}, Insurance: []int{2019}},
			{ID: "H-2020-0003", Name: "丙", Status: "confirmed", Outcome: "unharmed", Hardship: true, Deed: model.Deed{Date: "2020-03-14"},
				Honors: []model.Award{{Honor: "quarterly", Year: 2020}}, Insurance: []int{2020}},
			{ID: "H-2020-0004", Name: "丁", Status: "pending", Outcome: "deceased", Deed: model.Deed{Date: "2020-02-01"}},
		},
		Visits: []model.Visit{
			// 2020's Spring Festival is January 25th, Mid-Autumn October 1st.
			{ID: "V-2020-0001", Date: "2020-01-20", Occasion: "spring_festival", Jurisdiction: "city", Beneficiaries: []model.Beneficiary{{Hero: "H-2019-0001"}, {Hero: "H-2019-0002"}}},
			{ID: "V-2020-0002", Date: "2020-09-28", Occasion: "mid_autumn", Jurisdiction: "sheyang", Beneficiaries: []model.Beneficiary{{Hero: "H-2019-0001"}, {Hero: "H-2020-0003"}}},
			{ID: "V-2020-0003", Date: "2020-09-29", Occasion: "mid_autumn", Jurisdiction: "sheyang", Beneficiaries: []model.Beneficiary{{Hero: "H-2019-0002"}}, Status: "withdrawn"},
		},
	}
}

// TestTask counts each measure over a small repository: what is withdrawn,
// of another year or of another kind never counts.
func TestTask(t *testing.T) {
	repo := testRepo()
	for _, tt := range []struct {
		task    string
		measure string
		kinds   []string
		n       int
		records string
	}{
		{"T-2020-03", Events, nil, 3, "E-2020-0001 E-2020-0002 E-2020-0003"},
		{"T-2020-03", Events, []string{"training"}, 2, "E-2020-0001 E-2020-0002"},
		{"T-2020-03", Participants, []string{"training"}, 93, "E-2020-0001 E-2020-0002"},
		{"T-2020-06", Events, nil, 1, "E-2020-0002"},
		{"T-2020-11", NewDemonstrationStations, nil, 1, "S-dongtai-01"},
		{"T-2019-11", NewDemonstrationStations, nil, 1, "S-tinghu-01"},
		{"T-2020-14", Teams, nil, 2, "TM-tinghu-01 TM-sheyang-01"},
		{"T-2020-14", RescueTeams, nil, 1, "TM-sheyang-01"},
		{"T-2020-15", InformantMembers, nil, 180, "TM-sheyang-02"},
		{"T-2021-15", InformantMembers, nil, 330, "TM-sheyang-02 TM-yandu-02"},
		{"T-2020-09", InsuredHonorees, nil, 1, "H-2019-0001"},
		{"T-2019-09", InsuredHonorees, nil, 1, "H-2019-0001"},
		{"T-2020-05", Honorees, nil, 2, "H-2019-0002 H-2020-0003"},
		// 甲 was visited at both festivals; 乙's Mid-Autumn visit was
		// withdrawn; 丙's deed came after the Spring Festival, so only
		// Mid-Autumn is asked for; 丁 is not confirmed.
		{"T-2020-08", FamiliesVisited, nil, 2, "H-2019-0001 H-2020-0003"},
	} {
		task := &model.Task{ID: tt.task, Target: &model.Target{Label: "x", Value: 1, Measure: tt.measure, EventKinds: tt.kinds}}
		c, err := Task(repo, task)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, r := range c.Records {
			ids = append(ids, r.ID)
		}
		if c.N != tt.n || strings.Join(ids, " ") != tt.records {
			t.Errorf("Task(%s, %s %v) = %d of %v, want %d of %s", tt.task, tt.measure, tt.kinds, c.N, ids, tt.n, tt.records)
		}
	}
	if c, err := Task(repo, &model.Task{ID: "T-2020-01", Target: &model.Target{Label: "x", Value: 1}}); c != nil || err != nil {
		t.Errorf("Task of a typed target = %v, %v; want nil", c, err)
	}
	if _, err := Task(repo, &model.Task{ID: "T-2200-08", Target: &model.Target{Measure: FamiliesVisited}}); err == nil {
		t.Error("families visited in 2200: no error for a year beyond the calendar")
	}
}

// TestTally counts what each jurisdiction did in the third quarter.
func TestTally(t *testing.T) {
	from, to := time.Date(2020, 7, 1, 0, 0, 0, 0, time.UTC), time.Date(2020, 9, 30, 0, 0, 0, 0, time.UTC)
	got := Tally(testRepo(), from, to)
	want := map[string]Figures{
		"city":    {Events: 1, Participants: 41},
		"sheyang": {Events: 1, Participants: 300, Teams: 2, Members: 226, Visits: 1, Families: 2},
		"tinghu":  {Teams: 1, Members: 120},
	}
	if len(got) != len(want) {
		t.Errorf("Tally = %v, want %v", got, want)
	}
	for j, w := range want {
		if got[j] != w {
			t.Errorf("Tally[%s] = %+v, want %+v", j, got[j], w)
		}
	}
	var sum Figures
	for _, f := range got {
		sum.Add(f)
	}
	if sum.Events != 2 || sum.Members != 346 {
		t.Errorf("the sum = %+v", sum)
	}
}

// TestSortRefsIsStable: sortRefs orders as the stable sort it replaces,
// refs with the same date and id in the order they came.
func TestSortRefsIsStable(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for n := range 200 {
		refs := make([]Ref, n)
		for i := range refs {
			refs[i] = Ref{ID: fmt.Sprintf("H-%d", rnd.IntN(5)), Date: model.Date(fmt.Sprintf("2020-01-0%d", 1+rnd.IntN(3))), N: i}
		}
		want := slices.Clone(refs)
		slices.SortStableFunc(want, func(a, b Ref) int { return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.ID, b.ID)) })
		if got := sortRefs(refs); !slices.Equal(got, want) {
			t.Fatalf("%d refs: got %v, want %v", n, got, want)
		}
	}
}
