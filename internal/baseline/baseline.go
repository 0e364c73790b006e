// Package baseline compares a repository's records with those of a base
// revision, for `roll check --base` (DESIGN §5, rule 9): records are never
// deleted, only withdrawn; an id never changes; catalog entries are never
// removed. It also tells which findings were present at the base already.
//
// Both sides are fs.FS values laid out like the repository root: the work
// tree on disk and the merge base read from git (package gitbase). Ids are
// read from each file directly, not from the loaded model, so that a record
// that fails its schema still counts as present with its id.
//
// A record is matched by its kind and id, wherever its file is now: a hero
// moved to another jurisdiction's folder keeps its id and is fine here (rule 1
// checks that the folder fits). A record whose id is gone is either renamed
// (its file now has another id: an id change) or deleted. A rename to a new
// path is recognised as git recognises one, by content: a new file of the
// same kind with a new id that shares at least half its lines with the old.
package baseline

import (
	"bytes"
	"errors"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/frontmatter"
	"github.com/yancheng-jyyw/roll/internal/records"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/internal/yamldoc"
)

// Rules of the findings: "deleted" for a record or catalog entry that is
// gone, "id" for an id that changed.
const (
	RuleDeleted = "deleted"
	RuleID      = "id"
)

// renameSimilarity is the share of lines a new file must have in common with
// a deleted one to count as the same file renamed; git's default is 50%.
const renameSimilarity = 0.5

// file is one record file as this package sees it.
type file struct {
	path string
	kind schema.Kind
	data []byte // normalized (no BOM, LF line ends)
	// id and its position, for the kinds that have one; "" when the file has
	// none or cannot be read.
	id    string
	idPos finding.Pos
	// entries are a catalog's ids and their positions.
	entries []entry
	lines   int // the number of lines of data
	// unreadable is set for a hero, visit or station file whose id cannot
	// be read (broken YAML, no front matter).
	unreadable bool
}

type entry struct {
	id  string
	pos finding.Pos
}

// key names a record across revisions.
type key struct {
	kind schema.Kind
	id   string
}

// tree indexes the record files of one revision.
type tree struct {
	byPath map[string]*file
	byKey  map[key][]*file
	files  []*file // in path order
}

// Compare returns the findings of rule 9 for the records in now, compared
// with those in base. The list is unsorted.
func Compare(base, now fs.FS) finding.List {
	b, n := index(base), index(now)
	var list finding.List
	matched := map[*file]bool{} // new files taken as renames already
	for _, old := range b.files {
		switch {
		case old.kind == schema.Jurisdictions || old.kind == schema.Honors:
			catalog(&list, old, n.byPath[old.path])
		case old.kind == schema.Site:
			// Its loss is reported by the loader: every repository needs it.
		case old.id == "":
			// A plan has no id and is keyed by its path; other files whose
			// id could not be read at the base are passed over.
			if old.kind == schema.Plan && n.byPath[old.path] == nil {
				list.Errorf(old.path, finding.Pos{}, RuleDeleted,
					"the plan %s was deleted; a year's plan and its tasks are never deleted: restore the file", old.path)
			}
		case len(n.byKey[key{old.kind, old.id}]) > 0:
			// Still there, wherever it is now.
		default:
			gone(&list, old, b, n, matched)
		}
	}
	return list
}

// gone reports a record of the base whose id no file has now.
func gone(list *finding.List, old *file, b, n *tree, matched map[*file]bool) {
	if cur := n.byPath[old.path]; cur != nil && cur.kind == old.kind {
		if cur.id != "" {
			list.Errorf(cur.path, cur.idPos, RuleID,
				"an id never changes: this record was %s at the base revision; put the id %s back", old.id, old.id)
		}
		// Without a readable id the file's own findings say what is wrong.
		return
	}
	if cur := renamed(old, b, n, matched); cur != nil {
		matched[cur] = true
		list.Errorf(cur.path, cur.idPos, RuleID,
			"an id never changes: this record was %s (%s) at the base revision; put the id %s back", old.id, old.path, old.id)
		return
	}
	switch old.kind {
	case schema.Hero, schema.Visit, schema.Station:
		list.Errorf(old.path, finding.Pos{}, RuleDeleted,
			"the record %s was deleted; records are withdrawn, never deleted: restore the file and set status: withdrawn", old.id)
	default:
		list.Errorf(old.path, finding.Pos{}, RuleDeleted,
			"the record %s was deleted; a year's plan and its tasks are never deleted: restore the file", old.id)
	}
}

// renamed finds the file that old most likely became: a file of the same
// kind, at a path and with an id that were not there at the base, sharing
// the most lines with old, at least renameSimilarity of them.
func renamed(old *file, b, n *tree, matched map[*file]bool) *file {
	var best *file
	bestScore := renameSimilarity
	for _, cur := range n.files {
		if cur.kind != old.kind || cur.id == "" || matched[cur] ||
			b.byPath[cur.path] != nil || len(b.byKey[key{cur.kind, cur.id}]) > 0 {
			continue
		}
		if s := similarity(old.data, cur.data); s >= bestScore {
			best, bestScore = cur, s
		}
	}
	return best
}

// similarity is the share of lines two texts have in common (as a multiset),
// relative to the longer of them.
func similarity(a, b []byte) float64 {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	count := make(map[string]int, len(la))
	for _, l := range la {
		count[l]++
	}
	common := 0
	for _, l := range lb {
		if count[l] > 0 {
			count[l]--
			common++
		}
	}
	return float64(common) / float64(max(len(la), len(lb)))
}

