package yamldoc

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/yancheng-jyyw/roll/internal/finding"
)

// yaml.v3 says where it noticed a problem, which is often a comment or the
// line that opened the block, not the line a person must change: a block
// whose lines lost their "#" and kept one space too many is reported at
// the comment above it. layout reads the lines of a document that failed
// to parse as a person reads them, by their indentation, and finds the
// first line that breaks the block it is in: a line indented further than
// the field above it, which has its value already; a line whose
// indentation matches no line above; a line among list items that is not
// one; a line that is neither "name: value" nor "- item" where one of
// those goes (a colon without a space, a Chinese colon). It names that
// line and the indentation it should have.
//
// It follows block collections and skips what it does not need to read:
// comments, blank lines, block scalars (| and >), quoted text and [ ] and
// { } that go on over several lines, and plain text continued on more
// indented lines.

// A layoutProblem is the first line that breaks the layout of a document.
type layoutProblem struct {
	line, col int
	msg       finding.Message
}

// frame is a block collection open at a line: a mapping or a sequence.
type frame struct {
	indent int
	seq    bool
	key    string // mapping: the latest key at this level
	line   int    // the line of that key, or of the latest item
}

// layoutScanner holds the state of one pass over the lines.
type layoutScanner struct {
	stack []frame
	// open is set after a line that ends a key or a dash with nothing
	// after it: the lines below may hold its value, indented further.
	open    bool
	openCol int
	// scalar is set after a line whose value is plain text: a more
	// indented line of text below it continues that text.
	scalar bool
	// skipping a block scalar: lines indented more than blockIndent, and
	// blank lines, are its text.
	block       bool
	blockIndent int
	// inside a quoted text or a flow collection that goes on past its line.
	quote byte // '"' or '\'' while inside quotes
	flow  int  // depth of [ ] and { }
}

// layout returns the first line of data whose layout breaks the document's
// block structure, if it finds one.
func layout(data []byte) (layoutProblem, bool) {
	var s layoutScanner
	lines := strings.Split(string(data), "\n")
	for i, raw := range lines {
		n := i + 1
		raw = strings.TrimRight(raw, " \r")
		indent := len(raw) - len(strings.TrimLeft(raw, " "))
		rest := raw[indent:]

		if s.block {
			if rest == "" || indent > s.blockIndent {
				continue
			}
			s.block = false
		}
		if s.quote != 0 || s.flow > 0 {
			s.scan(rest, false)
			continue
		}
		if rest == "" || rest[0] == '#' || rest == "---" || rest == "..." {
			continue
		}
		if p, bad := s.line(n, indent, rest); bad {
			return p, true
		}
	}
	return layoutProblem{}, false
}

// line reads one line of content at indent; it reports a problem if the
// line breaks the layout.
func (s *layoutScanner) line(n, indent int, rest string) (layoutProblem, bool) {
	text := s.scan(rest, true)
	item := text == "-" || strings.HasPrefix(text, "- ")
	_, _, isKey := splitKey(text)

	if len(s.stack) == 0 {
		s.stack = append(s.stack, frame{indent: indent, seq: item})
		s.open = false
		return s.content(n, indent, text)
	}
	if s.open {
		s.open = false
		top := s.stack[len(s.stack)-1]
		switch {
		case indent > s.openCol:
			s.stack = append(s.stack, frame{indent: indent, seq: item})
			s.scalar = false
			return s.content(n, indent, text)
		case indent == s.openCol && item && !top.seq:
			s.stack = append(s.stack, frame{indent: indent, seq: true})
			s.scalar = false
			return s.content(n, indent, text)
		}
		// Nothing below the key: its value is empty. Go on with this line.
	}
	top := s.stack[len(s.stack)-1]
	if indent > top.indent {
		if s.scalar && !item && !isKey && !looksLikeKey(text) {
			return layoutProblem{}, false // plain text, continued
		}
		return s.problem(n, indent, finding.Msg("indentation: this line is indented by %s, more than the line above; indent it by %s, %s (only the lines below a field that ends with a colon are indented further)",
			spaces(indent), spaces(top.indent), top.like()))
	}
	var closed *frame
	for len(s.stack) > 0 && s.stack[len(s.stack)-1].indent > indent {
		f := s.stack[len(s.stack)-1]
		closed = &f
		s.stack = s.stack[:len(s.stack)-1]
	}
	if len(s.stack) == 0 {
		return s.problem(n, indent, finding.Msg("indentation: this line is indented by %s; indent it by %s, %s",
			spaces(indent), spaces(closed.indent), closed.like()))
	}
	top = s.stack[len(s.stack)-1]
	if top.indent < indent {
		return s.problem(n, indent, finding.Msg("indentation: this line is indented by %s, which matches no line above; indent it by %s, %s, or by %s, %s",
			spaces(indent), spaces(closed.indent), closed.like(), spaces(top.indent), top.like()))
	}
	if top.seq && !item {
		switch {
		case len(s.stack) > 1 && !s.stack[len(s.stack)-2].seq && s.stack[len(s.stack)-2].indent == indent:
			s.stack = s.stack[:len(s.stack)-1] // a list written at its key's indentation ends
		case closed != nil && !closed.seq:
			return s.problem(n, indent, finding.Msg("indentation: this line is at the indentation of the list's items but does not start with \"- \"; indent it by %s, %s, or start a new item with \"- \"",
				spaces(closed.indent), closed.like()))
		case strings.HasPrefix(text, "-"):
			return s.problem(n, indent, finding.Msg("a space is missing after the dash of the list item: write - %s", strings.TrimLeft(text[1:], " ")))
		default:
			return s.problem(n, indent, finding.Msg("indentation: this line is at the indentation of the list's items but does not start with \"- \"; start a new item with \"- \", or indent the line further if it goes on from the item above"))
		}
	}
	return s.content(n, indent, text)
}

