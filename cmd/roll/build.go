package main

import (
	"flag"
	"fmt"
	"time"

	"github.com/yancheng-jyyw/roll/internal/build"
	"github.com/yancheng-jyyw/roll/internal/l10n"
	"github.com/yancheng-jyyw/roll/internal/report"
)

func (e environment) build(args []string) int {
	fs := flag.NewFlagSet("roll build", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	out := fs.String("out", "_site", "output folder: the sites go to OUT/public and OUT/internal")
	baseURL := fs.String("base-url", "", "base URL of the public site (default: base_url of records/site.yaml)")
	today := fs.String("today", "", "the build date, YYYY-MM-DD (default: today)")
	lang := fs.String("lang", "zh", "language of the messages: zh or en")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		return e.failf("build takes no arguments, got %q", fs.Args())
	}
	l, err := l10n.ParseLang(*lang)
	if err != nil {
		return e.failf("%v", err)
	}
	day, err := parseToday(*today)
	if err != nil {
		return e.failf("%v", err)
	}
	root, _, err := locate(nil)
	if err != nil {
		return e.failf("%v", err)
	}
	start := time.Now()
	res, err := build.Run(root, build.Options{Out: *out, BaseURL: *baseURL, Today: day})
	if err != nil {
		return e.failf("%v", err)
	}
	p := l10n.Printer(l)
	if err := report.Write(e.stderr, report.Text, res.Check.Findings, p); err != nil {
		return e.failf("%v", err)
	}
	if !res.Built {
		fmt.Fprintln(e.stderr, p.Sprintf("nothing was built: fix the errors above first"))
		return exitFindings
	}
	fmt.Fprintln(e.stdout, p.Sprintf("built %d pages of the public site (%d heroes published) and %d pages of the internal site in %v",
		res.Public.Pages, res.Public.Published, res.Internal.Pages, time.Since(start).Round(time.Millisecond)))
	return exitOK
}
