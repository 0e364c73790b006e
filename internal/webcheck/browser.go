package webcheck

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Browser is a headless Chromium with one tab, started for a test.
type Browser struct {
	Ctx context.Context // the tab: pass it to chromedp.Do and chromedp.Run

	mu         sync.Mutex
	requests   []string
	exceptions []string
}

// StartBrowser starts Debian's chromium headless, with the flags DESIGN §7
// names and a fresh profile, and stops it when the test ends. Without
// chromium or a Chinese font the test skips, or fails under ROLL_BROWSER=1
// (see Need); so does a browser that cannot start. limit bounds the whole
// session.
func StartBrowser(t testing.TB, limit time.Duration) *Browser {
	t.Helper()
	NotShort(t)
	exe, err := FindChromium()
	Need(t, err)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, limit)
	t.Cleanup(func() { cancelT(); cancel(); cancelA() })
	b := &Browser{Ctx: ctx}
	if err := chromedp.Listen(ctx, b.listen); err != nil {
		Need(t, errInstall("chromium did not start", err))
	}
	// The first action starts the browser: a failure here is a browser
	// that cannot start.
	err = chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, network.Enable, network.EnableParams{})
		return err
	}))
	if err != nil {
		Need(t, errInstall("chromium did not start", err))
	}
	return b
}

func (b *Browser) listen(ev any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		b.requests = append(b.requests, ev.Request.URL)
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			msg += " " + d.Exception.Description
		}
		b.exceptions = append(b.exceptions, msg)
	}
}

// Check reports the requests that left 127.0.0.1 (every asset is served
// locally, and tests have no network) and the script errors seen so far.
// It fails when no request was seen at all: the listener would be broken.
func (b *Browser) Check(t testing.TB) (requests int) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.requests) == 0 {
		t.Error("no network request seen: the listener is not working")
	}
	for _, r := range b.requests {
		u, err := url.Parse(r)
		if err != nil || (u.Scheme != "data" && u.Hostname() != "127.0.0.1") {
			t.Errorf("a request left 127.0.0.1: %s", r)
		}
	}
	for _, e := range b.exceptions {
		t.Errorf("script error: %s", e)
	}
	return len(b.requests)
}

// Serve serves the folder dir on 127.0.0.1 until the test ends and returns
// its URL, ending in a slash.
func Serve(t testing.TB, dir string) string {
	t.Helper()
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)
	return srv.URL + "/"
}

// Width sets the viewport: a phone below 600 px, a desktop above.
func Width(w int64) chromedp.Action[chromedp.Void] {
	if w < 600 {
		return chromedp.EmulateViewport(w, 780, chromedp.EmulateMobile)
	}
	return chromedp.EmulateViewport(w, 900)
}

// Open sets the viewport to width px, opens the page at url and runs a on
// it.
func Open[T any](ctx context.Context, url string, width int64, a chromedp.Action[T]) (T, error) {
	if err := chromedp.Do(ctx, Width(width), chromedp.Navigate(url)); err != nil {
		var zero T
		return zero, err
	}
	return chromedp.Run(ctx, a)
}

// WaitFor evaluates the JavaScript condition cond on the open page until it
// is true, for at most limit. It evaluates again and again rather than
// polling inside the page, so that a navigation on the way, which ends a
// poll running in the page, is waited for too.
func WaitFor(ctx context.Context, cond string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		if err == nil && ok {
			return nil
		}
		if time.Now().After(deadline) {
			if err == nil {
				err = errors.New("still false")
			}
			return fmt.Errorf("waiting %v for %s: %w", limit, cond, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
