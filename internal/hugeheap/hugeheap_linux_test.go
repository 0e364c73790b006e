package hugeheap

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// TestPreferAdvisesTheHeap: after Prefer(n), memory the heap hands out
// within its first n bytes is eligible for huge pages, and memory beyond
// them is not. It runs where the system gives huge pages on request, in a
// process of its own: Prefer is for a heap that has not grown yet, and a
// test binary's heap has.
func TestPreferAdvisesTheHeap(t *testing.T) {
	enabled, _ := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	overcommit, _ := os.ReadFile("/proc/sys/vm/overcommit_memory")
	if !wanted(string(enabled), string(overcommit), os.Getenv("GODEBUG")) {
		t.Skipf("the system gives no huge pages on request (enabled %q, overcommit %q)", enabled, overcommit)
	}
	if os.Getenv(childEnv) == "1" {
		preferInFreshHeap(t)
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestPreferAdvisesTheHeap$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), childEnv+"=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !bytes.Contains(out, []byte("--- PASS: TestPreferAdvisesTheHeap")) {
		t.Fatalf("the test did not run in its own process:\n%s", out)
	}
}

// childEnv marks the process TestPreferAdvisesTheHeap starts.
const childEnv = "HUGEHEAP_TEST_CHILD"

func preferInFreshHeap(t *testing.T) {
	const n = 64 << 20
	if !Prefer(n) {
		t.Fatal("Prefer did not advise the heap")
	}
	// One piece's size: it goes where a piece was, or starts in a
	// smaller free run just below one (a run too small for a piece, so
	// not advised) and ends in it.
	inside := make([]byte, chunk)
	inside[len(inside)-1] = 1
	if !eligible(t, &inside[len(inside)-1]) {
		t.Error("memory allocated within the advised bytes is not eligible for huge pages")
	}
	// Larger than what is left of the advised bytes: its end lies beyond.
	beyond := make([]byte, 2*n)
	beyond[len(beyond)-1] = 1
	if eligible(t, &beyond[len(beyond)-1]) {
		t.Error("memory allocated beyond the advised bytes is eligible for huge pages")
	}
}

// eligible reports whether the mapping holding p is eligible for
// transparent huge pages (THPeligible in /proc/self/smaps).
func eligible(t *testing.T, p *byte) bool {
	t.Helper()
	addr := uint64(uintptr(unsafe.Pointer(p)))
	smaps, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Skipf("no /proc/self/smaps: %v", err)
	}
	in := false
	sc := bufio.NewScanner(bytes.NewReader(smaps))
	for sc.Scan() {
		line := sc.Text()
		if span, _, ok := strings.Cut(line, " "); ok && strings.Contains(span, "-") && !strings.HasSuffix(span, ":") {
			lo, hi, _ := strings.Cut(span, "-")
			start, err1 := strconv.ParseUint(lo, 16, 64)
			end, err2 := strconv.ParseUint(hi, 16, 64)
			in = err1 == nil && err2 == nil && start <= addr && addr < end
			continue
		}
		if v, ok := strings.CutPrefix(line, "THPeligible:"); ok && in {
			return strings.TrimSpace(v) == "1"
		}
	}
	t.Fatalf("no mapping of /proc/self/smaps holds %#x", addr)
	return false
}
