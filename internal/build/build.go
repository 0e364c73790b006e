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
	// Overlapped tells that the public site was listed while the rules
	// ran, with the entries the build before kept (Run).
	Overlapped bool
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
	wg.Go(func() { internal, sstats, serr = p.internal(res, hist) })
	pub, pstats, err := p.public(res.Repo)
	wg.Wait()
	if err != nil {
		return nil, pstats, sstats, err
	}
	if serr != nil {
		return nil, pstats, sstats, serr
	}
	return &Sites{Public: pub, Internal: internal}, pstats, sstats, nil
}

// planner lists the sites of one build.
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
// it beside the rules in a rebuild.
func (p *planner) public(repo *model.Repo) (*site.Site, public.Stats, error) {
	pub, stats, err := public.Site(repo, projector{p.schemas}, p.files.Templates,
		public.Options{BaseURL: p.opts.BaseURL, Today: p.opts.Today, Inputs: p.inputs, Photos: p.photos, Memo: p.opts.Memo, Kept: p.opts.Kept})
	if err != nil {
		return nil, stats, fmt.Errorf("public site: %w", err)
	}
	return pub, stats, nil
}

// internal lists the internal site, the form included, with the memo of
// the build before (PlanOptions.Status): its data-quality page shows the
// findings.
func (p *planner) internal(res *check.Result, hist *history.History) (*site.Site, status.Stats, error) {
	internal, stats, err := status.Site(status.Input{Repo: res.Repo, Schemas: p.schemas, Findings: res.Findings, History: hist, Photos: p.photos},
		p.files.Templates, status.Options{Today: p.opts.Today, Inputs: p.inputs, Memo: p.opts.Status})
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
// On two cores the work is split where it is independent: the git history
// is read while the records are checked, and each site renders from a few
// workers. A rebuild overlaps more (Result.Overlapped): when roll wrote
// the output folder before, what that build kept there is read while the
// records load (publish.OpenMarked writes nothing), and when it kept the
// public site's entries, the public site, which reads no finding, is
// listed while the rules run. A build the rules then fail drops that list
// and writes nothing. A cold build keeps its stages one after the other:
// listing the public site whole beside the rules held both stages' memory
// at once and cost it more CPU than the overlap saved
// (docs/performance.md).
func Run(root string, opts Options) (*Result, error) {
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
	prevc := make(chan previous, 1)
	go func() { prevc <- readPrevious(dir) }()
	readPrev := sync.OnceValue(func() previous { return <-prevc })
	// The templates are opened now for the public site's list; an error
	// is told only once the records are found right.
	files, ferr := OpenFiles(root)
	if ferr == nil {
		defer files.Close()
	}
	popts := PlanOptions{BaseURL: opts.BaseURL, Today: opts.Today, Code: code}
	var pub *publicList
	// Run waits for what it started before it returns.
	defer func() {
		if pub != nil {
			<-pub.done
		}
		if o := readPrev().out; o != nil {
			o.Close()
		}
	}()
	if ferr == nil {
		copts.Loaded = func(repo *model.Repo, schemas *schema.Set) {
			prev := readPrev()
			p := newPlanner(schemas, files, popts)
			if !prev.kept.Holds(p.inputs) {
				return
			}
			p.opts.Kept, p.opts.Status = prev.kept, prev.status
			pub = &publicList{plan: p, done: make(chan struct{})}
			go func() {
				defer close(pub.done)
				pub.site, pub.stats, pub.err = p.public(repo)
			}()
		}
	}
	res, err := check.Run(root, copts)
	hr := <-histc
	if err != nil {
		return nil, err
	}
	out := &Result{Check: res, Overlapped: pub != nil}
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
	prev := readPrev()
	o := prev.out
	if o == nil {
		if o, err = publish.Open(dir); err != nil {
			return nil, err
		}
		defer o.Close()
		prev.kept, prev.status = public.ReadKept(o.State(keptState)), status.ReadMemo(o.State(statusState))
	}
	var sites *Sites
	if pub != nil {
		internal, sstats, err := pub.plan.internal(res, out.History)
		<-pub.done
		if err != nil {
			return nil, err
		}
		if pub.err != nil {
			return nil, pub.err
		}
		sites, out.Published, out.Status = &Sites{Public: pub.site, Internal: internal}, pub.stats, sstats
	} else {
		popts.Kept, popts.Status = prev.kept, prev.status
		if sites, out.Published, out.Status, err = Plan(res, out.History, files, popts); err != nil {
			return nil, err
		}
	}

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
	if prev.kept.Changed() {
		if err := o.SetState(keptState, prev.kept.Bytes()); err != nil {
			return nil, err
		}
	}
	if prev.status.Changed() {
		if err := o.SetState(statusState, prev.status.Bytes()); err != nil {
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

// publicList is the public site's list, made while the rules run.
type publicList struct {
	plan  *planner // for both sites
	done  chan struct{}
	site  *site.Site
	stats public.Stats
	err   error
}

// previous is what Run reads from the output folder while the records
// load: the folder, open and locked, when roll wrote it before, and what
// the build before kept in it.
type previous struct {
	out    *publish.Out // nil when the folder is to be opened later
	kept   *public.Kept
	status *status.Memo
}

// readPrevious opens dir when roll wrote it before (publish.OpenMarked)
// and reads its states. A folder not opened now (missing, empty, an
// older roll's, one that needs mending, or locked by another build) has
// nothing read from it yet: Run opens it, or reports why it cannot, once
// the records are found right, and reads its states then.
func readPrevious(dir string) previous {
	o, err := publish.OpenMarked(dir)
	if err != nil || o == nil {
		return previous{}
	}
	return previous{out: o, kept: public.ReadKept(o.State(keptState)), status: status.ReadMemo(o.State(statusState))}
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
