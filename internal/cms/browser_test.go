package cms_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"go.yaml.in/yaml/v3"

	"github.com/yancheng-jyyw/roll/internal/build"
	"github.com/yancheng-jyyw/roll/internal/check"
	"github.com/yancheng-jyyw/roll/internal/webcheck"
	"github.com/yancheng-jyyw/roll/internal/yamldoc"
)

// The browser tests open the form in headless Chromium against a copy of
// the repository, with decap-server (Decap CMS's local backend, in its
// file-system mode) reading and writing the copy's files, as a clerk would
// on a computer with the repository. They need chromium (make tools), node
// and `make cms`; without them they skip, saying what is missing, or fail
// under ROLL_BROWSER=1, where no browser test may skip (webcheck.Need).

// repoRoot is the repository this package is in.
const repoRoot = "../.."

// stepLimit bounds each step of a test in the browser.
const stepLimit = 30 * time.Second

// today is the date of the checks: after the sample year and its closing.
var today = time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC)

// form is the form opened in a browser against a copy of the repository.
type form struct {
	t      *testing.T
	repo   string     // the copy, which decap-server edits
	url    string     // of /admin/ in the copy's built internal site
	config *yaml.Node // admin/config.yml as roll build wrote it
	ctx    context.Context
	shots  string

	mu         sync.Mutex
	requests   []string // every URL the browser asked for
	exceptions []string // script errors
	actions    []string // of the requests to decap-server: entriesByFolder, persistEntry…
	answered   []string // the actions decap-server answered with 200 OK
	dialogs    []string // the messages of the dialogs the page opened
}

