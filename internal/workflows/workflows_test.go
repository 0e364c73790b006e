package workflows

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"
)

func strs(ps []Problem) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return strings.Join(out, "\n")
}

// TestRepository lints the repository's workflows with actionlint (and
// ShellCheck, which make tools installs) and checks their contracts and
// the issue forms: none may have a problem.
func TestRepository(t *testing.T) {
	files, err := Files("../../.github/workflows")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 2 {
		t.Fatalf("found %d workflows, want check.yml and publish.yml", len(files))
	}
	shellcheck, err := exec.LookPath("shellcheck")
	if err != nil {
		t.Log("shellcheck is not installed (make tools installs it): the run: scripts are not checked by it")
		shellcheck = ""
	}
	probs, err := Lint(files, shellcheck)
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) > 0 {
		t.Errorf("actionlint:\n%s", strs(probs))
	}
	if probs := Contracts(files); len(probs) > 0 {
		t.Errorf("contracts:\n%s", strs(probs))
	}
	forms, err := Files("../../.github/ISSUE_TEMPLATE")
	if err != nil {
		t.Fatal(err)
	}
	if len(forms) != 4 {
		t.Errorf("%d files in .github/ISSUE_TEMPLATE, want three forms and config.yml", len(forms))
	}
	if probs := IssueForms(forms); len(probs) > 0 {
		t.Errorf("issue forms:\n%s", strs(probs))
	}
}

func TestLintFindsDefects(t *testing.T) {
	probs, err := Lint(map[string][]byte{"bad.yml": []byte(`on: push
permissions: {}
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: echo "${{ github.no_such_thing }}"
`)}, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) == 0 || !strings.Contains(strs(probs), `bad.yml:7:`) || !strings.Contains(strs(probs), "no_such_thing") {
		t.Errorf("Lint = %s; want the unknown property on line 7", strs(probs))
	}
}

// TestContractsFindDefects: each contract is broken once in a workflow
// that actionlint itself accepts.
func TestContractsFindDefects(t *testing.T) {
	bad := `on:
  pull_request_target:
  push:
permissions: write-all
jobs:
  build:
    runs-on: ubuntu-latest
    permissions:
      contents: write
      pages: write
    steps:
      - uses: actions/checkout@v7
      - run: go run ./cmd/roll build --out _site
      - uses: actions/upload-pages-artifact@v5
        with:
          path: _site
      - run: git push origin HEAD:gh-pages
  preview:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v7
        with:
          fetch-depth: 1
          persist-credentials: false
      - run: go run ./cmd/roll check --base origin/main
      - uses: peaceiris/actions-gh-pages@v4
        with:
          publish_dir: _site/internal
`
	got := strs(Contracts(map[string][]byte{"bad.yml": []byte(bad)}))
	want := strings.Join([]string{
		"bad.yml:2:3: pull_request_target gives code from a fork a token of this repository: use pull_request",
		"bad.yml:4:1: the workflow grants write-all to every job: grant read at the top, write only to the job that needs it",
		"bad.yml:6:3: job build runs roll check or roll build without its cache: restore and save .cache/roll with actions/cache before",
		"bad.yml:8:5: job build grants contents: write, pages: write but does more than deploy Pages: keep write permissions to a job that only runs actions/deploy-pages",
		"bad.yml:8:5: job build grants contents: write: deploying Pages needs only pages: write and id-token: write",
		"bad.yml:12:9: job build reads the git history (roll check --base, roll build) but checks out without fetch-depth: 0",
		"bad.yml:12:9: job build: checkout keeps the token in the clone; set persist-credentials: false",
		`bad.yml:14:9: job build uploads "_site" to Pages: only the public site's folder (_site/public) may reach Pages, never _site or _site/internal`,
		"bad.yml:17:14: job build pushes to gh-pages: the public site is published only through the Pages artifact",
		"bad.yml:18:3: job preview runs roll check or roll build without its cache: restore and save .cache/roll with actions/cache before",
		"bad.yml:21:9: job preview reads the git history (roll check --base, roll build) but checks out without fetch-depth: 0",
		"bad.yml:26:9: job preview publishes Pages with peaceiris/actions-gh-pages: the public site is published only through the Pages artifact",
	}, "\n")
	if got != want {
		t.Errorf("Contracts =\n%s\nwant\n%s", got, want)
	}
	if got := strs(Contracts(map[string][]byte{"none.yml": []byte("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: true\n")})); !strings.Contains(got, "no top-level permissions") {
		t.Errorf("Contracts without permissions = %q", got)
	}
}

func TestIssueFormsFindDefects(t *testing.T) {
	got := strs(IssueForms(map[string][]byte{
		"config.yml": []byte("blank_issues_enabled: true\n"),
		"form.yml": []byte(`name: Bug report
description: 报告问题
body:
  - type: input
    id: record
    attributes:
      label: 记录编号
  - type: textarea
    id: record
    attributes:
      label: Details
  - type: dropdown
    attributes:
      label: 辖区
  - type: slider
    id: x
`),
	}))
	want := strings.Join([]string{
		"config.yml:1:1: blank_issues_enabled must be false: every issue starts from a form",
		"form.yml:1:1: name: missing or not in Chinese",
		"form.yml:8:5: a textarea without a Chinese label",
		"form.yml:9:9: id \"record\" used twice",
		"form.yml:12:5: a dropdown without an id: its answer cannot be found in the issue",
		"form.yml:12:5: a dropdown without options",
		"form.yml:15:11: unknown type \"slider\"",
	}, "\n")
	if got != want {
		t.Errorf("IssueForms =\n%s\nwant\n%s", got, want)
	}
}

// TestContractsDropCommittedCache: a job that restores roll's cache must
// first remove the .cache a branch may have committed; removing it after
// the restore, or removing only part of it, does not count.
func TestContractsDropCommittedCache(t *testing.T) {
	const job = `on: pull_request
permissions:
  contents: read
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v7
        with:
          fetch-depth: 0
          persist-credentials: false
%s      - uses: actions/cache@v5
        with:
          path: .cache/roll
          key: roll-${{ github.sha }}
%s      - run: go run ./cmd/roll check --base origin/main
`
	const drop = "      - run: rm -rf .cache\n"
	const msg = "restores roll's cache over whatever the branch committed in .cache"
	for _, c := range []struct {
		name          string
		before, after string
		want          bool
	}{
		{"dropped before the restore", drop, "", false},
		{"not dropped", "", "", true},
		{"dropped after the restore", "", drop, true},
		{"only the records dropped", "      - run: rm -rf .cache/roll/records\n", "", true},
	} {
		got := strs(Contracts(map[string][]byte{"w.yml": []byte(fmt.Sprintf(job, c.before, c.after))}))
		if strings.Contains(got, msg) != c.want {
			t.Errorf("%s: Contracts =\n%s\nwant the message %q: %v", c.name, got, msg, c.want)
		}
	}
}
