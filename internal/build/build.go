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
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"github.com/yancheng-jyyw/roll/internal/check"
	"github.com/yancheng-jyyw/roll/internal/history"
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
	tmpl := files.Templates
	// What every page reads, besides what each site adds: the code of
	// roll and the schemas.
	inputs := site.NewInputs("roll").Key(opts.Code).Record(res.Schemas.Sum()).Done()
	baseURL, today := opts.BaseURL, opts.Today
	// One maker of the portraits' files for both sites: a photo is decoded
	// once for the sizes of both.
	photos := portrait.NewFiles(files.Repo)
	// The sites are listed at once, on two cores: each only reads the
	// checked records (the maker of portraits locks what it shares).
	var (
		internal *site.Site
		sstats   status.Stats
		serr     error
		wg       sync.WaitGroup
	)
	wg.Go(func() {
		internal, sstats, serr = status.Site(status.Input{Repo: res.Repo, Schemas: res.Schemas, Findings: res.Findings, History: hist, Photos: photos},
			tmpl, status.Options{Today: today, Inputs: inputs, Memo: opts.Status})
	})
	pub, pstats, err := public.Site(res.Repo, projector{res.Schemas}, tmpl,
		public.Options{BaseURL: baseURL, Today: today, Inputs: inputs, Photos: photos, Memo: opts.Memo, Kept: opts.Kept})
	wg.Wait()
	if err != nil {
		return nil, pstats, status.Stats{}, fmt.Errorf("public site: %w", err)
	}
	if serr != nil {
		return nil, pstats, sstats, fmt.Errorf("internal site: %w", serr)
	}
	admin, err := form(res, files, baseURL)
	if err != nil {
		return nil, pstats, sstats, fmt.Errorf("internal site: %w", err)
	}
	internal.Pages = append(internal.Pages, admin...)
	return &Sites{Public: pub, Internal: internal}, pstats, sstats, nil
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
// On two cores the work is split where it is independent: the git history
// is read while the records are checked, and each site renders from a few
// workers.
func Run(root string, opts Options) (*Result, error) {
	dir := outDir(root, opts.Out)
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
	res, err := check.Run(root, copts)
	hr := <-histc
	if err != nil {
		return nil, err
	}
	out := &Result{Check: res}
	if res.Findings.Errors() > 0 {
		return out, nil
	}
	if hr.err != nil {
		return nil, fmt.Errorf("history: %w", hr.err)
	}
	out.History = hr.h

	files, err := OpenFiles(root)
	if err != nil {
		return nil, err
	}
	defer files.Close()
	o, err := publish.Open(dir)
	if err != nil {
		return nil, err
	}
	defer o.Close()
	kept := public.ReadKept(o.State(keptState))
	smemo := status.ReadMemo(o.State(statusState))
	sites, pstats, sstats, err := Plan(res, out.History, files, PlanOptions{BaseURL: opts.BaseURL, Today: opts.Today, Code: code, Kept: kept, Status: smemo})
	if err != nil {
		return nil, err
	}
	out.Published, out.Status = pstats, sstats

	prog := newProgress(opts.Progress, len(sites.Public.Pages)+len(sites.Internal.Pages))
	var trees []*publish.Tree
	for _, x := range []struct {
		s     *site.Site
		stats *SiteStats
	}{{sites.Public, &out.Public}, {sites.Internal, &out.Internal}} {
		t, err := o.Begin(x.s.Name)
		if err != nil {
			return nil, err
		}
		st, err := site.Render(t, x.s, site.Options{Progress: prog.site(len(trees))})
		if err != nil {
			return nil, err
		}
		if err := t.Finish(); err != nil {
			return nil, err
		}
		*x.stats = SiteStats{Stats: st, Written: t.Written(), Linked: t.Linked(), Kept: t.Kept()}
		trees = append(trees, t)
	}
	if err := o.Publish(trees...); err != nil {
		return nil, err
	}
	if kept.Changed() {
		if err := o.SetState(keptState, kept.Bytes()); err != nil {
			return nil, err
		}
	}
	if smemo.Changed() {
		if err := o.SetState(statusState, smemo.Bytes()); err != nil {
			return nil, err
		}
	}
	for _, name := range retiredStates() {
		if err := o.DropState(name); err != nil {
			return nil, err
		}
	}
	out.Built = true
	return out, nil
}

// outDir is the output folder out of a build of the repository at root:
// relative to root unless absolute.
func outDir(root, out string) string {
	if filepath.IsAbs(out) {
		return out
	}
	return filepath.Join(root, out)
}

// heapPerKept is how many bytes of heap a rebuild uses at its largest
// for each byte of the public site's entries the build before kept
// (keptState, which grows with the heroes published): 20-25 in rebuilds
// after one edit of rollgen's archives at 10,000 and 100,000 heroes,
// with room for an edit that changes more.
const heapPerKept = 40

// HeapHint is how much heap a build of the repository at root into out
// is likely to use at its largest, from what the build before kept
// there; 0 when it kept nothing, as before a first build. A hint, read
// before the build begins, that any folder can give: a build's heap is
// never bounded by it.
func HeapHint(root, out string) int64 {
	return heapPerKept * publish.StateSize(outDir(root, out), keptState)
}

// progress sums the pages of both sites, rendered one after the other,
// for Options.Progress.
type progress struct {
	f     func(done, total int)
	mu    sync.Mutex
	done  [2]int
	total int
}

func newProgress(f func(done, total int), total int) *progress {
	return &progress{f: f, total: total}
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
		p.f(p.done[0]+p.done[1], p.total)
	}
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
