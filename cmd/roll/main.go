// Command roll checks the records of a 见义勇为基金会 and renders its sites.
//
//	roll check [--base REV] [--format text|github|json] [--lang zh|en] [--today DATE] [PATH...]
//	roll build [--out DIR] [--base-url URL] [--today DATE] [--lang zh|en]
//	roll serve [--addr 127.0.0.1:8080] [--today DATE] [--lang zh|en]
//	roll new KIND … [--lang zh|en]   (hero|visit|task|report|event|team|decision|nomination|fund)
//
// Every subcommand parses its flags the same way (cli.go): -h prints its
// usage to stdout and exits 0; bad usage is reported on stderr with the
// usage and exits 2; every text is a message of internal/l10n, in Chinese
// unless --lang en is given.
//
// roll works on the repository that contains the current folder: it looks
// upward for records/ and schemas/. Exit status: 0 clean (warnings allowed),
// 1 findings with errors, 2 bad usage or a failure of the tool itself. With
// --base REV, errors already present at the merge base of REV and HEAD (the
// same rule on the same field of the same file) are reported but do not give
// status 1: a pull request is not blocked by problems it did not introduce.
//
// The command is a little larger than 600 lines: one file per subcommand,
// each its flags, its usage in two languages and the wiring of its
// packages, and nothing else.
package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/l10n"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// Exit statuses.
const (
	exitOK       = 0
	exitFindings = 1
	exitUsage    = 2
)

// usage is roll's own usage.
var usage = finding.Msg(`usage:
  roll check [--base REV] [--format text|github|json] [--lang zh|en] [--today DATE] [PATH...]
  roll build [--out DIR] [--base-url URL] [--today DATE] [--lang zh|en]
  roll serve [--addr 127.0.0.1:8080] [--today DATE] [--lang zh|en]
  roll new KIND … [--lang zh|en]   (hero|visit|task|report|event|team|decision|nomination|fund)

Run roll COMMAND -h for the options of a command; --lang en writes in English.
`)

// run is the whole command, callable from tests.
func run(args []string, stdout, stderr io.Writer) int {
	return runContext(context.Background(), args, stdout, stderr)
}

// runContext is run with a context whose end stops a long-running
// subcommand (roll serve) as SIGINT does; tests cancel it.
func runContext(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	env := environment{ctx: ctx, stdout: stdout, stderr: stderr, getenv: os.Getenv,
		terminal: isTerminal(stderr), stdoutTerminal: isTerminal(stdout)}
	p := l10n.Printer(l10n.Chinese)
	if v, ok := langArg(args); ok {
		if l, err := l10n.ParseLang(v); err == nil {
			p = l10n.Printer(l)
		}
	}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage.Localize(p))
		return exitUsage
	}
	switch args[0] {
	case "check":
		return env.check(args[1:])
	case "build":
		return env.build(args[1:])
	case "new":
		return env.newRecord(args[1:])
	case "serve":
		return env.serve(args[1:])
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage.Localize(p))
		return exitOK
	}
	fmt.Fprintf(stderr, "roll: %s\n\n%s", finding.Msg("unknown command %q", args[0]).Localize(p), usage.Localize(p))
	return exitUsage
}

// environment is what a subcommand may use of the world outside it.
type environment struct {
	ctx            context.Context // ends long-running subcommands
	stdout, stderr io.Writer
	getenv         func(string) string
	// terminal is whether stderr is a terminal: roll build shows its
	// progress there only then, so CI logs get just the summary line.
	terminal bool
	// stdoutTerminal is whether stdout is a terminal: a clean roll check
	// says so there, and stays quiet in a CI log.
	stdoutTerminal bool
}

// isTerminal reports whether w is a terminal (a character device), without
// a dependency: a pipe, a file or a test's buffer is not.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
