package wire

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestSealed: a sealed body is read back whole; every bit flipped, pairs
// of bytes changed, runs swapped or zeroed, and a body cut (sealed or
// not) are refused.
func TestSealed(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	body := make([]byte, 300)
	for i := range body {
		body[i] = byte(rnd.IntN(256))
	}
	b := AppendSeal(append([]byte("head"), body...), len("head"))
	got, ok := Sealed(b[len("head"):])
	if !ok || !bytes.Equal(got, body) {
		t.Fatalf("Sealed of a sealed body = %v, %v", ok, bytes.Equal(got, body))
	}
	whole := b[len("head"):]
	for i := range whole {
		for bit := range 8 {
			c := bytes.Clone(whole)
			c[i] ^= 1 << bit
			if _, ok := Sealed(c); ok {
				t.Fatalf("bit %d of byte %d flipped: read", bit, i)
			}
		}
	}
	for range 20000 {
		c := bytes.Clone(whole)
		i, j := rnd.IntN(len(c)), rnd.IntN(len(c))
		switch rnd.IntN(3) {
		case 0:
			c[i] ^= byte(1 + rnd.IntN(255))
			c[j] ^= byte(1 + rnd.IntN(255))
		case 1:
			c[i], c[j] = c[j], c[i]
		case 2:
			clear(c[min(i, j):max(i, j)])
		}
		if _, ok := Sealed(c); ok && !bytes.Equal(c, whole) {
			t.Fatalf("bytes %d and %d changed: read", i, j)
		}
	}
	for n := range len(whole) {
		if _, ok := Sealed(whole[:n]); ok {
			t.Fatalf("cut to %d of %d bytes: read", n, len(whole))
		}
	}
	if _, ok := Sealed(nil); ok {
		t.Error("no bytes: read")
	}
	// A file a crash left full of zeros is refused: the CRCs of zeros are
	// not zero.
	for n := SealSize + 1; n < 200; n++ {
		if _, ok := Sealed(make([]byte, n)); ok {
			t.Fatalf("%d zeros: read", n)
		}
	}
}
