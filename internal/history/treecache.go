package history

import (
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// treeCacheSize bounds the decoded trees kept, in tree entries: about 64 MB.
const treeCacheSize = 1 << 20

// treeCache keeps recently decoded trees. The walk compares each commit with
// its parent and then the parent with its own, so most trees are needed
// twice in a row; the storage's object cache holds them only encoded.
// Eviction is first in, first out, which suits that pattern.
type treeCache struct {
	max, size int
	trees     map[plumbing.Hash]*object.Tree
	fifo      []plumbing.Hash
}

func newTreeCache(max int) *treeCache {
	return &treeCache{max: max, trees: map[plumbing.Hash]*object.Tree{}}
}

func (c *treeCache) get(h plumbing.Hash) (*object.Tree, bool) {
	t, ok := c.trees[h]
	return t, ok
}

func (c *treeCache) add(h plumbing.Hash, t *object.Tree) {
	cost := len(t.Entries) + 1
	if cost > c.max {
		return
	}
	for c.size+cost > c.max && len(c.fifo) > 0 {
		old := c.fifo[0]
		c.fifo = c.fifo[1:]
		c.size -= len(c.trees[old].Entries) + 1
		delete(c.trees, old)
	}
	c.trees[h] = t
	c.fifo = append(c.fifo, h)
	c.size += cost
}
