package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"golang.org/x/text/message"

	"github.com/yancheng-jyyw/roll/internal/build"
	"github.com/yancheng-jyyw/roll/internal/l10n"
	"github.com/yancheng-jyyw/roll/internal/publish"
	"github.com/yancheng-jyyw/roll/internal/report"
)

func (e environment) build(args []string) int {
	fs := flag.NewFlagSet("roll build", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	out := fs.String("out", "_site", "output folder, empty or written by roll before: the sites go to OUT/public and OUT/internal")
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
	p := l10n.Printer(l)
	start := time.Now()
	opts := build.Options{Out: *out, BaseURL: *baseURL, Today: day}
	var prog *progress
	if e.terminal {
		prog = &progress{w: e.stderr, p: p}
		opts.Progress = prog.show
	}
	res, err := build.Run(root, opts)
	prog.clear()
	var refused *publish.Refused
	if errors.As(err, &refused) {
		fmt.Fprintln(e.stderr, "roll: "+refused.Localize(p))
		return exitUsage
	}
	if err != nil {
		return e.failf("%v", err)
	}
	if err := report.Write(e.stderr, report.Text, res.Check.Findings, p); err != nil {
		return e.failf("%v", err)
	}
	if !res.Built {
		fmt.Fprintln(e.stderr, p.Sprintf("nothing was built: fix the errors above first"))
		return exitFindings
	}
	fmt.Fprintln(e.stdout, p.Sprintf("built %d pages of the public site (%d heroes published) and %d pages of the internal site, %d files in all: %d written, %d unchanged, in %v",
		res.Public.Pages, res.Published.Published, res.Internal.Pages, res.Public.Files+res.Internal.Files,
		res.Written(), res.Unchanged(), time.Since(start).Round(time.Millisecond)))
	return exitOK
}

// progress shows on a terminal how far the rendering of each site is, on
// one line that it rewrites; it writes when the percentage changes, so a
// build of 100,000 pages writes a few hundred short lines, not 100,000.
type progress struct {
	w       io.Writer
	p       *message.Printer
	percent int
	shown   bool
}

// show is a build.Options.Progress.
func (g *progress) show(done, total int) {
	pc := 100 * done / max(total, 1)
	if g.shown && pc == g.percent {
		return
	}
	g.percent, g.shown = pc, true
	// \r returns to the line's start; ESC [K clears the rest of it.
	fmt.Fprint(g.w, "\r"+g.p.Sprintf("rendered %d of %d pages", done, total)+"\x1b[K")
}

// clear removes the progress line, if one was shown, so that findings and
// the summary start on a clean line. It does nothing on a nil progress.
func (g *progress) clear() {
	if g != nil && g.shown {
		fmt.Fprint(g.w, "\r\x1b[K")
	}
}