// catalog reports the entries of a catalog at the base that it lacks now.
// Each is reported at the line where it was, or the file's last line.
func catalog(list *finding.List, old, cur *file) {
	if cur == nil || cur.entries == nil {
		// A missing catalog is reported by the loader, an unreadable one
		// by the YAML and schema checks.
		return
	}
	have := map[string]bool{}
	for _, e := range cur.entries {
		have[e.id] = true
	}
	for _, e := range old.entries {
		if have[e.id] {
			continue
		}
		pos := finding.Pos{Line: max(1, min(e.pos.Line, cur.lines)), Col: 1}
		if old.kind == schema.Jurisdictions {
			list.Errorf(cur.path, pos, RuleDeleted,
				"the jurisdiction %s was removed; catalog entries are never removed or renamed, since records refer to them", e.id)
		} else {
			list.Errorf(cur.path, pos, RuleDeleted,
				"the honor %s was removed; catalog entries are never removed or renamed, since records refer to them", e.id)
		}
	}
}

// Unchanged reports whether the file p has the same content in base and now,
// ignoring a byte order mark and CRLF line ends. A file missing on either
// side has changed.
func Unchanged(base, now fs.FS, p string) bool {
	a, err := fs.ReadFile(base, p)
	if err != nil {
		return false
	}
	b, err := fs.ReadFile(now, p)
	if err != nil {
		return false
	}
	return bytes.Equal(frontmatter.Normalize(a), frontmatter.Normalize(b))
}

// MarkOld sets Old on the findings of list that were present at the base
// revision already: their file is unchanged since, and baseList, the
// findings of the same check run on base, holds the same finding. A finding
// in an unchanged file that the base did not have was caused by a change
// elsewhere (a hero deleted that a visit names, a stricter schema) and is
// not Old.
func MarkOld(list, baseList finding.List, base, now fs.FS) {
	before := make(map[string]int, len(baseList))
	for _, f := range baseList {
		before[identity(f)]++
	}
	unchanged := map[string]bool{}
	for i := range list {
		f := &list[i]
		same, ok := unchanged[f.File]
		if !ok {
			same = Unchanged(base, now, f.File)
			unchanged[f.File] = same
		}
		if id := identity(*f); same && before[id] > 0 {
			before[id]--
			f.Old = true
		}
	}
}

// identity is what makes two findings the same: file, position, severity,
// rule and the message in English.
func identity(f finding.Finding) string {
	sev := "E"
	if f.Severity == finding.Warning {
		sev = "W"
	}
	return sev + " " + f.String()
}

// index reads the record files under records/ of fsys. It skips what the
// loader skips (hidden files and folders, README.md, anything not a regular
// file) and files of no record kind; it reports nothing, since the loader
// reports every problem of the files on disk.
func index(fsys fs.FS) *tree {
	t := &tree{byPath: map[string]*file{}, byKey: map[key][]*file{}}
	_ = fs.WalkDir(fsys, records.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if p != records.Dir && strings.HasPrefix(name, ".") {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(name, ".") || name == "README.md" || !d.Type().IsRegular() {
			return nil
		}
		kind := records.Kind(p)
		if kind == "" {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil
		}
		f := read(p, kind, data)
		t.byPath[p] = f
		t.files = append(t.files, f)
		if id := f.id; id != "" || f.unreadable {
			if id == "" {
				// The file cannot be read now; rule 1 makes its name its
				// id, so take that rather than call the record deleted.
				id = strings.TrimSuffix(name, path.Ext(name))
			}
			k := key{kind, id}
			t.byKey[k] = append(t.byKey[k], f)
		}
		return nil
	})
	slices.SortFunc(t.files, func(a, b *file) int { return strings.Compare(a.path, b.path) })
	return t
}

// read parses one record file far enough to find its id or, for a
// catalog, its entries' ids.
func read(p string, kind schema.Kind, data []byte) *file {
	data = frontmatter.Normalize(data)
	f := &file{path: p, kind: kind, data: data, lines: bytes.Count(data, []byte("\n")) + 1}
	if len(data) > 0 && data[len(data)-1] == '\n' {
		f.lines--
	}
	switch kind {
	case schema.Hero, schema.Visit, schema.Station:
		// Until the id is read.
		f.unreadable = true
	}
	meta, offset := data, 0
	if kind == schema.Hero {
		fm, err := frontmatter.Split(data)
		if errors.Is(err, frontmatter.ErrNoOpening) || errors.Is(err, frontmatter.ErrNotClosed) {
			return f
		}
		meta, offset = fm.Meta, fm.MetaLines
	}
	doc, problems := yamldoc.Decode(p, meta, offset)
	if len(problems) > 0 || doc == nil || doc.Empty() {
		return f
	}
	f.unreadable = false
	switch v := doc.Value.(type) {
	case map[string]any:
		if id, ok := v["id"].(string); ok && id != "" {
			f.id, f.idPos = id, doc.At("id")
		}
	case []any:
		f.entries = []entry{}
		for i, e := range v {
			m, ok := e.(map[string]any)
			if !ok {
				continue
			}
			if id, ok := m["id"].(string); ok && id != "" {
				f.entries = append(f.entries, entry{id: id, pos: doc.At(strconv.Itoa(i), "id")})
			}
		}
	}
	return f
}
