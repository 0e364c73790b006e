//go:build !linux

package rootfs

import (
	"io/fs"
	"os"
)

func sameFile(a, b fs.FileInfo) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return os.SameFile(a, b)
}
