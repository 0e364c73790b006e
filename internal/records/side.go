package records

import (
	"crypto/sha256"
	"os"
	"path"
)

// Code is the SHA-256 of the code of roll that a cache on disk was made
// for; zero for a cache in memory, which only one process uses.
func (c *Cache) Code() [sha256.Size]byte {
	if c == nil || c.disk == nil {
		return [sha256.Size]byte{}
	}
	return c.disk.code
}

// Side returns the bytes that SetSide kept under name, in the same
// process for a cache in memory, in the cache's folder for one on disk;
// nil when there are none or they cannot be read. They are not checked:
// what is kept there seals itself and is read as untrusted (for example
// rules.ReadMemo).
func (c *Cache) Side(name string) []byte {
	if c == nil {
		return nil
	}
	if c.disk == nil {
		c.mu.Lock()
		defer c.mu.Unlock()
		return c.side[name]
	}
	r, err := os.OpenRoot(c.disk.repo)
	if err != nil {
		return nil
	}
	defer r.Close()
	b, err := r.ReadFile(path.Join(CacheDir, name))
	if err != nil {
		return nil
	}
	return b
}

// SetSide keeps b under name for a later Side, replacing the bytes kept
// there before at once (a new file renamed over the old one). A cache
// that cannot be written is no error: the next run reads nothing there.
func (c *Cache) SetSide(name string, b []byte) {
	if c == nil {
		return
	}
	if c.disk == nil {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.side == nil {
			c.side = map[string][]byte{}
		}
		c.side[name] = b
		return
	}
	r, err := os.OpenRoot(c.disk.repo)
	if err != nil {
		return
	}
	defer r.Close()
	if r.MkdirAll(CacheDir, 0o755) != nil {
		return
	}
	name = path.Join(CacheDir, name)
	tmp := name + ".tmp"
	if r.WriteFile(tmp, b, 0o644) != nil || r.Rename(tmp, name) != nil {
		r.Remove(tmp)
	}
}

// Finish keeps for the next run what this one learned after loading: the
// positions that findings asked of the records a cache on disk gave
// (positions). Call it when the findings are made; a cache in memory
// keeps nothing more. It waits for the records' files that a load with
// WriteLater left being written.
func (c *Cache) Finish() {
	if c != nil && c.writing != nil {
		<-c.writing
		c.writing = nil
	}
	if c == nil || c.disk == nil || c.disk.pos == nil {
		return
	}
	if c.disk.pos.changed() {
		c.SetSide(positionsSide, c.disk.pos.bytes())
	}
}
