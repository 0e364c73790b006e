package serve

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// today is the fixed build date of the tests: that of the sample records
// (see the Makefile), after every record.
var today = time.Date(2021, 1, 20, 0, 0, 0, 0, time.UTC)

// waitLimit bounds the waits for a rebuild. It is not a timing assertion:
// a rebuild usually shows within a second.
const waitLimit = 10 * time.Second

// The hero the tests edit, and the line of its deed.kind.
const (
	heroFile    = "records/heroes/yandu/H-2020-0010.md"
	heroPage    = "/heroes/H-2020-0010.html"
	heroSummary = "14岁少年在家长协助下救起落水同学"
	kindLine    = 11
)

// preview is a server running on a copy of the repository.
type preview struct {
	t    *testing.T
	root string // the copy
	tmp  string // TMPDIR of the server: its builds are under it
	url  string // http://127.0.0.1:PORT
	log  *syncBuffer
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// start copies the repository's records/, schemas/ and templates/ into a
// temporary folder and serves them on a random loopback port until the
// test ends; then it checks that the server stopped cleanly and left no
// temporary files.
func start(t *testing.T) *preview {
	t.Helper()
	return startWith(t, Options{})
}

// startWith is start with the options opts, Root, Today and Log aside.
func startWith(t *testing.T, opts Options) *preview {
	t.Helper()
	root := t.TempDir()
	for _, d := range watched {
		if err := os.CopyFS(filepath.Join(root, d), os.DirFS(filepath.Join("..", "..", d))); err != nil {
			t.Fatal(err)
		}
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &preview{t: t, root: root, tmp: tmp, url: "http://" + ln.Addr().String(), log: &syncBuffer{}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		opts.Root, opts.Today, opts.Log = root, today, p.log
		opts.Interval = cmp.Or(opts.Interval, 50*time.Millisecond)
		done <- Serve(ctx, ln, opts)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Serve returned %v after cancel, want nil", err)
			}
		case <-time.After(waitLimit):
			t.Fatal("Serve did not return after cancel")
		}
		left, _ := filepath.Glob(filepath.Join(tmp, "roll-serve-*"))
		if len(left) > 0 {
			t.Errorf("the server left its temporary folder %s", left[0])
		}
	})
	p.waitFor("/", func(code int, _ string) bool { return code == http.StatusOK })
	return p
}

