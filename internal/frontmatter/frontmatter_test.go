package frontmatter

import (
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		meta     string
		body     string
		bodyLine int
		err      error
	}{
		{"plain", "---\nid: a\n---\nbody\n", "id: a\n", "body\n", 4, nil},
		{"bom and crlf", "\xef\xbb\xbf---\r\nid: a\r\n---\r\nbody\r\n", "id: a\n", "body\n", 4, nil},
		{"empty body", "---\nid: a\n---\n", "id: a\n", "", 4, nil},
		{"no newline after close", "---\nid: a\n---", "id: a\n", "", 4, nil},
		{"dots close", "---\nid: a\n...\nb\n", "id: a\n", "b\n", 4, nil},
		{"marker in block scalar", "---\ntext: |\n  ---\n  more\n---\nbody\n", "text: |\n  ---\n  more\n", "body\n", 6, nil},
		{"thematic break in body", "---\nid: a\n---\nx\n\n---\n\ny\n", "id: a\n", "x\n\n---\n\ny\n", 4, nil},
		{"trailing spaces on markers", "---  \nid: a\n--- \nb", "id: a\n", "b", 4, nil},
		{"empty meta", "---\n---\nb", "", "b", 3, nil},
		{"no opening", "id: a\n---\n", "", "", 0, ErrNoOpening},
		{"opening not first", "\n---\nid: a\n---\n", "", "", 0, ErrNoOpening},
		{"not closed", "---\nid: a\nbody\n", "", "", 0, ErrNotClosed},
		{"only opening", "---", "", "", 0, ErrNotClosed},
		{"empty", "", "", "", 0, ErrNoOpening},
	}
	for _, tt := range tests {
		d, err := Split(Normalize([]byte(tt.in)))
		if err != tt.err {
			t.Errorf("%s: Split error = %v, want %v", tt.name, err, tt.err)
			continue
		}
		if err != nil {
			continue
		}
		if string(d.Meta) != tt.meta || string(d.Body) != tt.body || d.BodyLine != tt.bodyLine || d.MetaLines != 1 {
			t.Errorf("%s: Split(%q) = meta %q body %q line %d, want %q %q %d",
				tt.name, tt.in, d.Meta, d.Body, d.BodyLine, tt.meta, tt.body, tt.bodyLine)
		}
	}
}

func FuzzFrontMatter(f *testing.F) {
	for _, s := range []string{"---\nid: a\n---\nbody\n", "\xef\xbb\xbf---\r\nx: |\n  ---\n---\n", "---", "", "---\n...\n---\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		n := Normalize(data)
		d, err := Split(n)
		if err != nil {
			return
		}
		// The parts are pieces of the input, in order, and the body line
		// counts the lines before the body.
		if !bytesHasSuffix(n, d.Body) {
			t.Fatalf("body %q is not the end of %q", d.Body, n)
		}
		before := n[:len(n)-len(d.Body)]
		lines := 1
		for _, b := range before {
			if b == '\n' {
				lines++
			}
		}
		if len(d.Body) > 0 && lines != d.BodyLine {
			t.Fatalf("BodyLine = %d, want %d for %q", d.BodyLine, lines, n)
		}
	})
}

func bytesHasSuffix(s, suffix []byte) bool {
	return len(s) >= len(suffix) && string(s[len(s)-len(suffix):]) == string(suffix)
}
