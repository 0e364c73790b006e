package rootfs

import (
	"io/fs"
	"syscall"
)

// sameFile says whether two statuses are of one file, by their device
// and inode: a folder's entry's status is not package os's own, which
// os.SameFile alone compares.
func sameFile(a, b fs.FileInfo) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	x, ok1 := a.Sys().(*syscall.Stat_t)
	y, ok2 := b.Sys().(*syscall.Stat_t)
	return ok1 && ok2 && x.Dev == y.Dev && x.Ino == y.Ino && *x == *y
}
