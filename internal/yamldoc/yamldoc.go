// Package yamldoc decodes a YAML document into a JSON value while keeping the
// position of every value, so that a schema violation found at a JSON pointer
// can be reported at file:line:col.
//
// The YAML is parsed once into a yaml.Node tree; the JSON value is built from
// the tree by this package rather than by yaml.v3's decoder, because records
// need what the decoder does not give: dates stay the strings they were
// written as, integers stay exact (json.Number), duplicate keys are reported
// (yaml.v3 accepts them silently when decoding into a Node), and aliases are
// expanded against a budget, so a "billion laughs" file is a finding rather
// than an exhausted machine.
//
// DecodePacked (fast.go) reads the YAML that records use into the same
// value, in value's binary form, without yaml.v3's tree, and the positions
// of its values from the text when a finding asks for them; anything else
// it leaves to Decode.
//
// The package is larger than 600 lines: indent.go reads the layout of a
// document that failed to parse, to name the line to change and the
// indentation it should have, which yaml.v3 reports at the start of the
// block, often a comment. It reads the same bytes as the decoder, and only
// when the decoder fails. fast.go is the one-pass reader of the records'
// YAML, held to Decode by its tests.
package yamldoc

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
	"weak"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"go.yaml.in/yaml/v3"
)

// AliasBudget is the number of nodes that alias expansion may add to a
// document. Records have no real use for aliases; the budget lets a few
// through and stops exponential expansion early.
const AliasBudget = 10000

// maxDepth bounds the nesting of a document.
const maxDepth = 64

// Doc is a decoded YAML document.
type Doc struct {
	// Root is the document's top node (a mapping for records, a sequence for
	// catalogs); nil when the document is empty.
	Root *yaml.Node
	// Value is the document as a JSON value: map[string]any, []any, string,
	// json.Number, bool or nil. It is nil in a Doc that DecodePacked read
	// without yaml.v3, which has the value in Packed alone.
	Value any
	// Packed is the document's value in value's binary form (value.Append)
	// in a Doc from DecodePacked; nil in others.
	Packed []byte
	// lineOffset is added to the lines yaml.v3 reports: the number of lines
	// before the YAML in its file (the front matter's opening ---).
	lineOffset int
	// lazy is the YAML of a Doc that DecodePacked read without a tree:
	// where its values are is read from it when a position is first asked
	// for, into places.
	lazy   []byte
	places *fastPlaces
}

// Decode parses data, the YAML found in file starting after lineOffset lines,
// and converts it. Problems are returned as findings of rule "yaml"; when
// there are any, the Doc may be nil or partial and must not be trusted.
func Decode(file string, data []byte, lineOffset int) (*Doc, finding.List) {
	var problems finding.List
	add := func(line, col int, key string, args ...any) {
		problems.Errorf(file, finding.Pos{Line: line + lineOffset, Col: col}, "yaml", key, args...)
	}
	if !utf8.Valid(data) {
		line, col := invalidUTF8(data)
		add(line, col, "the file is not valid UTF-8 text; save it as UTF-8")
		return nil, problems
	}
	if line, col, ok := tabIndent(data); ok {
		add(line, col, "a tab is used for indentation; YAML indents with spaces only")
		return nil, problems
	}
	var top yaml.Node
	if err := yaml.Unmarshal(data, &top); err != nil {
		line, raw, msg := syntaxError(err)
		// yaml.v3's line is where it noticed the problem, often a comment
		// or the line that opened a block; the layout of the lines tells
		// the line to change, and how.
		if p, ok := layout(data); ok && (structural(raw) || p.line >= line) {
			add(p.line, p.col, "YAML syntax error: %s", p.msg)
			return nil, problems
		}
		line = contentLine(data, line)
		add(line, firstColumn(data, line), "YAML syntax error: %s", msg)
		return nil, problems
	}
	d := &Doc{lineOffset: lineOffset}
	if len(top.Content) == 0 {
		return d, problems
	}
	d.Root = top.Content[0]
	c := converter{file: file, doc: d, problems: &problems, budget: AliasBudget}
	d.Value = c.value(d.Root, 0, nil)
	return d, problems
}

