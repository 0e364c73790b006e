package records

import (
	"errors"
	"path"
	"strconv"
	"strings"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/frontmatter"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/internal/value"
	"github.com/yancheng-jyyw/roll/internal/yamldoc"
)

// IDs is what ReadIDs found in a record file.
type IDs struct {
	// ID is the record's id and Pos its position; "" for a file of a kind
	// without one (site.yaml, plan.yaml, a list) or whose id is unreadable.
	ID  string
	Pos finding.Pos
	// Entries are the ids of a list's entries, in order: a catalog's
	// jurisdictions or honors, a month's vouchers. Nil for other kinds, and
	// for a list that cannot be read.
	Entries []EntryID
	// Readable is false when the file is no YAML document (or, for a hero,
	// has no front matter): its findings say why.
	Readable bool
}

// EntryID is the id of one entry of a list and its position.
type EntryID struct {
	ID  string
	Pos finding.Pos
}

// Listed reports whether files of kind k hold a list of entries with ids
// rather than one record.
func Listed(k schema.Kind) bool {
	return k == schema.Jurisdictions || k == schema.Honors || k == schema.Fund
}

// Named reports whether a file of kind k holds one record whose id is its
// file name (rule 1), the kinds that a person adds one file at a time.
func Named(k schema.Kind) bool {
	switch k {
	case schema.Site, schema.Plan, schema.Task:
		return false
	}
	return !Listed(k)
}

// ReadIDs reads the ids of the record file p of kind k from its content,
// parsing no more than the YAML: it needs no schema, so that a record that
// fails its schema still has its id. The data may have a byte order mark
// and CRLF line ends.
func ReadIDs(p string, k schema.Kind, data []byte) IDs {
	data = frontmatter.Normalize(data)
	meta, offset := data, 0
	if k == schema.Hero {
		fm, err := frontmatter.Split(data)
		if errors.Is(err, frontmatter.ErrNoOpening) || errors.Is(err, frontmatter.ErrNotClosed) {
			return IDs{}
		}
		meta, offset = fm.Meta, fm.MetaLines
	}
	var r yamldoc.Reader
	doc, problems := r.DecodePacked(p, meta, offset)
	if len(problems) > 0 || doc == nil || doc.Empty() {
		return IDs{}
	}
	ids := IDs{Readable: true}
	// The ids are read from the value's binary form, whose maps are never
	// made, and copied out of it.
	c := value.NewCursor(doc.Packed)
	at := c
	kind, _, n, _ := at.Next()
	switch kind {
	case value.Map:
		if id, _ := mapID(&c); id != "" {
			ids.ID, ids.Pos = strings.Clone(id), doc.At("id")
		}
	case value.List:
		if !Listed(k) {
			break
		}
		ids.Entries = []EntryID{}
		for i := range n {
			id, ok := mapID(&at)
			if !ok {
				break
			}
			if id != "" {
				ids.Entries = append(ids.Entries, EntryID{ID: strings.Clone(id), Pos: doc.At(strconv.Itoa(i), "id")})
			}
		}
	}
	return ids
}

// Stem is a file's name without its extension: the id of a Named record.
func Stem(p string) string {
	base := path.Base(p)
	return strings.TrimSuffix(base, path.Ext(base))
}
