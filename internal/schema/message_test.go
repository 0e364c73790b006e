package schema

import (
	"math/big"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"

	"github.com/yancheng-jyyw/roll/internal/l10n"
)

func TestMessages(t *testing.T) {
	tests := []struct {
		kind     Kind
		doc      string
		zh, en   string
		position int // which violation
	}{
		{Hero, edit(t, validHero, "deed/date", `"2019-02-30"`),
			"deed.date（事迹日期）: '2019-02-30' 不是有效的日期：没有这一天",
			"deed.date: '2019-02-30' is not valid date: there is no such day", 0},
		{Hero, edit(t, validHero, "private/id_number", `"110105194912310021"`),
			"private.id_number（身份证号码）: '110105194912310021' 不是有效的居民身份证号码：末位校验码不对",
			"private.id_number: '110105194912310021' is not valid cn-resident-id: its check digit is wrong", 0},
		{Hero, edit(t, validHero, "deed/date", ""),
			"deed（见义勇为事迹）: 缺少属性 'date'（事迹日期）",
			"deed: missing property 'date'", 0},
		{Hero, edit(t, validHero, "name", ""),
			"缺少属性 'name'（姓名）",
			"missing property 'name'", 0},
		{Hero, edit(t, validHero, "honors/0/extra", `1`),
			"honors[0]（荣誉）: 不允许的属性 'extra'",
			"honors[0]: additional properties 'extra' not allowed", 0},
		{Hero, edit(t, validHero, "birth_year", `"1949"`),
			"birth_year（出生年份）: 类型是字符串，应为整数",
			"birth_year: got string, want integer", 0},
		{Hero, edit(t, validHero, "birth_year", `1899`),
			"birth_year（出生年份）: 太小：是 1899，不得小于 1900",
			"birth_year: minimum: got 1899, want 1900", 0},
		{Hero, edit(t, validHero, "gender", `"m"`),
			"gender（性别）: 值必须是 'male', 'female' 之一",
			"gender: value must be one of 'male', 'female'", 0},
		{Hero, edit(t, validHero, "deed/summary", `"`+strings.Repeat("救", 61)+`"`),
			"deed.summary（事迹概述）: 太长：有 61 个字，至多允许 60 个",
			"deed.summary: maxLength: got 61, want 60", 0},
		{Task, edit(t, validRecords[Task], "progress/Sheyang", `"done"`),
			"progress（各辖区进展）: 无效的属性名 'Sheyang'",
			"progress: invalid propertyName 'Sheyang'", 0},
		{Visit, edit(t, validRecords[Visit], "date", `"2020/01/20"`),
			"date（活动日期）: '2020/01/20' 不是有效的日期：应写作“年-月-日”，如 2020-03-14",
			"date: '2020/01/20' is not valid date: not written as year-month-day, like 2020-03-14", 0},
	}
	s := set(t)
	zh, en := l10n.Printer(l10n.Chinese), l10n.Printer(l10n.English)
	for _, tt := range tests {
		vs := s.Validate(tt.kind, decode(t, tt.doc))
		if len(vs) <= tt.position {
			t.Errorf("Validate(%s, %s) = %d violations, want more than %d", tt.kind, tt.doc, len(vs), tt.position)
			continue
		}
		m := vs[tt.position].Msg
		if got := m.Localize(zh); got != tt.zh {
			t.Errorf("Localize(zh) = %q, want %q", got, tt.zh)
		}
		if got := m.Localize(en); got != tt.en {
			t.Errorf("Localize(en) = %q, want %q", got, tt.en)
		}
	}
}

