package webcheck

import (
	"context"
	"fmt"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Stop is one interactive element of a page, as the keyboard finds it.
type Stop struct {
	Index   int    `json:"index"`   // in document order among the interactive elements
	Element string `json:"element"` // tag, id, classes and text, to name it in a failure
	Reached bool   `json:"reached"` // Tab focused it
	Visible bool   `json:"visible"` // its look changed when it had the focus
}

func (s Stop) String() string { return fmt.Sprintf("#%d %s", s.Index, s.Element) }

// TabThrough presses Tab on the open page, from the top (not from a field
// that took the focus by itself, autofocus), once more than it
// has interactive elements (links, buttons, form fields, summaries and
// anything with a tabindex of 0 or more that is rendered), and returns each
// element: whether Tab reached it, and whether the focus showed, as a
// change in the outline, shadow, colours, border or underline of the
// element or of one of its two nearest ancestors (a card that lights up
// when its link has the focus). An element inside a closed <details> is
// not counted: it is not rendered.
func TabThrough() chromedp.Action[[]Stop] {
	return func(ctx context.Context, t *chromedp.Target) ([]Stop, error) {
		n, err := chromedp.Evaluate[int](tabSetup)(ctx, t)
		if err != nil {
			return nil, err
		}
		for range n + 1 {
			if _, err := chromedp.KeyEvent(kb.Tab)(ctx, t); err != nil {
				return nil, err
			}
		}
		return chromedp.Evaluate[[]Stop](`window.__stops.map(s => ({index: s.index, element: s.element, reached: s.reached, visible: s.visible}))`)(ctx, t)
	}
}

// tabSetup numbers the interactive elements, notes how each looks at rest,
// and records, on each focus, which element has it and how it looks then.
const tabSetup = `(() => {
	const sel = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, iframe, [tabindex]';
	const one = el => {
		const s = getComputedStyle(el);
		return [s.outlineStyle === 'none' ? 'none' : s.outlineStyle + s.outlineWidth + s.outlineColor,
			s.boxShadow, s.backgroundColor, s.color, s.borderColor, s.textDecorationLine].join('|');
	};
	const look = el => [el, el.parentElement, el.parentElement && el.parentElement.parentElement]
		.map(e => e ? one(e) : '').join('/');
	const els = Array.from(document.querySelectorAll(sel)).filter(el =>
		!el.disabled && el.tabIndex >= 0 && !el.closest('[inert]') &&
		el.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true}));
	// Start from the top: focus a mark before everything (not in the Tab
	// order itself), so that an autofocused field is not where Tab starts.
	// Before the looks at rest are noted: an autofocused field at rest
	// would look as it does with the focus, and never show a change.
	const start = document.createElement('span');
	start.tabIndex = -1;
	document.body.prepend(start);
	start.focus();
	window.scrollTo(0, 0);
	window.__stops = els.map((el, i) => {
		el.dataset.webcheckStop = i;
		const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
			(typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '');
		const txt = (el.textContent || el.value || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 40);
		return {index: i, element: name + (txt ? ' "' + txt + '"' : ''), reached: false, visible: false, rest: look(el)};
	});
	document.addEventListener('focusin', ev => {
		const el = ev.target;
		if (!el.dataset || el.dataset.webcheckStop === undefined) return;
		const s = window.__stops[+el.dataset.webcheckStop];
		s.reached = true;
		if (look(el) !== s.rest) s.visible = true;
	});
	return els.length;
})()`
