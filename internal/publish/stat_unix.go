//go:build linux || darwin

package publish

import (
	"os"
	"path"
	"sync"

	"golang.org/x/sys/unix"

	"github.com/yancheng-jyyw/roll/internal/statbatch"
)

// stater takes the statuses of a tree's files in batches (Out.stats).
type stater = *statbatch.Stater

func newStater() stater { return statbatch.New() }

// maxDirs is how many folders of a tree a root keeps open to take its
// files' statuses from; a file in another is not kept. The public site
// of 100,000 heroes has a few dozen.
const maxDirs = 1024

// root is the top folder of a tree, open, and the statuses of the files
// its manifest lists, taken a batch at a time (statbatch.List) the
// first time one of the batch is asked for: each from its own folder,
// opened once from the root one name at a time without following a
// link, so that the system resolves one name per file, and a link on the
// way (which roll never makes) is not followed but leaves the file
// unkept.
type root struct {
	f   *os.File
	fd  int
	m   *manifest
	sts *statbatch.List[fileStatus]

	mu   sync.Mutex
	dirs map[string]int // the folders opened, by name; -1: could not be
}

// openRoot opens the tree dir whose files are m's.
func openRoot(dir string, m *manifest, stats stater) (*root, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	r := &root{f: f, fd: int(f.Fd()), m: m, dirs: map[string]int{"": int(f.Fd())}}
	r.sts = statbatch.NewList(stats, m.n, func(j int) (int, string, bool) {
		dir, base := path.Split(m.name(j))
		fd := r.folder(dir)
		return fd, base, fd >= 0
	}, keepStatus)
	return r, nil
}

// fileStatus is what a root keeps of a file's status.
type fileStatus struct {
	regular     bool
	size, mtime int64
}

func keepStatus(st *unix.Stat_t, err error) fileStatus {
	if err != nil {
		return fileStatus{}
	}
	return fileStatus{regular: st.Mode&unix.S_IFMT == unix.S_IFREG, size: st.Size, mtime: st.Mtim.Nano()}
}

// folder returns the descriptor of the folder dir ("" or ending in a
// slash) of the tree, opened from its parent, or -1.
func (r *root) folder(dir string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.folderLocked(dir)
}

func (r *root) folderLocked(dir string) int {
	if fd, ok := r.dirs[dir]; ok {
		return fd
	}
	parent, base := path.Split(dir[:len(dir)-1])
	fd := -1
	if p := r.folderLocked(parent); p >= 0 && len(r.dirs) < maxDirs && statbatch.Valid(base) {
		for {
			var err error
			fd, err = unix.Openat(p, base, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
			if err != unix.EINTR {
				if err != nil {
					fd = -1
				}
				break
			}
		}
	}
	r.dirs[dir] = fd
	return fd
}

// matches reports whether the j-th file of the root's manifest, name,
// is as e describes it: a regular file of its size and modification
// time.
func (r *root) matches(name string, j int, e entry) bool {
	return r.matchesStatus(name, j, e.size, e.mtime)
}

// matchesStatus reports whether the j-th file of the root's manifest,
// name, is a regular file of size and modification time mtime.
func (r *root) matchesStatus(_ string, j int, size, mtime int64) bool {
	if r == nil {
		return false
	}
	st := r.sts.At(j)
	return st.regular && st.size == size && st.mtime == mtime
}

func (r *root) close() {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for dir, fd := range r.dirs {
		if dir != "" && fd >= 0 {
			unix.Close(fd)
		}
	}
	r.dirs = nil
	r.f.Close()
}
