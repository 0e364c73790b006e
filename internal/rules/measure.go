package rules

import (
	"github.com/yancheng-jyyw/roll/internal/measure"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/schema"
)

// measured checks a task whose target names what measures it
// (target.measure, package measure): event_kinds only with a measure of
// events, and a typed actual that disagrees with the count is a warning,
// since the pages show the count.
func (c *checker) measured(t *model.Task) {
	tg, src := t.Target, t.Src
	if tg == nil {
		return
	}
	if len(tg.EventKinds) > 0 && tg.Measure != measure.Events && tg.Measure != measure.Participants {
		c.errorf(src, src.KeyAt("target", "event_kinds"), "measure", "event_kinds counts only with measure: events or participants")
	}
	if tg.Measure == "" || tg.Actual == nil {
		return
	}
	n, err := measure.Task(c.repo, t)
	if err != nil || n == nil {
		return // a year beyond the festival calendar: the care page says so
	}
	if *tg.Actual != n.N {
		c.warnf(src, src.At("target", "actual"), "measure", "the typed figure %d differs from the %d counted from the records (%s): delete actual, or correct the records it counts",
			*tg.Actual, n.N, c.word(schema.Task, []string{"target", "measure"}, tg.Measure))
	}
}

// demonstration checks the day a station was made a demonstration
// station, which the measure new_demonstration_stations counts by.
func (c *checker) demonstration(s *model.Station) {
	if s.DemonstrationSince == "" {
		return
	}
	src := s.Src
	c.future(src, s.DemonstrationSince, "demonstration_since")
	switch {
	case !s.Demonstration:
		c.errorf(src, src.At("demonstration_since"), "measure", "demonstration_since is given but the station is not a demonstration station (demonstration: false)")
	case s.Since != "" && s.DemonstrationSince < s.Since:
		c.errorf(src, src.At("demonstration_since"), "date", "the station was made a demonstration station on %s, before it was founded on %s", string(s.DemonstrationSince), string(s.Since))
	}
}
