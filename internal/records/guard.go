package records

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"unicode/utf8"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/yamldoc"
)

// MaxFileSize is the most bytes a record file may have. A hero's narrative
// is a few kilobytes and a month of the fund a few hundred entries; the
// limit keeps a careless or hostile file (a list of a million entries)
// from costing gigabytes before its schema is even read.
const MaxFileSize = 1 << 20

// errTooLarge is returned by readFile for a file over MaxFileSize.
var errTooLarge = errors.New("file too large")

// readFile reads the file p of fsys, refusing one over MaxFileSize
// before reading it, and reading no more than that whatever Stat said.
// size is the file's size as Stat gave it.
func readFile(fsys fs.FS, p string) (data []byte, size int64, err error) {
	return readLimited(fsys, p, MaxFileSize)
}

// readLimited is readFile with a limit of its own.
func readLimited(fsys fs.FS, p string, limit int64) (data []byte, size int64, err error) {
	data, fi, err := readFileInfo(fsys, p, limit, nil)
	if fi != nil {
		size = fi.Size()
		if err == errTooLarge && int64(len(data)) > size {
			size = int64(len(data))
		}
	}
	if err == errTooLarge {
		data = nil
	}
	return data, size, err
}

// readFileInfo is readLimited with the status of the open file, taken
// before its bytes are read. A file that grows past limit while it is
// read gives errTooLarge with the bytes read so far. The bytes are read
// into buf when it has room for them (a loader's worker reads every file
// into one buffer, which nothing it loads keeps), else into new memory.
func readFileInfo(fsys fs.FS, p string, limit int64, buf []byte) (data []byte, fi fs.FileInfo, err error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	fi, err = f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if fi.Size() > limit {
		return nil, fi, errTooLarge
	}
	// As os.ReadFile: a buffer of the size Stat gave, grown only if the
	// file grew since.
	data = buf[:0]
	if int64(cap(data)) < fi.Size()+512 {
		data = make([]byte, 0, fi.Size()+512)
	}
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		asked := cap(data) - len(data)
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if int64(len(data)) > limit {
			return data, fi, errTooLarge
		}
		if err == io.EOF {
			return data, fi, nil
		}
		if err != nil {
			return nil, fi, err
		}
		if n < asked && int64(len(data)) == fi.Size() && fi.Mode().IsRegular() {
			// A regular file gave fewer bytes than asked, and as many as
			// its status says it has: it ended there, and the read that
			// would only say so (io.EOF) is spared, one system call a
			// record. A file that grew since its status was taken reads
			// on to its end.
			return data, fi, nil
		}
	}
}

// tooLarge reports a file over MaxFileSize.
func tooLarge(list *finding.List, p string, size int64) {
	list.Errorf(p, finding.Pos{}, "limit", "the file has %s bytes, more than the %s a record file may have; split it or shorten it",
		groupDigits(size), groupDigits(MaxFileSize))
}

func groupDigits(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// wideEncoding reports a file saved as UTF-16 or UTF-32, which editors on
// Windows offer as "Unicode": it is not UTF-8, and read as UTF-8 it gives
// misleading findings (no front matter, a syntax error at line 1).
func wideEncoding(list *finding.List, p string, data []byte) bool {
	wide := bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF})
	if !wide {
		// Without a byte order mark: text of this kind has a zero byte in
		// every second or fourth byte; UTF-8 text has none.
		head := data[:min(len(data), 512)]
		wide = bytes.Count(head, []byte{0}) >= len(head)/4 && len(head) >= 4
	}
	if wide {
		list.Errorf(p, finding.Pos{Line: 1, Col: 1}, "yaml", "the file is saved as UTF-16 (\"Unicode\"), not UTF-8; save it again with the encoding UTF-8")
	}
	return wide
}

// invalidText reports every line of data (the whole file, normalized by
// frontmatter.Normalize) that holds bytes that are not UTF-8 or a character
// that cannot be published: control characters but tab and line feed, and
// Unicode noncharacters. yaml.v3 refuses to write them (DEL, U+FFFE), so a
// record holding one passed the check and broke the build after the merge;
// in a narrative they would reach the page. Each line is reported at its
// first such character. It returns the line of the first, 0 for none.
func invalidText(list *finding.List, p string, data []byte) (first int) {
	if publishable(data) {
		return 0
	}
	return invalidLines(list, p, data)
}

