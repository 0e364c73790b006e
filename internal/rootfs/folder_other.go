//go:build !linux

package rootfs

import (
	"io/fs"
	"os"
)

// folder is a folder of the root, kept open: a root of its own.
type folder struct{ root *os.Root }

func openFolder(r *os.Root, name string) (*folder, error) {
	d, err := r.OpenRoot(name)
	if err != nil {
		return nil, err
	}
	return &folder{root: d}, nil
}

// open opens the file base, a name in the folder, or fails; the caller
// then opens it through the root.
func (d *folder) open(base string) (fs.File, error) { return d.root.Open(base) }

func (d *folder) close() { d.root.Close() }

// list lists the folder through its root, sorted by name.
func (d *folder) list(stater) ([]fs.DirEntry, error) { return fs.ReadDir(d.root.FS(), ".") }

// stater is nothing: the root takes each entry's status as it lists it.
type stater struct{}

func newStater() stater     { return stater{} }
func (stater) Close() error { return nil }
