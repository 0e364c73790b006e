package check

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/l10n"
)

// The mistakes a clerk makes, each fed to the check on the sample records:
// every one must give a finding at the line to change, in words a clerk
// reads, with no regular expression and no JSON type. They are the issue's
// thirty, those the guide warns about, and others a clerk who was never
// trained makes. The guide's table of messages (docs/录入指南.md, 十二) is
// generated from the findings they give, so it quotes the tool exactly.

// A change is one edit of the sample repository: old replaced by new in
// file; with old "", file written whole (or removed when new is removed).
type change struct{ file, old, new string }

const removed = "\x00removed"

// A mistake is what a clerk did wrong, and what the guide says of it.
type mistake struct {
	name    string   // what the clerk did
	changes []change // to the sample repository
	file    string   // the file the finding is in
	line    int      // the line the finding names: the line to change
	// cause and fix are the guide's columns 原因 and 改法; a mistake with
	// none is tested but not in the guide's table.
	cause, fix string
	// base is set for a mistake seen only by roll check --base: the
	// sample is the base revision.
	base bool
}

// The records the mistakes start from, all clean in the sample.
const (
	heroFile   = "records/heroes/sheyang/H-2019-0002.md" // confirmed, honored, public
	hero2File  = "records/heroes/jianhu/H-2020-0001.md"  // confirmed, honored, not public
	visitFile  = "records/visits/2020/V-2020-0001.yaml"  // a jianhu visit to H-2020-0001
	reportFile = "records/reports/2020/R-2020-Q3-sheyang.yaml"
	fundFile   = "records/fund/2020/10.yaml"
	decision   = "records/decisions/2020/D-2020-01.yaml"
	newVisit   = "records/visits/2020/V-2020-0090.yaml"
)

// confirmedBlock is the confirmed block of heroFile, and the same block as
// a clerk left it after deleting only the # of each line of the old
// template's "# confirmed:" / "#   date:" (issue 18, item 1).
const (
	confirmedBlock    = "confirmed:\n  date: 2019-07-10\n  by: 射阳县公安局\n  doc: 射公〔2019〕3号\n"
	confirmedOneSpace = "# 公安机关确认后：把 status 改为 confirmed，删去下面四行开头的 # 并填写\n confirmed:\n   date: 2019-07-10\n   by: 射阳县公安局\n   doc: 射公〔2019〕3号\n"
)

func visitWith(lines string) string {
	return "# yaml-language-server: $schema=../../../schemas/visit.schema.json\nid: V-2020-0090\n" + lines
}

