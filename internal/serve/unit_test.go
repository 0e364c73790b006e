package serve

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/l10n"
	"github.com/yancheng-jyyw/roll/internal/site"
)

func TestInject(t *testing.T) {
	const tag = `<script src="/_roll/reload.js" data-build="b-1"></script>` + "\n"
	tests := []struct{ in, want string }{
		{"<html><body><p>x</p></body></html>", "<html><body><p>x</p>" + tag + "</body></html>"},
		{"<BODY>a</BODY>", "<BODY>a" + tag + "</BODY>"},
		// The last </body>: an earlier one may be text in a <pre>.
		{"<pre>&lt;/body></pre></body>x</body>", "<pre>&lt;/body></pre></body>x" + tag + "</body>"},
		{"<p>no body", "<p>no body" + tag},
		{"", tag},
	}
	for _, tt := range tests {
		if got := string(inject([]byte(tt.in), "b-1")); got != tt.want {
			t.Errorf("inject(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLoopbackHost(t *testing.T) {
	tests := []struct {
		host string
		want bool
	}{
		{"127.0.0.1:8080", true},
		{"127.0.0.1", true},
		{"127.1.2.3:80", true},
		{"[::1]:8080", true},
		{"localhost:8080", true},
		{"LOCALHOST", true},
		{"localhost.:8080", true},
		{"preview.localhost:8080", true},
		{"attacker.example:8080", false},
		{"localhost.attacker.example", false},
		{"192.168.1.10:8080", false},
		{"0.0.0.0:8080", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := loopbackHost(tt.host); got != tt.want {
			t.Errorf("loopbackHost(%q) = %v, want %v", tt.host, got, tt.want)
		}
	}
}

func TestExposed(t *testing.T) {
	tests := []struct {
		addr string
		want bool
	}{
		{"127.0.0.1:8080", false},
		{"127.0.0.2:8080", false},
		{"[::1]:8080", false},
		{"0.0.0.0:8080", true},
		{"[::]:8080", true},
		{"192.168.1.10:8080", true},
	}
	for _, tt := range tests {
		addr, err := net.ResolveTCPAddr("tcp", tt.addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := Exposed(addr); got != tt.want {
			t.Errorf("Exposed(%s) = %v, want %v", tt.addr, got, tt.want)
		}
	}
}

func TestScan(t *testing.T) {
	root := t.TempDir()
	write := func(name, data string) {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("records/site.yaml", "title: x")
	write("other/ignored.txt", "x")
	before, err := scan(root) // schemas/ and templates/ are missing: empty
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := before["records/site.yaml"]; !ok || len(before) != 2 {
		t.Fatalf("scan = %v, want records/ and records/site.yaml", before)
	}
	same, _ := scan(root)
	if !before.equal(same) {
		t.Error("two scans of an unchanged tree differ")
	}

	changes := []struct {
		what   string
		change func()
		seen   bool
	}{
		{"an edit of the same size", func() {
			write("records/site.yaml", "title: y")
			// File systems with coarse times: make the time differ.
			os.Chtimes(filepath.Join(root, "records/site.yaml"), time.Time{}, time.Now().Add(time.Second))
		}, true},
		{"a new schema", func() { write("schemas/hero.schema.json", "{}") }, true},
		{"a new template", func() { write("templates/public/base.html", "<p>") }, true},
		{"a removed file", func() { os.Remove(filepath.Join(root, "templates/public/base.html")) }, true},
		{"an editor's swap file", func() { write("records/.site.yaml.swp", "x") }, false},
		{"a hidden folder", func() { write("records/.git/x", "x") }, false},
		{"a file outside the watched folders", func() { write("other/ignored.txt", "changed") }, false},
	}
	last := before
	for _, c := range changes {
		c.change()
		now, err := scan(root)
		if err != nil {
			t.Fatal(err)
		}
		if got := !now.equal(last); got != c.seen {
			t.Errorf("after %s, changed = %v, want %v", c.what, got, c.seen)
		}
		last = now
	}
}

// BenchmarkScanRepository measures one poll of the repository's own
// watched folders.
func BenchmarkScanRepository(b *testing.B) {
	benchScan(b, filepath.Join("..", ".."))
}

// BenchmarkScan10000 measures one poll of 10,000 record files, the scale
// of the site benchmark.
func BenchmarkScan10000(b *testing.B) {
	root := b.TempDir()
	for i := range 10000 {
		dir := filepath.Join(root, "records", "heroes", fmt.Sprintf("j%02d", i%11))
		os.MkdirAll(dir, 0o755)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("H-2020-%05d.md", i)), []byte("---\nid: x\n---\n"), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	benchScan(b, root)
}

func benchScan(b *testing.B, root string) {
	t, err := scan(root)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := scan(root); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(t)), "paths")
}

// TestNoOpenRedirect asks for folders without their trailing slash by
// paths that a browser would read as another host (//host/.., /\host/..):
// the redirect must stay on this server.
func TestNoOpenRedirect(t *testing.T) {
	sites := map[string]*site.Memory{}
	for name, folder := range map[string]string{"public": "heroes", "internal": "care"} {
		b := (*site.Memory)(nil).Next()
		for _, p := range []string{"index.html", folder + "/index.html"} {
			if err := b.Put(p, []byte("<!doctype html><title>x</title>"), site.Key{}); err != nil {
				t.Fatal(err)
			}
		}
		sites[name] = b.Done()
	}
	s := newServer(&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}, Options{Root: t.TempDir()})
	s.cur = &generation{id: "test", public: sites["public"], internal: sites["internal"], changed: make(chan struct{})}
	tests := []struct{ path, query, want string }{
		{"//evil.example/..", "", "/"},
		{"/\\evil.example/..", "", "/"},
		{"/heroes", "", "/heroes/"},
		{"//heroes", "", "/heroes/"},
		{"/internal//evil.example/..", "", "/internal/"},
		{"/internal/care", "", "/internal/care/"},
		{"/heroes", "x=1", "/heroes/?x=1"},
	}
	for _, tt := range tests {
		r := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:8080/", nil)
		r.URL.Path, r.URL.RawQuery = tt.path, tt.query
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != http.StatusFound {
			t.Errorf("GET %s = %d, want 302", tt.path, w.Code)
			continue
		}
		if loc := w.Header().Get("Location"); loc != tt.want {
			t.Errorf("GET %s redirects to %q, want %q", tt.path, loc, tt.want)
		}
	}
}

// TestLogLineSafe logs a failed build whose error names a hostile file:
// the log line stays one line, with no escape sequence and no workflow
// command.
func TestLogLineSafe(t *testing.T) {
	var log strings.Builder
	s := newServer(&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}, Options{Log: &log, Lang: l10n.English})
	s.logLine(finding.Msg("build failed in %v: %v", time.Second, errors.New("templates/x\n::error::forged\x1b[2J.css: is a symbolic link")))
	got := log.String()
	if strings.Count(got, "\n") != 1 || strings.Contains(got, "\x1b") || strings.Contains(got, "\n::") {
		t.Errorf("log line %q: want one line, no escape sequence, no workflow command", got)
	}
	if !strings.Contains(got, `templates/x\n::error::forged\x1b[2J.css`) {
		t.Errorf("log line %q does not show the file name escaped", got)
	}
}

// TestFailurePageErrorsFirst: the page shown while the records have errors
// lists the errors before any warning, whatever files they are in.
func TestFailurePageErrorsFirst(t *testing.T) {
	s := &server{lang: l10n.Chinese, p: l10n.Printer(l10n.Chinese)}
	var list finding.List
	list.Warnf("records/heroes/binhai/H-2018-0001.md", finding.Pos{Line: 3, Col: 1}, "insurance", "warning %d", 1)
	list.Errorf("records/visits/2020/V-2020-0015.yaml", finding.Pos{Line: 8, Col: 11}, "ref", "no hero has the id %s", "H-2020-0999")
	list.Warnf("records/reports/2020/R-2020-Q2-kaifaqu.yaml", finding.Pos{Line: 5, Col: 12}, "report", "warning %d", 2)
	list.Errorf("records/visits/2020/V-2020-0016.yaml", finding.Pos{Line: 2, Col: 5}, "id", "error %d", 2)
	page := string(s.failurePage(&generation{findings: list}))
	order := []string{"V-2020-0015.yaml:8:11", "V-2020-0016.yaml:2:5", "H-2018-0001.md:3:1", "R-2020-Q2-kaifaqu.yaml:5:12"}
	last := -1
	for _, where := range order {
		i := strings.Index(page, where)
		if i < 0 || i < last {
			t.Fatalf("the page does not list %s after the ones before it in %v:\n%s", where, order, page)
		}
		last = i
	}
}
