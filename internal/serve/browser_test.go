package serve

import (
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/yancheng-jyyw/roll/internal/webcheck"
)

// TestBrowserReload opens a hero's page in headless Chromium and edits,
// breaks and fixes the record: the open page follows each time without
// being navigated, which only the reload script can do. Skipped when
// Debian's chromium is not installed, failed then with ROLL_BROWSER=1
// (make tools installs it).
func TestBrowserReload(t *testing.T) {
	br := webcheck.StartBrowser(t, 60*time.Second)
	ctx := br.Ctx
	p := start(t)

	// until waits for a JavaScript condition on the open page.
	until := func(what, cond string) {
		t.Helper()
		// Evaluate again and again rather than Poll: the reload that is
		// waited for ends a poll running in the page.
		deadline := time.Now().Add(waitLimit)
		for {
			ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
			if err == nil && ok {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("waiting for %s: %v\nlog:\n%s", what, err, p.log)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	summary := func(s string) string {
		return `(document.querySelector('.profile-summary') || {}).textContent === ` + strconv.Quote(s)
	}

	if err := chromedp.Do(ctx,
		chromedp.Navigate(p.url+heroPage),
		chromedp.WaitVisible(chromedp.CSS(`h1.profile-name`)),
		// A reload clears this: it tells a reload from a change in place.
		chromedp.Evaluate[chromedp.Void](`window.rollMarker = 1`),
	); err != nil {
		t.Fatal(err)
	}
	const edited = "在家长协助下救起两名落水同学"
	p.edit(heroFile, heroSummary, edited)
	until("the edited summary", summary(edited)+` && window.rollMarker === undefined`)

	p.edit(heroFile, "  kind: rescue", "  kind: heroics")
	until("the findings page", `document.body.textContent.includes("记录有错误") && document.body.textContent.includes(`+
		strconv.Quote(heroFile+":"+strconv.Itoa(kindLine)+":")+`)`)

	p.edit(heroFile, "  kind: heroics", "  kind: rescue")
	until("the site back", summary(edited))

	br.Check(t)
}
