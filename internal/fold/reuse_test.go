package fold

import (
	"slices"
	"strings"
	"sync"
	"testing"
)

// TestDictEditsReused: Edits gives the same edits whatever texts the
// Dict's Folders folded before, longer or shorter, and from several
// goroutines at once, as a Dict that folds each text first.
func TestDictEditsReused(t *testing.T) {
	words := []string{"张三", "陈涛", "王伟明"}
	texts := []string{
		strings.Repeat("见义勇为的王伟明，", 300) + "张三",
		"张三救人",
		"见&#24352;\n三与陈涛",
		"陈涛镇",
		"",
		strings.Repeat("ＡＢ王 伟 明", 50),
		"陈\u200b涛来了",
	}
	repl := func(m Match, tx Text) (string, bool) { return "某某", !PlaceAfter(tx.S[m.End:]) }
	fresh := func(s string) []Edit {
		var d Dict
		for _, w := range words {
			d.Add(w)
		}
		return d.Edits(s, repl)
	}
	want := make([][]Edit, len(texts))
	for i, s := range texts {
		want[i] = fresh(s)
	}
	var d Dict
	for _, w := range words {
		d.Add(w)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for round := range 50 {
				for k := range texts {
					i := (k*(g+1) + round) % len(texts)
					if got := d.Edits(texts[i], repl); !slices.Equal(got, want[i]) {
						t.Errorf("Edits(%.30q) after other texts = %v, want %v", texts[i], got, want[i])
						return
					}
				}
			}
		})
	}
	wg.Wait()
}
