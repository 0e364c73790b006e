package paging

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// item is "year:surname", as the roll lists heroes.
type item string

func (i item) year() int {
	var y int
	fmt.Sscanf(string(i), "%d:", &y)
	return y
}

func (i item) surname() string {
	_, s, _ := strings.Cut(string(i), ":")
	return string([]rune(s)[:1])
}

func items(s string) []item {
	var out []item
	for f := range strings.FieldsSeq(s) {
		out = append(out, item(f))
	}
	return out
}

// show writes pages as "group/part of parts: items | …".
func show(pages []Page[item]) string {
	var parts []string
	for _, p := range pages {
		var names []string
		for _, it := range p.Items {
			names = append(names, strings.SplitN(string(it), ":", 2)[1])
		}
		parts = append(parts, fmt.Sprintf("%d/%d of %d: %s", p.Group, p.Part, p.Parts, strings.Join(names, " ")))
	}
	return strings.Join(parts, " | ")
}

func TestSplit(t *testing.T) {
	byRun := Options[item]{Max: 3, Group: item.year, Run: item.surname}
	byCount := Options[item]{Max: 3, Group: item.year}
	for _, tc := range []struct {
		name string
		in   string
		opts Options[item]
		want string
	}{
		{"empty", "", byRun, ""},
		{"one page", "2020:王1 2020:王2", byRun, "2020/1 of 1: 王1 王2"},
		{"a page per year", "2021:丁1 2020:王1 2020:张1", byRun,
			"2021/1 of 1: 丁1 | 2020/1 of 1: 王1 张1"},
		{"runs kept whole", "2020:丁1 2020:王1 2020:王2 2020:王3 2020:张1", byRun,
			"2020/1 of 3: 丁1 | 2020/2 of 3: 王1 王2 王3 | 2020/3 of 3: 张1"},
		{"runs packed", "2020:丁1 2020:马1 2020:王1 2020:王2 2020:张1 2020:陈1", byRun,
			"2020/1 of 3: 丁1 马1 | 2020/2 of 3: 王1 王2 张1 | 2020/3 of 3: 陈1"},
		{"a run longer than a page", "2020:丁1 2020:王1 2020:王2 2020:王3 2020:王4 2020:王5 2020:张1", byRun,
			"2020/1 of 3: 丁1 | 2020/2 of 3: 王1 王2 王3 | 2020/3 of 3: 王4 王5 张1"},
		{"the rest of a long run takes company", "2020:王1 2020:王2 2020:王3 2020:王4 2020:张1 2020:陈1", byRun,
			"2020/1 of 2: 王1 王2 王3 | 2020/2 of 2: 王4 张1 陈1"},
		{"by count", "2020:丁1 2020:王1 2020:王2 2020:王3 2020:张1 2019:李1", byCount,
			"2020/1 of 2: 丁1 王1 王2 | 2020/2 of 2: 王3 张1 | 2019/1 of 1: 李1"},
	} {
		if got := show(Split(items(tc.in), tc.opts)); got != tc.want {
			t.Errorf("%s: Split(%q) = %q, want %q", tc.name, tc.in, got, tc.want)
		}
	}
}

// TestSplitLocal: an item added to one group changes the pages of that
// group only, and the pages read in order are the list.
func TestSplitLocal(t *testing.T) {
	var list []item
	for y := 2020; y >= 2016; y-- {
		for _, s := range "丁马王王王王张陈陈周" {
			list = append(list, item(fmt.Sprintf("%d:%c%d", y, s, len(list))))
		}
	}
	opts := Options[item]{Max: 4, Group: item.year, Run: item.surname}
	before := Split(list, opts)
	grown := slices.Insert(slices.Clone(list), 23, item("2018:王x"))
	after := Split(grown, opts)
	var flat []item
	for _, p := range after {
		flat = append(flat, p.Items...)
		if len(p.Items) > opts.Max || len(p.Items) == 0 {
			t.Errorf("page %d/%d holds %d items", p.Group, p.Part, len(p.Items))
		}
	}
	if !slices.Equal(flat, grown) {
		t.Errorf("the pages in order are not the list")
	}
	pages := func(ps []Page[item], y int) string {
		var in []Page[item]
		for _, p := range ps {
			if p.Group == y {
				in = append(in, p)
			}
		}
		return show(in)
	}
	for y := 2020; y >= 2016; y-- {
		if same := pages(before, y) == pages(after, y); same != (y != 2018) {
			t.Errorf("year %d: pages unchanged = %v after adding to 2018", y, same)
		}
	}
}
