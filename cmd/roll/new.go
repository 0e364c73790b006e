package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/message"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/records"
	"github.com/yancheng-jyyw/roll/internal/scaffold"
)

// newUsage is the usage of roll new; it is a message key, and package l10n
// holds its Chinese form.
const newUsage = `usage:
  roll new hero --jurisdiction CODE --name NAME [--year YYYY]
  roll new visit [--date YYYY-MM-DD] [--jurisdiction CODE]
  roll new task [--year YYYY] [--section N]
  roll new report --jurisdiction CODE [--period YYYY-Qn]
  roll new event [--date YYYY-MM-DD] [--jurisdiction CODE]
  roll new team --jurisdiction CODE
  roll new decision [--date YYYY-MM-DD]
  roll new nomination [--year YYYY]
  roll new fund [--date YYYY-MM-DD]

Creates a record under records/ with the next free id and prints its path;
it passes roll check once the values marked 【必填】 are filled in. A voucher
of the fund is added at the end of its month's file.

Every kind takes --today YYYY-MM-DD (default: today) and --lang zh|en.
`

// newKinds are the kinds of record roll new writes, as its usage lists them.
const newKinds = "hero, visit, task, report, event, team, decision, nomination or fund"

// newRecord is `roll new KIND …`, through the flag path every subcommand
// shares (cli.go): -h prints the usage and exits 0, bad usage exits 2, and
// every message is in the language of --lang (Chinese by default).
func (e environment) newRecord(args []string) int {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") || args[0] == "help" {
		// No kind: -h prints the usage, anything else is bad usage.
		c := e.newCLI("new", finding.Msg(newUsage))
		rest := args
		if len(args) > 0 && args[0] == "help" {
			rest = []string{"-h"}
		}
		if code, ok := c.parse(rest); !ok {
			return code
		}
		return c.usageError(finding.Msg("which kind of record? %s", newKinds))
	}
	kind := args[0]
	c := e.newCLI("new "+kind, finding.Msg(newUsage))
	fs := c.fs
	today := fs.String("today", "", "today's date, YYYY-MM-DD (default: today)")
	var jurisdiction, name, year, date, section, period *string
	switch kind {
	case "hero":
		jurisdiction = fs.String("jurisdiction", "", "the jurisdiction's code, as in records/catalog/jurisdictions.yaml")
		name = fs.String("name", "", "the hero's full legal name, 2 to 6 Chinese characters")
		year = fs.String("year", "", "the year of the deed (default: this year)")
	case "visit":
		date = fs.String("date", "", "the date of the visit, YYYY-MM-DD")
		jurisdiction = fs.String("jurisdiction", "", "the code of the jurisdiction that organised it")
	case "event":
		date = fs.String("date", "", "the date of the event, YYYY-MM-DD")
		jurisdiction = fs.String("jurisdiction", "", "the code of the jurisdiction that organised it")
	case "task":
		year = fs.String("year", "", "the year of the plan (default: this year)")
		section = fs.String("section", "", "the number of the plan's section")
	case "report":
		jurisdiction = fs.String("jurisdiction", "", "the code of the county, district or zone that reports")
		period = fs.String("period", "", "the period, like 2020-Q3 (default: the latest that has ended)")
	case "team":
		jurisdiction = fs.String("jurisdiction", "", "the code of the team's jurisdiction")
	case "decision":
		date = fs.String("date", "", "the date of the decision, YYYY-MM-DD")
	case "fund":
		date = fs.String("date", "", "the date of the voucher, YYYY-MM-DD")
	case "nomination":
		year = fs.String("year", "", "the year of the nomination's round (default: this year)")
	default:
		c.name = "new"
		if code, ok := c.parse(args[1:]); !ok && code == exitOK {
			return code
		}
		return c.usageError(finding.Msg("unknown kind %q: want hero, visit, task, report, event, team, decision, nomination or fund", kind))
	}
	if code, ok := c.parse(args[1:]); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return c.usageError(finding.Msg("new %s: unexpected argument %q; options are written --name 张三", kind, fs.Arg(0)))
	}
	day, err := parseToday(*today)
	if err != nil {
		return c.usageError(finding.Msg("new: --today %q is not a date YYYY-MM-DD", *today))
	}
	var d time.Time
	if date != nil && *date != "" {
		if d, err = time.Parse(time.DateOnly, *date); err != nil {
			return c.usageError(finding.Msg("new %s: --date %q is not a valid date YYYY-MM-DD", kind, *date))
		}
	}
	y := 0
	if year != nil {
		if y, err = parseYear(*year); err != nil {
			return c.usageError(finding.Msg("new %s: --year %q must be a four-digit year, like 2020", kind, *year))
		}
	}
	wd, err := os.Getwd()
	if err != nil {
		return c.failure(err)
	}
	root, err := records.FindRoot(wd)
	if err != nil {
		return c.failure(err)
	}
	r, err := os.OpenRoot(root)
	if err != nil {
		return c.failure(err)
	}
	defer r.Close()
	fsys := r.FS()

	var file scaffold.File
	switch kind {
	case "hero":
		file, err = scaffold.Hero(fsys, day, scaffold.HeroOptions{Jurisdiction: *jurisdiction, Name: *name, Year: y})
	case "visit":
		file, err = scaffold.Visit(fsys, day, scaffold.VisitOptions{Date: d, Jurisdiction: *jurisdiction})
	case "task":
		s := 0
		if *section != "" {
			if s, err = strconv.Atoi(*section); err != nil || s < 1 {
				return c.usageError(finding.Msg("new task: --section %q must be the number of a section of the plan, like 1", *section))
			}
		}
		file, err = scaffold.Task(fsys, day, scaffold.TaskOptions{Year: y, Section: s})
	case "report":
		file, err = scaffold.Report(fsys, day, scaffold.ReportOptions{Jurisdiction: *jurisdiction, Period: model.Period(*period)})
	case "event":
		file, err = scaffold.Event(fsys, day, scaffold.EventOptions{Date: d, Jurisdiction: *jurisdiction})
	case "team":
		file, err = scaffold.Team(fsys, day, scaffold.TeamOptions{Jurisdiction: *jurisdiction})
	case "decision":
		file, err = scaffold.Decision(fsys, day, scaffold.DecisionOptions{Date: d})
	case "nomination":
		file, err = scaffold.Nomination(fsys, day, scaffold.NominationOptions{Year: y})
	case "fund":
		file, err = scaffold.Fund(fsys, day, scaffold.FundOptions{Date: d})
	}
	if err == nil {
		err = scaffold.Write(r, file)
	}
	if err != nil {
		return c.failuref(finding.Msg("%s", localized{err}))
	}
	shown := filepath.Join(root, filepath.FromSlash(file.Path))
	if rel, err := filepath.Rel(wd, shown); err == nil {
		shown = rel
	}
	fmt.Fprintln(e.stdout, shown)
	done := finding.Msg("created %s: replace each \"\" marked 【必填】 with what it stands for, then run roll check", file.Path)
	if file.Append {
		done = finding.Msg("added a voucher at the end of %s: replace each \"\" marked 【必填】 with what it stands for, then run roll check", file.Path)
	}
	fmt.Fprintln(e.stderr, c.msg(done))
	return exitOK
}

// localized is an error as a message argument: a scaffold.Error in the
// printer's language, any other error as it is.
type localized struct{ err error }

func (l localized) Localize(p *message.Printer) string {
	var se *scaffold.Error
	if errors.As(l.err, &se) {
		return se.Msg.Localize(p)
	}
	return l.err.Error()
}

var yearPattern = regexp.MustCompile(`^\d{4}$`)

// parseYear parses --year; empty means this year, returned as 0.
func parseYear(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	if !yearPattern.MatchString(s) {
		return 0, errors.New("not a four-digit year")
	}
	return strconv.Atoi(s)
}
