// Package build runs `roll build`: it checks the repository first and, only
// when there are no errors, renders the public site into OUT/public from the
// public projection of the records, and the internal site into OUT/internal.
//
// Templates are read from the repository's templates/ folder as they are on
// disk, so a designer can change a page without rebuilding roll.
package build

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/yancheng-jyyw/roll/internal/check"
	"github.com/yancheng-jyyw/roll/internal/history"
	"github.com/yancheng-jyyw/roll/internal/public"
	"github.com/yancheng-jyyw/roll/internal/schema"
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
func Run(root string, opts Options) (*Result, error) {
	res, err := check.Run(root, check.Options{Today: opts.Today})
	if err != nil {
		return nil, err
	}
	out := &Result{Check: res}
	if res.Findings.Errors() > 0 {
		return out, nil
	}
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
	out.Public, err = public.Build(filepath.Join(dir, "public"), res.Repo, projector{res.Schemas}, tmpl,
		public.Options{BaseURL: opts.BaseURL, Today: opts.Today})
	if err != nil {
		return nil, fmt.Errorf("public site: %w", err)
	}
	hist := opts.History
	if hist == nil {
		if hist, err = history.Read(root, "records/"); err != nil {
			return nil, fmt.Errorf("history: %w", err)
		}
	}
	out.History = hist
	out.Internal, err = status.Build(filepath.Join(dir, "internal"), res, hist, tmpl, status.Options{Today: opts.Today})
	if err != nil {
		return nil, fmt.Errorf("internal site: %w", err)
	}
	out.Built = true
	return out, nil
}

// projector adapts the schema set to public.Projector, which names kinds
// with plain strings.
type projector struct{ s *schema.Set }

func (p projector) Project(kind string, v any, max string) any {
	return p.s.Project(schema.Kind(kind), v, max)
}
