package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"time"

	"golang.org/x/text/message"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/l10n"
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

Every kind takes --today YYYY-MM-DD (default: today).
`

// newRecord is `roll new KIND …`. Its messages are in Chinese, as the
// staff who run it read them (package l10n).
func (e environment) newRecord(args []string) int {
	p := l10n.Printer(l10n.Chinese)
	say := func(m finding.Message) int {
		fmt.Fprintln(e.stderr, "roll: "+m.Localize(p))
		return exitUsage
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(e.stderr, p.Sprintf(newUsage))
		return exitUsage
	}
	kind := args[0]
	fs := flag.NewFlagSet("roll new "+kind, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() { fmt.Fprint(e.stderr, p.Sprintf(newUsage)) }
	today := fs.String("today", "", "today's date, YYYY-MM-DD (default: today)")
	var jurisdiction, name, year, date, section, period *string
	switch kind {
	case "hero":
		jurisdiction = fs.String("jurisdiction", "", "the jurisdiction's code, as in records/catalog/jurisdictions.yaml")
		name = fs.String("name", "", "the hero's full legal name, 2 to 6 Chinese characters")
		year = fs.String("year", "", "the year of the deed (default: this year)")
	case "visit", "event":
		date = fs.String("date", "", "the date of the "+kind+", YYYY-MM-DD")
		jurisdiction = fs.String("jurisdiction", "", "the code of the jurisdiction that organised it")
	case "task":
		year = fs.String("year", "", "the year of the plan (default: this year)")
		section = fs.String("section", "", "the number of the plan's section")
	case "report":
		jurisdiction = fs.String("jurisdiction", "", "the code of the county, district or zone that reports")
		period = fs.String("period", "", "the period, like 2020-Q3 (default: the latest that has ended)")
	case "team":
		jurisdiction = fs.String("jurisdiction", "", "the code of the team's jurisdiction")
	case "decision", "fund":
		date = fs.String("date", "", "the date of the "+kind+", YYYY-MM-DD")
	case "nomination":
		year = fs.String("year", "", "the year of the nomination's round (default: this year)")
	default:
		unknown := finding.Msg("unknown kind %q: want hero, visit, task, report, event, team, decision, nomination or fund", kind)
		fmt.Fprintf(e.stderr, "roll new: %s\n\n%s", unknown.Localize(p), p.Sprintf(newUsage))
		return exitUsage
	}
	if err := fs.Parse(args[1:]); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		return say(finding.Msg("new %s: unexpected argument %q; options are written --name 张三", kind, fs.Arg(0)))
	}
	day, err := parseToday(*today)
	if err != nil {
		return say(finding.Msg("new: --today %q is not a date YYYY-MM-DD", *today))
	}
	var d time.Time
	if date != nil && *date != "" {
		if d, err = time.Parse(time.DateOnly, *date); err != nil {
			return say(finding.Msg("new %s: --date %q is not a valid date YYYY-MM-DD", kind, *date))
		}
	}
	y := 0
	if year != nil {
		if y, err = parseYear(*year); err != nil {
			return say(finding.Msg("new %s: --year %q must be a four-digit year, like 2020", kind, *year))
		}
	}
	wd, err := os.Getwd()
	if err != nil {
		return e.failf("%v", err)
	}
	root, err := records.FindRoot(wd)
	if err != nil {
		return e.failf("%v", err)
	}
	r, err := os.OpenRoot(root)
	if err != nil {
		return e.failf("%v", err)
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
				return say(finding.Msg("new task: --section %q must be the number of a section of the plan, like 1", *section))
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
		return say(finding.Msg("new %s: %s", kind, localized{err}))
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
	fmt.Fprintln(e.stderr, done.Localize(p))
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
