package markdown

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestMarkdown(t *testing.T) {
	m := New()
	for _, tc := range []struct {
		name, src string
		want      []string // substrings of the output
		not       []string // substrings that must not appear
	}{
		{"cjk", "他跳入河中，\n救起落水儿童。", []string{"<p>他跳入河中，救起落水儿童。</p>"}, nil},
		{"script", "前<script>alert(1)</script>后", nil, []string{"<script", "alert(1)</script>"}},
		{"block html", "<div onclick=\"x()\">甲</div>\n\n<img src=x onerror=alert(1)>", nil, []string{"onerror", "onclick", "<img", "<div"}},
		{"javascript link", "[点](javascript:alert(1))", []string{"<p>点</p>"}, []string{"javascript:", "<a"}},
		{"upper case", "[点](JavaScript:alert(1))", nil, []string{"avaScript:"}},
		{"entity", "[点](&#x6A;avascript:alert(1))", nil, []string{"avascript:"}},
		{"vbscript", "[点](vbscript:msgbox)", nil, []string{"vbscript:"}},
		{"data", "[点](data:text/html;base64,PHNjcmlwdD4=)", nil, []string{"data:"}},
		{"autolink", "<javascript:alert(1)>", nil, []string{`href="javascript:`}},
		{"remote image", "![照片](https://evil.example/p.png)", []string{`<a href="https://evil.example/p.png">照片</a>`}, []string{"<img"}},
		{"local image", "![照片](photos/a.jpg)", []string{`<img src="photos/a.jpg" alt="照片"`}, nil},
		{"https link", "[新闻](https://www.yancheng.gov.cn/)", []string{`<a href="https://www.yancheng.gov.cn/">新闻</a>`}, nil},
		{"heading", "# 事迹\n## 经过", []string{"<h2>事迹</h2>", "<h3>经过</h3>"}, []string{"<h1>"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := m.Render(tc.src)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(string(got), w) {
					t.Errorf("Render(%q) = %q, want it to contain %q", tc.src, got, w)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(string(got), n) {
					t.Errorf("Render(%q) = %q, must not contain %q", tc.src, got, n)
				}
			}
		})
	}
}

