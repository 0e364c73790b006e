package records

import (
	"io/fs"
	"syscall"
)

// statOf is what a file's status says of it that a change to its bytes
// changes: its device and inode, size, and its modification and change
// times to the nanosecond. ok is false when the file's status cannot be
// read that far.
func statOf(fi fs.FileInfo) (fileStat, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok || !fi.Mode().IsRegular() {
		return fileStat{}, false
	}
	return fileStat{
		dev:   uint64(st.Dev),
		ino:   uint64(st.Ino),
		size:  st.Size,
		mtime: st.Mtim.Nano(),
		ctime: st.Ctim.Nano(),
	}, true
}