// content reads the content of a line once its indentation is known to fit:
// a key, a list item (which may hold a key), or text.
func (s *layoutScanner) content(n, indent int, text string) (layoutProblem, bool) {
	top := &s.stack[len(s.stack)-1]
	if text == "-" || strings.HasPrefix(text, "- ") {
		if !top.seq {
			return s.problem(n, indent, finding.Msg("a list item \"- \" is not expected here, among the fields of this level: if it belongs to a list, put it below the list's field, indented further"))
		}
		top.line = n
		rest := strings.TrimLeft(text[1:], " ")
		if rest == "" {
			s.open, s.openCol, s.scalar = true, indent, false
			return layoutProblem{}, false
		}
		col := indent + (len(text) - len(rest))
		if _, _, isKey := splitKey(rest); isKey {
			s.stack = append(s.stack, frame{indent: col})
			return s.content(n, col, rest)
		}
		if rest == "-" || strings.HasPrefix(rest, "- ") {
			s.stack = append(s.stack, frame{indent: col, seq: true})
			return s.content(n, col, rest)
		}
		return s.value(indent, rest)
	}
	if top.seq {
		return layoutProblem{}, false // the first line of a document that is text
	}
	key, value, isKey := splitKey(text)
	if !isKey {
		return s.notKey(n, indent, text)
	}
	top.key, top.line = key, n
	if value == "" {
		s.open, s.openCol, s.scalar = true, indent, false
		return layoutProblem{}, false
	}
	return s.value(indent, value)
}

// value reads the value after a key or a dash on a line at indent.
func (s *layoutScanner) value(indent int, value string) (layoutProblem, bool) {
	s.scalar = false
	switch {
	case blockScalar.MatchString(value):
		s.block, s.blockIndent = true, indent
	case value[0] == '[' || value[0] == '{' || value[0] == '"' || value[0] == '\'':
		// Quoted text and flow collections were followed by scan.
	default:
		s.scalar = true
	}
	return layoutProblem{}, false
}

// notKey reports a line where "name: value" goes that is not one.
func (s *layoutScanner) notKey(n, indent int, text string) (layoutProblem, bool) {
	if k, v, ok := strings.Cut(text, "："); ok && plainKey.MatchString(k) {
		return s.problem(n, indent, finding.Msg("the colon is the Chinese \"：\"; write an English colon and a space: %s: %s", k, strings.TrimSpace(v)))
	}
	if m := noSpace.FindStringSubmatch(text); m != nil {
		return s.problem(n, indent, finding.Msg("a space is missing after the colon: write %s: %s", m[1], m[2]))
	}
	return s.problem(n, indent, finding.Msg("expected a field here, written name: value; text that goes on from the line above is indented further"))
}

func (s *layoutScanner) problem(n, indent int, m finding.Message) (layoutProblem, bool) {
	return layoutProblem{line: n, col: indent + 1, msg: m}, true
}

