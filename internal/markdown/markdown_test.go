package markdown

import (
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
