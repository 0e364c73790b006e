package records

import (
	"os"
	"syscall"
)

// mapFile maps the n bytes of the file f read only and private, its pages
// entered at once (MAP_POPULATE: one system call rather than a page fault
// every few pages as they are first read); nil when it cannot be mapped,
// and the caller reads it instead. The mapping is never unmapped: the
// records keep texts that point into it (see store.readShard).
func mapFile(f *os.File, n int) []byte {
	if n <= 0 {
		return nil
	}
	rc, err := f.SyscallConn()
	if err != nil {
		return nil
	}
	var b []byte
	_ = rc.Control(func(fd uintptr) {
		m, err := syscall.Mmap(int(fd), 0, n, syscall.PROT_READ, syscall.MAP_PRIVATE|syscall.MAP_POPULATE)
		if err != nil {
			return
		}
		// A file cut after the caller's status was taken would fault
		// where it was cut: its size is taken again, and such a file
		// is read (and found short) instead. Nothing points into the
		// mapping yet.
		var st syscall.Stat_t
		if len(m) != n || syscall.Fstat(int(fd), &st) != nil || st.Size != int64(n) {
			_ = syscall.Munmap(m)
			return
		}
		b = m[:n:n]
	})
	return b
}
