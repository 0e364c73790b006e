// Package status builds the internal status site (DESIGN §7): the
// foundation's own view of where each year's plan stands, which priority
// families were visited at the festivals, and what needs attention. It is
// written to _site/internal and never published to the public host.
//
// # Contract
//
// Build takes the result of a check (check.Run: the loaded records, the
// schemas and every finding), the git history of the records
// (history.Read(root, "records/"), or nil to build without one) and the
// templates folder (the repository's templates/ or templates.FS); it reads
// internal/*.html and copies internal/static/ from it. History paths and
// record Src.File paths must be relative to the same root. The caller
// decides whether to build at all: roll build checks first and builds
// nothing when there are errors; Build itself renders any findings it is
// given on the data-quality page.
//
// Only the files whose bytes changed are written, and only once every page
// rendered (site.Output), so a failed build leaves the previous site.
// Render renders without committing, for a caller that builds several
// sites and applies them only when all rendered (roll build).
//
// # Pages
//
//	index.html            overview: the current year at a glance
//	plan/<year>.html      a year's plan by section: status, lead, due, target, latest update
//	tasks/<id>.html       one task: its text, jurisdiction matrix, every update, history
//	care/<year>.html      priority families against Spring Festival and Mid-Autumn; totals
//	insurance.html        city-level or higher honorees without this year's insurance
//	pending.html          confirmations still pending, and the days since the deed
//	stations.html         grassroots workstations, demonstration status and scores
//	quality.html          every finding of roll check, in Chinese; the shallow-clone warning
//	heroes.html           every hero, with SVG charts per jurisdiction and per year
//	heroes/<id>.html      one hero's internal record, private values masked
//	static/style.css      the one stylesheet
//
// # Private data
//
// A hero's page shows the fields its schema marks public or internal: they
// are taken from the record's internal projection (schema.Set.Project), so a
// field marked private tomorrow disappears from the site. Of the private
// fields, the ID number and phone appear only masked (idcard.Mask,
// idcard.MaskPhone), the address and next of kin only on the hero's own
// page with any phone or ID number inside them masked, and the disability
// grade not at all. Digit runs long enough to be a phone or ID number are
// masked in the narratives and finding messages as well (maskNumbers).
//
// # Determinism
//
// Every list is sorted; the only clock read is Options.Today, the build date
// that decides which tasks are overdue and how long confirmations have
// waited. The footer names the HEAD commit and its time, not the time of
// the build, so the same commit and date give the same bytes.
package status

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"regexp"
	"time"

	"github.com/yancheng-jyyw/roll/internal/check"
	"github.com/yancheng-jyyw/roll/internal/history"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/internal/site"
)

// Options are the settings of one build.
type Options struct {
	// Today is the build date: tasks due before it and not done are overdue,
	// and pending confirmations are counted as waiting until it. Required.
	Today time.Time
	// Progress, when set, is called after each page is rendered with the
	// pages done and the pages of the whole site.
	Progress func(done, total int)
	// CodeKey identifies the code of roll (site.CodeKey). When set, a page
	// whose inputs are those the previous build recorded for its file is
	// not rendered again (site.Output.Reuse); when nil, every page is.
	CodeKey []byte
}

// Stats describes a finished build: its size, and the counts a leader
// would ask about first.
type Stats struct {
	Pages     int   // HTML pages of the site
	Rendered  int   // pages whose templates were executed; the others' inputs were unchanged
	Files     int   // files of the site, pages included
	Bytes     int64 // their total size
	Written   int   // files whose bytes changed or are new: the only ones written
	Unchanged int   // files left as the previous build wrote them

	Overdue    int // tasks past due and not done, every year shown
	NotVisited int // festival visits of the current year not yet made to priority families
	Uninsured  int // city-level or higher honorees without the current year's insurance
	Pending    int // confirmations pending
	Findings   int // findings shown on the data-quality page, the shallow-clone notice included
}

