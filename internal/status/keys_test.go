package status

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"io/fs"

	"github.com/yancheng-jyyw/roll/internal/check"
	"github.com/yancheng-jyyw/roll/internal/history"
	"github.com/yancheng-jyyw/roll/internal/site"
	"github.com/yancheng-jyyw/roll/templates"
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
	hp, err := s.heroPages(nil)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := s.pages(site.Key{}, hp, nil)
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

// keyedPages renders every page of the records in dir, none kept from
// an earlier build, and returns each file's bytes and full key (the
// site's inputs with the page's), by path.
func keyedPages(t *testing.T, dir string) (map[string][]byte, map[string]site.Key, bool) {
	t.Helper()
	res, err := check.Run(dir, check.Options{Today: buildDay})
	if err != nil {
		t.Fatal(err)
	}
	if res.Findings.Errors() > 0 {
		return nil, nil, false // an edit the check refuses builds nothing
	}
	s, _, err := Site(Input{Repo: res.Repo, Schemas: res.Schemas, Findings: res.Findings, History: fixedHistory(res)},
		templates.FS, Options{Today: buildDay, Inputs: site.NewInputs("test").Done()})
	if err != nil {
		t.Fatal(err)
	}
	b := (*site.Memory)(nil).Next()
	if _, err := site.Render(b, s, site.Options{}); err != nil {
		t.Fatal(err)
	}
	m := b.Done()
	files, keys := map[string][]byte{}, map[string]site.Key{}
	for _, p := range s.Pages {
		files[p.Path], _ = m.File(p.Path)
		keys[p.Path] = site.NewInputs("full").Key(s.Inputs).Key(p.Inputs).Done()
	}
	return files, keys, true
}

// scalarLine is a line of YAML that sets a scalar: its prefix and value.
var scalarLine = regexp.MustCompile(`^(\s*(?:- )?[a-z_]+: )(.+)$`)

// mutate returns v, the value of key, changed as little as keeps it of
// its type: a date a day earlier, a number one more, a truth value
// flipped, a list of years another year, a word another that the records
// give key (seen), other text with a character more.
func mutate(key, v string, seen map[string][]string) []string {
	var out []string
	for _, w := range seen[key] {
		if w != v {
			out = append(out, w)
		}
	}
	if len(out) > 0 {
		return out
	}
	return []string{mutateScalar(v)}
}

func mutateScalar(v string) string {
	switch {
	case v == "true":
		return "false"
	case v == "false":
		return "true"
	case regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`).MatchString(v):
		d, err := time.Parse(time.DateOnly, v)
		if err != nil {
			return v
		}
		return d.AddDate(0, 0, -1).Format(time.DateOnly)
	case regexp.MustCompile(`^-?\d+$`).MatchString(v):
		n, _ := strconv.Atoi(v)
		return strconv.Itoa(n + 1)
	case strings.HasPrefix(v, "[") || strings.HasPrefix(v, "{"):
		return strings.Replace(v, "20", "19", 1)
	case strings.HasPrefix(v, `"`):
		return `"` + strings.TrimPrefix(v, `"`)[:0] + "1" + strings.TrimPrefix(v, `"`)
	}
	return v + "甲"
}

