package hugeheap

import "testing"

// TestWanted: huge pages are asked for only under "madvise", on a system
// that overcommits memory, and unless GODEBUG turns them off.
func TestWanted(t *testing.T) {
	const madvise = "always [madvise] never\n"
	for _, tc := range []struct {
		name                         string
		enabled, overcommit, godebug string
		want                         bool
	}{
		{"madvise", madvise, "0\n", "", true},
		{"madvise, always overcommit", madvise, "1\n", "", true},
		{"madvise, other GODEBUG settings", madvise, "0\n", "gctrace=1,madvdontneed=0", true},
		{"always: the runtime has them", "[always] madvise never\n", "0\n", "", false},
		{"never", "always madvise [never]\n", "0\n", "", false},
		{"no such file", "", "0\n", "", false},
		{"no overcommit", madvise, "2\n", "", false},
		{"GODEBUG disablethp=1", madvise, "0\n", "disablethp=1", false},
		{"GODEBUG with disablethp=1 among others", madvise, "0\n", "gctrace=1, disablethp=1", false},
		{"GODEBUG disablethp=0", madvise, "0\n", "disablethp=0", true},
	} {
		if got := wanted(tc.enabled, tc.overcommit, tc.godebug); got != tc.want {
			t.Errorf("%s: wanted = %v, want %v", tc.name, got, tc.want)
		}
	}
}
