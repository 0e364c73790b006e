package main

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/l10n"
	"github.com/yancheng-jyyw/roll/internal/serve"
)

const serveUsage = `用法 (usage): roll serve [--addr 127.0.0.1:8080] [--today DATE] [--lang zh|en]

在本机预览两个网站：公开网站在 /，内部网站在 /internal/。修改 records/、schemas/
或 templates/ 中的文件后自动重新生成，打开的页面随之刷新；记录有错误时页面列出问题。
Previews both sites: the public one at /, the internal one at /internal/.
They are rebuilt when a file in records/, schemas/ or templates/ changes, and
the open page reloads; while the records have errors, every page lists them.

选项 (options):
`

func (e environment) serve(args []string) int {
	fs := flag.NewFlagSet("roll serve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), serveUsage)
		fs.PrintDefaults()
	}
	addr := fs.String("addr", "127.0.0.1:8080", "`host:port` to listen on; any address but a loopback one makes the internal site reachable from the network")
	today := fs.String("today", "", "the build date, YYYY-MM-DD (default: the current date at each build)")
	lang := fs.String("lang", "zh", "language of the messages and of the findings page: zh or en")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		return e.failf("serve takes no arguments, got %q", fs.Args())
	}
	l, err := l10n.ParseLang(*lang)
	if err != nil {
		return e.failf("%v", err)
	}
	var day time.Time
	if *today != "" {
		if day, err = parseToday(*today); err != nil {
			return e.fail(l10n.Printer(l), err)
		}
	}
	root, _, err := locate(nil)
	if err != nil {
		return e.failf("%v", err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return e.failf("%v", err)
	}
	p := l10n.Printer(l)
	if serve.Exposed(ln.Addr()) {
		fmt.Fprintln(e.stderr, finding.Msg("warning: %s is reachable from the network, not only from this computer; so is the internal site, with its masked private data. Use the default --addr 127.0.0.1:8080 unless others must see the preview.", ln.Addr().String()).Localize(p))
	}
	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintln(e.stderr, finding.Msg("serving the public site at %s and the internal site at %sinternal/; press Ctrl+C to stop", url, url).Localize(p))

	ctx, stop := signal.NotifyContext(e.ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	err = serve.Serve(ctx, ln, serve.Options{Root: root, Today: day, Lang: l, Log: e.stderr})
	if err != nil {
		return e.failf("%v", err)
	}
	return exitOK
}
