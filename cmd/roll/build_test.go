package main

import (
	"bytes"
	"context"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestBuildProgress: on a terminal roll build rewrites a progress line on
// stderr; without one (CI) it writes nothing but findings there. Either
// way stdout gets the one summary line.
func TestBuildProgress(t *testing.T) {
	dir := t.TempDir()
	if err := copyFixture(dir); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	summary := regexp.MustCompile(`^已生成公开网站 \d+ 个页面（公开 \d+ 位人员）和内部网站 \d+ 个页面：写入 \d+ 个文件，\d+ 个未变，用时 \S+\n$`)
	for _, terminal := range []bool{false, true} {
		var stdout, stderr bytes.Buffer
		env := environment{ctx: context.Background(), stdout: &stdout, stderr: &stderr, getenv: os.Getenv, terminal: terminal}
		if code := env.build([]string{"--today", "2021-01-20"}); code != exitOK {
			t.Fatalf("terminal=%t: exit %d, stderr %q", terminal, code, &stderr)
		}
		if !summary.MatchString(stdout.String()) {
			t.Errorf("terminal=%t: stdout = %q, want one summary line", terminal, &stdout)
		}
		progress := strings.Contains(stderr.String(), "\r已渲染 ")
		if progress != terminal {
			t.Errorf("terminal=%t: stderr = %q; progress shown: %t", terminal, &stderr, progress)
		}
		if terminal {
			// The last progress line says all pages are done, then is cleared.
			if !regexp.MustCompile(`已渲染 (\d+) / (\d+) 个页面\x1b\[K\r\x1b\[K`).MatchString(stderr.String()) {
				t.Errorf("stderr = %q: want progress lines ending in a cleared line", &stderr)
			}
		}
	}
	// Nothing changed since: the second build wrote no file.
	var stdout bytes.Buffer
	env := environment{ctx: context.Background(), stdout: &stdout, stderr: &bytes.Buffer{}, getenv: os.Getenv}
	env.build([]string{"--today", "2021-01-20"})
	if !strings.Contains(stdout.String(), "写入 0 个文件") {
		t.Errorf("a build of unchanged records: %q, want 写入 0 个文件", &stdout)
	}
}

func TestIsTerminal(t *testing.T) {
	if isTerminal(&bytes.Buffer{}) {
		t.Error("isTerminal(buffer) = true")
	}
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if isTerminal(f) {
		t.Error("isTerminal(regular file) = true")
	}
}