// Empty reports whether the document holds nothing but comments and space.
func (d *Doc) Empty() bool { return d.Root == nil && d.lazy == nil && d.places == nil }

// fast returns the places of the values of a Doc that the fast reader
// read, or nil for a Doc with a node tree.
func (d *Doc) fast() *fastPlaces {
	if d == nil {
		return nil
	}
	if d.lazy != nil {
		d.places, _ = placesOf(d.lazy)
		d.lazy = nil
	}
	return d.places
}

type converter struct {
	file     string
	doc      *Doc
	problems *finding.List
	budget   int
	stopped  bool
}

func (c *converter) fail(n *yaml.Node, key string, args ...any) {
	c.problems.Errorf(c.file, c.doc.pos(n), "yaml", key, args...)
}

// value converts n. via is the outermost alias being expanded, if any: the
// nodes reached through it count against the budget, and a finding about
// the expansion points at it.
func (c *converter) value(n *yaml.Node, depth int, via *yaml.Node) any {
	if c.stopped {
		return nil
	}
	if via != nil {
		c.budget--
		if c.budget < 0 {
			c.fail(via, "aliases expand to more than %d values; write the values out instead", AliasBudget)
			c.stopped = true
			return nil
		}
	}
	if depth > maxDepth {
		c.fail(n, "values are nested more than %d levels deep", maxDepth)
		c.stopped = true
		return nil
	}
	switch n.Kind {
	case yaml.AliasNode:
		if via == nil {
			via = n
		}
		return c.value(n.Alias, depth+1, via)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		seen := make(map[string]*yaml.Node, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
				c.fail(k, "merge keys (<<) are not supported; write the keys out")
				continue
			}
			if k.Kind != yaml.ScalarNode {
				c.fail(k, "a key must be plain text")
				continue
			}
			c.text(k)
			if first, dup := seen[k.Value]; dup {
				c.fail(k, "duplicate key %q (first at line %d)", k.Value, first.Line+c.doc.lineOffset)
				continue
			}
			seen[k.Value] = k
			m[k.Value] = c.value(v, depth+1, via)
		}
		return m
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for _, e := range n.Content {
			s = append(s, c.value(e, depth+1, via))
		}
		return s
	case yaml.ScalarNode:
		return c.scalar(n)
	}
	return nil
}

func (c *converter) scalar(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!str", "!!timestamp", "!!binary":
		c.text(n)
		return n.Value
	case "!!null":
		return nil
	case "!!bool":
		b, err := strconv.ParseBool(strings.ToLower(n.Value))
		if err != nil {
			c.fail(n, "%q is not true or false", n.Value)
		}
		return b
	case "!!int":
		s := strings.ReplaceAll(n.Value, "_", "")
		if i, err := strconv.ParseInt(s, 0, 64); err == nil {
			return json.Number(strconv.FormatInt(i, 10))
		}
		if b, ok := new(big.Int).SetString(s, 0); ok {
			return json.Number(b.String())
		}
		c.fail(n, "%q is not a number", n.Value)
		return n.Value
	case "!!float":
		if jsonNumber.MatchString(n.Value) {
			return json.Number(n.Value)
		}
		f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err != nil || f != f || f > 1e308 || f < -1e308 {
			c.fail(n, "%q is not a finite number", n.Value)
			return n.Value
		}
		return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
	}
	c.fail(n, "the tag %s is not supported", n.Tag)
	return n.Value
}

// text reports a character that cannot be published in the value of n,
// which an escape of a quoted string ("\x7f", "\uFFFE") can hold though
// the file itself does not: yaml.v3 refuses to write such a value again,
// and the build would fail after the check passed.
func (c *converter) text(n *yaml.Node) {
	for _, r := range n.Value {
		if Unpublishable(r) {
			c.fail(n, "the character %s (%s) cannot be published; delete it", fmt.Sprintf("U+%04X", r), CharKind(r))
			return
		}
	}
}

