// Package markdown renders the Markdown narratives of records to HTML that
// is safe to put in a page: raw HTML off, unsafe links made text, images
// only from the site itself, headings below the page's own.
package markdown

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Renderer renders record narratives. Raw HTML is off (goldmark's default:
// it is replaced by a comment), so <script> and onerror= attributes come out
// as nothing. On top of goldmark's own check of link destinations, links
// with any scheme other than http, https and mailto become plain text,
// images from another host become plain links (a page never loads a file
// from elsewhere), and headings move one level down, below the page's own
// <h1>.
type Renderer struct {
	md    goldmark.Markdown
	sinks sync.Pool // *sink
}

// sink is a bytes.Buffer as goldmark's renderer takes it (a
// util.BufWriter), so that it does not wrap it in a new bufio.Writer of
// 4 KB for every narrative; there is nothing to flush.
type sink struct{ bytes.Buffer }

func (*sink) Flush() error    { return nil }
func (s *sink) Buffered() int { return s.Len() }

// sink returns an empty sink; put it back with s.sinks.Put once its bytes
// are copied out.
func (m *Renderer) sink() *sink {
	b, _ := m.sinks.Get().(*sink)
	if b == nil {
		b = new(sink)
	}
	b.Reset()
	return b
}

// New returns a renderer with the CJK extension; a line
// break between Chinese characters or punctuation joins the lines without a
// space, as a writer in the GitHub web editor expects.
func New() *Renderer {
	return &Renderer{md: goldmark.New(
		goldmark.WithExtensions(extension.NewCJK(
			extension.WithEastAsianLineBreaks(extension.EastAsianLineBreaksCSS3Draft),
			extension.WithEscapedSpace(),
		)),
		goldmark.WithParserOptions(
			parser.WithASTTransformers(util.Prioritized(narrativeTransformer{}, 1000)),
		),
	)}
}

// Render converts Markdown source to HTML that is safe to include in a page.
func (m *Renderer) Render(src string) (template.HTML, error) {
	if h, ok := plain(src); ok {
		return h, nil
	}
	buf := m.sink()
	defer m.sinks.Put(buf)
	if err := m.md.Convert([]byte(src), buf); err != nil {
		return "", fmt.Errorf("markdown: %w", err)
	}
	// Safe: goldmark escapes text and attributes, and omits raw HTML
	// because html.WithUnsafe is not set.
	return template.HTML(buf.String()), nil
}

type narrativeTransformer struct{}

func (narrativeTransformer) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	var images []*ast.Image
	var unsafe []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			n.Level = min(n.Level+1, 6)
		case *ast.Link:
			if !SafeLink(string(n.Destination)) {
				unsafe = append(unsafe, n)
			}
		case *ast.AutoLink:
			// Autolinks are only recognised for URLs and e-mail addresses;
			// goldmark's renderer checks them as well.
		case *ast.Image:
			images = append(images, n)
		}
		return ast.WalkContinue, nil
	})
	// An unsafe link becomes its text.
	for _, l := range unsafe {
		parent := l.Parent()
		for c := l.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, l, c)
			c = next
		}
		parent.RemoveChild(parent, l)
	}
	for _, img := range images {
		dest := string(img.Destination)
		if isLocal(dest) && SafeLink(dest) {
			continue
		}
		link := ast.NewLink()
		if SafeLink(dest) {
			link.Destination = img.Destination
		}
		for c := img.FirstChild(); c != nil; {
			next := c.NextSibling()
			link.AppendChild(link, c)
			c = next
		}
		img.Parent().ReplaceChild(img.Parent(), img, link)
	}
}

// SafeLink reports whether a link destination may be kept: relative
// references and http, https and mailto URLs. Destinations with control
// characters (java\tscript:) do not parse and are refused.
func SafeLink(dest string) bool {
	u, err := url.Parse(strings.TrimSpace(dest))
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "", "http", "https", "mailto":
		return true
	}
	return false
}

// isLocal reports whether dest refers to this site (no scheme, no host).
func isLocal(dest string) bool {
	u, err := url.Parse(strings.TrimSpace(dest))
	return err == nil && u.Scheme == "" && u.Host == "" && !strings.HasPrefix(dest, "//")
}

