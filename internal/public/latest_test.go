package public

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/model"
)

// TestFirstLatestIsSorted: firstLatest gives the first k heroes of the
// whole list sorted in latestOrder, for any k, ties of the year and date
// broken by the id as the sort breaks them.
func TestFirstLatestIsSorted(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	for n := range 120 {
		hs := make([]*entry, n)
		for i := range hs {
			e := &entry{}
			e.ID = fmt.Sprintf("H-%04d", rnd.IntN(10000))
			e.ID += fmt.Sprintf("-%d", i) // unique, as newRoll requires
			e.Deed.Date = model.Date(fmt.Sprintf("2020-0%d-01", 1+rnd.IntN(3)))
			for range rnd.IntN(3) {
				e.Hero.Honors = append(e.Hero.Honors, Award{Year: 2018 + rnd.IntN(3)})
			}
			e.latest = e.LatestHonorYear() // as newRoll sets it
			hs[i] = e
		}
		all := slices.Clone(hs)
		slices.SortFunc(all, latestOrder)
		for _, k := range []int{0, 1, 8, 50, n} {
			if got, want := firstLatest(hs, k), all[:min(k, n)]; !slices.Equal(got, want) {
				t.Fatalf("%d heroes, k %d: got %v, want %v", n, k, ids(got), ids(want))
			}
		}
	}
}

func ids(es []*entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}