// leakFixture breaks a hero every way the schema can tell, with ASCII values,
// so that any letter outside quotes and paths is the message's own.
func leakFixture(t *testing.T) string {
	doc := validHero
	for _, e := range [][2]string{
		{"id", `"H-1"`},
		{"name", `"zhang"`},
		{"gender", `"x"`},
		{"birth_year", `"1949"`},
		{"jurisdiction", `"Sheyang"`},
		{"status", ""},
		{"deed/date", `"2019-02-30"`},
		{"deed/summary", `"` + strings.Repeat("x", 61) + `"`},
		{"deed/case", `"C-1"`},
		{"deed/extra", `true`},
		{"outcome", `3`},
		{"disability_grade", `11`},
		{"confirmed/date", `"2020-4-2"`},
		{"honors/0/year", `2020.5`},
		{"insurance", `[2020, 2020, 1999]`},
		{"public/consent", `"yes"`},
		{"private/id_number", `"110105194912310021"`},
		{"private/phone", `"123"`},
		{"martyr/doc", `null`},
	} {
		doc = edit(t, doc, e[0], e[1])
	}
	return doc
}

var (
	quoted = regexp.MustCompile(`'(?:[^'\\]|\\.)*'`)
	label  = regexp.MustCompile(`^[a-z_0-9.\[\]]+(（[^）]*）)?: `)
)

func TestMessagesDoNotLeak(t *testing.T) {
	s := set(t)
	vs := s.Validate(Hero, decode(t, leakFixture(t)))
	if len(vs) < 18 {
		t.Fatalf("Validate(hero, broken every way) = %d violations, want at least 18", len(vs))
	}
	zh, en := l10n.Printer(l10n.Chinese), l10n.Printer(l10n.English)
	for _, v := range vs {
		z := v.Msg.Localize(zh)
		rest := quoted.ReplaceAllString(label.ReplaceAllString(z, ""), "")
		if strings.IndexFunc(rest, isASCIILetter) >= 0 {
			t.Errorf("Chinese message %q has English outside its path and values (%q)", z, rest)
		}
		if !strings.ContainsFunc(rest, isHan) {
			t.Errorf("Chinese message %q has no Chinese", z)
		}
		// Quoted values may be Chinese (the name pattern is), the rest not.
		e := v.Msg.Localize(en)
		if strings.ContainsFunc(quoted.ReplaceAllString(e, ""), isHan) {
			t.Errorf("English message %q has Chinese outside its values", e)
		}
	}
}

func isASCIILetter(r rune) bool { return r < unicode.MaxASCII && unicode.IsLetter(r) }
func isHan(r rune) bool         { return unicode.Is(unicode.Han, r) }

