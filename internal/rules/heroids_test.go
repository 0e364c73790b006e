package rules

import (
	"testing"

	"github.com/yancheng-jyyw/roll/internal/model"
)

// TestHeroIDs: the index of the heroes' ids finds what a map of their
// strings finds, for ids written as heroes' are (serials of four and five
// digits, leading zeros) and any other.
func TestHeroIDs(t *testing.T) {
	ids := []string{"H-2020-0001", "H-2020-0002", "H-2020-0001", "", "H-2020-00001", "H-2020-10001", "H-0202-00001",
		"H-2020-00001", "H-20200-0001", "H-2020-000a", "H-2020_0001", "H-2020-0001\x00", "X-2020-0001", "H-0000-0000", "H-0000-00000",
		"H-9999-99999", "H-2020-0001 "}
	heroes := make([]model.Hero, len(ids))
	for i, id := range ids {
		heroes[i].ID = id
	}
	x := newHeroIDs(heroes)
	want := map[string]int{}
	for i, id := range ids {
		first, dup := x.add(i)
		j, seen := want[id]
		if dup != seen || seen && first != &heroes[j] {
			t.Errorf("add %q: %v, want %v", id, dup, seen)
		}
		if !seen {
			want[id] = i
		}
	}
	for _, id := range append(ids, "H-2020-0003", "H-2020-001", "H-2020-000001", "H-2020-0000", "H-2020-00000", "h-2020-0001") {
		h, ok := x.get(id)
		j, seen := want[id]
		if ok != seen || seen && h != &heroes[j] {
			t.Errorf("get %q: %v, want %v", id, ok, seen)
		}
	}
}

// TestStemIs: stemIs is stem compared.
func TestStemIs(t *testing.T) {
	files := []string{"records/heroes/sheyang/H-2019-0003.md", "H-2019-0003.md", "a/b.c/H", "a/.md", "a/b.tar.gz", "", "/", "a/", "a//b.md", ".", "..", "a/b."}
	ids := []string{"H-2019-0003", "H", "", "b.tar", "b", ".", "..", "a"}
	for _, f := range files {
		for _, id := range ids {
			if got, want := stemIs(f, id), stem(f) == id; got != want {
				t.Errorf("stemIs(%q, %q) = %v, want %v", f, id, got, want)
			}
		}
	}
}
