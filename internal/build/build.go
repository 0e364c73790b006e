// Package build runs `roll build`: it checks the repository first and, only
// when there are no errors, renders the public site into OUT/public from the
// public projection of the records, and the internal site into OUT/internal.
// It is the one entry point that builds sites: packages public and status
// say which pages exist, package site renders them, package publish writes
// and switches them.
//
// Templates are read from the repository's templates/ folder as they are on
// disk, so a designer can change a page without rebuilding roll.
//
// # Atomicity
//
// Both sites are rendered into the inactive trees of the output folder
// (package publish) before either is switched: errors in the records, a
// template error or a failure to read the history leave both live sites
// byte for byte as they were. Each site is then switched to its new build
// in one atomic step.
package build

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/yancheng-jyyw/roll/internal/check"
	"github.com/yancheng-jyyw/roll/internal/history"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/portrait"
	"github.com/yancheng-jyyw/roll/internal/public"
	"github.com/yancheng-jyyw/roll/internal/publish"
	"github.com/yancheng-jyyw/roll/internal/records"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/internal/site"
	"github.com/yancheng-jyyw/roll/internal/status"
)

// Options are the settings of one build.
type Options struct {
	Out     string    // the output folder; the sites go to Out/public and Out/internal
	BaseURL string    // overrides site.yaml's base_url for canonical links
	Today   time.Time // the build date: minors' ages count from it
	// History, when set, is used instead of reading the repository's git
	// history (roll serve keeps a history.Cache across rebuilds).
	History *history.History
	// Cache keeps the checked records in the repository's
	// records.CacheDir between builds (records.OnDisk): a record whose
	// bytes did not change is not parsed and validated again.
	Cache bool
	// Progress, when set, is told of each page rendered: the pages done
	// and the total of both sites. It is called from one goroutine at a
	// time, never after Run returns.
	Progress func(done, total int)
}

// Result is what a build did.
type Result struct {
	Check     *check.Result // the check run before building
	Published public.Stats  // the heroes on the public roll and those withheld
	Status    status.Stats  // the counts of the internal site
	Public    SiteStats
	Internal  SiteStats
	History   *history.History // nil outside a git repository
	Built     bool             // false when the check found errors and nothing was written
	// Stages are the stages of the build that ended, in the order they
	// began, timed from the start of Run: several run at once (see Run).
	Stages []Stage
}

// SiteStats counts the files of one site and what the build did with them.
type SiteStats struct {
	site.Stats
	Written int // files whose bytes were written
	Linked  int // files taken from the previous build by a hard link
	Kept    int // files the inactive tree already held
}

// Written and Unchanged count the files of both sites that this build
// wrote, and that it took as the previous builds left them.
func (r *Result) Written() int { return r.Public.Written + r.Internal.Written }
func (r *Result) Unchanged() int {
	return r.Public.Linked + r.Public.Kept + r.Internal.Linked + r.Internal.Kept
}

// Sites are both sites of a build, their pages listed, not yet rendered.
type Sites struct {
	Public   *site.Site
	Internal *site.Site
}

// PlanOptions are the settings of Plan.
type PlanOptions struct {
	BaseURL string
	Today   time.Time
	// Code identifies the code of roll (site.CodeKey); with the zero Key
	// every page is rendered on every build.
	Code site.Key
	// Memo is the public site's redaction memo of the build before
	// (public.Memo); nil redacts every text. Plan fills it for the next.
	Memo *public.Memo
	// Kept is each published hero's entry kept by the build before
	// (public.Kept); nil makes every entry. Plan fills it for the next.
	Kept *public.Kept
	// Status is the internal site's memo of the build before
	// (status.Memo); nil makes everything. Plan fills it for the next.
	Status *status.Memo
}

// Plan lists the pages of both sites of a checked repository, with the
// git history of its records (nil for none), the templates and, when
// files.Repo is set and site.yaml asks for it, the form. roll serve
// renders them into memory, Run into the output folder.
func Plan(res *check.Result, hist *history.History, files *Files, opts PlanOptions) (*Sites, public.Stats, status.Stats, error) {
	p := newPlanner(res.Schemas, files, opts)
	// The sites are listed at once, on two cores: each only reads the
	// checked records (the maker of portraits locks what it shares).
	var (
		internal *site.Site
		sstats   status.Stats
		serr     error
		wg       sync.WaitGroup
	)
	wg.Go(func() { internal, sstats, serr = p.internal(res, hist, opts.Status) })
	pub, pstats, err := p.public(res.Repo, opts.Kept)
	wg.Wait()
	if err != nil {
		return nil, pstats, status.Stats{}, err
	}
	if serr != nil {
		return nil, pstats, sstats, serr
	}
	return &Sites{Public: pub, Internal: internal}, pstats, sstats, nil
}

