package webcheck

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"regexp"
	"strconv"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// A4Margin is the margin PrintA4 prints with, in inches (1 cm).
const A4Margin = 0.3937

// PrintA4 prints the open page to PDF on A4 paper, portrait, with
// A4Margin, as a person printing it from the browser would.
func PrintA4() chromedp.Action[[]byte] {
	return chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFMargin(A4Margin))
}

// Clipped lists the elements of the open page that do not fit the width of
// an A4 sheet when printed: wider than the printable width, or whose
// content overflows them (a table cut off at the right edge). It emulates
// print media at that width and restores the screen afterwards.
func Clipped() chromedp.Action[[]string] {
	return func(ctx context.Context, t *chromedp.Target) ([]string, error) {
		width := int64((chromedp.PaperA4.Width - 2*A4Margin) * 96)
		if _, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			return nil, err
		}
		defer cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""})
		if _, err := chromedp.EmulateViewport(width, 1100)(ctx, t); err != nil {
			return nil, err
		}
		return chromedp.Evaluate[[]string](`(() => {
			const w = document.documentElement.clientWidth, out = [];
			for (const el of document.querySelectorAll('body *')) {
				if (el.getClientRects().length === 0) continue;
				const r = el.getBoundingClientRect();
				const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
					(typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '');
				if (r.right > w + 1 && r.width > 0) out.push(name + ': right edge ' + Math.round(r.right) + ' px of ' + w);
				else if (/^(table|pre|figure|svg|div|section)$/.test(el.tagName.toLowerCase()) &&
					el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
					out.push(name + ': content ' + el.scrollWidth + ' px wide in ' + el.clientWidth);
			}
			return out;
		})()`)(ctx, t)
	}
}

// PDFPages counts the pages of a PDF with poppler's pdfinfo.
func PDFPages(pdf []byte) (int, error) {
	cmd := exec.Command("pdfinfo", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		return 0, fmt.Errorf("pdfinfo: %w", err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("pdfinfo gave no page count:\n%s", out)
	}
	return strconv.Atoi(string(m[1]))
}

// PDFText is the text of the pages first to last of a PDF (0 for the
// first or last page), by poppler's pdftotext (see FindPDFToText), in the
// order the page drew it, so that a heading with a smaller part
// (工作总览 <small>2020年</small>) stays on one line.
func PDFText(pdftotext string, pdf []byte, first, last int) (string, error) {
	args := []string{"-raw", "-enc", "UTF-8"}
	if first > 0 {
		args = append(args, "-f", strconv.Itoa(first))
	}
	if last > 0 {
		args = append(args, "-l", strconv.Itoa(last))
	}
	cmd := exec.Command(pdftotext, append(args, "-", "-")...)
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("pdftotext: %w", err)
	}
	return string(out), nil
}

// Overflowing lists what makes the open page wider than its viewport, so
// that a reader scrolls it sideways: nothing when it fits. Each entry is
// the outermost element that reaches past the right edge (a table not in a
// frame of its own, a long word), with its right edge.
func Overflowing() chromedp.Action[[]string] {
	return chromedp.Evaluate[[]string](`(() => {
		const w = document.documentElement.clientWidth, out = [];
		if (document.documentElement.scrollWidth <= w) return out;
		const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
			(typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '');
		for (const el of document.querySelectorAll('body *')) {
			if (el.getClientRects().length === 0) continue;
			const r = el.getBoundingClientRect();
			if (r.right <= w + 1) continue;
			// Only the outermost: an element inside one already listed, or
			// inside a frame that scrolls, is not listed.
			let p = el.parentElement, inner = false;
			for (; p && p !== document.body; p = p.parentElement) {
				if (getComputedStyle(p).overflowX !== 'visible' || p.getBoundingClientRect().right > w + 1) { inner = true; break; }
			}
			if (!inner) out.push(name(el) + ': right edge ' + Math.round(r.right) + ' px of ' + w);
		}
		if (out.length === 0) out.push('html: ' + document.documentElement.scrollWidth + ' px wide in ' + w);
		return out;
	})()`)
}
