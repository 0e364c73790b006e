// Package serve runs `roll serve`: a preview of both sites that rebuilds
// itself when the records, the schemas or the templates change, and makes
// the open page reload.
//
// # Builds
//
// Each build checks the records and lists the pages of both sites as
// `roll build` does (package build), and renders them into memory
// (site.Memory), never into the repository's _site or any folder. The
// server keeps the previous build between rebuilds: a page whose inputs
// did not change is taken from it, not rendered again, so an edit renders
// only the pages that show what changed. A new build is switched in only
// when it is complete, and a request holds the build it started on, so it
// sees one whole build, old or new, never a mix.
//
// # Watching
//
// On Linux the kernel tells of each change to records/, schemas/ and
// templates/ (inotify, through golang.org/x/sys/unix: every folder under
// them is watched, and the repository's root for those folders
// appearing), and the build starts once the changes have stopped for 30
// ms, so that an edit is built within milliseconds of its save. A burst
// of changes (a git checkout, an editor's save through a temporary file)
// is built once: or twice, should it last over 2 s. Names starting with a
// dot are left out, as the records loader leaves them out: editors keep
// their swap and backup files there, and a keystroke should not rebuild
// the sites.
//
// Elsewhere, where inotify cannot be had (its limit of watches reached)
// and with Options.Poll, the folders are polled (every 300 ms by default):
// their files' paths, sizes, modes and modification times are compared
// with the previous walk. Polling sees edits made over network file
// systems and in containers that file events miss. The build starts when
// one poll finds nothing new since the change, or 2 s after the first
// change if changes keep coming. After a change, that poll comes 100 ms
// later (or twice the walk's time), not a whole interval later, so that
// an edit is built soon. One walk costs one lstat per file: about 0.6 ms
// for the sample repository (123 paths) and about 50 ms for 10,000 files
// on the small virtual machine it was measured on, where an lstat takes 2
// µs (see the Scan benchmarks). On a large tree the wait between polls
// grows to ten times the last walk's time, so polling takes about a tenth
// of one core, and a third of it while changes keep coming.
//
// # Serving
//
//	/              the public site
//	/internal/     the internal site, as build writes it to OUT/internal
//	/_roll/events  server-sent events: "hello" on connecting, "reload" after
//	               each build, each with the build's id as data
//	/_roll/reload.js  the script that listens to them
//
// HTML responses get one <script src="/_roll/reload.js"> before </body>;
// the files on disk are not changed, and nothing else is. The script
// reloads the page when the id of the current build differs from that of
// the page, so a page served just before a build, or by a server that has
// since been restarted, reloads as well.
//
// When the records have errors, or the build fails, every path but
// /_roll/ answers with a page that lists the findings (file:line:col and
// the message, in Chinese by default) under a banner, with status 500
// Internal Server Error: a link checker or curl sees the failure, while a
// browser shows the page. The page reloads by itself and the site comes
// back with the next successful build. Before the first build ends, pages
// answer 503 with a short notice that reloads as well.
//
// # Security
//
// The internal site shows masked private data. On a loopback address, the
// server answers only requests whose Host is a loopback name or address,
// so that a web page cannot read it through DNS rebinding; Exposed tells
// the command when to warn that the address is reachable from the network.
//
// The package is a little larger than 600 lines: watching, by the
// kernel's events and by polling, serves only the rebuilds of this
// server, and the two ways share its timings and its tests.
package serve

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/yancheng-jyyw/roll/internal/build"
	"github.com/yancheng-jyyw/roll/internal/check"
	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/history"
	"github.com/yancheng-jyyw/roll/internal/l10n"
	"github.com/yancheng-jyyw/roll/internal/public"
	"github.com/yancheng-jyyw/roll/internal/records"
	"github.com/yancheng-jyyw/roll/internal/safetext"
	"github.com/yancheng-jyyw/roll/internal/site"
	"github.com/yancheng-jyyw/roll/internal/status"
	"golang.org/x/text/message"
)

