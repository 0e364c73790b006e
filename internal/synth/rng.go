package synth

import "math/rand/v2"

// rng is the one source of randomness of a generation: a PCG seeded from
// the seed, drawn from in a fixed order, so that a seed always gives the
// same repository.
type rng struct{ *rand.Rand }

func newRNG(seed uint64) *rng {
	return &rng{rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

// chance is true with probability p.
func (r *rng) chance(p float64) bool { return r.Float64() < p }

// between returns an int in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// perm is a random permutation of [0, n).
func (r *rng) perm(n int) []int { return r.Perm(n) }

// sample returns k distinct elements of xs in their original order.
func (r *rng) sample(xs []string, k int) []string {
	if k >= len(xs) {
		return append([]string(nil), xs...)
	}
	keep := make([]bool, len(xs))
	for _, i := range r.Perm(len(xs))[:k] {
		keep[i] = true
	}
	out := make([]string, 0, k)
	for i, x := range xs {
		if keep[i] {
			out = append(out, x)
		}
	}
	return out
}

// pick returns a random element of xs.
func pick[T any](r *rng, xs []T) T { return xs[r.IntN(len(xs))] }

// weighted is a choice with a relative weight.
type weighted[T any] struct {
	v T
	w int
}

// choose returns a value of ws with a probability proportional to its weight.
func choose[T any](r *rng, ws []weighted[T]) T {
	total := 0
	for _, w := range ws {
		total += w.w
	}
	n := r.IntN(total)
	for _, w := range ws {
		if n < w.w {
			return w.v
		}
		n -= w.w
	}
	return ws[len(ws)-1].v
}
