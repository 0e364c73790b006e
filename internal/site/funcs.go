package site

// Percent is n as a whole percentage of max, for the width of a bar; at
// least 1 when n is positive so that a small count stays visible, 0 when max
// is not positive.
func Percent(n, max int) int {
	if max <= 0 || n <= 0 {
		return 0
	}
	p := n * 100 / max
	if p < 1 {
		p = 1
	}
	if p > 100 {
		p = 100
	}
	return p
}
