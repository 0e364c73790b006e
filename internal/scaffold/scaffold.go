// Package scaffold starts new records of every kind a person adds (DESIGN §3,
// §6 `roll new`): a hero, a visit, a task (this file), a county's report, an
// event, a team (work.go), a decision, a nomination and a voucher of the
// fund (money.go). Each is written from a template with every field present,
// a comment in Chinese on each, and the next free id; the words for the values
// of enums in the comments are the schemas' (schema.Set.Enum).
//
// A new record is meant to fail `roll check` until a person has filled it in:
// each value only a person can know is left as "" on a line marked 【必填】,
// and the schema rejects the empty string there (an enum, a date format, a
// pattern, minLength or an integer type). Values with a safe default are
// given one: status pending, public.consent false, no honors. Once every
// 【必填】 value is filled with a real one, the record passes.
//
// Ids are never reused (DESIGN §3): the next number is one more than the
// highest number of that year found anywhere, in file names and in the id
// fields, withdrawn records and gaps included; a gap is never filled. The
// files are found with records.Walk and their ids read with records.ReadIDs,
// as everywhere else in roll.
//
// Planning a file only reads the repository through an fs.FS; Write creates
// it through an os.Root and never overwrites. A voucher is the one record
// that goes into a file that may exist already, its month of the ledger: it
// is appended, and nothing before it is touched.
//
// Problems with what was asked are *Error values, whose message renders in
// Chinese or English (package l10n).
//
// The package is larger than 600 lines because it has a planner and a
// template for each of nine kinds; they share the search for the next id and
// the rendering, and are split into files by area.
package scaffold

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"time"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/records"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/schemas"
)

// File is a record planned but not yet written.
type File struct {
	Path string // slash path relative to the repository root
	Data []byte
	// Append is set for a voucher planned into a month of the ledger that
	// exists: Data is added at its end.
	Append bool
}

// Error is a problem with what `roll new` was asked for, said to the person
// who asked: Msg renders in Chinese or English.
type Error struct{ Msg finding.Message }

// Error renders the message in English.
func (e *Error) Error() string {
	return e.Msg.Localize(message.NewPrinter(language.English))
}

func problem(m finding.Message) error { return &Error{Msg: m} }

