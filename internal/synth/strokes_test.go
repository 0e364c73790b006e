package synth

import (
	"testing"

	"github.com/yancheng-jyyw/roll/internal/stroke"
)

// TestNamesHaveStrokes: every character the generator puts into a name has
// its count and its strokes in internal/stroke's table, so the roll of a
// generated archive is in mainland stroke order without falling back to
// code points. A name added to the lists with a rarer character fails here.
func TestNamesHaveStrokes(t *testing.T) {
	for list, names := range map[string][]string{
		"surnames":    surnames,
		"maleGiven":   maleGiven,
		"femaleGiven": femaleGiven,
		"anonymized":  {"某"},
	} {
		if len(names) == 0 {
			t.Errorf("%s is empty", list)
		}
		for _, name := range names {
			for _, r := range name {
				if stroke.Shapes(r) == "" {
					t.Errorf("%s: %q: %c has no strokes in the table", list, name, r)
				}
			}
		}
	}
}
