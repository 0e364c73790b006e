package main

import "runtime/debug"

// checkMemory is the soft limit on the memory of roll check (issue 13:
// at most 1 GiB at 100,000 heroes; the rest of the process, its code and
// tables, is outside the collector's count). Go's collector otherwise lets
// the heap grow to twice what is live before collecting; under a limit it
// collects sooner, at the cost of more collections. A check of 100,000
// heroes has about 700 MB live at its largest (the records, and rule 10's
// texts), so the limit costs it about a quarter more CPU; a check of
// 10,000 stays far under it and pays nothing.
const checkMemory = 900 << 20

// buildMemory is the soft limit on the memory of roll build (issue 13:
// at most 1.5 GiB at 100,000 heroes). BUILDMEMDOC
const buildMemory = 1280 << 20

// limitMemory sets the collector's soft memory limit to limit bytes, unless
// GOMEMLIMIT is set: the runtime has read it, and it is the person's
// choice (GOMEMLIMIT=off for none).
func (e environment) limitMemory(limit int64) {
	if e.getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(limit)
}
