//go:build !linux

package hugeheap

// Prefer does nothing outside Linux: it reports false.
func Prefer(n int) bool { return false }
