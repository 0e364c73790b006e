// Package serve runs `roll serve`: a preview of both sites that rebuilds
// itself when the records, the schemas or the templates change, and makes
// the open page reload.
//
// # Builds
//
// Each build goes through package build, as `roll build` does, into a
// numbered folder of a private temporary folder (mode 0700, removed on
// exit), never into the repository's _site. A new build gets a new folder
// and is switched in only when it is complete; the folder of the build
// before it is kept until the next one, so a request that started on it
// finishes on it. A request therefore sees one whole build, old or new,
// never a mix.
//
// # Watching
//
// The folders records/, schemas/ and templates/ are polled (every 300 ms by
// default): their files' paths, sizes, modes and modification times are
// compared with the previous walk. There is no dependency on fsnotify, and
// polling sees edits made over network file systems and in containers that
// file events miss. A burst of changes (a git checkout, an editor's save
// through a temporary file) is built once: the build starts when one poll
// finds nothing new since the change, or 2 s after the first change if
// changes keep coming. One walk costs one lstat per file: about 0.6 ms for
// the sample repository (123 paths) and about 50 ms for 10,000 files on the
// small virtual machine it was measured on, where an lstat takes 2 µs (see
// the Scan benchmarks). On a large tree the wait between polls grows to ten
// times the last walk's time, so polling never takes more than about a
// tenth of one core.
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
package serve

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/yancheng-jyyw/roll/internal/build"
	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/history"
	"github.com/yancheng-jyyw/roll/internal/l10n"
	"github.com/yancheng-jyyw/roll/internal/safetext"
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
}

// Default timings.
const (
	defaultInterval = 300 * time.Millisecond
	maxDelay        = 2 * time.Second // the longest a burst of changes delays a build
	scanShare       = 10              // wait at least this many times the last walk's time
	shutdownTimeout = 5 * time.Second
)

// Serve builds the sites of opts.Root, serves them on ln and rebuilds them
// on change, until ctx is cancelled; then it stops the server, removes its
// temporary folder and returns nil. Errors in the records never stop it;
// the error is for a failure of the listener or the temporary folder.
func Serve(ctx context.Context, ln net.Listener, opts Options) error {
	s, err := newServer(ln.Addr(), opts)
	if err != nil {
		return err
	}
	defer os.RemoveAll(s.tmp)

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
	baseURL  string        // the server's own address, for the sites' absolute links
	loopback bool          // check the Host of requests
	tmp      string        // the private temporary folder
	instance string        // tells this server's build ids from an earlier one's
	history  history.Cache // so a rebuild reads only the commits made since the last

	mu  sync.Mutex
	cur *generation
}

// generation is the outcome of one build: a site to serve, or why there is
// none.
type generation struct {
	id       string
	dir      string        // holds public/ and internal/; "" when the build failed
	findings finding.List  // all of them, warnings included
	err      error         // a failure of the build itself
	changed  chan struct{} // closed when the next generation replaces this one
}

// failed reports whether the generation has no site to serve.
func (g *generation) failed() bool { return g.dir == "" && (g.err != nil || g.findings.Errors() > 0) }

// pending reports whether the first build has not ended yet.
func (g *generation) pending() bool { return g.dir == "" && !g.failed() }

func newServer(addr net.Addr, opts Options) (*server, error) {
	tmp, err := os.MkdirTemp("", "roll-serve-")
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	instance := strconv.FormatInt(time.Now().UnixNano(), 36)
	lang := cmp.Or(opts.Lang, l10n.Chinese)
	s := &server{
		root:     opts.Root,
		today:    opts.Today,
		lang:     lang,
		p:        l10n.Printer(lang),
		log:      cmp.Or[io.Writer](opts.Log, io.Discard),
		interval: cmp.Or(opts.Interval, defaultInterval),
		baseURL:  "http://" + addr.String() + "/",
		loopback: !Exposed(addr),
		tmp:      tmp,
		instance: instance,
		cur:      &generation{id: instance + "-0", changed: make(chan struct{})},
	}
	return s, nil
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

// watch builds the sites, then polls the watched folders and rebuilds
// after each change, until ctx is cancelled.
func (s *server) watch(ctx context.Context) {
	last, err := scan(s.root)
	if err != nil {
		s.logLine(finding.Msg("cannot watch the folders: %v", err))
	}
	n := 0
	var keep []string // folders of builds that may still be read
	rebuild := func() {
		n++
		dir := filepath.Join(s.tmp, strconv.Itoa(n))
		g := s.build(dir, fmt.Sprintf("%s-%d", s.instance, n))
		s.install(g)
		if g.dir != "" {
			keep = append(keep, g.dir)
		}
		// The folder of the generation before this one may still be read
		// by a request that started on it; older ones may not.
		for len(keep) > 2 {
			os.RemoveAll(keep[0])
			keep = keep[1:]
		}
	}
	rebuild()

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
		// On a large tree, poll less often: the walk takes at most a
		// tenth of the time.
		wait.Reset(max(s.interval, scanShare*time.Since(start)))
		if err != nil {
			s.logLine(finding.Msg("cannot watch the folders: %v", err))
			continue
		}
		changed := !t.equal(last)
		last = t
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

// build runs one build into dir and logs its outcome in one line.
func (s *server) build(dir, id string) *generation {
	start := time.Now()
	g := &generation{id: id, changed: make(chan struct{})}
	today := s.today
	if today.IsZero() {
		y, m, d := time.Now().Date()
		today = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	hist, err := s.history.Read(s.root, "records/")
	if err != nil {
		hist = nil // build.Run reads it afresh and reports the error
	}
	res, err := build.Run(s.root, build.Options{Out: dir, BaseURL: s.baseURL, Today: today, History: hist})
	took := time.Since(start).Round(time.Millisecond)
	switch {
	case err != nil:
		g.err = err
		s.logLine(finding.Msg("build failed in %v: %v", took, err))
	case !res.Built:
		g.findings = res.Check.Findings
		s.logLine(finding.Msg("build failed in %v: %d errors, %d warnings; the browser shows them",
			took, g.findings.Errors(), g.findings.Warnings()))
	default:
		g.dir = dir
		g.findings = res.Check.Findings
		s.logLine(finding.Msg("built in %v: %d pages of the public site, %d of the internal site; %d warnings",
			took, countPages(filepath.Join(dir, "public")), countPages(filepath.Join(dir, "internal")), g.findings.Warnings()))
	}
	if g.dir == "" {
		os.RemoveAll(dir)
	}
	return g
}

// logLine writes one line to the log: the time, then m in the server's
// language, made safe to print: a failed build's error may name a file of
// the repository (package safetext).
func (s *server) logLine(m finding.Message) {
	fmt.Fprintf(s.log, "roll serve: %s %s\n", time.Now().Format(time.TimeOnly), safetext.Line(m.Localize(s.p)))
}

// countPages counts the HTML files under dir; 0 when there is no dir.
func countPages(dir string) int {
	n := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			n++
		}
		return nil
	})
	return n
}
