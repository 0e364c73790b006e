package public

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromium returns the path of Debian's chromium, installing it with
// fonts-noto-cjk (so that screenshots show Chinese) when it is missing and
// the test runs as root; otherwise the test is skipped, saying why.
func chromium(t *testing.T) string {
	t.Helper()
	need := []string{}
	exe, err := exec.LookPath("chromium")
	if err != nil {
		need = append(need, "chromium")
	}
	if out, err := exec.Command("fc-list", ":lang=zh").Output(); err != nil || len(strings.TrimSpace(string(out))) == 0 {
		need = append(need, "fonts-noto-cjk")
	}
	if len(need) == 0 {
		return exe
	}
	if os.Geteuid() != 0 {
		if exe != "" {
			t.Logf("no Chinese font found (%s missing): screenshots may show empty boxes", strings.Join(need, ", "))
			return exe
		}
		t.Skipf("SKIP browser test: %s not installed and not running as root to install it (apt-get install chromium fonts-noto-cjk)", strings.Join(need, ", "))
	}
	t.Logf("installing %s with apt-get", strings.Join(need, " "))
	for _, args := range [][]string{{"update"}, append([]string{"install", "-y", "--no-install-recommends"}, need...)} {
		cmd := exec.Command("apt-get", args...)
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		if out, err := cmd.CombinedOutput(); err != nil {
			if exe != "" {
				t.Logf("apt-get %s: %v", args[0], err)
				return exe
			}
			t.Skipf("SKIP browser test: apt-get %s failed: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	exe, err = exec.LookPath("chromium")
	if err != nil {
		t.Skipf("SKIP browser test: chromium still not found after apt-get: %v", err)
	}
	return exe
}

// TestBrowser opens the built site in headless Chromium: the home page, a
// hero, the memorial, a search by a two-character name and a
// three-character place; it checks that no request left 127.0.0.1 and saves
// screenshots at 360 and 1280 px (into $ROLL_SCREENSHOTS when set).
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("SKIP browser test in -short mode")
	}
	exe := chromium(t)
	out, _ := build(t, fixture(), loadSchemaProjector(t, "testdata/hero.schema.json"))
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	if u, _ := url.Parse(srv.URL); u.Hostname() != "127.0.0.1" {
		t.Fatalf("test server on %s, want 127.0.0.1", srv.URL)
	}
	shots := os.Getenv("ROLL_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	defer cancelT()

	var mu sync.Mutex
	var requests, exceptions []string
	if err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			requests = append(requests, ev.Request.URL)
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil && d.Exception.Description != "" {
				msg += " " + d.Exception.Description
			}
			exceptions = append(exceptions, msg)
		}
	}); err != nil {
		t.Fatal(err)
	}

	enableNetwork := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, network.Enable, network.EnableParams{})
		return err
	})
	shoot := func(name string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			buf, err := chromedp.FullScreenshot(100)(ctx, t)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(shots, name+".png"), buf, 0o644)
		})
	}
	width := func(w int64) chromedp.Action[chromedp.Void] {
		if w < 600 {
			return chromedp.EmulateViewport(w, 780, chromedp.EmulateMobile)
		}
		return chromedp.EmulateViewport(w, 900)
	}
	text := func(sel string, dst *string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			var err error
			*dst, err = chromedp.Text(chromedp.CSS(sel))(ctx, t)
			return err
		})
	}
	var title, heroName, heroBadge, memorial string
	if err := chromedp.Do(ctx,
		enableNetwork,
		width(1280),
		chromedp.Navigate(srv.URL+"/index.html"),
		chromedp.WaitVisible(chromedp.CSS(`.hero-banner h1`)),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			var err error
			title, err = chromedp.Title()(ctx, t)
			return err
		}),
		shoot("home-1280"),
		chromedp.Navigate(srv.URL+"/heroes/H-2021-0003.html"),
		chromedp.WaitVisible(chromedp.CSS(`h1.profile-name`)),
		text(`h1.profile-name`, &heroName),
		text(`h1.profile-name .badge`, &heroBadge),
		shoot("hero-1280"),
		chromedp.Navigate(srv.URL+"/memorial.html"),
		text(`.memorial-list`, &memorial),
		shoot("memorial-1280"),
		chromedp.Navigate(srv.URL+"/roll.html"),
		shoot("roll-1280"),
		width(360),
		chromedp.Navigate(srv.URL+"/index.html"),
		chromedp.WaitVisible(chromedp.CSS(`.hero-banner h1`)),
		shoot("home-360"),
		chromedp.Navigate(srv.URL+"/heroes/H-2021-0003.html"),
		chromedp.WaitVisible(chromedp.CSS(`h1.profile-name`)),
		shoot("hero-360"),
		chromedp.Navigate(srv.URL+"/roll.html"),
		shoot("roll-360"),
		chromedp.Navigate(srv.URL+"/memorial.html"),
		shoot("memorial-360"),
	); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(title, "盐城见义勇为英雄谱") {
		t.Errorf("home title = %q", title)
	}
	if !strings.Contains(heroName, "李建国") || heroBadge != "烈士" {
		t.Errorf("hero page h1 = %q, badge %q; want 李建国 and 烈士", heroName, heroBadge)
	}
	if !strings.Contains(memorial, "李建国") || !strings.Contains(memorial, "张志强") {
		t.Errorf("memorial = %q, want 李建国 and 张志强", memorial)
	}

	// Search, typed as a person types it.
	search := func(q string) (status string, names []string) {
		t.Helper()
		if err := chromedp.Do(ctx,
			chromedp.Navigate(srv.URL+"/search.html"),
			chromedp.WaitVisible(chromedp.CSS(`#search[data-ready]`)),
			chromedp.SendKeys(chromedp.CSS(`#q`), q),
			chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
				_, err := chromedp.Poll[bool](`/^(找到|没有)/.test(document.getElementById('status').textContent)`,
					chromedp.WithPollingTimeout(10*time.Second))(ctx, t)
				return err
			}),
			text(`#status`, &status),
			chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
				var err error
				names, err = chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#results .row-name')).map(a => a.textContent)`)(ctx, t)
				return err
			}),
		); err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		return status, names
	}
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"王伟", []string{"王伟"}},
		{"射阳县", []string{"王伟", "张志强"}},
		{"欧阳某某", []string{"欧阳某某"}},
		{"欧阳明华", nil},
		{"大丰 2021", []string{"李建国"}},
	} {
		status, names := search(tc.q)
		if strings.Join(names, ",") != strings.Join(tc.want, ",") {
			t.Errorf("search %q: results %q (status %q), want %q", tc.q, names, status, tc.want)
		}
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, width(360), shoot("search-360")); err != nil {
		t.Fatal(err)
	}

	mu.Lock()
	defer mu.Unlock()
	if len(requests) == 0 {
		t.Fatal("no network requests seen: the listener is not working")
	}
	for _, r := range requests {
		u, err := url.Parse(r)
		if err != nil || u.Hostname() != "127.0.0.1" {
			t.Errorf("request left 127.0.0.1: %s", r)
		}
	}
	for _, e := range exceptions {
		t.Errorf("script error: %s", e)
	}
	t.Logf("%d requests, all to 127.0.0.1; screenshots in %s", len(requests), shots)
}
