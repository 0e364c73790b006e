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
// at most 1.5 GiB at 100,000 heroes). A cold build of 100,000 heroes has
// 0.75–1 GB live while it renders (the records, both sites' lists, the
// pages being rendered), so without a limit its peak is 2.3 GiB; under
// this one it was 1,444 MiB, with a fifth more collections (1280 MiB
// held it to 1,312 MiB but with a third more collections and a fifth
// more CPU). A build of 10,000 heroes stays far under it and pays nothing.
const buildMemory = 1400 << 20

// limitMemory sets the collector's soft memory limit to limit bytes, unless
// GOMEMLIMIT is set: the runtime has read it, and it is the person's
// choice (GOMEMLIMIT=off for none).
func (e environment) limitMemory(limit int64) {
	if e.getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(limit)
}