// scan follows quotes and flow brackets through text, the content of a
// line (or of the part of it inside quotes or brackets left open), and
// returns it without its comment. start says whether text begins a line's
// content, where a quote opens quoted text.
func (s *layoutScanner) scan(text string, start bool) string {
	valueStart := start || s.flow > 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if s.quote != 0 {
			switch {
			case s.quote == '"' && c == '\\':
				i++
			case c == s.quote && s.quote == '\'' && i+1 < len(text) && text[i+1] == '\'':
				i++
			case c == s.quote:
				s.quote = 0
			}
			continue
		}
		switch {
		case c == '#' && (i == 0 || text[i-1] == ' '):
			return strings.TrimRight(text[:i], " ")
		case (c == '"' || c == '\'') && valueStart:
			s.quote = c
		case (c == '[' || c == '{') && (valueStart || s.flow > 0):
			s.flow++
		case (c == ']' || c == '}') && s.flow > 0:
			s.flow--
		}
		// A quote or bracket opens a value at the start of the content,
		// after ": " or "- ", and inside brackets after "," or another
		// bracket.
		switch {
		case c == ' ' && (valueStart || i > 0 && (text[i-1] == ':' || text[i-1] == '-' || text[i-1] == ',')):
			valueStart = true
		case s.flow > 0 && (c == ',' || c == '[' || c == '{'):
			valueStart = true
		case c == '-' && valueStart && i+1 < len(text) && text[i+1] == ' ':
			valueStart = true
		default:
			valueStart = false
		}
	}
	return text
}

var (
	// blockScalar is the value of a key whose text follows on the lines
	// below: | or >, with chomping and indentation indicators.
	blockScalar = regexp.MustCompile(`^[|>][-+0-9]*$`)
	// plainKey is a key as records write them.
	plainKey = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`)
	// noSpace is a key written without the space after its colon.
	noSpace = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_-]*):(\S.*)$`)
)

// splitKey splits "key: value" or "key:" into its key and value. A key
// must be a plain key or quoted; anything else is text.
func splitKey(text string) (key, value string, ok bool) {
	if text == "" {
		return "", "", false
	}
	switch text[0] {
	case '[', '{', '|', '>', '-', '#', '&', '*', '!', '%', '@', '`', '?':
		return "", "", false
	case '"', '\'':
		end := strings.IndexByte(text[1:], text[0])
		if end < 0 {
			return "", "", false
		}
		after := text[end+2:]
		if after == ":" || strings.HasPrefix(after, ": ") {
			return text[1 : end+1], strings.TrimSpace(after[1:]), true
		}
		return "", "", false
	}
	if strings.HasSuffix(text, ":") {
		return text[:len(text)-1], "", true
	}
	k, v, found := strings.Cut(text, ": ")
	if !found {
		return "", "", false
	}
	return k, strings.TrimSpace(v), true
}

// looksLikeKey is text that a person meant as a field: name and a colon,
// with or without the space, or with a Chinese colon.
func looksLikeKey(text string) bool {
	if noSpace.MatchString(text) {
		return true
	}
	k, _, ok := strings.Cut(text, "：")
	return ok && plainKey.MatchString(k)
}

// like names the line a frame's lines align with.
func (f frame) like() finding.Message {
	if f.seq {
		return finding.Msg("like the list item on line %d", f.line)
	}
	return finding.Msg("like %s on line %d", f.key, f.line)
}

// spaces is a number of spaces in words.
func spaces(n int) finding.Message {
	if n == 1 {
		return finding.Msg("%d space", n)
	}
	return finding.Msg("%d spaces", n)
}

// contentLine returns the first line from line on (1-based) of data that
// holds more than space and a comment, or line itself if there is none.
func contentLine(data []byte, line int) int {
	lines := strings.Split(string(data), "\n")
	for i := line - 1; i >= 0 && i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if t != "" && t[0] != '#' {
			return i + 1
		}
	}
	return line
}

// firstColumn is the column of the first character of a line that is not
// a space, 1-based and in characters.
func firstColumn(data []byte, line int) int {
	lines := strings.Split(string(data), "\n")
	if line < 1 || line > len(lines) {
		return 1
	}
	l := lines[line-1]
	t := strings.TrimLeft(l, " ")
	return utf8.RuneCountInString(l[:len(l)-len(t)]) + 1
}
