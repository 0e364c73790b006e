package yamldoc

import (
	"testing"

	"github.com/yancheng-jyyw/roll/internal/l10n"
)

// TestLayout feeds the indentation mistakes a clerk makes, each of which
// yaml.v3 reports elsewhere (a comment, the line that opened the block),
// and checks that the finding names the line to change and, in Chinese,
// the indentation it should have.
func TestLayout(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // file:line:col: message, in Chinese
	}{
		{"a block uncommented by removing # alone, under comments",
			"outcome: unharmed\ndisability_grade: 0\n# 公安机关确认后：删去下面四行开头的 #\n confirmed:\n   date: 2020-04-02\n   by: 射阳县公安局\nhonors: []\n",
			"f.yaml:4:2: YAML 语法错误：缩进不对：这一行缩进了 1 个空格，比上一行多；应缩进 0 个空格，与第 2 行的 disability_grade 对齐（只有以冒号结尾的字段，下面的行才多缩进）"},
		{"the last line of a visit uncommented with its space",
			"id: V-2020-0001\nnote: \"\"\n status: withdrawn\n",
			"f.yaml:3:2: YAML 语法错误：缩进不对：这一行缩进了 1 个空格，比上一行多；应缩进 0 个空格，与第 2 行的 note 对齐（只有以冒号结尾的字段，下面的行才多缩进）"},
		{"a nested line one space short",
			"deed:\n  date: 2020-01-01\n case: C-2020-0001\noutcome: unharmed\n",
			"f.yaml:3:2: YAML 语法错误：缩进不对：这一行缩进了 1 个空格，和上面的行都对不齐；应缩进 2 个空格，与第 2 行的 date 对齐；或者缩进 0 个空格，与第 1 行的 deed 对齐"},
		{"a nested line one space too many",
			"deed:\n  date: 2020-01-01\n   case: C-2020-0001\n",
			"f.yaml:3:4: YAML 语法错误：缩进不对：这一行缩进了 3 个空格，比上一行多；应缩进 2 个空格，与第 2 行的 date 对齐（只有以冒号结尾的字段，下面的行才多缩进）"},
		{"a field of a list item one space short",
			"beneficiaries:\n  - hero: H-2019-0002\n    amount: 2000\n   items: 米、油\n",
			"f.yaml:4:4: YAML 语法错误：缩进不对：这一行缩进了 3 个空格，和上面的行都对不齐；应缩进 4 个空格，与第 3 行的 amount 对齐；或者缩进 2 个空格，与第 2 行的列表项对齐"},
		{"a field of a list item at the dash",
			"beneficiaries:\n  - hero: H-2019-0002\n  amount: 2000\n",
			"f.yaml:3:3: YAML 语法错误：缩进不对：这一行和列表项对齐，却不以“- ”开头；应缩进 4 个空格，与第 2 行的 hero 对齐；或者以“- ”开头，作为新的一项"},
		{"honors uncommented with the comment's space",
			"honors: \n   - honor: city-model\n     year: 2020\n    posthumous: false\nhardship: false\n",
			"f.yaml:4:5: YAML 语法错误：缩进不对：这一行缩进了 4 个空格，和上面的行都对不齐；应缩进 5 个空格，与第 3 行的 year 对齐；或者缩进 3 个空格，与第 2 行的列表项对齐"},
		{"honors filled without removing []",
			"honors: []\n  - honor: city-model\n    year: 2020\n",
			"f.yaml:2:3: YAML 语法错误：缩进不对：这一行缩进了 2 个空格，比上一行多；应缩进 0 个空格，与第 1 行的 honors 对齐（只有以冒号结尾的字段，下面的行才多缩进）"},
		{"no space after the colon",
			"id: V-2020-0001\noccasion:hospital\njurisdiction: sheyang\n",
			"f.yaml:2:1: YAML 语法错误：冒号后面缺少空格：应写作 occasion: hospital"},
		{"a Chinese colon",
			"id: V-2020-0001\noccasion：hospital\njurisdiction: sheyang\n",
			"f.yaml:2:1: YAML 语法错误：用了中文冒号“：”；应写英文冒号加一个空格：occasion: hospital"},
		{"no space after a list's dash",
			"visitors:\n  - 市见义勇为基金会\n  -射阳县见义勇为基金会\n",
			"f.yaml:3:3: YAML 语法错误：列表项的“-”后面缺少空格：应写作 - 射阳县见义勇为基金会"},
		{"a second item one space to the left",
			"beneficiaries:\n  - hero: H-2019-0002\n    amount: 2000\n - hero: H-2019-0003\n   amount: 1000\n",
			"f.yaml:4:2: YAML 语法错误：缩进不对：这一行缩进了 1 个空格，和上面的行都对不齐；应缩进 2 个空格，与第 2 行的列表项对齐；或者缩进 0 个空格，与第 1 行的 beneficiaries 对齐"},
		{"a top-level field indented by one, after a block",
			"deed:\n  date: 2020-01-01\n outcome: unharmed\n",
			"f.yaml:3:2: YAML 语法错误：缩进不对：这一行缩进了 1 个空格，和上面的行都对不齐；应缩进 2 个空格，与第 2 行的 date 对齐；或者缩进 0 个空格，与第 1 行的 deed 对齐"},
		{"a line of text with no key",
			"id: V-2020-0001\n春节前走访慰问\njurisdiction: sheyang\n",
			"f.yaml:2:1: YAML 语法错误：这里应当是一个字段，写作“字段名: 值”；接着上一行写的文字要多缩进"},
		{"the problem after a block scalar and a flow list",
			"text: >-\n  进一步理顺\n\n  工作体制: 机制\nvisitors: [a,\n  b]\nnote: x\n  extra: y\n",
			"f.yaml:8:3: YAML 语法错误：缩进不对：这一行缩进了 2 个空格，比上一行多；应缩进 0 个空格，与第 7 行的 note 对齐（只有以冒号结尾的字段，下面的行才多缩进）"},
		{"a list item among fields",
			"id: V-2020-0001\n- hero: H-2019-0002\n",
			"f.yaml:2:1: YAML 语法错误：这里是同一级的各个字段，不能出现列表项“- ”：如果它属于某个列表，请写在那个列表的字段下面，并多缩进"},
	}
	zh := l10n.Printer(l10n.Chinese)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := Decode("f.yaml", []byte(tt.in), 0)
			if len(problems) != 1 {
				t.Fatalf("Decode(%q) = %d problems, want 1: %v", tt.in, len(problems), render(problems))
			}
			f := problems[0]
			got := f.Where() + ": " + f.Text(zh)
			if got != tt.want {
				t.Errorf("Decode(%q) =\n\t%s\nwant\n\t%s", tt.in, got, tt.want)
			}
			if f.Text(en) == f.Text(zh) {
				t.Errorf("the message has no Chinese form: %s", f.Text(en))
			}
		})
	}
}