// planner lists the pages of each site; both share what every page reads
// and the maker of the portraits.
type planner struct {
	schemas *schema.Set
	files   *Files
	opts    PlanOptions
	inputs  site.Key
	photos  *portrait.Files
}

func newPlanner(schemas *schema.Set, files *Files, opts PlanOptions) *planner {
	return &planner{
		schemas: schemas, files: files, opts: opts,
		// What every page reads, besides what each site adds: the code
		// of roll and the schemas.
		inputs: site.NewInputs("roll").Key(opts.Code).Record(schemas.Sum()).Done(),
		// One maker of the portraits' files for both sites: a photo is
		// decoded once for the sizes of both.
		photos: portrait.NewFiles(files.Repo),
	}
}

// public lists the public site with the entries kept by the build before
// (PlanOptions.Kept). It reads the records, not the findings: Run lists
// it while the rules run.
func (p *planner) public(repo *model.Repo, kept *public.Kept) (*site.Site, public.Stats, error) {
	pub, stats, err := public.Site(repo, projector{p.schemas}, p.files.Templates,
		public.Options{BaseURL: p.opts.BaseURL, Today: p.opts.Today, Inputs: p.inputs, Photos: p.photos, Memo: p.opts.Memo, Kept: kept})
	if err != nil {
		return nil, stats, fmt.Errorf("public site: %w", err)
	}
	return pub, stats, nil
}

// internal lists the internal site, the form included, with the memo of
// the build before (PlanOptions.Status): its data-quality page shows the
// findings.
func (p *planner) internal(res *check.Result, hist *history.History, memo *status.Memo) (*site.Site, status.Stats, error) {
	internal, stats, err := status.Site(status.Input{Repo: res.Repo, Schemas: p.schemas, Findings: res.Findings, History: hist, Photos: p.photos},
		p.files.Templates, status.Options{Today: p.opts.Today, Inputs: p.inputs, Memo: memo})
	if err != nil {
		return nil, stats, fmt.Errorf("internal site: %w", err)
	}
	admin, err := form(res, p.files, p.opts.BaseURL)
	if err != nil {
		return nil, stats, fmt.Errorf("internal site: %w", err)
	}
	internal.Pages = append(internal.Pages, admin...)
	return internal, stats, nil
}

// keptState names the public site's entries kept between builds
// (public.Kept) in the output folder's state. They hold each published
// hero's projection and redaction, which the redaction memo and the
// projections of earlier builds kept ("redaction", "projection"; roll
// serve still keeps its memo in memory).
const keptState = "entries"

// statusState names the internal site's memo in the output folder's
// state.
const statusState = "status"

// retiredStates are the memos an older roll kept in the output folder and
// this one no longer reads: the public site's redaction and projection
// memos, both replaced by keptState.
func retiredStates() []string { return []string{"redaction", "projection"} }

