package roster

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/site"
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
			// Ids of the usual form, and some longer than a key's 16
			// bytes, one the prefix of another, or with a NUL.
			id := []string{"H-2020-", "H-2020-", "H-2020-", "HERO-OF-THE-CITY-", "HERO-OF-THE-CITY", "H-2020-\x00"}[r.IntN(6)] + itoa(r.IntN(3*n+1))
			if r.IntN(8) == 0 {
				id = id[:r.IntN(len(id)+1)]
			}
			hs = append(hs, model.Hero{ID: id, Jurisdiction: j, Name: itoa(len(hs))})
		}
		if round%2 == 0 { // as loaded: by jurisdiction's folder, then id
			slices.SortStableFunc(hs, func(a, b model.Hero) int {
				return cmp.Or(cmp.Compare(a.Jurisdiction, b.Jurisdiction), cmp.Compare(a.ID, b.ID))
			})
		}
		repo := &model.Repo{Heroes: hs, Jurisdictions: js}
		s := New(Input{Repo: repo})
		// Unnamed is the first hero whose id or jurisdiction cannot name
		// a page, as a check of every hero finds.
		var unnamed *model.Hero
		for i := range hs {
			if !site.SafeName(hs[i].ID) || !site.SafeName(hs[i].Jurisdiction) {
				unnamed = &hs[i]
				break
			}
		}
		if got := s.Unnamed(); got != unnamed {
			t.Fatalf("round %d: Unnamed is %v, want %v", round, got, unnamed)
		}
		byID := map[string]*model.Hero{}
		for i := range hs {
			byID[hs[i].ID] = &hs[i]
		}
		for i := range hs {
			if got := s.Find(hs[i].ID); got != byID[hs[i].ID] {
				t.Fatalf("round %d: Find(%s) = %v, want %v", round, hs[i].ID, got, byID[hs[i].ID])
			}
		}
		if s.Find("H-2020-x") != nil || s.Find("HERO-OF-THE-CITY-x") != nil {
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

// TestCompareIDsIsCompare holds the comparison by keys to strings.Compare
// on ids of every length around a key's 16 bytes, with NULs, prefixes of
// each other and one byte apart.
func TestCompareIDsIsCompare(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 1))
	alphabet := "\x00-0129AHZ\xff"
	var ids []string
	for range 3000 {
		b := make([]byte, r.IntN(20))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		ids = append(ids, string(b))
	}
	for i, a := range ids {
		for _, b := range []string{ids[(i+1)%len(ids)], a, a + "\x00", a + "0", strings.TrimSuffix(a, "\x00")} {
			if got, want := compareIDs(keyOf(a), keyOf(b), a, b), strings.Compare(a, b); got != want {
				t.Fatalf("compareIDs(%q, %q) = %d, want %d", a, b, got, want)
			}
		}
	}
}
