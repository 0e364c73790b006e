// Package outreach lays out, for the internal site, the records of the
// year's work among the people (DESIGN §3 event and team): each year's
// events (publicity, training, ceremonies, meetings, community work) and
// the volunteer and rescue teams and networks of informants. A page lists
// each record at an anchor of its id, so that the figures counted from
// them (package measure) on the task pages and in the 通报 link to each.
// It computes; the templates print, and Tables gives the same rows to the
// Excel export.
package outreach

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/yancheng-jyyw/roll/internal/history"
	"github.com/yancheng-jyyw/roll/internal/measure"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/internal/sheet"
)

// Input is what the pages are made from.
type Input struct {
	Repo    *model.Repo
	Schemas *schema.Set // their words for kinds and statuses; the values themselves when nil
	Year    int         // the current year of the plan
	History *history.History
}

// YearLink is an entry of a page's year switcher.
type YearLink struct {
	Year    int
	Current bool
}

// TaskLink names a task an event counts toward, and its page.
type TaskLink struct {
	ID, Title string
	Number    int
	Path      string // from the site's root; "" when no task has the id
}

// Zh names the task as the pages do: 6. 广泛开展社会宣传, or its id when no
// task has it.
func (l TaskLink) Zh() string {
	if l.Path == "" {
		return l.ID
	}
	return strconv.Itoa(l.Number) + ". " + l.Title
}

// PublicNews marks an event listed on the public site's news.
const PublicNews = "公开网站动态"

// Events is one year's events.
type Events struct {
	Year           int
	Years          []YearLink
	Rows           []EventRow // by date, then id
	ByKind         SumTable   // kinds with events, in the schema's order
	ByJurisdiction SumTable   // jurisdictions with events, in the catalog's order
	Total          Sum
}

// EventRow is one event.
type EventRow struct {
	*model.Event
	Kind         schema.EnumValue
	Jurisdiction string // its name
	Tasks        []TaskLink
	History      history.Record
}

// Sum is a number of events and the people they reached, or of teams and
// their members.
type Sum struct {
	Name   string // the kind's or jurisdiction's word
	N      int
	People int
}

// SumTable is a table of sums and the headings of its columns.
type SumTable struct {
	Name, Count, People string // 类别, 场次, 参加人次
	Rows                []Sum
	Total               Sum
}

// Teams is every team, with the active ones summed up.
type Teams struct {
	Rows           []TeamRow // in the catalog's order of jurisdictions, then by id
	ByKind         SumTable  // active teams by kind, in the schema's order
	ByJurisdiction SumTable  // active teams by jurisdiction, in the catalog's order
	Active         Sum
}

// TeamRow is one team.
type TeamRow struct {
	*model.Team
	Kind         schema.EnumValue
	Status       schema.EnumValue
	Active       bool
	Jurisdiction string // its name
	History      history.Record
}

// jurisdiction is the name of the jurisdiction id.
func (in Input) jurisdiction(id string) string {
	if j, ok := in.Repo.Jurisdiction(id); ok {
		return j.Name
	}
	return id
}

// EventYears returns the events of the current year and of every earlier
// year with events, newest first.
func EventYears(in Input) []*Events {
	years := []int{in.Year}
	for _, e := range in.Repo.Events {
		if y := e.Date.Year(); y > 0 && y < in.Year && !slices.Contains(years, y) {
			years = append(years, y)
		}
	}
	slices.SortFunc(years, func(a, b int) int { return cmp.Compare(b, a) })
	tasks := map[string]*model.Task{}
	for i := range in.Repo.Tasks {
		tasks[in.Repo.Tasks[i].ID] = &in.Repo.Tasks[i]
	}
	var out []*Events
	for _, y := range years {
		out = append(out, in.events(y, tasks))
	}
	for _, e := range out {
		for _, o := range out {
			e.Years = append(e.Years, YearLink{Year: o.Year, Current: o.Year == e.Year})
		}
	}
	return out
}