var mistakes = []mistake{
	// The template's own instructions, done the old way.
	{name: "the confirmed block uncommented with a space left", changes: []change{{heroFile, confirmedBlock, confirmedOneSpace}},
		file: heroFile, line: 16,
		cause: "删去模板中的 `#` 时留下了空格，缩进多了一格", fix: "按提示的空格数缩进：顶格的字段前面不留空格，下一级缩进两个空格"},
	{name: "a visit withdrawn by deleting # but not its space", changes: []change{{visitFile, "开通绿色通道。\n", "开通绿色通道。\n status: withdrawn\n"}},
		file: visitFile, line: 12},
	{name: "the confirmed field uncommented without its lines", changes: []change{{heroFile, confirmedBlock, "confirmed:\n  #date: 2019-07-10\n  #by: 射阳县公安局\n  #doc: 射公〔2019〕3号\n"}},
		file: heroFile, line: 15,
		cause: "字段名前的 `#` 只删了第一行的，下面几行还是注释", fix: "把这一块每一行字段名前的 `#` 都删去"},
	{name: "honors filled in without deleting []", changes: []change{{heroFile, "honors:\n", "honors: []\n"}},
		file: heroFile, line: 20,
		cause: "填写荣誉时没有删去 `honors: []` 的 `[]`", fix: "删去 `[]`，让 `honors:` 后面什么也不写"},
	{name: "a field of a list item one space short", changes: []change{{visitFile, "    amount: 2000", "   amount: 2000"}},
		file: visitFile, line: 9,
		cause: "同一组的几行没有对齐", fix: "按提示缩进，让它和同一组的其他行对齐"},

	// Format errors, which printed the schema's pattern.
	{name: "a jurisdiction written in Chinese", changes: []change{{heroFile, "jurisdiction: sheyang", "jurisdiction: 射阳县"}},
		file: heroFile, line: 6,
		cause: "辖区写了中文名称", fix: "填辖区代码（小写拼音），见第一节的辖区代码表"},
	{name: "an id with a short number", changes: []change{{heroFile, "id: H-2019-0002", "id: H-2019-2"}},
		file: heroFile, line: 2,
		cause: "编号的序号不足4位", fix: "序号写满4位，如 `H-2019-0002`；文件名一起改"},
	{name: "a name with a space", changes: []change{{heroFile, "name: 蔡永兵", "name: 蔡 永兵"}},
		file: heroFile, line: 3,
		cause: "姓名中间加了空格，或写了拼音、括号", fix: "写法定全名，中间不留空格"},
	{name: "a yes/no field written 是", changes: []change{{heroFile, "  consent: true", "  consent: 是"}},
		file: heroFile, line: 28,
		cause: "是非字段写了“是”“否”", fix: "是写 `true`，否写 `false`"},
	{name: "an empty value", changes: []change{{heroFile, "  doc: 射公〔2019〕3号", "  doc:"}},
		file: heroFile, line: 18,
		cause: "冒号后面什么也没写", fix: "填上内容；不需要的可选字段，整行删去"},
	{name: "a placeholder left", changes: []change{{heroFile, "  place: 射阳县黄沙港镇外海示例海域", `  place: ""`}},
		file: heroFile, line: 10,
		cause: "模板中【必填】的 `\"\"` 没有换掉", fix: "把 `\"\"` 换成实际内容"},
	{name: "a day of one digit", changes: []change{{heroFile, "  date: 2019-06-18", "  date: 2019-06-8"}},
		file: heroFile, line: 9,
		cause: "月或日只写了一位", fix: "月和日都写两位：`2019-06-08`"},
	{name: "a date with dots", changes: []change{{heroFile, "  date: 2019-06-18", "  date: 2019.6.18"}},
		file: heroFile, line: 9,
		cause: "日期用了点、斜线或“年月日”", fix: "写成 `2019-06-18`"},
	{name: "a day that does not exist", changes: []change{{heroFile, "  date: 2019-06-18", "  date: 2019-02-30"}},
		file: heroFile, line: 9,
		cause: "日期不存在，如 2 月 30 日", fix: "核对日期"},
	{name: "a gender written in Chinese", changes: []change{{heroFile, "gender: male", "gender: 男"}},
		file: heroFile, line: 4,
		cause: "类别字段（`gender`、`kind`、`outcome`、`occasion`、`status` 等）写了中文", fix: "改成提示中的英文值"},
	{name: "a value not in the list", changes: []change{{heroFile, "outcome: injured", "outcome: hurt"}},
		file: heroFile, line: 14,
		cause: "类别字段写了列表以外的值", fix: "只能填提示中列出的英文值之一"},
	{name: "a number in quotes", changes: []change{{heroFile, "birth_year: 1982", `birth_year: "1982"`}},
		file: heroFile, line: 5,
		cause: "数字字段加了引号，或写了“年”“元”等字", fix: "只写数字，如 `birth_year: 1982`"},
	{name: "a phone without quotes", changes: []change{{heroFile, `  phone: "13800001924"`, "  phone: 13800001924"}},
		file: heroFile, line: 33,
		cause: "电话号码没加引号", fix: "加英文双引号：`phone: \"13800001924\"`"},
	{name: "a summary too long", changes: []change{{heroFile, "  summary: 三人驾渔船冒着大风赶往翻覆货船，救起落水船员五名", "  summary: " + strings.Repeat("三人驾渔船冒着大风赶往翻覆货船，", 4)}},
		file: heroFile, line: 12,
		cause: "一句话概述太长", fix: "压缩到 60 个字以内，详细经过写到正文里"},
	{name: "a required field deleted", changes: []change{{heroFile, "outcome: injured\n", ""}},
		file: heroFile, line: 14,
		cause: "必填字段整行被删了", fix: "从模板里把这一行补回来并填写"},
	{name: "a field name in capitals", changes: []change{{heroFile, "gender: male", "Gender: male"}},
		file: heroFile, line: 4,
		cause: "字段名写错（大小写、拼写）", fix: "按提示改正字段名；字段名都是小写英文"},
	{name: "a field the template does not have", changes: []change{{heroFile, "hardship: false", "hardship: false\nwechat: zhang_san"}},
		file: heroFile, line: 26,
		cause: "多了模板中没有的字段", fix: "删去这一行；要记下的情况写进正文或备注"},
	{name: "a list written as text", changes: []change{{visitFile, "visitors: [市见义勇为基金会, 建湖县见义勇为基金会]", "visitors: 市见义勇为基金会"}},
		file: visitFile, line: 6,
		cause: "列表字段只写了一个值", fix: "写成 `[市见义勇为基金会]`，或每行一项、以 `- ` 开头"},

	// YAML syntax.
	{name: "no space after a colon", changes: []change{{visitFile, "occasion: hospital", "occasion:hospital"}},
		file: visitFile, line: 4,
		cause: "冒号后面没有空格", fix: "冒号后面加一个空格：`occasion: hospital`"},
	{name: "a Chinese colon", changes: []change{{visitFile, "occasion: hospital", "occasion：hospital"}},
		file: visitFile, line: 4,
		cause: "用了中文冒号“：”", fix: "改成英文冒号加一个空格：`occasion: hospital`"},
	{name: "a colon inside a value", changes: []change{{visitFile, "note: 到建湖县人民医院看望", "note: 时间: 1月10日，到建湖县人民医院看望"}},
		file: visitFile, line: 11,
		cause: "值里面有“冒号加空格”", fix: "给整段文字加英文双引号，或把冒号改成中文冒号“：”"},
	{name: "a tab for indentation", changes: []change{{visitFile, "    amount: 2000", "\tamount: 2000"}},
		file: visitFile, line: 9,
		cause: "用了 Tab 键缩进", fix: "删掉 Tab，改用空格"},
	{name: "no space after a list's dash", changes: []change{{visitFile, "  - hero: H-2020-0001", "  -hero: H-2020-0001"}},
		file: visitFile, line: 8},

	// Files.
	{name: ".yml for .yaml", changes: []change{{newVisit, "", removed}, {"records/visits/2020/V-2020-0090.yml", "", visitWith("date: 2020-09-30\n")}},
		file: "records/visits/2020/V-2020-0090.yml", line: 0,
		cause: "文件扩展名写成了 `.yml`", fix: "改名为 `.yaml`"},
	{name: "an id that is not the file's name", changes: []change{{heroFile, "id: H-2019-0002", "id: H-2019-0022"}},
		file: heroFile, line: 2,
		cause: "`id` 和文件名不同", fix: "让两者一致（一般是改 `id`；改文件名请在编辑页面的文件名框里改）"},
	{name: "an id used twice", changes: []change{{"records/visits/2020/V-2020-0016.yaml", "", "# 复制自 V-2020-0001\n" + mustRead("records/visits/2020/V-2020-0001.yaml")}},
		file: "records/visits/2020/V-2020-0016.yaml", line: 3,
		cause: "复制了别的记录，编号没有改", fix: "按第一节的方法换一个没用过的号，文件名一起改"},
	{name: "a hero in another county's folder", changes: []change{{heroFile, "jurisdiction: sheyang", "jurisdiction: funing"}},
		file: heroFile, line: 6,
		cause: "`jurisdiction` 和所在文件夹不一致", fix: "改 `jurisdiction`；如果是文件放错了文件夹，请联系维护人员"},

	// The rules between records.
	{name: "confirmed without the confirmation", changes: []change{{heroFile, confirmedBlock, ""}},
		file: heroFile, line: 7,
		cause: "`status` 改成了 `confirmed`，但没有填确认信息", fix: "删去模板中 `#confirmed:` 那四行字段名前的 `#` 并填写"},
	{name: "an honor's code misspelled", changes: []change{{heroFile, "  - honor: city-advanced", "  - honor: city-advance"}},
		file: heroFile, line: 20,
		cause: "荣誉称号代码写错", fix: "到 `records/catalog/honors.yaml` 查正确的代码"},
	{name: "the full name in an anonymized narrative", changes: []change{{heroFile, "  anonymize: false", "  anonymize: true"}},
		file: heroFile, line: 37,
		cause: "匿名人员的正文写了全名", fix: "把正文中的全名改为“蔡某某”或“他/她”"},
	{name: "the ID number's check digit wrong", changes: []change{{heroFile, `"320924198205061933"`, `"320924198205061934"`}},
		file: heroFile, line: 32,
		cause: "身份证号码抄错了一位", fix: "对照证件重新核对 18 位号码"},
	{name: "the birth year not the ID number's", changes: []change{{heroFile, "birth_year: 1982", "birth_year: 1983"}},
		file: heroFile, line: 32,
		cause: "出生年份和身份证号码不一致", fix: "以证件为准改正其中一个。性别和身份证号码第 17 位不一致时也会提示，同样处理"},
	{name: "a confirmation before the deed", changes: []change{{heroFile, "  date: 2019-07-10", "  date: 2019-05-10"}},
		file: heroFile, line: 16,
		cause: "确认日期早于事迹日期", fix: "核对两个日期"},
	{name: "a date after today", changes: []change{{heroFile, "  date: 2019-07-10", "  date: 2021-07-10"}},
		file: heroFile, line: 16,
		cause: "日期写到了将来", fix: "核对日期；还没发生的活动不要提前录入"},
	{name: "a visit to a hero not recorded", changes: []change{{visitFile, "hero: H-2020-0001", "hero: H-2020-0999"}},
		file: visitFile, line: 8,
		cause: "走访对象的人员编号写错，或这位人员还没有录入", fix: "查正确的编号；新人员要先录入（可以在同一个拉取请求里）"},
	{name: "a visit in the folder of another year", changes: []change{{visitFile, "date: 2020-01-10", "date: 2019-12-30"}},
		file: visitFile, line: 3,
		cause: "日期的年份和文件夹不一致", fix: "改正日期，或放到对应年份的文件夹"},
	{name: "a visit before the deed", changes: []change{{visitFile, "date: 2020-01-10", "date: 2020-01-05"}},
		file: visitFile, line: 8,
		cause: "走访日期早于这位人员的事迹日期，多半是日期或编号抄错了", fix: "核对走访日期和人员编号"},
	{name: "a county visiting another county's hero", changes: []change{{visitFile, "jurisdiction: jianhu", "jurisdiction: sheyang"}},
		file: visitFile, line: 8,
		cause: "县（市、区）的走访对象属于其他辖区（警告）", fix: "核对人员编号；市基金会组织的走访，`jurisdiction` 填 `city`"},
	{name: "a confirmed, honored hero withdrawn", changes: []change{{hero2File, "status: confirmed", "status: withdrawn"}},
		file: hero2File, line: 7,
		cause: "本人只是不再同意公开，却把记录撤回了（警告）", fix: "改回 `status: confirmed`，把 `public.consent` 改为 `false`；撤回只用于记录本身有误"},
	{name: "the narrative of the template left", changes: []change{{heroFile, "2019年6月18日，射阳县", "（请把这两段换成事迹正文：时间、地点、经过、结果。）\n2019年6月18日，射阳县"}},
		file: heroFile, line: 37,
		cause: "正文还是模板中的提示文字", fix: "换成事迹经过：时间、地点、经过、结果"},
	{name: "an honor before the deed", changes: []change{{heroFile, "    year: 2020", "    year: 2018"}},
		file: heroFile, line: 21},
	{name: "a minor without a guardian's consent", changes: []change{{heroFile, "birth_year: 1982", "birth_year: 2006"}, {heroFile, `"320924198205061933"`, `"320924200605061932"`}},
		file: heroFile, line: 28,
		cause: "未成年人没有监护人同意（警告）", fix: "取得监护人书面同意后把 `guardian_consent` 改为 `true`；否则保持不公开，无须处理"},
	{name: "an honoree without the year's insurance", changes: []change{{heroFile, "insurance: [2020]", "insurance: [2019]"}},
		file: heroFile, line: 26,
		cause: "市级以上荣誉获得者没有当年的综合保险记录（警告）", fix: "投保后在 `insurance` 中加上年份，如 `[2019, 2020]`"},

	// Reports, the fund, commendations.
	{name: "a report's status in Chinese", changes: []change{{reportFile, "{task: T-2020-15, status: in_progress}", "{task: T-2020-15, status: 推进中}"}},
		file: reportFile, line: 12,
		cause: "进展状态写了中文", fix: "改成提示中的英文值：`not_started`、`in_progress`、`done`、`blocked`"},
	{name: "a report received late", changes: []change{{reportFile, "submitted: 2020-10-08", "submitted: 2020-10-19"}},
		file: reportFile, line: 5,
		cause: "报送晚于期限收到（警告）", fix: "如实记录即可，通报中会显示迟报天数"},
	{name: "an amount in 万", changes: []change{{fundFile, `  amount: "5000.00"`, "  amount: 2万"}},
		file: fundFile, line: 7,
		cause: "金额写了“万”、逗号、负号或三位小数", fix: "写成加引号的数字，如 `\"20000.00\"`"},
	{name: "a voucher in the month before", changes: []change{{fundFile, "  date: 2020-10-16", "  date: 2020-11-02"}},
		file: fundFile, line: 4,
		cause: "凭证记错了月份的文件", fix: "移到对应月份的文件，或改正日期"},
	{name: "a voucher paying more than the award", changes: []change{{fundFile, `  amount: "5000.00"`, `  amount: "6000.00"`}},
		file: fundFile, line: 7,
		cause: "多付或重复记账", fix: "核对凭证，重复的一张加上 `status: withdrawn`"},
	{name: "a visit's amount not paid", changes: []change{{newVisit, "", visitWith("date: 2020-09-30\noccasion: mid_autumn\njurisdiction: jianhu\nvisitors: [建湖县见义勇为基金会]\nbeneficiaries:\n  - hero: H-2020-0001\n    amount: 1000\n")}},
		file: newVisit, line: 9,
		cause: "慰问金或表彰奖金还没有付，或付款凭证没写 `ref` 和 `hero`（警告）", fix: "付款后记一张凭证，`ref` 写走访或决定编号，`hero` 写收款人员"},
	{name: "a county's report not filed", changes: []change{{reportFile, "", removed}},
		file: "records/tasks/2020/plan.yaml", line: 7,
		cause: "期限已过，还没有这一期的报送（警告）", fix: "督促该辖区报送；收到后按第五节录入"},
	{name: "a task still holding progress", changes: []change{{"records/tasks/2020/03.yaml", "updates:\n", "progress:\n  sheyang: done\nupdates:\n"}},
		file: "records/tasks/2020/03.yaml", line: 17,
		cause: "任务文件里还写着各辖区的 `progress`", fix: "把各地的状态写进各自的报送，再删去 `progress`"},
	{name: "an awarded nomination without its decision", changes: []change{{"records/nominations/2020/N-2020-04.yaml", "outcome: not_awarded", "outcome: awarded"}},
		file: "records/nominations/2020/N-2020-04.yaml", line: 7,
		cause: "推荐改为已获评，但没有填写决定编号", fix: "录入上级的表彰决定，并在推荐中填写 `decision`"},
	{name: "a record deleted", changes: []change{{heroFile, "", removed}}, base: true,
		file: heroFile, line: 0,
		cause: "删除了记录文件", fix: "恢复这个文件；记录有误的，改为 `status: withdrawn`（撤回）"},
	{name: "an award not in the hero's honors", changes: []change{{decision, "    honor: city-quarterly", "    honor: city-advanced"}},
		file: decision, line: 8,
		cause: "表彰决定和人员记录不一致", fix: "在人员记录的 `honors` 中加上这项荣誉，并注明 `decision`"},
}

