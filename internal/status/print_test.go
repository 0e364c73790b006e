package status

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/yancheng-jyyw/roll/internal/webcheck"
)

// TestBulletinPrint prints the 通报 of a period and of the year to PDF on
// A4 in headless Chromium, as the office prints them to send out: each
// section starts a sheet of its own, the first sheet carries the head
// (title, document number), nothing is cut off at the sheet's edge, and
// the first sheet, drawn by poppler, is not blank. On a phone, 360 px
// wide, the page does not scroll sideways (the wide tables scroll in their
// own frames; webcheck's TestPhoneWidth holds every other page kind of
// the internal site to the same).
func TestBulletinPrint(t *testing.T) {
	pdftotext, err := webcheck.FindPDFToText()
	webcheck.Need(t, err)
	pdftoppm, err := exec.LookPath("pdftoppm")
	webcheck.Need(t, err)
	out, _ := build(t, checkRepo(t, sampleRepo(t)), nil)
	br := webcheck.StartBrowser(t, 3*time.Minute)
	base := webcheck.Serve(t, out)

	for _, tc := range []struct {
		page  string
		title string
	}{
		{"bulletin/2020-Q3.html", "2020年第三季度全市见义勇为工作情况通报"},
		{"bulletin/2020.html", "2020年全市见义勇为工作情况通报"},
	} {
		sections := partHeadings(readPage(t, out, tc.page))
		var pdf []byte
		var clipped []string
		err := chromedp.Do(br.Ctx,
			webcheck.Width(1280),
			chromedp.Navigate(base+tc.page),
			chromedp.Func(func(ctx context.Context, tg *chromedp.Target) (err error) {
				if clipped, err = webcheck.Clipped()(ctx, tg); err != nil {
					return err
				}
				pdf, err = webcheck.PrintA4()(ctx, tg)
				return err
			}),
		)
		if err != nil {
			t.Fatalf("%s: %v", tc.page, err)
		}
		for _, c := range clipped {
			t.Errorf("%s: printed on A4, %s", tc.page, c)
		}
		pages, err := webcheck.PDFPages(pdf)
		if err != nil {
			t.Fatal(err)
		}
		if pages < len(sections) {
			t.Errorf("%s: %d A4 pages for %d sections that each start a page", tc.page, pages, len(sections))
		}
		first, err := webcheck.PDFText(pdftotext, pdf, 1, 1)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []string{tc.title, "盐义通〔2020〕", "盐城市见义勇为基金会"} {
			if !strings.Contains(squash(first), w) {
				t.Errorf("%s: the first printed page lacks %q:\n%s", tc.page, w, first)
			}
		}
		// Each section heading opens a sheet: it is the first line of one.
		opens := map[string]bool{}
		for p := 1; p <= pages; p++ {
			text, err := webcheck.PDFText(pdftotext, pdf, p, p)
			if err != nil {
				t.Fatal(err)
			}
			for _, line := range strings.Split(text, "\n") {
				if line = squash(line); line != "" {
					opens[line] = true
					break
				}
			}
		}
		for i, h := range sections {
			if i > 0 && !opens[h] {
				t.Errorf("%s: the section %q does not start a printed page (pages open with %v)", tc.page, h, opens)
			}
		}
		if ink := inked(t, pdftoppm, pdf); ink < 0.005 {
			t.Errorf("%s: the first printed page is %.2f%% ink, all but blank", tc.page, 100*ink)
		}
		t.Logf("%s: %d A4 pages", tc.page, pages)

		over, err := webcheck.Open(br.Ctx, base+tc.page, 360, chromedp.Evaluate[int](
			`document.documentElement.scrollWidth - document.documentElement.clientWidth`))
		if err != nil {
			t.Fatal(err)
		}
		if over > 0 {
			t.Errorf("%s: at 360 px the page is %d px wider than the screen", tc.page, over)
		}
	}
	br.Check(t)
}

// partHeadings lists the headings of the sections of a 通报 page that
// print on sheets of their own (section.part h2), in order.
func partHeadings(page string) []string {
	var out []string
	for rest := page; ; {
		i := strings.Index(rest, `<section class="part"`)
		if i < 0 {
			return out
		}
		rest = rest[i:]
		h := rest[strings.Index(rest, "<h2"):]
		h = h[strings.Index(h, ">")+1 : strings.Index(h, "</h2>")]
		out = append(out, squash(h))
		rest = rest[1:]
	}
}

// squash drops the spaces of s, which pdftotext puts between characters
// of Chinese text as it likes.
func squash(s string) string { return strings.Join(strings.Fields(s), "") }

// inked draws the first page of pdf with poppler's pdftoppm and returns the
// share of its pixels that are not near white.
func inked(t *testing.T, pdftoppm string, pdf []byte) float64 {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "page.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(pdftoppm, "-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile", in, filepath.Join(dir, "page"))
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, stderr.String())
	}
	f, err := os.Open(filepath.Join(dir, "page.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return ink(img)
}

// ink is the share of the pixels of img that are not near white.
func ink(img image.Image) float64 {
	b := img.Bounds()
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r+g+bl < 3*0xe000 {
				n++
			}
		}
	}
	return float64(n) / float64(b.Dx()*b.Dy())
}
