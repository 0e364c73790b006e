package synth

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// countyTasks are the tasks of the sample plan that each jurisdiction
// carries out and reports on.
var countyTasks = []string{"01", "06", "11", "14", "15"}

var taskStatuses = []weighted[string]{{"done", 3}, {"in_progress", 5}, {"not_started", 2}, {"blocked", 1}}

// reports writes each jurisdiction's reports on the plan of the year: the
// second and third quarters (the plan is issued in May; the fourth is due
// in the next year). Most come on time, some late, a few never.
func (g *generator) reports() {
	y := g.opts.Year
	for _, q := range []int{2, 3} {
		end := date(y, 3*q+1, 0)
		for _, pl := range places {
			if g.r.chance(0.08) {
				continue // 未报
			}
			submitted := end.AddDate(0, 0, g.r.between(1, 10))
			if g.r.chance(0.15) {
				submitted = end.AddDate(0, 0, g.r.between(11, 25)) // late
			}
			id := fmt.Sprintf("R-%d-Q%d-%s", y, q, pl.id)
			by := pl.name + "见义勇为基金会"
			if pl.id == "kaifaqu" || pl.id == "yannan" {
				by = pl.name + "见义勇为办公室"
			}
			var b strings.Builder
			b.WriteString("# yaml-language-server: $schema=../../../schemas/report.schema.json\n")
			fmt.Fprintf(&b, "id: %s\njurisdiction: %s\nperiod: %d-Q%d\nsubmitted: %s\nby: %s\ntasks:\n",
				id, pl.id, y, q, submitted.Format(time.DateOnly), by)
			for _, t := range countyTasks {
				fmt.Fprintf(&b, "  - {task: T-%d-%s, status: %s}\n", y, t, choose(g.r, taskStatuses))
			}
			g.add(fmt.Sprintf("records/reports/%d/%s.yaml", y, id), []byte(b.String()))
		}
	}
}

// teams writes one or two teams per jurisdiction: a volunteer or rescue
// team, and most often a network of informants.
func (g *generator) teams() {
	for _, pl := range places {
		kinds := []string{pick(g.r, []string{"volunteer", "volunteer", "rescue"})}
		if g.r.chance(0.7) {
			kinds = append(kinds, "informants")
		}
		for i, kind := range kinds {
			id := fmt.Sprintf("TM-%s-%02d", pl.id, i+1)
			name := map[string]string{"volunteer": "见义勇为志愿者服务队", "rescue": "蓝天救援队", "informants": "见义勇为治安信息员网络"}[kind]
			since := g.day(g.r.between(g.opts.Year-5, g.opts.Year))
			var b strings.Builder
			b.WriteString("# yaml-language-server: $schema=../../../schemas/team.schema.json\n")
			fmt.Fprintf(&b, "id: %s\njurisdiction: %s\nkind: %s\nname: %s%s\nmembers: %d\nsince: %s\nstatus: active\n",
				id, pl.id, kind, pl.name, name, g.r.between(12, 400), since.Format(time.DateOnly))
			g.add(fmt.Sprintf("records/teams/%s/%s.yaml", pl.id, id), []byte(b.String()))
		}
	}
}

var eventKinds = []weighted[string]{{"publicity", 5}, {"community", 4}, {"training", 2}, {"meeting", 1}, {"ceremony", 1}}

var eventTitles = map[string][]string{
	"publicity": {"见义勇为进校园", "见义勇为进企业宣讲", "见义勇为主题宣传进车站"},
	"community": {"见义勇为进社区", "《条例》宣传进社区", "社区宣传栏更新见义勇为事迹"},
	"training":  {"《条例》学习培训", "社区网格员治安信息员培训", "志愿者水上救援培训"},
	"meeting":   {"见义勇为工作推进会", "示范工作站验收"},
	"ceremony":  {"见义勇为季度表彰", "见义勇为人员事迹报告会"},
}

// eventTask is the task of the plan each kind of event counts toward.
var eventTask = map[string]string{"publicity": "06", "community": "15", "training": "03", "meeting": "11", "ceremony": "05"}

