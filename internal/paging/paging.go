// Package paging splits a long list of a site into pages that stay put
// as the list grows: a page holds one group of the list (the heroes of one
// year) or a part of one, never two groups, so a page's place and name
// depend only on its own group. An item added to a list moves items only
// within its group: the pages of the other groups keep their bytes, and a
// rebuild after one edit renders the few pages of one year.
//
// Within a group, a page breaks between runs (the heroes of one surname)
// where it can: runs are packed in order while they fit, and a run longer
// than a page is cut into pages of their own. The order of the list is
// kept across its pages: the pages of a group, read in order, are the
// group.
package paging

// Options say how a list is split.
type Options[T any] struct {
	// Max is how many items a page holds at most; at least 1.
	Max int
	// Group is the group of an item. A list gives its items grouped: the
	// items of one group next to each other.
	Group func(T) int
	// Run is the run of an item within its group (a surname); nil for
	// none, when a page breaks after every Max items.
	Run func(T) string
}

// Page is one page of a split list.
type Page[T any] struct {
	Group int
	Part  int // 1, 2, … within the group
	Parts int // the pages of the group
	Items []T
}

// Split splits items, in the order given, into pages.
func Split[T any](items []T, opts Options[T]) []Page[T] {
	max := max(opts.Max, 1)
	var pages []Page[T]
	for start := 0; start < len(items); {
		g := opts.Group(items[start])
		end := start + 1
		for end < len(items) && opts.Group(items[end]) == g {
			end++
		}
		first := len(pages)
		for _, part := range pack(items[start:end], max, opts.Run) {
			pages = append(pages, Page[T]{Group: g, Part: len(pages) - first + 1, Items: part})
		}
		for i := first; i < len(pages); i++ {
			pages[i].Parts = len(pages) - first
		}
		start = end
	}
	return pages
}

// pack cuts the items of one group into pages: whole runs while they fit,
// a run longer than a page into pages of its own.
func pack[T any](items []T, max int, run func(T) string) [][]T {
	if run == nil {
		var out [][]T
		for len(items) > max {
			out = append(out, items[:max:max])
			items = items[max:]
		}
		return append(out, items)
	}
	var out [][]T
	var cur []T
	for start := 0; start < len(items); {
		r := run(items[start])
		end := start + 1
		for end < len(items) && run(items[end]) == r {
			end++
		}
		seg := items[start:end]
		if len(cur) > 0 && len(cur)+len(seg) > max {
			out, cur = append(out, cur), nil
		}
		for len(seg) > max {
			out = append(out, seg[:max:max])
			seg = seg[max:]
		}
		if len(cur) == 0 {
			cur = seg[:len(seg):len(seg)]
		} else {
			cur = items[start-len(cur) : end : end]
		}
		start = end
	}
	return append(out, cur)
}
