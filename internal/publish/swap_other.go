//go:build !linux && !darwin

package publish

import (
	"errors"
	"io/fs"
)

var errNoExchange = errors.New("the system cannot exchange two folders")

// exchange is not available here: Publish renames instead (see the
// package documentation), and trees have no manifests, so every page is
// rendered.
func exchange(a, b string) error { return errNoExchange }

func inode(fs.FileInfo) uint64 { return 0 }
