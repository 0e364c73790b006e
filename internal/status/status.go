// Package status builds the internal status site (DESIGN §7): the
// foundation's own view of where each year's plan stands, which priority
// families were visited at the festivals, and what needs attention. It is
// written to _site/internal and never published to the public host.
//
// # Contract
//
// Site takes what it shows (Input: the records, the schemas, the findings
// of roll check, the git history of records/ or nil) and the templates
// folder (the repository's templates/ or templates.FS); it reads
// internal/*.html and copies internal/static/ from it. History paths and
// record Src.File paths must be relative to the same root. The caller
// decides whether to build at all: roll build checks first and builds
// nothing when there are errors; the site shows any findings it is given
// on the data-quality page. It lists pages: package site renders them.
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
//	fund/<year>.html      the fund: budget execution by category (SVG), the months,
//	                      spending by jurisdiction, the visits and rewards not paid
//	                      as written, every voucher (package ledger)
//	decisions/<year>.html every decision with its awards and what the fund paid of
//	                      them; the nominations, their 公示 and outcome (package awards)
//	heroes.html           every hero, with SVG charts per jurisdiction and per year
//	heroes/<j>/<block>.html  the internal records of the heroes of one jurisdiction
//	                      whose ids fall in one block of numbers (H-2020-0000 to
//	                      H-2020-0299), each at an anchor #H-2020-0001; private
//	                      values masked
//	bulletin/<year>.html  the year's 通报: each jurisdiction's reports across the periods,
//	                      its tasks by the latest report, what it did in the year
//	bulletin/<period>.html  the 通报 of one reporting period (2020-Q3): the jurisdictions
//	                      ranked by reporting on time, late or 未报, by the tasks they
//	                      report done and in progress, and by what the records count
//	                      they did; printable on A4 (package bulletin)
//	events/<year>.html    the year's events, each at an anchor of its id (package outreach)
//	teams.html            the volunteer and rescue teams and networks of informants
//	static/style.css      the one stylesheet
//
// Beside each list page, its list as an Excel workbook, linked from the page
// as 导出 Excel (export.go, work.go): heroes.xlsx, insurance.xlsx, pending.xlsx,
// stations.xlsx, care/<year>.xlsx, bulletin/<year>.xlsx, bulletin/<period>.xlsx,
// events/<year>.xlsx, teams.xlsx, and the tables packages ledger and awards
// make of fund/<year>.xlsx and decisions/<year>.xlsx. A workbook is made from
// the data its page is rendered from, so it holds what the page shows, masked
// as the page masks it; package sheet writes it, text never as a formula.
// Each is a file of the site keyed as its page is, or by the sum of its
// tables (sheet.Sum) where those are made anyway (export.go, keys.go).
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
// masked in the narratives and finding messages as well (idcard.MaskNumbers).
//
// # Determinism
//
// Every list is sorted; the only clock read is Options.Today, the build date
// that decides which tasks are overdue and how long confirmations have
// waited. The footer names the HEAD commit and its time, not the time of
// the build, so the same commit and date give the same bytes.
//
// The package is larger than 600 lines: a third of it is export.go, which
// makes the workbook of each list page from the data that page is rendered
// from, data this package builds (the attention lists) or gets from packages
// care and roster. The workbooks stay beside the list of pages, so that a
// page and its workbook are listed, linked and keyed in one place, and
// package sheet keeps the one table format.
package status

import (
	"fmt"
	"html/template"
	"io/fs"
	"time"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/history"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/portrait"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/internal/site"
)

// Input is what the internal site is built from.
type Input struct {
	Repo     *model.Repo
	Schemas  *schema.Set      // for the internal projection of each record
	Findings finding.List     // what roll check found, for the data-quality page
	History  *history.History // of records/; nil outside a git repository
	// Photos makes the files of the heroes' portraits, shared with the
	// public site of the build; nil shows none.
	Photos *portrait.Files
}

// Options are the settings of one build.
type Options struct {
	// Today is the build date: tasks due before it and not done are overdue,
	// and pending confirmations are counted as waiting until it. Required.
	Today time.Time
	// Inputs is the key of what the caller knows every page reads: the
	// code of roll and the schemas. The zero Key renders every page.
	Inputs site.Key
	// Memo is what the build before left (memo.go), nil for nothing;
	// the build leaves in it what it made for the next.
	Memo *Memo
}

