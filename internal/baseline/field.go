package baseline

import (
	"io/fs"
	"path"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/frontmatter"
	"github.com/yancheng-jyyw/roll/internal/yamldoc"
)

// fields tells which field of a record a finding is about, from its line:
// the path of the field written on that line (deed.date,
// beneficiaries.0.hero), "narrative" for a line of a hero's narrative, or
// the text of the line where the YAML cannot be read. A finding keeps its
// field when lines are added above it, so that a finding the base had
// already is recognised in a file the change edited elsewhere.
type fields struct {
	fsys  fs.FS
	files map[string]*fileFields
}

// fileFields are the fields of one file, by line.
type fileFields struct {
	lines    []string       // the file's lines, normalized
	byLine   map[int][]spot // the fields that start on each line
	bodyLine int            // the first line of a Markdown record's narrative; 0 for none
}

func newFields(fsys fs.FS) *fields {
	return &fields{fsys: fsys, files: map[string]*fileFields{}}
}

// spot is where a field starts on its line.
type spot struct {
	col  int
	path string
}

// of returns the field of f: "" for a finding about the whole file. On a
// line that holds several fields ({hero: H-2020-0001, amount: 2000}), it is
// the last that starts at or before the finding's column, the deepest of
// those that start there.
func (fl *fields) of(f finding.Finding) string {
	if f.Pos.Line <= 0 {
		return ""
	}
	ff := fl.file(f.File)
	if ff == nil {
		return "line " + strconv.Itoa(f.Pos.Line)
	}
	if ff.bodyLine > 0 && f.Pos.Line >= ff.bodyLine {
		return "narrative"
	}
	if spots := ff.byLine[f.Pos.Line]; len(spots) > 0 {
		best := spots[0]
		for _, sp := range spots[1:] {
			if sp.col <= f.Pos.Col && (sp.col > best.col || sp.col == best.col && len(sp.path) > len(best.path)) {
				best = sp
			}
		}
		return best.path
	}
	if f.Pos.Line <= len(ff.lines) {
		return "text " + strings.TrimSpace(ff.lines[f.Pos.Line-1])
	}
	return "line " + strconv.Itoa(f.Pos.Line)
}

// file reads and indexes the file p once; nil when it cannot be read.
func (fl *fields) file(p string) *fileFields {
	if ff, ok := fl.files[p]; ok {
		return ff
	}
	var ff *fileFields
	if data, err := fs.ReadFile(fl.fsys, p); err == nil {
		ff = fieldsOf(p, frontmatter.Normalize(data))
	}
	fl.files[p] = ff
	return ff
}

// fieldsOf reads the fields of a record file, its front matter for a
// Markdown record.
func fieldsOf(p string, data []byte) *fileFields {
	ff := &fileFields{lines: strings.Split(string(data), "\n"), byLine: map[int][]spot{}}
	yml, offset := data, 0
	if path.Ext(p) == ".md" {
		doc, err := frontmatter.Split(data)
		if err != nil {
			return ff
		}
		yml, offset, ff.bodyLine = doc.Meta, doc.MetaLines, doc.BodyLine
	}
	d, problems := yamldoc.Decode(p, yml, offset)
	if len(problems) > 0 || d == nil || d.Root == nil {
		return ff
	}
	var walk func(n *yaml.Node, at []string)
	walk = func(n *yaml.Node, at []string) {
		mark := func(n *yaml.Node, at []string) {
			line := n.Line + offset
			ff.byLine[line] = append(ff.byLine[line], spot{n.Column, strings.Join(at, ".")})
		}
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				sub := append(at[:len(at):len(at)], k.Value)
				mark(k, sub)
				walk(v, sub)
			}
		case yaml.SequenceNode:
			for i, e := range n.Content {
				sub := append(at[:len(at):len(at)], strconv.Itoa(i))
				mark(e, sub)
				walk(e, sub)
			}
		case yaml.ScalarNode:
			mark(n, at)
		}
	}
	walk(d.Root, nil)
	return ff
}
