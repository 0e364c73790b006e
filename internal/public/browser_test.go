package public

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/yancheng-jyyw/roll/internal/webcheck"
)

// TestBrowser opens the built site in headless Chromium: the home page, a
// hero, the memorial, a search by a two-character name and a
// three-character place; it checks that no request left 127.0.0.1 and saves
// screenshots at 360 and 1280 px (into $ROLL_SCREENSHOTS when set). It
// skips without Chromium, or fails with ROLL_BROWSER=1 (make tools
// installs it).
func TestBrowser(t *testing.T) {
	br := webcheck.StartBrowser(t, 90*time.Second)
	ctx := br.Ctx
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

	shoot := func(name string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			buf, err := chromedp.FullScreenshot(100)(ctx, t)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(shots, name+".png"), buf, 0o644)
		})
	}
	width := webcheck.Width
	text := func(sel string, dst *string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			var err error
			*dst, err = chromedp.Text(chromedp.CSS(sel))(ctx, t)
			return err
		})
	}
	var title, heroName, heroBadge, memorial string
	if err := chromedp.Do(ctx,
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

	t.Logf("%d requests, all to 127.0.0.1; screenshots in %s", br.Check(t), shots)
}
