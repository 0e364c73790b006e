//go:build !linux && !darwin

package publish

import (
	"os"
	"path/filepath"
)

// root is the top folder of a tree.
type root struct{ dir string }

// stater is nothing: each status is taken when asked for.
type stater struct{}

func newStater() stater { return stater{} }

func (stater) Close() error { return nil }

func openRoot(dir string, _ *manifest, _ stater) (*root, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, err
	}
	return &root{dir}, nil
}

// matches reports whether the j-th file of the root's manifest, name,
// is as e describes it: a regular file of its size and modification
// time.
func (r *root) matches(name string, j int, e entry) bool {
	return r.matchesStatus(name, j, e.size, e.mtime)
}

// matchesStatus reports whether the j-th file of the root's manifest,
// name, is a regular file of size and modification time mtime.
func (r *root) matchesStatus(name string, _ int, size, mtime int64) bool {
	if r == nil {
		return false
	}
	fi, err := os.Lstat(filepath.Join(r.dir, filepath.FromSlash(name)))
	return err == nil && fi.Mode().IsRegular() && fi.Size() == size && fi.ModTime().UnixNano() == mtime
}

func (r *root) close() {}
