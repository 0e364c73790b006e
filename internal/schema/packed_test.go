package schema

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/value"
)

// publicHero mirrors public.Hero: what the public site decodes from a
// hero's public projection (by json tags, where model.Hero has yaml ones).
type publicHero struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	Jurisdiction string `json:"jurisdiction"`
	Deed         struct {
		Date    model.Date `json:"date"`
		Place   string     `json:"place"`
		Kind    string     `json:"kind"`
		Summary string     `json:"summary"`
		Case    string     `json:"case"`
	} `json:"deed"`
	Outcome string `json:"outcome"`
	Martyr  *struct {
		Date model.Date `json:"date"`
		Doc  string     `json:"doc"`
	} `json:"martyr"`
	Honors []struct {
		Honor      string `json:"honor"`
		Year       int    `json:"year"`
		Posthumous bool   `json:"posthumous"`
		Note       string `json:"note"`
	} `json:"honors"`
	Rest any `json:"private"` // never public: must stay empty
}

// TestProjectPackedIsProjectInto: the one pass from the packed value
// (value.DecodeProjected with the schema's projection) stores what
// ProjectInto stores from the value, at each level of visibility, into
// the internal site's model.Hero and the public site's Hero, for a valid
// hero and thousands of seeded variations of it: properties added where
// the schema has none, private and internal ones given values of the
// wrong type (which the projection drops before decoding), values
// removed, nulled or of another type. The one pass is checked itself,
// not through ProjectPacked's fallback: it must succeed wherever
// ProjectInto does, and fail wherever ProjectInto fails.
func TestProjectPackedIsProjectInto(t *testing.T) {
	s := set(t)
	base := decode(t, validHero)
	rng := rand.New(rand.NewPCG(13, 3))
	cases := []any{base}
	for range 4000 {
		cases = append(cases, vary(rng, clone(base), 3))
	}
	ok := 0
	for i, v := range cases {
		b, err := value.Append(nil, v)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		for _, level := range []string{Public, Internal, Private, "everyone"} {
			for _, dst := range []func() any{func() any { return new(model.Hero) }, func() any { return new(publicHero) }} {
				want, got := dst(), dst()
				werr := s.ProjectInto(Hero, v, level, want)
				gerr := value.DecodeProjected(b, s.filter(Hero, level), got, &s.fields)
				if (werr == nil) != (gerr == nil) {
					t.Fatalf("case %d at %s into %T: ProjectInto gives error %v, the one pass %v\n%v", i, level, want, werr, gerr, v)
				}
				if werr != nil {
					continue
				}
				ok++
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("case %d at %s: the one pass stores\n\t%+v\nProjectInto\n\t%+v\nfrom %v", i, level, got, want, v)
				}
				// And ProjectPacked, the one callers use.
				pp := dst()
				if err := s.ProjectPacked(Hero, b, level, pp); err != nil || !reflect.DeepEqual(pp, want) {
					t.Fatalf("case %d at %s: ProjectPacked = %+v, %v; want %+v", i, level, pp, err, want)
				}
			}
		}
	}
	if ok < len(cases) {
		t.Errorf("only %d of %d decodes succeeded: the variations are too hostile to test equal results", ok, 8*len(cases))
	}
}

// vary changes v at random: at each map, maybe a property added, removed,
// nulled or given a value of another type, and the same further down.
func vary(rng *rand.Rand, v any, depth int) any {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		// sorted, so that the seed decides everything
		for i := 1; i < len(keys); i++ {
			for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
				keys[j], keys[j-1] = keys[j-1], keys[j]
			}
		}
		for _, k := range keys {
			switch rng.IntN(12) {
			case 0:
				delete(v, k)
			case 1:
				v[k] = nil
			case 2:
				v[k] = scalar(rng)
			default:
				if depth > 0 {
					v[k] = vary(rng, v[k], depth-1)
				}
			}
		}
		if rng.IntN(3) == 0 {
			v[fmt.Sprintf("extra%d", rng.IntN(3))] = scalar(rng)
		}
		if rng.IntN(8) == 0 {
			v["nested"] = map[string]any{"x": scalar(rng), "y": []any{scalar(rng)}}
		}
		return v
	case []any:
		for i := range v {
			v[i] = vary(rng, v[i], depth-1)
		}
		if rng.IntN(6) == 0 {
			v = append(v, scalar(rng))
		}
		return v
	}
	return v
}

func scalar(rng *rand.Rand) any {
	switch rng.IntN(6) {
	case 0:
		return "文字"
	case 1:
		return json.Number("2020")
	case 2:
		return json.Number("1.5")
	case 3:
		return true
	case 4:
		return []any{"a", json.Number("7")}
	}
	return map[string]any{"date": "2020-01-02", "k": "v"}
}
