package public

import (
	"fmt"

	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/internal/value"
)

// Projector is what the public site reads of the schemas. Project returns
// the part of a record's JSON value that may be shown at a visibility
// level ("public", "internal", "private"): a deep copy keeping only the
// properties whose schema marks them visible at that level; the public
// site asks for kind "hero" at "public". Enum returns the values of the
// enum at path of records of kind, in the schema's order, each with its
// word (x-enum-titles): the one vocabulary of roll, which the public pages
// show for kinds of deed and outcomes. The schema package provides both.
type Projector interface {
	Project(kind string, v any, max string) any
	Enum(kind string, path ...string) []schema.EnumValue
}

// words are the schemas' words for the enums the public pages show.
type words struct {
	kinds, outcomes []schema.EnumValue
}

func newWords(p Projector) words {
	return words{kinds: p.Enum("hero", "deed", "kind"), outcomes: p.Enum("hero", "outcome")}
}

// of returns value with its word from vs; the value is its own word when
// the schema has none (a value it rejects, which roll check reports).
func of(vs []schema.EnumValue, value string) schema.EnumValue {
	for _, v := range vs {
		if v.Value == value {
			return v
		}
	}
	return schema.EnumValue{Value: value, Title: value}
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
	Case    string     `json:"case"` // shared by the heroes of one group deed; "" for none
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

// PackedProjector is a Projector that also decodes a projection from a
// record's packed value in one pass, as schema.Set.ProjectPacked does:
// the result of Project and value.Decode, without the maps between.
type PackedProjector interface {
	Projector
	ProjectPacked(kind string, packed []byte, max string, dst any) error
}

// project decodes the public projection of h's record.
func project(p Projector, h *model.Hero) (Hero, error) {
	var ph Hero
	var err error
	if pp, ok := p.(PackedProjector); ok && h.Src.Raw == nil && h.Src.Packed != nil {
		err = pp.ProjectPacked("hero", h.Src.Packed, "public", &ph)
	} else {
		err = value.Decode(p.Project("hero", h.Src.Value(), "public"), &ph)
	}
	if err != nil {
		return Hero{}, fmt.Errorf("%s: public projection: %w", h.Src.File, err)
	}
	if ph.ID == "" || ph.Name == "" {
		return Hero{}, fmt.Errorf("%s: public projection has no id or name: are they marked public in the hero schema?", h.Src.File)
	}
	return ph, nil
}

// Year is the year of the deed, which groups the roll; 0 when unknown.
func (d Deed) Year() int { return d.Date.Year() }

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
