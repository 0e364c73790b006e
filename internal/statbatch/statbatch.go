//go:build unix

// Package statbatch takes the statuses of many files, each a name in an
// open folder, with few entries into the kernel.
//
// A rebuild asks for the status of every record file (is it the file
// the records cache read?) and of every page kept from the last build
// (is it the file the manifest describes?): ~190,000 fstatat at 100,000
// heroes, each an entry into the kernel, which on machines with the
// Meltdown mitigation (PTI) costs more than the status itself. On Linux
// a Stater submits them as IORING_OP_STATX requests through an io_uring,
// hundreds per io_uring_enter; where io_uring is missing or refused
// (ENOSYS, EPERM, kernel.io_uring_disabled, other systems) it calls
// fstatat for each, as before. Both give the same unix.Stat_t.
//
// A name is one name in the folder, never followed if it is a link
// (AT_SYMLINK_NOFOLLOW): "", ".", ".." and names with a '/' are refused
// (ErrName), so nothing outside the folder is reached.
package statbatch

import (
	"errors"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
)

// ErrName is the error of a name that is not one name in its folder.
var ErrName = errors.New("statbatch: not a name in the folder")

// Stater takes statuses in batches. It may be used by many goroutines
// at once; their batches take turns on the one ring.
type Stater struct {
	mu   sync.Mutex
	ring *ring // nil: fstatat for each

	bufs sync.Pool // of *scratch, for List.fill
}

// scratch returns memory for taking a chunk's statuses, which release
// gives back; a nil Stater's is made anew.
func (s *Stater) scratch() *scratch {
	if s != nil {
		if b, ok := s.bufs.Get().(*scratch); ok {
			return b
		}
	}
	return new(scratch)
}

func (s *Stater) release(b *scratch) {
	if s != nil {
		s.bufs.Put(b)
	}
}

// New returns a Stater over an io_uring when the system gives one, else
// one that calls fstatat for each name.
func New() *Stater {
	r, err := newRing(ringEntries)
	if err != nil {
		return &Stater{}
	}
	return &Stater{ring: r}
}

// NewFallback returns a Stater that calls fstatat for each name, as New
// does where io_uring is not available.
func NewFallback() *Stater { return &Stater{} }

// Batched reports whether s submits its statuses through an io_uring.
func (s *Stater) Batched() bool { return s != nil && s.ring != nil }

// Close releases the ring. A Stater closed, or nil, calls fstatat.
func (s *Stater) Close() error {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ring != nil {
		s.ring.close()
		s.ring = nil
	}
	return nil
}

// Stat takes the status of each names[i], a name in the folder open as
// dirfds[i], without following a link, into sts[i], and sets errs[i] to
// nil or to why it could not (a unix.Errno such as ENOENT, or ErrName).
// dirfds, sts and errs must be at least as long as names.
func (s *Stater) Stat(dirfds []int, names []string, sts []unix.Stat_t, errs []error) {
	dirfds, sts, errs = dirfds[:len(names)], sts[:len(names)], errs[:len(names)]
	for i, name := range names {
		errs[i] = nil
		if !Valid(name) {
			errs[i] = ErrName
		}
	}
	if s != nil && s.ring != nil {
		s.mu.Lock()
		err := errBroken
		if s.ring != nil {
			err = s.ring.stat(dirfds, names, sts, errs)
		}
		s.mu.Unlock()
		if err == nil {
			return
		}
		// The ring failed as a whole, not for one name: the names it did
		// not answer (errPending) are asked with fstatat.
	}
	for i, name := range names {
		if errs[i] == nil || errs[i] == errPending {
			errs[i] = fstatat(dirfds[i], name, &sts[i])
		}
	}
}

// errBroken is the error of a ring that failed with requests in flight.
var errBroken = errors.New("statbatch: io_uring failed")

// errPending marks a name the ring did not answer.
var errPending = errors.New("statbatch: not answered")

// Valid says whether name is one name in a folder: not empty, "." or
// "..", and without a '/' or a NUL.
func Valid(name string) bool {
	return name != "" && name != "." && name != ".." && strings.IndexByte(name, '/') < 0 && strings.IndexByte(name, 0) < 0
}

// fstatat takes the status of name in dirfd with one system call.
func fstatat(dirfd int, name string, st *unix.Stat_t) error {
	for {
		err := unix.Fstatat(dirfd, name, st, unix.AT_SYMLINK_NOFOLLOW)
		if err != unix.EINTR {
			if err != nil {
				return err
			}
			return nil
		}
	}
}
