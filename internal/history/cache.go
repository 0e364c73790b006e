package history

import (
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
)

// A Cache remembers across reads which paths each commit is credited with,
// so that a later read compares trees only for commits it has not seen. It
// suits a long-running process such as roll serve; a one-off build needs
// none. Its entries never go stale, as commits never change; it grows by the
// paths of each new commit. A Cache is safe for concurrent use, and its zero
// value is ready to use.
type Cache struct {
	mu      sync.Mutex
	changes map[cacheKey][]string
}

type cacheKey struct {
	commit plumbing.Hash
	prefix string // normalized: "records", "" for the whole tree
}

// Read is like the package's Read, reusing and filling the cache.
func (c *Cache) Read(dir, prefix string) (*History, error) {
	return readDir(dir, prefix, c, nil)
}

func (c *Cache) get(k cacheKey) ([]string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	paths, ok := c.changes[k]
	return paths, ok
}

func (c *Cache) put(k cacheKey, paths []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.changes == nil {
		c.changes = map[cacheKey][]string{}
	}
	c.changes[k] = paths
}

// len returns the number of commits cached, for tests.
func (c *Cache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.changes)
}
