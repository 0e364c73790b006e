package yamldoc

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/value"
)

// The YAML of records is plain: block mappings and block sequences indented
// with spaces, keys that are names, scalars that are plain text, quoted text
// or block text (| and >), [ ] lists and { } mappings written on one line,
// and comments. yaml.v3 reads it into a node tree, which Decode then
// converts to the value; at 100,000 heroes the tree and the conversion
// were the largest part of a cold check.
//
// fastPacked reads that subset straight into value's binary form (the form
// records keep, model.Source.Packed), in one pass over the text and without
// a tree or the maps of the value: the value Decode would give, as
// value.Append would write it. It reads nothing it is not sure of:
// anything outside the subset, and anything whose value it cannot
// tell exactly as yaml.v3 and the conversion would (a scalar that might be
// a number written another way, an escape it does not know, a key seen
// twice, a tab, a character yaml.v3 or the conversion refuses...), makes it
// give up, and the caller decodes with yaml.v3, which gives the value or
// the findings as before. It never reports a problem of its own.
//
// placesOf reads the same text again to give the positions of its values
// (Doc.At, Doc.KeyAt, Lazy), as yaml.v3's nodes have them.
//
// Both are held to Decode, values and positions, by TestFastIsYAML (a
// table of tricky inputs), TestFastRecords (every record of records/ and
// a generated archive) and FuzzFastIsYAML.

// maxFastDepth bounds the nesting fastPacked reads; deeper documents are
// left to Decode, which reports more than maxDepth levels.
const maxFastDepth = 32

// maxFlowDepth bounds the nesting of [ ] and { } that fastPacked reads.
const maxFlowDepth = 8

// Reader reads documents into value's binary form (DecodePacked), keeping
// the memory it works in from one document to the next: a loader that
// reads 100,000 records keeps one Reader for each of its workers. The zero
// value is ready. A Reader is not safe for concurrent use.
type Reader struct {
	p   fastParser
	out []byte
}

// DecodePacked is Decode for a caller that needs the value in value's
// binary form at once and positions rarely, as the loading of records
// does (positions only for the findings of the schema). The Doc's Packed
// is the value's binary form, and its Value is nil unless yaml.v3 read
// the document. When data is within the subset fastPacked reads, the Doc
// has no node tree: where each value is, as yaml.v3 puts its nodes, is
// read again from the text when a position is first asked for
// (placesOf). Otherwise it is Decode, and Packed is value.Append's form
// of its value (nil when there are problems).
//
// The Doc keeps data for the positions: data must not change while they
// may be asked for. A Doc from DecodePacked is not safe for concurrent
// use.
func (r *Reader) DecodePacked(file string, data []byte, lineOffset int) (*Doc, finding.List) {
	if b, ok := r.packed(data); ok {
		return &Doc{Packed: bytes.Clone(b), lineOffset: lineOffset, lazy: data}, nil
	}
	d, problems := Decode(file, data, lineOffset)
	if len(problems) == 0 && d != nil && !d.Empty() {
		var err error
		if d.Packed, err = value.Append(nil, d.Value); err != nil {
			d.Packed = nil // never: Decode gives only what Append writes
		}
	}
	return d, problems
}

// packed returns the binary form of the value of data, in the Reader's
// memory (good until its next read), or false when data is not within the
// subset (see above).
func (r *Reader) packed(data []byte) ([]byte, bool) {
	if !fastText(data) {
		return nil, false
	}
	p := &r.p
	// The text is read in place: nothing read from it is kept past this
	// call but what is written to r.out.
	p.reset(unsafe.String(unsafe.SliceData(data), len(data)))
	defer p.reset("")
	root, ok := p.document()
	if !ok {
		return nil, false
	}
	r.out = p.appendNode(r.out[:0], root)
	return r.out, true
}

// document reads the whole text and returns its value's node.
func (p *fastParser) document() (int32, bool) {
	if ind := p.next(); ind != 0 {
		return 0, false // empty, or a first line that is indented
	}
	v, ok := p.block(0, 0)
	if !ok || p.next() >= 0 {
		return 0, false
	}
	p.record(-1, "")
	return v, true
}