// Options are the settings of a preview server.
type Options struct {
	Root  string    // the repository: the folder holding records/ and schemas/
	Today time.Time // the build date; zero means the current date at each build
	Lang  l10n.Lang // language of the log and of the findings page; default Chinese
	Log   io.Writer // one line per build; default io.Discard

	// Interval is the time between two polls of the watched folders,
	// 300 ms when zero. Tests make it shorter.
	Interval time.Duration
	// Poll makes the server poll the watched folders even where the
	// kernel tells of their changes (Linux's inotify), as it does
	// elsewhere.
	Poll bool
}

// Default timings.
const (
	defaultInterval = 300 * time.Millisecond
	maxDelay        = 2 * time.Second        // the longest a burst of changes delays a build
	settle          = 100 * time.Millisecond // after a change, the wait for the walk that sees whether it is over
	quiet           = 30 * time.Millisecond  // told of changes, the build starts once they stop for this long
	scanShare       = 10                     // wait at least this many times the last walk's time
	shutdownTimeout = 5 * time.Second
)

// Serve builds the sites of opts.Root, serves them on ln and rebuilds them
// on change, until ctx is cancelled; then it stops the server and returns
// nil. Errors in the records never stop it; the error is for a failure of
// the listener.
func Serve(ctx context.Context, ln net.Listener, opts Options) error {
	s := newServer(ln.Addr(), opts)
	var err error

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		// Requests end with ctx, the event streams among them: Shutdown
		// would otherwise wait for them.
		BaseContext: func(net.Listener) context.Context { return ctx },
		ErrorLog:    log.New(s.log, "roll serve: ", 0),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		s.watch(ctx)
	}()

	select {
	case <-ctx.Done():
		err = nil
	case err = <-served:
		cancel()
	}
	sctx, scancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer scancel()
	if serr := srv.Shutdown(sctx); err == nil && serr != nil {
		err = serr
	}
	<-watched
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// Exposed reports whether addr, the address a server listens on, may be
// reached from other machines: any address but a loopback one, such as
// 0.0.0.0 (all interfaces).
func Exposed(addr net.Addr) bool {
	host, _, err := net.SplitHostPort(addr.String())
	if err != nil {
		host = addr.String()
	}
	ip := net.ParseIP(host)
	return ip == nil || !ip.IsLoopback()
}

// server is one preview: its settings, its temporary folder and the
// current build.
type server struct {
	root     string
	today    time.Time
	lang     l10n.Lang
	p        *message.Printer
	log      io.Writer
	interval time.Duration
	poll     bool          // poll even where the kernel tells of changes
	baseURL  string        // the server's own address, for the sites' absolute links
	loopback bool          // check the Host of requests
	instance string        // tells this server's build ids from an earlier one's
	history  history.Cache // so a rebuild reads only the commits made since the last
	records  records.Cache // so a rebuild parses only the records that changed
	code     site.Key      // the code of roll, for the keys of pages
	// The last sites built: a rebuild keeps their pages whose inputs did
	// not change. Used by the watching goroutine only.
	public, internal *site.Memory
	memo             *public.Memo // the public site's redaction memo
	statusMemo       *status.Memo // what the internal site counts across every record

	mu  sync.Mutex
	cur *generation
}

// generation is the outcome of one build: the sites to serve, or why
// there are none.
type generation struct {
	id       string
	public   *site.Memory  // nil when the build failed
	internal *site.Memory  // nil when the build failed
	findings finding.List  // all of them, warnings included
	err      error         // a failure of the build itself
	changed  chan struct{} // closed when the next generation replaces this one
}

// built reports whether the generation has sites to serve.
func (g *generation) built() bool { return g.public != nil }

// failed reports whether the generation has no site to serve.
func (g *generation) failed() bool { return !g.built() && (g.err != nil || g.findings.Errors() > 0) }