// Stats are the counts a leader would ask about first.
type Stats struct {
	Overdue    int // tasks past due and not done, every year shown
	NotVisited int // festival visits of the current year not yet made to priority families
	Uninsured  int // city-level or higher honorees without the current year's insurance
	Pending    int // confirmations pending
	Findings   int // findings shown on the data-quality page, the shallow-clone notice included
	Unpaid     int // visit amounts and rewards of every year the fund has not paid as written
}

// Template files, relative to the templates folder.
const (
	tmplDir   = "internal"
	staticDir = "internal/static"
)

var pageFiles = []string{
	"index.html", "plan.html", "task.html", "care.html", "insurance.html",
	"pending.html", "stations.html", "quality.html", "heroes.html", "hero.html",
	"bulletin.html", "bulletin-year.html", "events.html", "teams.html",
	"fund.html", "decisions.html",
}

// Site lists the pages of the internal site; site.Render renders them.
// See the package documentation for what it shows. It is Prepare, then
// Prepared.Site with in.Findings.
func Site(in Input, tmpl fs.FS, opts Options) (*site.Site, Stats, error) {
	p, err := Prepare(in, tmpl, opts)
	if err != nil {
		return nil, Stats{}, err
	}
	return p.Site(in.Findings)
}

// Prepared is the internal site listed but for what the findings of roll
// check decide: the data-quality page, the fields key of the pages that
// count across the archive, and Stats.Findings. Most of a rebuild's work
// (the roster, the fund, every hero's keys and the pages that list
// heroes) needs no findings, so a build may prepare the site while it
// still checks the records, and finish it with their findings.
type Prepared struct {
	s    *statusSite
	out  *site.Site
	hp   *heroPages
	memo *Memo
	done bool
}

// Prepare lists the pages of the internal site that need no findings;
// in.Findings is not read (Prepared.Site is given them). opts.Memo is
// read and added to by Prepare and then by Prepared.Site, and must not be
// used in between.
func Prepare(in Input, tmpl fs.FS, opts Options) (*Prepared, error) {
	if opts.Today.IsZero() {
		return nil, fmt.Errorf("build internal site: no build date")
	}
	if in.Repo == nil {
		return nil, fmt.Errorf("build internal site: no records")
	}
	shared := []string{tmplDir + "/base.html", tmplDir + "/partials.html"}
	files := make([]string, len(pageFiles))
	for i, f := range pageFiles {
		files[i] = tmplDir + "/" + f
	}
	ts, err := site.ParseTemplates(tmpl, funcs(), shared, files...)
	if err != nil {
		return nil, fmt.Errorf("build internal site: %w", err)
	}
	in.Findings = nil
	s, err := newSite(in, opts.Today)
	if err != nil {
		return nil, fmt.Errorf("build internal site: %w", err)
	}
	out := &site.Site{Name: "internal", Templates: ts, Info: s.info, Inputs: s.inputs(opts.Inputs)}
	if opts.Inputs != (site.Key{}) {
		opts.Memo.begin(opts.Inputs)
	} else {
		opts.Memo = nil
	}
	s.money(opts.Memo, opts.Inputs)
	hp, err := s.heroPages(opts.Memo)
	if err != nil {
		return nil, fmt.Errorf("build internal site: %w", err)
	}
	static, err := site.StaticPages(tmpl, staticDir, "static")
	if err != nil {
		return nil, fmt.Errorf("build internal site: %w", err)
	}
	out.Pages = static
	return &Prepared{s: s, out: out, hp: hp, memo: opts.Memo}, nil
}

// Site finishes the site with the findings of roll check: its pages and
// the counts of Stats. It is called once.
func (p *Prepared) Site(findings finding.List) (*site.Site, Stats, error) {
	if p.done {
		return nil, Stats{}, fmt.Errorf("build internal site: finished twice")
	}
	p.done = true
	p.s.findings = findings
	pages, err := p.s.pages(p.out.Inputs, p.hp, p.memo)
	if err != nil {
		return nil, Stats{}, fmt.Errorf("build internal site: %w", err)
	}
	p.out.Pages = append(pages, p.out.Pages...)
	return p.out, p.s.stats, nil
}

// funcs are the template functions of the internal site: none formats.
func funcs() template.FuncMap { return template.FuncMap{} }
