package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"roll": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// copyFixture makes dir a small repository that checks clean: the base
// records of internal/check's tests, and the repository's schemas and
// templates.
func copyFixture(dir string) error {
	if err := os.CopyFS(dir, os.DirFS("../../internal/check/testdata/base")); err != nil {
		return err
	}
	for _, sub := range []string{"schemas", "templates"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS("../../"+sub)); err != nil {
			return err
		}
	}
	return nil
}

// TestScripts runs the CLI scripts of testdata/script, each in a fresh copy
// of the fixture repository.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:   "testdata/script",
		Setup: func(env *testscript.Env) error { return copyFixture(env.WorkDir) },
	})
}

// broken writes two defects into the fixture at dir: an impossible date and
// an extra field in a hero, and a visit to a hero that does not exist.
func broken(t *testing.T, dir string) {
	t.Helper()
	edit := func(file, old, new string) {
		p := filepath.Join(dir, file)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(old)) {
			t.Fatalf("%s does not contain %q", file, old)
		}
		os.WriteFile(p, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644)
	}
	edit("records/heroes/sheyang/H-2019-0002.md", "  date: 2019-06-18", "  date: 2019-02-30")
	edit("records/heroes/sheyang/H-2019-0002.md", "hardship: false", "hardship: false\nwechat: \"wx,100%: 见义勇为\"")
	edit("records/visits/2020/V-2020-0001.yaml", "hero: H-2019-0002", "hero: H-2019-0777")
}

func TestCheckGolden(t *testing.T) {
	goldenDir, err := filepath.Abs("testdata/golden")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := copyFixture(dir); err != nil {
		t.Fatal(err)
	}
	broken(t, dir)
	t.Chdir(dir)
	for _, format := range []string{"text", "json", "github"} {
		for _, lang := range []string{"zh", "en"} {
			var stdout, stderr bytes.Buffer
			code := run([]string{"check", "--today", "2020-12-31", "--format", format, "--lang", lang}, &stdout, &stderr)
			if code != exitFindings {
				t.Errorf("check --format %s --lang %s: exit %d, want %d; stderr: %s", format, lang, code, exitFindings, &stderr)
			}
			golden(t, filepath.Join(goldenDir, "check."+format+"."+lang), stdout.Bytes())
		}
	}
}

// golden compares got with the file, or rewrites the file with -update.
func golden(t *testing.T, file string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update and review the diff)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", file, got, want)
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	if err := copyFixture(dir); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{nil, exitUsage, "用法"},
		{[]string{"frobnicate"}, exitUsage, `没有 "frobnicate" 这个命令`},
		{[]string{"frobnicate", "--lang", "en"}, exitUsage, `unknown command "frobnicate"`},
		{[]string{"help"}, exitOK, ""},
		{[]string{"check", "--today", "2020-12-31"}, exitOK, ""},
		{[]string{"check", "--format", "xml"}, exitUsage, `不认识的输出格式 "xml"`},
		{[]string{"check", "--lang", "fr"}, exitUsage, `不认识的语言 "fr"`},
		{[]string{"check", "--today", "2020-13-01"}, exitUsage, `--today "2020-13-01" 不是 YYYY-MM-DD 格式的日期`},
		{[]string{"check", "--no-such-flag"}, exitUsage, "没有这个选项：-no-such-flag"},
		{[]string{"check", "/"}, exitUsage, "不在记录仓库"},
		{[]string{"check", "--lang", "en", "/"}, exitUsage, "outside the repository"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := run(tt.args, &stdout, &stderr)
		if code != tt.code || !strings.Contains(stderr.String(), tt.stderr) {
			t.Errorf("run(%q) = %d, stderr %q; want %d, stderr containing %q", tt.args, code, &stderr, tt.code, tt.stderr)
		}
	}
}

func TestOutsideARepository(t *testing.T) {
	t.Chdir(t.TempDir())
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check"}, &stdout, &stderr); code != exitUsage || !strings.Contains(stderr.String(), "找不到记录仓库") {
		t.Errorf("check outside a repository = %d, %q", code, &stderr)
	}
}