// Run checks the repository at root and builds both sites. The error is for
// failures of the tool or of writing (a *publish.Refused for an output
// folder roll may not write); errors in the records leave Built false and
// the findings in Result.Check.
//
// On two cores the stages overlap where they are independent
// (Result.Stages times them):
//   - the git history is read while the records are checked, and so is
//     what the build before kept in the output folder when roll wrote
//     the folder before (publish.OpenMarked writes nothing);
//   - the public site, which reads no finding, is listed as soon as the
//     records are loaded without error, while the rules between them run;
//     when the rules find errors its list is dropped and nothing is
//     written: a folder roll did not write yet is opened (created,
//     marked) only once the records are found right;
//   - the internal site, which shows the findings, is listed once the
//     rules are done, and rendered while the public site may still be
//     listed (unless the records have portraits, whose photos are
//     decoded once for both sites when both are listed first); the
//     public site renders as soon as it is listed;
//   - the states kept for the next build are written while the public
//     site renders. Each is keyed by everything it was made from, so a
//     build that stops before its sites are switched leaves states the
//     next build reads correctly with the sites as they are.
//
// Each site also renders from a few workers.
func Run(root string, opts Options) (*Result, error) {
	clock := newClock()
	dir := opts.Out
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(root, dir)
	}
	if err := publish.Check(dir); err != nil {
		return nil, err
	}
	type histResult struct {
		h   *history.History
		err error
	}
	// Without the code's identity (no executable to read), every page is
	// rendered, every record parsed and the history walked.
	code, codeErr := site.CodeKey()
	copts := check.Options{Today: opts.Today}
	if opts.Cache && codeErr == nil {
		copts.Cache = records.OnDisk(root, code)
	}
	histc := make(chan histResult, 1)
	if opts.History != nil {
		histc <- histResult{h: opts.History}
	} else {
		go func() {
			defer clock.stage("history")()
			var h *history.History
			var err error
			if copts.Cache != nil {
				// Kept beside the records' cache, by HEAD: a build of
				// the commit the last one was built from walks nothing.
				h, err = history.ReadSaved(root, "records/", copts.Cache, copts.Cache.Code())
			} else {
				h, err = history.Read(root, "records/")
			}
			histc <- histResult{h, err}
		}()
	}
	var prev previous
	prevDone := make(chan struct{})
	go func() {
		defer close(prevDone)
		defer clock.stage("state read")()
		prev = readPrevious(dir)
	}()
	// The templates are opened now for the public site's list; an error
	// is told only once the records are found right, as before.
	files, ferr := OpenFiles(root)
	if ferr == nil {
		defer files.Close()
	}
	var (
		o   *publish.Out
		pub *publicList
		out *Result
	)
	defer func() {
		if out != nil {
			out.Stages = clock.stages()
		}
	}()
	// Run waits for what it started before it returns, and closes the
	// files after (the deferred calls run in the other order).
	defer func() {
		if pub != nil {
			<-pub.done
		}
		<-prevDone
		if o == nil {
			o = prev.out
		}
		if o != nil {
			o.Close()
		}
	}()
	popts := PlanOptions{BaseURL: opts.BaseURL, Today: opts.Today, Code: code}
	endCheck := clock.stage("records load")
	startPublic := func(repo *model.Repo, schemas *schema.Set) {
		endCheck()
		endCheck = clock.stage("rules")
		pub = &publicList{plan: newPlanner(schemas, files, popts), done: make(chan struct{})}
		go func() {
			defer close(pub.done)
			<-prevDone
			defer clock.stage("public list")()
			pub.site, pub.stats, pub.err = pub.plan.public(repo, prev.kept)
		}()
	}
	if ferr == nil {
		copts.Loaded = startPublic
	}
	res, err := check.Run(root, copts)
	endCheck()
	hr := <-histc
	if err != nil {
		return nil, err
	}
	out = &Result{Check: res}
	if res.Findings.Errors() > 0 {
		return out, nil
	}
	if hr.err != nil {
		return nil, fmt.Errorf("history: %w", hr.err)
	}
	out.History = hr.h
	if ferr != nil {
		return nil, ferr
	}
	if pub == nil {
		// A check that did not load the records (never with the
		// options above): listed now.
		startPublic(res.Repo, res.Schemas)
	}
	<-prevDone
	if o = prev.out; o == nil {
		if o, err = publish.Open(dir); err != nil {
			return nil, err
		}
	}

	prog := newProgress(opts.Progress)
	var (
		trees [2]*publish.Tree
		errs  [4]error // the public site's list and render, the internal site's, the states'
		wg    sync.WaitGroup
	)
	wg.Go(func() {
		end := clock.stage("internal list")
		s, st, err := pub.plan.internal(res, out.History, prev.status)
		end()
		out.Status = st
		if errs[2] = err; err != nil {
			return
		}
		prog.plan(1, len(s.Pages))
		if len(res.Repo.Portraits) > 0 {
			// A photo is decoded once for the sizes of both sites
			// when both are listed before either renders
			// (portrait.Files).
			<-pub.done
		}
		end = clock.stage("internal render")
		trees[1], out.Internal, errs[2] = renderSite(o, s, prog.site(1))
		end()
		if errs[2] != nil {
			return
		}
		<-pub.done
		if pub.err != nil {
			return
		}
		defer clock.stage("states")()
		errs[3] = writeStates(o, prev.kept, prev.status)
	})
	<-pub.done
	out.Published = pub.stats
	if errs[0] = pub.err; pub.err == nil {
		prog.plan(0, len(pub.site.Pages))
		end := clock.stage("public render")
		trees[0], out.Public, errs[1] = renderSite(o, pub.site, prog.site(0))
		end()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	end := clock.stage("publish")
	err = o.Publish(trees[:]...)
	end()
	if err != nil {
		return nil, err
	}
	out.Built = true
	return out, nil
}

// publicList is the public site's list, made while the rules run.
type publicList struct {
	plan  *planner // for both sites
	done  chan struct{}
	site  *site.Site
	stats public.Stats
	err   error
}

