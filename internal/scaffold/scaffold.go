// Package scaffold starts new records: a hero, a visit or a task, written from
// a template with every field present, a comment in Chinese on each, and the
// next free id (DESIGN §3, §6 `roll new`).
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
// fields, withdrawn records and gaps included; a gap is never filled.
//
// Planning a file (Hero, Visit, Task) only reads the repository through an
// fs.FS; Write creates it through an os.Root and never overwrites.
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
	"text/template"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/yancheng-jyyw/roll/internal/model"
)

// File is a record planned but not yet written.
type File struct {
	Path string // slash path relative to the repository root
	Data []byte
}

// Write creates f under root, with the folders it needs. It fails when the
// file exists already: a record is never overwritten.
func Write(root *os.Root, f File) error {
	name := path.Clean(f.Path)
	if err := root.MkdirAll(path.Dir(name), 0o755); err != nil {
		return err
	}
	w, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s 已存在，roll new 从不覆盖已有记录 (%s exists already; roll new never overwrites a record)", f.Path, f.Path)
	}
	if err != nil {
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
		return File{}, fmt.Errorf("姓名 %q 应为2至6个汉字的法定全名 (the name %q must be the full legal name in 2 to 6 Chinese characters)", o.Name, o.Name)
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
	n, err := next(fsys, "records/heroes", "H", year, 99999)
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
	year := today.Year()
	date := ""
	if !o.Date.IsZero() {
		if o.Date.After(today) {
			return File{}, fmt.Errorf("日期 %s 晚于今天 %s (the date %s is after today, %s)",
				o.Date.Format(time.DateOnly), today.Format(time.DateOnly), o.Date.Format(time.DateOnly), today.Format(time.DateOnly))
		}
		year, date = o.Date.Year(), o.Date.Format(time.DateOnly)
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
	n, err := next(fsys, "records/visits", "V", year, 99999)
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
		return File{}, fmt.Errorf("年份 %d 不是有效的四位年份 (the year %d is not a valid four-digit year)", year, year)
	}
	dir := fmt.Sprintf("records/tasks/%d", year)
	plan, err := readPlan(fsys, dir+"/plan.yaml")
	if errors.Is(err, fs.ErrNotExist) {
		return File{}, fmt.Errorf("%s/plan.yaml 不存在：请先录入 %d 年的工作计划，再添加任务 (there is no plan for %d: add %s/plan.yaml before its tasks)", dir, year, year, dir)
	}
	if err != nil {
		return File{}, err
	}
	if o.Section != 0 && !hasSection(plan, o.Section) {
		return File{}, fmt.Errorf("%d 年的计划没有第 %d 部分；可用的部分 (valid sections)：%s (the plan of %d has no section %d)",
			year, o.Section, sectionList(plan), year, o.Section)
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
		return 0, fmt.Errorf("年份 %d 应在 1900 至今年（%d）之间 (the year %d must lie between 1900 and this year, %d)", y, today.Year(), y, today.Year())
	}
	return y, nil
}

// Jurisdictions reads records/catalog/jurisdictions.yaml of fsys.
func Jurisdictions(fsys fs.FS) ([]model.Jurisdiction, error) {
	data, err := fs.ReadFile(fsys, "records/catalog/jurisdictions.yaml")
	if err != nil {
		return nil, fmt.Errorf("辖区目录无法读取 (cannot read the catalog of jurisdictions): %w", err)
	}
	var js []model.Jurisdiction
	if err := yaml.Unmarshal(data, &js); err != nil {
		return nil, fmt.Errorf("records/catalog/jurisdictions.yaml: %w", err)
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
	what := fmt.Sprintf("辖区代码 %q 不存在 (unknown jurisdiction %q)", code, code)
	if code == "" {
		what = "缺少 --jurisdiction (--jurisdiction is required)"
	}
	return fmt.Errorf("%s；可用的代码 (valid codes)：%s", what, strings.Join(list, "，"))
}

// idPattern matches an id of a hero or a visit: H-2020-0001, V-2020-00012.
var idPattern = regexp.MustCompile(`^([A-Z])-(\d{4})-(\d{4,5})$`)

// idField finds the id field of a record, quoted or not.
var idField = regexp.MustCompile(`(?m)^id:[ \t]*["']?([A-Z]-\d{4}-\d{2,5})["']?[ \t]*(?:#.*)?$`)

// next returns one more than the highest number of the ids <letter>-<year>-N
// found in the names and id fields of the files below dir.
func next(fsys fs.FS, dir, letter string, year, max int) (int, error) {
	highest := 0
	see := func(id string) {
		m := idPattern.FindStringSubmatch(id)
		if m == nil || m[1] != letter || m[2] != strconv.Itoa(year) {
			return
		}
		if n, err := strconv.Atoi(m[3]); err == nil && n > highest {
			highest = n
		}
	}
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll // no records of this kind yet
			}
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		name := d.Name()
		see(strings.TrimSuffix(name, path.Ext(name)))
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		for _, m := range idField.FindAllSubmatch(data, -1) {
			see(string(m[1]))
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	if highest >= max {
		return 0, fmt.Errorf("%d 年的编号已用完 (no ids are left for %d)", year, year)
	}
	return highest + 1, nil
}

// taskFile is the name of a task's file: its two-digit number.
var taskFile = regexp.MustCompile(`^(\d\d)\.yaml$`)

// nextTask returns one more than the highest task number of the year: from
// the file names in dir and the ids T-<year>-NN of any task.
func nextTask(fsys fs.FS, dir string, year int) (int, error) {
	highest := 0
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return 0, err
	}
	prefix := fmt.Sprintf("T-%d-", year)
	for _, e := range entries {
		m := taskFile.FindStringSubmatch(e.Name())
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		highest = max(highest, n)
		data, err := fs.ReadFile(fsys, dir+"/"+e.Name())
		if err != nil {
			return 0, err
		}
		for _, m := range idField.FindAllSubmatch(data, -1) {
			if id, ok := strings.CutPrefix(string(m[1]), prefix); ok && len(id) == 2 {
				n, _ := strconv.Atoi(id)
				highest = max(highest, n)
			}
		}
	}
	if highest >= 99 {
		return 0, fmt.Errorf("%d 年的任务序号已用完，最多 99 项 (a plan holds at most 99 tasks)", year)
	}
	return highest + 1, nil
}

func readPlan(fsys fs.FS, p string) (*model.Plan, error) {
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil, err
	}
	var plan model.Plan
	if err := yaml.Unmarshal(data, &plan); err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
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

var templates = template.Must(template.New("").Funcs(template.FuncMap{
	"q": placeholder,
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

func render(name string, data any) ([]byte, error) {
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, name, data); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Blank returns the template of a kind ("hero", "visit" or "task") with
// every value left for a person to fill, ids included: the files of
// docs/templates/, for those who copy a template in GitHub's web editor.
// js are the jurisdictions listed in the comments.
func Blank(kind string, js []model.Jurisdiction) ([]byte, error) {
	switch kind {
	case "hero":
		return render("hero.md.tmpl", heroData{Jurisdictions: js})
	case "visit":
		return render("visit.yaml.tmpl", visitData{})
	case "task":
		return render("task.yaml.tmpl", taskData{Jurisdictions: js})
	}
	return nil, fmt.Errorf("unknown kind %q", kind)
}