// openForm copies the repository's records, schemas, templates and the
// CMS's files into a temporary folder, builds the copy with roll build,
// starts decap-server on it and opens the form in Chromium.
func openForm(t *testing.T) *form {
	t.Helper()
	webcheck.NotShort(t)
	if _, err := webcheck.FindChromium(); err != nil {
		webcheck.Need(t, err)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		webcheck.Need(t, fmt.Errorf("node is not installed (apt-get install nodejs npm): decap-server runs on it: %w", err))
	}
	server := filepath.Join(repoRoot, "cms/node_modules/decap-server/dist/index.js")
	if _, err := os.Stat(server); err != nil {
		webcheck.Need(t, fmt.Errorf("decap-server is not installed: run make cms: %w", err))
	}
	if _, err := os.Stat(filepath.Join(repoRoot, "cms/assets/decap-cms.js")); err != nil {
		webcheck.Need(t, fmt.Errorf("Decap CMS was not fetched: run make cms: %w", err))
	}

	repo := t.TempDir()
	for _, dir := range []string{"records", "schemas", "templates", "cms/assets"} {
		if err := os.CopyFS(filepath.Join(repo, dir), os.DirFS(filepath.Join(repoRoot, dir))); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "site")
	res, err := build.Run(repo, build.Options{Out: out, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Built {
		t.Fatalf("the copy of the repository did not build: %d errors", res.Check.Findings.Errors())
	}

	f := &form{t: t, repo: repo}

	// decap-server, in its file-system mode, on a free port of 127.0.0.1.
	port := freePort(t)
	cmd := exec.Command(node, server)
	cmd.Env = append(os.Environ(), "PORT="+port, "BIND_HOST=127.0.0.1", "MODE=fs", "GIT_REPO_DIRECTORY="+repo, "LOG_LEVEL=warn")
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if t.Failed() && logs.Len() > 0 {
			t.Logf("decap-server:\n%s", logs.String())
		}
	})
	waitListening(t, "127.0.0.1:"+port)
	backend, _ := url.Parse("http://127.0.0.1:" + port)
	proxy := httputil.NewSingleHostReverseProxy(backend)

	// The built internal site, and decap-server behind it at /api/v1, so
	// that the test sees what the form asks of it. The configuration is
	// pointed there instead of decap-server's default port: the one line
	// changed.
	site := filepath.Join(out, "internal")
	raw, err := os.ReadFile(filepath.Join(site, "admin/config.yml"))
	if err != nil {
		t.Fatal(err)
	}
	f.config = &yaml.Node{}
	if err := yaml.Unmarshal(raw, f.config); err != nil {
		t.Fatalf("admin/config.yml: %v", err)
	}
	files := http.FileServer(http.Dir(site))
	var srvURL string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/admin/config.yml":
			line := []byte("\nlocal_backend: true\n")
			if bytes.Count(raw, line) != 1 {
				http.Error(w, "config.yml has no line local_backend: true", http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", "text/yaml; charset=utf-8")
			w.Write(bytes.Replace(raw, line, []byte("\nlocal_backend:\n  url: "+srvURL+"/api/v1\n"), 1))
		case "/api/v1":
			body, _ := io.ReadAll(r.Body)
			var req struct {
				Action string
				Params struct {
					DataFiles []struct{ Path string }
				}
			}
			_ = json.Unmarshal(body, &req)
			f.mu.Lock()
			action := req.Action
			for _, d := range req.Params.DataFiles {
				action += " " + d.Path
			}
			f.actions = append(f.actions, action)
			f.mu.Unlock()
			r.Body = io.NopCloser(bytes.NewReader(body))
			sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
			proxy.ServeHTTP(sw, r)
			// decap-server answers a save once it has written the files
			// (fs.writeFile, which creates a file before it fills it).
			if sw.status == http.StatusOK {
				f.mu.Lock()
				f.answered = append(f.answered, action)
				f.mu.Unlock()
			}
		default:
			files.ServeHTTP(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	srvURL = srv.URL
	f.url = srv.URL + "/admin/"

	f.shots = os.Getenv("ROLL_SCREENSHOTS")
	if f.shots == "" {
		f.shots = t.TempDir()
	} else if err := os.MkdirAll(f.shots, 0o755); err != nil {
		t.Fatal(err)
	}

	// The browser of the other browser tests, with the flags DESIGN §7
	// names; this test listens for what it checks itself, the requests,
	// the script errors and the dialogs.
	b := webcheck.StartBrowser(t, 3*time.Minute)
	f.ctx = b.Ctx
	if err := chromedp.Listen(f.ctx, f.listen); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(f.ctx, chromedp.EmulateViewport(1280, 1000)); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *form) listen(ev any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		f.requests = append(f.requests, ev.Request.URL)
	case *page.EventJavascriptDialogOpening:
		// A dialog stops the page until it is answered: answer it, and
		// let the test say whether one was expected.
		f.dialogs = append(f.dialogs, ev.Message)
		go chromedp.Do(f.ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
			return err
		}))
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			msg += " " + d.Exception.Description
		}
		f.exceptions = append(f.exceptions, msg)
	}
}

// do runs browser steps, failing the test with a screenshot on an error.
func (f *form) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	f.t.Helper()
	ctx, cancel := context.WithTimeout(f.ctx, stepLimit)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		f.shot("failed")
		f.t.Fatalf("%s: %v (screenshot in %s)", what, err, f.shots)
	}
}

// eval evaluates JavaScript on the page.
func eval[T any](f *form, js string) T {
	f.t.Helper()
	ctx, cancel := context.WithTimeout(f.ctx, stepLimit)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		f.shot("failed")
		f.t.Fatalf("%s: %v", js, err)
	}
	return v
}

