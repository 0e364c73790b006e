// Package build runs `roll build`: it checks the repository first and, only
// when there are no errors, renders the public site into OUT/public from the
// public projection of the records, and the internal site into OUT/internal.
//
// Templates are read from the repository's templates/ folder as they are on
// disk, so a designer can change a page without rebuilding roll.
//
// # Atomicity
//
// Both sites are rendered before either is touched: each renders into its
// own site.Output, which stages only the files whose bytes changed, and
// the two are committed only when both rendered. So errors in the records,
// a template error or a failure to read the history leave both previous
// sites byte for byte as they were. Committing moves each changed file
// into place with a rename and then removes the files no longer produced;
// a crash during that leaves whole old and whole new files, never a torn
// one, and the next build completes the update (see site.Output).
package build

import (
	"cmp"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sync"
	"time"

	"github.com/yancheng-jyyw/roll/internal/check"
	"github.com/yancheng-jyyw/roll/internal/cms"
	"github.com/yancheng-jyyw/roll/internal/history"
	"github.com/yancheng-jyyw/roll/internal/public"
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
	// Progress, when set, is told of each page rendered: the pages done
	// and the total of both sites. It is called from one goroutine at a
	// time, never after Run returns.
	Progress func(done, total int)
}

// Result is what a build did.
type Result struct {
	Check    *check.Result // the check run before building
	Public   public.Stats
	Internal status.Stats
	History  *history.History // nil outside a git repository
	Built    bool             // false when the check found errors and nothing was written
}

// Run checks the repository at root and builds both sites. The error is for
// failures of the tool or of writing; errors in the records leave Built
// false and the findings in Result.Check.
//
// On two cores the work is split in two where it is independent: the git
// history is read while the records are checked, and the internal site
// renders while the public one does.
func Run(root string, opts Options) (*Result, error) {
	type histResult struct {
		h   *history.History
		err error
	}
	histc := make(chan histResult, 1)
	if opts.History != nil {
		histc <- histResult{h: opts.History}
	} else {
		go func() {
			h, err := history.Read(root, "records/")
			histc <- histResult{h, err}
		}()
	}
	res, err := check.Run(root, check.Options{Today: opts.Today})
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

	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	tmpl, err := fs.Sub(r.FS(), "templates")
	if err != nil {
		return nil, err
	}
	dir := opts.Out
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(root, dir)
	}
	pub, err := site.NewOutput(filepath.Join(dir, "public"))
	if err != nil {
		return nil, fmt.Errorf("public site: %w", err)
	}
	defer pub.Abort()
	internal, err := site.NewOutput(filepath.Join(dir, "internal"))
	if err != nil {
		return nil, fmt.Errorf("internal site: %w", err)
	}
	defer internal.Abort()

	// Pages whose inputs did not change since the previous build are not
	// rendered again; the key of their inputs includes the code of roll.
	// Without it (no executable to read), every page is rendered.
	code, _ := site.CodeKey()

	prog := newProgress(opts.Progress)
	var wg sync.WaitGroup
	var pubErr, intErr error
	wg.Go(func() {
		out.Public, pubErr = public.Render(pub, res.Repo, projector{res.Schemas}, tmpl,
			public.Options{BaseURL: opts.BaseURL, Today: opts.Today, Progress: prog.site(0), CodeKey: code})
	})
	wg.Go(func() {
		out.Internal, intErr = status.Render(internal, res, out.History, tmpl,
			status.Options{Today: opts.Today, Progress: prog.site(1), CodeKey: code})
	})
	wg.Wait()
	if pubErr != nil {
		return nil, fmt.Errorf("public site: %w", pubErr)
	}
	if err := writeAdmin(internal, r.FS(), res, opts, code); err != nil {
		return nil, fmt.Errorf("internal site: %w", err)
	}
	// The counts of the internal site, with the form's files.
	out.Internal.Files, out.Internal.Bytes = internal.Files(), internal.Bytes()
	out.Internal.Written, out.Internal.Unchanged = internal.Written(), internal.Unchanged()
	if intErr != nil {
		return nil, fmt.Errorf("internal site: %w", intErr)
	}
	if err := pub.Commit(); err != nil {
		return nil, fmt.Errorf("public site: %w", err)
	}
	if err := internal.Commit(); err != nil {
		return nil, fmt.Errorf("internal site: %w", err)
	}
	out.Built = true
	return out, nil
}

// writeAdmin writes the form staff edit records with into the internal
// site's admin/ folder, when site.yaml asks for it (package cms). The form
// holds no record (it reads and saves them through GitHub with the clerk's
// own sign-in) but it is a tool of the staff, and its configuration names
// the private repository and every field of the records, private ones
// included: it goes where the staff are, not to the public. The CMS's files
// come from cms/assets, filled by `make cms`; without them the page says
// so.
func writeAdmin(out *site.Output, repo fs.FS, res *check.Result, opts Options, code []byte) error {
	s := res.Repo.Site.CMS
	if s == nil {
		return nil
	}
	schemas, err := fs.Sub(repo, "schemas")
	if err != nil {
		return err
	}
	page, err := fs.Sub(repo, "templates/admin")
	if err != nil {
		return err
	}
	copts := cms.Options{
		Repo: s.Repo, Branch: s.Branch, AuthURL: s.AuthURL,
		SiteURL: cmp.Or(opts.BaseURL, res.Repo.Site.BaseURL),
	}
	// The configuration is generated again only when what it is made of
	// changed; without the code's key, always.
	name := path.Join("admin", cms.ConfigFile)
	var key string
	if code != nil {
		if key, err = cms.Key(schemas, repo, copts, code); err != nil {
			return err
		}
	}
	if !out.Reuse(name, key) {
		config, err := cms.Config(schemas, repo, copts)
		if err != nil {
			return err
		}
		if err := out.WriteKeyed(name, config, key); err != nil {
			return err
		}
	}
	var assets fs.FS
	if fi, err := fs.Stat(repo, "cms/assets"); err == nil && fi.IsDir() {
		if assets, err = fs.Sub(repo, "cms/assets"); err != nil {
			return err
		}
	}
	return cms.Write(page, assets, func(name string, data []byte) error {
		return out.WriteFile(path.Join("admin", name), data)
	})
}

// progress sums the pages of both sites, rendered at once, for
// Options.Progress; it reports once each site has said how many it has.
type progress struct {
	f     func(done, total int)
	mu    sync.Mutex
	done  [2]int
	total [2]int
}

func newProgress(f func(done, total int)) *progress { return &progress{f: f} }

// site returns the Progress function of site i, or nil when nobody listens.
func (p *progress) site(i int) func(done, total int) {
	if p.f == nil {
		return nil
	}
	return func(done, total int) {
		p.mu.Lock()
		defer p.mu.Unlock()
		p.done[i], p.total[i] = done, total
		if p.total[0] > 0 && p.total[1] > 0 {
			p.f(p.done[0]+p.done[1], p.total[0]+p.total[1])
		}
	}
}

// Written and Unchanged count the files of both sites that this build
// wrote and that it left as they were.
func (r *Result) Written() int   { return r.Public.Written + r.Internal.Written }
func (r *Result) Unchanged() int { return r.Public.Unchanged + r.Internal.Unchanged }

// projector adapts the schema set to public.Projector, which names kinds
// with plain strings.
type projector struct{ s *schema.Set }

func (p projector) Project(kind string, v any, max string) any {
	return p.s.Project(schema.Kind(kind), v, max)
}