func TestSafeLink(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"https://a.cn/", true}, {"http://a.cn", true}, {"mailto:x@a.cn", true},
		{"../roll.html", true}, {"#top", true}, {"javascript:alert(1)", false},
		{" javascript:alert(1)", false}, {"java\tscript:alert(1)", false},
		{"JAVASCRIPT:x", false}, {"data:text/html,x", false}, {"file:///etc/passwd", false},
	} {
		if got := SafeLink(tc.in); got != tc.want {
			t.Errorf("SafeLink(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestLead(t *testing.T) {
	m := New()
	for _, tc := range []struct{ in, want string }{
		{"2020年3月14日下午，王伟在黄沙港边听到呼救，\n立即跳入冰冷的河水。\n\n他把孩子托出水面。", "2020年3月14日下午，王伟在黄沙港边听到呼救，立即跳入冰冷的河水。"},
		{"\n\n## 经过\n\n他**连续三次**下水，见[报道](https://example.cn/)。\n\n后来。", "他连续三次下水，见报道。"},
		{"郑勇的事迹<script>alert('body')</script>。\n\n[详情](javascript:alert(1))", "郑勇的事迹alert('body')。"},
		{"A &amp; B < C", "A & B < C"},
		{"## 只有标题", ""},
		{"", ""},
	} {
		got, err := m.Lead(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("Lead(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

// TestLeadOfPartIsOfWhole holds that Lead, which parses only the text
// before the first empty line when it can, gives the first paragraph of
// the whole narrative: narratives whose first blocks span that line, or
// whose links a later definition completes.
func TestLeadOfPartIsOfWhole(t *testing.T) {
	m := New()
	for _, src := range []string{
		"第一段，\n接着写。\n\n第二段。",
		"- 甲\n\n  乙\n\n丙",
		"- 甲\n- 乙\n\n- 丙\n\n丁",
		"- 甲\n- 乙\n\n丙",
		"> 引文\n\n> 又一段\n\n正文",
		"```\n代码\n\n代码\n```\n\n正文",
		"正文\n```\n代码\n\n```",
		"    缩进代码\n\n    还是代码\n正文",
		"标题\n===\n\n正文",
		"<div>\n\n甲\n\n</div>\n\n乙",
		"<pre>\n甲\n\n乙\n</pre>\n\n丙",
		"<!--\n甲\n\n-->\n\n乙",
		"见[报道][1]。\n\n[1]: https://example.cn/",
		"见[报道]。\n\n[报道]: https://example.cn/",
		"1. 甲\n\n2. 乙",
		"第一行  \n第二行\n\n第二段",
		"甲\r\n\r\n乙",
		"\n\n甲\n\n乙",
		"## 标题\n\n甲",
		"甲 *强调\n\n跨段* 乙",
	} {
		got, err := m.Lead(src)
		if err != nil {
			t.Fatal(err)
		}
		want, _, err := m.lead(src)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("Lead(%q) = %q, the whole narrative's first paragraph is %q", src, got, want)
		}
	}
}

// viaGoldmark is Render without the plain path: what goldmark makes of src.
func viaGoldmark(t testing.TB, m *Renderer, src string) string {
	t.Helper()
	var b strings.Builder
	if err := m.md.Convert([]byte(src), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// plainCases are narratives at the edge of what plain takes: each is
// rendered by plain or by goldmark, and must come out as goldmark's.
var plainCases = []string{
	"", "\n", "\n\n\n", "甲", "甲\n", "\n\n甲\n\n\n乙\n",
	"2016年1月1日中午，寒风刺骨。\n\n消防救援人员赶到时，人员已全部撤出。",
	"第一行\n第二行", "他跳入河中，\n救起落水儿童。", "abc\ndef", "甲 \n\n乙", " 甲", "    甲", "\t甲",
	"甲  \n乙", "1. 甲", "1) 甲", "1.5米深的河", "12345678901. 甲", "2020年", "(1) 甲", "1.",
	"a, b; c: d? 50% e/f (g).", "a.b.c", "www.example.cn", "http://example.cn/a", "x@example.cn",
	"甲<script>alert(1)</script>", "甲\"乙'丙&amp;丁", "&#x6A;", "甲\\\n乙", "*甲*", "_甲_", "`甲`",
	"# 标题", "标题\n===", "标题\n---", "---", "***", "> 引文", "- 甲", "+ 甲", "~~甲~~", "[甲](b)", "![甲](b)",
	"甲\r\n乙", "甲\r\n\r\n乙", "\x00", "甲\x00乙", "\xff", "\ufeff甲", "甲\u2028乙", "甲\u202e乙", "\u00a0甲\u00a0",
	"\u3000甲\u3000", "甲\u0085乙", "a  b", "a\u00a0\nb", "|甲|乙|\n|-|-|\n|1|2|",
}

func TestPlainIsGoldmark(t *testing.T) {
	m := New()
	took := 0
	for _, src := range plainCases {
		got, err := m.Render(src)
		if err != nil {
			t.Fatal(err)
		}
		if want := viaGoldmark(t, m, src); string(got) != want {
			t.Errorf("Render(%q) = %q, goldmark gives %q", src, got, want)
		}
		lead, err := m.Lead(src)
		if err != nil {
			t.Fatal(err)
		}
		if want, _, _ := m.lead(src); lead != want {
			t.Errorf("Lead(%q) = %q, goldmark's first paragraph is %q", src, lead, want)
		}
		if _, ok := plain(src); ok {
			took++
		}
	}
	// The cases must exercise both ways.
	if took < 10 || took == len(plainCases) {
		t.Errorf("plain took %d of %d cases", took, len(plainCases))
	}
}

// FuzzPlain holds that plain, where it takes a narrative, gives goldmark's
// output and first paragraph.
func FuzzPlain(f *testing.F) {
	for _, src := range plainCases {
		f.Add(src)
	}
	m := New()
	f.Fuzz(func(t *testing.T, src string) {
		h, ok := plain(src)
		if !ok {
			return
		}
		if want := viaGoldmark(t, m, src); string(h) != want {
			t.Errorf("plain(%q) = %q, goldmark gives %q", src, h, want)
		}
		lead, _ := plainLead(src)
		if want, _, _ := m.lead(src); lead != want {
			t.Errorf("plainLead(%q) = %q, goldmark's first paragraph is %q", src, lead, want)
		}
	})
}

// TestPlainOnItsAlphabet renders narratives made of the characters plain
// takes and of its neighbours (a second line, a space at an edge, a list
// number), in every order a seeded generator gives, both ways.
func TestPlainOnItsAlphabet(t *testing.T) {
	pieces := []string{
		"甲", "救起落水儿童", "，", "。", "“", "”", "、", "（", "）", "\u3000", "\u00a0", "\u2028", "\u202e", "\ufeff",
		"a", "Z", "0", "1", "9", "12", " ", "  ", ",", ".", ";", ":", "?", "%", "/", "(", ")",
		"\n", "\n", "\n\n", "\n\n", "\n\n\n",
	}
	m := New()
	r := rand.New(rand.NewPCG(13, 2026))
	took := 0
	for range 20000 {
		var b strings.Builder
		for range 1 + r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		src := b.String()
		h, ok := plain(src)
		if !ok {
			continue
		}
		took++
		if want := viaGoldmark(t, m, src); string(h) != want {
			t.Fatalf("plain(%q) = %q, goldmark gives %q", src, h, want)
		}
		lead, _ := plainLead(src)
		if want, _, _ := m.lead(src); lead != want {
			t.Fatalf("plainLead(%q) = %q, goldmark's first paragraph is %q", src, lead, want)
		}
	}
	if took < 2000 {
		t.Errorf("plain took only %d of the 20,000 narratives", took)
	}
}
