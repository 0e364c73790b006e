package main

import (
	"bytes"
	"context"
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

// TestBuildLimitsMemory: roll build runs under buildMemory, and roll
// check under checkMemory, unless GOMEMLIMIT says otherwise.
func TestBuildLimitsMemory(t *testing.T) {
	dir := t.TempDir()
	if err := copyFixture(dir); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	before := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })
	for _, tc := range []struct {
		cmd  string
		env  string
		want int64
	}{
		{"build", "", buildMemory},
		{"build", "3GiB", 456 << 20},
		{"check", "", checkMemory},
	} {
		debug.SetMemoryLimit(456 << 20)
		e := environment{ctx: context.Background(), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: func(k string) string {
			if k == "GOMEMLIMIT" {
				return tc.env
			}
			return ""
		}}
		run := e.build
		if tc.cmd == "check" {
			run = e.check
		}
		if code := run([]string{"--today", "2021-01-20"}); code != exitOK {
			t.Fatalf("roll %s: exit %d, stderr %q", tc.cmd, code, e.stderr)
		}
		if got := debug.SetMemoryLimit(-1); got != tc.want {
			t.Errorf("roll %s, GOMEMLIMIT=%q: limit %d, want %d", tc.cmd, tc.env, got, tc.want)
		}
	}
}

// TestCollectsLess: roll check sets the collector's GOGC to checkGC, and
// roll build to buildGC, unless GOGC is set, which the runtime has read
// and which is left as it is.
func TestCollectsLess(t *testing.T) {
	dir := t.TempDir()
	if err := copyFixture(dir); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	before := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(before) })
	limit := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(limit) })
	for _, tc := range []struct {
		cmd  string
		env  string
		want int
	}{
		{"check", "", checkGC},
		{"check", "50", 77},
		{"check", "off", 77},
		{"build", "", buildGC},
		{"build", "50", 77},
	} {
		debug.SetGCPercent(77) // as the runtime would have set it
		e := environment{ctx: context.Background(), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: func(k string) string {
			if k == "GOGC" {
				return tc.env
			}
			return ""
		}}
		run := e.build
		if tc.cmd == "check" {
			run = e.check
		}
		if code := run([]string{"--today", "2021-01-20"}); code != exitOK {
			t.Fatalf("roll %s: exit %d, stderr %q", tc.cmd, code, e.stderr)
		}
		if got := debug.SetGCPercent(100); got != tc.want {
			t.Errorf("roll %s, GOGC=%q: GOGC %d, want %d", tc.cmd, tc.env, got, tc.want)
		}
	}
}

// TestAdvised: huge pages are asked for under what a run needs, within
// [minAdvised, limit], and under the whole limit when the need is not
// known.
func TestAdvised(t *testing.T) {
	const limit = 1400 << 20
	for _, tc := range []struct {
		need, want int64
	}{
		{0, limit},
		{-1, limit},
		{1, minAdvised},
		{minAdvised, minAdvised},
		{300 << 20, 300 << 20},
		{limit, limit},
		{5 * limit, limit},
	} {
		if got := advised(limit, tc.need); got != tc.want {
			t.Errorf("advised(%d, %d) = %d, want %d", int64(limit), tc.need, got, tc.want)
		}
	}
}
