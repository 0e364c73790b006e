//go:build !linux && !darwin

package publish

import (
	"os"
	"path/filepath"
)

// root is the top folder of a tree.
type root struct{ dir string }

func openRoot(dir string) (*root, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, err
	}
	return &root{dir}, nil
}

// matches reports whether the file name of the tree is as e describes
// it: a regular file of its size and modification time.
func (r *root) matches(name string, e entry) bool {
	if r == nil {
		return false
	}
	fi, err := os.Lstat(filepath.Join(r.dir, filepath.FromSlash(name)))
	return err == nil && fi.Mode().IsRegular() && fi.Size() == e.size && fi.ModTime().UnixNano() == e.mtime
}

func (r *root) close() {}
