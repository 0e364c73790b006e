package taskboard

import (
	"testing"
	"time"

	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/schemas"
)

func TestBoards(t *testing.T) {
	repo := &model.Repo{
		Jurisdictions: []model.Jurisdiction{{ID: "sheyang", Name: "射阳县"}, {ID: "funing", Name: "阜宁县"}, {ID: "city", Name: "盐城市"}},
		Reports: []model.Report{{ID: "R-2020-Q2-sheyang", Jurisdiction: "sheyang", Period: "2020-Q2", Submitted: "2020-07-05",
			Tasks: []model.TaskStatus{{Task: "T-2020-02", Status: "done"}}}},
		Plans: []model.Plan{{Year: 2020, Title: "2020年重点任务", Sections: []model.Section{{Number: 1, Title: "一"}}}},
		Tasks: []model.Task{
			{ID: "T-2020-02", Number: 2, Section: 1, Title: "乙", Due: "2020-06-30", Status: "in_progress", Scope: "each_jurisdiction",
				Updates: []model.Update{{Date: "2020-05-01", Status: "in_progress"}, {Date: "2020-06-01", Status: "blocked"}}},
			{ID: "T-2020-01", Number: 1, Section: 1, Title: "甲", Due: "2020-06-30", Status: "done", Scope: "city"},
			{ID: "T-2019-01", Number: 1, Section: 1, Title: "旧", Due: "2019-12-31", Status: "done", Scope: "city"},
			{ID: "T-2021-01", Number: 1, Section: 1, Title: "明年", Due: "2021-12-31", Status: "not_started", Scope: "city"},
		},
	}
	set, err := schema.Compile(schemas.FS)
	if err != nil {
		t.Fatal(err)
	}
	bs := Boards(Input{Repo: repo, Schemas: set, Year: 2020, Today: time.Date(2020, 7, 10, 0, 0, 0, 0, time.UTC)})
	if len(bs) != 2 || bs[0].Year != 2020 || bs[1].Year != 2019 {
		t.Fatalf("boards of years %v, want 2020 and 2019 (not 2021, after the current year)", years(bs))
	}
	b := bs[0]
	if len(b.Sections) != 1 || len(b.Sections[0].Tasks) != 2 || b.Sections[0].Tasks[0].Task.ID != "T-2020-01" {
		t.Fatalf("sections %+v: want one, its tasks by number", b.Sections)
	}
	if len(b.Overdue) != 1 || b.Overdue[0].Task.ID != "T-2020-02" || b.Overdue[0].DaysOver != 10 {
		t.Errorf("overdue %+v: want T-2020-02, 10 days", b.Overdue)
	}
	tv := b.Sections[0].Tasks[1]
	if tv.Latest == nil || tv.Latest.Status.Value != "blocked" || tv.Latest.Status.Zh() != "受阻" {
		t.Errorf("latest update %+v, want the blocked one of June", tv.Latest)
	}
	if len(tv.Progress) != 2 || tv.Progress[0].Status.Class() != "done" || tv.Progress[1].Status.Class() != "none" || tv.Progress[1].Status.Zh() != "未报" {
		t.Errorf("progress %+v: want sheyang done, funing not reported, the city left out", tv.Progress)
	}
	if b.Matrix == nil || len(b.Matrix.Rows) != 1 {
		t.Errorf("matrix %+v: want the one each_jurisdiction task", b.Matrix)
	}
	if len(b.Years) != 2 || !b.Years[0].Current || b.Years[1].Current {
		t.Errorf("year switcher %+v", b.Years)
	}
	// The words are the schemas' own (x-enum-titles).
	if got := tv.Scope.Zh(); got != "各县（市、区）落实" {
		t.Errorf("Scope.Zh() = %q, want the schema's 各县（市、区）落实", got)
	}
	if got := tv.Status.Zh(); got != "推进中" {
		t.Errorf("Status.Zh() = %q, want the schema's 推进中", got)
	}
	if got := len(tv.Statuses); got != 5 || tv.Statuses[4].Zh() != "未报" {
		t.Errorf("matrix columns %+v, want the four statuses and 未报", tv.Statuses)
	}
}

func years(bs []*Board) []int {
	var ys []int
	for _, b := range bs {
		ys = append(ys, b.Year)
	}
	return ys
}