// get fetches path and returns the status and the body.
func (p *preview) get(path string) (int, string) {
	p.t.Helper()
	resp, err := http.Get(p.url + path)
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		p.t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// waitFor fetches path until ok accepts the answer, for at most waitLimit.
func (p *preview) waitFor(path string, ok func(code int, body string) bool) (int, string) {
	p.t.Helper()
	deadline := time.Now().Add(waitLimit)
	for {
		code, body := p.get(path)
		if ok(code, body) {
			return code, body
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("GET %s: still %d after %v; body:\n%s\nlog:\n%s", path, code, waitLimit, body, p.log)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// edit replaces old with new in a file of the copy.
func (p *preview) edit(file, old, new string) {
	p.t.Helper()
	name := filepath.Join(p.root, filepath.FromSlash(file))
	b, err := os.ReadFile(name)
	if err != nil {
		p.t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		p.t.Fatalf("%s does not contain %q", file, old)
	}
	if err := os.WriteFile(name, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		p.t.Fatal(err)
	}
}

var scriptTag = regexp.MustCompile(`<script src="/_roll/reload.js" data-build="[^"]+"></script>\s*</body>`)

func TestPages(t *testing.T) {
	p := start(t)
	for _, path := range []string{"/", "/index.html", "/roll.html", heroPage} {
		code, body := p.get(path)
		if code != http.StatusOK {
			t.Errorf("GET %s = %d, want 200", path, code)
		}
		if !scriptTag.MatchString(body) {
			t.Errorf("GET %s: no reload script before </body>", path)
		}
	}
	if _, body := p.get(heroPage); !strings.Contains(body, heroSummary) {
		t.Errorf("GET %s does not show the deed summary %q", heroPage, heroSummary)
	}

	// Not HTML: served as it is.
	resp, err := http.Get(p.url + "/static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	css, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") || bytes.Contains(css, []byte("_roll")) {
		t.Errorf("GET /static/style.css = %d, %s, script injected: %v", resp.StatusCode, resp.Header.Get("Content-Type"), bytes.Contains(css, []byte("_roll")))
	}

	// A missing page is the site's 404 page, with the script.
	if code, body := p.get("/heroes/H-1999-0001.html"); code != http.StatusNotFound || !strings.Contains(body, "页面未找到") || !scriptTag.MatchString(body) {
		t.Errorf("GET a missing page = %d; want 404 with the site's 404 page and the script", code)
	}
	// No way out of the site.
	if code, body := p.get("/../../../etc/passwd"); code != http.StatusNotFound || strings.Contains(body, "root:") {
		t.Errorf("GET /../../../etc/passwd = %d", code)
	}

	// The script itself comes from the server.
	if code, body := p.get("/_roll/reload.js"); code != http.StatusOK || !strings.Contains(body, "EventSource") {
		t.Errorf("GET /_roll/reload.js = %d, %q", code, body)
	}

	// The script is injected once, into the response only: the page as
	// built has none (it would then appear twice).
	if _, body := p.get("/roll.html"); strings.Count(body, "/_roll/reload.js") != 1 {
		t.Errorf("GET /roll.html holds the reload script %d times, want once", strings.Count(body, "/_roll/reload.js"))
	}
	// Nor are the built sites in the repository.
	if _, err := os.Stat(filepath.Join(p.root, "_site")); err == nil {
		t.Error("roll serve wrote _site into the repository")
	}
}

// TestLinks follows the local links of the home pages of both sites: the
// internal site must work under /internal/.
func TestLinks(t *testing.T) {
	p := start(t)
	for _, page := range []string{"/", "/internal/"} {
		code, body := p.get(page)
		if code != http.StatusOK {
			t.Errorf("GET %s = %d, want 200", page, code)
			continue
		}
		base, _ := url.Parse(p.url + page)
		links := 0
		for _, m := range regexp.MustCompile(`(?:href|src)="([^"#]+)`).FindAllStringSubmatch(body, -1) {
			u, err := base.Parse(m[1])
			if err != nil || u.Host != base.Host {
				continue
			}
			links++
			if code, _ := p.get(u.RequestURI()); code != http.StatusOK {
				t.Errorf("%s links to %s: %d", page, u.RequestURI(), code)
			}
		}
		if links == 0 {
			t.Errorf("%s has no local links", page)
		}
	}
	if resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Get(p.url + "/internal"); err != nil {
		t.Fatal(err)
	} else if resp.Body.Close(); resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/internal/" {
		t.Errorf("GET /internal = %d to %q, want a redirect to /internal/", resp.StatusCode, resp.Header.Get("Location"))
	}
}

// TestEditFailFix edits a record, breaks it and fixes it, and watches the
// served site follow.
func TestEditFailFix(t *testing.T) {
	p := start(t)

	// An edit shows after the rebuild.
	const edited = "在家长协助下救起两名落水同学"
	p.edit(heroFile, heroSummary, edited)
	p.waitFor(heroPage, func(code int, body string) bool { return code == http.StatusOK && strings.Contains(body, edited) })

	// An invalid record: every page is the findings page.
	p.edit(heroFile, "  kind: rescue", "  kind: heroics")
	where := heroFile + ":" + strconv.Itoa(kindLine) + ":"
	for _, path := range []string{heroPage, "/", "/internal/", "/no/such/page"} {
		code, body := p.waitFor(path, func(code int, _ string) bool { return code != http.StatusOK && code != http.StatusNotFound })
		if code != http.StatusInternalServerError {
			t.Errorf("GET %s with an invalid record = %d, want 500", path, code)
		}
		for _, want := range []string{"记录有错误", where, "错误", "deed.kind"} {
			if !strings.Contains(body, want) {
				t.Errorf("GET %s: the findings page lacks %q; body:\n%s", path, want, body)
			}
		}
		if !scriptTag.MatchString(body) {
			t.Errorf("GET %s: the findings page has no reload script", path)
		}
	}

	// Fixed: the site is back, with the edit.
	p.edit(heroFile, "  kind: heroics", "  kind: rescue")
	p.waitFor(heroPage, func(code int, body string) bool { return code == http.StatusOK && strings.Contains(body, edited) })

	// One line per build: the first, the edit, the failure, the fix.
	log := p.log.String()
	if n := strings.Count(log, "\n"); n < 4 || strings.Count(log, "已生成") < 3 || !strings.Contains(log, "生成失败") {
		t.Errorf("log of four builds:\n%s", log)
	}
}

// TestEditPolled: where the folders are polled rather than watched
// (Options.Poll), an edit shows as well.
func TestEditPolled(t *testing.T) {
	p := startWith(t, Options{Poll: true})
	const edited = "在家长协助下救起两名落水同学"
	p.edit(heroFile, heroSummary, edited)
	p.waitFor(heroPage, func(code int, body string) bool { return code == http.StatusOK && strings.Contains(body, edited) })
}

// TestTemplateEdit: a designer's change to a template shows without
// restarting, and a broken template is shown as the build's error.
func TestTemplateEdit(t *testing.T) {
	p := start(t)
	base := "templates/public/base.html"
	p.edit(base, "</body>", "<p>模板已修改</p>\n</body>")
	p.waitFor("/", func(code int, body string) bool {
		return code == http.StatusOK && strings.Contains(body, "模板已修改")
	})

	p.edit(base, "<p>模板已修改</p>", "{{.NoSuchField")
	_, body := p.waitFor("/", func(code int, _ string) bool { return code == http.StatusInternalServerError })
	if !strings.Contains(body, "网站生成失败") || !strings.Contains(body, "base.html") {
		t.Errorf("a broken template: the page does not name it; body:\n%s", body)
	}
	p.edit(base, "{{.NoSuchField", "")
	p.waitFor("/", func(code int, _ string) bool { return code == http.StatusOK })
}

// TestEvents reads the event stream: hello with the current build, then
// reload with a new one after a rebuild.
func TestEvents(t *testing.T) {
	p := start(t)
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, p.url+"/_roll/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("Content-Type = %q, want text/event-stream", ct)
	}
	r := bufio.NewReader(resp.Body)
	event, hello := readEvent(t, r)
	if event != "hello" || hello == "" {
		t.Fatalf("first event = %q %q, want hello and the build id", event, hello)
	}
	// The page carries the same build id.
	if _, body := p.get("/"); !strings.Contains(body, `data-build="`+hello+`"`) {
		t.Errorf("the page is not marked with build %q", hello)
	}

	p.edit(heroFile, heroSummary, "救起落水同学")
	event, id := readEvent(t, r)
	if event != "reload" || id == hello || id == "" {
		t.Errorf("after a rebuild: event %q %q, want reload with a new id (hello was %q)", event, id, hello)
	}
}

// readEvent reads the next event of a stream: its name and data.
func readEvent(t *testing.T, r *bufio.Reader) (event, data string) {
	t.Helper()
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("reading the event stream: %v", err)
		}
		line = strings.TrimRight(line, "\n")
		switch {
		case line == "" && event != "":
			return event, data
		case strings.HasPrefix(line, "event: "):
			event = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			data = strings.TrimPrefix(line, "data: ")
		}
	}
}

