//go:build unix && !linux

package statbatch

import (
	"errors"

	"golang.org/x/sys/unix"
)

const ringEntries = 0

// ring is io_uring's, which only Linux has.
type ring struct{}

func newRing(uint32) (*ring, error) { return nil, errors.ErrUnsupported }

func (*ring) close() {}

func (*ring) stat([]int, []string, []unix.Stat_t, []error) error { return errors.ErrUnsupported }