// TestLayoutFindsNothingInValidYAML runs layout over documents that parse:
// it must see nothing wrong in any of them, or it would point at a line
// that is fine once it runs on a document broken elsewhere.
func TestLayoutFindsNothingInValidYAML(t *testing.T) {
	docs := []string{
		"a: 1\nb:\n  c: 2\n  d:\n    - x\n    - y\n  e: [1, 2]\nf:\n- g: 1\n  h: 2\n- i\n",
		"text: >-\n  a\n\n  b: c\nnote: |\n  x\n    y\nz: 1\n",
		"a: \"multi\n  line\"\nb: 'it''s'\nc: {x: 1,\n  y: 2}\n",
		"a: plain text\n  continued here\n  and here\nb: 1\n",
		"- id: F-2020-0001\n  date: 2020-01-01\n  # a comment\n\n- id: F-2020-0002\n",
		"a: 1 # comment: with colon\n\"quoted key\": 2\n'single': 3\n",
		"url: https://example.org/a#b\nlist:\n  - - nested\n    - more\n",
		"honors:\n#  - honor: city-model\n#    year: 2020\nhardship: false\n",
		"a:\nb: 2\n",
		"beneficiaries:\n  - hero: H-1\n    needs: [medical]\n    referral:\n      to: 市人社局\n  - hero: H-2\nnote: x\n",
	}
	for _, d := range docs {
		if _, problems := Decode("f.yaml", []byte(d), 0); len(problems) > 0 {
			t.Errorf("Decode(%q): %v; the document should parse", d, render(problems))
			continue
		}
		if p, ok := layout([]byte(d)); ok {
			t.Errorf("layout(%q) = line %d: %s, want nothing", d, p.line, p.msg.Localize(en))
		}
	}
}

// TestSyntaxErrorOffComments moves a syntax error that yaml.v3 reports at a
// comment to the next line with content.
func TestSyntaxErrorOffComments(t *testing.T) {
	in := "id: x\n# comment\n\nnote: \"unclosed\\q\"\n"
	_, problems := Decode("f.yaml", []byte(in), 2)
	if len(problems) != 1 || problems[0].Pos.Line != 6 {
		t.Errorf("Decode(%q) = %v, want one problem on line 6 (4 + the offset)", in, render(problems))
	}
}
