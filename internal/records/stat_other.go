//go:build !linux

package records

import "io/fs"

// statOf trusts no file's status but Linux's, whose change time is known
// here: every record is read and hashed.
func statOf(fs.FileInfo) (fileStat, bool) { return fileStat{}, false }

// dirStat is statOf the walk's entry's Info: no status is trusted.
func dirStat(fs.DirEntry) (fileStat, bool) { return fileStat{}, false }
