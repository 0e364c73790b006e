package roster

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/model"
)

// TestOrderIsTheSort holds the roster's index and order, made from the
// runs the records come in, to a map filled in the records' order and a
// sort of every hero by jurisdiction and id: records sorted by file, in
// another order, with ids shared and jurisdictions not in the catalog.
func TestOrderIsTheSort(t *testing.T) {
	js := []model.Jurisdiction{{ID: "city"}, {ID: "b"}, {ID: "a"}, {ID: "c"}}
	for round := range 200 {
		r := rand.New(rand.NewPCG(uint64(round), 1))
		var hs []model.Hero
		n := r.IntN(60)
		for range n {
			j := []string{"a", "b", "c", "city", "x", ""}[r.IntN(6)]
			hs = append(hs, model.Hero{ID: "H-2020-" + itoa(r.IntN(3*n+1)), Jurisdiction: j, Name: itoa(len(hs))})
		}
		if round%2 == 0 { // as loaded: by jurisdiction's folder, then id
			slices.SortStableFunc(hs, func(a, b model.Hero) int {
				return cmp.Or(cmp.Compare(a.Jurisdiction, b.Jurisdiction), cmp.Compare(a.ID, b.ID))
			})
		}
		repo := &model.Repo{Heroes: hs, Jurisdictions: js}
		s := New(Input{Repo: repo})
		byID := map[string]*model.Hero{}
		for i := range hs {
			byID[hs[i].ID] = &hs[i]
		}
		for i := range hs {
			if got := s.Find(hs[i].ID); got != byID[hs[i].ID] {
				t.Fatalf("round %d: Find(%s) = %v, want %v", round, hs[i].ID, got, byID[hs[i].ID])
			}
		}
		if s.Find("H-2020-x") != nil || s.Find("") != nil {
			t.Fatalf("round %d: found an id no hero has", round)
		}
		if s.unique != (len(byID) == len(hs)) {
			t.Fatalf("round %d: unique %v", round, s.unique)
		}
		order := map[string]int{}
		for i, j := range js {
			order[j.ID] = i
		}
		var want []*model.Hero
		for i := range hs {
			want = append(want, byID[hs[i].ID])
		}
		slices.SortFunc(want, func(a, b *model.Hero) int {
			return cmp.Or(cmp.Compare(order[a.Jurisdiction], order[b.Jurisdiction]), cmp.Compare(a.ID, b.ID))
		})
		if !slices.Equal(s.ordered, want) {
			t.Fatalf("round %d: order differs from the sort", round)
		}
	}
}