// pending reports whether the first build has not ended yet.
func (g *generation) pending() bool { return !g.built() && !g.failed() }

func newServer(addr net.Addr, opts Options) *server {
	instance := strconv.FormatInt(time.Now().UnixNano(), 36)
	lang := cmp.Or(opts.Lang, l10n.Chinese)
	s := &server{
		root:     opts.Root,
		today:    opts.Today,
		lang:     lang,
		p:        l10n.Printer(lang),
		log:      cmp.Or[io.Writer](opts.Log, io.Discard),
		interval: cmp.Or(opts.Interval, defaultInterval),
		poll:     opts.Poll,
		baseURL:  "http://" + addr.String() + "/",
		loopback: !Exposed(addr),
		instance: instance,
		cur:      &generation{id: instance + "-0", changed: make(chan struct{})},
	}
	s.code, _ = site.CodeKey() // without it, every page is rendered each time
	return s
}

// current returns the generation being served.
func (s *server) current() *generation {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cur
}

// install makes g the current generation and wakes those waiting for it.
func (s *server) install(g *generation) {
	s.mu.Lock()
	old := s.cur
	s.cur = g
	s.mu.Unlock()
	close(old.changed)
}

// watch builds the sites, then rebuilds them after each change until ctx
// is cancelled: as the kernel tells of the changes where it can
// (notifier), by polling the watched folders otherwise.
func (s *server) watch(ctx context.Context) {
	n := 0
	rebuild := func() {
		n++
		s.install(s.build(fmt.Sprintf("%s-%d", s.instance, n)))
	}
	if !s.poll {
		if nt, err := newNotifier(s.root); err == nil {
			// Watching starts before the first build, so that no change
			// made during it is missed.
			s.notified(ctx, nt, rebuild)
			return
		}
	}
	last, err := scan(s.root)
	if err != nil {
		s.logLine(finding.Msg("cannot watch the folders: %v", err))
	}
	rebuild()
	s.polled(ctx, last, rebuild)
}

// notified rebuilds after each change nt tells of, once the changes have
// stopped for quiet (or kept coming for maxDelay), until ctx is
// cancelled. Should reading the events fail, it polls instead.
func (s *server) notified(ctx context.Context, nt *notifier, rebuild func()) {
	changes := make(chan struct{}, 1)
	failed := make(chan error, 1)
	go func() {
		failed <- nt.run(func(string) {
			select {
			case changes <- struct{}{}:
			default: // one is waiting already
			}
		})
	}()
	defer func() {
		nt.Close()
		<-failed
	}()
	rebuild()
	wait := time.NewTimer(0)
	wait.Stop()
	var since time.Time // when the first change not yet built was told
	for {
		select {
		case <-ctx.Done():
			return
		case err := <-failed:
			failed <- nil // for the deferred wait
			s.logLine(finding.Msg("cannot watch the folders: %v", err))
			last, _ := scan(s.root)
			rebuild()
			s.polled(ctx, last, rebuild)
			return
		case <-changes:
			if since.IsZero() {
				since = time.Now()
			}
			wait.Reset(max(0, min(quiet, maxDelay-time.Since(since))))
		case <-wait.C:
			// Changes told during the build start the next one.
			since = time.Time{}
			rebuild()
		}
	}
}

