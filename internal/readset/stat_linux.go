package readset

import (
	"io/fs"
	"syscall"
)

// statOf is what a path's status says of it that a change to it changes;
// ok is false when the status cannot be read that far.
func statOf(fi fs.FileInfo) (Stat, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return Stat{}, false
	}
	return Stat{
		Dev:   uint64(st.Dev),
		Ino:   uint64(st.Ino),
		Mode:  st.Mode,
		Size:  st.Size,
		Mtime: st.Mtim.Nano(),
		Ctime: st.Ctim.Nano(),
	}, true
}
