package history

import (
	"cmp"
	"container/heap"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/storage"
)

// read walks the history of the repository in st. It takes the storage, not
// a path, so that the walk can be run on any go-git storage. With sv, a
// History kept under the same key is taken instead of walking, and one
// walked is kept.
func read(st storage.Storer, prefix string, c *Cache, sv *saved) (*History, error) {
	h := &History{Files: map[string][]Commit{}}
	ref, err := storer.ResolveReference(st, plumbing.HEAD)
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return h, nil // no commits yet
	}
	if err != nil {
		return nil, fmt.Errorf("history: resolve HEAD: %w", err)
	}
	shallow, err := st.Shallow()
	if err != nil {
		return nil, fmt.Errorf("history: read shallow boundary: %w", err)
	}
	var key [32]byte
	if sv != nil {
		key = sv.key(splitPrefix(prefix), ref.Hash(), shallow)
		if kept, ok := sv.load(key); ok {
			return kept, nil
		}
	}
	w := &walker{
		st:       st,
		prefix:   splitPrefix(prefix),
		nodes:    map[plumbing.Hash]*node{},
		boundary: map[plumbing.Hash]bool{},
		trees:    newTreeCache(treeCacheSize),
		cache:    c,
	}
	for _, b := range shallow {
		w.boundary[b] = true
	}
	head, err := w.load(ref.Hash())
	if err != nil {
		return nil, err
	}
	hc := commitOf(head.c)
	h.Head = &hc
	for _, n := range w.order(head) {
		if n.boundary {
			h.Shallow = true
		}
		paths, err := w.cachedChanges(n)
		if err != nil {
			return nil, fmt.Errorf("history: commit %s: %w", n.c.Hash, err)
		}
		if len(paths) == 0 {
			continue
		}
		c := commitOf(n.c)
		for _, p := range paths {
			h.Files[p] = append(h.Files[p], c)
		}
	}
	sv.keep(key, h)
	return h, nil
}

// commitOf converts a go-git commit for display.
func commitOf(c *object.Commit) Commit {
	hash := c.Hash.String()
	return Commit{
		Hash:    hash,
		Short:   hash[:7],
		When:    c.Author.When,
		Author:  c.Author.Name,
		Subject: subject(c.Message),
	}
}

// subject returns the first paragraph of a commit message on one line, as
// git log --format=%s does.
func subject(msg string) string {
	var words []string
	for line := range strings.Lines(msg) {
		f := strings.Fields(line)
		if len(f) == 0 {
			if len(words) > 0 {
				break // end of the first paragraph
			}
			continue // blank lines before it
		}
		words = append(words, f...)
	}
	return strings.Join(words, " ")
}