// polled polls the watched folders, last being their state at the last
// build, and rebuilds after each change until ctx is cancelled.
func (s *server) polled(ctx context.Context, last tree, rebuild func()) {
	wait := time.NewTimer(s.interval)
	defer wait.Stop()
	var since time.Time // when the first change not yet built was seen
	for {
		select {
		case <-ctx.Done():
			return
		case <-wait.C:
		}
		start := time.Now()
		t, err := scan(s.root)
		took := time.Since(start)
		// On a large tree, poll less often: the walk takes at most a
		// tenth of the time.
		wait.Reset(max(s.interval, scanShare*took))
		if err != nil {
			s.logLine(finding.Msg("cannot watch the folders: %v", err))
			continue
		}
		changed := !t.equal(last)
		last = t
		if changed {
			// Whether the change is over is seen sooner than the next
			// poll: one more walk, a short while later.
			wait.Reset(min(s.interval, max(settle, 2*took)))
		}
		switch {
		case changed && since.IsZero():
			since = time.Now()
		case changed && time.Since(since) < maxDelay:
		case !since.IsZero():
			// Quiet for one interval, or changing for too long: build what
			// the last walk saw. Changes made during the build show in the
			// next walk.
			since = time.Time{}
			rebuild()
		}
	}
}

// build checks the records and renders both sites into memory, keeping
// the pages of the previous build whose inputs did not change, and logs
// its outcome in one line.
func (s *server) build(id string) *generation {
	start := time.Now()
	g := &generation{id: id, changed: make(chan struct{})}
	today := s.today
	if today.IsZero() {
		y, m, d := time.Now().Date()
		today = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	pages, rendered, err := s.renderSites(g, today)
	took := time.Since(start).Round(time.Millisecond)
	switch {
	case err != nil:
		g.err = err
		s.logLine(finding.Msg("build failed in %v: %v", took, err))
	case !g.built():
		s.logLine(finding.Msg("build failed in %v: %d errors, %d warnings; the browser shows them",
			took, g.findings.Errors(), g.findings.Warnings()))
	default:
		s.logLine(finding.Msg("built in %v: %d pages of the public site, %d of the internal site, %d rendered; %d warnings",
			took, pages[0], pages[1], rendered, g.findings.Warnings()))
	}
	return g
}

// renderSites fills g: the findings, and the sites when the records have no
// errors. It returns the pages of each site and how many were rendered.
func (s *server) renderSites(g *generation, today time.Time) (pages [2]int, rendered int, err error) {
	hist, herr := s.history.Read(s.root, "records/")
	if herr != nil {
		hist, herr = history.Read(s.root, "records/")
		if herr != nil {
			return pages, 0, fmt.Errorf("history: %w", herr)
		}
	}
	res, err := check.Run(s.root, check.Options{Today: today, Cache: &s.records})
	if err != nil {
		return pages, 0, err
	}
	g.findings = res.Findings
	if res.Findings.Errors() > 0 {
		return pages, 0, nil
	}
	// As roll build reads them: templates as regular files only (package
	// regularfs).
	files, err := build.OpenFiles(s.root)
	if err != nil {
		return pages, 0, err
	}
	defer files.Close()
	memo, smemo := s.memo.Next(), s.statusMemo.Next()
	sites, _, _, err := build.Plan(res, hist, files, build.PlanOptions{BaseURL: s.baseURL, Today: today, Code: s.code, Memo: memo, Status: smemo})
	if err != nil {
		return pages, 0, err
	}
	var built [2]*site.Memory
	for i, x := range []struct {
		s    *site.Site
		prev *site.Memory
	}{{sites.Public, s.public}, {sites.Internal, s.internal}} {
		b := x.prev.Next()
		st, err := site.Render(b, x.s, site.Options{})
		if err != nil {
			return pages, 0, err
		}
		built[i] = b.Done()
		pages[i], rendered = st.Pages, rendered+st.Rendered
	}
	s.public, s.internal, s.memo, s.statusMemo = built[0], built[1], memo, smemo
	g.public, g.internal = built[0], built[1]
	return pages, rendered, nil
}

// logLine writes one line to the log: the time, then m in the server's
// language, made safe to print: a failed build's error may name a file of
// the repository (package safetext).
func (s *server) logLine(m finding.Message) {
	fmt.Fprintf(s.log, "roll serve: %s %s\n", time.Now().Format(time.TimeOnly), safetext.Line(m.Localize(s.p)))
}
