package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/records"
	"github.com/yancheng-jyyw/roll/internal/scaffold"
)

// newUsage is roll new's usage, before its options.
var newUsage = finding.Msg(`usage:
  roll new hero --jurisdiction CODE --name 姓名 [--year YYYY]
  roll new visit [--date YYYY-MM-DD] [--jurisdiction CODE]
  roll new task [--year YYYY] [--section N]

Creates a record under records/ with the next free id and prints its path.
It passes roll check once the values marked 【必填】 are filled in.
Every kind also takes --today YYYY-MM-DD (default: today) and --lang zh|en.
`)

// newKinds are the kinds of record roll new writes.
var newKinds = []string{"hero", "visit", "task"}

// newRecord is `roll new hero|visit|task …`.
func (e environment) newRecord(args []string) int {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") || args[0] == "help" {
		// No kind: -h prints the usage, anything else is bad usage.
		c := e.newCLI("new", newUsage)
		rest := args
		if len(args) > 0 && args[0] == "help" {
			rest = []string{"-h"}
		}
		if code, ok := c.parse(rest); !ok {
			return code
		}
		return c.usageError(finding.Msg("which kind of record? hero, visit or task"))
	}
	kind := args[0]
	c := e.newCLI("new "+kind, newUsage)
	today := c.fs.String("today", "", "today's date, YYYY-MM-DD (default: today)")
	var (
		jurisdiction, name, year, date, section *string
	)
	switch kind {
	case "hero":
		jurisdiction = c.fs.String("jurisdiction", "", "the jurisdiction's code, as in records/catalog/jurisdictions.yaml")
		name = c.fs.String("name", "", "the hero's full legal name, 2 to 6 Chinese characters")
		year = c.fs.String("year", "", "the year of the deed (default: this year)")
	case "visit":
		date = c.fs.String("date", "", "the date of the visit, YYYY-MM-DD")
		jurisdiction = c.fs.String("jurisdiction", "", "the code of the jurisdiction that organised it")
	case "task":
		year = c.fs.String("year", "", "the year of the plan (default: this year)")
		section = c.fs.String("section", "", "the number of the plan's section")
	default:
		c.name = "new"
		if code, ok := c.parse(args[1:]); !ok && code == exitOK {
			return code
		}
		return c.usageError(finding.Msg("unknown kind of record %q: want %s", kind, strings.Join(newKinds, ", ")))
	}
	if code, ok := c.parse(args[1:]); !ok {
		return code
	}
	if c.fs.NArg() > 0 {
		return c.usageError(finding.Msg("unexpected argument %q; options are written --name 张三", c.fs.Arg(0)))
	}
	day, err := parseToday(*today)
	if err != nil {
		return c.usageError(finding.Msg("--today %q is not a date YYYY-MM-DD", *today))
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
		y, err := parseYear(*year)
		if err != nil {
			return c.usageError(finding.Msg("--year %q must be a four-digit year, like 2020", *year))
		}
		file, err = scaffold.Hero(fsys, day, scaffold.HeroOptions{Jurisdiction: *jurisdiction, Name: *name, Year: y})
		if err != nil {
			return c.failure(err)
		}
	case "visit":
		var d time.Time
		if *date != "" {
			if d, err = time.Parse(time.DateOnly, *date); err != nil {
				return c.usageError(finding.Msg("--date %q is not a valid date YYYY-MM-DD", *date))
			}
		}
		file, err = scaffold.Visit(fsys, day, scaffold.VisitOptions{Date: d, Jurisdiction: *jurisdiction})
		if err != nil {
			return c.failure(err)
		}
	case "task":
		y, err := parseYear(*year)
		if err != nil {
			return c.usageError(finding.Msg("--year %q must be a four-digit year, like 2020", *year))
		}
		s := 0
		if *section != "" {
			if s, err = strconv.Atoi(*section); err != nil || s < 1 {
				return c.usageError(finding.Msg("--section %q must be the number of a section of the plan, like 1", *section))
			}
		}
		file, err = scaffold.Task(fsys, day, scaffold.TaskOptions{Year: y, Section: s})
		if err != nil {
			return c.failure(err)
		}
	}
	if err := scaffold.Write(r, file); err != nil {
		return c.failure(err)
	}
	shown := filepath.Join(root, filepath.FromSlash(file.Path))
	if rel, err := filepath.Rel(wd, shown); err == nil {
		shown = rel
	}
	fmt.Fprintln(e.stdout, shown)
	fmt.Fprintln(e.stderr, c.msg(finding.Msg("created %s: replace each \"\" marked 【必填】 with its value, then run roll check", file.Path)))
	return exitOK
}

var yearPattern = regexp.MustCompile(`^\d{4}$`)

// parseYear parses --year; empty means this year, returned as 0.
func parseYear(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	if !yearPattern.MatchString(s) {
		return 0, finding.Err("--year %q must be a four-digit year, like 2020", s)
	}
	return strconv.Atoi(s)
}
