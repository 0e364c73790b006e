package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/yancheng-jyyw/roll/internal/check"
	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/gitbase"
	"github.com/yancheng-jyyw/roll/internal/records"
	"github.com/yancheng-jyyw/roll/internal/report"
	"github.com/yancheng-jyyw/roll/internal/site"
)

// checkUsage is roll check's usage, before its options.
var checkUsage = finding.Msg(`usage: roll check [--base REV] [--format text|github|json] [--lang zh|en] [--today DATE] [PATH...]

Checks the records against their schemas and the rules between them; with
PATH arguments, only the findings in those files or folders are reported.

With --base REV, the records are compared with the merge base of REV and
HEAD (where a pull request branched off): a deleted record, a changed id or
a removed catalog entry is an error, and the findings already present at
the merge base (the same rule on the same field of the same file, whether
or not the file changed) are listed last, as such.

Exit status:
  0  no errors (warnings allowed)
  1  errors; with --base, only errors the change brought count: errors
     already present at the merge base are reported but do not fail the
     check, so a pull request is not blocked by problems it did not
     introduce
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
		return c.usageError(todayError(err))
	}
	root, paths, err := locate(c.fs.Args())
	if err != nil {
		return c.failure(err)
	}
	p := c.p
	e.heap(checkMemory, checkGC, 0)
	opts := check.Options{Today: day, Paths: paths}
	// Records whose bytes did not change since a run of this roll are not
	// parsed again; when nothing the check reads changed, its findings
	// are given again without checking.
	if code, err := site.CodeKey(); err == nil {
		opts.Cache = records.OnDisk(root, code)
		opts.Code, opts.Lang = code, c.lang
	}
	if *base != "" {
		snap, err := gitbase.Open(root, *base)
		if gerr, ok := errors.AsType[*gitbase.Error](err); ok {
			return c.failuref(finding.Msg("--base %s: %s", *base, gerr.Localize(p)))
		}
		if err != nil {
			return c.failuref(finding.Msg("--base %s: %s", *base, err.Error()))
		}
		if snap.Cache != "" {
			// A branch that commits roll's cache would have roll trust
			// records as checked, or texts as clean, that it never saw.
			return c.failuref(finding.Msg("HEAD commits %s: roll's cache comes only from its own earlier runs; remove it with git rm -r --cached %s", snap.Cache, snap.Cache))
		}
		if len(snap.State) > 0 {
			// A build trusts its state folder's memos (published heroes'
			// projections and redactions) as its own work: committed,
			// they would put on the public site what no check saw.
			return c.failuref(finding.Msg("HEAD commits %s: roll build's state comes only from its own earlier builds; remove it with git rm -r --cached %s", snap.State[0], snap.State[0]))
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
	// A person who checked a file, or reads a terminal, is told that
	// nothing was found; CI logs stay quiet.
	if len(res.Findings) == 0 && f != report.JSON && (len(paths) > 0 || e.stdoutTerminal) {
		fmt.Fprintln(e.stdout, report.Clean(paths, p))
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

// The dates --today accepts: those of the years the schemas accept. A date
// outside them (0001-01-01 is Go's zero time) would switch the date rules
// off or make every record lie in the future.
var (
	firstToday = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	lastToday  = time.Date(2100, 12, 31, 0, 0, 0, 0, time.UTC)
)

// parseToday parses --today; empty means the current date. Its error is
// the message to show (todayError).
func parseToday(s string) (time.Time, error) {
	if s == "" {
		y, m, d := time.Now().Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, finding.Err("--today %q is not a date YYYY-MM-DD", s)
	}
	if t.Before(firstToday) || t.After(lastToday) {
		return time.Time{}, finding.Err("--today %s is outside the dates roll accepts, %s to %s",
			s, firstToday.Format(time.DateOnly), lastToday.Format(time.DateOnly))
	}
	return t, nil
}

// todayError is the message of an error of parseToday.
func todayError(err error) finding.Message {
	if e, ok := errors.AsType[*finding.MsgError](err); ok {
		return e.Msg
	}
	return finding.Msg("%s", err.Error())
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
		// A path that names nothing would report nothing, as if it were
		// clean: a typo must not pass for a clean check.
		if _, err := os.Lstat(abs); err != nil {
			return "", nil, finding.Err("%s: there is no such file or folder", a)
		}
		paths = append(paths, filepath.ToSlash(rel))
	}
	return root, paths, nil
}
