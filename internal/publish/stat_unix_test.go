//go:build linux || darwin

package publish

import "github.com/yancheng-jyyw/roll/internal/statbatch"

// statOneByOne makes o take its trees' statuses with fstatat, one by
// one, as where io_uring is refused.
func statOneByOne(o *Out) {
	o.stats.Close()
	o.stats = statbatch.NewFallback()
}
