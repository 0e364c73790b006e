package synth

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// visit is a generated care visit.
type visit struct {
	date     time.Time
	seq      int
	occasion string
	pl       int
	heroes   []*hero
	amounts  []int // whole yuan, by hero; 0 for none
	id       string
}

// window gives the months an occasion falls in, first and last.
var window = map[string][2]int{
	"spring_festival": {1, 2}, "qingming": {4, 4}, "mid_autumn": {9, 10}, "summer_care": {7, 8},
	"recuperation": {5, 10}, "summer_camp": {7, 8}, "education_aid": {8, 9}, "hospital": {1, 12}, "other": {1, 12},
}

// visits generates about one visit for every 20 heroes, each to one to five
// families of heroes confirmed before it, in the visit's jurisdiction.
func (g *generator) visits() {
	r := g.r
	// eligible[pl] are the confirmed heroes of a jurisdiction by confirmation date.
	eligible := make([][]*hero, len(places))
	for _, h := range g.heroList {
		if h.status == "confirmed" {
			eligible[h.pl] = append(eligible[h.pl], h)
		}
	}
	pw := make([]weighted[int], 0, len(places))
	for i := range eligible {
		slices.SortStableFunc(eligible[i], func(a, b *hero) int { return a.confDate.Compare(b.confDate) })
		if len(eligible[i]) > 0 {
			pw = append(pw, weighted[int]{i, len(eligible[i])})
		}
	}
	if len(pw) == 0 {
		return
	}
	want := max(1, g.opts.Heroes/20)
	var vs []*visit
	for tries := 0; len(vs) < want && tries < want*20; tries++ {
		v := &visit{occasion: choose(r, occasions), pl: choose(r, pw), seq: tries}
		w := window[v.occasion]
		y := g.r.between(g.first(), g.opts.Year)
		start := date(y, w[0], 1)
		days := int(date(y, w[1], 1).AddDate(0, 1, 0).Sub(start).Hours() / 24)
		v.date = start.AddDate(0, 0, r.IntN(days))
		if v.occasion == "qingming" {
			v.date = date(y, 4, r.between(1, 5))
		}
		if v.date.After(g.yearEnd()) {
			continue
		}
		all := eligible[v.pl]
		n, _ := slices.BinarySearchFunc(all, v.date, func(h *hero, d time.Time) int {
			if h.confDate.After(d) {
				return 1
			}
			return -1
		})
		if n == 0 {
			continue
		}
		prefer := func(h *hero) bool {
			switch v.occasion {
			case "qingming":
				return h.outcome == "deceased"
			case "hospital":
				return (h.outcome == "injured" || h.outcome == "disabled") && v.date.Sub(h.deedDate) < 120*24*time.Hour
			case "spring_festival", "mid_autumn":
				return h.outcome == "deceased" || h.outcome == "disabled" || h.hardship
			}
			return true
		}
		k := min(n, choose(r, []weighted[int]{{1, 5}, {2, 3}, {3, 2}, {4, 1}, {5, 1}}))
		for range k * 8 {
			if len(v.heroes) == k {
				break
			}
			h := all[r.IntN(n)]
			if slices.Contains(v.heroes, h) || !prefer(h) && r.chance(0.8) {
				continue
			}
			v.heroes = append(v.heroes, h)
		}
		if len(v.heroes) == 0 {
			continue
		}
		vs = append(vs, v)
	}
	slices.SortStableFunc(vs, func(a, b *visit) int { return a.date.Compare(b.date) })
	seqs := map[int]int{}
	for _, v := range vs {
		y := v.date.Year()
		seqs[y]++
		v.id = fmt.Sprintf("V-%d-%04d", y, seqs[y])
		g.writeVisit(v)
	}
	g.visitList = vs
}

var occasionNames = map[string]string{
	"spring_festival": "春节走访慰问", "qingming": "清明祭扫慰问", "mid_autumn": "中秋走访慰问", "summer_care": "送清凉",
	"recuperation": "功模疗养", "summer_camp": "夏令营", "education_aid": "金秋助学", "hospital": "医院探望", "other": "走访慰问",
}

func (g *generator) writeVisit(v *visit) {
	r := g.r
	pl := places[v.pl]
	visitors := []string{pl.name + "见义勇为基金会"}
	if r.chance(0.4) {
		visitors = append([]string{"市见义勇为基金会"}, visitors...)
	}
	var b strings.Builder
	b.WriteString("# yaml-language-server: $schema=../../../schemas/visit.schema.json\n")
	fmt.Fprintf(&b, "id: %s\ndate: %s\noccasion: %s\njurisdiction: %s\nvisitors: [%s]\nbeneficiaries:\n",
		v.id, v.date.Format(time.DateOnly), v.occasion, pl.id, strings.Join(visitors, ", "))
	for _, h := range v.heroes {
		fmt.Fprintf(&b, "  - hero: %s\n", h.id)
		amount := 0
		switch v.occasion {
		case "spring_festival", "mid_autumn", "qingming":
			amount = r.between(2, 10) * 200
			if h.priority() {
				amount = r.between(4, 10) * 500
			}
		case "hospital", "education_aid":
			amount = r.between(2, 10) * 500
		case "other", "summer_care":
			amount = r.between(0, 5) * 200
		}
		v.amounts = append(v.amounts, amount)
		if amount > 0 {
			fmt.Fprintf(&b, "    amount: %d\n", amount)
		}
		fmt.Fprintf(&b, "    items: %s\n", pick(r, visitItems[v.occasion]))
	}
	fmt.Fprintf(&b, "note: %s\n", pick(r, visitNotes[v.occasion]))
	file := fmt.Sprintf("records/visits/%d/%s.yaml", v.date.Year(), v.id)
	g.add(file, []byte(b.String()))
	g.repo.changes = append(g.repo.changes, change{date: v.date, verb: "visit", id: v.id, label: occasionNames[v.occasion], jur: v.pl, file: File{file, []byte(b.String())}})
}

// priority reports whether the hero's family is among those visited first.
func (h *hero) priority() bool {
	return h.outcome == "deceased" || h.outcome == "disabled" || h.hardship
}
