package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/yancheng-jyyw/roll/internal/check"
	"github.com/yancheng-jyyw/roll/internal/l10n"
	"github.com/yancheng-jyyw/roll/internal/records"
	"github.com/yancheng-jyyw/roll/internal/report"
)

func (e environment) check(args []string) int {
	fs := flag.NewFlagSet("roll check", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	format := fs.String("format", "text", "output format: text, github or json")
	lang := fs.String("lang", "zh", "language of the messages: zh or en")
	today := fs.String("today", "", "the date to check against, YYYY-MM-DD (default: today)")
	if err := fs.Parse(args); err != nil {
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
	res, err := check.Run(root, check.Options{Today: day, Paths: paths})
	if err != nil {
		return e.failf("%v", err)
	}
	p := l10n.Printer(l)
	if err := report.Write(e.stdout, f, res.Findings, p); err != nil {
		return e.failf("%v", err)
	}
	if f == report.GitHub {
		if err := report.AppendStepSummary(e.getenv, res.Findings, p); err != nil {
			return e.failf("step summary: %v", err)
		}
	}
	if res.Findings.Errors() > 0 {
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
