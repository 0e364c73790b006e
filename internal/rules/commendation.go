package rules

import (
	"strconv"

	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/schema"
)

// commendations checks decisions, nominations and the decisions that heroes'
// honors name (DESIGN §3): a decision's awards appear in its heroes' honors,
// with the same honor and the decision's year; an awarded nomination names
// the decision that awarded it.
func (c *checker) commendations() {
	for i := range c.repo.Decisions {
		c.decision(&c.repo.Decisions[i])
	}
	for i := range c.repo.Nominations {
		c.nomination(&c.repo.Nominations[i])
	}
	for i := range c.repo.Heroes {
		c.honorDecisions(&c.repo.Heroes[i])
	}
}

func (c *checker) decision(d *model.Decision) {
	src := d.Src
	year := d.Date.Year()
	if strconv.Itoa(year) != folder(src.File) {
		c.errorf(src, src.At("date"), "id", "the decision is in the folder %s but its date is in %d", folder(src.File), year)
	}
	if y, err := strconv.Atoi(idYear(d.ID)); err == nil && y != year {
		c.errorf(src, src.At("id"), "id", "the id %s has the year %d but the decision was made in %d", d.ID, y, year)
	}
	c.future(src, d.Date, "date")
	if d.Status == "withdrawn" {
		return
	}
	seen := map[[2]string]bool{}
	for i, a := range d.Awards {
		at := strconv.Itoa(i)
		if seen[[2]string{a.Hero, a.Honor}] {
			c.errorf(src, src.At("awards", at, "honor"), "decision", "the decision awards %s to %s twice", a.Honor, a.Hero)
		}
		seen[[2]string{a.Hero, a.Honor}] = true
		honorOK := true
		if _, ok := c.repo.Honor(a.Honor); !ok {
			c.errorf(src, src.At("awards", at, "honor"), "ref", "the honor %s is not in catalog/honors.yaml", a.Honor)
			honorOK = false
		}
		h, ok := c.heroes.get(a.Hero)
		if !ok {
			if !c.broken(a.Hero) {
				c.errorf(src, src.At("awards", at, "hero"), "ref", "no hero has the id %s", a.Hero)
			}
			continue
		}
		if !honorOK {
			continue
		}
		entry := -1
		for j, aw := range h.Honors {
			if aw.Honor == a.Honor && aw.Year == year && (aw.Decision == "" || aw.Decision == d.ID) {
				entry = j
				break
			}
		}
		if entry < 0 {
			c.errorf(src, src.At("awards", at, "hero"), "decision", "the decision awards %s to %s, but the hero's honors have no %s of %d for this decision",
				a.Honor, a.Hero, a.Honor, year)
			continue
		}
		if p := h.Honors[entry].Posthumous; p != a.Posthumous {
			c.errorf(src, src.At("awards", at, "hero"), "decision", "the award of %s to %s is posthumous %t here but %t in the hero's honors",
				a.Honor, a.Hero, a.Posthumous, p)
		}
	}
}

// honorDecisions checks the decisions that a hero's honors name.
func (c *checker) honorDecisions(h *model.Hero) {
	ix := c.refs()
	for i, a := range h.Honors {
		if a.Decision == "" {
			continue
		}
		at := []string{"honors", strconv.Itoa(i), "decision"}
		d, ok := ix.decisions[a.Decision]
		switch {
		case !ok:
			if !c.broken(a.Decision) {
				c.errorf(h.Src, h.Src.At(at...), "ref", "no decision has the id %s", a.Decision)
			}
		case d.Status == "withdrawn":
			c.errorf(h.Src, h.Src.At(at...), "decision", "the decision %s was withdrawn", a.Decision)
		case d.Date.Year() != a.Year:
			c.errorf(h.Src, h.Src.At(at...), "decision", "the honor year %d is not the year of the decision %s (%d)", a.Year, a.Decision, d.Date.Year())
		case !awards(d, h.ID, a.Honor):
			c.errorf(h.Src, h.Src.At(at...), "decision", "the decision %s does not award %s to %s", a.Decision, a.Honor, h.ID)
		}
	}
}

// awards reports whether d awards honor to hero.
func awards(d *model.Decision, hero, honor string) bool {
	for _, a := range d.Awards {
		if a.Hero == hero && a.Honor == honor {
			return true
		}
	}
	return false
}

func (c *checker) nomination(n *model.Nomination) {
	src := n.Src
	if y := idYear(n.ID); y != folder(src.File) {
		c.errorf(src, src.At("id"), "id", "the nomination %s is in the folder %s of another year", n.ID, folder(src.File))
	}
	if n.Submitted != "" {
		c.future(src, n.Submitted, "submitted")
	}
	if w := n.Notice; w != nil {
		if w.To.Time().Before(w.From.Time()) {
			c.errorf(src, src.At("notice", "to"), "date", "the notice ends on %s, before it begins on %s", string(w.To), string(w.From))
		} else if n.Submitted != "" && n.Submitted.Time().Before(w.To.Time()) {
			c.warnf(src, src.At("submitted"), "nomination", "the nomination was submitted on %s, before its notice ended on %s", string(n.Submitted), string(w.To))
		}
	}
	if _, ok := c.repo.Honor(n.Honor); !ok {
		c.errorf(src, src.At("honor"), "ref", "the honor %s is not in catalog/honors.yaml", n.Honor)
	}
	for i, id := range n.Heroes {
		at := src.At("heroes", strconv.Itoa(i))
		h, ok := c.heroes.get(id)
		switch {
		case !ok:
			if !c.broken(id) {
				c.errorf(src, at, "ref", "no hero has the id %s", id)
			}
		case h.Status != "confirmed" && n.Status != "withdrawn":
			c.warnf(src, at, "nomination", "the nominee %s is %s, not confirmed: only a confirmed hero may receive a title",
				id, c.word(schema.Hero, []string{"status"}, h.Status))
		}
	}
	outcome := c.word(schema.Nomination, []string{"outcome"}, n.Outcome)
	if n.Outcome != "pending" && n.Submitted == "" {
		c.errorf(src, src.KeyAt("outcome"), "nomination", "the outcome is %s, but the nomination has no date it was submitted", outcome)
	}
	switch {
	case n.Outcome == "awarded" && n.Decision == "":
		c.errorf(src, src.KeyAt("outcome"), "nomination", "an awarded nomination names the decision that awarded it: add decision")
		return
	case n.Outcome != "awarded" && n.Decision != "":
		c.errorf(src, src.At("decision"), "nomination", "only an awarded nomination names a decision, but the outcome is %s", outcome)
		return
	case n.Decision == "":
		return
	}
	d, ok := c.refs().decisions[n.Decision]
	if !ok {
		if !c.broken(n.Decision) {
			c.errorf(src, src.At("decision"), "ref", "no decision has the id %s", n.Decision)
		}
		return
	}
	for i, id := range n.Heroes {
		if _, known := c.heroes.get(id); known && !awards(d, id, n.Honor) {
			c.errorf(src, src.At("heroes", strconv.Itoa(i)), "nomination", "the decision %s does not award %s to %s", n.Decision, n.Honor, id)
		}
	}
}
