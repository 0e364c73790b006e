package main

import (
	"fmt"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/serve"
)

// serveUsage is roll serve's usage, before its options.
var serveUsage = finding.Msg(`usage: roll serve [--addr 127.0.0.1:8080] [--today DATE] [--lang zh|en]

Previews both sites: the public one at /, the internal one at /internal/.
They are rebuilt when a file in records/, schemas/ or templates/ changes, and
the open page reloads; while the records have errors, every page lists them.
`)

func (e environment) serve(args []string) int {
	c := e.newCLI("serve", serveUsage)
	addr := c.fs.String("addr", "127.0.0.1:8080", "`host:port` to listen on; any address but a loopback one makes the internal site reachable from the network")
	today := c.fs.String("today", "", "the build date, YYYY-MM-DD (default: the current date at each build)")
	if code, ok := c.parse(args); !ok {
		return code
	}
	if c.fs.NArg() > 0 {
		return c.usageError(finding.Msg("%s takes no arguments, got %q", "serve", c.fs.Args()))
	}
	var day time.Time
	if *today != "" {
		var err error
		if day, err = parseToday(*today); err != nil {
			return c.usageError(finding.Msg("--today %q is not a date YYYY-MM-DD", *today))
		}
	}
	l := c.lang
	root, _, err := locate(nil)
	if err != nil {
		return c.failure(err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return c.failure(err)
	}
	p := c.p
	if serve.Exposed(ln.Addr()) {
		fmt.Fprintln(e.stderr, finding.Msg("warning: %s is reachable from the network, not only from this computer; so is the internal site, with its masked private data. Use the default --addr 127.0.0.1:8080 unless others must see the preview.", ln.Addr().String()).Localize(p))
	}
	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintln(e.stderr, finding.Msg("serving the public site at %s and the internal site at %sinternal/; press Ctrl+C to stop", url, url).Localize(p))

	ctx, stop := signal.NotifyContext(e.ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	err = serve.Serve(ctx, ln, serve.Options{Root: root, Today: day, Lang: l, Log: e.stderr})
	if err != nil {
		return c.failure(err)
	}
	return exitOK
}
