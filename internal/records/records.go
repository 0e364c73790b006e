// Package records loads the records of a repository: it finds the
// repository, walks records/, reads each file once, validates it against its
// kind's schema and decodes the valid ones into a model.Repo.
//
// Every problem becomes a finding with its file and line; nothing here stops
// at the first. The walk never follows a symbolic link and reads through an
// os.Root, so no path outside the repository is ever read.
package records

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/frontmatter"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/internal/yamldoc"
	"go.yaml.in/yaml/v3"
)

// Dir is the folder of the records in a repository.
const Dir = "records"

// FindRoot returns the nearest folder at or above dir that holds both
// records/ and schemas/, as git looks upward for .git.
func FindRoot(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := dir; ; {
		if isDir(filepath.Join(d, Dir)) && isDir(filepath.Join(d, "schemas")) {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", fmt.Errorf("no repository of records at or above %s (looked for the folders records/ and schemas/)", dir)
		}
		d = parent
	}
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// Kind tells which record kind a path under records/ holds, "" for none.
func Kind(p string) schema.Kind {
	parts := strings.Split(p, "/")
	if len(parts) < 2 || parts[0] != Dir {
		return ""
	}
	switch {
	case p == "records/site.yaml":
		return schema.Site
	case p == "records/catalog/jurisdictions.yaml":
		return schema.Jurisdictions
	case p == "records/catalog/honors.yaml":
		return schema.Honors
	case len(parts) != 4:
		return ""
	case parts[1] == "heroes" && path.Ext(p) == ".md":
		return schema.Hero
	case parts[1] == "tasks" && parts[3] == "plan.yaml":
		return schema.Plan
	case parts[1] == "tasks" && taskFile.MatchString(parts[3]):
		return schema.Task
	case parts[1] == "visits" && path.Ext(p) == ".yaml":
		return schema.Visit
	case parts[1] == "stations" && path.Ext(p) == ".yaml":
		return schema.Station
	}
	return ""
}

var taskFile = regexp.MustCompile(`^\d\d\.yaml$`)

// required are the files every repository has.
var required = []string{"records/site.yaml", "records/catalog/jurisdictions.yaml", "records/catalog/honors.yaml"}

// loader carries one load's state.
type loader struct {
	fsys    fs.FS
	schemas *schema.Set
	repo    *model.Repo
	list    finding.List
}

// Load reads every record under records/ of fsys, the repository's root.
// The returned Repo holds the records that passed their schema; the others
// are findings, and their ids are listed in Repo.Broken.
func Load(fsys fs.FS, schemas *schema.Set) (*model.Repo, finding.List) {
	l := &loader{fsys: fsys, schemas: schemas, repo: &model.Repo{Broken: map[string]string{}}}
	seen := map[string]bool{}
	err := fs.WalkDir(fsys, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			l.list.Errorf(p, finding.Pos{}, "load", "cannot read: %s", err.Error())
			return nil
		}
		name := d.Name()
		if d.Type()&fs.ModeSymlink != 0 {
			l.list.Errorf(p, finding.Pos{}, "load", "this is a symbolic link; roll does not follow links, put the file itself here")
			return nil
		}
		if d.IsDir() {
			if p != Dir && strings.HasPrefix(name, ".") {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(name, ".") || name == "README.md" {
			return nil
		}
		if !d.Type().IsRegular() {
			l.list.Errorf(p, finding.Pos{}, "load", "this is not a regular file")
			return nil
		}
		seen[p] = true
		l.file(p)
		return nil
	})
	if err != nil {
		l.list.Errorf(Dir, finding.Pos{}, "load", "cannot read: %s", err.Error())
	}
	for _, p := range required {
		if !seen[p] {
			l.list.Errorf(p, finding.Pos{}, "load", "this file is missing; every repository needs it")
		}
	}
	return l.repo, l.list
}

// file loads one file.
func (l *loader) file(p string) {
	kind := Kind(p)
	if kind == "" {
		l.unexpected(p)
		return
	}
	data, err := fs.ReadFile(l.fsys, p)
	if err != nil {
		l.list.Errorf(p, finding.Pos{}, "load", "cannot read: %s", err.Error())
		return
	}
	if len(bytes.TrimSpace(data)) == 0 {
		l.list.Errorf(p, finding.Pos{Line: 1, Col: 1}, "yaml", "the file is empty")
		l.broken(p, nil)
		return
	}
	data = frontmatter.Normalize(data)
	meta, offset := data, 0
	var fm frontmatter.Doc
	if kind == schema.Hero {
		fm, err = frontmatter.Split(data)
		switch {
		case errors.Is(err, frontmatter.ErrNoOpening):
			l.list.Errorf(p, finding.Pos{Line: 1, Col: 1}, "yaml", "the file must start with a line --- that opens the front matter")
			l.broken(p, nil)
			return
		case errors.Is(err, frontmatter.ErrNotClosed):
			l.list.Errorf(p, finding.Pos{Line: 1, Col: 1}, "yaml", "the front matter opened here is not closed by a line ---")
			l.broken(p, nil)
			return
		}
		meta, offset = fm.Meta, fm.MetaLines
	}
	doc, problems := yamldoc.Decode(p, meta, offset)
	if len(problems) > 0 {
		l.list = append(l.list, problems...)
		l.broken(p, doc)
		return
	}
	if doc.Empty() {
		l.list.Errorf(p, finding.Pos{Line: offset + 1, Col: 1}, "yaml", "the record has no fields")
		l.broken(p, nil)
		return
	}
	if !l.validate(p, kind, doc) {
		l.broken(p, doc)
		return
	}
	src := model.Source{File: p, Loc: doc, Raw: doc.Value}
	var decodeErr error
	switch kind {
	case schema.Site:
		l.repo.Site.Src = src
		decodeErr = doc.Root.Decode(&l.repo.Site)
	case schema.Jurisdictions:
		l.repo.JurisdictionsSrc = src
		decodeErr = doc.Root.Decode(&l.repo.Jurisdictions)
	case schema.Honors:
		l.repo.HonorsSrc = src
		decodeErr = doc.Root.Decode(&l.repo.Honors)
	case schema.Hero:
		h := model.Hero{Src: src, Body: string(fm.Body), BodyLine: fm.BodyLine}
		decodeErr = decodeInto(doc.Root, &h, &l.repo.Heroes)
	case schema.Plan:
		decodeErr = decodeInto(doc.Root, &model.Plan{Src: src}, &l.repo.Plans)
	case schema.Task:
		decodeErr = decodeInto(doc.Root, &model.Task{Src: src}, &l.repo.Tasks)
	case schema.Visit:
		decodeErr = decodeInto(doc.Root, &model.Visit{Src: src}, &l.repo.Visits)
	case schema.Station:
		decodeErr = decodeInto(doc.Root, &model.Station{Src: src}, &l.repo.Stations)
	}
	if decodeErr != nil {
		// The schema admitted a value the model cannot hold: a defect of the
		// schema, reported rather than hidden.
		l.list.Errorf(p, finding.Pos{Line: offset + 1, Col: 1}, "schema", "the record passed its schema but cannot be read: %s", decodeErr.Error())
		l.broken(p, doc)
	}
}

// decodeInto decodes n into v and appends it to list when that worked.
func decodeInto[T any](n *yaml.Node, v *T, list *[]T) error {
	if err := n.Decode(v); err != nil {
		return err
	}
	*list = append(*list, *v)
	return nil
}

// validate reports the schema's violations; it returns true when there were none.
func (l *loader) validate(p string, kind schema.Kind, doc *yamldoc.Doc) bool {
	vs := l.schemas.Validate(kind, doc.Value)
	for _, v := range vs {
		var pos finding.Pos
		switch {
		case v.Missing:
			pos = doc.At(v.Path...)
		case v.Key != "":
			pos = doc.KeyAt(append(v.Path[:len(v.Path):len(v.Path)], v.Key)...)
		default:
			pos = doc.At(v.Path...)
		}
		l.list.Add(p, pos, finding.Error, "schema", v.Msg)
	}
	return len(vs) == 0
}

// broken remembers the id of a record that failed to load: the id it
// declares if it could be read that far, and its file name, which the
// id should equal.
func (l *loader) broken(p string, doc *yamldoc.Doc) {
	l.repo.Broken[strings.TrimSuffix(path.Base(p), path.Ext(p))] = p
	if doc == nil {
		return
	}
	if m, ok := doc.Value.(map[string]any); ok {
		if id, ok := m["id"].(string); ok {
			l.repo.Broken[id] = p
		}
	}
}

// unexpected reports a file that is no record, with a hint when it looks
// like one saved under the wrong name.
func (l *loader) unexpected(p string) {
	parts := strings.Split(p, "/")
	switch {
	case path.Ext(p) == ".yml":
		l.list.Errorf(p, finding.Pos{}, "load", "record files end in .yaml, not .yml")
	case len(parts) == 4 && parts[1] == "heroes":
		l.list.Errorf(p, finding.Pos{}, "load", "a hero is a Markdown file: records/heroes/<jurisdiction>/<id>.md")
	case len(parts) == 4 && parts[1] == "tasks":
		l.list.Errorf(p, finding.Pos{}, "load", "a task file is named by its two-digit number, like 01.yaml, beside plan.yaml")
	default:
		l.list.Errorf(p, finding.Pos{}, "load", "roll does not know this file; see docs/录入指南.md for where each kind of record goes")
	}
}
