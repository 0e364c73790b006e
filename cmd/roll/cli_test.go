package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"unicode"
)

// subcommands are every form of roll's command line, as -h takes them.
var subcommands = [][]string{{"check"}, {"build"}, {"serve"}, {"new"},
	{"new", "hero"}, {"new", "visit"}, {"new", "task"}, {"new", "report"}, {"new", "event"},
	{"new", "team"}, {"new", "decision"}, {"new", "nomination"}, {"new", "fund"}}

// TestHelp: every subcommand prints its usage and options to stdout for -h
// and exits 0; in Chinese by default, in English with --lang en (before or
// after -h), every option described in the language.
func TestHelp(t *testing.T) {
	t.Chdir(t.TempDir()) // -h needs no repository
	for _, sub := range subcommands {
		help := map[string]string{}
		for _, lang := range []string{"", "zh", "en"} {
			for _, h := range []string{"-h", "--help"} {
				args := append(append([]string{}, sub...), h)
				if lang != "" {
					args = append(append(append([]string{}, sub...), "--lang", lang), h)
				}
				var stdout, stderr bytes.Buffer
				code := run(args, &stdout, &stderr)
				out := stdout.String()
				if code != exitOK || stderr.Len() > 0 {
					t.Errorf("roll %s = %d, stderr %q; want 0 and nothing on stderr", strings.Join(args, " "), code, &stderr)
				}
				wantUsage, wantOptions := "用法", "选项："
				if lang == "en" {
					wantUsage, wantOptions = "usage:", "options:"
				}
				if !strings.HasPrefix(out, wantUsage) || !strings.Contains(out, wantOptions) || !strings.Contains(out, "--lang") {
					t.Errorf("roll %s printed\n%s\nwant the usage (%s), the options (%s) and --lang", strings.Join(args, " "), out, wantUsage, wantOptions)
				}
				help[lang] = out
			}
		}
		if help[""] != help["zh"] {
			t.Errorf("roll %s -h: the default differs from --lang zh", strings.Join(sub, " "))
		}
		// Each option's description is translated: no line of the
		// Chinese options is the English one.
		en := map[string]bool{}
		for line := range strings.Lines(help["en"]) {
			en[line] = true
		}
		for line := range strings.Lines(help["zh"]) {
			if strings.HasPrefix(line, "    \t") && en[line] && strings.ContainsFunc(line, unicode.IsLetter) {
				t.Errorf("roll %s -h: option described in English only: %q", strings.Join(sub, " "), line)
			}
		}
	}
	// roll itself.
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"help"}, "用法"},
		{[]string{"-h"}, "用法"},
		{[]string{"help", "--lang", "en"}, "usage:"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(tt.args, &stdout, &stderr); code != exitOK || !strings.HasPrefix(stdout.String(), tt.want) {
			t.Errorf("roll %s = %d, %q; want 0 and %q", strings.Join(tt.args, " "), code, &stdout, tt.want)
		}
	}
}

// TestBadUsage: every subcommand exits 2 on an unknown flag or a bad
// --lang, and says so, with its usage, on stderr, in the language asked.
func TestBadUsage(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, sub := range subcommands {
		for _, tt := range []struct {
			extra []string
			want  string
		}{
			{[]string{"--no-such-flag"}, "没有这个选项：-no-such-flag"},
			{[]string{"--lang", "en", "--no-such-flag"}, "flag provided but not defined: -no-such-flag"},
			{[]string{"--lang", "fr"}, `不认识的语言 "fr"（应为 zh 或 en）`},
		} {
			args := append(append([]string{}, sub...), tt.extra...)
			var stdout, stderr bytes.Buffer
			code := run(args, &stdout, &stderr)
			if code != exitUsage || !strings.Contains(stderr.String(), tt.want) || stdout.Len() > 0 {
				t.Errorf("roll %s = %d, stdout %q, stderr %q; want %d and %q on stderr", strings.Join(args, " "), code, &stdout, &stderr, exitUsage, tt.want)
			}
		}
	}
}

// TestLang: what each subcommand prints when it works is Chinese by
// default and English with --lang en.
func TestLang(t *testing.T) {
	dir := t.TempDir()
	if err := copyFixture(dir); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tt := range []struct {
		args     []string
		ctx      context.Context
		zh, en   string // expected in stdout+stderr
		wantCode int
	}{
		{[]string{"check", "/"}, nil, "不在记录仓库", "is outside the repository", exitUsage},
		{[]string{"build", "--today", "2020-12-31", "--out", "out"}, nil, "已生成公开网站", "built ", exitOK},
		{[]string{"serve", "--addr", "127.0.0.1:0", "--today", "2020-12-31"}, canceled, "公开网站：http://127.0.0.1:", "serving the public site at http://127.0.0.1:", exitOK},
		{[]string{"new", "task", "--today", "2020-12-31", "--year", "2020", "--section", "1"}, nil, "已新建 records/tasks/2020/", "created records/tasks/2020/", exitOK},
		{[]string{"new", "visit", "--today", "2020-12-31", "--date", "2020-13-01"}, nil, "--date \"2020-13-01\" 不是 YYYY-MM-DD 格式的有效日期", `--date "2020-13-01" is not a valid date YYYY-MM-DD`, exitUsage},
		{[]string{"check", "--format", "xml"}, nil, `不认识的输出格式 "xml"`, `unknown format "xml"`, exitUsage},
	} {
		for _, lang := range []string{"zh", "en"} {
			args := tt.args
			want := tt.zh
			if lang == "en" {
				args = append(append([]string{}, tt.args...), "--lang", "en")
				want = tt.en
			}
			ctx := tt.ctx
			if ctx == nil {
				ctx = context.Background()
			}
			var stdout, stderr bytes.Buffer
			code := runContext(ctx, args, &stdout, &stderr)
			all := stdout.String() + stderr.String()
			if code != tt.wantCode || !strings.Contains(all, want) {
				t.Errorf("roll %s = %d, output:\n%s\nwant %d and %q", strings.Join(args, " "), code, all, tt.wantCode, want)
			}
		}
	}
}
