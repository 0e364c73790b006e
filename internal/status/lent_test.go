package status

import (
	"sync"
	"testing"
)

// TestLent: the value is made once for its n callers, also when they call
// at once, and made again for a caller after them.
func TestLent(t *testing.T) {
	made := 0
	get := lent(2, func() *int { made++; v := made; return &v })
	var wg sync.WaitGroup
	got := make([]*int, 2)
	for i := range got {
		wg.Go(func() { got[i] = get() })
	}
	wg.Wait()
	if made != 1 || got[0] != got[1] {
		t.Fatalf("two callers: made %d times, got %v and %v; want one value made once", made, got[0], got[1])
	}
	if third := get(); made != 2 || *third != 2 {
		t.Errorf("a third caller got %d after %d makes; want a value made again", *third, made)
	}
	if fourth := get(); made != 2 {
		t.Errorf("the fourth caller (second of the new pair) made it again: %d makes, got %d", made, *fourth)
	}
}
