package status

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/yancheng-jyyw/roll/internal/history"
	"github.com/yancheng-jyyw/roll/internal/site"
)

// pageKeys builds the page list of the records in dir and returns each
// template page's key, by path.
// commit, when not nil, changes the history first.
func pageKeys(t *testing.T, dir string, commit func(*history.History)) map[string]site.Key {
	t.Helper()
	res := checkRepo(t, dir)
	hist := fixedHistory(res)
	if commit != nil {
		commit(hist)
	}
	s, err := newSite(Input{Repo: res.Repo, Schemas: res.Schemas, Findings: res.Findings, History: hist}, buildDay)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := s.pages()
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]site.Key{}
	for _, p := range pages {
		if p.Template == "" {
			continue
		}
		if p.Inputs == (site.Key{}) {
			t.Errorf("%s: unknown key, rendered on every build", p.Path)
		}
		keys[p.Path] = p.Inputs
	}
	return keys
}

// TestPageKeysFollowWhatTheyShow: a status page is keyed by what it
// shows. An edit to a hero's narrative, which only the hero's record
// shows, changes no other page's key, so heroes.html, the attention lists,
// care, the plan and the 通报 are not rendered again; an edit to a field a
// list shows changes that list's key, and not the key of a list that does
// not show it.
func TestPageKeysFollowWhatTheyShow(t *testing.T) {
	dir := sampleRepo(t)
	for _, tc := range []struct {
		name      string
		file      string
		old, new  string
		commit    func(*history.History) // the history of the rebuild
		changed   []string
		unchanged []string
	}{
		{name: "a narrative", file: "records/heroes/sheyang/H-2019-0002.md",
			old: "五名船员全部获救。", new: "五名船员全部获救，无人受伤。"},
		{name: "an outcome the list shows", file: "records/heroes/sheyang/H-2019-0002.md",
			old: "outcome: injured", new: "outcome: unharmed",
			changed: []string{"heroes.html"}, unchanged: []string{"pending.html", "insurance.html", "stations.html"}},
		{name: "an insurance year", file: "records/heroes/sheyang/H-2019-0002.md",
			old: "insurance: [2020]", new: "insurance: [2019]",
			changed: []string{"insurance.html"}, unchanged: []string{"pending.html", "stations.html"}},
		{name: "a pending deed's summary", file: "records/heroes/tinghu/H-2020-0013.md",
			old: "summary: ", new: "summary: 据报，",
			changed: []string{"pending.html"}, unchanged: []string{"heroes.html", "insurance.html", "stations.html"}},
		// The lists name each record's last change: a commit of a pending
		// hero's record (HEAD as it was) changes them.
		{name: "a commit", commit: func(h *history.History) {
			f := "records/heroes/tinghu/H-2020-0013.md"
			c := history.Commit{Hash: "3333333ccccccccccccccccccccccccccccccccc", Short: "3333333",
				When: h.Head.When.Add(time.Hour), Author: "张敏", Subject: "核对待确认人员"}
			h.Files[f] = append([]history.Commit{c}, h.Files[f]...)
		}, changed: []string{"heroes.html", "pending.html"}, unchanged: []string{"insurance.html", "stations.html"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := pageKeys(t, dir, nil)
			if tc.file != "" {
				file := filepath.Join(dir, tc.file)
				b, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Contains(b, []byte(tc.old)) {
					t.Fatalf("%s does not contain %q", tc.file, tc.old)
				}
				if err := os.WriteFile(file, bytes.Replace(b, []byte(tc.old), []byte(tc.new), 1), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			after := pageKeys(t, dir, tc.commit)
			var moved []string
			for p, k := range after {
				if before[p] != k {
					moved = append(moved, p)
				}
			}
			slices.Sort(moved)
			if tc.changed == nil && tc.commit == nil {
				// Only the hero's own record shows the narrative.
				for _, p := range moved {
					if !strings.HasPrefix(p, "heroes/") {
						t.Errorf("%s: key changed; only the hero's record shows a narrative", p)
					}
				}
				if len(moved) != 1 {
					t.Errorf("keys changed: %q, want the hero's record's page alone", moved)
				}
			}
			for _, p := range tc.changed {
				if _, ok := after[p]; !ok {
					t.Fatalf("no page %s", p)
				}
				if !slices.Contains(moved, p) {
					t.Errorf("%s shows the field, its key did not change (changed: %q)", p, moved)
				}
			}
			for _, p := range tc.unchanged {
				if slices.Contains(moved, p) {
					t.Errorf("%s does not show the field, its key changed", p)
				}
			}
		})
	}
}

// TestDataKeyFallsBack: data the walk cannot key (an unexported field a
// method could read, a function) keys the page by every record; the same
// data gives the same key, different data another.
func TestDataKeyFallsBack(t *testing.T) {
	all := site.NewInputs("everything").String("x").Done()
	type hidden struct{ n int }
	type shown struct {
		N    int
		M    map[string][]*int
		When time.Time
	}
	one := 1
	for _, tc := range []struct {
		name string
		data any
		all  bool
	}{
		{"unexported field", &hidden{1}, true},
		{"function", func() {}, true},
		{"a field in an interface", []any{hidden{1}}, true},
		{"exported fields", &shown{N: 1, M: map[string][]*int{"a": {&one, nil}}}, false},
	} {
		got := dataKey(all, site.Frame{}, tc.data)
		if (got == all) != tc.all {
			t.Errorf("%s: keyed by every record %v, want %v", tc.name, got == all, tc.all)
		}
	}
	a := dataKey(all, site.Frame{}, shown{N: 1})
	if a != dataKey(all, site.Frame{}, shown{N: 1}) || a == dataKey(all, site.Frame{}, shown{N: 2}) ||
		a == dataKey(all, site.Frame{}, shown{N: 1, When: buildDay}) || a == dataKey(all, site.Frame{Title: "t"}, shown{N: 1}) {
		t.Error("the key does not follow the data and the title")
	}
}
