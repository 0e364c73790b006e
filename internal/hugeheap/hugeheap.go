// Package hugeheap asks Linux to back the Go heap of a short run with
// transparent huge pages (2 MiB) instead of 4 KiB pages.
//
// A process's heap starts empty, and the kernel gives it memory one page
// at a time, the first time each page is touched: a fault, a page taken
// and zeroed. On the virtual machines roll runs on, a fault costs 10–15 µs
// of kernel time. A rebuild of 10,000 heroes touches ~55 MB of new heap,
// ~13,000 faults: a third of its CPU, more than any stage of its own. On
// huge pages the same heap is ~30 faults of 2 MiB.
//
// Linux gives huge pages to the memory that asks for them (madvise
// MADV_HUGEPAGE) when /sys/kernel/mm/transparent_hugepage/enabled is
// "madvise", the default of most distributions, and to all memory when it
// is "always". Go's runtime asks for none (it did in Go 1.21.0, for
// servers whose heap shrinks and grows; for them it wasted memory), so
// under "madvise" a Go program gets none. Prefer asks for them over the
// part of the address space the heap grows into first: it allocates n
// bytes, which the runtime maps fresh and does not touch, advises them,
// and gives them back at once. The advice stays with the addresses, which
// the runtime hands out again lowest first.
//
// The advice is only a hint: the contents of memory never change with it,
// and a kernel without huge pages ignores it. Prefer does nothing where it
// would not help or could hurt: under "always" (the runtime has them
// already) or "never", on a system that does not overcommit memory (an
// allocation of n bytes there could fail and end the process), on 32-bit
// systems and outside Linux, and when GODEBUG has disablethp=1.
package hugeheap

import (
	"strconv"
	"strings"
)

// wanted reports whether huge pages should be asked for, from the
// contents of /sys/kernel/mm/transparent_hugepage/enabled (as "always
// [madvise] never"), of /proc/sys/vm/overcommit_memory and of GODEBUG.
func wanted(enabled, overcommit, godebug string) bool {
	if strconv.IntSize != 64 || !strings.Contains(enabled, "[madvise]") {
		return false
	}
	if strings.TrimSpace(overcommit) == "2" {
		return false
	}
	for s := range strings.SplitSeq(godebug, ",") {
		if strings.TrimSpace(s) == "disablethp=1" {
			return false
		}
	}
	return true
}
