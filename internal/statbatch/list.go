//go:build unix

package statbatch

import (
	"sync"

	"golang.org/x/sys/unix"
)

// chunk is how many statuses of a List are taken together: one
// io_uring_enter's worth.
const chunk = 256

// List holds what its caller keeps of the statuses of a fixed list of
// files, each status taken with those of its chunk (the files of its
// index divided by 256) the first time one of them is asked: a walk that
// asks for the status of every file pays an entry into the kernel per
// chunk, one that asks for none (a cold load) pays nothing, and one that
// asks for a few pays at most a chunk for each. Only the chunks asked
// for are held, each as the caller's T.
//
// A status is taken when its chunk is first asked for, not when it is
// asked: the caller must not change a file of the list between the two
// (as it must not between an fstatat and its use).
type List[T any] struct {
	s      *Stater
	n      int
	at     func(i int) (dirfd int, name string, ok bool)
	keep   func(st *unix.Stat_t, err error) T
	once   []sync.Once
	chunks [][]T
}

// scratch is what taking one chunk's statuses needs (47 KB): the
// Stater's, reused from chunk to chunk and list to list (at 100,000 files,
// ~20 MB of fresh memory otherwise).
type scratch struct {
	dirfds [chunk]int
	names  [chunk]string
	sts    [chunk]unix.Stat_t
	errs   [chunk]error
}

// NewList returns a List of n files, the i-th the name given by at(i) in
// the folder open as dirfd; a file for which at says !ok has ErrName.
// at is called once for each file, when its chunk is first asked for,
// and dirfd must stay open until then. keep makes what is held of each
// status and its error (Stater.Stat's).
func NewList[T any](s *Stater, n int, at func(i int) (dirfd int, name string, ok bool), keep func(st *unix.Stat_t, err error) T) *List[T] {
	c := (n + chunk - 1) / chunk
	return &List[T]{s: s, n: n, at: at, keep: keep, once: make([]sync.Once, c), chunks: make([][]T, c)}
}

// Get returns what is kept of the i-th file's status. It may be called
// by many goroutines at once.
func (l *List[T]) Get(i int) T {
	c := i / chunk
	l.once[c].Do(func() { l.fill(c) })
	return l.chunks[c][i%chunk]
}

// At is Get without the copy: what is kept of the i-th file's status,
// which the caller must not change.
func (l *List[T]) At(i int) *T {
	c := i / chunk
	l.once[c].Do(func() { l.fill(c) })
	return &l.chunks[c][i%chunk]
}

func (l *List[T]) fill(c int) {
	lo, hi := c*chunk, min((c+1)*chunk, l.n)
	sc := l.s.scratch()
	for i := lo; i < hi; i++ {
		if fd, name, ok := l.at(i); ok {
			sc.dirfds[i-lo], sc.names[i-lo] = fd, name
		} else {
			sc.dirfds[i-lo], sc.names[i-lo] = 0, "" // refused with ErrName
		}
	}
	n := hi - lo
	clear(sc.sts[:n]) // as new: a failed status is all zeros
	l.s.Stat(sc.dirfds[:n], sc.names[:n], sc.sts[:n], sc.errs[:n])
	kept := make([]T, n)
	for k := range kept {
		kept[k] = l.keep(&sc.sts[k], sc.errs[k])
	}
	l.chunks[c] = kept
	clear(sc.names[:n]) // not held past the chunk
	clear(sc.errs[:n])
	l.s.release(sc)
}
