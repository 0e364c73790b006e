// Package check runs `roll check` on a repository: it compiles the
// repository's schemas, loads its records and applies the rules between them,
// and returns every finding, sorted, with the model that `roll build` renders.
package check

import (
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/records"
	"github.com/yancheng-jyyw/roll/internal/rules"
	"github.com/yancheng-jyyw/roll/internal/schema"
)

// Options are the settings of one check.
type Options struct {
	// Today is the date nothing may lie after and minors' ages count from.
	Today time.Time
	// Paths limits the report to these files or folders (slash paths relative
	// to the root). References still resolve against the whole repository.
	Paths []string
}

// Result is what a check found.
type Result struct {
	Repo     *model.Repo
	Schemas  *schema.Set
	Findings finding.List // sorted
}

// Run checks the repository at root. The error is for failures of the tool
// itself (an unreadable root, schemas that do not compile); problems in the
// records are findings.
func Run(root string, opts Options) (*Result, error) {
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	fsys := r.FS()
	schemaFS, err := fs.Sub(fsys, "schemas")
	if err != nil {
		return nil, err
	}
	schemas, err := schema.Compile(schemaFS)
	if err != nil {
		return nil, fmt.Errorf("schemas: %w", err)
	}
	repo, list := records.Load(fsys, schemas)
	list = append(list, rules.Check(repo, rules.Options{Today: opts.Today})...)
	if len(opts.Paths) > 0 {
		list = only(list, opts.Paths)
	}
	list.Sort()
	return &Result{Repo: repo, Schemas: schemas, Findings: list}, nil
}

// only keeps the findings in the given files or below the given folders.
func only(list finding.List, paths []string) finding.List {
	var kept finding.List
	for _, f := range list {
		for _, p := range paths {
			p = strings.TrimSuffix(p, "/")
			if p == "." || f.File == p || strings.HasPrefix(f.File, p+"/") {
				kept = append(kept, f)
				break
			}
		}
	}
	return kept
}
