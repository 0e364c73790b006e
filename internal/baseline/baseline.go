// Package baseline compares a repository's records with those of a base
// revision, for `roll check --base` (DESIGN §5, rule 9): records are never
// deleted, only withdrawn; an id never changes; catalog entries are never
// removed. It also tells which findings were present at the base already.
//
// Both sides are fs.FS values laid out like the repository root: the work
// tree on disk and the merge base read from git (package gitbase). Both are
// walked and their ids read by package records (Walk, ReadIDs), from each
// file directly rather than from the loaded model, so that a record that
// fails its schema still counts as present with its id.
//
// The vouchers of the fund's ledger are entries of month files, like the
// entries of a catalog: one that was there at the base must be somewhere in
// the ledger now, in any month's file (a corrected date moves it).
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
	"io/fs"
	"slices"
	"strings"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/frontmatter"
	"github.com/yancheng-jyyw/roll/internal/records"
	"github.com/yancheng-jyyw/roll/internal/schema"
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
	// entries are the ids of a list's entries (a catalog, a month of the
	// ledger) and their positions.
	entries []records.EntryID
	lines   int // the number of lines of data
	// unreadable is set for a file of a kind named by its id whose id
	// cannot be read (broken YAML, no front matter).
	unreadable bool
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
	vouchers := n.vouchers()
	for _, old := range b.files {
		switch {
		case old.kind == schema.Jurisdictions || old.kind == schema.Honors:
			catalog(&list, old, n.byPath[old.path])
		case old.kind == schema.Fund:
			ledger(&list, old, n.byPath[old.path], vouchers)
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
	switch {
	case records.Named(old.kind):
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
		have[e.ID] = true
	}
	for _, e := range old.entries {
		if have[e.ID] {
			continue
		}
		pos := finding.Pos{Line: max(1, min(e.Pos.Line, cur.lines)), Col: 1}
		if old.kind == schema.Jurisdictions {
			list.Errorf(cur.path, pos, RuleDeleted,
				"the jurisdiction %s was removed; catalog entries are never removed or renamed, since records refer to them", e.ID)
		} else {
			list.Errorf(cur.path, pos, RuleDeleted,
				"the honor %s was removed; catalog entries are never removed or renamed, since records refer to them", e.ID)
		}
	}
}

// ledger reports the vouchers of a month of the ledger at the base that no
// month of the ledger has now: at the line where each was in the month's
// file if it is still there, or at the file's path if it was deleted.
func ledger(list *finding.List, old, cur *file, now map[string]bool) {
	if cur != nil && cur.entries == nil {
		// Unreadable now: its YAML and schema findings say why.
		return
	}
	for _, e := range old.entries {
		if now[e.ID] {
			continue
		}
		pos := finding.Pos{}
		if cur != nil {
			pos = finding.Pos{Line: max(1, min(e.Pos.Line, cur.lines)), Col: 1}
		}
		list.Errorf(old.path, pos, RuleDeleted,
			"the voucher %s was removed; vouchers are never removed: put it back and set status: withdrawn", e.ID)
	}
}

// vouchers are the ids of every voucher in the months of the ledger.
func (t *tree) vouchers() map[string]bool {
	ids := map[string]bool{}
	for _, f := range t.files {
		if f.kind == schema.Fund {
			for _, e := range f.entries {
				ids[e.ID] = true
			}
		}
	}
	return ids
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

// index reads the record files under records/ of fsys: those that
// records.Walk gives and that are of a record kind. It reports nothing,
// since the loader reports every problem of the files on disk.
func index(fsys fs.FS) *tree {
	t := &tree{byPath: map[string]*file{}, byKey: map[key][]*file{}}
	records.Walk(fsys, records.Dir, func(e records.Entry) {
		if e.Problem != nil {
			return
		}
		kind := records.Kind(e.Path)
		if kind == "" {
			return
		}
		data, err := fs.ReadFile(fsys, e.Path)
		if err != nil {
			return
		}
		f := read(e.Path, kind, data)
		t.byPath[e.Path] = f
		t.files = append(t.files, f)
		if id := f.id; id != "" || f.unreadable {
			if id == "" {
				// The file cannot be read now; rule 1 makes its name its
				// id, so take that rather than call the record deleted.
				id = records.Stem(e.Path)
			}
			k := key{kind, id}
			t.byKey[k] = append(t.byKey[k], f)
		}
	})
	slices.SortFunc(t.files, func(a, b *file) int { return strings.Compare(a.path, b.path) })
	return t
}

// read reads one record file's ids with records.ReadIDs.
func read(p string, kind schema.Kind, data []byte) *file {
	data = frontmatter.Normalize(data)
	f := &file{path: p, kind: kind, data: data, lines: bytes.Count(data, []byte("\n")) + 1}
	if len(data) > 0 && data[len(data)-1] == '\n' {
		f.lines--
	}
	ids := records.ReadIDs(p, kind, data)
	f.id, f.idPos, f.entries = ids.ID, ids.Pos, ids.Entries
	f.unreadable = !ids.Readable && records.Named(kind)
	return f
}
