// Command roll checks the records of a 见义勇为基金会 and renders its sites.
//
//	roll check [--base REV] [--format text|github|json] [--lang zh|en] [--today DATE] [PATH...]
//	roll build [--out DIR] [--base-url URL]
//	roll serve [--addr 127.0.0.1:8080]
//	roll new KIND …   (hero|visit|task|report|event|team|decision|nomination|fund)
//
// roll works on the repository that contains the current folder: it looks
// upward for records/ and schemas/. Exit status: 0 clean (warnings allowed),
// 1 findings with errors, 2 bad usage or a failure of the tool itself. With
// --base REV, errors already present at the merge base of REV and HEAD in
// files the change did not touch are reported but do not give status 1: a
// pull request is not blocked by problems it did not introduce.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
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

const usage = `用法 (usage):
  roll check [--base REV] [--format text|github|json] [--lang zh|en] [--today DATE] [PATH...]
  roll build [--out DIR] [--base-url URL]
  roll serve [--addr 127.0.0.1:8080]
  roll new KIND …   (hero|visit|task|report|event|team|decision|nomination|fund)

运行 roll <命令> -h 查看各命令的选项。
`

// run is the whole command, callable from tests.
func run(args []string, stdout, stderr io.Writer) int {
	return runContext(context.Background(), args, stdout, stderr)
}

// runContext is run with a context whose end stops a long-running
// subcommand (roll serve) as SIGINT does; tests cancel it.
func runContext(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	env := environment{ctx: ctx, stdout: stdout, stderr: stderr, getenv: os.Getenv, terminal: isTerminal(stderr)}
	switch args[0] {
	case "check":
		return env.check(args[1:])
	case "build":
		return env.build(args[1:])
	case "new":
		return env.newRecord(args[1:])
	case "serve":
		return env.serve(args[1:])
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "roll: unknown command %q\n\n%s", args[0], usage)
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

func (e environment) failf(format string, args ...any) int {
	fmt.Fprintf(e.stderr, "roll: "+format+"\n", args...)
	return exitUsage
}
