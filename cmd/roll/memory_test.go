package main

import (
	"runtime/debug"
	"testing"
)

// TestLimitMemory: roll sets its soft memory limit, unless GOMEMLIMIT is
// set, which the runtime has read and which is left as it is.
func TestLimitMemory(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })
	for _, tc := range []struct {
		env  string
		want int64
	}{
		{"", 123 << 20},
		{"off", 456 << 20},
		{"2GiB", 456 << 20},
	} {
		debug.SetMemoryLimit(456 << 20) // as the runtime would have set it
		e := environment{getenv: func(k string) string {
			if k == "GOMEMLIMIT" {
				return tc.env
			}
			return ""
		}}
		e.limitMemory(123 << 20)
		if got := debug.SetMemoryLimit(-1); got != tc.want {
			t.Errorf("GOMEMLIMIT=%q: limit %d, want %d", tc.env, got, tc.want)
		}
	}
}
