//go:build !linux

package records

// adviseHuge gives no advice but on Linux.
func adviseHuge([]byte) {}
