package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "repo")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-out", dir, "-heroes", "20", "-seed", "9"}, &stdout, &stderr); code != 0 {
		t.Fatalf("run = %d, want 0; stderr:\n%s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "20 heroes") {
		t.Errorf("stdout = %q, want the count of heroes", stdout.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "records", "site.yaml")); err != nil {
		t.Error(err)
	}
	// The folder is not empty now: rollgen refuses to write into it.
	if code := run([]string{"-out", dir, "-heroes", "20"}, &stdout, &stderr); code != 1 {
		t.Errorf("run into a full folder = %d, want 1", code)
	}
	for _, args := range [][]string{{}, {"-heroes", "5"}, {"-out", dir, "-heroes", "0"}, {"-out", dir, "-bogus"}} {
		stderr.Reset()
		if code := run(args, &stdout, &stderr); code != 2 {
			t.Errorf("run(%q) = %d, want 2", args, code)
		}
	}
}
