package site

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestParsePagesBlocksDoNotClash(t *testing.T) {
	fsys := fstest.MapFS{
		"base.html": {Data: []byte(`<title>{{block "title" .}}站{{end}}</title><main>{{block "main" .}}{{end}}</main>`)},
		"a.html":    {Data: []byte(`{{define "title"}}甲{{end}}{{define "main"}}<p>{{.}}</p>{{end}}`)},
		"b.html":    {Data: []byte(`{{define "main"}}<b>{{zhdate .}}</b>{{end}}`)},
	}
	p, err := ParsePages(fsys, Funcs(), []string{"base.html"}, "a.html", "b.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ page, data, want string }{
		{"a.html", "<x>", `<title>甲</title><main><p>&lt;x&gt;</p></main>`},
		{"b.html", "2020-03-14", `<title>站</title><main><b>2020年3月14日</b></main>`},
	} {
		var sb strings.Builder
		if err := p.Render(&sb, tc.page, tc.data); err != nil {
			t.Fatal(err)
		}
		if sb.String() != tc.want {
			t.Errorf("Render(%q, %q) = %q, want %q", tc.page, tc.data, sb.String(), tc.want)
		}
	}
	if got := strings.Join(p.Names(), ","); got != "a.html,b.html" {
		t.Errorf("Names() = %q", got)
	}
	if err := p.Render(&strings.Builder{}, "c.html", nil); err == nil {
		t.Error("Render of a missing page: no error")
	}
}

func TestParsePagesErrorNamesFile(t *testing.T) {
	fsys := fstest.MapFS{
		"base.html": {Data: []byte(`{{block "main" .}}{{end}}`)},
		"bad.html":  {Data: []byte(`{{define "main"}}{{if}}{{end}}`)},
	}
	_, err := ParsePages(fsys, Funcs(), []string{"base.html"}, "bad.html")
	if err == nil || !strings.Contains(err.Error(), "bad.html") {
		t.Errorf("ParsePages error = %v, want one naming bad.html", err)
	}
}

func TestZhDate(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2020-03-14", "2020年3月14日"},
		{"2019-12-01", "2019年12月1日"},
		{"2020-05", "2020年5月"},
		{"", ""},
		{"不详", "不详"},
	} {
		if got := ZhDate(tc.in); got != tc.want {
			t.Errorf("ZhDate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestPercent(t *testing.T) {
	for _, tc := range []struct{ n, max, want int }{
		{0, 10, 0}, {5, 10, 50}, {10, 10, 100}, {1, 1000, 1}, {3, 0, 0}, {20, 10, 100},
	} {
		if got := Percent(tc.n, tc.max); got != tc.want {
			t.Errorf("Percent(%d, %d) = %d, want %d", tc.n, tc.max, got, tc.want)
		}
	}
}

func TestMarkdown(t *testing.T) {
	m := NewMarkdown()
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

func TestOutputCommitReplaces(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "_site", "public")
	for i, body := range []string{"一", "二"} {
		o, err := NewOutput(target)
		if err != nil {
			t.Fatal(err)
		}
		if err := o.WriteFile("a/b.html", []byte(body)); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			if err := o.WriteFile("old-only.txt", []byte("x")); err != nil {
				t.Fatal(err)
			}
		}
		if err := o.Commit(); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(target, "a", "b.html"))
		if err != nil || string(got) != body {
			t.Fatalf("after commit %d: %q, %v; want %q", i, got, err, body)
		}
	}
	if _, err := os.Stat(filepath.Join(target, "old-only.txt")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a file of the previous site survived the swap: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "_site"))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got, want := strings.Join(names, " "), ".public.manifest public"; got != want {
		t.Errorf("_site holds %q after commits, want %q: the site and its manifest", got, want)
	}
}

func TestOutputAbortKeepsPrevious(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "public")
	if err := os.MkdirAll(target, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(target, "index.html"), []byte("旧"), 0o644); err != nil {
		t.Fatal(err)
	}
	o, err := NewOutput(target)
	if err != nil {
		t.Fatal(err)
	}
	if err := o.WriteFile("index.html", []byte("新")); err != nil {
		t.Fatal(err)
	}
	o.Abort()
	got, _ := os.ReadFile(filepath.Join(target, "index.html"))
	if string(got) != "旧" {
		t.Errorf("after Abort index.html = %q, want the previous %q", got, "旧")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("staging folder left behind: %d entries", len(entries))
	}
}