func (in Input) events(year int, tasks map[string]*model.Task) *Events {
	ev := &Events{Year: year}
	kinds, places := map[string]*Sum{}, map[string]*Sum{}
	for i := range in.Repo.Events {
		e := &in.Repo.Events[i]
		if e.Date.Year() != year || e.Status == "withdrawn" {
			continue
		}
		row := EventRow{Event: e, Kind: in.Schemas.EnumOf(schema.Event, []string{"kind"}, e.Kind),
			Jurisdiction: in.jurisdiction(e.Jurisdiction), History: in.History.Record(e.Src.File)}
		for _, id := range e.Tasks {
			l := TaskLink{ID: id, Title: id}
			if t, ok := tasks[id]; ok {
				l = TaskLink{ID: id, Title: t.Title, Number: t.Number, Path: "tasks/" + id + ".html"}
			}
			row.Tasks = append(row.Tasks, l)
		}
		ev.Rows = append(ev.Rows, row)
		add(kinds, e.Kind, e.Participants)
		add(places, e.Jurisdiction, e.Participants)
		ev.Total.N++
		ev.Total.People += e.Participants
	}
	slices.SortStableFunc(ev.Rows, func(a, b EventRow) int { return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.ID, b.ID)) })
	ev.Total.Name = "合计"
	ev.ByKind = SumTable{"类别", "场次", "参加人次", in.byKind(schema.Event, kinds), ev.Total}
	ev.ByJurisdiction = SumTable{"辖区", "场次", "参加人次", in.byJurisdiction(places), ev.Total}
	return ev
}

// TeamList returns every team, active ones summed as of today.
func TeamList(in Input) *Teams {
	ts := &Teams{}
	order := in.order()
	kinds, places := map[string]*Sum{}, map[string]*Sum{}
	for i := range in.Repo.Teams {
		t := &in.Repo.Teams[i]
		row := TeamRow{Team: t, Kind: in.Schemas.EnumOf(schema.Team, []string{"kind"}, t.Kind),
			Status: in.Schemas.EnumOf(schema.Team, []string{"status"}, t.Status), Active: t.Status == "active",
			Jurisdiction: in.jurisdiction(t.Jurisdiction), History: in.History.Record(t.Src.File)}
		ts.Rows = append(ts.Rows, row)
		if row.Active {
			add(kinds, t.Kind, t.Members)
			add(places, t.Jurisdiction, t.Members)
			ts.Active.N++
			ts.Active.People += t.Members
		}
	}
	slices.SortStableFunc(ts.Rows, func(a, b TeamRow) int {
		return cmp.Or(cmp.Compare(order(a.Team.Jurisdiction), order(b.Team.Jurisdiction)), cmp.Compare(a.ID, b.ID))
	})
	ts.Active.Name = "合计"
	ts.ByKind = SumTable{"类别", "队伍", "人数", in.byKind(schema.Team, kinds), ts.Active}
	ts.ByJurisdiction = SumTable{"辖区", "队伍", "人数", in.byJurisdiction(places), ts.Active}
	return ts
}

func add(m map[string]*Sum, key string, people int) {
	s := m[key]
	if s == nil {
		s = &Sum{}
		m[key] = s
	}
	s.N++
	s.People += people
}

// byKind lists the sums of m in the order of the kind enum of schema k,
// each named by the schema's word.
func (in Input) byKind(k schema.Kind, m map[string]*Sum) []Sum {
	var values []string
	if in.Schemas != nil {
		for _, v := range in.Schemas.Enum(k, "kind") {
			values = append(values, v.Value)
		}
	}
	var others []string // not in the schema: by value, so the order never depends on the map's
	for v := range m {
		if !slices.Contains(values, v) {
			others = append(others, v)
		}
	}
	slices.Sort(others)
	values = append(values, others...)
	var out []Sum
	for _, v := range values {
		if s := m[v]; s != nil {
			out = append(out, Sum{Name: in.Schemas.EnumOf(k, []string{"kind"}, v).Zh(), N: s.N, People: s.People})
		}
	}
	return out
}

// byJurisdiction lists the sums of m in the catalog's order of
// jurisdictions, each named.
func (in Input) byJurisdiction(m map[string]*Sum) []Sum {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	order := in.order()
	slices.SortFunc(ids, func(a, b string) int { return cmp.Or(cmp.Compare(order(a), order(b)), cmp.Compare(a, b)) })
	var out []Sum
	for _, id := range ids {
		out = append(out, Sum{Name: in.jurisdiction(id), N: m[id].N, People: m[id].People})
	}
	return out
}

// order is the place of a jurisdiction in the catalog; unknown ones last.
func (in Input) order() func(id string) int {
	pos := map[string]int{}
	for i, j := range in.Repo.Jurisdictions {
		pos[j.ID] = i
	}
	return func(id string) int {
		if p, ok := pos[id]; ok {
			return p
		}
		return len(pos)
	}
}

