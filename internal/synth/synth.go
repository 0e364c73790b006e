// Package synth generates synthetic repositories of records for benchmarks:
// the site settings, the catalogs and the year's plan and tasks of the sample
// records, and any number of fictional heroes over the 11 jurisdictions with
// Chinese narratives of 300 to 900 characters, their care visits, a few
// grassroots workstations and teams per jurisdiction, the counties' reports
// on the year's plan, events in proportion to the heroes and a ledger of the
// fund that pays the visits (work.go). What it writes passes `roll check`
// without errors; a few warnings (a minor without guardian consent, an
// honoree whose insurance lapsed, a report late or missing, a visit not yet
// paid) are left in on purpose, as real archives have them.
//
// A generation is a pure function of its Options: one PCG seeded from
// Options.Seed is drawn from in a fixed order, no map is iterated, and no
// clock is read. Repo.Write puts the records on disk; Repo.Commit also
// records their history in a git repository of a given number of commits.
//
// The package is larger than 600 lines on purpose: every kind of record it
// writes (hero.go, visit.go, work.go, narrative.go, git.go) is drawn from
// the one random stream in one fixed order, and splitting it would make
// that order a contract between packages.
package synth

import (
	"crypto/sha256"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/yancheng-jyyw/roll/schemas"
	"github.com/yancheng-jyyw/roll/templates"
)

// base holds copies of the sample records that every generated repository
// shares: records/site.yaml, the catalogs and the 2020 plan with its 15 tasks.
// TestBaseMatchesRecords keeps them equal to the repository's own.
//
//go:embed base
var base embed.FS

// baseYear is the year of the plan and tasks in base.
const baseYear = 2020

// Options are the settings of a generation.
type Options struct {
	Heroes int    // how many heroes
	Seed   uint64 // the same seed gives the same repository
	Year   int    // the current year of the site and its plan; deeds fall in the five years up to it
	// Portraits gives every Portraits-th hero a photo beside the record
	// (portrait.go); 0 gives none, so that archives without it stay as
	// they were.
	Portraits int
}

// File is one generated file.
type File struct {
	Path string // slash path relative to the repository root
	Data []byte
}

// Repo is a generated repository: its files as they are at the end, and the
// changes that led there, for Commit.
type Repo struct {
	Files   []File   // sorted by path
	changes []change // in the order of their dates
	opts    Options
}

// change is one event in the life of the records: a file added or rewritten.
type change struct {
	date  time.Time
	verb  string // add | confirm | withdraw | visit
	id    string
	label string // a name or an occasion, for the commit message
	jur   int    // index in places: whose clerk commits it
	file  File
}

// Generate builds a repository of opts.Heroes heroes.
func Generate(opts Options) (*Repo, error) {
	if opts.Heroes < 1 {
		return nil, errors.New("the number of heroes must be at least 1")
	}
	if opts.Heroes > 11*5*99999 {
		return nil, fmt.Errorf("at most %d heroes: ids have at most five digits a year", 11*5*99999)
	}
	if opts.Year < 2005 || opts.Year > 2099 {
		return nil, fmt.Errorf("the year %d is out of range (2005–2099)", opts.Year)
	}
	g := &generator{opts: opts, r: newRNG(opts.Seed), repo: &Repo{opts: opts}}
	if err := g.base(); err != nil {
		return nil, err
	}
	g.stations()
	g.heroes()
	g.visits()
	g.teams()
	g.reports()
	g.events()
	g.fund()
	slices.SortFunc(g.repo.Files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	slices.SortStableFunc(g.repo.changes, func(a, b change) int { return a.date.Compare(b.date) })
	return g.repo, nil
}

// generator carries one generation's state.
type generator struct {
	opts Options
	r    *rng
	repo *Repo

	heroList  []*hero  // sorted by deed date, then ids assigned
	visitList []*visit // sorted by date
}

func (g *generator) add(p string, data []byte) {
	g.repo.Files = append(g.repo.Files, File{Path: p, Data: data})
}

func (g *generator) first() int { return g.opts.Year - 4 }

func (g *generator) yearEnd() time.Time { return date(g.opts.Year, 12, 31) }

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// day returns a random day of year y.
func (g *generator) day(y int) time.Time {
	start := date(y, 1, 1)
	days := int(date(y+1, 1, 1).Sub(start).Hours() / 24)
	return start.AddDate(0, 0, g.r.IntN(days))
}

func minDate(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// base copies the schemas, the site templates and the shared records,
// moved to opts.Year: a complete repository that roll check and roll build
// take as it is.
func (g *generator) base() error {
	for _, c := range []struct {
		fsys fs.FS
		dir  string
	}{{schemas.FS, "schemas"}, {templates.FS, "templates"}} {
		err := fs.WalkDir(c.fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || path.Ext(p) == ".go" {
				return err
			}
			data, err := fs.ReadFile(c.fsys, p)
			g.add(path.Join(c.dir, p), data)
			return err
		})
		if err != nil {
			return fmt.Errorf("%s: %w", c.dir, err)
		}
	}
	y := strconv.Itoa(g.opts.Year)
	shift := strings.NewReplacer(strconv.Itoa(baseYear), y, strconv.Itoa(baseYear+1), strconv.Itoa(g.opts.Year+1))
	return fs.WalkDir(base, "base", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(base, p)
		rel := strings.TrimPrefix(p, "base/")
		if dir, file := path.Split(rel); dir == "tasks/" {
			rel = "tasks/" + y + "/" + file
		}
		if strings.HasPrefix(rel, "tasks/") {
			data = openYear(data)
		}
		g.add(path.Join("records", rel), []byte(shift.Replace(string(data))))
		return err
	})
}

