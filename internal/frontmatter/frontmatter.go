// Package frontmatter splits a Markdown record into its YAML front matter
// and its body, keeping line numbers: the front matter is returned with the
// number of lines before it, and the body with the line it starts on, so that
// positions found in either still match the file's lines.
//
// The front matter opens with a line "---" as the file's first line and ends
// with the next line that is exactly "---" (or "...") at the start of a line.
// A "---" indented inside a YAML block scalar cannot end it, since YAML block
// content is indented; a "---" later in the body (a Markdown thematic break)
// is body. A UTF-8 byte order mark is dropped and CRLF line ends read as LF.
package frontmatter

import (
	"bytes"
	"errors"
)

// Errors returned by Split.
var (
	ErrNoOpening = errors.New("no front matter: the first line is not ---")
	ErrNotClosed = errors.New("the front matter is not closed by a --- line")
)

// Doc is a split Markdown record.
type Doc struct {
	Meta      []byte // the YAML between the --- lines
	MetaLines int    // lines of the file before Meta (1: the opening ---)
	Body      []byte // the Markdown after the closing ---
	BodyLine  int    // the file's line where Body starts
}

var bom = []byte("\xef\xbb\xbf")

// Normalize drops a leading byte order mark and turns CRLF into LF. Line
// numbers are unchanged; columns count from the line's first character.
func Normalize(data []byte) []byte {
	data = bytes.TrimPrefix(data, bom)
	if bytes.Contains(data, []byte("\r\n")) {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	}
	return data
}

// Split splits data, which Normalize has already been applied to.
func Split(data []byte) (Doc, error) {
	first, rest, found := bytes.Cut(data, []byte("\n"))
	if !isMarker(first, "---") {
		return Doc{}, ErrNoOpening
	}
	if !found {
		return Doc{}, ErrNotClosed
	}
	line := 2 // the line rest starts on
	meta := rest
	for len(rest) > 0 {
		l, after, _ := bytes.Cut(rest, []byte("\n"))
		if isMarker(l, "---") || isMarker(l, "...") {
			return Doc{
				Meta:      meta[:len(meta)-len(rest)],
				MetaLines: 1,
				Body:      after,
				BodyLine:  line + 1,
			}, nil
		}
		rest = after
		line++
	}
	return Doc{}, ErrNotClosed
}

func isMarker(line []byte, marker string) bool {
	return string(bytes.TrimRight(line, " \t")) == marker
}
