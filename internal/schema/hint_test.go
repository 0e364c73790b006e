package schema

import (
	"encoding/json"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/l10n"
	"github.com/yancheng-jyyw/roll/schemas"
)

// regexpSyntax matches what only a regular expression writes: anchors,
// escapes like \d, counted repetition, character classes with ranges.
// A clerk cannot read these, so no message may hold them.
var regexpSyntax = regexp.MustCompile(`\^|\$|\\[dswDSWpPux]|\{\d+(,\d*)?\}|\(\?|\[\^|\[[^\]]*[a-z0-9]-[a-z0-9][^\]]*\]\{|\\\\`)

// TestPatternsHaveHints checks that every property constrained by a
// pattern says in words how its values are written, in Chinese ("x-hint",
// read after "写法不对：" and "还没有填写：", so it begins 应) and in English
// ("x-hint-en"), and that the words hold no pattern.
func TestPatternsHaveHints(t *testing.T) {
	n := 0
	for _, k := range Kinds() {
		data, err := fs.ReadFile(schemas.FS, k.File())
		if err != nil {
			t.Fatal(err)
		}
		var doc any
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		var walk func(v any, at string)
		walk = func(v any, at string) {
			switch v := v.(type) {
			case map[string]any:
				zh, hasZh := v["x-hint"].(string)
				en, hasEn := v["x-hint-en"].(string)
				if _, ok := v["pattern"]; ok && !strings.HasSuffix(at, "/not") { // a not's is its parent's
					n++
					if !hasZh || !hasEn {
						t.Errorf("%s%s: a pattern without x-hint and x-hint-en: a clerk would read the pattern", k.File(), at)
					}
				}
				if hasZh != hasEn {
					t.Errorf("%s%s: x-hint and x-hint-en go together", k.File(), at)
				}
				if hasZh && (!strings.HasPrefix(zh, "应") || !strings.ContainsFunc(zh, isHan)) {
					t.Errorf("%s%s: x-hint %q should say in Chinese what to write, beginning with 应", k.File(), at, zh)
				}
				if hasEn && strings.ContainsFunc(en, isHan) && !strings.Contains(en, "·") {
					t.Errorf("%s%s: x-hint-en %q is not English", k.File(), at, en)
				}
				for _, h := range []string{zh, en} {
					if regexpSyntax.MatchString(h) {
						t.Errorf("%s%s: the hint %q holds regular-expression syntax", k.File(), at, h)
					}
				}
				for _, key := range slices.Sorted(maps.Keys(v)) {
					walk(v[key], at+"/"+key)
				}
			case []any:
				for i, x := range v {
					walk(x, at+"/"+strconv.Itoa(i))
				}
			}
		}
		walk(doc, "")
	}
	if n < 30 {
		t.Errorf("found %d patterns in the schemas; the walk is broken", n)
	}
}

// wrongValues are the values a clerk writes by mistake: text where a code
// goes, nothing, a word for yes, a number, a loose date, an id cut short.
var wrongValues = []string{`"射阳 县"`, `""`, `null`, `"是"`, `3.5`, `true`, `"2020-11-2"`, `[]`, `{}`, `"H-2020-18"`, `"Sheyang"`}

// TestNoRegexpInMessages puts each wrong value in place of every value of
// a valid record of every kind and checks that no message, in Chinese or
// English, shows regular-expression syntax or the names of JSON types, and
// that every Chinese message is Chinese.
func TestNoRegexpInMessages(t *testing.T) {
	s := set(t)
	zh, en := l10n.Printer(l10n.Chinese), l10n.Printer(l10n.English)
	jsonTypes := regexp.MustCompile(`\b(string|integer|boolean|null|object|array)\b|字符串|是非值|空值`)
	seen := 0
	for _, k := range Kinds() {
		for _, path := range leafPaths(decode(t, validRecords[k]), "") {
			for _, bad := range wrongValues {
				doc := edit(t, validRecords[k], path, bad)
				for _, v := range s.Validate(k, decode(t, doc)) {
					seen++
					z, e := v.Msg.Localize(zh), v.Msg.Localize(en)
					for _, m := range []string{z, e} {
						if regexpSyntax.MatchString(m) {
							t.Errorf("%s %s = %s: message %q shows a regular expression", k, path, bad, m)
						}
						if jsonTypes.MatchString(stripQuoted(m)) {
							t.Errorf("%s %s = %s: message %q names a JSON type", k, path, bad, m)
						}
					}
					if !strings.ContainsFunc(stripQuoted(z), isHan) {
						t.Errorf("%s %s = %s: Chinese message %q has no Chinese", k, path, bad, z)
					}
				}
			}
		}
	}
	if seen < 500 {
		t.Errorf("only %d violations seen; the walk is broken", seen)
	}
}

// stripQuoted removes the values quoted in a message and its path.
func stripQuoted(m string) string {
	return quoted.ReplaceAllString(label.ReplaceAllString(m, ""), "")
}

// leafPaths lists the slash paths of the values of v that edit can set:
// the properties of objects, at every depth.
func leafPaths(v any, at string) []string {
	var out []string
	switch v := v.(type) {
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(v)) {
			p := k
			if at != "" {
				p = at + "/" + k
			}
			out = append(out, p)
			out = append(out, leafPaths(v[k], p)...)
		}
	case []any:
		for i, x := range v {
			p := strconv.Itoa(i)
			if at != "" {
				p = at + "/" + p
			}
			out = append(out, leafPaths(x, p)...)
		}
	}
	return out
}

// TestMissingGoesAbove: a missing property is placed above the property
// that follows it in the schema's order, and a property written under a
// near name (Gender) is one finding, not a missing and an extra one.
func TestMissingGoesAbove(t *testing.T) {
	s := set(t)
	vs := s.Validate(Hero, decode(t, edit(t, validHero, "outcome", "")))
	if len(vs) != 1 || vs[0].Key != "outcome" || vs[0].Before != "disability_grade" {
		t.Errorf("hero without outcome: %+v, want one missing outcome before disability_grade", vs)
	}
	vs = s.Validate(Hero, decode(t, edit(t, edit(t, validHero, "deed/date", ""), "deed/place", "")))
	if len(vs) != 2 || vs[0].Before != "kind" || vs[1].Before != "kind" {
		t.Errorf("deed without date and place: %+v, want both before kind", vs)
	}
	vs = s.Validate(Site, decode(t, edit(t, validRecords[Site], "year", "")))
	if len(vs) != 1 || vs[0].Before != "" {
		t.Errorf("site without its last property: %+v, want no Before", vs)
	}
	vs = s.Validate(Hero, decode(t, edit(t, edit(t, validHero, "gender", ""), "Gender", `"male"`)))
	if len(vs) != 1 || vs[0].Key != "Gender" || vs[0].Missing {
		t.Errorf("hero with Gender for gender: %+v, want one finding, the extra Gender", vs)
	}
}
