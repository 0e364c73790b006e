package synth

import (
	"fmt"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// clerks are the synthetic authors of commits: two per jurisdiction, in the
// order of places.
var clerks = [][2]string{
	{"顾海燕", "孙建华"}, {"陈静", "周立新"}, {"吴晓梅", "徐俊"}, {"丁玉兰", "王志勇"}, {"蒋丽", "唐国庆"}, {"陈海波", "杨春燕"},
	{"薛梅", "孙亮"}, {"张红霞", "李成"}, {"倪娟", "王海涛"}, {"沈丽华", "郭斌"}, {"季敏", "陆晓东"},
}

// cst is the time zone of the commits: China Standard Time.
var cst = time.FixedZone("CST", 8*3600)

// Commit writes the repository into dir, which must not exist or be empty,
// as a git repository whose history leads to it in at most commits commits:
// the first holds the schemas, settings, catalogs, plan, tasks, stations and
// the records of about half the heroes; each later one adds or rewrites a
// few records (a hero registered as pending, later confirmed or withdrawn; a
// visit), in the order of their dates, by the clerk of the jurisdiction.
// Signatures and dates are fixed, so the commit hashes depend only on the
// generation. It returns the number of commits made, which is less than
// commits only when there are fewer changes than commits.
//
// Each later commit stages only the files it changed, without a status walk
// of the worktree.
func (r *Repo) Commit(dir string, commits int) (int, error) {
	if commits < 1 {
		return 0, fmt.Errorf("the number of commits must be at least 1")
	}
	if err := emptyDir(dir); err != nil {
		return 0, err
	}
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		return 0, err
	}
	wt, err := repo.Worktree()
	if err != nil {
		return 0, err
	}
	changed := map[string]bool{}
	for _, c := range r.changes {
		changed[c.file.Path] = true
	}
	// The first commit: everything no change touches, and the changes up to
	// the registration of half the heroes.
	cut, adds := len(r.changes), 0
	if commits > 1 {
		for i, c := range r.changes {
			if c.verb == "add" {
				adds++
			}
			if adds > r.opts.Heroes/2 {
				cut = i
				break
			}
		}
	}
	for _, f := range r.Files {
		if !changed[f.Path] {
			if err := writeFile(dir, f); err != nil {
				return 0, err
			}
		}
	}
	first := r.changes[:cut]
	for _, c := range first {
		if err := writeFile(dir, c.file); err != nil {
			return 0, err
		}
	}
	if err := wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		return 0, fmt.Errorf("git add: %w", err)
	}
	when := date(r.opts.Year-4, 1, 1)
	if len(first) > 0 {
		when = first[len(first)-1].date
	}
	last := time.Date(when.Year(), when.Month(), when.Day(), 9, 0, 0, 0, cst)
	msg := fmt.Sprintf("导入%d年以来的见义勇为人员记录、目录和%d年重点任务\n\n共%d个文件。", r.opts.Year-4, r.opts.Year, len(r.Files)-len(changed)+countPaths(first))
	if _, err := wt.Commit(msg, &git.CommitOptions{Author: signature(-1, last), Committer: signature(-1, last)}); err != nil {
		return 0, fmt.Errorf("git commit: %w", err)
	}
	made := 1
	rest := r.changes[cut:]
	batches := min(commits-1, len(rest))
	for b := range batches {
		batch := rest[b*len(rest)/batches : (b+1)*len(rest)/batches]
		seen := map[string]bool{}
		for _, c := range batch {
			if err := writeFile(dir, c.file); err != nil {
				return made, err
			}
		}
		for _, c := range batch {
			if seen[c.file.Path] {
				continue
			}
			seen[c.file.Path] = true
			if err := wt.AddWithOptions(&git.AddOptions{Path: c.file.Path, SkipStatus: true}); err != nil {
				return made, fmt.Errorf("git add %s: %w", c.file.Path, err)
			}
		}
		d := batch[len(batch)-1].date
		t := time.Date(d.Year(), d.Month(), d.Day(), 9, 0, 0, 0, cst)
		if !t.After(last) {
			t = last.Add(7 * time.Minute)
		}
		last = t
		sig := signature(batch[0].jur*2+b%2, t)
		if _, err := wt.Commit(message(batch), &git.CommitOptions{Author: sig, Committer: sig}); err != nil {
			return made, fmt.Errorf("git commit: %w", err)
		}
		made++
	}
	return made, nil
}

func countPaths(cs []change) int {
	seen := map[string]bool{}
	for _, c := range cs {
		seen[c.file.Path] = true
	}
	return len(seen)
}

// signature is clerk k's, or the city foundation's office for k < 0.
func signature(k int, when time.Time) *object.Signature {
	if k < 0 {
		return &object.Signature{Name: "市见义勇为基金会办公室", Email: "office@jyyw.example", When: when}
	}
	pl := places[k/2]
	return &object.Signature{Name: clerks[k/2][k%2], Email: fmt.Sprintf("%s.%d@jyyw.example", pl.id, k%2+1), When: when}
}

// message describes a batch of changes: a subject line, then one line each.
func message(batch []change) string {
	verbs := map[string]string{"add": "新增", "confirm": "确认", "withdraw": "撤回", "visit": "走访"}
	count := map[string]int{}
	var order []string
	var lines []string
	for _, c := range batch {
		if count[c.verb] == 0 {
			order = append(order, c.verb)
		}
		count[c.verb]++
		lines = append(lines, fmt.Sprintf("%s %s %s", verbs[c.verb], c.id, c.label))
	}
	var subject []string
	for _, v := range order {
		switch v {
		case "add":
			subject = append(subject, fmt.Sprintf("新增%d名见义勇为人员", count[v]))
		case "confirm":
			subject = append(subject, fmt.Sprintf("补录%d名人员的公安确认和表彰", count[v]))
		case "withdraw":
			subject = append(subject, fmt.Sprintf("撤回%d名人员的申报", count[v]))
		case "visit":
			subject = append(subject, fmt.Sprintf("记录%d次走访慰问", count[v]))
		}
	}
	if len(batch) == 1 {
		return lines[0] + "\n"
	}
	return strings.Join(subject, "；") + "\n\n" + strings.Join(lines, "\n") + "\n"
}