// events writes about one event for every 40 heroes in the plan's year,
// at least one per jurisdiction.
func (g *generator) events() {
	y := g.opts.Year
	n := max(len(places), g.opts.Heroes/40)
	dates := make([]time.Time, n)
	for i := range dates {
		dates[i] = g.day(y)
	}
	slices.SortFunc(dates, func(a, b time.Time) int { return a.Compare(b) })
	for i, d := range dates {
		pl := places[i%len(places)]
		kind := choose(g.r, eventKinds)
		id := fmt.Sprintf("E-%d-%04d", y, i+1)
		var b strings.Builder
		b.WriteString("# yaml-language-server: $schema=../../../schemas/event.schema.json\n")
		fmt.Fprintf(&b, "id: %s\ndate: %s\nkind: %s\ntitle: %s\njurisdiction: %s\ntasks: [T-%d-%s]\nplace: %s%s\nparticipants: %d\npublic: %t\n",
			id, d.Format(time.DateOnly), kind, pick(g.r, eventTitles[kind]), pl.id, y, eventTask[kind],
			pl.short, pick(g.r, pl.towns), g.r.between(10, 800), g.r.chance(0.2))
		g.add(fmt.Sprintf("records/events/%d/%s.yaml", y, id), []byte(b.String()))
	}
}

// voucher is one entry of the generated ledger.
type voucher struct {
	date            time.Time
	kind, category  string
	fen             int64
	ref, hero, note string
}

// visitCategory is the category of the ledger that pays a visit.
var visitCategory = map[string]string{
	"education_aid": "education_aid", "recuperation": "recuperation", "summer_camp": "education_aid",
}

// fund writes the ledger of every year of the repository: a grant each
// January and July, the office's costs at the end of each month, and a
// voucher for each amount of each visit, on the day of the visit; about one
// visit in twenty is left unpaid.
func (g *generator) fund() {
	var vs []voucher
	add := func(v voucher) { vs = append(vs, v) }
	for y := g.first(); y <= g.opts.Year; y++ {
		add(voucher{date: date(y, 1, 6), kind: "income", category: "grant", fen: int64(g.r.between(20, 40)) * 1000000, note: "市财政拨付见义勇为专项经费"})
		add(voucher{date: date(y, 7, 3), kind: "income", category: "grant", fen: int64(g.r.between(10, 30)) * 1000000, note: "市财政拨付见义勇为专项经费"})
		for m := 1; m <= 12; m++ {
			add(voucher{date: date(y, m+1, 0), kind: "expense", category: "operations", fen: int64(g.r.between(5000, 8000)) * 100,
				note: fmt.Sprintf("%d月办公及人员经费", m)})
		}
	}
	for _, v := range g.visitList {
		if g.r.chance(0.05) {
			continue // not paid yet
		}
		category := visitCategory[v.occasion]
		if category == "" {
			category = "condolence"
		}
		for i, h := range v.heroes {
			if v.amounts[i] > 0 {
				add(voucher{date: v.date, kind: "expense", category: category, fen: int64(v.amounts[i]) * 100,
					ref: v.id, hero: h.id, note: occasionNames[v.occasion]})
			}
		}
	}
	slices.SortStableFunc(vs, func(a, b voucher) int { return a.date.Compare(b.date) })
	seq := map[int]int{}
	var b strings.Builder
	flush := func(y, m int) {
		if b.Len() > 0 {
			g.add(fmt.Sprintf("records/fund/%d/%02d.yaml", y, m), []byte(b.String()))
			b.Reset()
		}
	}
	for i, v := range vs {
		y, m := v.date.Year(), int(v.date.Month())
		if i > 0 && (vs[i-1].date.Year() != y || int(vs[i-1].date.Month()) != m) {
			flush(vs[i-1].date.Year(), int(vs[i-1].date.Month()))
		}
		if b.Len() == 0 {
			b.WriteString("# yaml-language-server: $schema=../../../schemas/fund.schema.json\n")
		}
		seq[y]++
		fmt.Fprintf(&b, "- id: F-%d-%04d\n  date: %s\n  kind: %s\n  category: %s\n  amount: \"%d.%02d\"\n",
			y, seq[y], v.date.Format(time.DateOnly), v.kind, v.category, v.fen/100, v.fen%100)
		if v.ref != "" {
			fmt.Fprintf(&b, "  ref: %s\n  hero: %s\n", v.ref, v.hero)
		}
		fmt.Fprintf(&b, "  note: %s\n", v.note)
	}
	if len(vs) > 0 {
		last := vs[len(vs)-1].date
		flush(last.Year(), int(last.Month()))
	}
}