// Path is the page of a record counted toward a figure, from the site's
// root: an event on its year's list, a team on the list of teams; ""
// for a record of another kind.
func Path(r measure.Ref) string {
	switch r.Kind {
	case schema.Event:
		return EventsPage(r.Date.Year()) + "#" + r.ID
	case schema.Team:
		return TeamsPage + "#" + r.ID
	}
	return ""
}

// EventsPage is the page of a year's events; TeamsPage the page of the teams.
func EventsPage(year int) string { return "events/" + strconv.Itoa(year) + ".html" }

// TeamsPage is the list of every team.
const TeamsPage = "teams.html"

// Tables are the events of the year as an Excel workbook: every event,
// and the sums by kind and jurisdiction.
func (ev *Events) Tables() []*sheet.Table {
	year := strconv.Itoa(ev.Year) + "年"
	t := &sheet.Table{
		Title: year + "活动",
		Columns: []sheet.Column{
			{Header: "编号", Kind: sheet.Text}, {Header: "日期", Kind: sheet.Date}, {Header: "类别", Kind: sheet.Text},
			{Header: "名称", Kind: sheet.Text}, {Header: "辖区", Kind: sheet.Text}, {Header: "地点", Kind: sheet.Text},
			{Header: "参加人数", Kind: sheet.Integer}, {Header: "落实任务", Kind: sheet.Text}, {Header: "公开", Kind: sheet.Text},
		},
	}
	for _, r := range ev.Rows {
		var tasks []string
		for _, l := range r.Tasks {
			tasks = append(tasks, l.Zh())
		}
		public := ""
		if r.Public {
			public = PublicNews
		}
		t.Rows = append(t.Rows, []sheet.Value{
			sheet.Str(r.ID), sheet.Day(string(r.Date)), sheet.Str(r.Kind.Zh()), sheet.Str(r.Title), sheet.Str(r.Jurisdiction),
			sheet.Str(r.Place), sheet.Int(r.Participants), sheet.Str(strings.Join(tasks, "、")), sheet.Str(public),
		})
	}
	return []*sheet.Table{t, ev.ByKind.table(year + "活动：按类别"), ev.ByJurisdiction.table(year + "活动：按辖区")}
}

// Tables are the teams as an Excel workbook.
func (ts *Teams) Tables() []*sheet.Table {
	t := &sheet.Table{
		Title: "队伍",
		Columns: []sheet.Column{
			{Header: "编号", Kind: sheet.Text}, {Header: "名称", Kind: sheet.Text}, {Header: "类别", Kind: sheet.Text},
			{Header: "辖区", Kind: sheet.Text}, {Header: "人数", Kind: sheet.Integer}, {Header: "成立日期", Kind: sheet.Date},
			{Header: "合作协议", Kind: sheet.Text}, {Header: "协议日期", Kind: sheet.Date}, {Header: "状态", Kind: sheet.Text},
		},
	}
	for _, r := range ts.Rows {
		doc, day := sheet.Value{}, sheet.Value{}
		if a := r.Agreement; a != nil {
			doc, day = sheet.Str(a.Doc), sheet.Day(string(a.Date))
		}
		t.Rows = append(t.Rows, []sheet.Value{
			sheet.Str(r.ID), sheet.Str(r.Name), sheet.Str(r.Kind.Zh()), sheet.Str(r.Jurisdiction), sheet.Int(r.Members),
			sheet.Day(string(r.Since)), doc, day, sheet.Str(r.Status.Zh()),
		})
	}
	return []*sheet.Table{t, ts.ByKind.table("在册队伍：按类别"), ts.ByJurisdiction.table("在册队伍：按辖区")}
}

// table is the sums as a sheet, total last.
func (st SumTable) table(title string) *sheet.Table {
	t := &sheet.Table{Title: title, Columns: []sheet.Column{{Header: st.Name, Kind: sheet.Text}, {Header: st.Count, Kind: sheet.Integer}, {Header: st.People, Kind: sheet.Integer}}}
	for _, s := range append(st.Rows[:len(st.Rows):len(st.Rows)], st.Total) {
		t.Rows = append(t.Rows, []sheet.Value{sheet.Str(s.Name), sheet.Int(s.N), sheet.Int(s.People)})
	}
	return t
}

// Title is the page's title: 2020年工作活动.
func (ev *Events) Title() string { return strconv.Itoa(ev.Year) + "年工作活动" }