func TestOutputRejectsEscapingNames(t *testing.T) {
	o, err := NewOutput(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer o.Abort()
	for _, name := range []string{"../x", "/etc/x", "", "a/../../b"} {
		if err := o.WriteFile(name, nil); err == nil {
			t.Errorf("WriteFile(%q): no error", name)
		}
	}
}

// build writes files into a new Output at target and commits it.
func build(t *testing.T, target string, files map[string]string) *Output {
	t.Helper()
	o, err := NewOutput(target)
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range files {
		if err := o.WriteFile(name, []byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := o.Commit(); err != nil {
		t.Fatal(err)
	}
	return o
}

func TestOutputIncremental(t *testing.T) {
	target := filepath.Join(t.TempDir(), "_site", "public")
	build(t, target, map[string]string{"index.html": "首页", "a/b.html": "乙", "gone/x.html": "x"})
	stat := func(name string) os.FileInfo {
		fi, err := os.Stat(filepath.Join(target, name))
		if err != nil {
			t.Fatal(err)
		}
		return fi
	}
	index := stat("index.html")

	o := build(t, target, map[string]string{"index.html": "首页", "a/b.html": "丙", "c.html": "新"})
	if o.Written() != 2 || o.Unchanged() != 1 || o.Files() != 3 {
		t.Errorf("written %d, unchanged %d, files %d; want 2, 1, 3", o.Written(), o.Unchanged(), o.Files())
	}
	if !os.SameFile(index, stat("index.html")) {
		t.Error("index.html was rewritten though its bytes are the same")
	}
	for name, want := range map[string]string{"index.html": "首页", "a/b.html": "丙", "c.html": "新"} {
		if got, _ := os.ReadFile(filepath.Join(target, name)); string(got) != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if _, err := os.Stat(filepath.Join(target, "gone")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the folder of a file no longer built is still there: %v", err)
	}
}

// TestOutputWithoutManifest: with the manifest lost (a crash during Commit,
// or a site built before manifests) files are compared by content.
func TestOutputWithoutManifest(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "public")
	build(t, target, map[string]string{"index.html": "首页", "a.html": "甲"})
	if err := os.Remove(filepath.Join(dir, ".public.manifest")); err != nil {
		t.Fatal(err)
	}
	o := build(t, target, map[string]string{"index.html": "首页", "a.html": "乙"})
	if o.Written() != 1 || o.Unchanged() != 1 {
		t.Errorf("written %d, unchanged %d; want 1 and 1", o.Written(), o.Unchanged())
	}
	if _, err := os.Stat(filepath.Join(dir, ".public.manifest")); err != nil {
		t.Errorf("no manifest after the build: %v", err)
	}
}

// TestOutputRepairsHandEdits: a file changed or removed by hand since the
// last build is written again, though the manifest remembers it as built.
func TestOutputRepairsHandEdits(t *testing.T) {
	target := filepath.Join(t.TempDir(), "public")
	files := map[string]string{"index.html": "首页", "a.html": "甲"}
	build(t, target, files)
	later := time.Now().Add(time.Hour)
	if err := os.WriteFile(filepath.Join(target, "index.html"), []byte("篡改"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(filepath.Join(target, "index.html"), later, later); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(target, "a.html")); err != nil {
		t.Fatal(err)
	}
	o := build(t, target, files)
	if o.Written() != 2 {
		t.Errorf("written %d, want 2: the edited and the removed file", o.Written())
	}
	for name, want := range files {
		if got, _ := os.ReadFile(filepath.Join(target, name)); string(got) != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
}

func TestOutputRejectsTwoWritesOfOneFile(t *testing.T) {
	o, err := NewOutput(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer o.Abort()
	if err := o.WriteFile("a.html", []byte("1")); err != nil {
		t.Fatal(err)
	}
	if err := o.WriteFile("a.html", []byte("2")); err == nil {
		t.Error("a second WriteFile of a.html: no error")
	}
}
