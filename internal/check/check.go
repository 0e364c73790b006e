// Package check runs `roll check` on a repository: it compiles the
// repository's schemas, loads its records and applies the rules between them,
// and returns every finding, sorted, with the model that `roll build` renders.
// Given the records of a base revision it also compares with them (DESIGN §5,
// rule 9) and marks the findings that were present there already.
package check

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/yancheng-jyyw/roll/internal/baseline"
	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/l10n"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/readset"
	"github.com/yancheng-jyyw/roll/internal/records"
	"github.com/yancheng-jyyw/roll/internal/rootfs"
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
	// Base, when set, is the repository root at the base revision (records/
	// and schemas/, see package gitbase). The check then adds the findings
	// of rule 9 (package baseline) and marks Old the findings that were
	// present at the base already.
	Base fs.FS
	// Cache, when set, keeps what loading each record gave, for a process
	// that checks one repository again and again (roll serve).
	Cache *records.Cache
	// Code, when not zero, is the identity of the running roll (the
	// SHA-256 of its executable): Run keeps the findings of a check
	// without Base in the repository's cache with everything the check
	// read, and gives them again without checking while none of that
	// changed (see kept.go). Such a Result has its Findings only, their
	// messages in the language Lang.
	Code [sha256.Size]byte
	Lang l10n.Lang
}

// Result is what a check found.
type Result struct {
	Repo     *model.Repo
	Schemas  *schema.Set
	Findings finding.List // sorted
	// Kept says that the findings are those of an earlier check, given
	// again: nothing it read changed since (Options.Code).
	Kept bool
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
	// Each record is opened from its folder, kept open, rather than
	// through every folder above it (package rootfs), kept or not.
	files := rootfs.New(r)
	defer files.Close()
	if opts.Code == ([sha256.Size]byte{}) || opts.Base != nil {
		return RunFS(files, opts)
	}
	if list, ok := readKept(r, opts); ok {
		return &Result{Findings: only(list, opts.Paths), Kept: true}, nil
	}
	reads := readset.Record(files)
	res, err := runAll(reads, opts)
	if err != nil {
		return nil, err
	}
	if set, ok := reads.Set(); ok {
		writeKept(r, opts, set, res.Findings)
	}
	res.Findings = only(res.Findings, opts.Paths)
	return res, nil
}

// RunFS checks the repository whose root is fsys, as Run does.
func RunFS(fsys fs.FS, opts Options) (*Result, error) {
	res, err := runAll(fsys, opts)
	if err != nil {
		return nil, err
	}
	res.Findings = only(res.Findings, opts.Paths)
	return res, nil
}

// runAll checks the repository whose root is fsys, and returns every
// finding, sorted, whatever opts.Paths says.
func runAll(fsys fs.FS, opts Options) (*Result, error) {
	schemas, err := compileKnown(fsys, opts.Cache)
	if err != nil {
		return nil, err
	}
	// The records cache is written while the rules run; Finish waits
	// for it.
	opts.Cache.WriteLater()
	repo, list := records.LoadCached(fsys, schemas, opts.Cache)
	list = append(list, irregular(fsys)...)
	// Rule 10's work on each record is remembered with the records (a
	// record whose texts and dictionary did not change is not scanned
	// again; rules.Memo).
	var memo *rules.Memo
	if opts.Cache != nil {
		memo = rules.ReadMemo(opts.Cache.Side(privacyMemo), opts.Cache.Code())
	}
	list = append(list, rules.Check(repo, rules.Options{Today: opts.Today, Schemas: schemas, Memo: memo})...)
	if memo != nil && memo.Changed() {
		opts.Cache.SetSide(privacyMemo, memo.Bytes())
	}
	opts.Cache.Finish() // the positions the findings asked, for the next run
	if opts.Base != nil {
		// The base is checked with its own schemas, so that findings a
		// stricter schema brings to records count as new; if they
		// do not compile (or are missing), with today's.
		baseSchemas, err := compile(opts.Base)
		if err != nil {
			baseSchemas = schemas
		}
		baseRepo, baseList := records.Load(opts.Base, baseSchemas)
		baseList = append(baseList, rules.Check(baseRepo, rules.Options{Today: opts.Today, Schemas: baseSchemas})...)
		baseline.MarkOld(list, baseList, opts.Base, fsys)
		list = append(list, baseline.Compare(opts.Base, fsys)...)
	}
	// Sorted before only is applied: the sort is stable and only keeps
	// the order, so the findings are those of the other way round.
	list.Sort()
	return &Result{Repo: repo, Schemas: schemas, Findings: list}, nil
}

// privacyMemo names rule 10's memo in the records cache.
const privacyMemo = "privacy"

// compiledSide names, in the records cache, the mark of the schemas that
// compiled in an earlier run.
const compiledSide = "schemas"

// compileKnown compiles the schemas/ of the repository root fsys, as
// compile does, leaving the validator's compilation of each schema until a
// record needs it when the cache marks them as compiled by an earlier run
// of the same roll (schema.CompileKnown). The mark is a hash of roll's
// identity and the schemas' sum: any other bytes, or none, and the schemas
// are compiled now, and marked for the next run.
func compileKnown(fsys fs.FS, cache *records.Cache) (*schema.Set, error) {
	code := cache.Code()
	if code == ([sha256.Size]byte{}) {
		return compile(fsys)
	}
	mark := func(sum [sha256.Size]byte) []byte {
		h := sha256.New()
		h.Write([]byte("roll: schemas compiled\x00"))
		h.Write(code[:])
		h.Write(sum[:])
		return h.Sum(nil)
	}
	kept := cache.Side(compiledSide)
	schemaFS, err := fs.Sub(fsys, "schemas")
	if err != nil {
		return nil, err
	}
	schemas, err := schema.CompileKnown(schemaFS, func(sum [sha256.Size]byte) bool {
		return bytes.Equal(kept, mark(sum))
	})
	if err != nil {
		return nil, fmt.Errorf("schemas: %w", err)
	}
	if m := mark(schemas.Sum()); !bytes.Equal(kept, m) {
		cache.SetSide(compiledSide, m)
	}
	return schemas, nil
}

// compile compiles the schemas/ of the repository root fsys.
func compile(fsys fs.FS) (*schema.Set, error) {
	schemaFS, err := fs.Sub(fsys, "schemas")
	if err != nil {
		return nil, err
	}
	schemas, err := schema.Compile(schemaFS)
	if err != nil {
		return nil, fmt.Errorf("schemas: %w", err)
	}
	return schemas, nil
}

// Failed reports whether the check fails (exit status 1): there is an error
// that is not Old. With a base revision, errors already present there do not
// fail the check, since a pull request should not be blocked by problems it
// did not introduce; they are still reported, after the others.
func (r *Result) Failed() bool {
	for _, f := range r.Findings {
		if f.Severity == finding.Error && !f.Old {
			return true
		}
	}
	return false
}

// only keeps the findings in the given files or below the given folders;
// all of them without paths.
func only(list finding.List, paths []string) finding.List {
	if len(paths) == 0 {
		return list
	}
	var in finding.List
	for _, f := range list {
		for _, p := range paths {
			p = strings.TrimSuffix(p, "/")
			if p == "." || f.File == p || strings.HasPrefix(f.File, p+"/") {
				in = append(in, f)
				break
			}
		}
	}
	return in
}