// Write creates f under root, with the folders it needs. It fails when the
// file exists already: a record is never overwritten. A file planned for
// appending must exist still, and gets f.Data at its end.
func Write(root *os.Root, f File) error {
	name := path.Clean(f.Path)
	if err := root.MkdirAll(path.Dir(name), 0o755); err != nil {
		return err
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if f.Append {
		flags = os.O_WRONLY | os.O_APPEND
	}
	w, err := root.OpenFile(name, flags, 0o644)
	switch {
	case errors.Is(err, fs.ErrExist):
		return problem(finding.Msg("%s exists already; roll new never overwrites a record", f.Path))
	case errors.Is(err, fs.ErrNotExist):
		return problem(finding.Msg("%s was removed while roll new was writing to it; run roll new again", f.Path))
	case err != nil:
		return err
	}
	if _, err := w.Write(f.Data); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// HeroOptions describe a new hero.
type HeroOptions struct {
	Jurisdiction string // a code of catalog/jurisdictions.yaml
	Name         string // the full legal name: 2 to 6 Chinese characters
	Year         int    // the year of the deed; 0 means the year of today
}

// VisitOptions describe a new visit.
type VisitOptions struct {
	Date         time.Time // the date of the visit; zero: left for a person to fill, in the year of today
	Jurisdiction string    // optional: a code of catalog/jurisdictions.yaml
}

// TaskOptions describe a new task.
type TaskOptions struct {
	Year    int // the year of the plan; 0 means the year of today
	Section int // optional: a section number of that year's plan.yaml
}

// namePattern is the schema's pattern for a hero's name: 2 to 6 Chinese
// characters, a middle dot allowed inside (minority names).
var namePattern = regexp.MustCompile(`^[\x{3400}-\x{4dbf}\x{4e00}-\x{9fff}][\x{3400}-\x{4dbf}\x{4e00}-\x{9fff}·]{0,4}[\x{3400}-\x{4dbf}\x{4e00}-\x{9fff}]$`)

// Hero plans records/heroes/<jurisdiction>/H-<year>-NNNN.md in the
// repository fsys, on the day today.
func Hero(fsys fs.FS, today time.Time, o HeroOptions) (File, error) {
	if !namePattern.MatchString(o.Name) {
		return File{}, problem(finding.Msg("the name %q must be the full legal name in 2 to 6 Chinese characters", o.Name))
	}
	year, err := checkYear(o.Year, today)
	if err != nil {
		return File{}, err
	}
	js, err := Jurisdictions(fsys)
	if err != nil {
		return File{}, err
	}
	if err := known(js, o.Jurisdiction); err != nil {
		return File{}, err
	}
	n, err := next(fsys, "records/heroes", "H", year)
	if err != nil {
		return File{}, err
	}
	id := fmt.Sprintf("H-%d-%04d", year, n)
	data, err := render("hero.md.tmpl", heroData{ID: id, Name: o.Name, Jurisdiction: o.Jurisdiction, Year: year, Jurisdictions: js})
	if err != nil {
		return File{}, err
	}
	return File{Path: "records/heroes/" + o.Jurisdiction + "/" + id + ".md", Data: data}, nil
}

// Visit plans records/visits/<year>/V-<year>-NNNN.yaml.
func Visit(fsys fs.FS, today time.Time, o VisitOptions) (File, error) {
	year, date, err := dated(o.Date, today)
	if err != nil {
		return File{}, err
	}
	js, err := Jurisdictions(fsys)
	if err != nil {
		return File{}, err
	}
	if o.Jurisdiction != "" {
		if err := known(js, o.Jurisdiction); err != nil {
			return File{}, err
		}
	}
	n, err := next(fsys, "records/visits", "V", year)
	if err != nil {
		return File{}, err
	}
	id := fmt.Sprintf("V-%d-%04d", year, n)
	data, err := render("visit.yaml.tmpl", visitData{ID: id, Year: year, Date: date, Jurisdiction: o.Jurisdiction})
	if err != nil {
		return File{}, err
	}
	return File{Path: fmt.Sprintf("records/visits/%d/%s.yaml", year, id), Data: data}, nil
}

// Task plans records/tasks/<year>/<NN>.yaml, the next task of that year's
// plan, which must exist.
func Task(fsys fs.FS, today time.Time, o TaskOptions) (File, error) {
	year := o.Year
	if year == 0 {
		year = today.Year()
	}
	if year < 1900 || year > 2100 {
		return File{}, problem(finding.Msg("the year %d is not a valid four-digit year", year))
	}
	dir := fmt.Sprintf("records/tasks/%d", year)
	plan, err := readPlan(fsys, year)
	if err != nil {
		return File{}, err
	}
	if o.Section != 0 && !hasSection(plan, o.Section) {
		return File{}, problem(finding.Msg("the plan of %d has no section %d; its sections: %s", year, o.Section, sectionList(plan)))
	}
	js, err := Jurisdictions(fsys)
	if err != nil {
		return File{}, err
	}
	n, err := nextTask(fsys, dir, year)
	if err != nil {
		return File{}, err
	}
	data, err := render("task.yaml.tmpl", taskData{
		ID: fmt.Sprintf("T-%d-%02d", year, n), Number: n, Year: year, Section: o.Section,
		Sections: plan.Sections, Jurisdictions: js,
	})
	if err != nil {
		return File{}, err
	}
	return File{Path: fmt.Sprintf("%s/%02d.yaml", dir, n), Data: data}, nil
}

// checkYear returns the year of a new hero's deed: y, or this year when 0.
func checkYear(y int, today time.Time) (int, error) {
	if y == 0 {
		return today.Year(), nil
	}
	if y < 1900 || y > today.Year() {
		return 0, problem(finding.Msg("the year %d must lie between 1900 and this year, %d", y, today.Year()))
	}
	return y, nil
}

// dated returns the year and the written date of a new record dated d:
// with no date, this year and "" (a placeholder to fill). A date after
// today is refused.
func dated(d, today time.Time) (year int, date string, err error) {
	if d.IsZero() {
		return today.Year(), "", nil
	}
	if d.After(today) {
		return 0, "", problem(finding.Msg("the date %s is after today, %s", d.Format(time.DateOnly), today.Format(time.DateOnly)))
	}
	return d.Year(), d.Format(time.DateOnly), nil
}

// Jurisdictions reads records/catalog/jurisdictions.yaml of fsys.
func Jurisdictions(fsys fs.FS) ([]model.Jurisdiction, error) {
	data, err := fs.ReadFile(fsys, "records/catalog/jurisdictions.yaml")
	if err != nil {
		return nil, problem(finding.Msg("cannot read the catalog of jurisdictions: %s", err.Error()))
	}
	var js []model.Jurisdiction
	if err := yaml.Unmarshal(data, &js); err != nil {
		return nil, problem(finding.Msg("cannot read the catalog of jurisdictions: %s", err.Error()))
	}
	return js, nil
}

// known checks that code is a jurisdiction of js.
func known(js []model.Jurisdiction, code string) error {
	for _, j := range js {
		if j.ID == code {
			return nil
		}
	}
	var list []string
	for _, j := range js {
		list = append(list, j.ID+" "+j.Name)
	}
	if code == "" {
		return problem(finding.Msg("--jurisdiction is required; the codes: %s", strings.Join(list, "，")))
	}
	return problem(finding.Msg("unknown jurisdiction %q; the codes: %s", code, strings.Join(list, "，")))
}

// highest returns the highest number that number finds in the ids of the
// files below dir (of kind only, unless it is ""): in their names and in
// what records.ReadIDs reads from them (an id field, the entries of a list).
// Withdrawn records and files named wrongly count too, so that no id is
// used twice.
func highest(fsys fs.FS, dir string, only schema.Kind, number func(id string) (int, bool)) (int, error) {
	n := 0
	see := func(id string) {
		if k, ok := number(id); ok && k > n {
			n = k
		}
	}
	var err error
	records.Walk(fsys, dir, func(e records.Entry) {
		if e.Problem != nil || err != nil || only != "" && records.Kind(e.Path) != only {
			return // a folder not there yet, a file the check reports, another kind
		}
		see(records.Stem(e.Path))
		data, rerr := fs.ReadFile(fsys, e.Path)
		if rerr != nil {
			err = rerr
			return
		}
		ids := records.ReadIDs(e.Path, records.Kind(e.Path), data)
		see(ids.ID)
		for _, x := range ids.Entries {
			see(x.ID)
		}
	})
	return n, err
}

// yearNumber matches the ids <prefix>-<year>-<digits> of kind prefix.
func yearNumber(prefix string, year int) func(string) (int, bool) {
	head := fmt.Sprintf("%s-%d-", prefix, year)
	return func(id string) (int, bool) {
		rest, ok := strings.CutPrefix(id, head)
		if !ok || len(rest) < 2 || len(rest) > 5 || !digits(rest) {
			return 0, false
		}
		n, err := strconv.Atoi(rest)
		return n, err == nil
	}
}

func digits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// next returns one more than the highest number of the ids
// <prefix>-<year>-N below dir, written with at least four digits.
func next(fsys fs.FS, dir, prefix string, year int) (int, error) {
	n, err := highest(fsys, dir, "", yearNumber(prefix, year))
	if err != nil {
		return 0, err
	}
	if n >= 99999 {
		return 0, problem(finding.Msg("no ids are left for %d", year))
	}
	return n + 1, nil
}

// nextTask returns one more than the highest task number of the year: from
// the names of the task files in dir and the ids T-<year>-NN they hold.
func nextTask(fsys fs.FS, dir string, year int) (int, error) {
	id := yearNumber("T", year)
	n, err := highest(fsys, dir, schema.Task, func(s string) (int, bool) {
		if len(s) == 2 && digits(s) {
			k, _ := strconv.Atoi(s) // a task file's name: its number
			return k, true
		}
		return id(s)
	})
	if err != nil {
		return 0, err
	}
	if n >= 99 {
		return 0, problem(finding.Msg("the plan of %d has 99 tasks, as many as a plan may hold", year))
	}
	return n + 1, nil
}

// readPlan reads records/tasks/<year>/plan.yaml, which must exist.
func readPlan(fsys fs.FS, year int) (*model.Plan, error) {
	p := fmt.Sprintf("records/tasks/%d/plan.yaml", year)
	data, err := fs.ReadFile(fsys, p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, problem(finding.Msg("there is no plan for %d: add %s before its tasks and reports", year, p))
	}
	if err != nil {
		return nil, err
	}
	var plan model.Plan
	if err := yaml.Unmarshal(data, &plan); err != nil {
		return nil, problem(finding.Msg("%s cannot be read: %s", p, err.Error()))
	}
	plan.Year = year
	return &plan, nil
}

func hasSection(p *model.Plan, n int) bool {
	for _, s := range p.Sections {
		if s.Number == n {
			return true
		}
	}
	return false
}

func sectionList(p *model.Plan) string {
	var list []string
	for _, s := range p.Sections {
		list = append(list, strconv.Itoa(s.Number)+" "+s.Title)
	}
	return strings.Join(list, "；")
}

// Template data. Zero values render as "" placeholders: Blank uses them
// for the templates in docs/templates/.
type heroData struct {
	ID, Name, Jurisdiction string
	Year                   int
	Jurisdictions          []model.Jurisdiction
}

type visitData struct {
	ID                 string
	Year               int
	Date, Jurisdiction string
}

type taskData struct {
	ID            string
	Number, Year  int
	Section       int
	Sections      []model.Section
	Jurisdictions []model.Jurisdiction
}

//go:embed templates/*.tmpl
var templateFS embed.FS

// templates are parsed once; render binds the words of the enums to a copy.
var templates = template.Must(template.New("").Funcs(template.FuncMap{
	"q":    placeholder,
	"add":  func(a, b int) int { return a + b },
	"enum": func(kind string, path ...string) string { return "" },
}).ParseFS(templateFS, "templates/*.tmpl"))

// placeholder renders a value of a template: "" when empty, to be filled.
func placeholder(v any) string {
	switch v := v.(type) {
	case string:
		if v == "" {
			return `""`
		}
		return v
	case int:
		if v == 0 {
			return `""`
		}
		return strconv.Itoa(v)
	}
	return fmt.Sprint(v)
}

// vocabulary is the compiled copy of roll's own schemas, whose enum titles
// the comments of the templates list; the templates ship with roll too.
var vocabulary = sync.OnceValues(func() (*schema.Set, error) { return schema.Compile(schemas.FS) })

// enumList writes the values of an enum with their titles, as comments
// list them: "male 男，female 女".
func enumList(set *schema.Set, kind string, path ...string) string {
	var b strings.Builder
	for i, e := range set.Enum(schema.Kind(kind), path...) {
		if i > 0 {
			b.WriteString("，")
		}
		b.WriteString(e.Value + " " + e.Title)
	}
	return b.String()
}

func render(name string, data any) ([]byte, error) {
	set, err := vocabulary()
	if err != nil {
		return nil, err
	}
	t, err := templates.Clone()
	if err != nil {
		return nil, err
	}
	t.Funcs(template.FuncMap{"enum": func(kind string, path ...string) string { return enumList(set, kind, path...) }})
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, name, data); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Kinds are the kinds of record that `roll new` starts, in the order its
// usage lists them.
var Kinds = []schema.Kind{schema.Hero, schema.Visit, schema.Task, schema.Report, schema.Event, schema.Team,
	schema.Decision, schema.Nomination, schema.Fund}

// Blank returns the template of a kind of Kinds with every value left for
// a person to fill, ids included: the files of docs/templates/, for those
// who copy a template in GitHub's web editor. js are the jurisdictions and
// hs the honors listed in the comments.
func Blank(kind schema.Kind, js []model.Jurisdiction, hs []model.Honor) ([]byte, error) {
	switch kind {
	case schema.Hero:
		return render("hero.md.tmpl", heroData{Jurisdictions: js})
	case schema.Visit:
		return render("visit.yaml.tmpl", visitData{})
	case schema.Task:
		return render("task.yaml.tmpl", taskData{Jurisdictions: js})
	case schema.Report:
		return render("report.yaml.tmpl", reportData{})
	case schema.Event:
		return render("event.yaml.tmpl", eventData{})
	case schema.Team:
		return render("team.yaml.tmpl", teamData{Jurisdictions: js})
	case schema.Decision:
		return render("decision.yaml.tmpl", decisionData{Honors: hs})
	case schema.Nomination:
		return render("nomination.yaml.tmpl", nominationData{Honors: hs})
	case schema.Fund:
		return render("fund.yaml.tmpl", fundData{Header: true})
	}
	return nil, fmt.Errorf("unknown kind %q", kind)
}
