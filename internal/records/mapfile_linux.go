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
		if err == nil && len(m) == n {
			b = m[:n:n]
		}
	})
	return b
}
