package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"time"

	"github.com/yancheng-jyyw/roll/internal/l10n"
	"github.com/yancheng-jyyw/roll/internal/records"
	"github.com/yancheng-jyyw/roll/internal/scaffold"
)

const newUsage = `用法 (usage):
  roll new hero --jurisdiction CODE --name 姓名 [--year YYYY]
  roll new visit [--date YYYY-MM-DD] [--jurisdiction CODE]
  roll new task [--year YYYY] [--section N]

在 records/ 下新建一条记录，编号取下一个未用的号，并打印文件路径。
新记录中标有【必填】的 "" 填好后才能通过 roll check。
(Creates a record with the next free id and prints its path; it passes
roll check once the values marked 【必填】 are filled in.)

所有命令都接受 --today YYYY-MM-DD（默认今天）。
`

// newRecord is `roll new hero|visit|task …`.
func (e environment) newRecord(args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(e.stderr, newUsage)
		return exitUsage
	}
	kind := args[0]
	fs := flag.NewFlagSet("roll new "+kind, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() { fmt.Fprint(e.stderr, newUsage) }
	today := fs.String("today", "", "today's date, YYYY-MM-DD (default: today)")
	var (
		jurisdiction, name, year, date, section *string
	)
	switch kind {
	case "hero":
		jurisdiction = fs.String("jurisdiction", "", "the jurisdiction's code, as in records/catalog/jurisdictions.yaml")
		name = fs.String("name", "", "the hero's full legal name, 2 to 6 Chinese characters")
		year = fs.String("year", "", "the year of the deed (default: this year)")
	case "visit":
		date = fs.String("date", "", "the date of the visit, YYYY-MM-DD")
		jurisdiction = fs.String("jurisdiction", "", "the code of the jurisdiction that organised it")
	case "task":
		year = fs.String("year", "", "the year of the plan (default: this year)")
		section = fs.String("section", "", "the number of the plan's section")
	default:
		fmt.Fprintf(e.stderr, "roll new: 不认识的记录类别 %q，应为 hero、visit 或 task (unknown kind %q: want hero, visit or task)\n\n%s", kind, kind, newUsage)
		return exitUsage
	}
	if err := fs.Parse(args[1:]); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		return e.failf("new %s: 多余的参数 %q (unexpected argument %q)；选项写作 --name 张三", kind, fs.Arg(0), fs.Arg(0))
	}
	day, err := parseToday(*today)
	if err != nil {
		// roll new speaks both languages at once.
		return e.failf("new: %s (%v)", e.localize(l10n.Printer(l10n.Chinese), err), err)
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
		y, err := parseYear(*year)
		if err != nil {
			return e.failf("new hero: %v", err)
		}
		file, err = scaffold.Hero(fsys, day, scaffold.HeroOptions{Jurisdiction: *jurisdiction, Name: *name, Year: y})
		if err != nil {
			return e.failf("new hero: %v", err)
		}
	case "visit":
		var d time.Time
		if *date != "" {
			if d, err = time.Parse(time.DateOnly, *date); err != nil {
				return e.failf("new visit: --date %q 不是 YYYY-MM-DD 格式的有效日期 (not a valid date YYYY-MM-DD)", *date)
			}
		}
		file, err = scaffold.Visit(fsys, day, scaffold.VisitOptions{Date: d, Jurisdiction: *jurisdiction})
		if err != nil {
			return e.failf("new visit: %v", err)
		}
	case "task":
		y, err := parseYear(*year)
		if err != nil {
			return e.failf("new task: %v", err)
		}
		s := 0
		if *section != "" {
			if s, err = strconv.Atoi(*section); err != nil || s < 1 {
				return e.failf("new task: --section %q 应为计划中某一部分的序号，如 1 (must be a section number, like 1)", *section)
			}
		}
		file, err = scaffold.Task(fsys, day, scaffold.TaskOptions{Year: y, Section: s})
		if err != nil {
			return e.failf("new task: %v", err)
		}
	}
	if err := scaffold.Write(r, file); err != nil {
		return e.failf("new %s: %v", kind, err)
	}
	shown := filepath.Join(root, filepath.FromSlash(file.Path))
	if rel, err := filepath.Rel(wd, shown); err == nil {
		shown = rel
	}
	fmt.Fprintln(e.stdout, shown)
	fmt.Fprintf(e.stderr, "已新建 %s：请把标有【必填】的 \"\" 换成实际内容，再运行 roll check。\n(created; fill in the values marked 【必填】, then run roll check)\n", file.Path)
	return exitOK
}

var yearPattern = regexp.MustCompile(`^\d{4}$`)

// parseYear parses --year; empty means this year, returned as 0.
func parseYear(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	if !yearPattern.MatchString(s) {
		return 0, fmt.Errorf("--year %q 应为四位数字的年份，如 2020 (must be a four-digit year, like 2020)", s)
	}
	return strconv.Atoi(s)
}