// TestKeysCoverWhatPagesShow: a page whose bytes change has a key that
// changes. Each scalar of a record of every kind of the sample is edited
// in turn (a date, a number, a flag, a text), and a line is added to a
// narrative; every page of the site is rendered from scratch before and
// after, and each page whose bytes differ must have a new key. An edit
// the check refuses builds nothing and is skipped. This is what holds the
// explicit keys of keys.go to what the pages show.
func TestKeysCoverWhatPagesShow(t *testing.T) {
	dir := sampleRepo(t)
	files := []string{
		"records/heroes/sheyang/H-2019-0002.md", // confirmed, honored, insured, in a group deed
		"records/heroes/tinghu/H-2020-0013.md",  // pending
		"records/heroes/dongtai/H-2018-0002.md", // deceased
		"records/visits/2020/V-2020-0001.yaml",
		"records/stations/sheyang/" + firstFile(t, dir, "records/stations/sheyang"),
		"records/teams/sheyang/" + firstFile(t, dir, "records/teams/sheyang"),
		"records/reports/2020/R-2020-Q2-binhai.yaml",
		"records/events/2020/E-2020-0001.yaml",
		"records/decisions/2020/D-2020-06.yaml",
		"records/nominations/2020/" + firstFile(t, dir, "records/nominations/2020"),
		"records/tasks/2020/01.yaml",
	}
	if testing.Short() {
		files = files[:2]
	}
	// The words each key has in the records, for edits that keep an enum
	// valid.
	seen := map[string][]string{}
	err := filepath.WalkDir(filepath.Join(dir, "records"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".jpg") {
			return err
		}
		b, err := os.ReadFile(p)
		for _, l := range strings.Split(string(b), "\n") {
			if m := scalarLine.FindStringSubmatch(l); m != nil && regexp.MustCompile(`^[a-z_]+$`).MatchString(m[2]) {
				k := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(m[1]), "- "))
				if !slices.Contains(seen[k], m[2]) {
					seen[k] = append(seen[k], m[2])
				}
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, ws := range seen {
		slices.Sort(ws)
	}
	base, baseKeys, ok := keyedPages(t, dir)
	if !ok {
		t.Fatal("the sample does not build")
	}
	tried, built := 0, 0
	for _, file := range files {
		path := filepath.Join(dir, filepath.FromSlash(file))
		orig, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(orig), "\n")
		var edits [][]string // the file after each edit, the first that builds of each line
		for i, l := range lines {
			m := scalarLine.FindStringSubmatch(l)
			if m == nil || strings.HasPrefix(strings.TrimSpace(m[1]), "id:") {
				continue
			}
			key := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(m[1]), "- "))
			var tries []string
			for _, v := range mutate(key, m[2], seen) {
				if v != m[2] {
					edited := slices.Clone(lines)
					edited[i] = m[1] + v
					tries = append(tries, strings.Join(edited, "\n"))
				}
			}
			if len(tries) > 0 {
				edits = append(edits, tries)
			}
		}
		if strings.HasSuffix(file, ".md") {
			edits = append(edits, []string{string(orig) + "\n补记一句。\n"})
		} else if len(edits) > 2 {
			// A YAML record is keyed by its bytes wherever it is shown
			// (only a hero's fields are keyed one by one): its first and
			// last fields will do.
			edits = [][]string{edits[0], edits[len(edits)-1]}
		}
		for _, tries := range edits {
			tried++
			for _, e := range tries {
				if err := os.WriteFile(path, []byte(e), 0o644); err != nil {
					t.Fatal(err)
				}
				after, keys, ok := keyedPages(t, dir)
				if !ok {
					continue
				}
				built++
				for p, b := range after {
					if !bytes.Equal(b, base[p]) && keys[p] == baseKeys[p] {
						t.Errorf("%s edited to\n%s\n%s changed, its key did not", file, diffLine(string(orig), e), p)
					}
				}
				break
			}
		}
		if err := os.WriteFile(path, orig, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if built < tried/2 {
		t.Errorf("only %d of %d edits built: the test edits too little", built, tried)
	}
	t.Logf("%d edits, %d built", tried, built)
}

// diffLine is the first line of b that differs from a.
func diffLine(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range bl {
		if i >= len(al) || al[i] != bl[i] {
			return bl[i]
		}
	}
	return ""
}

func firstFile(t *testing.T, dir, sub string) string {
	t.Helper()
	es, err := os.ReadDir(filepath.Join(dir, filepath.FromSlash(sub)))
	if err != nil || len(es) == 0 {
		t.Fatalf("no file in %s: %v", sub, err)
	}
	return es[0].Name()
}
