package records

import (
	"sync"
	"unsafe"
)

// A slab hands out the memory the records cache's shard files are read
// into, a large piece at a time, which the records then keep (their
// values and narratives are the files' bytes).
//
// At 100,000 records the files are 250 MB, read once per run into memory
// the process had never touched: reading them cost 0.96 s of CPU in a
// rebuild, most of it the kernel giving the process that memory 4 KiB at
// a time (a page fault each, ~60,000), not copying the bytes. A piece of
// the slab is advised to be backed by huge pages where the system does
// so on request (Linux's transparent huge pages, "madvise"): 2 MiB a
// fault. The advice changes no byte and is only advice: a system that
// does not follow it backs the memory as any other.
type slab struct {
	mu  sync.Mutex
	cur []byte // what is left of the piece in use
}

const (
	// slabPiece is the size of a piece of the slab: at 100,000 records
	// the files are ~1 MB each, at 10,000 ~0.1 MB.
	slabPiece = 32 << 20
	// slabMin is the size of the smallest file read into the slab; a
	// smaller one (a small repository's) is read into memory of its own.
	slabMin = 32 << 10
)

// get returns n bytes of memory no one else holds.
func (s *slab) get(n int) []byte {
	if n < slabMin || n > slabPiece/2 {
		return make([]byte, n)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.cur) < n {
		s.cur = make([]byte, slabPiece)
		adviseHuge(s.cur)
	}
	b := s.cur[:n:n]
	s.cur = s.cur[n:]
	return b
}

// hugeList makes a list of n values of T, its memory advised for huge
// pages as a piece of the slab is. The lists of a load's heroes and
// records are made so (at 100,000 heroes ~45 MB and ~15 MB, a page fault
// every 4 KiB otherwise): a list made of memory the heap had already
// touched is zeroed by the heap first, and the advice then changes
// nothing.
func hugeList[T any](n int) []T {
	l := make([]T, n)
	if n > 0 {
		adviseHuge(unsafe.Slice((*byte)(unsafe.Pointer(&l[0])), uintptr(n)*unsafe.Sizeof(l[0])))
	}
	return l
}
