package main

import (
	"errors"
	"os"
	"path/filepath"
	"time"

	"github.com/yancheng-jyyw/roll/internal/check"
	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/gitbase"
	"github.com/yancheng-jyyw/roll/internal/records"
	"github.com/yancheng-jyyw/roll/internal/report"
)

// checkUsage is roll check's usage, before its options.
var checkUsage = finding.Msg(`usage: roll check [--base REV] [--format text|github|json] [--lang zh|en] [--today DATE] [PATH...]

Checks the records against their schemas and the rules between them; with
PATH arguments, only the findings in those files or folders are reported.

With --base REV, the records are compared with the merge base of REV and
HEAD (where a pull request branched off): a deleted record, a changed id or
a removed catalog entry is an error, and the findings already present at
the merge base in files not changed since are listed last, as such.

Exit status:
  0  no errors (warnings allowed)
  1  errors; with --base, only errors the change brought count: errors
     already present at the merge base in unchanged files are reported but
     do not fail the check, so a pull request is not blocked by problems it
     did not introduce
  2  bad usage or a failure of the tool, including a REV or merge base that
     is not in the clone (a shallow clone: use fetch-depth: 0 in CI)
`)

func (e environment) check(args []string) int {
	c := e.newCLI("check", checkUsage)
	base := c.fs.String("base", "", "compare with the merge base of `REV` and HEAD, like origin/main: report what the change brought first, and fail on deleted records and changed ids")
	format := c.fs.String("format", "text", "output format: text, github or json")
	today := c.fs.String("today", "", "the date to check against, YYYY-MM-DD (default: today)")
	if code, ok := c.parse(args); !ok {
		return code
	}
	f, err := report.ParseFormat(*format)
	if err != nil {
		return c.usageError(finding.Msg("unknown format %q (want text, json or github)", *format))
	}
	day, err := parseToday(*today)
	if err != nil {
		return c.usageError(finding.Msg("--today %q is not a date YYYY-MM-DD", *today))
	}
	root, paths, err := locate(c.fs.Args())
	if err != nil {
		return c.failure(err)
	}
	p := c.p
	opts := check.Options{Today: day, Paths: paths}
	if *base != "" {
		snap, err := gitbase.Open(root, *base)
		if gerr, ok := errors.AsType[*gitbase.Error](err); ok {
			return c.failuref(finding.Msg("--base %s: %s", *base, gerr.Localize(p)))
		}
		if err != nil {
			return c.failuref(finding.Msg("--base %s: %s", *base, err.Error()))
		}
		opts.Base = snap.Files
	}
	res, err := check.Run(root, opts)
	if err != nil {
		return c.failure(err)
	}
	if err := report.Write(e.stdout, f, res.Findings, p); err != nil {
		return c.failure(err)
	}
	if f == report.GitHub {
		if err := report.AppendStepSummary(e.getenv, res.Findings, p); err != nil {
			return c.failuref(finding.Msg("step summary: %s", err.Error()))
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
			return "", nil, finding.Err("%s is outside the repository %s", a, root)
		}
		paths = append(paths, filepath.ToSlash(rel))
	}
	return root, paths, nil
}
