package scaffold

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/check"
	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/idcard"
	"github.com/yancheng-jyyw/roll/internal/rules"
	"github.com/yancheng-jyyw/roll/internal/schema"
)

// An instruction is one thing the comments of a template tell a person to
// do to the file: take the # off a field held in reserve, delete [], delete
// a line, change a value, copy a group of lines.
type instruction struct {
	line   int    // the index of the line whose comment says it
	phrase string // the words of the comment that say it
	do     func(lines []string, at int) []string
}

// name identifies an instruction for the scenarios below: its words and
// the line they are on.
func (in instruction) name(lines []string) string {
	return in.phrase + " @ " + strings.TrimSpace(lines[in.line])
}

// numerals are the numbers the templates write in words.
var numerals = map[string]int{"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}

// The phrases of the templates' instructions, and what each does. Every
// comment that holds one of the verbs of verbs must be made of these, or
// the test cannot tell what the template asks.
var (
	uncommentThis  = regexp.MustCompile(`删去本行字段名前的 #`)
	uncommentBelow = regexp.MustCompile(`删去下面(一|两|二|三|四|五|六)行字段名前的 #`)
	deleteBrackets = regexp.MustCompile(`删去 \[\]`)
	deleteThis     = regexp.MustCompile(`删去本行`)
	setOther       = regexp.MustCompile(`把 ([a-z_.]+) 改为 ([a-z_]+)`)
	setThis        = regexp.MustCompile(`(?:改为|改回) ([a-z_]+)`)
	copyBelow      = regexp.MustCompile(`把(本行和)?下面(一|两|二|三|四|五|六)行复制(?:几遍|一遍接在最后)`)
	writeMore      = regexp.MustCompile(`有几(?:个|位)就写几行，每行以“- ”开头`)
	folded         = regexp.MustCompile(`较长时写成 text: >- 并在下一行缩进两格接着写`)
	verbs          = regexp.MustCompile(`删去|改为|改回|复制|写成|写几行`)
)

// comment returns the comment of a line: all of a comment line, or what
// follows "  # " on a line with a value; "" for none. A field held in
// reserve (#confirmed:) is not a comment here but a line to uncomment.
func comment(line string) string {
	t := strings.TrimSpace(line)
	if strings.HasPrefix(t, "# ") {
		return t[2:]
	}
	if _, c, ok := strings.Cut(line, "  # "); ok {
		return c
	}
	return ""
}

// instructions reads the instructions of a template. It fails the test on
// a comment that holds a verb it cannot read.
func instructions(t *testing.T, kind schema.Kind, lines []string) []instruction {
	t.Helper()
	var out []instruction
	for i, line := range lines {
		c := comment(line)
		if c == "" {
			continue
		}
		rest := c
		take := func(re *regexp.Regexp, do func(m []string) func([]string, int) []string) {
			for _, m := range re.FindAllStringSubmatch(rest, -1) {
				out = append(out, instruction{line: i, phrase: m[0], do: do(m)})
			}
			rest = re.ReplaceAllString(rest, "")
		}
		take(uncommentThis, func([]string) func([]string, int) []string {
			return func(ls []string, at int) []string { ls[at] = uncomment(ls[at]); return ls }
		})
		take(uncommentBelow, func(m []string) func([]string, int) []string {
			n := numerals[m[1]]
			return func(ls []string, at int) []string {
				for j := at + 1; j <= at+n; j++ {
					ls[j] = uncomment(ls[j])
				}
				return ls
			}
		})
		take(deleteBrackets, func([]string) func([]string, int) []string {
			return func(ls []string, at int) []string {
				k, c, _ := strings.Cut(ls[at], "  # ")
				ls[at] = strings.Replace(k, " []", "", 1) + "  # " + c
				return ls
			}
		})
		take(deleteThis, func([]string) func([]string, int) []string {
			return func(ls []string, at int) []string { ls[at] = deleted; return ls }
		})
		take(setOther, func(m []string) func([]string, int) []string {
			return func(ls []string, at int) []string { return setValue(t, ls, m[1], m[2]) }
		})
		take(setThis, func(m []string) func([]string, int) []string {
			return func(ls []string, at int) []string {
				key, _, _ := strings.Cut(strings.TrimSpace(ls[at]), ":")
				return setValueAt(ls, at, key, m[1])
			}
		})
		take(copyBelow, func(m []string) func([]string, int) []string {
			n, from := numerals[m[2]], 1
			if m[1] != "" {
				n, from = n+1, 0
			}
			return func(ls []string, at int) []string {
				group := slices.Clone(ls[at+from : at+from+n])
				return slices.Insert(ls, at+from+n, group...)
			}
		})
		take(writeMore, func([]string) func([]string, int) []string {
			return func(ls []string, at int) []string { return slices.Insert(ls, at+2, ls[at+1]) }
		})
		take(folded, func([]string) func([]string, int) []string {
			return func(ls []string, at int) []string {
				key, rest, _ := strings.Cut(ls[at], ": ")
				value, c, _ := strings.Cut(rest, "  # ")
				ls[at] = key + ": >-  # " + c
				return slices.Insert(ls, at+1, "  "+value)
			}
		})
		if verbs.MatchString(rest) {
			t.Errorf("%s template, line %d: an instruction the test cannot read: %q", kind, i+1, rest)
		}
	}
	return out
}

// deleted marks a line an instruction deleted; lines are removed at the end
// so that the lines of the instructions keep their indexes.
const deleted = "\x00deleted"

// uncomment takes the # off a field held in reserve: the one before its
// name, and nothing else.
func uncomment(line string) string {
	i := strings.IndexByte(line, '#')
	if i < 0 || strings.TrimSpace(line[:i]) != "" {
		return line
	}
	return line[:i] + line[i+1:]
}

// setValue sets the value of the field at a dotted path (public.consent):
// the first line of its last key below the line of each key before it.
func setValue(t *testing.T, lines []string, path, value string) []string {
	keys := strings.Split(path, ".")
	from := 0
	for _, k := range keys[:len(keys)-1] {
		from = findKey(lines, from, k) + 1
	}
	at := findKey(lines, from, keys[len(keys)-1])
	if at < 0 {
		t.Fatalf("no field %s in the template", path)
	}
	return setValueAt(lines, at, keys[len(keys)-1], value)
}

func findKey(lines []string, from int, key string) int {
	for i := from; i < len(lines); i++ {
		if strings.HasPrefix(strings.TrimLeft(lines[i], " -"), key+":") {
			return i
		}
	}
	return -1
}

// setValueAt sets the value of the field key on line at, keeping its
// indentation and comment.
func setValueAt(lines []string, at int, key, value string) []string {
	line := lines[at]
	i := strings.Index(line, key+":")
	_, c, hasComment := strings.Cut(line[i:], "  # ")
	lines[at] = line[:i] + key + ": " + value
	if hasComment {
		lines[at] += "  # " + c
	}
	return lines
}

// A scenario follows some of a template's instructions, then fills every
// value marked 【必填】, and expects a record that passes the check.
type scenario struct {
	name   string
	follow []string          // substrings of the names of the instructions to follow
	values map[string]string // values for 【必填】 placeholders and fields, beyond the common ones
}

// setups are the records some scenarios need first, by path: a task is
// carried into a task of the next year's plan that is recorded already.
var setups = map[string]map[string]string{
	"carried to the next year": {
		"records/tasks/2021/plan.yaml": "year: 2021\ndoc: 盐义通〔2021〕1号\ntitle: 2021年全市见义勇为工作重点任务\nissued: 2021-01-10\nsections:\n  - {number: 1, title: 抓好顶层设计}\n",
		"records/tasks/2021/01.yaml":   "id: T-2021-01\nnumber: 1\nsection: 1\ntitle: 开展见义勇为宣传月活动\ntext: 续办。\nlead: 市见义勇为基金会\ndue: 2021-12-31\nstatus: not_started\nscope: city\n",
	},
}

// scenarios are what a clerk does with each template: the instructions of
// each are followed together; together they follow every instruction.
var scenarios = map[schema.Kind][]scenario{
	schema.Hero: {
		{"pending, as the template stands", nil, nil},
		{"confirmed, honored by a decision's title, public", []string{
			"改为 confirmed @ status", "删去下面四行字段名前的 # @ # 公安机关确认后", "把 status 改为 confirmed", "删去 [] @ honors",
			"删去下面五行字段名前的 # @ honors", "删去本行 @ #decision", "改为 true @ consent", "删去本行字段名前的 # @ #case",
			"改为 true @ photo_consent",
		}, map[string]string{"status": "confirmed"}},
		{"a martyr, honored", []string{
			"改为 confirmed @ status", "删去下面四行字段名前的 # @ # 公安机关确认后", "删去下面三行字段名前的 # @ # 可选：经批准评定为烈士",
		}, map[string]string{"outcome": "deceased"}},
		{"no longer public", []string{
			"改为 confirmed @ status", "删去下面四行字段名前的 # @ # 公安机关确认后", "改为 true @ consent", "改回 false @ consent",
			"把 public.consent 改为 false",
		}, nil},
		{"withdrawn: the record was wrong", []string{"把 status 改为 withdrawn", "删去本行 @ id_number"}, nil},
	},
	schema.Visit: {
		{"two visitors, two families, needs and a referral", []string{
			"有几个就写几行", "把下面三行复制几遍", "删去下面一行字段名前的 #", "删去下面五行字段名前的 #",
		}, map[string]string{"hero#2": "H-2019-0003", "-#2": "射阳县见义勇为基金会"}},
		{"withdrawn", []string{"删去本行字段名前的 # @ #status: withdrawn"}, nil},
	},
	schema.Task: {
		{"a long text, a typed target and two updates", []string{
			"较长时写成 text", "删去下面三行字段名前的 # @ # 可选：可计量的目标", "删去下面一行字段名前的 # @ # 不能从记录统计的",
			"删去 [] @ updates", "删去下面四行字段名前的 # @ updates", "把下面四行复制一遍接在最后",
		}, nil},
		{"a target counted from the records", []string{
			"删去下面三行字段名前的 # @ # 可选：可计量的目标", "删去下面一行字段名前的 # @ # 完成数能从记录中统计的",
			"删去下面一行字段名前的 # @ # 统计口径为 events",
		}, nil},
		{"carried to the next year", []string{"删去下面一行字段名前的 # @ # 年内未完成"}, map[string]string{"carried_to": "T-2021-01"}},
	},
	schema.Report: {
		{"two tasks, withdrawn", []string{"把本行和下面两行复制几遍", "删去本行字段名前的 # @ #status"},
			map[string]string{"task#2": "T-2020-06"}},
	},
	schema.Event: {
		{"withdrawn", []string{"删去本行字段名前的 # @ #status"}, nil},
	},
	schema.Team: {
		{"an agreement and a contact, dissolved", []string{
			"删去下面三行字段名前的 # @ # 可选：与基金会签订合作协议", "删去下面三行字段名前的 # @ # 可选：联系人", "把 status 改为 dissolved",
		}, nil},
		{"withdrawn", []string{"把 status 改为 withdrawn"}, nil},
	},
	schema.Decision: {
		{"two awards paid by the foundation", []string{"把下面四行复制几遍", "删去本行字段名前的 # @ #reward"},
			map[string]string{"hero#2": "H-2018-0002", "honor#2": "city-model", "posthumous#2": "true"}},
		{"withdrawn", []string{"删去本行字段名前的 # @ #status"}, nil},
	},
	schema.Nomination: {
		{"noticed, submitted, awarded", []string{
			"有几位就写几行", "删去下面三行字段名前的 # @ # 公示", "删去本行字段名前的 # @ #submitted",
			"改为 awarded", "删去本行字段名前的 # @ #decision",
		}, map[string]string{"decision": "D-2020-06", "honor": "city-advanced", "-": "H-2019-0002", "-#2": "H-2019-0003"}},
		{"withdrawn", []string{"删去本行字段名前的 # @ #status"}, nil},
	},
	schema.Fund: {
		{"a payment for a visit, withdrawn", []string{
			"删去本行字段名前的 # @ #ref", "删去本行字段名前的 # @ #hero", "删去本行字段名前的 # @ #jurisdiction",
			"删去本行字段名前的 # @ #status",
		}, map[string]string{"ref": "V-2020-0013", "hero": "H-2016-0002"}},
	},
}

// commonValues fill the 【必填】 placeholders of every kind.
func commonValues() map[string]string {
	first17 := "32092419850314001" // born 1985-03-14, 17th digit odd: male
	return map[string]string{
		"gender": "male", "birth_year": "1985", "date": "2020-03-14", "place": "射阳县合德镇黄沙港",
		"kind": "rescue", "summary": "跳入河中救起落水儿童", "outcome": "unharmed",
		"id_number": `"` + first17 + string(idcard.CheckDigit(first17)) + `"`,
		"occasion":  "mid_autumn", "jurisdiction": "binhai", "-": "市见义勇为基金会", "hero": "H-2019-0002",
		"section": "2", "title": "开展见义勇为宣传月活动", "text": "组织各县（市、区）开展见义勇为宣传月活动。",
		"lead": "市见义勇为基金会", "due": "2020-12-31", "scope": "city",
		"period": "2020-Q3", "submitted": "2020-10-09", "by": "盐城经济技术开发区见义勇为办公室", "status": "in_progress", "task": "T-2020-01",
		"members": "12", "since": "2020-05-01", "doc": "盐见义〔2019〕30号", "issuer": "盐城市见义勇为基金会",
		"amount": `"2000.00"`, "category": "condolence", "honor": "city-quarterly",
	}
}

// kindValues are the values that differ by kind.
var kindValues = map[schema.Kind]map[string]string{
	schema.Event:      {"kind": "publicity"},
	schema.Team:       {"kind": "volunteer", "name": "滨海县见义勇为志愿者服务队", "status": "active"},
	schema.Decision:   {"hero": "H-2018-0001", "honor": "city-advanced"},
	schema.Nomination: {"honor": "province-advanced", "-": "H-2020-0007", "status": "active"},
	schema.Fund:       {"kind": "expense"},
	schema.Visit:      {"date": "2020-09-30"},
	schema.Report:     {"jurisdiction": "kaifaqu"},
}

// TestTemplateInstructions does exactly what the instructions of each
// template say, scenario by scenario, fills the values marked 【必填】, and
// checks the records with the repository's own: none may have an error.
// Every instruction of every template is followed by some scenario.
func TestTemplateInstructions(t *testing.T) {
	dir, _ := copyRepo(t)
	js, hs := catalogs(t)
	var written []string
	for _, k := range kinds {
		data, err := Blank(k.kind, js, hs)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(data), "\n")
		all := instructions(t, k.kind, lines)
		followed := make([]bool, len(all))
		for n, sc := range scenarios[k.kind] {
			var chosen []instruction
			for _, sel := range sc.follow {
				found := false
				for i, in := range all {
					if strings.Contains(in.name(lines), sel) {
						chosen, followed[i], found = append(chosen, in), true, true
					}
				}
				if !found {
					t.Errorf("%s, %s: no instruction matches %q", k.kind, sc.name, sel)
				}
			}
			// Later lines first, so that copies do not move the lines of
			// the instructions still to follow.
			slices.SortStableFunc(chosen, func(a, b instruction) int { return b.line - a.line })
			for p, data := range setups[sc.name] {
				full := filepath.Join(dir, filepath.FromSlash(p))
				if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			path, values := place(k.kind, n)
			maps.Copy(values, sc.values)
			// As a clerk does: fill in what is marked 【必填】, follow the
			// instructions, then fill in what they uncovered.
			ls := strings.Split(string(fill(t, data, values)), "\n")
			for _, in := range chosen {
				ls = in.do(ls, in.line)
			}
			ls = slices.DeleteFunc(ls, func(l string) bool { return l == deleted })
			filled := fillUncovered(ls, values)
			if i := strings.Index(filled, "（"+rules.NarrativePlaceholder); i >= 0 {
				filled = filled[:i] + "2020年9月30日，他跳入河中救起落水儿童。\n"
			}
			full := filepath.Join(dir, filepath.FromSlash(path))
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(full, []byte(filled), 0o644); err != nil {
				t.Fatal(err)
			}
			written = append(written, path)
		}
		for i, in := range all {
			if !followed[i] {
				t.Errorf("%s: no scenario follows the instruction %q", k.kind, in.name(lines))
			}
		}
	}
	res, err := check.Run(dir, check.Options{Today: sampleDay, Paths: written})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Findings {
		if f.Severity == finding.Error {
			data, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.File)))
			t.Errorf("%s\n%s", f, data)
		}
	}
	if len(written) < 15 {
		t.Errorf("wrote %d records, want one per scenario", len(written))
	}
}

