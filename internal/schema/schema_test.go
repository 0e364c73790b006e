package schema

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/l10n"
	"github.com/yancheng-jyyw/roll/schemas"
)

// set compiles the embedded schemas.
func set(t testing.TB) *Set {
	t.Helper()
	s, err := Compile(schemas.FS)
	if err != nil {
		t.Fatalf("Compile(schemas.FS): %v", err)
	}
	return s
}

// decode reads a JSON fixture as a loader would give it: numbers as
// json.Number.
func decode(t testing.TB, text string) any {
	t.Helper()
	d := json.NewDecoder(strings.NewReader(text))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("fixture %s: %v", text, err)
	}
	return v
}

// edit returns a copy of the JSON document base with the value at the
// slash-separated path set to val (JSON text), or removed when val is "".
func edit(t testing.TB, base, path, val string) string {
	t.Helper()
	doc := decode(t, base)
	keys := strings.Split(path, "/")
	cur := doc
	for _, k := range keys[:len(keys)-1] {
		switch c := cur.(type) {
		case map[string]any:
			cur = c[k]
		case []any:
			i := 0
			for _, d := range k {
				i = i*10 + int(d-'0')
			}
			cur = c[i]
		}
	}
	last := keys[len(keys)-1]
	obj := cur.(map[string]any)
	if val == "" {
		delete(obj, last)
	} else {
		obj[last] = decode(t, val)
	}
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

const validHero = `{
  "id": "H-2020-0001",
  "name": "张三",
  "gender": "female",
  "birth_year": 1949,
  "jurisdiction": "sheyang",
  "status": "confirmed",
  "deed": {"date": "2020-03-14", "place": "射阳县合德镇黄沙港", "kind": "rescue",
           "summary": "跳入河中救起落水儿童", "case": "C-2020-0001"},
  "outcome": "disabled",
  "disability_grade": 8,
  "martyr": {"date": "2020-06-01", "doc": "苏民〔2020〕1号"},
  "confirmed": {"date": "2020-04-02", "by": "射阳县公安局", "doc": "射公〔2020〕3号"},
  "honors": [{"honor": "city-model", "year": 2020, "posthumous": false, "decision": "D-2020-01", "note": "第八次表彰大会"}],
  "hardship": true,
  "insurance": [2020, 2021],
  "public": {"consent": true, "anonymize": false, "guardian_consent": false},
  "private": {"id_number": "11010519491231002X", "phone": "13800000000",
              "address": "射阳县合德镇", "next_of_kin": "李四（配偶）13900000000"}
}`

var validRecords = map[Kind]string{
	Hero: validHero,
	Task: `{"id": "T-2020-01", "number": 1, "section": 1, "title": "加强体制机制建设",
		"text": "进一步理顺见义勇为工作体制机制。", "lead": "市见义勇为基金会", "due": "2020-12-31",
		"status": "in_progress", "scope": "each_jurisdiction", "progress": {"sheyang": "done"}, "carried_to": "T-2021-03",
		"target": {"label": "新增示范工作站", "value": 3, "actual": 1},
		"updates": [{"date": "2020-06-30", "by": "市基金会办公室", "status": "in_progress", "note": "已部署"}]}`,
	Plan: `{"year": 2020, "doc": "盐义通〔2020〕4号", "title": "2020年全市见义勇为工作重点任务",
		"issued": "2020-05-20", "reporting": {"period": "quarter", "due_days": 10}, "closed": "2021-01-15",
		"budget": {"award": "300000.00", "condolence": "120000", "other": "0.50"},
		"sections": [{"number": 1, "title": "抓好顶层设计"}]}`,
	Report: `{"id": "R-2020-Q3-sheyang", "jurisdiction": "sheyang", "period": "2020-Q3", "submitted": "2020-10-08",
		"by": "射阳县见义勇为基金会", "tasks": [{"task": "T-2020-01", "status": "done", "note": "已成立"}],
		"note": "按时报送", "status": "active"}`,
	Event: `{"id": "E-2020-0001", "date": "2020-06-18", "kind": "publicity", "title": "《条例》进社区宣传活动",
		"jurisdiction": "tinghu", "tasks": ["T-2020-06"], "place": "亭湖区文峰街道", "participants": 120,
		"public": true, "note": "", "status": "active"}`,
	Team: `{"id": "TM-sheyang-01", "jurisdiction": "sheyang", "kind": "rescue", "name": "射阳县蓝天救援队",
		"members": 46, "since": "2020-04-12", "agreement": {"date": "2020-04-12", "doc": "射义〔2020〕5号"},
		"contact": {"name": "张某", "phone": "13800000000"}, "status": "active", "note": ""}`,
	Decision: `{"id": "D-2020-01", "doc": "盐政发〔2020〕88号", "date": "2020-10-28", "issuer": "盐城市人民政府",
		"title": "关于表彰第八次全市见义勇为模范、先进个人的决定",
		"awards": [{"hero": "H-2020-0003", "honor": "city-model", "posthumous": false, "reward": "20000.00"}],
		"note": "", "status": "active"}`,
	Nomination: `{"id": "N-2020-01", "honor": "province-model", "heroes": ["H-2019-0004"], "submitted": "2020-07-01",
		"notice": {"from": "2020-06-20", "to": "2020-06-26"}, "outcome": "awarded", "decision": "D-2020-05",
		"note": "", "status": "active"}`,
	Fund: `[{"id": "F-2020-0143", "date": "2020-10-28", "kind": "expense", "category": "award", "amount": "20000.00",
		"ref": "D-2020-01", "hero": "H-2020-0003", "note": "第八次表彰奖金", "status": "active"},
		{"id": "F-2020-0144", "date": "2020-10-29", "kind": "income", "category": "donation", "amount": "0.01",
		"jurisdiction": "sheyang"}]`,
	Visit: `{"id": "V-2020-0001", "date": "2020-01-20", "occasion": "spring_festival",
		"jurisdiction": "sheyang", "visitors": ["市见义勇为基金会"],
		"beneficiaries": [{"hero": "H-2018-0003", "amount": 2000, "items": "慰问金、米、油", "needs": ["medical", "schooling"],
			"referral": {"to": "市人社局", "date": "2020-10-09", "status": "open", "note": "待复"}}],
		"note": "春节走访", "status": "active"}`,
	Station: `{"id": "S-sheyang-01", "jurisdiction": "sheyang", "name": "合德镇见义勇为工作站",
		"demonstration": true, "since": "2019-06-01", "assessments": [{"year": 2020, "score": 92}],
		"status": "active"}`,
	Jurisdictions: `[{"id": "sheyang", "name": "射阳县", "kind": "county"}, {"id": "city", "name": "盐城市", "kind": "city"}]`,
	Honors: `[{"id": "city-model", "name": "盐城市见义勇为模范", "level": "city", "issuer": "盐城市人民政府"},
		{"id": "js-hero", "name": "江苏省见义勇为英雄", "level": "province", "issuer": "江苏省人民政府", "description": "省级最高称号"}]`,
	Site: `{"title": "盐城见义勇为英雄谱", "organization": "盐城市见义勇为基金会", "description": "",
		"base_url": "https://jyyw.example.org/", "language": "zh-CN", "year": 2020}`,
}

func TestValidateValid(t *testing.T) {
	s := set(t)
	for _, k := range Kinds() {
		if got := s.Validate(k, decode(t, validRecords[k])); len(got) != 0 {
			t.Errorf("Validate(%s, valid record) = %v, want no violations", k, got)
		}
	}
}

// violation is a Violation reduced to what tests compare.
type violation struct {
	path    string // slash-separated
	key     string
	missing bool
	en      string // the English message
}

func reduce(vs []Violation) []violation {
	en := l10n.Printer(l10n.English)
	var out []violation
	for _, v := range vs {
		out = append(out, violation{strings.Join(v.Path, "/"), v.Key, v.Missing, v.Msg.Localize(en)})
	}
	return out
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		kind Kind
		doc  string
		want []violation
	}{
		{"missing top-level", Hero, edit(t, validHero, "name", ""),
			[]violation{{"", "name", true, "missing property 'name'"}}},
		{"missing nested", Hero, edit(t, validHero, "deed/date", ""),
			[]violation{{"deed", "date", true, "deed: missing property 'date'"}}},
		{"extra top-level", Hero, edit(t, validHero, "nickname", `"小张"`),
			[]violation{{"", "nickname", false, "additional properties 'nickname' not allowed"}}},
		{"extra in array item", Hero, edit(t, validHero, "honors/0/foo", `1`),
			[]violation{{"honors/0", "foo", false, "honors[0]: additional properties 'foo' not allowed"}}},
		{"no such day", Hero, edit(t, validHero, "deed/date", `"2019-02-30"`),
			[]violation{{"deed/date", "", false, "deed.date: '2019-02-30' is not valid date: there is no such day"}}},
		{"not a date", Hero, edit(t, validHero, "confirmed/date", `"2020-4-2"`),
			[]violation{{"confirmed/date", "", false, "confirmed.date: '2020-4-2' is not valid date: not written as year-month-day, like 2020-03-14"}}},
		{"bad check digit", Hero, edit(t, validHero, "private/id_number", `"110105194912310021"`),
			[]violation{{"private/id_number", "", false, "private.id_number: '110105194912310021' is not valid cn-resident-id: its check digit is wrong"}}},
		{"bad birth date in id", Hero, edit(t, validHero, "private/id_number", `"110105194902300028"`),
			[]violation{{"private/id_number", "", false, "private.id_number: '110105194902300028' is not valid cn-resident-id: its birth date is not a valid date"}}},
		{"enum", Hero, edit(t, validHero, "gender", `"m"`),
			[]violation{{"gender", "", false, "gender: value must be one of 'male', 'female'"}}},
		{"pattern", Hero, edit(t, validHero, "id", `"H-20-1"`),
			[]violation{{"id", "", false, `id: 'H-20-1' does not match pattern '^H-\\d{4}-\\d{4,5}$'`}}},
		{"name too long", Hero, edit(t, validHero, "name", `"张三李四王五赵"`),
			[]violation{{"name", "", false, "name: '张三李四王五赵' does not match pattern '^[㐀-䶿一-鿿][㐀-䶿一-鿿·]{0,4}[㐀-䶿一-鿿]$'"}}},
		{"type string for integer", Hero, edit(t, validHero, "birth_year", `"1949"`),
			[]violation{{"birth_year", "", false, "birth_year: got string, want integer"}}},
		{"json.Number not integer", Hero, edit(t, validHero, "birth_year", `1949.5`),
			[]violation{{"birth_year", "", false, "birth_year: got number, want integer"}}},
		{"json.Number minimum", Hero, edit(t, validHero, "birth_year", `1899`),
			[]violation{{"birth_year", "", false, "birth_year: minimum: got 1899, want 1900"}}},
		{"maxLength counts characters", Hero, edit(t, validHero, "deed/summary", `"`+strings.Repeat("救", 61)+`"`),
			[]violation{{"deed/summary", "", false, "deed.summary: maxLength: got 61, want 60"}}},
		{"unique insurance years", Hero, edit(t, validHero, "insurance", `[2020, 2020]`),
			[]violation{{"insurance", "", false, "insurance: items at 0 and 1 are equal"}}},
		{"phone", Hero, edit(t, validHero, "private/phone", `"23800000000"`),
			[]violation{{"private/phone", "", false, `private.phone: '23800000000' does not match pattern '^1\\d{10}$'`}}},
		{"several, sorted", Hero, edit(t, edit(t, edit(t, validHero, "outcome", `"hurt"`), "honors/0/year", `"2020"`), "deed/kind", ""),
			[]violation{
				{"deed", "kind", true, "deed: missing property 'kind'"},
				{"honors/0/year", "", false, "honors[0].year: got string, want integer"},
				{"outcome", "", false, "outcome: value must be one of 'unharmed', 'injured', 'disabled', 'deceased', 'missing'"},
			}},
		{"progress key", Task, edit(t, validRecords[Task], "progress/Sheyang", `"done"`),
			[]violation{{"progress", "Sheyang", false, "progress: invalid propertyName 'Sheyang'"}}},
		{"progress value", Task, edit(t, validRecords[Task], "progress/sheyang", `"finished"`),
			[]violation{{"progress/sheyang", "", false, "progress.sheyang: value must be one of 'not_started', 'in_progress', 'done', 'blocked'"}}},
		{"no beneficiaries", Visit, edit(t, validRecords[Visit], "beneficiaries", `[]`),
			[]violation{{"beneficiaries", "", false, "beneficiaries: minItems: got 0, want 1"}}},
		{"negative amount", Visit, edit(t, validRecords[Visit], "beneficiaries/0/amount", `-1`),
			[]violation{{"beneficiaries/0/amount", "", false, "beneficiaries[0].amount: minimum: got -1, want 0"}}},
		{"score", Station, edit(t, validRecords[Station], "assessments/0/score", `101`),
			[]violation{{"assessments/0/score", "", false, "assessments[0].score: maximum: got 101, want 100"}}},
		{"language", Site, edit(t, validRecords[Site], "language", `"en"`),
			[]violation{{"language", "", false, "language: value must be 'zh-CN'"}}},
		{"site year", Site, edit(t, validRecords[Site], "year", ""),
			[]violation{{"", "year", true, "missing property 'year'"}}},
		{"catalog item", Jurisdictions, `[{"id": "sheyang", "name": "射阳县", "kind": "town"}]`,
			[]violation{{"0/kind", "", false, "[0].kind: value must be one of 'district', 'county', 'county_city', 'zone', 'city'"}}},
		{"catalog not a list", Honors, `{}`,
			[]violation{{"", "", false, "got object, want array"}}},
	}
	s := set(t)
	for _, tt := range tests {
		got := reduce(s.Validate(tt.kind, decode(t, tt.doc)))
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Validate(%s, …) =\n\t%+v\nwant\n\t%+v", tt.name, tt.kind, got, tt.want)
		}
	}
}
