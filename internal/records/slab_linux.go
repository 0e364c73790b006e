package records

import (
	"syscall"
	"unsafe"
)

// hugePage is the size of a huge page on the platforms roll runs on.
const hugePage = 2 << 20

// adviseHuge advises that the whole huge pages within b be backed by
// huge pages when they are first touched; b must not have been touched
// yet for the advice to matter. A refusal is no error.
func adviseHuge(b []byte) {
	if len(b) == 0 {
		return
	}
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	end := start + uintptr(len(b))
	from, to := (start+hugePage-1)&^(hugePage-1), end&^(hugePage-1)
	if to <= from {
		return
	}
	_ = syscall.Madvise(b[from-start:to-start], syscall.MADV_HUGEPAGE)
}