// place returns where the n-th scenario of a kind writes its record, and
// the values of its id, folder and name.
func place(k schema.Kind, n int) (string, map[string]string) {
	v := commonValues()
	maps.Copy(v, kindValues[k])
	switch k {
	case schema.Hero:
		id := fmt.Sprintf("H-2020-09%02d", n)
		v["id"], v["name"] = id, "欧阳明"+string([]rune("一二三四五六七八九")[n])
		return "records/heroes/binhai/" + id + ".md", v
	case schema.Visit:
		id := fmt.Sprintf("V-2020-09%02d", n)
		v["id"] = id
		return "records/visits/2020/" + id + ".yaml", v
	case schema.Task:
		v["id"], v["number"] = fmt.Sprintf("T-2020-9%d", n), "9"+strconv.Itoa(n)
		return fmt.Sprintf("records/tasks/2020/9%d.yaml", n), v
	case schema.Report:
		v["id"] = "R-2020-Q3-kaifaqu" // missing in the sample
		return "records/reports/2020/R-2020-Q3-kaifaqu.yaml", v
	case schema.Event:
		id := fmt.Sprintf("E-2020-09%02d", n)
		v["id"] = id
		return "records/events/2020/" + id + ".yaml", v
	case schema.Team:
		id := fmt.Sprintf("TM-binhai-9%d", n)
		v["id"] = id
		return "records/teams/binhai/" + id + ".yaml", v
	case schema.Decision:
		id := fmt.Sprintf("D-2018-9%d", n)
		v["id"], v["date"] = id, "2018-12-20"
		return "records/decisions/2018/" + id + ".yaml", v
	case schema.Nomination:
		id := fmt.Sprintf("N-2020-9%d", n)
		v["id"] = id
		return "records/nominations/2020/" + id + ".yaml", v
	case schema.Fund:
		v["id"], v["date"] = fmt.Sprintf("F-2018-09%02d", n), fmt.Sprintf("2018-%02d-28", n+1)
		return fmt.Sprintf("records/fund/2018/%02d.yaml", n+1), v
	}
	panic(k)
}