// previous is what Run reads from the output folder while the records
// are checked: the folder, open and locked, when roll wrote it before,
// and what the build before kept in it.
type previous struct {
	out    *publish.Out // nil when the folder is to be opened later
	kept   *public.Kept
	status *status.Memo
}

// readPrevious opens dir when roll wrote it before (publish.OpenMarked)
// and reads its states. A folder that is not opened now (missing, empty,
// an older roll's, or locked by another build) has no state this build
// can read: Run opens it, or reports why it cannot, once the records
// are found right.
func readPrevious(dir string) previous {
	o, err := publish.OpenMarked(dir)
	if err != nil || o == nil {
		return previous{kept: public.ReadKept(nil), status: status.ReadMemo(nil)}
	}
	return previous{out: o, kept: public.ReadKept(o.State(keptState)), status: status.ReadMemo(o.State(statusState))}
}

// renderSite renders s into its inactive tree of o.
func renderSite(o *publish.Out, s *site.Site, prog func(done, total int)) (*publish.Tree, SiteStats, error) {
	t, err := o.Begin(s.Name)
	if err != nil {
		return nil, SiteStats{}, err
	}
	st, err := site.Render(t, s, site.Options{Progress: prog})
	if err != nil {
		return nil, SiteStats{}, err
	}
	if err := t.Finish(); err != nil {
		return nil, SiteStats{}, err
	}
	return t, SiteStats{Stats: st, Written: t.Written(), Linked: t.Linked(), Kept: t.Kept()}, nil
}

// writeStates keeps what this build's lists leave for the next build,
// and removes what an older roll kept.
func writeStates(o *publish.Out, kept *public.Kept, smemo *status.Memo) error {
	if kept.Changed() {
		if err := o.SetState(keptState, kept.Bytes()); err != nil {
			return err
		}
	}
	if smemo.Changed() {
		if err := o.SetState(statusState, smemo.Bytes()); err != nil {
			return err
		}
	}
	for _, name := range retiredStates() {
		if err := o.DropState(name); err != nil {
			return err
		}
	}
	return nil
}

// progress sums the pages of both sites, rendered at once, for
// Options.Progress: it tells of them once both sites are listed, one
// page at a time.
type progress struct {
	f     func(done, total int)
	mu    sync.Mutex
	done  [2]int
	total [2]int
	known [2]bool
	told  int // the pages told of
}

func newProgress(f func(done, total int)) *progress {
	return &progress{f: f}
}

// plan tells p that site i has pages pages.
func (p *progress) plan(i, pages int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.total[i], p.known[i] = pages, true
	p.tell()
}

// site returns the Progress function of site i, or nil when nobody listens.
func (p *progress) site(i int) func(done, total int) {
	if p.f == nil {
		return nil
	}
	return func(done, _ int) {
		p.mu.Lock()
		defer p.mu.Unlock()
		p.done[i] = done
		p.tell()
	}
}

func (p *progress) tell() {
	if p.f == nil || !p.known[0] || !p.known[1] {
		return
	}
	for p.told < p.done[0]+p.done[1] {
		p.told++
		p.f(p.told, p.total[0]+p.total[1])
	}
}

// Stage is one stage of a build and when it ran, from the start of Run.
type Stage struct {
	Name       string
	Start, End time.Duration
}

// clock times the stages of a build, from any goroutine.
type clock struct {
	start time.Time
	mu    sync.Mutex
	list  []Stage
}

func newClock() *clock { return &clock{start: time.Now()} }

// stage starts the stage name; the function returned ends it.
func (c *clock) stage(name string) func() {
	start := time.Since(c.start)
	return func() {
		end := time.Since(c.start)
		c.mu.Lock()
		defer c.mu.Unlock()
		c.list = append(c.list, Stage{Name: name, Start: start, End: end})
	}
}

// stages returns the stages ended so far, in the order they began.
func (c *clock) stages() []Stage {
	c.mu.Lock()
	defer c.mu.Unlock()
	list := slices.Clone(c.list)
	slices.SortStableFunc(list, func(a, b Stage) int { return cmp.Compare(a.Start, b.Start) })
	return list
}

// projector adapts the schema set to public.Projector, which names kinds
// with plain strings.
type projector struct{ s *schema.Set }

func (p projector) Project(kind string, v any, max string) any {
	return p.s.Project(schema.Kind(kind), v, max)
}

// ProjectPacked makes projector a public.PackedProjector.
func (p projector) ProjectPacked(kind string, packed []byte, max string, dst any) error {
	return p.s.ProjectPacked(schema.Kind(kind), packed, max, dst)
}

func (p projector) Enum(kind string, path ...string) []schema.EnumValue {
	return p.s.Enum(schema.Kind(kind), path...)
}