// TestEveryKindTranslated renders an instance of every error kind of
// jsonschema v6 and checks that the Chinese differs from the English and
// carries Chinese: every format the kinds pass to the printer has its
// Chinese form in package l10n.
func TestEveryKindTranslated(t *testing.T) {
	r := big.NewRat
	kinds := []jsonschema.ErrorKind{
		&kind.InvalidJsonValue{Value: struct{}{}},
		&kind.Schema{Location: "roll:///schemas/hero.schema.json"},
		&kind.Group{},
		&kind.Not{},
		&kind.AllOf{},
		&kind.AnyOf{},
		&kind.OneOf{},
		&kind.OneOf{Subschemas: []int{0, 1}},
		&kind.FalseSchema{},
		&kind.RefCycle{URL: "u", KeywordLocation1: "/a", KeywordLocation2: "/b"},
		&kind.Type{Got: "string", Want: []string{"integer", "null"}},
		&kind.Enum{Got: "x", Want: []any{"a"}},
		&kind.Enum{Got: "x", Want: []any{"a", "b"}},
		&kind.Enum{Got: "x", Want: []any{[]any{}}},
		&kind.Const{Got: "x", Want: "a"},
		&kind.Const{Got: "x", Want: []any{}},
		&kind.Format{Got: "x", Want: "date", Err: errNoDay},
		&kind.Format{Got: "x", Want: "email", Err: jsonschema.LocalizableError("missing @")},
		&kind.Reference{Keyword: "$ref", URL: "u"},
		&kind.MinProperties{Got: 0, Want: 1},
		&kind.MaxProperties{Got: 2, Want: 1},
		&kind.MinItems{Got: 0, Want: 1},
		&kind.MaxItems{Got: 2, Want: 1},
		&kind.AdditionalItems{Count: 1},
		&kind.Required{Missing: []string{"a"}},
		&kind.Required{Missing: []string{"a", "b"}},
		&kind.Dependency{Prop: "a", Missing: []string{"b"}},
		&kind.DependentRequired{Prop: "a", Missing: []string{"b"}},
		&kind.AdditionalProperties{Properties: []string{"a"}},
		&kind.PropertyNames{Property: "a"},
		&kind.UniqueItems{Duplicates: [2]int{0, 1}},
		&kind.Contains{},
		&kind.MinContains{Want: 2},
		&kind.MinContains{Got: []int{1}, Want: 2},
		&kind.MaxContains{Got: []int{1, 2}, Want: 1},
		&kind.MinLength{Got: 0, Want: 1},
		&kind.MaxLength{Got: 2, Want: 1},
		&kind.Pattern{Got: "x", Want: "^a$"},
		&kind.ContentEncoding{Want: "base64", Err: jsonschema.LocalizableError("x")},
		&kind.ContentMediaType{Want: "application/json", Err: jsonschema.LocalizableError("x")},
		&kind.ContentSchema{},
		&kind.Minimum{Got: r(1, 1), Want: r(2, 1)},
		&kind.Maximum{Got: r(3, 1), Want: r(2, 1)},
		&kind.ExclusiveMinimum{Got: r(1, 2), Want: r(1, 1)},
		&kind.ExclusiveMaximum{Got: r(3, 1), Want: r(2, 1)},
		&kind.MultipleOf{Got: r(3, 1), Want: r(2, 1)},
	}
	zh, en := l10n.Printer(l10n.Chinese), l10n.Printer(l10n.English)
	for _, k := range kinds {
		z, e := localizeKind(k, zh), localizeKind(k, en)
		if z == e || !strings.ContainsFunc(z, isHan) {
			t.Errorf("localizeKind(%T) in Chinese = %q, English %q: want a translation", k, z, e)
		}
		if raw := k.LocalizedString(zh); !strings.ContainsFunc(raw, isHan) {
			t.Errorf("%T.LocalizedString(zh) = %q, want a translation", k, raw)
		}
	}
}

// TestOwnKeysTranslated checks the message keys this package adds around
// the validator's.
func TestOwnKeysTranslated(t *testing.T) {
	keys := []string{titledKey, orKey, formatKey, "date", "cn-resident-id",
		"string", "number", "integer", "object", "array", "boolean", "null"}
	for _, e := range []formatError{errDateForm, errNoDay, errIDLength, errIDDigits, errIDBirthDate, errIDCheck} {
		keys = append(keys, string(e))
	}
	for _, k := range keys {
		if !l10n.Has(k) {
			t.Errorf("l10n.Has(%q) = false, want true", k)
		}
	}
}

func TestResidentIDFormat(t *testing.T) {
	tests := []struct {
		id   string
		want error
	}{
		{"11010519491231002X", nil},
		{"110105194912310021", errIDCheck},
		{"110105194902300028", errIDBirthDate},
		{"1101051949123100", errIDLength},
		{"1101051949A231002X", errIDDigits},
	}
	for _, tt := range tests {
		if got := validateResidentID(tt.id); got != tt.want {
			t.Errorf("validateResidentID(%q) = %v, want %v", tt.id, got, tt.want)
		}
	}
	if got := validateResidentID(42); got != nil {
		t.Errorf("validateResidentID(42) = %v, want nil (type checks numbers)", got)
	}
}

func TestDateFormat(t *testing.T) {
	tests := []struct {
		date string
		want error
	}{
		{"2020-03-14", nil},
		{"2020-02-29", nil},
		{"2019-02-29", errNoDay},
		{"2019-02-30", errNoDay},
		{"2020-13-01", errNoDay},
		{"2020-3-14", errDateForm},
		{"2020/03/14", errDateForm},
		{"２０２０-03-14", errDateForm},
		{"2020-03-14T00:00:00Z", errDateForm},
		{"", errDateForm},
	}
	for _, tt := range tests {
		if got := validateDate(tt.date); got != tt.want {
			t.Errorf("validateDate(%q) = %v, want %v", tt.date, got, tt.want)
		}
	}
}