// fillUncovered sets the fields of overridable that a scenario uncommented,
// as "并填写" asks, and gives a group of lines copied values["key#2"] in its
// second copy, where two alike would break a rule (the same family twice
// in a visit).
func fillUncovered(lines []string, values map[string]string) string {
	seen := map[string]int{}
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || trimmed[0] == '#' || trimmed == "---" {
			continue
		}
		item := strings.TrimPrefix(trimmed, "- ")
		key, _, isKey := strings.Cut(item, ":")
		if !isKey {
			key = "-"
		}
		seen[key]++
		v, ok := values[fmt.Sprintf("%s#%d", key, seen[key])]
		if !ok && seen[key] == 1 && overridable[key] {
			v, ok = values[key]
		}
		if !ok {
			continue
		}
		if isKey {
			lines = setValueAt(lines, i, key, v)
		} else {
			c := ""
			if _, cm, has := strings.Cut(line, "  # "); has {
				c = "  # " + cm
			}
			lines[i] = line[:strings.Index(line, "- ")+2] + v + c
		}
	}
	return strings.Join(lines, "\n")
}

// overridable are the fields a scenario may set after uncommenting them,
// as the instruction "并填写" asks: their examples are placeholders too.
var overridable = map[string]bool{"carried_to": true, "decision": true, "ref": true, "hero": true}
