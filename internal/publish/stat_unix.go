//go:build linux || darwin

package publish

import (
	"os"

	"golang.org/x/sys/unix"
)

// root is the top folder of a tree, open so that the status of a file is
// asked relative to it: the system resolves the few folders of the
// file's name, not the output folder's path each time, and Go makes no
// FileInfo of it.
type root struct {
	f  *os.File
	fd int
}

func openRoot(dir string) (*root, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	return &root{f: f, fd: int(f.Fd())}, nil
}

// matches reports whether the file name of the tree is as e describes
// it: a regular file of its size and modification time.
func (r *root) matches(name string, e entry) bool {
	if r == nil {
		return false
	}
	var st unix.Stat_t
	if err := unix.Fstatat(r.fd, name, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
		return false
	}
	return st.Mode&unix.S_IFMT == unix.S_IFREG && st.Size == e.size && st.Mtim.Nano() == e.mtime
}

func (r *root) close() {
	if r != nil {
		r.f.Close()
	}
}
