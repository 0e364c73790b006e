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
			"deed（见义勇为事迹）: 缺少字段 'date'（事迹日期）：请在这一行的上面补上",
			"deed: missing property 'date': add it above this line", 0},
		{Hero, edit(t, validHero, "name", ""),
			"缺少字段 'name'（姓名）：请在这一行的上面补上",
			"missing property 'name': add it above this line", 0},
		{Hero, edit(t, validHero, "honors/0/extra", `1`),
			"honors[0]（荣誉）: 这里没有字段 'extra'：请删去这一行，或按模板改正字段名",
			"honors[0]: there is no field 'extra' here: delete the line, or correct the name as the template writes it", 0},
		{Hero, edit(t, validHero, "birth_year", `"1949"`),
			"birth_year（出生年份）: '1949' 是文字，不是整数：只写阿拉伯数字，不加引号，不带单位",
			"birth_year: '1949' is text, not a whole number: write the digits alone, without quotes or units", 0},
		{Hero, edit(t, validHero, "birth_year", `1899`),
			"birth_year（出生年份）: 太小：是 1899，不得小于 1900",
			"birth_year: minimum: got 1899, want 1900", 0},
		{Hero, edit(t, validHero, "gender", `"m"`),
			"gender（性别）: 'm' 不是可选的值，只能填以下英文值之一：male 男，female 女",
			"gender: 'm' is not one of the values; write one of: male, female", 0},
		{Hero, edit(t, validHero, "deed/summary", `"`+strings.Repeat("救", 61)+`"`),
			"deed.summary（事迹概述）: 太长：有 61 个字，至多允许 60 个",
			"deed.summary: maxLength: got 61, want 60", 0},
		{Task, edit(t, validRecords[Task], "progress/Sheyang", `"done"`),
			"progress（各辖区进展）: 无效的属性名 'Sheyang'",
			"progress: invalid propertyName 'Sheyang'", 0},
		{Visit, edit(t, validRecords[Visit], "date", `"2020/01/20"`),
			"date（活动日期）: '2020/01/20' 不是有效的日期：应写作“年-月-日”：2020-01-20",
			"date: '2020/01/20' is not valid date: write it as year-month-day: 2020-01-20", 0},
		// The mistakes of issue 18: every message says how to write the
		// value, never with a pattern or a JSON type.
		{Hero, edit(t, validHero, "jurisdiction", `"射阳县"`),
			"jurisdiction（所属辖区）: '射阳县' 的写法不对：应填辖区代码（小写拼音），如 sheyang；各辖区的代码见 records/catalog/jurisdictions.yaml",
			"jurisdiction: '射阳县' is not written as expected: write a jurisdiction's code in lower-case pinyin, like sheyang (see records/catalog/jurisdictions.yaml)", 0},
		{Hero, edit(t, validHero, "id", `"H-2020-18"`),
			"id（人员编号）: 'H-2020-18' 的写法不对：应写作 H-事迹年份-4位序号，如 H-2020-0018",
			"id: 'H-2020-18' is not written as expected: write it as H-year of the deed-number of four digits, like H-2020-0018", 0},
		{Hero, edit(t, validHero, "name", `"孙 立强"`),
			"name（姓名）: '孙 立强' 的写法不对：应填法定全名，2至6个汉字，中间不留空格；少数民族姓名可含间隔号“·”",
			"name: '孙 立强' is not written as expected: write the full legal name in 2 to 6 Chinese characters, without spaces; a minority name may hold the middle dot ·", 0},
		{Hero, edit(t, validHero, "public/consent", `"是"`),
			"public.consent（同意公开）: '是' 不是 true 或 false：是填 true，否填 false，不加引号",
			"public.consent: '是' is not true or false: write true for yes and false for no, without quotes", 0},
		{Hero, edit(t, validHero, "confirmed/doc", `null`),
			"confirmed.doc（确认文号）: 冒号后面是空的，还没有填写：请填上内容",
			"confirmed.doc: nothing is written after the colon: write the text it asks for", 0},
		{Hero, edit(t, validHero, "deed/kind", `""`),
			"deed.kind（事迹类别）: 引号中间是空的，还没有填写：只能填以下英文值之一：rescue 抢险救人，stop_crime 制止违法犯罪，disaster_relief 抢险救灾，other 其他",
			"deed.kind: the quotes are empty, nothing is filled in: write one of: rescue, stop_crime, disaster_relief, other", 0},
		{Hero, edit(t, validHero, "deed/date", `"2020-11-2"`),
			"deed.date（事迹日期）: '2020-11-2' 不是有效的日期：日要写两位：2020-11-02",
			"deed.date: '2020-11-2' is not valid date: the day needs two digits: 2020-11-02", 0},
		{Hero, edit(t, validHero, "deed/date", `"2020年3月4日"`),
			"deed.date（事迹日期）: '2020年3月4日' 不是有效的日期：应写作“年-月-日”：2020-03-04",
			"deed.date: '2020年3月4日' is not valid date: write it as year-month-day: 2020-03-04", 0},
		{Hero, edit(t, validHero, "gender", `"男"`),
			"gender（性别）: '男' 要写成对应的英文值 male",
			"gender: write the value male rather than the word '男'", 0},
		{Hero, edit(t, validHero, "private/phone", `13800000000`),
			"private.phone（联系电话）: 13800000000 是数字，这里应为文字：请加英文双引号，写成 \"13800000000\"",
			"private.phone: 13800000000 is a number, but text is expected here: put it in double quotes, \"13800000000\"", 0},
		{Hero, edit(t, validHero, "Gender", `"male"`),
			"这里没有字段 'Gender'：是不是 gender（性别）？",
			"there is no field 'Gender' here; did you mean gender?", 0},
		{Hero, edit(t, validHero, "deed/date", `""`),
			"deed.date（事迹日期）: 引号中间是空的，还没有填写：应填日期，写作“年-月-日”，如 2020-03-14",
			"deed.date: the quotes are empty, nothing is filled in: write a date as year-month-day, like 2020-03-14", 0},
		{Hero, edit(t, validHero, "insurance", `[2019, 2020, 2020]`),
			"insurance（综合保险年度）: 第 2 项与第 3 项重复",
			"insurance: items 2 and 3 are the same", 0},
		{Visit, edit(t, validRecords[Visit], "visitors", `"市见义勇为基金会"`),
			"visitors（慰问单位）: 这里应为列表：写成 [市见义勇为基金会]，或者在下面每行写一项，以“- ”开头",
			"visitors: a list is expected here: write [市见义勇为基金会], or one item a line below, each starting with \"- \"", 0},
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
	// english is two English words in a row: prose. A Chinese message
	// names values to write (true, sheyang, H-2020-0018), never sentences.
	english = regexp.MustCompile(`[A-Za-z]{2,} [A-Za-z]{2,}`)
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
		if english.MatchString(rest) {
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

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

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
		"string", "number", "integer", "object", "array", "boolean", "null",
		emptyQuotesKey, emptyValueKey, patternKey, patternBareKey, notBoolKey, textNotIntKey,
		textNotNumberKey, notIntKey, numberNotTextKey, boolNotTextKey, notListKey, notObjectKey,
		enumWordKey, enumOtherKey, extraNearKey, extraKey, duplicateItemsKey, otherTypeKey, addAboveKey,
		expectBool, expectInt, expectNumber, expectDate, expectEnum, expectText, expectList, expectObject,
		dateDayKey, dateMonthKey, dateBothKey, dateWriteAsKey, dateFullwidthKy}
	for _, w := range typeWords {
		keys = append(keys, w)
	}
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
		{"2020-3-14", dateError{dateMonthKey, "2020-03-14"}},
		{"2020-11-2", dateError{dateDayKey, "2020-11-02"}},
		{"2020-3-4", dateError{dateBothKey, "2020-03-04"}},
		{"2020/03/14", dateError{dateWriteAsKey, "2020-03-14"}},
		{"2019.6.18", dateError{dateWriteAsKey, "2019-06-18"}},
		{"2019年6月18日", dateError{dateWriteAsKey, "2019-06-18"}},
		{"20190618", dateError{dateWriteAsKey, "2019-06-18"}},
		{"２０２０-03-14", dateError{dateFullwidthKy, "2020-03-14"}},
		{"2019-2-30", errDateForm},
		{"2020-03", errDateForm},
		{"2020-03-14T00:00:00Z", errDateForm},
		{"", errDateForm},
	}
	for _, tt := range tests {
		if got := validateDate(tt.date); got != tt.want {
			t.Errorf("validateDate(%q) = %v, want %v", tt.date, got, tt.want)
		}
	}
}
