// Package workflows checks the repository's GitHub Actions workflows and
// issue forms before GitHub ever runs them: with actionlint
// (github.com/rhysd/actionlint, as a library, ShellCheck included when it
// is installed), and against the contracts this project keeps:
//
//   - permissions are minimal: the workflow grants at most read, and a job
//     that may write only deploys Pages (no script, no other action);
//   - a job that reads the git history (roll check --base, roll build,
//     make site or make ci) checks out the whole history (fetch-depth: 0),
//     and no checkout leaves the token in the clone;
//   - the internal site never reaches Pages: the Pages artifact is the
//     public site's folder, and nothing else publishes Pages;
//   - a job that runs roll check or roll build restores and saves roll's
//     cache (.cache/roll, the checked records) with actions/cache, so
//     that a pull request's check parses only the records it changed,
//     after removing any .cache the branch committed (rm -rf .cache), so
//     that roll trusts only what actions/cache restored;
//   - no workflow runs on pull_request_target, which gives code from a
//     fork a token of this repository.
//
// Issue forms (IssueForms) are checked against GitHub's form schema as far
// as a clerk would notice: a Chinese name and description, fields with
// ids and labels, dropdowns with options.
package workflows

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/rhysd/actionlint"
)

// Problem is one thing wrong in a workflow or form file.
type Problem struct {
	File      string
	Line, Col int
	Msg       string
}

func (p Problem) String() string { return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Col, p.Msg) }

// Files reads the .yml and .yaml files of dir, by base name.
func Files(dir string) (map[string][]byte, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, e := range ents {
		if e.IsDir() || !(strings.HasSuffix(e.Name(), ".yml") || strings.HasSuffix(e.Name(), ".yaml")) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		files[e.Name()] = b
	}
	return files, nil
}

// Lint runs actionlint over the workflow files. shellcheck is the path of
// ShellCheck, which actionlint runs over each run: script, or "" to skip
// that part. The error is for a linter that could not run.
func Lint(files map[string][]byte, shellcheck string) ([]Problem, error) {
	l, err := actionlint.NewLinter(io.Discard, &actionlint.LinterOptions{Shellcheck: shellcheck})
	if err != nil {
		return nil, err
	}
	var probs []Problem
	for _, name := range sortedKeys(files) {
		errs, err := l.Lint(name, files[name], nil)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		for _, e := range errs {
			probs = append(probs, Problem{name, e.Line, e.Column, e.Message + " [" + e.Kind + "]"})
		}
	}
	return probs, nil
}

// Contracts checks the workflow files against the project's contracts (see
// the package doc). A file that does not parse is a problem too.
func Contracts(files map[string][]byte) []Problem {
	var probs []Problem
	for _, name := range sortedKeys(files) {
		w, errs := actionlint.Parse(files[name])
		if len(errs) > 0 {
			for _, e := range errs {
				probs = append(probs, Problem{name, e.Line, e.Column, e.Message})
			}
			continue
		}
		probs = append(probs, contracts(name, w)...)
	}
	sortProblems(probs)
	return probs
}

// readsHistory matches the commands of a run: script that read the git
// history: the internal site shows each record's history, and check --base
// compares with the merge base.
var readsHistory = regexp.MustCompile(`roll (check\b[^\n]*--base|build\b)|make (site|ci)\b`)

// runsRoll matches the commands of a run: script that check the records,
// which roll's cache (.cache/roll) spares from parsing again.
var runsRoll = regexp.MustCompile(`roll (check|build)\b|make (site|ci)\b`)

// pagesPublishers are actions that publish Pages other than through the
// Pages artifact.
var pagesPublishers = []string{"peaceiris/actions-gh-pages", "JamesIves/github-pages-deploy-action", "crazy-max/ghaction-github-pages"}