// splitPrefix turns "records/" into its path elements; "", "." and "/" give
// none, meaning the whole tree.
func splitPrefix(prefix string) []string {
	p := strings.Trim(path.Clean("/"+prefix), "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

// A node is a commit in the graph being walked.
type node struct {
	c        *object.Commit
	parents  []*node // none for a root or a shallow boundary
	boundary bool    // listed in .git/shallow: parents exist but are missing

	children int  // unvisited children while ordering
	resolved bool // prefixTree is set
	// prefixTree is the hash of the tree at the prefix, zero if there is none.
	prefixTree plumbing.Hash
}

type walker struct {
	st       storage.Storer
	prefix   []string
	nodes    map[plumbing.Hash]*node
	boundary map[plumbing.Hash]bool
	trees    *treeCache
	cache    *Cache // nil if not reading through one
}

// load reads the commit graph reachable from head, without recursion so that
// long histories cannot exhaust the stack.
func (w *walker) load(head plumbing.Hash) (*node, error) {
	root, err := w.node(head)
	if err != nil {
		return nil, err
	}
	stack := []*node{root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.boundary {
			continue
		}
		for _, ph := range n.c.ParentHashes {
			p, seen := w.nodes[ph]
			if !seen {
				if p, err = w.node(ph); err != nil {
					return nil, fmt.Errorf("parent of %s: %w", n.c.Hash, err)
				}
				stack = append(stack, p)
			}
			n.parents = append(n.parents, p)
		}
	}
	return root, nil
}

func (w *walker) node(h plumbing.Hash) (*node, error) {
	c, err := object.GetCommit(w.st, h)
	if err != nil {
		return nil, fmt.Errorf("history: read commit %s: %w", h, err)
	}
	n := &node{c: c, boundary: w.boundary[h]}
	w.nodes[h] = n
	return n, nil
}

// order returns the commits reachable from head newest first, as git log
// --date-order does: children before parents, otherwise by committer time,
// ties broken by hash.
func (w *walker) order(head *node) []*node {
	for _, n := range w.nodes {
		for _, p := range n.parents {
			p.children++
		}
	}
	out := make([]*node, 0, len(w.nodes))
	q := &nodeQueue{head}
	for q.Len() > 0 {
		n := heap.Pop(q).(*node)
		out = append(out, n)
		for _, p := range n.parents {
			p.children--
			// A parent listed twice (a merge of a commit with itself) is
			// pushed once, when its last child has been taken.
			if p.children == 0 {
				heap.Push(q, p)
			}
		}
	}
	return out
}

// nodeQueue is a heap giving the newest commit first.
type nodeQueue []*node

func (q nodeQueue) Len() int { return len(q) }
func (q nodeQueue) Less(i, j int) bool {
	a, b := q[i].c, q[j].c
	if c := a.Committer.When.Compare(b.Committer.When); c != 0 {
		return c > 0
	}
	return a.Hash.String() > b.Hash.String()
}
func (q nodeQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *nodeQueue) Push(x any)   { *q = append(*q, x.(*node)) }
func (q *nodeQueue) Pop() any {
	old := *q
	n := old[len(old)-1]
	*q = old[:len(old)-1]
	return n
}

// cachedChanges is changes through the walker's Cache, if it has one.
// Boundary commits are not cached: they are credited with nothing, and once
// the clone is deepened they are not boundaries any more.
func (w *walker) cachedChanges(n *node) ([]string, error) {
	if w.cache == nil || n.boundary {
		return w.changes(n)
	}
	key := cacheKey{n.c.Hash, strings.Join(w.prefix, "/")}
	if paths, ok := w.cache.get(key); ok {
		return paths, nil
	}
	paths, err := w.changes(n)
	if err != nil {
		return nil, err
	}
	w.cache.put(key, paths)
	return paths, nil
}

// changes returns the paths under the prefix that commit n is credited with,
// in tree order. See the package documentation for merges and boundaries.
func (w *walker) changes(n *node) ([]string, error) {
	if n.boundary {
		return nil, nil
	}
	cur, err := w.prefixTree(n)
	if err != nil {
		return nil, err
	}
	dir := strings.Join(w.prefix, "/")
	if len(n.parents) == 0 {
		var paths []string
		err := w.diff(dir, plumbing.ZeroHash, cur, func(p string) { paths = append(paths, p) })
		return paths, err
	}
	var paths []string
	for i, p := range n.parents {
		pt, err := w.prefixTree(p)
		if err != nil {
			return nil, err
		}
		if pt == cur {
			return nil, nil // same as this parent: nothing differs from all
		}
		if i == 0 {
			err = w.diff(dir, pt, cur, func(p string) { paths = append(paths, p) })
			if err != nil {
				return nil, err
			}
			continue
		}
		// Keep only the paths that also differ from this parent.
		differs := map[string]bool{}
		err = w.diff(dir, pt, cur, func(p string) { differs[p] = true })
		if err != nil {
			return nil, err
		}
		kept := paths[:0]
		for _, p := range paths {
			if differs[p] {
				kept = append(kept, p)
			}
		}
		paths = kept
		if len(paths) == 0 {
			return nil, nil
		}
	}
	return paths, nil
}

// prefixTree returns the hash of the tree at the prefix in n's tree, zero if
// the prefix is missing or not a directory.
func (w *walker) prefixTree(n *node) (plumbing.Hash, error) {
	if n.resolved {
		return n.prefixTree, nil
	}
	h := n.c.TreeHash
	for _, name := range w.prefix {
		t, err := w.tree(h)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		h = plumbing.ZeroHash
		for _, e := range t.Entries {
			if e.Name == name && e.Mode == filemode.Dir {
				h = e.Hash
				break
			}
		}
		if h.IsZero() {
			break
		}
	}
	n.prefixTree, n.resolved = h, true
	return h, nil
}

// diff calls changed with the path of every file that differs between the
// trees a and b at dir; a zero hash is an empty tree. It descends only into
// subtrees whose hashes differ.
func (w *walker) diff(dir string, a, b plumbing.Hash, changed func(string)) error {
	if a == b {
		return nil
	}
	var ea, eb []object.TreeEntry
	if !a.IsZero() {
		t, err := w.tree(a)
		if err != nil {
			return err
		}
		ea = t.Entries
	}
	if !b.IsZero() {
		t, err := w.tree(b)
		if err != nil {
			return err
		}
		eb = t.Entries
	}
	// Entries are sorted in git's tree order; merge the two lists.
	i, j := 0, 0
	for i < len(ea) || j < len(eb) {
		var c int
		switch {
		case i == len(ea):
			c = 1
		case j == len(eb):
			c = -1
		default:
			c = compareEntries(&ea[i], &eb[j])
		}
		switch {
		case c < 0: // only in a: deleted
			if err := w.all(join(dir, ea[i].Name), &ea[i], changed); err != nil {
				return err
			}
			i++
		case c > 0: // only in b: added
			if err := w.all(join(dir, eb[j].Name), &eb[j], changed); err != nil {
				return err
			}
			j++
		default: // same name and kind
			x, y := &ea[i], &eb[j]
			switch {
			case x.Mode == filemode.Dir:
				if err := w.diff(join(dir, x.Name), x.Hash, y.Hash, changed); err != nil {
					return err
				}
			case x.Hash != y.Hash || x.Mode != y.Mode:
				changed(join(dir, x.Name))
			}
			i++
			j++
		}
	}
	return nil
}

// all calls changed with the path of e, or of every file under it if it is
// a directory.
func (w *walker) all(p string, e *object.TreeEntry, changed func(string)) error {
	if e.Mode != filemode.Dir {
		changed(p)
		return nil
	}
	return w.diff(p, plumbing.ZeroHash, e.Hash, changed)
}

func join(dir, name string) string {
	if dir == "" {
		return name
	}
	return dir + "/" + name
}

// compareEntries orders tree entries as git sorts them: by name, with a
// directory's name compared as if it ended in "/". A file and a directory of
// the same name therefore differ, and count as a deletion and an addition.
func compareEntries(a, b *object.TreeEntry) int {
	n := min(len(a.Name), len(b.Name))
	if c := strings.Compare(a.Name[:n], b.Name[:n]); c != 0 {
		return c
	}
	return cmp.Compare(byteAt(a, n), byteAt(b, n))
}

func byteAt(e *object.TreeEntry, i int) int {
	if i < len(e.Name) {
		return int(e.Name[i])
	}
	if e.Mode == filemode.Dir {
		return '/'
	}
	return 0
}

func (w *walker) tree(h plumbing.Hash) (*object.Tree, error) {
	if t, ok := w.trees.get(h); ok {
		return t, nil
	}
	t, err := object.GetTree(w.st, h)
	if err != nil {
		return nil, fmt.Errorf("read tree %s: %w", h, err)
	}
	w.trees.add(h, t)
	return t, nil
}
