package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/yancheng-jyyw/roll/internal/check"
	"github.com/yancheng-jyyw/roll/internal/gitbase"
	"github.com/yancheng-jyyw/roll/internal/l10n"
	"github.com/yancheng-jyyw/roll/internal/records"
	"github.com/yancheng-jyyw/roll/internal/report"
)

const checkUsage = `用法 (usage): roll check [--base REV] [--format text|github|json] [--lang zh|en] [--today DATE] [PATH...]

检查记录：模式、记录之间的规则；给出 PATH 时只报告这些文件或文件夹中的问题。
Checks the records against their schemas and the rules between them; with
PATH arguments, only the findings in those files or folders are reported.

--base REV 与 REV 和 HEAD 的合并基点（拉取请求的分支起点）比较：删除的记录、
改动的编号、删去的目录条目都是错误；在基点已存在的问题（同一文件、同一字段、同一规则，
不论文件是否改动）列在最后。
With --base REV, the records are compared with the merge base of REV and
HEAD (where a pull request branched off): a deleted record, a changed id or
a removed catalog entry is an error, and the findings already present at
the merge base (the same rule on the same field of the same file, whether
or not the file changed) are listed last, as such.

退出状态：0 没有错误（可有警告）；1 有错误，使用 --base 时只计本次改动带来的错误，
基点已存在的问题照常列出但不导致失败；2 用法错误或工具故障，包括找不到 REV
或合并基点（浅克隆：在 GitHub Actions 中用 fetch-depth: 0）。
Exit status:
  0  no errors (warnings allowed)
  1  errors; with --base, only errors the change brought count: errors
     already present at the merge base are reported but do not fail the
     check, so a pull request is not blocked by problems it did not
     introduce
  2  bad usage or a failure of the tool, including a REV or merge base that
     is not in the clone (a shallow clone: use fetch-depth: 0 in CI)

选项 (options):
`

func (e environment) check(args []string) int {
	fs := flag.NewFlagSet("roll check", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), checkUsage)
		fs.PrintDefaults()
	}
	base := fs.String("base", "", "compare with the merge base of `REV` and HEAD, like origin/main: report what the change brought first, and fail on deleted records and changed ids")
	format := fs.String("format", "text", "output format: text, github or json")
	lang := fs.String("lang", "zh", "language of the messages: zh or en")
	today := fs.String("today", "", "the date to check against, YYYY-MM-DD (default: today)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	f, err := report.ParseFormat(*format)
	if err != nil {
		return e.failf("%v", err)
	}
	l, err := l10n.ParseLang(*lang)
	if err != nil {
		return e.failf("%v", err)
	}
	day, err := parseToday(*today)
	if err != nil {
		return e.failf("%v", err)
	}
	root, paths, err := locate(fs.Args())
	if err != nil {
		return e.failf("%v", err)
	}
	p := l10n.Printer(l)
	opts := check.Options{Today: day, Paths: paths}
	if *base != "" {
		snap, err := gitbase.Open(root, *base)
		if gerr, ok := errors.AsType[*gitbase.Error](err); ok {
			return e.failf("--base %s: %s", *base, gerr.Localize(p))
		}
		if err != nil {
			return e.failf("--base %s: %v", *base, err)
		}
		opts.Base = snap.Files
	}
	res, err := check.Run(root, opts)
	if err != nil {
		return e.failf("%v", err)
	}
	if err := report.Write(e.stdout, f, res.Findings, p); err != nil {
		return e.failf("%v", err)
	}
	// A person who checked a file, or reads a terminal, is told that
	// nothing was found; CI logs stay quiet.
	if len(res.Findings) == 0 && f != report.JSON && (len(paths) > 0 || e.stdoutTerminal) {
		fmt.Fprintln(e.stdout, report.Clean(paths, p))
	}
	if f == report.GitHub {
		if err := report.AppendStepSummary(e.getenv, res.Findings, p); err != nil {
			return e.failf("step summary: %v", err)
		}
	}
	if res.Failed() {
		return exitFindings
	}
	return exitOK
}

// parseToday parses --today; empty means the current date.
func parseToday(s string) (time.Time, error) {
	if s == "" {
		y, m, d := time.Now().Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, err
	}
	return t, nil
}

// locate finds the repository above the current folder and turns the
// command's path arguments into slash paths relative to its root.
func locate(args []string) (root string, paths []string, err error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", nil, err
	}
	root, err = records.FindRoot(wd)
	if err != nil {
		return "", nil, err
	}
	for _, a := range args {
		abs := a
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(wd, a)
		}
		rel, err := filepath.Rel(root, abs)
		if err != nil || !filepath.IsLocal(rel) && rel != "." {
			return "", nil, fmt.Errorf("%s is outside the repository %s", a, root)
		}
		paths = append(paths, filepath.ToSlash(rel))
	}
	return root, paths, nil
}
