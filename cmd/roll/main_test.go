package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

func TestMain(m *testing.M) {
	// The test binary runs as roll itself when a test forks it so (see
	// TestKilledBuild), as a real process that can be killed.
	if os.Getenv("ROLL_TEST_RUN_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	testscript.Main(m, map[string]func(){
		"roll": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// copyFixture makes dir a small repository that checks clean: the base
// records of internal/check's tests, and the repository's schemas, site
// templates and record templates (docs/templates, which staff copy).
func copyFixture(dir string) error {
	if err := os.CopyFS(dir, os.DirFS("../../internal/check/testdata/base")); err != nil {
		return err
	}
	for _, sub := range []string{"schemas", "templates", "docs/templates"} {
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
		Cmds:  clerkCommands,
	})
}

// clerkCommands edit records as a clerk does in GitHub's web editor,
// following the words of the templates and the guide:
//
//	fill FILE KEY VALUE     replace the "" of the first KEY: "" (KEY - for a list item) with VALUE
//	set FILE KEY VALUE      change the value of the first KEY: to VALUE (改为)
//	uncomment FILE KEY N    delete the # before the field name of #KEY: and of the N-1 lines below it
//	replace FILE OLD NEW    replace the first OLD with NEW
//	narrative FILE TEXT     write TEXT as a hero's narrative, after the front matter
//
// Each keeps the rest of its line, comments included.
var clerkCommands = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	"fill": func(ts *testscript.TestScript, neg bool, args []string) {
		edit(ts, neg, args, 3, func(lines []string) bool {
			for i, l := range lines {
				t := strings.TrimLeft(l, " ")
				if args[1] == "-" && strings.HasPrefix(t, `- ""`) || strings.HasPrefix(t, args[1]+`: ""`) || strings.HasPrefix(t, `- `+args[1]+`: ""`) {
					lines[i] = strings.Replace(l, `""`, args[2], 1)
					return true
				}
			}
			return false
		})
	},
	"set": func(ts *testscript.TestScript, neg bool, args []string) {
		edit(ts, neg, args, 3, func(lines []string) bool {
			for i, l := range lines {
				t := strings.TrimLeft(l, " -")
				if !strings.HasPrefix(t, args[1]+":") {
					continue
				}
				head := l[:len(l)-len(t)] + args[1] + ": "
				_, comment, has := strings.Cut(t, "  # ")
				lines[i] = head + args[2]
				if has {
					lines[i] += "  # " + comment
				}
				return true
			}
			return false
		})
	},
	"uncomment": func(ts *testscript.TestScript, neg bool, args []string) {
		edit(ts, neg, args, 3, func(lines []string) bool {
			n, err := strconv.Atoi(args[2])
			ts.Check(err)
			for i, l := range lines {
				if strings.HasPrefix(strings.TrimLeft(l, " "), "#"+args[1]+":") {
					for j := i; j < i+n && j < len(lines); j++ {
						lines[j] = strings.Replace(lines[j], "#", "", 1)
					}
					return true
				}
			}
			return false
		})
	},
	"replace": func(ts *testscript.TestScript, neg bool, args []string) {
		edit(ts, neg, args, 3, func(lines []string) bool {
			text := strings.Join(lines, "\n")
			if !strings.Contains(text, args[1]) {
				return false
			}
			copy(lines, strings.Split(strings.Replace(text, args[1], args[2], 1), "\n"))
			return true
		})
	},
	"narrative": func(ts *testscript.TestScript, neg bool, args []string) {
		edit(ts, neg, args, 2, func(lines []string) bool {
			for i := 1; i < len(lines); i++ {
				if lines[i] == "---" {
					for j := i + 1; j < len(lines); j++ {
						lines[j] = ""
					}
					lines[i+1] = args[1]
					return true
				}
			}
			return false
		})
	},
}

// edit runs change on the lines of the file args[0]; the command fails
// when change finds nothing to do, or with the wrong number of arguments.
func edit(ts *testscript.TestScript, neg bool, args []string, n int, change func(lines []string) bool) {
	if neg || len(args) != n {
		ts.Fatalf("usage: see clerkCommands (%d arguments, not negated)", n)
	}
	file := ts.MkAbs(args[0])
	data, err := os.ReadFile(file)
	ts.Check(err)
	lines := strings.Split(string(data), "\n")
	if !change(lines) {
		ts.Fatalf("%s: nothing to change for %q", args[0], args[1:])
	}
	out := strings.TrimRight(strings.Join(lines, "\n"), "\n") + "\n"
	ts.Check(os.WriteFile(file, []byte(out), 0o644))
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
		{[]string{"check", "--today", "0001-01-01"}, exitUsage, "--today 0001-01-01 超出了可接受的日期范围（1900-01-01 至 2100-12-31）"},
		{[]string{"check", "--lang", "en", "--today", "9999-12-31"}, exitUsage, "--today 9999-12-31 is outside the dates roll accepts, 1900-01-01 to 2100-12-31"},
		{[]string{"build", "--today", "0001-01-01"}, exitUsage, "超出了可接受的日期范围"},
		{[]string{"serve", "--today", "1899-12-31"}, exitUsage, "超出了可接受的日期范围"},
		{[]string{"new", "hero", "--today", "0001-01-01"}, exitUsage, "1900-01-01"},
		{[]string{"check", "--today", "2020-12-31", "records/heroes/sheyang/H-2019-9999.md"}, exitUsage, "records/heroes/sheyang/H-2019-9999.md：没有这个文件或文件夹"},
		{[]string{"check", "--lang", "en", "--today", "2020-12-31", "recods"}, exitUsage, "recods: there is no such file or folder"},
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

// TestCheckClosingLine: a clean check says so on a terminal and stays
// quiet in a CI log; with findings the verdict is the last line either way.
func TestCheckClosingLine(t *testing.T) {
	dir := t.TempDir()
	if err := copyFixture(dir); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	check := func(terminal bool, args ...string) string {
		var stdout, stderr bytes.Buffer
		env := environment{ctx: context.Background(), stdout: &stdout, stderr: &stderr, getenv: os.Getenv, stdoutTerminal: terminal}
		env.check(append([]string{"--today", "2020-12-31"}, args...))
		return stdout.String()
	}
	if got := check(false); got != "" {
		t.Errorf("clean, no terminal: stdout = %q, want nothing", got)
	}
	if got, want := check(true), "检查通过：没有发现问题\n"; got != want {
		t.Errorf("clean, on a terminal: stdout = %q, want %q", got, want)
	}
	if got, want := check(true, "--lang", "en"), "check passed: no problems found\n"; got != want {
		t.Errorf("clean, on a terminal, in English: stdout = %q, want %q", got, want)
	}
	broken(t, dir)
	for _, terminal := range []bool{false, true} {
		if got := check(terminal); !strings.HasSuffix(got, "\n检查未通过：共 3 个错误，0 个警告\n") {
			t.Errorf("errors, terminal=%t: stdout = %q, want it to end with the verdict", terminal, got)
		}
	}
}
