package rules

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestPlaceholderAt: placeholderAt finds the placeholder where
// strings.Index does, in texts that hold it, parts of it and its bytes.
func TestPlaceholderAt(t *testing.T) {
	p := NarrativePlaceholder
	if p[29] != 0xA3 {
		t.Fatalf("byte 29 of the placeholder is %#x, not the rare one", p[29])
	}
	cases := []string{"", p, p[:32], p[1:], "正" + p, "x" + p + p, strings.Repeat("正文", 40) + p, p[:30] + p, "请把这两段换成事迹正" + p[:29]}
	r := rand.New(rand.NewPCG(3, 4))
	pieces := []string{p, p[:29], p[:30], p[29:], "正", "文", "请", "事迹正文", "\xa3", "a", "\n"}
	for range 5000 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		cases = append(cases, b.String())
	}
	for _, s := range cases {
		if got, want := placeholderAt(s), strings.Index(s, p); got != want {
			t.Errorf("placeholderAt(%q) = %d, want %d", s, got, want)
		}
	}
}
