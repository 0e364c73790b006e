package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"

	"golang.org/x/text/message"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/l10n"
)

// cli is what every subcommand shares: its flags, parsed the same way, and
// the language its usage, errors and output are written in. Every text the
// command shows is a finding.Message rendered through p, in Chinese unless
// --lang en is given.
type cli struct {
	env   environment
	name  string          // "check", "new hero"
	usage finding.Message // the synopsis and what the command does; the options are listed after it
	fs    *flag.FlagSet
	lang  l10n.Lang
	p     *message.Printer
}

// newCLI starts a subcommand's flags; every subcommand has --lang. Flag
// usages are message keys: the usage text renders them in the language.
func (e environment) newCLI(name string, usage finding.Message) *cli {
	fs := flag.NewFlagSet("roll "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // usage and errors are written by the cli, localized
	fs.String("lang", "zh", "language of the messages: zh or en")
	return &cli{env: e, name: name, usage: usage, fs: fs, lang: l10n.Chinese, p: l10n.Printer(l10n.Chinese)}
}

// parse parses args. When it returns false, the subcommand returns code:
// exitOK after -h or --help printed the usage to stdout, exitUsage after
// a bad flag was reported on stderr with the usage.
func (c *cli) parse(args []string) (code int, ok bool) {
	// The language first, so that -h and the errors are written in it.
	if v, found := langArg(args); found {
		l, err := l10n.ParseLang(v)
		if err != nil {
			return c.usageError(finding.Msg("unknown language %q (want zh or en)", v)), false
		}
		c.lang, c.p = l, l10n.Printer(l)
	}
	err := c.fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		c.printUsage(c.env.stdout)
		return exitOK, false
	}
	if err != nil {
		return c.usageError(flagError(err)), false
	}
	return exitOK, true
}

// langArg finds the value of --lang in args, before the flags are parsed.
func langArg(args []string) (string, bool) {
	for i, a := range args {
		if a == "--" {
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "lang" {
			continue
		}
		if hasValue {
			return value, true
		}
		if i+1 < len(args) {
			return args[i+1], true
		}
	}
	return "", false
}

// flagError turns an error of the flag package into a message.
func flagError(err error) finding.Message {
	s := err.Error()
	for _, f := range flagErrors {
		if m := f.re.FindStringSubmatch(s); m != nil {
			args := make([]any, len(m)-1)
			for i, a := range m[1:] {
				args[i] = a
			}
			return finding.Msg(f.key, args...)
		}
	}
	return finding.Msg("%s", s)
}

// flagErrors are the errors the flag package returns, and their keys.
var flagErrors = []struct {
	re  *regexp.Regexp
	key string
}{
	{regexp.MustCompile(`^flag provided but not defined: (.*)$`), "flag provided but not defined: %s"},
	{regexp.MustCompile(`^flag needs an argument: (.*)$`), "flag needs an argument: %s"},
	{regexp.MustCompile(`^invalid value (.*) for flag (.*): (.*)$`), "invalid value %s for flag %s: %s"},
	{regexp.MustCompile(`^invalid boolean value (.*) for (.*): (.*)$`), "invalid value %s for flag %s: %s"},
	{regexp.MustCompile(`^bad flag syntax: (.*)$`), "bad flag syntax: %s"},
}

// msg renders a message in the command's language.
func (c *cli) msg(m finding.Message) string { return m.Localize(c.p) }

// usageError reports bad usage on stderr, followed by the usage, and
// returns exitUsage.
func (c *cli) usageError(m finding.Message) int {
	fmt.Fprintf(c.env.stderr, "roll %s: %s\n\n", c.name, c.msg(m))
	c.printUsage(c.env.stderr)
	return exitUsage
}

// failure reports a failure of the tool (no repository, a file that cannot
// be written) on stderr and returns exitUsage, the status of both.
func (c *cli) failure(err error) int {
	fmt.Fprintf(c.env.stderr, "roll %s: %s\n", c.name, finding.Localize(err, c.p))
	return exitUsage
}

// failuref is failure with a message.
func (c *cli) failuref(m finding.Message) int {
	fmt.Fprintf(c.env.stderr, "roll %s: %s\n", c.name, c.msg(m))
	return exitUsage
}

// printUsage writes the usage and the options, each with its description
// in the command's language.
func (c *cli) printUsage(w io.Writer) {
	fmt.Fprint(w, c.msg(c.usage))
	fmt.Fprintf(w, "\n%s\n", c.p.Sprintf("options:"))
	c.fs.VisitAll(func(f *flag.Flag) {
		local := *f
		local.Usage = c.p.Sprintf(f.Usage)
		arg, usage := flag.UnquoteUsage(&local)
		line := "  --" + f.Name
		if arg != "" {
			line += " " + arg
		}
		fmt.Fprintf(w, "%s\n    \t%s", line, strings.ReplaceAll(usage, "\n", "\n    \t"))
		if f.DefValue != "" && f.DefValue != "false" {
			fmt.Fprint(w, c.p.Sprintf(" (default %q)", f.DefValue))
		}
		fmt.Fprintln(w)
	})
}
