// Package history reads each record's history from git, for the internal site:
// for every file under a prefix (normally "records/"), the commits that changed
// it, newest first, and the commit the site is built from.
//
// # One walk
//
// Asking go-git for the log of each file (Log with a path filter) costs a full
// history walk per file, and object.DiffTree per commit builds a change list
// for the whole tree; on a 2,000-commit repository of 10,000 files these take
// hours and tens of seconds. Read instead walks the commit graph once. For each
// commit it compares the tree under the prefix with its parent's, descending
// only into subtrees whose hashes differ, so unchanged directories cost one
// hash comparison. Pack files stay open for the whole walk
// (filesystem.Options.KeepDescriptors) and objects go through an LRU cache.
//
// # Merges
//
// The walk follows every parent, as git log does, not only the first. A commit
// with one parent is credited with every path under the prefix whose blob (or
// mode) differs from its parent's: changed, added or deleted. A merge is
// credited with a path only if the path differs from every parent: git log's
// test that a merge is not TREESAME to any parent. A clean merge of a branch
// thus leaves the credit with the branch's own commits, their authors and
// messages, and the merge is named only where it brought content found in no
// parent, such as a conflict resolution. Unlike git log, commits on a side
// branch whose change the merge then discarded (for example with -s ours) are
// still listed.
//
// # Shallow clones
//
// A shallow clone (actions/checkout fetches one commit by default) stops at
// boundary commits whose parents are missing; git lists them in .git/shallow.
// Read treats a boundary commit as having no parents but, unlike a root
// commit, credits it with nothing: its files were not changed by it, they came
// from history that is not there. A file last changed before the boundary
// therefore has no entry in Files, and the list of a file changed after it ends
// early. History.Shallow reports that this happened, so the site can say that
// history is unavailable instead of showing a wrong one; fetch with depth 0 to
// get it. A missing parent not listed in .git/shallow is an error.
//
// # Order and paths
//
// Commits are ordered newest first as by git log --date-order: a child always
// before its parents, otherwise by committer time, ties broken by hash, so the
// result does not depend on map order or on how the graph was reached. Dates
// are author dates, as git log shows. Paths are slash-separated from the
// repository root ("records/beijing/0001.yaml"). A deleted file keeps its
// history, the deleting commit first. Renames are not followed: the old path
// is deleted and the new one added. Symbolic links and submodules count as
// files.
//
// # What it does not do
//
// It does not report whether the working tree differs from HEAD: go-git's
// Worktree.Status hashes every file, which costs more than the walk itself,
// and the site is built from clean checkouts in CI.
//
// # Reading again
//
// Every Read walks the whole graph. roll serve rebuilds on every change, so a
// Cache keeps, across reads, the paths each commit was credited with: commits
// never change, so later reads compare trees only for new commits. roll
// build runs once per process: ReadSaved keeps the History it derives in the
// records cache (saved.go), sealed and keyed by HEAD, the shallow boundary,
// the prefix and the code of roll, so a build of the commit the last one was
// built from reads one file instead of walking.
//
// The package is a little larger than 600 lines: walk.go is the one walk
// above, which Read, the Cache of roll serve and the Record view of a file
// all share.
package history

import (
	"errors"
	"fmt"
	"os"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// A Commit is one commit as the site shows it.
type Commit struct {
	Hash    string    // full hex hash
	Short   string    // first 7 hex digits, as git abbreviates
	When    time.Time // author date, in the author's time zone
	Author  string    // author name
	Subject string    // first paragraph of the message, on one line
}

// Time is when the commit was made, to the minute: 2020-12-18 16:05.
func (c Commit) Time() string { return c.When.Format("2006-01-02 15:04") }

// Day is the day the commit was made: 2020-12-18.
func (c Commit) Day() string { return c.When.Format(time.DateOnly) }

// History is the history of the files under a prefix.
type History struct {
	// Head is the commit HEAD points to: the commit the site is built from.
	// It is nil outside a git repository and in a repository with no commits.
	Head *Commit
	// Shallow reports that the walk stopped at a shallow boundary, so some
	// files have less history than they really have, or none.
	Shallow bool
	// Files maps a slash path to the commits that changed it, newest first.
	Files map[string][]Commit
}

// Record is the history of one file, as a page shows it.
type Record struct {
	File    string
	Last    *Commit  // the newest commit that changed it
	Commits []Commit // newest first
	Shallow bool     // its history may be cut at the shallow boundary
	NoGit   bool     // there is no history at all: not in a git repository
}

// Record returns the history of file. A nil History is no git repository.
func (h *History) Record(file string) Record {
	if h == nil {
		return Record{File: file, NoGit: true}
	}
	r := Record{File: file, Shallow: h.Shallow, NoGit: h.Head == nil, Commits: h.Files[file]}
	if len(r.Commits) > 0 {
		r.Last = &r.Commits[0]
	}
	return r
}

// Read returns the history of the files under prefix in the git repository
// containing dir. dir may be the root of the working tree or any directory
// inside it; linked worktrees are followed to their common directory. prefix
// is a slash-separated directory such as "records/"; "" means the whole tree.
//
// Outside a git repository, Read returns an empty History and no error, so
// that a site can be built from an exported copy of the records.
func Read(dir, prefix string) (*History, error) {
	return readDir(dir, prefix, nil, nil)
}

func readDir(dir, prefix string, c *Cache, sv *saved) (*History, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	repo, err := git.PlainOpenWithOptions(dir, &git.PlainOpenOptions{
		DetectDotGit:          true,
		EnableDotGitCommonDir: true,
	})
	if errors.Is(err, git.ErrRepositoryNotExists) {
		return &History{Files: map[string][]Commit{}}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("history: open repository at %s: %w", dir, err)
	}
	fsStorage, ok := repo.Storer.(*filesystem.Storage)
	if !ok {
		return nil, fmt.Errorf("history: repository at %s: unexpected storage %T", dir, repo.Storer)
	}
	// Reopen the same .git with pack descriptors kept open: without it every
	// object read opens and closes its pack file.
	st := filesystem.NewStorageWithOptions(fsStorage.Filesystem(), cache.NewObjectLRUDefault(),
		filesystem.Options{KeepDescriptors: true})
	h, err := read(st, prefix, c, sv)
	if cerr := st.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("history: %w", cerr)
	}
	if err != nil {
		return nil, err
	}
	return h, nil
}

// Last returns the newest commit that changed path, and whether there is one.
func (h *History) Last(path string) (Commit, bool) {
	if h == nil {
		return Commit{}, false
	}
	cs := h.Files[path]
	if len(cs) == 0 {
		return Commit{}, false
	}
	return cs[0], true
}