// Lead returns the text of the narrative's first paragraph, as a reader
// sees it on the page: lines joined as Render joins them, emphasis and
// links as their text, raw HTML left out. It is "" when the narrative has
// no paragraph.
//
// Most narratives are a few paragraphs, so Lead first parses only the
// text before the first empty line: the blocks that end there are what
// they are in the whole narrative, since nothing after a blank line
// changes the blocks before it, but for two things. A link reference
// definition anywhere can complete a link before it: a narrative with a
// "[" is parsed whole. A block that spans the blank line (a fenced code
// block, a loose list, an HTML block) is cut open in the part and holds
// no paragraph there, or a tight list's item is no paragraph: then the
// whole narrative is parsed.
func (m *Renderer) Lead(src string) (string, error) {
	if lead, ok := plainLead(src); ok {
		return lead, nil
	}
	if i := strings.Index(src, "\n\n"); i > 0 && !strings.Contains(src, "[") {
		if lead, ok, err := m.lead(src[:i+1]); err != nil || ok {
			return lead, err
		}
	}
	lead, _, err := m.lead(src)
	return lead, err
}

// lead returns the text of the first paragraph of src, and whether src
// has one.
func (m *Renderer) lead(src string) (string, bool, error) {
	source := []byte(src)
	doc := m.md.Parser().Parse(text.NewReader(source))
	var first ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, ok := n.(*ast.Paragraph); ok && entering {
			first = n
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if first == nil {
		return "", false, nil
	}
	buf := m.sink()
	defer m.sinks.Put(buf)
	if err := m.md.Renderer().Render(buf, source, first); err != nil {
		return "", false, fmt.Errorf("markdown: %w", err)
	}
	return strings.TrimSpace(html.UnescapeString(tag.ReplaceAllString(buf.String(), ""))), true, nil
}

// tag is an HTML tag or comment of goldmark's output, whose attribute
// values never hold a bare >.
var tag = regexp.MustCompile(`<[^>]*>`)

// Most narratives are paragraphs of Chinese text, one line each: nothing in
// them is Markdown, and what goldmark makes of them is known without
// parsing. plain gives that output for such a narrative, and ok false for
// any other, which goldmark renders. A narrative is plain when it is valid
// UTF-8 and each of its lines is empty or a paragraph of its own (the
// lines before and after it empty) holding only characters that no rule
// of Markdown, of goldmark's CJK extension or of HTML escaping gives a
// meaning: letters, digits, characters beyond ASCII, and spaces and
// ,.;:?%/() inside the line, the line not starting as an ordered list
// item (digits and "." or ")"). FuzzPlain holds that plain's output is
// goldmark's for every narrative it takes.
func plain(src string) (template.HTML, bool) {
	if !plainText(src) {
		return "", false
	}
	var b strings.Builder
	b.Grow(len(src) + 16)
	for line := range strings.SplitSeq(src, "\n") {
		if line != "" {
			b.WriteString("<p>")
			b.WriteString(line)
			b.WriteString("</p>\n")
		}
	}
	// Safe: no character of the text has a meaning in HTML.
	return template.HTML(b.String()), true
}

// plainLead is Lead of a narrative plain takes: its first line that is not
// empty, without the white space Lead trims.
func plainLead(src string) (string, bool) {
	if !plainText(src) {
		return "", false
	}
	for line := range strings.SplitSeq(src, "\n") {
		if line != "" {
			return strings.TrimSpace(line), true
		}
	}
	return "", true
}

// plainText reports whether src is a narrative plain renders (see plain).
func plainText(src string) bool {
	if !utf8.ValidString(src) {
		return false
	}
	prev := "" // the line before, "" when empty
	for line := range strings.SplitSeq(src, "\n") {
		if line == "" {
			prev = ""
			continue
		}
		if prev != "" || !plainLine(line) {
			return false
		}
		prev = line
	}
	return true
}

// plainLine reports whether a line that is not empty is a paragraph whose
// every character stands for itself.
func plainLine(line string) bool {
	if line[0] == ' ' || line[len(line)-1] == ' ' {
		return false
	}
	// An ordered list item: one to nine digits, then "." or ")".
	digits := 0
	for digits < len(line) && '0' <= line[digits] && line[digits] <= '9' {
		digits++
	}
	if digits > 0 && digits < len(line) && (line[digits] == '.' || line[digits] == ')') {
		return false
	}
	for i := 0; i < len(line); i++ {
		if !plainByte[line[i]] {
			return false
		}
	}
	return true
}

// plainByte tells the bytes a plain line may hold: those of characters
// beyond ASCII, letters, digits and " ,.;:?%/()".
var plainByte = func() (t [256]bool) {
	for c := range t {
		t[c] = c >= utf8.RuneSelf || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			strings.IndexByte(" ,.;:?%/()", byte(c)) >= 0
	}
	return t
}()
