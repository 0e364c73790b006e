//go:build unix

package statbatch

import (
	"sync"

	"golang.org/x/sys/unix"
)

// chunk is how many statuses of a List are taken together: one
// io_uring_enter's worth.
const chunk = 256

// List holds the statuses of a fixed list of files, each taken with
// those of its chunk (the files of its index divided by 256) the first
// time one of them is asked: a walk that asks for the status of every
// file pays an entry into the kernel per chunk, one that asks for none
// (a cold load) pays nothing, and one that asks for a few pays at most a
// chunk for each.
//
// A status is taken when its chunk is first asked for, not when it is
// asked: the caller must not change a file of the list between the two
// (as it must not between an fstatat and its use).
type List struct {
	s    *Stater
	n    int
	at   func(i int) (dirfd int, name string, ok bool)
	init sync.Once
	once []sync.Once
	sts  []unix.Stat_t
	errs []error
}

// NewList returns a List of n files, the i-th the name given by at(i) in
// the folder open as dirfd; a file for which at says !ok has ErrName.
// at is called once for each file, when its chunk is first asked for,
// and dirfd must stay open until then.
func NewList(s *Stater, n int, at func(i int) (dirfd int, name string, ok bool)) *List {
	return &List{s: s, n: n, at: at, once: make([]sync.Once, (n+chunk-1)/chunk)}
}

// Stat returns the status of the i-th file, as Stater.Stat gives it. It
// may be called by many goroutines at once.
func (l *List) Stat(i int) (*unix.Stat_t, error) {
	c := i / chunk
	l.once[c].Do(func() { l.fill(c) })
	return &l.sts[i], l.errs[i]
}

func (l *List) fill(c int) {
	// The statuses are kept in slices of the whole list's length, made
	// with the first chunk asked for.
	l.init.Do(func() {
		l.sts = make([]unix.Stat_t, l.n)
		l.errs = make([]error, l.n)
	})
	lo, hi := c*chunk, min((c+1)*chunk, l.n)
	dirfds := make([]int, hi-lo)
	names := make([]string, hi-lo)
	for i := lo; i < hi; i++ {
		if fd, name, ok := l.at(i); ok {
			dirfds[i-lo], names[i-lo] = fd, name
		} // else "", refused with ErrName
	}
	l.s.Stat(dirfds, names, l.sts[lo:hi], l.errs[lo:hi])
}