// waitFor evaluates the condition until it is true.
func (f *form) waitFor(what, cond string) {
	f.t.Helper()
	deadline := time.Now().Add(stepLimit)
	for {
		ctx, cancel := context.WithTimeout(f.ctx, stepLimit)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		cancel()
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			f.shot("failed")
			f.t.Fatalf("waiting for %s: %v (screenshot in %s)", what, err, f.shots)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitText evaluates a text until it is not empty and returns it. What
// is waited for and what is read are one evaluation: the form renders a
// list again once its records are loaded, and an element found by one
// evaluation can be gone by the next.
func (f *form) waitText(what, expr string) string {
	f.t.Helper()
	deadline := time.Now().Add(stepLimit)
	for {
		ctx, cancel := context.WithTimeout(f.ctx, stepLimit)
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		cancel()
		if err == nil && s != "" {
			return s
		}
		if time.Now().After(deadline) {
			f.shot("failed")
			f.t.Fatalf("waiting for %s: %v (screenshot in %s)", what, err, f.shots)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (f *form) shot(name string) {
	buf, err := chromedp.Run(f.ctx, chromedp.FullScreenshot(100))
	if err == nil {
		_ = os.WriteFile(filepath.Join(f.shots, strings.ReplaceAll(f.t.Name(), "/", "-")+"-"+name+".png"), buf, 0o644)
	}
}

// signIn opens the form and signs in to the local backend, which asks
// nothing more than a click.
func (f *form) signIn() {
	f.t.Helper()
	f.do("open the form", chromedp.Navigate(f.url), chromedp.WaitVisible(chromedp.CSS("button")))
	f.waitFor("the sign-in button", `document.querySelector('button') && document.querySelector('button').textContent === '登录'`)
	f.do("sign in", chromedp.Click(chromedp.CSS("button")))
	f.waitFor("the collections", `document.querySelector('a[href="#/collections/heroes"]') !== null`)
}

// newEntry opens the form of a new record of a collection.
func (f *form) newEntry(collection string) {
	f.t.Helper()
	// By the collection's list, which has no form: the form of an entry
	// open before would otherwise be taken for the new one while the page
	// changes.
	f.do("open "+collection, chromedp.Navigate(f.url+"#/collections/"+collection))
	f.waitFor("the list of "+collection, `document.querySelector('label') === null && document.querySelector('a[href$="/new"]') !== null`)
	f.do("open a new "+collection, chromedp.Navigate(f.url+"#/collections/"+collection+"/new"))
	f.waitFor("the form", `document.querySelector('label') !== null`)
}

// fieldJS finds the control of the field at a path of labels (an object's
// label, then its field's), as people find it on the page, and returns its
// id: every control is the target of its label's for.
const fieldJS = `((path) => {
	let scope = document, el = null;
	for (const name of path) {
		const label = Array.from(scope.querySelectorAll('label'))
			.find(l => (l.childNodes[0] ? l.childNodes[0].textContent : '').trim() === name);
		if (!label) return '';
		el = document.getElementById(label.htmlFor);
		if (!el) return '';
		scope = el;
	}
	return el.id;
})(%s)`

// control returns the CSS selector of the control of the field at a path
// of labels.
func (f *form) control(labels ...string) string {
	f.t.Helper()
	path, _ := json.Marshal(labels)
	id := eval[string](f, fmt.Sprintf(fieldJS, path))
	if id == "" {
		f.shot("failed")
		f.t.Fatalf("no field %s in the form", strings.Join(labels, " › "))
	}
	return "#" + id
}

// typeIn types text into a text box, as a person types it, and checks
// that the box holds it: keys typed while the form is still settling (it
// renders again once the other records are loaded) can be lost, as a
// person would see and type again.
func (f *form) typeIn(text string, labels ...string) {
	f.t.Helper()
	sel := f.control(labels...)
	for try := 0; ; try++ {
		f.do("type into "+strings.Join(labels, " › "), chromedp.Click(chromedp.CSS(sel)), chromedp.SendKeys(chromedp.CSS(sel), text))
		got := eval[string](f, fmt.Sprintf(`document.querySelector(%q).value`, sel))
		if got == text {
			return
		}
		if try == 2 {
			f.shot("failed")
			f.t.Fatalf("typed %q into %s, which holds %q", text, strings.Join(labels, " › "), got)
		}
		f.setValue(sel, "")
	}
}

// setValue sets the value of an input as the browser does when a person
// edits it, so that the form sees the change.
func (f *form) setValue(sel, value string) {
	f.t.Helper()
	eval[bool](f, fmt.Sprintf(`(() => {
		const el = document.querySelector(%q);
		Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, %q);
		el.dispatchEvent(new Event('input', {bubbles: true}));
		el.dispatchEvent(new Event('change', {bubbles: true}));
		return true;
	})()`, sel, value))
}

// choose picks an option of a select or relation field by typing part of
// its label and pressing Enter on the first match, as a person does; the
// options of a relation are loaded from the other records first.
func (f *form) choose(option string, labels ...string) {
	f.t.Helper()
	sel := f.control(labels...)
	f.do("choose in "+strings.Join(labels, " › "), chromedp.Click(chromedp.CSS(sel)), chromedp.SendKeys(chromedp.CSS(sel), option))
	f.waitFor("the option "+option, fmt.Sprintf(`Array.from(document.querySelectorAll('[id*="-option-"]')).some(o => o.textContent.includes(%q))`, option))
	f.do("pick "+option, chromedp.SendKeys(chromedp.CSS(sel), "\n"))
	f.waitFor(option+" chosen", fmt.Sprintf(`(() => {
		const box = document.querySelector(%q).closest('[aria-label$=" field"]');
		return box !== null && box.querySelector('[class*="singleValue"], [class*="multiValue"]') !== null &&
			box.querySelector('[class*="singleValue"], [class*="multiValue"]').textContent.includes(%q);
	})()`, sel, option))
}

// setDate sets a date field. The browser's date box takes the date in the
// order of its locale; the test sets the value as the date picker does.
func (f *form) setDate(date string, labels ...string) {
	f.t.Helper()
	f.setValue(f.control(labels...), date)
}

// writeNarrative types into the Markdown editor.
func (f *form) writeNarrative(text string) {
	f.t.Helper()
	sel := `[data-slate-editor="true"]`
	f.do("write the narrative", chromedp.Click(chromedp.CSS(sel)), chromedp.SendKeys(chromedp.CSS(sel), text))
}

// publish saves the entry: decap-server's file-system mode has no
// editorial workflow, so the form offers 发布 (publish) where GitHub's
// offers 保存 (save) and a pull request.
func (f *form) publish() {
	f.t.Helper()
	clickText := func(text string) string {
		return fmt.Sprintf(`(() => {
			const el = Array.from(document.querySelectorAll('[role="button"], [role="menuitem"], button'))
				.find(e => e.textContent.trim() === %q);
			if (!el) return false;
			el.click();
			return true;
		})()`, text)
	}
	f.waitFor("the publish menu", clickText("发布"))
	f.waitFor("publish now", clickText("立即发布"))
}

// option returns the label the form shows for a value of a select field of
// a collection (the schema's x-enum-titles, or the value itself).
func (f *form) option(collection, field, value string) string {
	f.t.Helper()
	var fields *yaml.Node
	for _, c := range child(child(f.config.Content[0], "collections"), "").Content {
		if child(c, "name").Value == collection {
			fields = child(c, "fields")
		}
	}
	for _, name := range strings.Split(field, ".") {
		var next *yaml.Node
		if fields != nil {
			for _, fl := range fields.Content {
				if child(fl, "name").Value == name {
					next = fl
				}
			}
		}
		if next == nil {
			f.t.Fatalf("config.yml: no field %s in %s", field, collection)
		}
		if sub := child(next, "fields"); sub != nil {
			fields = sub
			continue
		}
		for _, o := range child(next, "options").Content {
			if child(o, "value").Value == value {
				return child(o, "label").Value
			}
		}
	}
	f.t.Fatalf("config.yml: no option %s of %s in %s", value, field, collection)
	return ""
}

// child returns the value of key in a mapping, or the node itself for "".
func child(n *yaml.Node, key string) *yaml.Node {
	if key == "" {
		return n
	}
	return yamldoc.Lookup(n, key)
}

// offHost reports the requests that left 127.0.0.1 and the script errors
// other than those expected: every file of the form is served from the
// site, and the form saves through the local backend only.
func (f *form) offHost(expected ...string) {
	f.t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.requests) == 0 {
		f.t.Error("no network request seen: the listener is not working")
	}
	for _, r := range f.requests {
		u, err := url.Parse(r)
		if err != nil || (u.Scheme != "data" && u.Scheme != "blob" && u.Hostname() != "127.0.0.1") {
			f.t.Errorf("a request left 127.0.0.1: %s", r)
		}
	}
	for _, e := range f.exceptions {
		if !slices.Contains(expected, e) {
			f.t.Errorf("script error: %s", e)
		}
	}
}

func (f *form) saved(action string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, a := range f.actions {
		if a == action || strings.HasPrefix(a, action+" ") {
			n++
		}
	}
	return n
}

// fillHero fills the form of a new hero, all but the fields in skip.
func (f *form) fillHero(id string, skip ...string) {
	f.t.Helper()
	skipped := map[string]bool{}
	for _, s := range skip {
		skipped[s] = true
	}
	if !skipped["人员编号"] {
		f.typeIn(id, "人员编号")
	}
	if !skipped["姓名"] {
		f.typeIn("林晓东", "姓名")
	}
	f.choose(f.option("heroes", "gender", "male"), "性别")
	f.typeIn("1985", "出生年份")
	f.choose("射阳县", "所属辖区")
	f.choose(f.option("heroes", "status", "pending"), "确认状态")
	f.setDate("2020-03-14", "见义勇为事迹", "事迹日期")
	f.typeIn("射阳县合德镇示例河", "见义勇为事迹", "事迹地点")
	f.choose(f.option("heroes", "deed.kind", "rescue"), "见义勇为事迹", "事迹类别")
	f.typeIn("跳入河中救起落水儿童", "见义勇为事迹", "事迹概述")
	f.choose(f.option("heroes", "outcome", "unharmed"), "本人结果")
	f.writeNarrative("2020年3月14日下午，一名儿童在示例河边玩耍时不慎落水。他闻声赶到，跳入河中将儿童救起。")
}

// TestForm opens the form of a copy of the repository in a browser: a
// hero created through it is saved where DESIGN §2 puts it and roll check
// passes on it; a hero whose name, which the schema requires, is left
// empty is refused and not saved.
func TestForm(t *testing.T) {
	f := openForm(t)
	f.signIn()
	t.Run("CreatesHero", func(t *testing.T) { f.t = t; createsHero(f) })
	t.Run("RefusesEmptyRequired", func(t *testing.T) { f.t = t; refusesEmptyRequired(f) })
	t.Run("CreatesFundMonth", func(t *testing.T) { f.t = t; createsFundMonth(f) })
	t.Run("OpensEveryCollection", func(t *testing.T) { f.t = t; opensEveryCollection(f) })
	f.t = t
	if len(f.dialogs) > 0 {
		t.Errorf("the page opened dialogs: %q", f.dialogs)
	}
	// Decap CMS refuses to save by rejecting the promise of the save,
	// which nothing catches: the browser reports it, with no reason.
	f.offHost("Uncaught (in promise)")
}

// createsHero creates a hero through the form and saves it: the file is
// named by its id in its own case, in its jurisdiction's folder, and roll
// check finds nothing wrong in the repository with it.
func createsHero(f *form) {
	t := f.t
	f.newEntry("heroes")
	const id = "H-2020-0900"
	f.fillHero(id)
	f.shot("filled")
	f.publish()

	file := f.waitFile("records/heroes/sheyang/" + id + ".md")
	f.shot("saved")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s:\n%s", file, data)
	for _, want := range []string{"id: " + id + "\n", "name: 林晓东\n", "jurisdiction: sheyang\n", "date: 2020-03-14\n", "consent: false\n", "跳入河中将儿童救起"} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("the saved hero lacks %q", want)
		}
	}
	// What was left alone is not written: martyr: {} or honors with an
	// empty item would be errors of roll check.
	for _, unwanted := range []string{"martyr", "confirmed", "honors", "private", `""`} {
		if bytes.Contains(data, []byte(unwanted)) {
			t.Errorf("the saved hero has %q", unwanted)
		}
	}

	f.checkClean("records/heroes/sheyang/" + id + ".md")
}

// refusesEmptyRequired leaves the name empty: the form says so under the
// field and saves nothing.
func refusesEmptyRequired(f *form) {
	t := f.t
	saves := f.saved("persistEntry")
	f.newEntry("heroes")
	f.fillHero("H-2020-0901", "姓名")
	f.publish()
	name := f.control("姓名")
	msg := f.waitText("the error under 姓名", fmt.Sprintf(`(() => {
		const box = document.querySelector(%q).closest('[aria-label="string field"]');
		const li = box === null ? null : box.querySelector('ul li');
		return li === null ? '' : li.textContent;
	})()`, name))
	f.do("show the name", chromedp.ScrollIntoView(chromedp.CSS(name)))
	f.shot("refused")
	if !strings.Contains(msg, "姓名") {
		t.Errorf("the error under 姓名 is %q, want it to name the field", msg)
	}
	if n := f.saved("persistEntry") - saves; n != 0 {
		t.Errorf("the form saved %d times with a required field empty", n)
	}
	if matches, _ := filepath.Glob(filepath.Join(f.repo, "records/heroes/*/H-2020-0901*")); len(matches) > 0 {
		t.Errorf("the form wrote %q with a required field empty", matches)
	}
	// Leaving, the form asks whether to drop what was not saved.
	f.do("leave", chromedp.Navigate(f.url+"#/collections/heroes"))
	f.waitFor("the list of heroes", `document.querySelector('label') === null`)
	f.mu.Lock()
	if len(f.dialogs) != 1 || !strings.Contains(f.dialogs[0], "离开") {
		t.Errorf("leaving the refused hero, the page opened the dialogs %q, want one asking to leave", f.dialogs)
	}
	f.dialogs = nil
	f.mu.Unlock()
}

// createsFundMonth enters a voucher of a month the ledger has no file for
// yet: the month's file is a list, which the form edits through the format
// roll-cms.js registers, and is named by the voucher's date.
func createsFundMonth(f *form) {
	t := f.t
	f.newEntry("fund")
	// The month starts with one voucher, folded: unfold it.
	f.waitFor("the voucher unfolded", `(() => {
		const b = document.querySelector('[aria-label="list field"] [aria-label="Expand"]');
		if (b) b.click();
		return Array.from(document.querySelectorAll('label')).some(l => l.textContent.startsWith('凭证号'));
	})()`)
	f.shot("new")
	f.typeIn("F-2021-0001", "凭证号")
	f.setDate("2021-01-15", "记账日期")
	f.choose(f.option("fund", "items.kind", "income"), "收支类型")
	f.choose(f.option("fund", "items.category", "donation"), "收支类别")
	f.typeIn("5000.00", "金额")
	f.typeIn("示例企业捐赠", "摘要")
	f.shot("filled")
	f.publish()
	file := f.waitFile("records/fund/2021/01.yaml")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s:\n%s", file, data)
	var vouchers []map[string]any
	if err := yaml.Unmarshal(data, &vouchers); err != nil {
		t.Fatalf("the saved month is not a YAML list: %v", err)
	}
	want := map[string]any{"id": "F-2021-0001", "date": "2021-01-15", "kind": "income", "category": "donation", "amount": "5000.00", "note": "示例企业捐赠"}
	if len(vouchers) != 1 || fmt.Sprint(vouchers[0]) != fmt.Sprint(want) {
		t.Errorf("the saved month is %v, want [%v]", vouchers, want)
	}
	f.checkClean("records/fund/2021/01.yaml")
}

// opensEveryCollection opens the first record of every collection the
// form lists and finds its values in the form: every kind's files are read
// through the configuration (lists through roll-cms.js's format).
func opensEveryCollection(f *form) {
	t := f.t
	for _, c := range child(f.config.Content[0], "collections").Content {
		name := child(c, "name").Value
		if h := child(c, "hide"); h != nil && h.Value == "true" {
			continue
		}
		f.do("open "+name, chromedp.Navigate(f.url+"#/collections/"+name))
		href := f.waitText("the records of "+name, fmt.Sprintf(`(() => {
			const a = document.querySelector('a[href^="#/collections/%s/entries/"]');
			return a === null ? '' : a.getAttribute('href');
		})()`, name))
		f.do("open "+href, chromedp.Navigate(f.url+href))
		// A field filled from the file: a text box, or a list's summary.
		f.waitFor("the values of "+href, `Array.from(document.querySelectorAll('input')).some(i => i.value !== '') ||
			Array.from(document.querySelectorAll('[aria-label="list field"]')).some(l => l.textContent.trim() !== '')`)
		if eval[bool](f, `document.body.textContent.includes('错误') && document.querySelector('[class*="ErrorBoundary"]') !== null`) {
			f.shot(name)
			t.Errorf("%s: the form shows an error", href)
		}
	}
}

// waitFile waits for the form to save a file of the repository: for
// decap-server to answer a persistEntry that names it, which it does once
// the file is written whole. The file alone is no sign: it exists, empty,
// while decap-server writes it, and a test that read it then, under load,
// found nothing saved.
func (f *form) waitFile(name string) string {
	f.t.Helper()
	file := filepath.Join(f.repo, filepath.FromSlash(name))
	deadline := time.Now().Add(stepLimit)
	for !f.persisted(name) {
		if time.Now().After(deadline) {
			f.shot("failed")
			f.t.Logf("errors on the page: %q", eval[[]string](f, `Array.from(document.querySelectorAll('ul li')).map(li => li.textContent)`))
			f.t.Fatalf("no %s saved; requests to decap-server: %q", name, f.actions)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if _, err := os.Stat(file); err != nil {
		f.t.Fatalf("decap-server saved %s, which is not there: %v", name, err)
	}
	return file
}

// persisted reports whether decap-server has answered a save of the file
// name, a slash path of the repository.
func (f *form) persisted(name string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, a := range f.answered {
		fields := strings.Fields(a)
		if len(fields) > 0 && fields[0] == "persistEntry" && slices.Contains(fields[1:], name) {
			return true
		}
	}
	return false
}

// statusWriter notes the status of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) {
	w.status = status
	w.ResponseWriter.WriteHeader(status)
}

// Unwrap lets the proxy flush through the writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// checkClean runs roll check on the copy: nothing is wrong with the file
// the form saved, nor with the repository.
func (f *form) checkClean(name string) {
	f.t.Helper()
	res, err := check.Run(f.repo, check.Options{Today: today})
	if err != nil {
		f.t.Fatal(err)
	}
	for _, fd := range res.Findings {
		if fd.File == name {
			f.t.Errorf("roll check: %s", fd)
		}
	}
	if n := res.Findings.Errors(); n > 0 {
		f.t.Errorf("roll check found %d errors in the repository with %s", n, name)
	}
}

func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return fmt.Sprint(l.Addr().(*net.TCPAddr).Port)
}

// waitListening waits for decap-server to accept connections.
func waitListening(t *testing.T, addr string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("decap-server did not listen on %s: %v", addr, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
