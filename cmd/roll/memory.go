package main

import (
	"runtime/debug"

	"github.com/yancheng-jyyw/roll/internal/hugeheap"
)

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

// checkGC is the collector's GOGC for roll check: it lets the heap grow to
// five times what is live (Go's default lets it double) before
// collecting, within checkMemory. A cold check of 100,000 heroes holds
// ~550 MB at its largest and allocates ~1.2 GB on the way: with the
// default it was collected 16 times, each time marking all that is live,
// and 7 times with this (19.8 s of CPU against 21.7 s, one run each); the
// soft limit still bounds its peak, and a check of 10,000 heroes peaks at
// 150–185 MiB rather than 125–150 MiB. GOGC=off (no collection until the limit)
// was collected 3 times for about the same CPU, but holds everything it
// ever allocated until then: a check of 10,000 heroes peaked at 205 MiB.
const checkGC = 400

// buildGC is the collector's GOGC for roll build, within buildMemory:
// Go's default, set explicitly because a GOGC of 400 was tried and
// measured worse. A rebuild after one edit at 100,000 heroes holds ~600 MB
// live; at 400 its heap grew to ~970 MB of memory the process had never
// touched, and on these machines the kernel's first touch of each 4 KiB
// page (a fault, zeroing) cost more than the collections it saved: three
// alternating pairs on a quiet machine, 400 against 100, took 5.34–6.03 s
// against 4.42–5.23 s (7.4–8.3 s of CPU against 6.4–7.8 s), with
// 176,000–178,000 page faults against 122,000–137,000 and a peak of
// 968–972 MiB against 750–807 MiB. A cold build of 100,000 heroes reaches
// the soft limit either way, which then bounds it (1,443 MiB with the
// default, 1,432 MiB with 400, under load, one build each).
const buildGC = 100

// heap sets up the heap of a run of roll check or roll build, first
// thing, while it is empty: huge pages asked for under its first bytes
// (internal/hugeheap: the memory a run touches is mostly new, and on
// huge pages it costs a fault per 2 MiB, not per 4 KiB), the soft limit
// and the collector's GOGC. need is how much heap the run is likely to
// use, 0 for not known: the huge pages cover it, at least minAdvised and
// at most the limit. roll serve, which runs for hours and whose heap
// shrinks and grows, keeps the system's pages and Go's defaults.
func (e environment) heap(limit int64, gc int, need int64) {
	hugeheap.Prefer(int(advised(limit, need)))
	e.limitMemory(limit)
	e.collectLess(gc)
}

// advised is how much of the heap heap asks huge pages for, under limit
// for a run likely to need need bytes (0 for not known).
func advised(limit, need int64) int64 {
	if need <= 0 {
		return limit
	}
	return min(max(need, minAdvised), limit)
}

// minAdvised is the least heap heap asks huge pages for. Asking costs
// with the size (the runtime maps and gives back the memory advised: 4 ms
// for 256 MiB, 12-25 ms for 1,400 MiB in a fresh process), so a run asks
// for what it needs, not its limit; below this the saving is too small
// to size finely.
const minAdvised = 128 << 20

// limitMemory sets the collector's soft memory limit to limit bytes, unless
// GOMEMLIMIT is set: the runtime has read it, and it is the person's
// choice (GOMEMLIMIT=off for none).
func (e environment) limitMemory(limit int64) {
	if e.getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(limit)
}

// collectLess sets the collector's GOGC to percent, unless GOGC is set:
// the runtime has read it, and it is the person's choice.
func (e environment) collectLess(percent int) {
	if e.getenv("GOGC") != "" {
		return
	}
	debug.SetGCPercent(percent)
}
