// Package gitbase reads the base revision of a change from git, for
// `roll check --base REV`: it opens the git repository that holds the records,
// resolves REV, finds the merge base of REV and HEAD (the commit a pull request
// branched from) and returns the records/ and schemas/ folders of that commit
// as an fs.FS, laid out like the repository's root on disk.
//
// It uses go-git only; no git binary is needed. When something is missing (no
// git repository, an unknown REV, a shallow clone that lacks the merge base)
// the error is an *Error whose message says what is missing and how to fetch
// it, in either language.
package gitbase

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing/fstest"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/yancheng-jyyw/roll/internal/finding"
	"golang.org/x/text/message"
)

// Folders are the folders of the repository root that a Snapshot holds.
var folders = []string{"records", "schemas"}

// Snapshot is the state of the records at the merge base of a revision and HEAD.
type Snapshot struct {
	Rev  string        // the revision as given, like origin/main
	Base plumbing.Hash // the merge base of Rev and HEAD
	Head plumbing.Hash // HEAD
	// Files holds records/ and schemas/ of the merge base, with paths
	// relative to the repository root (records/site.yaml). Symbolic links
	// keep fs.ModeSymlink, so the loader reports them as it does on disk.
	Files fs.FS
	// Cache is the path of roll's cache folder (.cache) when HEAD commits
	// it, "" when it does not. What roll keeps there is trusted as its own
	// earlier work, so it must come from earlier runs (actions/cache),
	// never from a branch.
	Cache string
	// State lists the folders of roll build's state (.roll, of an output
	// folder at the repository's top or one below it, as _site/.roll)
	// that HEAD commits. A build trusts the memos it finds there as its
	// own, so they too must never come from a branch.
	State []string
}

// Reason says what kept Open from finding the base revision.
type Reason int

const (
	NoRepository Reason = iota + 1 // root is not inside a git repository
	NoHead                         // HEAD does not name a commit
	NoRevision                     // REV names nothing in the repository
	Shallow                        // the merge base lies beyond a shallow clone's history
	NoMergeBase                    // REV and HEAD share no history
)

// Error is a failure to find the base revision. Its message says what is
// missing and how to fix it; Localize renders it in a printer's language.
type Error struct {
	Reason Reason
	Msg    finding.Message
	Err    error // the underlying error, if any
}

