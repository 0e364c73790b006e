package build

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/history"
	"github.com/yancheng-jyyw/roll/internal/portrait"
	"github.com/yancheng-jyyw/roll/internal/portrait/portraittest"
	"golang.org/x/net/html"
)

// TestSamplePortraits builds the sample records, whose three photos carry
// EXIF with a GPS position: two heroes consented to publish theirs, one
// (H-2020-0011, on the roll) did not. The public site has the two, clean;
// nothing of the third, by name or by bytes; the internal site shows all
// three to staff, saying which are public. A rebuild encodes none again.
func TestSamplePortraits(t *testing.T) {
	root := sampleRepo(t)
	res, err := Run(root, Options{Out: "_site", Today: testDay, History: &history.History{}})
	if err != nil || !res.Built {
		t.Fatalf("build: %v, built %v", err, res != nil && res.Built)
	}
	out := filepath.Join(root, "_site")
	sites := snapshot(t, out)
	var pub, internal []string
	for p, f := range sites {
		switch {
		case strings.HasPrefix(p, "public/portraits/"):
			pub = append(pub, strings.TrimPrefix(p, "public/"))
		case strings.HasPrefix(p, "internal/portraits/"):
			internal = append(internal, strings.TrimPrefix(p, "internal/"))
		default:
			continue
		}
		if err := portraittest.Clean(f.data); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	slices.Sort(pub)
	slices.Sort(internal)
	wantPub := []string{"portraits/H-2019-0001-240.jpg", "portraits/H-2019-0001-480.jpg", "portraits/H-2019-0001-96.jpg",
		"portraits/H-2019-0008-240.jpg", "portraits/H-2019-0008-480.jpg", "portraits/H-2019-0008-96.jpg"}
	if !slices.Equal(pub, wantPub) {
		t.Errorf("public portraits %q, want %q", pub, wantPub)
	}
	wantInternal := []string{"portraits/H-2019-0001-240.jpg", "portraits/H-2019-0001-480.jpg", "portraits/H-2019-0008-240.jpg",
		"portraits/H-2019-0008-480.jpg", "portraits/H-2020-0011-240.jpg", "portraits/H-2020-0011-480.jpg"}
	if !slices.Equal(internal, wantInternal) {
		t.Errorf("internal portraits %q, want %q", internal, wantInternal)
	}

	// The photo without consent: its bytes, what it encodes to, its name.
	secret, err := os.ReadFile(filepath.Join(root, "records/heroes/funing/H-2020-0011.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	encoded, err := portrait.Render(secret, []portrait.Size{portrait.Card, portrait.Page, portrait.Large})
	if err != nil {
		t.Fatal(err)
	}
	for p, f := range sites {
		if !strings.HasPrefix(p, "public/") {
			continue
		}
		if bytes.Contains(f.data, []byte("H-2020-0011-")) || bytes.Contains(f.data, []byte("H-2020-0011.jpg")) || strings.Contains(p, "H-2020-0011-") {
			t.Errorf("%s names the photo of H-2020-0011", p)
		}
		for _, b := range append([][]byte{secret[:2048]}, encoded...) {
			if bytes.Contains(f.data, b) {
				t.Errorf("%s holds the photo of H-2020-0011", p)
			}
		}
	}

	// Staff see every photo at the record, with whether it is public.
	for _, c := range []struct{ page, id, note string }{
		{"internal/heroes/funing/2020-0000.html", "H-2020-0011", "本人未同意公开照片"},
		{"internal/heroes/dongtai/2019-0000.html", "H-2019-0008", "本人已同意公开照片"},
	} {
		doc, err := html.Parse(bytes.NewReader(sites[c.page].data))
		if err != nil {
			t.Fatal(err)
		}
		fig := find(doc, func(n *html.Node) bool { return n.Data == "article" && attrOf(n, "id") == c.id })
		img := find(fig, func(n *html.Node) bool { return n.Data == "img" })
		if img == nil {
			t.Errorf("%s: no photo at the record of %s", c.page, c.id)
			continue
		}
		if got, want := attrOf(img, "src"), "../../portraits/"+c.id+"-240.jpg"; got != want || attrOf(img, "loading") != "lazy" ||
			attrOf(img, "width") != "240" || attrOf(img, "height") != "320" || attrOf(img, "alt") == "" {
			t.Errorf("%s: the photo of %s is <img src=%q loading=%q width=%q height=%q alt=%q>", c.page, c.id, got,
				attrOf(img, "loading"), attrOf(img, "width"), attrOf(img, "height"), attrOf(img, "alt"))
		}
		if cap := find(fig, func(n *html.Node) bool { return n.Data == "figcaption" }); cap == nil || !strings.Contains(textOf(cap), c.note) {
			t.Errorf("%s: the photo of %s does not say %q", c.page, c.id, c.note)
		}
	}

	// A rebuild keeps every portrait file.
	res, err = Run(root, Options{Out: "_site", Today: testDay, History: &history.History{}})
	if err != nil {
		t.Fatal(err)
	}
	if w := res.Written(); w != 0 {
		t.Errorf("a rebuild wrote %d files", w)
	}
}

func find(n *html.Node, ok func(*html.Node) bool) *html.Node {
	if n == nil {
		return nil
	}
	if n.Type == html.ElementNode && ok(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, ok); f != nil {
			return f
		}
	}
	return nil
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
