package schema

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/yancheng-jyyw/roll/schemas"
)

// The vocabulary test (issue 14: one vocabulary; issue 12: one source of
// wording). The words for the values of kinds, outcomes and statuses live
// in the schemas' x-enum-titles; the public site, the internal site and
// the guide read them there. Where a template, the Go code of roll or the
// guide ties a word to one of those values by hand, the word must be the
// schema's: TestVocabulary finds each such place and fails on a word that
// differs, naming the file and the line.

// labelled are the enums whose words the sites and the guide show: those
// of properties named so, in every schema.
var labelled = []string{"kind", "outcome", "status"}

// vocabulary maps each value of a labelled enum to its titles: a value
// can be in several enums (rescue is a kind of deed and a kind of team),
// each with its word.
func vocabulary(t *testing.T) map[string][]string {
	t.Helper()
	names, err := fs.Glob(schemas.FS, "*.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	words := map[string][]string{}
	var walk func(prop string, v any)
	walk = func(prop string, v any) {
		switch v := v.(type) {
		case map[string]any:
			if titles, ok := v["x-enum-titles"].(map[string]any); ok && slices.Contains(labelled, prop) {
				for value, title := range titles {
					if s, ok := title.(string); ok && !slices.Contains(words[value], s) {
						words[value] = append(words[value], s)
					}
				}
			}
			for k, x := range v {
				if k == "properties" {
					if ps, ok := x.(map[string]any); ok {
						for name, p := range ps {
							walk(name, p)
						}
						continue
					}
				}
				walk(prop, x)
			}
		case []any:
			for _, x := range v {
				walk(prop, x)
			}
		}
	}
	for _, name := range names {
		// The kinds of jurisdiction (city 市本级) share their codes with
		// the jurisdictions themselves (city 盐城市), which the guide
		// lists by name.
		if name == Jurisdictions.File() {
			continue
		}
		b, err := fs.ReadFile(schemas.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		walk("", v)
	}
	return words
}

// A place that ties a word to a value by hand, in each kind of file. Each
// pattern captures the value and the word.
var (
	// {{if eq .Outcome "injured"}}负伤{{end}}, {{else if eq … "rescue"}}救人
	templateLabel = regexp.MustCompile(`\{\{-?\s*(?:else\s+)?if\s+eq\s+[^}]*?"([a-z_]+)"\s*-?\}\}([^{]*)`)
	// "injured": "负伤", in a table of words; case "injured": return "负伤",
	// or a word the case appends or assigns: r = append(r, "负伤")
	goLabel = regexp.MustCompile(`"([a-z_]+)":\s*(?:return\s+)?[^"\n]*?"([^"]*\p{Han}[^"]*)"`)
	// `in_progress`（推进中）, and the value followed by its word in a list
	// of them: unharmed 未受伤，injured 受伤
	guideLabel = regexp.MustCompile("`([a-z_]+)`[（(]([^）)]+)[）)]|[：，、]\\s*([a-z_]+) (\\p{Han}+)")
	tag        = regexp.MustCompile(`<[^>]*>`)

	// A word set under a flag named for a value: {{if .Withdrawn}}（已撤回，
	// 不计入）, if e.Withdrawn { state = "已撤回，不计入" }, case withdrawn:
	// return "已撤回，不公示". The word is a phrase: it must hold the
	// schema's word.
	// Only the text right under the flag, in at most an inline tag: a
	// table under {{if .Pending}} is no word for pending.
	templateFlag = regexp.MustCompile(`\{\{-?\s*(?:else\s+)?if\s+\.([A-Z]\w*)\s*-?\}\}\s*(?:<(?:strong|b|em|span|small)\b[^>]*>)?([^{<]*)`)
	goFlag       = regexp.MustCompile(`(?:if\s+[\w.]*\.([A-Z]\w*)(?:\(\))?\s*\{|case\s+([a-z]\w*):)\s*(?:return\s+)?[^"\n]*?"([^"]*\p{Han}[^"]*)"`)
	camel        = regexp.MustCompile(`[A-Z]`)
)

// flags finds the words set under a flag named for a value in src by re:
// the flag (Withdrawn, withdrawn) made a value (withdrawn).
func flags(file, src string, re *regexp.Regexp) []handWord {
	var out []handWord
	for _, l := range labels(file, src, re) {
		l.value = strings.TrimPrefix(camel.ReplaceAllStringFunc(l.value, func(c string) string { return "_" + strings.ToLower(c) }), "_")
		l.phrase = true
		out = append(out, l)
	}
	return out
}

// handWord is a word tied to a value at a place.
type handWord struct {
	file  string
	line  int
	value string
	word  string
	// phrase: the word is a phrase that must hold one of the schema's
	// words, not be one
	phrase bool
}

// labels finds the words tied to values in src by re, whose first two
// non-empty groups are the value and the word.
func labels(file, src string, re *regexp.Regexp) []handWord {
	var out []handWord
	for _, m := range re.FindAllStringSubmatchIndex(src, -1) {
		var groups []string
		for i := 2; i+1 < len(m); i += 2 {
			if m[i] >= 0 {
				groups = append(groups, src[m[i]:m[i+1]])
			}
		}
		if len(groups) < 2 {
			continue
		}
		// A word joined to the schema's (status.Zh() + "，不公示") is
		// the schema's.
		if strings.Contains(src[m[0]:m[1]], ".Zh()") {
			continue
		}
		// A word is Chinese; an attribute set under the condition
		// (aria-current="page") is none.
		word := strings.TrimSpace(tag.ReplaceAllString(groups[1], ""))
		if !strings.ContainsFunc(word, isHan) {
			continue
		}
		out = append(out, handWord{file: file, line: strings.Count(src[:m[0]], "\n") + 1, value: groups[0], word: word})
	}
	return out
}

// differing returns the labels whose value has words in the schemas and
// whose word is none of them.
func differing(words map[string][]string, ls []handWord) []handWord {
	var out []handWord
	for _, l := range ls {
		ws, ok := words[l.value]
		if !ok {
			continue
		}
		if l.phrase && !slices.ContainsFunc(ws, func(w string) bool { return strings.Contains(l.word, w) }) ||
			!l.phrase && !slices.Contains(ws, l.word) {
			out = append(out, l)
		}
	}
	return out
}

func TestVocabulary(t *testing.T) {
	words := vocabulary(t)
	for _, v := range []string{"rescue", "deceased", "confirmed", "in_progress", "withdrawn"} {
		if len(words[v]) == 0 {
			t.Fatalf("the schemas give no word for %s", v)
		}
	}
	root := filepath.Join("..", "..")
	var ls []handWord
	for _, dir := range []struct {
		path string
		ext  string
		re   *regexp.Regexp
		flag *regexp.Regexp
	}{
		{"templates", ".html", templateLabel, templateFlag},
		{"internal", ".go", goLabel, goFlag},
		{"cmd", ".go", goLabel, goFlag},
		{"docs", ".md", guideLabel, nil},
		{"README.md", ".md", guideLabel, nil},
	} {
		err := filepath.WalkDir(filepath.Join(root, dir.path), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, dir.ext) || strings.HasSuffix(p, "_test.go") || strings.Contains(p, "testdata") {
				return err
			}
			// synth invents records: its tables tie values to names of
			// teams and texts of visits, not to words for the values.
			if strings.Contains(filepath.ToSlash(p), "internal/synth/") {
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			ls = append(ls, labels(filepath.ToSlash(rel), string(b), dir.re)...)
			if dir.flag != nil {
				ls = append(ls, flags(filepath.ToSlash(rel), string(b), dir.flag)...)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	checked := 0
	for _, l := range ls {
		if _, ok := words[l.value]; ok {
			checked++
		}
	}
	// The guide names the statuses of tasks and the outcomes with their
	// words: if none is found, the patterns no longer see the guide.
	if checked < 10 {
		t.Errorf("found %d words tied to values, want the guide's at least", checked)
	}
	t.Logf("%d words tied by hand to values of kinds, outcomes and statuses", checked)
	for _, l := range differing(words, ls) {
		t.Errorf("%s:%d: %s is called %q; the schemas call it %q (use the schema's word, .Zh in a template)", l.file, l.line, l.value, l.word, strings.Join(words[l.value], "” or “"))
	}
}

// TestVocabularyFindsLabels: each pattern finds a word tied by hand to a
// value, so that TestVocabulary can fail.
func TestVocabularyFindsLabels(t *testing.T) {
	words := map[string][]string{"injured": {"受伤"}, "rescue": {"抢险救人", "救援队"}, "in_progress": {"推进中"}}
	for _, tc := range []struct {
		src  string
		re   *regexp.Regexp
		want []string // value=word of each differing handWord
	}{
		{`<dd>{{if eq .Outcome "injured"}}<b>负伤</b>{{else if eq .Kind "rescue"}}救人{{end}}</dd>`, templateLabel, []string{"injured=负伤", "rescue=救人"}},
		{`{{if eq .Outcome "injured"}}受伤{{end}}{{if eq .Kind "rescue"}}{{.Kind.Zh}}{{end}}<a{{if eq .S "injured"}} aria-current="page"{{end}}>`, templateLabel, nil},
		{`var outcomeLabels = map[string]string{"injured": "负伤", "rescue": "抢险救人", "x": "y"}`, goLabel, []string{"injured=负伤"}},
		{"case \"rescue\":\n\treturn \"见义勇为\"", goLabel, []string{"rescue=见义勇为"}},
		{"case \"injured\":\n\t\tr = append(r, \"负伤\")\ncase \"rescue\":\n\t\tw = \"抢险救人\"", goLabel, []string{"injured=负伤"}},
		{"只能是 `in_progress`（进行中）、`rescue`（救援队）之一。", guideLabel, []string{"in_progress=进行中"}},
		{"只能填以下英文值之一：injured 负伤，rescue 抢险救人。", guideLabel, []string{"injured=负伤"}},
		{"status 为 in_progress 时必须填写。", guideLabel, nil},
		{`<td>{{if .InProgress}}（进行中，未完）{{end}}{{if .Injured}}受伤者{{end}}</td>`, templateFlag, []string{"in_progress=（进行中，未完）"}},
		{"if e.InProgress {\n\tstate = e.Status.Zh() + \"，未完\"\n}", goFlag, nil},
		{`{{if .InProgress}}<table><tr><th>未完成</th></tr></table>{{end}}`, templateFlag, nil},
		{"if e.InProgress {\n\tstate = \"进行中\"\n}\nswitch {\ncase injured:\n\treturn \"受伤，住院\"\ncase rescue:\n\treturn \"救人\"", goFlag, []string{"in_progress=进行中", "rescue=救人"}},
	} {
		var got []string
		found := labels("x", tc.src, tc.re)
		if tc.re == templateFlag || tc.re == goFlag {
			found = flags("x", tc.src, tc.re)
		}
		for _, l := range differing(words, found) {
			got = append(got, l.value+"="+l.word)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("differing labels of %q = %q, want %q", tc.src, got, tc.want)
		}
	}
}