func (e *Error) Error() string {
	s := e.Msg.Localize(message.NewPrinter(message.MatchLanguage("en")))
	if e.Err != nil {
		s += " (" + e.Err.Error() + ")"
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Localize renders the message alone (without the underlying error) in p's
// language.
func (e *Error) Localize(p *message.Printer) string { return e.Msg.Localize(p) }

// Hints shared by several errors.
var (
	hintCI        = finding.Msg("in GitHub Actions, check out with actions/checkout and fetch-depth: 0")
	hintUnshallow = finding.Msg("locally, run: git fetch --unshallow")
)

// join puts a sentence and its hints together.
func join(what finding.Message, hints ...finding.Message) finding.Message {
	for _, h := range hints {
		what = finding.Msg("%s; %s", what, h)
	}
	return what
}

// Open finds the merge base of rev and HEAD in the git repository that holds
// root (the folder with records/ and schemas/, possibly below the top of the
// git work tree) and reads its records and schemas.
func Open(root, rev string) (*Snapshot, error) {
	repo, err := git.PlainOpenWithOptions(root, &git.PlainOpenOptions{
		DetectDotGit: true,
		// Linked work trees (git worktree add) keep their objects in the
		// main repository's .git.
		EnableDotGitCommonDir: true,
	})
	if err != nil {
		return nil, &Error{Reason: NoRepository, Err: err,
			Msg: finding.Msg("no git repository at or above %s; --base compares with the history in git, so run roll in a clone of the repository", root)}
	}
	prefix, err := prefixOf(repo, root)
	if err != nil {
		return nil, err
	}
	shallow, err := repo.Storer.Shallow()
	if err != nil {
		return nil, fmt.Errorf("reading the list of shallow commits: %w", err)
	}

	headRef, err := repo.Head()
	if err != nil {
		return nil, &Error{Reason: NoHead, Err: err, Msg: finding.Msg("HEAD does not point to a commit yet; commit first")}
	}
	head, err := repo.CommitObject(headRef.Hash())
	if err != nil {
		return nil, &Error{Reason: NoHead, Err: err, Msg: finding.Msg("HEAD does not point to a commit yet; commit first")}
	}

	hash, err := repo.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		return nil, &Error{Reason: NoRevision, Err: err,
			Msg: join(finding.Msg("the base revision %s is not in this repository", rev), hintCI, fetchHint(repo, rev, len(shallow) > 0))}
	}
	other, err := repo.CommitObject(*hash)
	if err != nil {
		return nil, &Error{Reason: NoRevision, Err: err,
			Msg: join(finding.Msg("the base revision %s is not in this repository", rev), hintCI, fetchHint(repo, rev, len(shallow) > 0))}
	}

	bases, err := mergeBases(repo, shallow, head, other)
	if err != nil || len(bases) == 0 {
		if len(shallow) > 0 {
			return nil, &Error{Reason: Shallow, Err: err,
				Msg: join(finding.Msg("this is a shallow clone, and the commit where HEAD branched from %s is not in it", rev), hintCI, hintUnshallow)}
		}
		if err != nil {
			return nil, fmt.Errorf("finding the merge base of %s and HEAD: %w", rev, err)
		}
		return nil, &Error{Reason: NoMergeBase,
			Msg: finding.Msg("%s and HEAD have no commit in common; give a revision that HEAD branched from", rev)}
	}
	// Of several best common ancestors (criss-cross merges) any one will
	// do; pick the same one every time.
	base := bases[0]
	for _, b := range bases[1:] {
		if b.Hash.String() < base.Hash.String() {
			base = b
		}
	}

	files, err := readTree(base, prefix)
	if err != nil {
		return nil, fmt.Errorf("reading the records of %s (%s): %w", rev, base.Hash, err)
	}
	cache, err := committed(head, path.Join(prefix, ".cache"))
	if err != nil {
		return nil, fmt.Errorf("reading HEAD (%s): %w", head.Hash, err)
	}
	state, err := stateFolders(head, prefix)
	if err != nil {
		return nil, fmt.Errorf("reading HEAD (%s): %w", head.Hash, err)
	}
	return &Snapshot{Rev: rev, Base: base.Hash, Head: head.Hash, Files: files, Cache: cache, State: state}, nil
}

// stateFolders lists the folders named .roll that commit c holds at
// prefix or in a folder right below it: where roll build keeps its state
// for an output folder given as --out _site or --out .
func stateFolders(c *object.Commit, prefix string) ([]string, error) {
	tree, err := c.Tree()
	if err != nil {
		return nil, err
	}
	if prefix != "" && prefix != "." {
		if tree, err = tree.Tree(prefix); err != nil {
			if errors.Is(err, object.ErrDirectoryNotFound) || errors.Is(err, object.ErrEntryNotFound) {
				return nil, nil
			}
			return nil, err
		}
	}
	var found []string
	for _, e := range tree.Entries {
		if !e.Mode.IsFile() && e.Name == ".roll" {
			found = append(found, path.Join(prefix, e.Name))
			continue
		}
		if e.Mode.IsFile() || e.Name == "records" || e.Name == "schemas" {
			continue // records and schemas are read whole by the check
		}
		sub, err := tree.Tree(e.Name)
		if err != nil {
			continue // a submodule: not a folder of this repository
		}
		for _, f := range sub.Entries {
			if f.Name == ".roll" {
				found = append(found, path.Join(prefix, e.Name, f.Name))
			}
		}
	}
	return found, nil
}

// committed returns name when commit c's tree holds it (a file or a
// folder), "" when it does not.
func committed(c *object.Commit, name string) (string, error) {
	tree, err := c.Tree()
	if err != nil {
		return "", err
	}
	if _, err := tree.FindEntry(name); err != nil {
		if errors.Is(err, object.ErrEntryNotFound) || errors.Is(err, object.ErrDirectoryNotFound) {
			return "", nil
		}
		return "", err
	}
	return name, nil
}

// fetchHint tells how to get rev locally: fetch the branch from its remote
// when rev names one (origin/main), else fetch the whole history.
func fetchHint(repo *git.Repository, rev string, shallow bool) finding.Message {
	if remote, branch, ok := strings.Cut(rev, "/"); ok && branch != "" {
		if _, err := repo.Remote(remote); err == nil {
			return finding.Msg("locally, run: git fetch %s %s", remote, branch)
		}
	}
	if shallow {
		return hintUnshallow
	}
	return finding.Msg("locally, check the name or run: git fetch origin")
}

// prefixOf returns the slash path of root below the top of the git work tree.
func prefixOf(repo *git.Repository, root string) (string, error) {
	wt, err := repo.Worktree()
	if err != nil {
		return "", &Error{Reason: NoRepository, Err: err,
			Msg: finding.Msg("no git repository at or above %s; --base compares with the history in git, so run roll in a clone of the repository", root)}
	}
	top, err := filepath.EvalSymlinks(wt.Filesystem.Root())
	if err != nil {
		return "", err
	}
	abs, err := filepath.EvalSymlinks(root)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(top, abs)
	if err != nil || !filepath.IsLocal(rel) && rel != "." {
		return "", fmt.Errorf("%s is outside the git work tree %s", root, top)
	}
	return filepath.ToSlash(rel), nil
}

// readTree copies the folders of the commit's tree below prefix into memory.
// Records are small text files; a repository of thousands of them is a few
// megabytes.
func readTree(c *object.Commit, prefix string) (fs.FS, error) {
	tree, err := c.Tree()
	if err != nil {
		return nil, err
	}
	files := fstest.MapFS{}
	for _, dir := range folders {
		sub, err := tree.Tree(path.Join(prefix, dir))
		if errors.Is(err, object.ErrDirectoryNotFound) {
			continue // not there yet at the base: nothing to compare with
		}
		if err != nil {
			return nil, err
		}
		err = sub.Files().ForEach(func(f *object.File) error {
			var mode fs.FileMode
			switch f.Mode {
			case filemode.Regular, filemode.Executable:
				mode = 0o644
			case filemode.Symlink:
				mode = fs.ModeSymlink | 0o777
			default:
				return nil // submodules and the like are no records
			}
			r, err := f.Reader()
			if err != nil {
				return fmt.Errorf("%s: %w", f.Name, err)
			}
			data, err := io.ReadAll(r)
			r.Close()
			if err != nil {
				return fmt.Errorf("%s: %w", f.Name, err)
			}
			files[dir+"/"+f.Name] = &fstest.MapFile{Data: data, Mode: mode}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

// mergeBases returns the best common ancestors of a and b: the commits
// that are ancestors of both (each is its own ancestor) and that no other
// such commit descends from, as git merge-base --all does.
//
// Parents are followed as far as the clone holds them: the parents of a
// shallow clone's boundary commits are not there, and neither the walk
// nor its absence is an error. So a clone of depth 2 that holds the merge
// base finds it; go-git's Commit.MergeBase fails on the first missing
// parent. When the base lies beyond the boundary, none is found.
func mergeBases(repo *git.Repository, shallow []plumbing.Hash, a, b *object.Commit) ([]*object.Commit, error) {
	boundary := make(map[plumbing.Hash]bool, len(shallow))
	for _, h := range shallow {
		boundary[h] = true
	}
	commits := map[plumbing.Hash]*object.Commit{a.Hash: a, b.Hash: b}
	// parents returns the parents of c that the clone holds.
	parents := func(c *object.Commit) ([]*object.Commit, error) {
		if boundary[c.Hash] {
			return nil, nil
		}
		var ps []*object.Commit
		for _, h := range c.ParentHashes {
			p, ok := commits[h]
			if !ok {
				var err error
				p, err = repo.CommitObject(h)
				if errors.Is(err, plumbing.ErrObjectNotFound) {
					continue // beyond what the clone fetched
				}
				if err != nil {
					return nil, err
				}
				commits[h] = p
			}
			ps = append(ps, p)
		}
		return ps, nil
	}
	ancestors := func(c *object.Commit) (map[plumbing.Hash]bool, error) {
		seen := map[plumbing.Hash]bool{c.Hash: true}
		queue := []*object.Commit{c}
		for len(queue) > 0 {
			c := queue[0]
			queue = queue[1:]
			ps, err := parents(c)
			if err != nil {
				return nil, err
			}
			for _, p := range ps {
				if !seen[p.Hash] {
					seen[p.Hash] = true
					queue = append(queue, p)
				}
			}
		}
		return seen, nil
	}
	ofA, err := ancestors(a)
	if err != nil {
		return nil, err
	}
	ofB, err := ancestors(b)
	if err != nil {
		return nil, err
	}
	// A common ancestor with a common child is not the best: its child is
	// nearer. (Between a common ancestor and a common commit above it,
	// every commit is common, so checking the direct children suffices.)
	notBest := map[plumbing.Hash]bool{}
	for h := range ofA {
		if !ofB[h] {
			continue
		}
		ps, err := parents(commits[h])
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			notBest[p.Hash] = true
		}
	}
	var best []*object.Commit
	for h := range ofA {
		if ofB[h] && !notBest[h] {
			best = append(best, commits[h])
		}
	}
	slices.SortFunc(best, func(x, y *object.Commit) int { return strings.Compare(x.Hash.String(), y.Hash.String()) })
	return best, nil
}