// invalidLines is invalidText, reading every character for its line and
// column.
func invalidLines(list *finding.List, p string, data []byte) (first int) {
	const maxReported = 20
	line, col, reported := 1, 1, 0
	lineDone := false
	for i := 0; i < len(data); {
		c := data[i]
		size := 1
		var bad rune = -1 // the character refused, or utf8.RuneError for a byte that is not UTF-8
		switch {
		case c == '\n':
			line, col, lineDone = line+1, 1, false
			i++
			continue
		case c < utf8.RuneSelf:
			if c < 0x20 && c != '\t' || c == 0x7F {
				bad = rune(c)
			}
		case c >= 0xE1 && c <= 0xEC && i+2 < len(data) && data[i+1]&0xC0 == 0x80 && data[i+2]&0xC0 == 0x80:
			size = 3 // most of a Chinese text: never refused
		default:
			var r rune
			r, size = utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size <= 1 || yamldoc.Unpublishable(r) {
				bad = r
			}
		}
		if bad >= 0 && !lineDone {
			lineDone = true
			if first == 0 {
				first = line
			}
			if reported++; reported <= maxReported {
				pos := finding.Pos{Line: line, Col: col}
				if bad == utf8.RuneError {
					list.Errorf(p, pos, "yaml", "the file is not valid UTF-8 text; save it as UTF-8")
				} else {
					list.Errorf(p, pos, "yaml", "the character %s (%s) cannot be published; delete it", fmt.Sprintf("U+%04X", bad), yamldoc.CharKind(bad))
				}
			}
		}
		i, col = i+size, col+1
	}
	return first
}

// publishable reports whether invalidLines finds nothing in data: no byte
// that is not UTF-8 and no character that cannot be published. It reads
// as invalidLines does but keeps no line or column, for the files that
// have none of them (nearly all): half of invalidLines' time on a
// generated archive.
func publishable(data []byte) bool {
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' || c == 0x7F {
				return false
			}
			i++
			continue
		}
		if c >= 0xE1 && c <= 0xEC && i+2 < len(data) && data[i+1]&0xC0 == 0x80 && data[i+2]&0xC0 == 0x80 {
			i += 3 // most of a Chinese text: never refused
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 || yamldoc.Unpublishable(r) {
			return false
		}
		i += size
	}
	return true
}

// yamlKeyLine matches a line of YAML that sets a key: "private:",
// "  phone: 138…", "- honor: city-model".
var yamlKeyLine = regexp.MustCompile(`^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_]*)\s*:(?:\s|$)`)

// frontMatterInBody reports a narrative that holds what belongs in the
// front matter: a closing --- above the end of the front matter makes the
// rest of it the narrative, which is published. keys are the property names
// of the kind's schema with their visibility (schema.Set.Keys). A line
// setting a private key (private:, phone:) anywhere in the narrative is an
// error, and so is a narrative whose first line sets any key of the
// schema. A run of such lines is reported once, at its first.
func frontMatterInBody(list *finding.List, p string, body []byte, bodyLine int, keys map[string]string) {
	first := true
	inRun := false
	// The lines are looked at where they are, not copied: a narrative is
	// most of a hero's bytes.
	rest := body
	for i := 0; ; i++ {
		l, more := rest, false
		if j := bytes.IndexByte(rest, '\n'); j >= 0 {
			l, rest, more = rest[:j], rest[j+1:], true
		}
		if len(bytes.TrimSpace(l)) > 0 {
			inRun, first = keyInBody(list, p, l, bodyLine+i, keys, inRun, first), false
		}
		if !more {
			return
		}
	}
}

// keyInBody is frontMatterInBody's look at one line l of the narrative,
// the line-th of the file, not blank; it returns whether a run of fields
// goes on.
func keyInBody(list *finding.List, p string, l []byte, line int, keys map[string]string, inRun, first bool) bool {
	m := yamlKeyLine.FindSubmatchIndex(l)
	vis, known := "", false
	if m != nil {
		vis, known = keys[string(l[m[4]:m[5]])]
	}
	switch {
	case !known:
		return inRun && m == nil && bytes.HasPrefix(l, []byte(" ")) // an indented value continues the run
	case inRun:
		return true
	case vis == "private":
		list.Errorf(p, finding.Pos{Line: line, Col: utf8.RuneCount(l[m[2]:m[3]]) + 1}, "frontmatter",
			"the narrative holds the private field %s, which would be published: a --- line above it ends the front matter too early; move that --- below the last field", string(l[m[4]:m[5]]))
		return true
	case first:
		list.Errorf(p, finding.Pos{Line: line, Col: utf8.RuneCount(l[m[2]:m[3]]) + 1}, "frontmatter",
			"the narrative starts with the field %s of the front matter: a --- line above it ends the front matter too early; move that --- below the last field", string(l[m[4]:m[5]]))
		return true
	}
	return inRun
}