// Unpublishable reports whether r may not appear in a record: a control
// character but tab and line feed (a carriage return alone among them),
// or a Unicode noncharacter (U+FDD0–U+FDEF, and the last two code points
// of every plane, U+FFFE and U+FFFF among them).
func Unpublishable(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\t' && r != '\n'
	case r >= 0x7F && r <= 0x9F:
		return true
	case r >= 0xFDD0 && r <= 0xFDEF:
		return true
	}
	return r&0xFFFE == 0xFFFE
}

// CharKind says what kind of character Unpublishable refuses r as.
func CharKind(r rune) finding.Message {
	if r < 0xA0 {
		return finding.Msg("a control character")
	}
	return finding.Msg("a noncharacter")
}

var jsonNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)

func (d *Doc) pos(n *yaml.Node) finding.Pos {
	return finding.Pos{Line: n.Line + d.lineOffset, Col: n.Column}
}

// find walks path from the root. It returns the deepest node reached and,
// when the last step was a mapping key, that key's node.
func (d *Doc) find(path []string) (node, key *yaml.Node) {
	n := d.Root
	for _, step := range path {
		for n != nil && n.Kind == yaml.AliasNode {
			n = n.Alias
		}
		if n == nil {
			break
		}
		var next, nextKey *yaml.Node
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == step {
					nextKey, next = n.Content[i], n.Content[i+1]
					break
				}
			}
		case yaml.SequenceNode:
			if i, err := strconv.Atoi(step); err == nil && i >= 0 && i < len(n.Content) {
				next = n.Content[i]
			}
		}
		if next == nil {
			return n, nil
		}
		n, key = next, nextKey
	}
	return n, key
}

// At returns the position of the value at path (object keys and decimal
// array indexes), or of the closest enclosing value that exists. An empty
// document points at its first line.
func (d *Doc) At(path ...string) finding.Pos {
	if f := d.fast(); f != nil {
		pl, _ := f.find(path)
		return f.pos(pl.at, d.lineOffset)
	}
	if d == nil || d.Root == nil {
		return finding.Pos{Line: 1 + d.offset(), Col: 1}
	}
	n, _ := d.find(path)
	if n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode {
		if n.Style&yaml.FlowStyle == 0 && len(n.Content) > 0 {
			// A block collection starts at its first entry; yaml.v3 gives
			// the same position, but be explicit about it.
			return d.pos(n.Content[0])
		}
	}
	return d.pos(n)
}

// KeyAt returns the position of the key of the property at path, falling
// back to At when the last step is not a mapping key.
func (d *Doc) KeyAt(path ...string) finding.Pos {
	if f := d.fast(); f != nil {
		if pl, whole := f.find(path); whole && pl.key >= 0 {
			return f.pos(pl.key, d.lineOffset)
		}
		return d.At(path...)
	}
	if d == nil || d.Root == nil {
		return d.At(path...)
	}
	if _, key := d.find(path); key != nil {
		return d.pos(key)
	}
	return d.At(path...)
}

func (d *Doc) offset() int {
	if d == nil {
		return 0
	}
	return d.lineOffset
}

// invalidUTF8 returns the 1-based line and column of the first byte that is
// not valid UTF-8.
func invalidUTF8(data []byte) (line, col int) {
	line, col = 1, 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		data = data[size:]
	}
	return line, col
}

// tabIndent finds a line whose indentation contains a tab. Tabs later in a
// line are fine; YAML forbids them only in indentation.
func tabIndent(data []byte) (line, col int, ok bool) {
	for i, l := range bytes.Split(data, []byte("\n")) {
		for j, b := range l {
			if b == '\t' {
				if j == len(bytes.TrimRight(l, " \t\r")) {
					break // a line of only spaces and tabs: blank
				}
				return i + 1, j + 1, true
			}
			if b != ' ' {
				break
			}
		}
	}
	return 0, 0, false
}

var lineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxError splits yaml.v3's "yaml: line N: problem" into the line, the
// problem as yaml.v3 says it, and a Message for it, translated when it is
// one of the known ones.
func syntaxError(err error) (line int, raw string, msg finding.Message) {
	s := err.Error()
	line = 1
	if m := lineRE.FindStringSubmatch(s); m != nil {
		line, _ = strconv.Atoi(m[1])
		s = m[2]
	} else {
		s = strings.TrimPrefix(s, "yaml: ")
	}
	return line, s, problem(s)
}

// structural reports whether yaml.v3's problem is one of the block
// structure, which it reports where the block began rather than at the
// line that broke it.
func structural(problem string) bool {
	switch problem {
	case "did not find expected key",
		"mapping values are not allowed in this context",
		"did not find expected '-' indicator",
		"could not find expected ':'",
		"block sequence entries are not allowed in this context",
		"did not find expected node content":
		return true
	}
	return false
}

// Lazy locates values in a document it decodes only when first asked.
//
// A loaded record needs positions only for the findings of the rules between
// records, which are few; holding every record's yaml.Node tree for them
// costs tens of kilobytes a record, and holding its text costs the size of
// the archive. Lazy holds neither: it reads the YAML text again on demand
// (the front matter alone for a Markdown record) and decodes it then. The
// decoded document is held weakly: the findings of one record, asked for
// together, share it, and the collector frees it after the check instead
// of keeping the node trees of every record with a finding for the rest
// of the run (65 MB at 100,000 heroes); asked again, it is decoded again.
type Lazy struct {
	file   string
	offset int
	text   func() ([]byte, bool)
	mu     sync.Mutex
	doc    weak.Pointer[Doc]
	gone   bool // the text is not the one loaded: no positions
}

// NewLazy returns a locator for data, the YAML of file after offset lines,
// which Decode has read without problems before. It keeps data.
func NewLazy(file string, data []byte, offset int) *Lazy {
	return &Lazy{file: file, offset: offset, text: func() ([]byte, bool) { return data, true }}
}

// Reread returns a locator for the YAML of file after offset lines that
// text gives again when a position is asked for. When text cannot give
// the very text that was loaded (ok false: the file changed or is gone
// since), the locator knows no line from then on: every position is the
// zero Pos, the file alone, rather than a line of other text.
func Reread(file string, offset int, text func() (data []byte, ok bool)) *Lazy {
	return &Lazy{file: file, offset: offset, text: text}
}

// get is the decoded document; nil when its text could not be had.
func (l *Lazy) get() *Doc {
	l.mu.Lock()
	defer l.mu.Unlock()
	if d := l.doc.Value(); d != nil || l.gone {
		return d
	}
	data, ok := l.text()
	if !ok {
		l.gone = true
		return nil
	}
	var d *Doc
	if f, ok := placesOf(data); ok {
		d = &Doc{lineOffset: l.offset, places: f}
	} else if d, _ = Decode(l.file, data, l.offset); d == nil {
		d = &Doc{lineOffset: l.offset}
	}
	d.Value = nil // positions need the nodes alone
	l.doc = weak.Make(d)
	return d
}

// At is Doc.At on the decoded document; the zero Pos when its text has
// changed since it was loaded.
func (l *Lazy) At(path ...string) finding.Pos {
	if d := l.get(); d != nil {
		return d.At(path...)
	}
	return finding.Pos{}
}

// KeyAt is Doc.KeyAt on the decoded document; the zero Pos when its text
// has changed since it was loaded.
func (l *Lazy) KeyAt(path ...string) finding.Pos {
	if d := l.get(); d != nil {
		return d.KeyAt(path...)
	}
	return finding.Pos{}
}

// Lookup returns the value of key in the mapping node m; nil when m is not
// a mapping or has no such key.
func Lookup(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}
