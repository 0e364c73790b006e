// Package rootfs gives an fs.FS over an os.Root that opens each file from
// its folder's handle, kept open, rather than from the root.
//
// An os.Root opens records/heroes/sheyang/H-2019-0002.md by opening each
// folder on the way and closing it again: four openat and three close
// calls for one file, a tenth of a cold `roll check`'s CPU at 100,000
// records. FS opens each folder once (through the root, so that nothing
// outside it is ever reached) and each file with one openat from there.
// Whatever it cannot open that way, it opens through the root, whose
// error is the one returned: the errors are the root's.
package rootfs

import (
	"io/fs"
	"os"
	"path"
	"sync"
)

// maxDirs is how many folders an FS keeps open, each with two
// descriptors on Linux (folder_linux.go); files of the others are opened
// through the root. rollgen's archive of 100,000 heroes has 56.
const maxDirs = 256

// FS is an fs.FS over an os.Root, as os.Root.FS, that keeps the folders
// it opened files in open until Close. It may be used by many goroutines
// at once.
type FS struct {
	root *os.Root
	fsys fs.FS // root.FS()

	stats stater // takes the statuses of listed entries (folder_linux.go)

	mu   sync.Mutex
	dirs map[string]*folder // nil: the folder could not be opened
}

// New returns an FS over r; r stays open while the FS is used.
func New(r *os.Root) *FS {
	return newFS(r, newStater())
}

func newFS(r *os.Root, stats stater) *FS {
	return &FS{root: r, fsys: r.FS(), stats: stats, dirs: map[string]*folder{}}
}

// Close closes the folders the FS opened.
func (f *FS) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.stats.Close()
	for name, d := range f.dirs {
		if d != nil {
			d.close()
		}
		delete(f.dirs, name)
	}
	return nil
}

// dir returns the folder name opened inside f's root, or nil.
func (f *FS) dir(name string) *folder {
	f.mu.Lock()
	defer f.mu.Unlock()
	if d, ok := f.dirs[name]; ok {
		return d
	}
	if len(f.dirs) >= maxDirs {
		return nil
	}
	d, err := openFolder(f.root, name)
	if err != nil {
		d = nil
	}
	f.dirs[name] = d
	return d
}

// Open opens the file name, a slash path valid for fs.FS.
func (f *FS) Open(name string) (fs.File, error) {
	dir, base := path.Split(name)
	if dir == "" || !fs.ValidPath(name) {
		return f.fsys.Open(name)
	}
	if d := f.dir(dir[:len(dir)-1]); d != nil {
		if file, err := d.open(base); err == nil {
			return file, nil
		}
	}
	return f.fsys.Open(name)
}

// ReadDir lists the folder name, sorted by name, as the root would:
// from the folder kept open, and through the root when it cannot be
// (whose error is returned). The entries' statuses are the folder's,
// taken in batches (see list).
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	if fs.ValidPath(name) {
		if d := f.dir(name); d != nil {
			if list, err := d.list(f.stats); err == nil {
				return list, nil
			}
		}
	}
	return fs.ReadDir(f.fsys, name)
}

// ReadFile, Stat, Lstat and ReadLink are the root's: the FS implements
// what os.Root.FS does.

func (f *FS) ReadFile(name string) ([]byte, error)   { return fs.ReadFile(f.fsys, name) }
func (f *FS) Stat(name string) (fs.FileInfo, error)  { return fs.Stat(f.fsys, name) }
func (f *FS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(f.fsys, name) }
func (f *FS) ReadLink(name string) (string, error)   { return fs.ReadLink(f.fsys, name) }
