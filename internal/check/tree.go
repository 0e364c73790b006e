package check

import (
	"errors"
	"io/fs"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/regularfs"
)

// irregular reports what roll build would refuse to read among the files
// outside the records: an entry under templates/ that is a symbolic link, a
// device, a FIFO or a socket (package regularfs), and a records/ or
// templates/ folder that is itself a link. The loader reports those inside
// records/.
func irregular(fsys fs.FS) finding.List {
	var list finding.List
	add := func(p string, err error) {
		if errors.Is(err, regularfs.ErrLink) {
			list.Errorf(p, finding.Pos{}, "load", "this is a symbolic link; roll does not follow links, put the file itself here")
		} else {
			list.Errorf(p, finding.Pos{}, "load", "this is not a regular file")
		}
	}
	if fi, err := fs.Lstat(fsys, "records"); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		add("records", regularfs.ErrLink)
	}
	found, err := regularfs.Find(fsys, "templates")
	if err != nil {
		list.Errorf("templates", finding.Pos{}, "load", "cannot read: %s", err.Error())
	}
	for _, e := range found {
		add(e.Path, e.Err)
	}
	return list
}
