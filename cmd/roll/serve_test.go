package main

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer that the test reads while roll serve
// writes to it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

var servingURL = regexp.MustCompile(`公开网站：(http://\S+/)，`)

// startServe runs roll serve with args in a copy of the repository until
// the test ends, and returns its stderr once it says where it serves, and
// the URL.
func startServe(t *testing.T, args ...string) (stderr *lockedBuffer, url string) {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{"records", "schemas", "templates"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join("..", "..", d))); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	ctx, cancel := context.WithCancel(context.Background())
	stderr = &lockedBuffer{}
	var stdout lockedBuffer
	code := make(chan int, 1)
	go func() { code <- runContext(ctx, append([]string{"serve"}, args...), &stdout, stderr) }()
	t.Cleanup(func() {
		cancel()
		select {
		case c := <-code:
			if c != exitOK {
				t.Errorf("roll serve %s stopped with exit %d, want 0; stderr:\n%s", strings.Join(args, " "), c, stderr)
			}
		case <-time.After(10 * time.Second):
			t.Errorf("roll serve %s did not stop when cancelled", strings.Join(args, " "))
		}
	})
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if m := servingURL.FindStringSubmatch(stderr.String()); m != nil {
			return stderr, m[1]
		}
		select {
		case c := <-code:
			t.Fatalf("roll serve %s exited %d; stderr:\n%s", strings.Join(args, " "), c, stderr)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("roll serve %s printed no address; stderr:\n%s", strings.Join(args, " "), stderr)
		}
	}
}

const exposedWarning = "网络上的其他计算机也能访问"

// TestServeHelp: the default address is loopback; the test does not
// listen on it, as port 8080 may be taken where the tests run.
func TestServeHelp(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"serve", "-h", "--lang", "en"}, &stdout, &stderr); code != exitOK || !strings.Contains(stdout.String(), `(default "127.0.0.1:8080")`) {
		t.Errorf("roll serve -h = %d, stdout:\n%s", code, &stdout)
	}
}

func TestServeRandomPort(t *testing.T) {
	stderr, url := startServe(t, "--addr", "127.0.0.1:0", "--today", "2021-01-20")
	if strings.Contains(stderr.String(), exposedWarning) {
		t.Errorf("a loopback address gives the warning:\n%s", stderr)
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("GET %s = %d; stderr:\n%s", url, resp.StatusCode, stderr)
		}
	}
	// The build's log line.
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(stderr.String(), "已生成"); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no log line of the build; stderr:\n%s", stderr)
		}
	}
}

func TestServeExposed(t *testing.T) {
	stderr, _ := startServe(t, "--addr", "0.0.0.0:0", "--today", "2021-01-20")
	if !strings.Contains(stderr.String(), exposedWarning) || !strings.Contains(stderr.String(), "内部网站") {
		t.Errorf("roll serve --addr 0.0.0.0:0 gives no warning about the internal site:\n%s", stderr)
	}
}

func TestServeUsage(t *testing.T) {
	inRepo(t)
	tests := []struct {
		args   []string
		stderr string
	}{
		{[]string{"serve", "extra"}, "serve 命令不接受参数"},
		{[]string{"serve", "--lang", "en", "extra"}, "serve takes no arguments"},
		{[]string{"serve", "--no-such-flag"}, "没有这个选项"},
		{[]string{"serve", "--today", "2020-02-30"}, `--today "2020-02-30" 不是 YYYY-MM-DD 格式的日期`},
		{[]string{"serve", "--lang", "fr"}, `不认识的语言 "fr"`},
		{[]string{"serve", "--addr", "127.0.0.1:99999"}, "invalid port"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := run(tt.args, &stdout, &stderr)
		if code != exitUsage || !strings.Contains(stderr.String(), tt.stderr) {
			t.Errorf("run(%q) = %d, stderr %q; want %d, stderr containing %q", tt.args, code, &stderr, exitUsage, tt.stderr)
		}
	}
}
