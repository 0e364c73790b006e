package public

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/yancheng-jyyw/roll/internal/webcheck"
)

// TestBrowser opens the built site in headless Chromium: the home page, a
// hero, the memorial; at 360 px, searches by a two-character name, a
// three-character place, pinyin (全拼 and 首字母) and with filters (an
// outcome, a range of years, a facet page's link); it checks that no request left 127.0.0.1 and saves
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

	// Search, typed as a person types it, at 360 px: on the search page,
	// or on one opened with filters in its address (a facet page's link),
	// with the filters chosen in their menus.
	search := func(page, q string, filters map[string]string) (status string, names []string) {
		t.Helper()
		steps := []chromedp.Action[chromedp.Void]{
			chromedp.Navigate(srv.URL + "/" + page),
			chromedp.WaitVisible(chromedp.CSS(`#search[data-ready]`)),
		}
		for id, v := range filters {
			steps = append(steps, chromedp.WaitVisible(chromedp.CSS(`#`+id)), chromedp.SetValue(chromedp.CSS(`#`+id), v),
				chromedp.Evaluate[chromedp.Void](`document.getElementById('`+id+`').dispatchEvent(new Event('change'))`))
		}
		if q != "" {
			steps = append(steps, chromedp.SendKeys(chromedp.CSS(`#q`), q))
		}
		steps = append(steps,
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
		)
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("search %s %q %v: %v", page, q, filters, err)
		}
		return status, names
	}
	for _, tc := range []struct {
		page    string
		q       string
		filters map[string]string
		want    []string
	}{
		{"search.html", "王伟", nil, []string{"王伟"}},
		{"search.html", "射阳县", nil, []string{"王伟", "张志强"}},
		{"search.html", "欧阳某某", nil, []string{"欧阳某某"}},
		{"search.html", "欧阳明华", nil, nil},
		{"search.html", "大丰 2021", nil, []string{"李建国"}},
		{"search.html", "wangwei", nil, []string{"王伟"}},                                         // 全拼
		{"search.html", "ww", nil, []string{"王伟"}},                                              // 首字母
		{"search.html", "", map[string]string{"f-outcome": "deceased"}, []string{"李建国", "张志强"}}, // 牺牲
		{"search.html", "zhang", map[string]string{"f-outcome": "deceased"}, []string{"张志强"}},   // pinyin within a filter
		{"search.html", "", map[string]string{"f-from": "2020", "f-to": "2021"}, []string{"李建国", "欧阳某某", "王伟"}},
		{"search.html?kind=stop_crime", "", nil, []string{"郑勇", "欧阳某某"}}, // a facet page's link
		{"search.html?honor=city-model&j=sheyang", "2019", nil, []string{"张志强"}},
	} {
		status, names := search(tc.page, tc.q, tc.filters)
		if strings.Join(names, ",") != strings.Join(tc.want, ",") {
			t.Errorf("search %s %q %v: results %q (status %q), want %q", tc.page, tc.q, tc.filters, names, status, tc.want)
		}
	}
	// The filters, the charts and a group deed keep to the phone's width:
	// nothing scrolls sideways.
	wide := func(name string) {
		t.Helper()
		w, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
		if err != nil {
			t.Fatal(err)
		}
		if w {
			t.Errorf("%s is wider than 360 px", name)
		}
	}
	wide("the search page with its filters")
	if err := chromedp.Do(ctx, shoot("search-filter-360"), chromedp.Navigate(srv.URL+"/stats.html"), shoot("stats-360")); err != nil {
		t.Fatal(err)
	}
	wide("the statistics")
	// Every bar with a count is drawn, as wide as the chart says: no rule
	// of the page's style sheet resizes it.
	drawn, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`Array.from(document.querySelectorAll('#by-year svg rect')).map(r => r.getBoundingClientRect().width)`))
	if err != nil {
		t.Fatal(err)
	}
	if len(drawn) != 5 || slices.Contains(drawn, 0) {
		t.Errorf("the bars of the years are drawn %v px wide, want 5 bars, none empty", drawn)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/cases/C-2021-0001.html"), shoot("case-360")); err != nil {
		t.Fatal(err)
	}
	wide("the page of a group deed")
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/search.html")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, width(360), shoot("search-360")); err != nil {
		t.Fatal(err)
	}

	t.Logf("%d requests, all to 127.0.0.1; screenshots in %s", br.Check(t), shots)
}
