package hugeheap

import (
	"cmp"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"unsafe"

	"golang.org/x/sys/unix"
)

// chunk is the unit of memory Prefer takes from the heap: the runtime's
// own unit of growth (a palloc chunk), so that the pieces fill the free
// memory the heap has mapped before they grow it.
const chunk = 4 << 20

// Prefer asks for huge pages under the first n bytes the heap hands out,
// where the system's settings allow it (see the package's doc), and
// reports whether it did. Call it once, first thing, before the heap has
// grown and while nothing else allocates: it takes the memory in pieces,
// advises them, and gives them back with a collection.
func Prefer(n int) bool {
	enabled, _ := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	overcommit, _ := os.ReadFile("/proc/sys/vm/overcommit_memory")
	if n <= 0 || !wanted(string(enabled), string(overcommit), os.Getenv("GODEBUG")) {
		return false
	}
	// A collection first, swept to the end: every free page is then
	// known, and the pieces take it before the heap grows. They are
	// garbage only once advised: no collection meanwhile, and no limit
	// to make one.
	runtime.GC()
	gc := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(math.MaxInt64)
	// Large objects take whole pages, lowest free addresses first: the
	// rest of what the heap has mapped, then memory it maps fresh, which
	// is not cleared, so nothing here is touched but a piece that lands
	// on memory used before (the runtime clears it). Pieces, not one
	// allocation of n bytes: one that began on such memory would be
	// cleared whole, every page of it touched.
	pieces := make([][]byte, 0, (n+chunk-1)/chunk)
	for range cap(pieces) {
		pieces = append(pieces, make([]byte, chunk))
	}
	type span struct{ lo, hi uintptr }
	spans := make([]span, len(pieces))
	for i, p := range pieces {
		lo := uintptr(unsafe.Pointer(unsafe.SliceData(p)))
		spans[i] = span{lo, lo + chunk}
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.lo, b.lo) })
	// Neighbouring pieces advised as one: a huge page needs 2 MiB,
	// aligned, all advised.
	ok := true
	for i := 0; i < len(spans); {
		lo, hi := spans[i].lo, spans[i].hi
		for i++; i < len(spans) && spans[i].lo == hi; i++ {
			hi = spans[i].hi
		}
		if _, _, errno := unix.Syscall(unix.SYS_MADVISE, lo, hi-lo, unix.MADV_HUGEPAGE); errno != 0 {
			ok = false
		}
	}
	clear(pieces)
	debug.SetMemoryLimit(limit)
	debug.SetGCPercent(gc)
	// Collected, and their pages given back (never touched, they cost
	// nothing to give), the pieces leave the heap as small as before,
	// with the advice on the addresses it hands out next.
	debug.FreeOSMemory()
	return ok
}