// openYear leaves out the closed line of the sample's plan and the
// carried_to lines of its tasks: a generated repository is checked on the
// last day of its year, which is still open, and has no next year's plan
// to carry a task into.
func openYear(file []byte) []byte {
	var out []byte
	for line := range strings.Lines(string(file)) {
		if !strings.HasPrefix(line, "closed:") && !strings.HasPrefix(line, "carried_to:") {
			out = append(out, line...)
		}
	}
	return out
}

// stations writes one to four workstations per jurisdiction.
func (g *generator) stations() {
	for _, pl := range places {
		n := g.r.between(1, 4)
		for i, t := range g.r.sample(pl.towns, n) {
			id := fmt.Sprintf("S-%s-%02d", pl.id, i+1)
			since := g.day(g.r.between(g.opts.Year-6, g.opts.Year-1))
			var as []string
			for y := since.Year() + 1; y <= g.opts.Year; y++ {
				as = append(as, fmt.Sprintf("{year: %d, score: %d}", y, g.r.between(72, 98)))
			}
			var b strings.Builder
			fmt.Fprintf(&b, "# yaml-language-server: $schema=../../../schemas/station.schema.json\n")
			fmt.Fprintf(&b, "id: %s\njurisdiction: %s\nname: %s见义勇为工作站\ndemonstration: %t\nsince: %s\nassessments: [%s]\n",
				id, pl.id, t, g.r.chance(0.3), since.Format(time.DateOnly), strings.Join(as, ", "))
			g.add(fmt.Sprintf("records/stations/%s/%s.yaml", pl.id, id), []byte(b.String()))
		}
	}
}

// Write writes the repository's files into dir, which must not exist or be
// empty.
func (r *Repo) Write(dir string) error {
	if err := emptyDir(dir); err != nil {
		return err
	}
	for _, f := range r.Files {
		if err := writeFile(dir, f); err != nil {
			return err
		}
	}
	return nil
}

func emptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return os.MkdirAll(dir, 0o755)
	case err != nil:
		return err
	case len(entries) > 0:
		return fmt.Errorf("%s is not empty", dir)
	}
	return nil
}

func writeFile(dir string, f File) error {
	p := filepath.Join(dir, filepath.FromSlash(f.Path))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, f.Data, 0o644)
}

// Counts tells how many records of each kind a repository has; Months are
// the files of the ledger.
type Counts struct {
	Heroes, Visits, Stations, Tasks, Reports, Events, Teams, Months int
	Portraits                                                       int // photos beside the heroes' records
}

// Count counts the records of r.
func (r *Repo) Count() Counts {
	var c Counts
	for _, f := range r.Files {
		switch parts := strings.Split(f.Path, "/"); {
		case len(parts) != 4:
		case parts[1] == "heroes" && strings.HasSuffix(f.Path, ".jpg"):
			c.Portraits++
		case parts[1] == "heroes":
			c.Heroes++
		case parts[1] == "visits":
			c.Visits++
		case parts[1] == "stations":
			c.Stations++
		case parts[1] == "tasks" && parts[3] != "plan.yaml":
			c.Tasks++
		case parts[1] == "reports":
			c.Reports++
		case parts[1] == "events":
			c.Events++
		case parts[1] == "teams":
			c.Teams++
		case parts[1] == "fund":
			c.Months++
		}
	}
	return c
}

// Cached writes the repository of opts into a folder under os.TempDir() the
// first time and returns that folder; later calls with the same options,
// from any process, return it at once. The folder is named by a hash of the
// generated files, so a change to the generator never reuses a stale copy.
// It is meant for benchmarks, which need the same large repository often.
func Cached(opts Options) (string, error) {
	r, err := Generate(opts)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, f := range r.Files {
		fmt.Fprintf(h, "%s\x00%d\x00", f.Path, len(f.Data))
		h.Write(f.Data)
	}
	dir := filepath.Join(os.TempDir(), "roll-synth", fmt.Sprintf("%d-%x", opts.Heroes, h.Sum(nil)[:8]))
	if _, err := os.Stat(filepath.Join(dir, ".complete")); err == nil {
		return dir, nil
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "tmp-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	if err := r.Write(tmp); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(tmp, ".complete"), nil, 0o644); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, dir); err != nil {
		// Another process won the race: use its copy.
		if _, statErr := os.Stat(filepath.Join(dir, ".complete")); statErr == nil {
			return dir, nil
		}
		return "", err
	}
	return dir, nil
}