// TestForeignHost: on loopback, a request naming another host (DNS
// rebinding) is refused.
func TestForeignHost(t *testing.T) {
	p := start(t)
	req, _ := http.NewRequest(http.MethodGet, p.url+"/internal/", nil)
	req.Host = "attacker.example"
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("GET with Host attacker.example = %d, want 403", resp.StatusCode)
	}
	req.Host = "localhost" + strings.TrimPrefix(p.url, "http://127.0.0.1")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusForbidden {
		t.Errorf("GET with Host %s = 403", req.Host)
	}
}

// TestTemplateLink adds a static asset that is a link to a private file,
// as a pull request could: the preview shows the finding at the link and
// never serves what it points at.
func TestTemplateLink(t *testing.T) {
	p := start(t)
	secret := "[http] extraheader = AUTHORIZATION: basic c2VjcmV0"
	if err := os.WriteFile(filepath.Join(p.root, "config"), []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../../../config", filepath.Join(p.root, "templates", "public", "static", "config.css")); err != nil {
		t.Fatal(err)
	}
	_, body := p.waitFor("/static/config.css", func(code int, _ string) bool { return code == http.StatusInternalServerError })
	if !strings.Contains(body, "templates/public/static/config.css") {
		t.Errorf("the findings page does not name the link; body:\n%s", body)
	}
	if strings.Contains(body, "extraheader") {
		t.Error("the preview serves the linked file")
	}
}
