// Command rollgen writes a synthetic repository of records for benchmarks:
// the sample catalogs, plan and tasks, N fictional heroes over the 11
// jurisdictions, their care visits, a few workstations and teams per
// jurisdiction, the counties' reports, events and the fund's ledger.
// It is a tool for developers and is not part of roll's help.
//
//	rollgen -out DIR -heroes N [-seed S] [-year 2020] [-commits M] [-portraits K]
//
// With -commits, DIR becomes a git repository whose M commits add and
// confirm the records in the order of their dates. With -portraits, every
// K-th hero has a synthetic photo beside the record. The same flags always
// give the same files and, with -commits, the same commit hashes.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/yancheng-jyyw/roll/internal/synth"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the whole command, callable from tests.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("rollgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "", "the folder to write the repository into (must not exist or be empty)")
	heroes := fs.Int("heroes", 1000, "the number of heroes")
	seed := fs.Uint64("seed", 1, "the seed: the same seed gives the same repository")
	year := fs.Int("year", 2020, "the current year of the site; deeds fall in the five years up to it")
	commits := fs.Int("commits", 0, "if more than 0, commit the records into a git history of this many commits")
	portraits := fs.Int("portraits", 0, "if more than 0, give every this-many-th hero a synthetic photo")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: rollgen -out DIR -heroes N [-seed S] [-year 2020] [-commits M] [-portraits K]")
		return 2
	}
	start := time.Now()
	repo, err := synth.Generate(synth.Options{Heroes: *heroes, Seed: *seed, Year: *year, Portraits: *portraits})
	if err != nil {
		fmt.Fprintf(stderr, "rollgen: %v\n", err)
		return 2
	}
	c := repo.Count()
	if *commits > 0 {
		n, err := repo.Commit(*out, *commits)
		if err != nil {
			fmt.Fprintf(stderr, "rollgen: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "rollgen: %d heroes, %d visits, %d stations, %d tasks, %d reports, %d events, %d teams, %d months of the fund in %s, %d commits, %.1fs\n",
			c.Heroes, c.Visits, c.Stations, c.Tasks, c.Reports, c.Events, c.Teams, c.Months, *out, n, time.Since(start).Seconds())
		return 0
	}
	if err := repo.Write(*out); err != nil {
		fmt.Fprintf(stderr, "rollgen: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "rollgen: %d heroes, %d visits, %d stations, %d tasks, %d reports, %d events, %d teams, %d months of the fund in %s, %.1fs\n",
		c.Heroes, c.Visits, c.Stations, c.Tasks, c.Reports, c.Events, c.Teams, c.Months, *out, time.Since(start).Seconds())
	return 0
}