func contracts(file string, w *actionlint.Workflow) []Problem {
	var probs []Problem
	bad := func(pos *actionlint.Pos, format string, args ...any) {
		p := Problem{File: file, Msg: fmt.Sprintf(format, args...)}
		if pos != nil {
			p.Line, p.Col = pos.Line, pos.Col
		}
		probs = append(probs, p)
	}
	for _, ev := range w.On {
		if ev.EventName() == "pull_request_target" {
			if we, ok := ev.(*actionlint.WebhookEvent); ok {
				bad(we.Pos, "pull_request_target gives code from a fork a token of this repository: use pull_request")
			}
		}
	}
	if w.Permissions == nil {
		bad(&actionlint.Pos{Line: 1, Col: 1}, "no top-level permissions: the token would get the repository's defaults; grant contents: read")
	} else {
		for _, s := range writes(w.Permissions) {
			bad(w.Permissions.Pos, "the workflow grants %s to every job: grant read at the top, write only to the job that needs it", s)
		}
	}
	for _, id := range sortedKeys(w.Jobs) {
		j := w.Jobs[id]
		var uses []string
		var runs []*actionlint.ExecRun
		for _, st := range j.Steps {
			switch e := st.Exec.(type) {
			case *actionlint.ExecAction:
				uses = append(uses, actionName(e))
				checkStep(bad, id, st, e)
			case *actionlint.ExecRun:
				runs = append(runs, e)
				if e.Run != nil && regexp.MustCompile(`git push\b[^\n]*gh-pages`).MatchString(e.Run.Value) {
					bad(e.Run.Pos, "job %s pushes to gh-pages: the public site is published only through the Pages artifact", id)
				}
			}
		}
		if j.Permissions != nil {
			if w := writes(j.Permissions); len(w) > 0 {
				onlyDeploy := len(runs) == 0 && len(uses) > 0 && !slices.ContainsFunc(uses, func(u string) bool { return u != "actions/deploy-pages" })
				if !onlyDeploy {
					bad(j.Permissions.Pos, "job %s grants %s but does more than deploy Pages: keep write permissions to a job that only runs actions/deploy-pages", id, strings.Join(w, ", "))
				}
				for _, s := range w {
					if s != "pages: write" && s != "id-token: write" {
						bad(j.Permissions.Pos, "job %s grants %s: deploying Pages needs only pages: write and id-token: write", id, s)
					}
				}
			}
		}
		history, checks := false, false
		for _, r := range runs {
			if r.Run != nil && readsHistory.MatchString(r.Run.Value) {
				history = true
			}
			if r.Run != nil && runsRoll.MatchString(r.Run.Value) {
				checks = true
			}
		}
		if checks {
			switch c := slices.IndexFunc(j.Steps, cachesRoll); {
			case c < 0:
				bad(j.Pos, "job %s runs roll check or roll build without its cache: restore and save .cache/roll with actions/cache before", id)
			case !slices.ContainsFunc(j.Steps[:c], dropsCache):
				bad(j.Steps[c].Pos, "job %s restores roll's cache over whatever the branch committed in .cache: run rm -rf .cache before the restore", id)
			}
		}
		for _, st := range j.Steps {
			e, ok := st.Exec.(*actionlint.ExecAction)
			if !ok || actionName(e) != "actions/checkout" {
				continue
			}
			if history && input(e, "fetch-depth") != "0" {
				bad(st.Pos, "job %s reads the git history (roll check --base, roll build) but checks out without fetch-depth: 0", id)
			}
			if input(e, "persist-credentials") != "false" {
				bad(st.Pos, "job %s: checkout keeps the token in the clone; set persist-credentials: false", id)
			}
		}
	}
	return probs
}

// checkStep checks one step that uses an action.
func checkStep(bad func(*actionlint.Pos, string, ...any), job string, st *actionlint.Step, e *actionlint.ExecAction) {
	switch name := actionName(e); {
	case name == "actions/upload-pages-artifact":
		p := strings.TrimSuffix(input(e, "path"), "/")
		if p == "" || !strings.HasSuffix(p, "/public") {
			bad(st.Pos, "job %s uploads %q to Pages: only the public site's folder (_site/public) may reach Pages, never _site or _site/internal", job, input(e, "path"))
		}
	case slices.Contains(pagesPublishers, name):
		bad(st.Pos, "job %s publishes Pages with %s: the public site is published only through the Pages artifact", job, name)
	}
}

// dropsCache reports whether a step removes the whole .cache folder, so
// that nothing a branch committed there is read as roll's cache.
func dropsCache(st *actionlint.Step) bool {
	e, ok := st.Exec.(*actionlint.ExecRun)
	return ok && e.Run != nil && dropCache.MatchString(e.Run.Value)
}

var dropCache = regexp.MustCompile(`(?m)^\s*rm -rf \.cache/?\s*$`)

// cachesRoll reports whether a step restores and saves roll's cache.
func cachesRoll(st *actionlint.Step) bool {
	e, ok := st.Exec.(*actionlint.ExecAction)
	return ok && actionName(e) == "actions/cache" && slices.Contains(strings.Fields(input(e, "path")), ".cache/roll")
}

// writes lists the scopes a permissions block grants beyond read.
func writes(p *actionlint.Permissions) []string {
	var out []string
	if p.All != nil && p.All.Value != "read-all" && p.All.Value != "{}" {
		out = append(out, p.All.Value)
	}
	for _, name := range sortedKeys(p.Scopes) {
		s := p.Scopes[name]
		if s.Value != nil && s.Value.Value == "write" {
			out = append(out, name+": write")
		}
	}
	return out
}

// actionName is owner/repo of a uses: without the version.
func actionName(e *actionlint.ExecAction) string {
	if e.Uses == nil {
		return ""
	}
	name, _, _ := strings.Cut(e.Uses.Value, "@")
	return name
}

// input is the value of a with: input of a step, or "".
func input(e *actionlint.ExecAction, name string) string {
	if in, ok := e.Inputs[name]; ok && in.Value != nil {
		return in.Value.Value
	}
	return ""
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func sortProblems(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
}
