package public

import (
	"fmt"

	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/value"
)

// Projector returns the part of a record's JSON value that may be shown at
// a visibility level ("public", "internal", "private"): a deep copy keeping
// only the properties whose schema marks them visible at that level. The
// schema package provides it; the public site asks for kind "hero" at
// "public".
type Projector interface {
	Project(kind string, v any, max string) any
}

// Hero is what the public may see of a hero: decoded from the record's
// public projection, never from model.Hero, so that a field added to the
// records stays off the site until the schema marks it public.
type Hero struct {
	ID           string  `json:"id"`
	Name         string  `json:"name"`
	Jurisdiction string  `json:"jurisdiction"`
	Deed         Deed    `json:"deed"`
	Outcome      string  `json:"outcome"`
	Martyr       *Martyr `json:"martyr"`
	Honors       []Award `json:"honors"`
}

// Deed is the public part of a deed.
type Deed struct {
	Date    model.Date `json:"date"`
	Place   string     `json:"place"`
	Kind    string     `json:"kind"`
	Summary string     `json:"summary"`
}

// Martyr is the official rating as 烈士.
type Martyr struct {
	Date model.Date `json:"date"`
	Doc  string     `json:"doc"`
}

// Award is a title awarded.
type Award struct {
	Honor      string `json:"honor"`
	Year       int    `json:"year"`
	Posthumous bool   `json:"posthumous"`
	Note       string `json:"note"`
}

// project decodes the public projection of h's record.
func project(p Projector, h *model.Hero) (Hero, error) {
	var ph Hero
	if err := value.Decode(p.Project("hero", h.Src.Raw, "public"), &ph); err != nil {
		return Hero{}, fmt.Errorf("%s: public projection: %w", h.Src.File, err)
	}
	if ph.ID == "" || ph.Name == "" {
		return Hero{}, fmt.Errorf("%s: public projection has no id or name: are they marked public in the hero schema?", h.Src.File)
	}
	return ph, nil
}

// Year is the year of the deed, which groups the roll; 0 when unknown.
func (d Deed) Year() int { return d.Date.Year() }

// kindLabels name the kinds of deed.
var kindLabels = map[string]string{
	"rescue":          "抢险救人",
	"stop_crime":      "制止违法犯罪",
	"disaster_relief": "抢险救灾",
	"other":           "见义勇为",
}

// KindLabel is the kind of deed in Chinese.
func (d Deed) KindLabel() string {
	if l, ok := kindLabels[d.Kind]; ok {
		return l
	}
	return "见义勇为"
}

// outcomeLabels name what happened to the hero; unharmed says nothing.
var outcomeLabels = map[string]string{
	"injured":  "负伤",
	"disabled": "致残",
	"deceased": "英勇牺牲",
	"missing":  "失踪",
}

// OutcomeLabel is what the deed cost the hero, in Chinese; "" when unharmed.
func (h *Hero) OutcomeLabel() string { return outcomeLabels[h.Outcome] }

// Fallen reports whether the hero gave their life.
func (h *Hero) Fallen() bool { return h.Outcome == "deceased" }

// LatestHonorYear is the year of the hero's latest title, 0 when none.
func (h *Hero) LatestHonorYear() int {
	y := 0
	for _, a := range h.Honors {
		y = max(y, a.Year)
	}
	return y
}