// Template files, relative to the templates folder.
const (
	tmplDir   = "internal"
	staticDir = "internal/static"
)

var pageFiles = []string{
	"index.html", "plan.html", "task.html", "care.html", "insurance.html",
	"pending.html", "stations.html", "quality.html", "heroes.html", "hero.html",
}

// safeID is what an id must look like to become part of a file name.
var safeID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)

// Build renders the internal site into the folder out (normally
// _site/internal). See the package documentation for its contract.
func Build(out string, res *check.Result, hist *history.History, tmpl fs.FS, opts Options) (Stats, error) {
	var stats Stats
	err := site.Build(out, func(o *site.Output) (err error) {
		stats, err = Render(o, res, hist, tmpl, opts)
		return err
	})
	return stats, err
}

// Render renders the internal site into o without committing it: the
// caller commits o, or aborts it, when every site of the build rendered.
func Render(o *site.Output, res *check.Result, hist *history.History, tmpl fs.FS, opts Options) (Stats, error) {
	var stats Stats
	if opts.Today.IsZero() {
		return stats, fmt.Errorf("build internal site: no build date")
	}
	if res == nil || res.Repo == nil {
		return stats, fmt.Errorf("build internal site: no records")
	}
	shared := []string{tmplDir + "/base.html", tmplDir + "/partials.html"}
	files := make([]string, len(pageFiles))
	for i, f := range pageFiles {
		files[i] = tmplDir + "/" + f
	}
	pages, err := site.ParsePages(tmpl, funcs(res.Schemas), shared, files...)
	if err != nil {
		return stats, fmt.Errorf("build internal site: %w", err)
	}
	s, err := newSite(res, hist, opts.Today)
	if err != nil {
		return stats, fmt.Errorf("build internal site: %w", err)
	}
	w := &writer{out: o, pages: pages, progress: opts.Progress}
	if opts.CodeKey != nil {
		w.keys = site.NewKeyer(opts.CodeKey)
	}
	err = s.write(w)
	if err == nil {
		err = o.CopyDir(tmpl, staticDir, "static")
	}
	if err != nil {
		return stats, fmt.Errorf("build internal site: %w", err)
	}
	stats = s.stats
	stats.Pages, stats.Rendered, stats.Files, stats.Bytes = w.pageCount, w.rendered, o.Files(), o.Bytes()
	stats.Written, stats.Unchanged = o.Written(), o.Unchanged()
	return stats, nil
}

// writer renders pages into the output.
type writer struct {
	out       *site.Output
	pages     *site.Pages
	keys      *site.Keyer // nil renders every page
	pageCount int
	rendered  int // pages whose templates were executed
	total     int // pages the site will have, for progress
	progress  func(done, total int)
}

// page renders the template tmpl with data to the file name, unless the
// previous build's file was rendered from the same inputs.
func (w *writer) page(name, tmpl string, data any) error {
	var key string
	if w.keys != nil {
		var err error
		if key, err = w.keys.Key(w.pages, tmpl, data); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if w.out.Reuse(name, key) {
			w.done()
			return nil
		}
	}
	var buf bytes.Buffer
	if err := w.pages.Render(&buf, tmpl, data); err != nil {
		return err
	}
	w.rendered++
	w.done()
	return w.out.WriteKeyed(name, buf.Bytes(), key)
}

// funcs are the template functions of the internal site: the shared ones
// and a few for labels and numbers. The labels are the words of set's
// enums.
func funcs(set *schema.Set) template.FuncMap {
	m := site.Funcs()
	m["label"] = labeler(set)
	m["yuan"] = yuan
	m["when"] = func(t time.Time) string { return t.Format("2006-01-02 15:04") }
	m["day"] = func(t time.Time) string { return t.Format(time.DateOnly) }
	m["minus"] = func(b, a int) int { return a - b }
	return m
}

// done counts a page of the site and reports progress.
func (w *writer) done() {
	w.pageCount++
	if w.progress != nil {
		w.progress(w.pageCount, w.total)
	}
}