// fastText reports whether data holds only characters that fastPacked
// reads: line feeds, printable ASCII, and characters from U+00A0 on that
// yaml.v3 reads as text and the conversion accepts. Tabs, carriage
// returns, the byte order mark and the line and paragraph separators
// (which yaml.v3 reads as line breaks) are left to Decode, as are
// document markers and directives at the start of a line.
func fastText(data []byte) bool {
	lineStart := true
	for i := 0; i < len(data); {
		b := data[i]
		if lineStart && (b == '-' || b == '.' || b == '%') {
			if b == '%' || i+2 < len(data) && data[i+1] == b && data[i+2] == b {
				return false
			}
		}
		if b < utf8.RuneSelf {
			if b != '\n' && (b < 0x20 || b > 0x7E) {
				return false
			}
			lineStart = b == '\n'
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 || r < 0xA0 || r == 0xFEFF || r == 0x2028 || r == 0x2029 || Unpublishable(r) {
			return false
		}
		lineStart = false
		i += size
	}
	return true
}

// fastParser reads s line by line. pos is the start of the next line to
// read.
//
// It writes what it reads as nodes: a scalar's kind and text, a
// collection's kind and entries; appendNode then writes them in value's
// binary form, a map's entries in the order of their keys. The nodes, the
// entries and the texts it had to build are kept for the next text.
type fastParser struct {
	s   string
	pos int

	nodes []fastNode
	kids  []int32 // the entries of the collections, each's together
	stack []int32 // the entries of the collections being read
	built []byte  // the texts that are not the text's own bytes

	// places, when not nil, receives the place of every value read, by its
	// path (see fastPlaces.find); path is the path of the value being read.
	// Each reader of a value leaves its place in last.
	places map[string]place
	path   string
	last   place
}

// fastNode is one value read: for a String or a Number, its text
// (s[from:to], or built[from:to] when inBuilt); for a List or a Map, its
// entries (kids[first:first+n]). A map's entry has its key at
// s[keyFrom:keyTo].
type fastNode struct {
	kind           value.Kind
	inBuilt        bool
	from, to       int32
	keyFrom, keyTo int32
	first, n       int32
}

// reset makes the parser ready to read s.
func (p *fastParser) reset(s string) {
	p.s, p.pos = s, 0
	p.nodes, p.kids, p.stack, p.built = p.nodes[:0], p.kids[:0], p.stack[:0], p.built[:0]
}

// node adds a scalar's node of the text at [from, to), in the text or
// in built.
func (p *fastParser) node(k value.Kind, from, to int, inBuilt bool) int32 {
	p.nodes = append(p.nodes, fastNode{kind: k, inBuilt: inBuilt, from: int32(from), to: int32(to)})
	return int32(len(p.nodes) - 1)
}

// collection adds the node of a list or a map whose entries are those on
// the stack from mark, and takes them off it. A map's entries are put in
// the order of their keys; false when a key is there twice.
func (p *fastParser) collection(k value.Kind, mark int) (int32, bool) {
	entries := p.stack[mark:]
	if k == value.Map && len(entries) > 1 {
		slices.SortFunc(entries, func(a, b int32) int { return strings.Compare(p.key(a), p.key(b)) })
		for i := 1; i < len(entries); i++ {
			if p.key(entries[i-1]) == p.key(entries[i]) {
				return 0, false // Decode reports it
			}
		}
	}
	first := len(p.kids)
	p.kids = append(p.kids, entries...)
	p.stack = p.stack[:mark]
	p.nodes = append(p.nodes, fastNode{kind: k, first: int32(first), n: int32(len(entries))})
	return int32(len(p.nodes) - 1), true
}

// key is the key of the map's entry i.
func (p *fastParser) key(i int32) string {
	n := &p.nodes[i]
	return p.s[n.keyFrom:n.keyTo]
}

// entry puts the node v on the stack as the next entry of the collection
// being read, with its key at [from, to) for a map's.
func (p *fastParser) entry(v int32, from, to int) {
	n := &p.nodes[v]
	n.keyFrom, n.keyTo = int32(from), int32(to)
	p.stack = append(p.stack, v)
}

// appendNode appends the binary form of the value of node i to b.
func (p *fastParser) appendNode(b []byte, i int32) []byte {
	n := &p.nodes[i]
	switch n.kind {
	case value.String, value.Number:
		var text string
		if n.inBuilt {
			text = unsafe.String(unsafe.SliceData(p.built[n.from:]), n.to-n.from)
		} else {
			text = p.s[n.from:n.to]
		}
		return value.AppendScalar(b, n.kind, text)
	case value.List, value.Map:
		b = value.AppendHead(b, n.kind, int(n.n))
		for _, e := range p.kids[n.first : n.first+n.n] {
			if n.kind == value.Map {
				b = value.AppendKey(b, p.key(e))
			}
			b = p.appendNode(b, e)
		}
		return b
	}
	return value.AppendScalar(b, n.kind, "")
}

// place is where yaml.v3 puts a value and its key, as offsets in the text:
// own is the node's position (a block mapping's first key, a block
// sequence's first dash, a flow collection's bracket, a scalar's first
// character or quote or | or >, an empty value's end of its ":" or "-");
// at is where Doc.At points (a block sequence's first item); key is the
// key's, -1 for a value that is no mapping's.
type place struct {
	own, at, key int
	seq          bool // the value is a sequence
}

// child sets path to the path of the value at step below the value being
// read, and returns the path to restore after it; nothing without places.
func (p *fastParser) child(step string) string {
	parent := p.path
	if p.places != nil {
		p.path = parent + "\x00" + step
	}
	return parent
}

// record keeps last as the place of the value at path, its key at key,
// and sets path back to parent.
func (p *fastParser) record(key int, parent string) {
	if p.places != nil {
		pl := p.last
		pl.key = key
		p.places[p.path] = pl
		p.path = parent
	}
}

// leaf sets last to the place of a scalar or an empty value at off.
func (p *fastParser) leaf(off int) {
	p.last = place{own: off, at: off}
}

// next moves pos past blank and comment lines to the next line with
// content, and returns its indentation; -1 at the end of the text.
func (p *fastParser) next() int {
	s := p.s
	for p.pos < len(s) {
		i := p.pos
		for i < len(s) && s[i] == ' ' {
			i++
		}
		if i < len(s) && s[i] != '\n' && s[i] != '#' {
			return i - p.pos
		}
		p.pos = p.lineEnd(i) + 1
	}
	p.pos = len(s)
	return -1
}

// lineEnd is the offset of the line feed that ends the line holding i, or
// the length of the text.
func (p *fastParser) lineEnd(i int) int {
	if j := strings.IndexByte(p.s[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(p.s)
}

// skipLine moves pos to the line after the one that ends at eol.
func (p *fastParser) skipLine(eol int) {
	p.pos = min(eol+1, len(p.s))
}

// block reads the block collection whose first line starts at pos, with
// indentation ind.
func (p *fastParser) block(ind, depth int) (int32, bool) {
	if depth > maxFastDepth {
		return 0, false
	}
	at := p.pos + ind
	if p.dash(at) {
		return p.sequence(ind, false, depth)
	}
	return p.mapping(ind, at, depth)
}

// dash reports whether the content at i starts a block sequence's item.
func (p *fastParser) dash(i int) bool {
	s := p.s
	return s[i] == '-' && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\n')
}

// keyAt reads a key at i: a name, then a colon and a space or the line's
// end. It returns the offset of the name's end and the offset after the
// colon.
func (p *fastParser) keyAt(i int) (end, after int, ok bool) {
	s := p.s
	j := i
	for j < len(s) && j-i <= 128 {
		c := s[j]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' && j > i {
			j++
			continue
		}
		break
	}
	if j == i || j-i > 128 || j == len(s) || s[j] != ':' {
		return 0, 0, false
	}
	if j+1 < len(s) && s[j+1] != ' ' && s[j+1] != '\n' {
		return 0, 0, false
	}
	return j, j + 1, true
}

// mapping reads a block mapping whose keys are at column ind, the first of
// them at offset at (which is pos+ind, or further along the line of a
// sequence's item).
func (p *fastParser) mapping(ind, at, depth int) (int32, bool) {
	s := p.s
	mark := len(p.stack)
	first := at
	for {
		end, after, ok := p.keyAt(at)
		if !ok {
			return 0, false
		}
		parent := p.child(s[at:end])
		eol := p.lineEnd(after)
		r := after
		for r < eol && s[r] == ' ' {
			r++
		}
		var v int32
		if r == eol || s[r] == '#' {
			p.skipLine(eol)
			next := p.next()
			switch {
			case next > ind:
				v, ok = p.block(next, depth+1)
			case next == ind && p.dash(p.pos+ind):
				v, ok = p.sequence(ind, true, depth+1)
			default:
				p.leaf(after)
				v = p.node(value.Null, 0, 0, false)
			}
		} else {
			v, ok = p.scalar(r, eol, ind)
		}
		if !ok {
			return 0, false
		}
		p.entry(v, at, end)
		p.record(at, parent)
		next := p.next()
		if next < ind {
			p.last = place{own: first, at: first}
			return p.collection(value.Map, mark)
		}
		if next > ind {
			return 0, false
		}
		at = p.pos + ind
	}
}

// sequence reads a block sequence whose dashes are at column ind. A compact
// sequence is the value of a mapping's key written at the key's own
// indentation: a line there that is no item ends it.
func (p *fastParser) sequence(ind int, compact bool, depth int) (int32, bool) {
	s := p.s
	mark := len(p.stack)
	var whole place
	done := func() (int32, bool) {
		whole.seq = true
		p.last = whole
		return p.collection(value.List, mark)
	}
	for {
		at := p.pos + ind
		if !p.dash(at) {
			if compact {
				return done()
			}
			return 0, false
		}
		items := len(p.stack) - mark
		if items == 0 {
			whole.own = at
		}
		var parent string
		if p.places != nil {
			parent = p.child(strconv.Itoa(items))
		}
		eol := p.lineEnd(at)
		r := at + 1
		for r < eol && s[r] == ' ' {
			r++
		}
		var v int32
		var ok bool
		switch {
		case r == eol || s[r] == '#' && r > at+1:
			p.skipLine(eol)
			if next := p.next(); next > ind {
				v, ok = p.block(next, depth+1)
			} else {
				p.leaf(at + 1)
				v, ok = p.node(value.Null, 0, 0, false), true
			}
		case p.dash(r):
			return 0, false // "- - x"
		default:
			if _, _, isKey := p.keyAt(r); isKey {
				v, ok = p.mapping(r-(at-ind), r, depth+1)
			} else {
				v, ok = p.scalar(r, eol, ind)
			}
		}
		if !ok {
			return 0, false
		}
		if items == 0 {
			whole.at = p.last.own
		}
		p.entry(v, 0, 0)
		p.record(-1, parent)
		next := p.next()
		if next < ind {
			return done()
		}
		if next > ind {
			return 0, false
		}
	}
}

// scalar reads the value that starts at r, before the line's end at eol,
// in a collection at column ind, and moves pos past it. A line indented
// further than ind after it (text going on, or a misplaced line) is left
// to Decode.
func (p *fastParser) scalar(r, eol, ind int) (int32, bool) {
	s := p.s
	var v int32
	end := eol
	p.leaf(r)
	switch c := s[r]; c {
	case '"':
		str, e, ok := p.doubleQuoted(r, eol)
		if !ok {
			return 0, false
		}
		v, end = str, e
	case '\'':
		str, e, ok := p.singleQuoted(r, eol)
		if !ok {
			return 0, false
		}
		v, end = str, e
	case '[', '{':
		flow, e, ok := p.flow(r, eol, 0)
		if !ok {
			return 0, false
		}
		v, end = flow, e
		p.leaf(r)
		p.last.seq = s[r] == '['
	case '|', '>':
		str, ok := p.blockText(r, eol, ind)
		if !ok {
			return 0, false
		}
		return str, p.afterValue(ind)
	case '-':
		if r+1 == eol || s[r+1] < '0' || s[r+1] > '9' {
			return 0, false
		}
		fallthrough
	default:
		if strings.IndexByte("?:,]{}#&*!%@`<.+", c) >= 0 {
			return 0, false
		}
		e := eol
		for i := r; i < eol; i++ {
			if s[i] == '#' && s[i-1] == ' ' {
				e = i
				break
			}
			if s[i] == ':' && (i+1 == eol || s[i+1] == ' ') {
				return 0, false
			}
		}
		text := strings.TrimRight(s[r:e], " ")
		k, ok := plain(text)
		if !ok {
			return 0, false
		}
		v = p.node(k, r, r+len(text), false)
		p.skipLine(eol)
		return v, p.afterValue(ind)
	}
	// After quoted text or a list, only a comment may follow on the line.
	i := end
	for i < eol && s[i] == ' ' {
		i++
	}
	if i < eol && (s[i] != '#' || i == end) {
		return 0, false
	}
	p.skipLine(eol)
	return v, p.afterValue(ind)
}

// afterValue reports whether the next line with content, after a value in
// a collection at column ind, is not indented further than ind.
func (p *fastParser) afterValue(ind int) bool {
	return p.next() <= ind
}

// plain resolves plain text as yaml.v3 does, where it is sure to: the
// booleans and nulls of YAML 1.2, integers and decimals written as JSON
// writes them, and text that cannot be a number. The value of a String or
// a Number is the text itself. Other numbers, the special floats (.inf,
// .nan) and the merge key are left to Decode.
func plain(v string) (value.Kind, bool) {
	switch v[0] {
	case 'y', 'Y', 'n', 'N', 't', 'T', 'f', 'F', 'o', 'O', '~':
		switch v {
		case "true", "True", "TRUE":
			return value.True, true
		case "false", "False", "FALSE":
			return value.False, true
		case "~", "null", "Null", "NULL":
			return value.Null, true
		}
		return value.String, true
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		if decimal(v) {
			return value.Number, true
		}
		if !strings.ContainsFunc(v, func(r rune) bool { return !strings.ContainsRune(numberChars, r) }) {
			// Only digits and dashes, a dash after the first character:
			// no number, a date at most, which stays text.
			if strings.Trim(v, "0123456789-") == "" && strings.IndexByte(v[1:], '-') >= 0 {
				return value.String, true
			}
			return 0, false
		}
		// A character that no number has (an integer in any base, a
		// float, a binary): a date and time, or text.
		return value.String, true
	}
	return value.String, true
}

// numberChars are the characters strconv.ParseInt with base 0,
// ParseUint and yaml.v3's float pattern accept.
const numberChars = "0123456789abcdefABCDEF_xXoObB+-."

// decimal reports whether v is an integer of at most 18 digits without
// leading zeros, or a decimal with a fraction, optionally negative: the
// numbers yaml.v3 resolves as !!int or !!float whose conversion is the
// text itself.
func decimal(v string) bool {
	i := 0
	if v[0] == '-' {
		i = 1
	}
	digits := func() int {
		j := i
		for i < len(v) && v[i] >= '0' && v[i] <= '9' {
			i++
		}
		return i - j
	}
	start := i
	n := digits()
	if n == 0 || n > 1 && v[start] == '0' {
		return false
	}
	if i == len(v) {
		// "-0" converts to "0".
		return n <= 18 && !(v[0] == '-' && v == "-0")
	}
	if v[i] != '.' {
		return false
	}
	i++
	return digits() > 0 && i == len(v) && len(v) <= 40
}

// doubleQuoted reads "text" on one line from r, with the escapes \\, \",
// \n and \t. It returns the text's node and the offset after the closing
// quote.
func (p *fastParser) doubleQuoted(r, eol int) (int32, int, bool) {
	s := p.s
	i := r + 1
	start := i
	mark := -1 // the text's start in built, once there was an escape
	for i < eol {
		switch s[i] {
		case '"':
			if mark < 0 {
				return p.node(value.String, start, i, false), i + 1, true
			}
			p.built = append(p.built, s[start:i]...)
			return p.node(value.String, mark, len(p.built), true), i + 1, true
		case '\\':
			if i+1 >= eol {
				return 0, 0, false
			}
			var e byte
			switch s[i+1] {
			case '\\', '"':
				e = s[i+1]
			case 'n':
				e = '\n'
			case 't':
				e = '\t'
			default:
				return 0, 0, false
			}
			if mark < 0 {
				mark = len(p.built)
			}
			p.built = append(append(p.built, s[start:i]...), e)
			i += 2
			start = i
			continue
		}
		i++
	}
	return 0, 0, false // goes on to the next line
}

// singleQuoted reads 'text' on one line from r, where two quotes stand
// for one.
func (p *fastParser) singleQuoted(r, eol int) (int32, int, bool) {
	s := p.s
	i := r + 1
	start := i
	mark := -1
	for i < eol {
		if s[i] == '\'' {
			if i+1 < eol && s[i+1] == '\'' {
				if mark < 0 {
					mark = len(p.built)
				}
				p.built = append(append(p.built, s[start:i]...), '\'')
				i += 2
				start = i
				continue
			}
			if mark < 0 {
				return p.node(value.String, start, i, false), i + 1, true
			}
			p.built = append(p.built, s[start:i]...)
			return p.node(value.String, mark, len(p.built), true), i + 1, true
		}
		i++
	}
	return 0, 0, false
}

// flow reads a [ ] list or a { } mapping written on one line from r,
// whose items are lists, mappings, plain or quoted text, and returns its
// node and the offset after its closing bracket.
func (p *fastParser) flow(r, eol, depth int) (int32, int, bool) {
	if depth > maxFlowDepth {
		return 0, 0, false
	}
	s := p.s
	isMap := s[r] == '{'
	kind, close := value.List, byte(']')
	if isMap {
		kind, close = value.Map, '}'
	}
	mark := len(p.stack)
	i := r + 1
	skip := func() {
		for i < eol && s[i] == ' ' {
			i++
		}
	}
	skip()
	if i < eol && s[i] == close {
		v, ok := p.collection(kind, mark)
		return v, i + 1, ok
	}
	for i < eol {
		var parent string
		key, keyEnd := -1, 0
		if isMap {
			var ok bool
			key = i
			keyEnd, i, ok = p.keyAt(i)
			if !ok || i == eol || s[i] != ' ' {
				return 0, 0, false
			}
			skip()
			if i == eol {
				return 0, 0, false
			}
			parent = p.child(s[key:keyEnd])
		} else if p.places != nil {
			parent = p.child(strconv.Itoa(len(p.stack) - mark))
		}
		var v int32
		var ok bool
		start := i
		switch s[i] {
		case '"':
			v, i, ok = p.doubleQuoted(i, eol)
		case '\'':
			v, i, ok = p.singleQuoted(i, eol)
		case '[', '{':
			v, i, ok = p.flow(i, eol, depth+1)
		default:
			j := i
			for j < eol && strings.IndexByte(",[]{}:#?&*!|>'\"%@`", s[j]) < 0 {
				j++
			}
			text := strings.TrimRight(s[i:j], " ")
			if text == "" || text[0] == '-' || text[0] == '<' || text[0] == '.' || text[0] == '+' {
				return 0, 0, false
			}
			var k value.Kind
			if k, ok = plain(text); ok {
				v = p.node(k, i, i+len(text), false)
			}
			i = j
		}
		if !ok {
			return 0, 0, false
		}
		if isMap {
			p.entry(v, key, keyEnd)
		} else {
			p.entry(v, 0, 0)
		}
		p.leaf(start)
		p.last.seq = s[start] == '['
		p.record(key, parent)
		skip()
		if i >= eol {
			break
		}
		switch s[i] {
		case close:
			v, ok := p.collection(kind, mark)
			return v, i + 1, ok
		case ',':
			i++
			skip()
			if i < eol && s[i] == close {
				return 0, 0, false // a trailing comma
			}
		default:
			return 0, 0, false
		}
	}
	return 0, 0, false
}

// blockText reads a block scalar whose header (| or >, and - or +) is at
// r, in a collection at column ind, as yaml.v3's scanner does
// (yaml_parser_scan_block_scalar, here without tabs, carriage returns or
// an indentation indicator), and moves pos to the line that ends it. It
// returns the text's node.
func (p *fastParser) blockText(r, eol, ind int) (int32, bool) {
	s := p.s
	literal := s[r] == '|'
	chomp := 0
	i := r + 1
	if i < eol && (s[i] == '-' || s[i] == '+') {
		chomp = 1
		if s[i] == '-' {
			chomp = -1
		}
		i++
	}
	if i < eol && s[i] != ' ' {
		return 0, false // an indentation indicator, or text
	}
	for i < eol && s[i] == ' ' {
		i++
	}
	if i < eol && s[i] != '#' || eol == len(s) {
		return 0, false
	}
	pos := eol + 1
	lineStart := pos
	indent := 0
	trailingBreaks := 0
	breaks := func() {
		maxIndent := 0
		for {
			for (indent == 0 || pos-lineStart < indent) && pos < len(s) && s[pos] == ' ' {
				pos++
			}
			maxIndent = max(maxIndent, pos-lineStart)
			if pos >= len(s) || s[pos] != '\n' {
				break
			}
			pos++
			lineStart = pos
			trailingBreaks++
		}
		if indent == 0 {
			indent = max(maxIndent, ind+1, 1)
		}
	}
	breaks()
	if pos-lineStart != indent || pos >= len(s) {
		return 0, false // no text, or leading blank lines indented further
	}
	out := p.built
	mark := len(out)
	leadingBreak := false
	leadingBlank := false
	for pos-lineStart == indent && pos < len(s) {
		trailingBlank := s[pos] == ' '
		if !literal && leadingBreak && !leadingBlank && !trailingBlank {
			if trailingBreaks == 0 {
				out = append(out, ' ')
			}
		} else if leadingBreak {
			out = append(out, '\n')
		}
		leadingBreak = false
		for ; trailingBreaks > 0; trailingBreaks-- {
			out = append(out, '\n')
		}
		leadingBlank = s[pos] == ' '
		e := p.lineEnd(pos)
		out = append(out, s[pos:e]...)
		pos = e
		if pos < len(s) {
			pos++
			lineStart = pos
			leadingBreak = true
		}
		breaks()
	}
	if chomp != -1 && leadingBreak {
		out = append(out, '\n')
	}
	if chomp == 1 {
		for ; trailingBreaks > 0; trailingBreaks-- {
			out = append(out, '\n')
		}
	}
	p.pos = lineStart
	if pos >= len(s) {
		p.pos = len(s)
	}
	p.built = out
	return p.node(value.String, mark, len(out), true), true
}

// fastPlaces are the places of the values of a text that fastPacked reads,
// by their paths: the steps (keys, and decimal indexes in sequences)
// joined by NUL, which no key holds.
type fastPlaces struct {
	text string
	m    map[string]place
}

// placesOf reads data as fastPacked does, noting where each value is;
// false when fastPacked leaves data to Decode.
func placesOf(data []byte) (*fastPlaces, bool) {
	if !fastText(data) {
		return nil, false
	}
	p := fastParser{s: string(data), places: map[string]place{}}
	if _, ok := p.document(); !ok {
		return nil, false
	}
	return &fastPlaces{text: p.s, m: p.places}, true
}

// find walks path from the root as Doc.find does: it returns the place of
// the deepest value reached, and whether that is the whole path.
func (f *fastPlaces) find(path []string) (place, bool) {
	pl := f.m[""]
	cur := ""
	for _, step := range path {
		if strings.IndexByte(step, 0) >= 0 {
			return pl, false
		}
		if pl.seq {
			i, err := strconv.Atoi(step)
			if err != nil || i < 0 {
				return pl, false
			}
			step = strconv.Itoa(i)
		}
		next, ok := f.m[cur+"\x00"+step]
		if !ok {
			return pl, false
		}
		cur += "\x00" + step
		pl = next
	}
	return pl, true
}

// pos is the line and column, in characters, of offset off, lineOffset
// lines below.
func (f *fastPlaces) pos(off, lineOffset int) finding.Pos {
	before := f.text[:off]
	start := strings.LastIndexByte(before, '\n') + 1
	return finding.Pos{
		Line: 1 + strings.Count(before, "\n") + lineOffset,
		Col:  1 + utf8.RuneCountInString(before[start:]),
	}
}
