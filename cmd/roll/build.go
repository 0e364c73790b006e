package main

import (
	"errors"
	"fmt"
	"io"
	"time"

	"golang.org/x/text/message"

	"github.com/yancheng-jyyw/roll/internal/build"
	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/publish"
	"github.com/yancheng-jyyw/roll/internal/report"
)

// buildUsage is roll build's usage, before its options.
var buildUsage = finding.Msg(`usage: roll build [--out DIR] [--base-url URL] [--today DATE] [--lang zh|en]

Checks the records, then builds the public site into OUT/public and the
internal site into OUT/internal; with errors in the records it builds
nothing. OUT must be empty or written by roll before (OUT/.roll/marker).
Each site is switched to its new build in one step; only files whose
bytes changed are written.

Exit status: 0 built (warnings allowed); 1 errors in the records, nothing
built; 2 bad usage or a failure of the tool.
`)

func (e environment) build(args []string) int {
	c := e.newCLI("build", buildUsage)
	out := c.fs.String("out", "_site", "output folder, empty or written by roll before: the sites go to `OUT`/public and OUT/internal")
	baseURL := c.fs.String("base-url", "", "base `URL` of the public site (default: base_url of records/site.yaml)")
	today := c.fs.String("today", "", "the build date, YYYY-MM-DD (default: today)")
	if code, ok := c.parse(args); !ok {
		return code
	}
	if c.fs.NArg() > 0 {
		return c.usageError(finding.Msg("%s takes no arguments, got %q", "build", c.fs.Args()))
	}
	day, err := parseToday(*today)
	if err != nil {
		return c.usageError(todayError(err))
	}
	root, _, err := locate(nil)
	if err != nil {
		return c.failure(err)
	}
	p := c.p
	e.heap(buildMemory, buildGC, build.HeapHint(root, *out))
	start := time.Now()
	opts := build.Options{Out: *out, BaseURL: *baseURL, Today: day, Cache: true}
	var prog *progress
	if e.terminal {
		prog = &progress{w: e.stderr, p: p}
		opts.Progress = prog.show
	}
	res, err := build.Run(root, opts)
	prog.clear()
	var refused *publish.Refused
	if errors.As(err, &refused) {
		return c.failuref(refused.Message())
	}
	if err != nil {
		return c.failure(err)
	}
	if err := report.Write(e.stderr, report.Text, res.Check.Findings, p); err != nil {
		return c.failure(err)
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