// mistakeOptions are the options of the check of a mistake: as of the
// sample's build date, against the sample as the base revision if asked.
func mistakeOptions(m mistake, base fstest.MapFS) Options {
	opts := Options{Today: sampleDay}
	if m.base {
		opts.Base = base
	}
	return opts
}

// newFindings are the findings of list in file that clean, the check of
// the sample, does not have.
func newFindings(list, clean finding.List, file string) finding.List {
	had := map[string]bool{}
	for _, f := range clean {
		had[f.String()] = true
	}
	var out finding.List
	for _, f := range list {
		if f.File == file && !had[f.String()] {
			out = append(out, f)
		}
	}
	return out
}

// mustRead reads a file of the sample records.
func mustRead(p string) string {
	data, err := os.ReadFile("../../" + p)
	if err != nil {
		panic(err)
	}
	return string(data)
}

// sample reads the repository's records and schemas into memory.
func sample(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	for _, dir := range []string{"records", "schemas"} {
		err := fs.WalkDir(os.DirFS("../.."), dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile("../../" + p)
			m[p] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return m
}

// apply returns the sample with a mistake's changes.
func apply(t *testing.T, base fstest.MapFS, m mistake) fstest.MapFS {
	t.Helper()
	fsys := maps.Clone(base)
	for _, c := range m.changes {
		switch {
		case c.old == "" && c.new == removed:
			delete(fsys, c.file)
		case c.old == "":
			fsys[c.file] = &fstest.MapFile{Data: []byte(c.new)}
		default:
			f, ok := fsys[c.file]
			if !ok || !bytes.Contains(f.Data, []byte(c.old)) {
				t.Fatalf("%s: %s does not hold %q", m.name, c.file, c.old)
			}
			fsys[c.file] = &fstest.MapFile{Data: bytes.Replace(f.Data, []byte(c.old), []byte(c.new), 1)}
		}
	}
	return fsys
}

var (
	// regexpSyntax is what only a regular expression writes.
	regexpSyntax = regexp.MustCompile(`\^|\$|\\[dswDSWpPux]|\{\d+(,\d*)?\}|\(\?|\[\^|\\\\`)
	// jsonTypes are the names of JSON types, which a clerk does not know.
	jsonTypes = regexp.MustCompile(`\b(string|integer|boolean|null|object|array)\b|字符串|是非值|空值|类型是`)
	// englishProse is two English words in a row.
	englishProse = regexp.MustCompile(`[A-Za-z]{2,} [A-Za-z]{2,}`)
	// quotedText is a value quoted in a message, which may be anything.
	quotedText = regexp.MustCompile(`'(?:[^'\\]|\\.)*'`)
)

// TestMistakes feeds every mistake to the check: each must give a finding
// in its file at the line to change, and no finding it gives may show a
// regular expression or a JSON type, or English in a Chinese message.
func TestMistakes(t *testing.T) {
	base := sample(t)
	clean, err := RunFS(base, Options{Today: sampleDay})
	if err != nil {
		t.Fatal(err)
	}
	before := map[string]bool{}
	for _, f := range clean.Findings {
		before[f.File] = true
	}
	zh, en := l10n.Printer(l10n.Chinese), l10n.Printer(l10n.English)
	for _, m := range mistakes {
		t.Run(m.name, func(t *testing.T) {
			for _, c := range m.changes {
				if before[c.file] {
					t.Fatalf("%s has findings in the sample already; pick a clean record", c.file)
				}
			}
			res, err := RunFS(apply(t, base, m), mistakeOptions(m, base))
			if err != nil {
				t.Fatal(err)
			}
			mine := newFindings(res.Findings, clean.Findings, m.file)
			if len(mine) == 0 {
				t.Fatalf("no finding in %s; the check says:\n%s", m.file, lines(res.Findings, l10n.English))
			}
			if got := mine[0].Pos.Line; got != m.line {
				t.Errorf("the first finding is on line %d, want %d, the line to change:\n%s", got, m.line, lines(mine, l10n.Chinese))
			}
			for _, f := range mine {
				z, e := f.Text(zh), f.Text(en)
				for _, text := range []string{z, e} {
					if regexpSyntax.MatchString(text) {
						t.Errorf("%s shows a regular expression: %s", f.Where(), text)
					}
					if jsonTypes.MatchString(quotedText.ReplaceAllString(text, "")) {
						t.Errorf("%s names a JSON type: %s", f.Where(), text)
					}
				}
				rest := quotedText.ReplaceAllString(z, "")
				if englishProse.MatchString(rest) || !strings.ContainsFunc(rest, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
					t.Errorf("%s is not said in Chinese: %s", f.Where(), z)
				}
			}
		})
	}
}

// TestGuideMessages keeps the table of messages in section 十二 of
// docs/录入指南.md the findings the guide's mistakes give, word for word:
// the table is rewritten by go test ./internal/check -update and the test
// fails when it differs.
func TestGuideMessages(t *testing.T) {
	const (
		guideFile = "../../docs/录入指南.md"
		begin     = "<!-- 提示表 开始：由 go test ./internal/check -update 根据检查程序对 internal/check/mistakes_test.go 中各种错误的实际提示生成，请勿手改 -->\n"
		end       = "<!-- 提示表 结束 -->"
	)
	guide, err := os.ReadFile(guideFile)
	if err != nil {
		t.Fatal(err)
	}
	i, j := bytes.Index(guide, []byte(begin)), bytes.Index(guide, []byte(end))
	if i < 0 || j < i {
		t.Fatalf("%s: no table of messages between the lines\n%s%s", guideFile, begin, end)
	}
	base := sample(t)
	clean, err := RunFS(base, Options{Today: sampleDay})
	if err != nil {
		t.Fatal(err)
	}
	zh := l10n.Printer(l10n.Chinese)
	var b strings.Builder
	b.WriteString("| 提示 | 原因 | 改法 |\n|---|---|---|\n")
	cell := strings.NewReplacer("|", "\\|", "\n", " ").Replace
	for _, m := range mistakes {
		if m.cause == "" {
			continue
		}
		res, err := RunFS(apply(t, base, m), mistakeOptions(m, base))
		if err != nil {
			t.Fatal(err)
		}
		mine := newFindings(res.Findings, clean.Findings, m.file)
		if len(mine) == 0 {
			t.Fatalf("%s: no finding in %s", m.name, m.file)
		}
		f := mine[0]
		text := f.Text(zh)
		if f.Severity == finding.Warning {
			text = "警告: " + text
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", cell(strings.ReplaceAll(text, "`", "'")), cell(m.cause), cell(m.fix))
	}
	out := slices.Concat(guide[:i+len(begin)], []byte(b.String()), guide[j:])
	// The example of a whole finding at the head of the section, as the
	// check prints it.
	for _, m := range mistakes {
		if m.name != "a date with dots" {
			continue
		}
		res, err := RunFS(apply(t, base, m), mistakeOptions(m, base))
		if err != nil {
			t.Fatal(err)
		}
		line := strings.TrimSuffix(lines(newFindings(res.Findings, clean.Findings, m.file)[:1], l10n.Chinese), "\n")
		example := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(m.file) + `:9:9: 错误: deed\.date.*$`)
		if !example.Match(out) {
			t.Fatalf("%s: no example of a finding %s:9:9 to keep", guideFile, m.file)
		}
		out = example.ReplaceAllLiteral(out, []byte(line))
	}
	if bytes.Equal(out, guide) {
		return
	}
	if *update {
		if err := os.WriteFile(guideFile, out, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("the table of messages in %s differs from what the check says (run go test ./internal/check -update and review the diff)", guideFile)
}
