package rootfs

import (
	"io/fs"
	"os"
	"slices"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"github.com/yancheng-jyyw/roll/internal/statbatch"
)

// folder is a folder of the root, kept open, whose files are opened with
// one openat from its descriptor.
//
// An os.Root (and os.Open) makes a file it opened ready for the poller:
// two fcntl calls to make the descriptor non-blocking, an epoll_ctl that
// a regular file refuses, and two fcntl calls to make it blocking again,
// five system calls that buy nothing for a file on disk. os.NewFile asks
// for the descriptor's flags alone (one fcntl) and gives the same
// *os.File a regular file ends up as: blocking, not polled.
type folder struct {
	dir  *os.File // kept open: fd is its descriptor
	fd   int
	name string   // as the root names it, for the files' names
	root *os.Root // the same folder, for its entries' statuses
}

func openFolder(r *os.Root, name string) (*folder, error) {
	d, err := r.OpenFile(name, os.O_RDONLY|syscall.O_DIRECTORY, 0)
	if err != nil {
		return nil, err
	}
	// The folder as a root of its own, from its descriptor rather than
	// through the root again: "." of a folder is that folder.
	sub, err := r.OpenRoot(name)
	if err != nil {
		d.Close()
		return nil, err
	}
	return &folder{dir: d, fd: int(d.Fd()), name: join(r.Name(), name), root: sub}, nil
}

// open opens the file base, a name in the folder, or fails; the caller
// then opens it through the root. A link is not followed (O_NOFOLLOW),
// so nothing outside the folder is reached: links, whether they stay in
// the root or not, are left to the root.
func (d *folder) open(base string) (fs.File, error) {
	for {
		fd, err := syscall.Openat(d.fd, base, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NOFOLLOW, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, err
		}
		return os.NewFile(uintptr(fd), join(d.name, base)), nil
	}
}

// stater takes the statuses of a folder's entries in batches.
type stater = *statbatch.Stater

func newStater() stater { return statbatch.New() }

func (d *folder) close() {
	d.dir.Close()
	d.root.Close()
}

// list lists the folder sorted by name, its entries' types as the
// folder gives them.
//
// A folder opened through an os.Root takes the status of each of its
// entries as it lists them (an lstat each: the root cannot take them
// later from the path), though a walk asks for few of them: a cold check
// none. The folder is listed here from a descriptor of its own, opened
// from the one kept, and each entry's status is taken from the kept
// folder when it is asked for (Info), with those listed beside it.
func (d *folder) list(stats stater) ([]fs.DirEntry, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Openat(d.fd, ".", syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_DIRECTORY, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, err
	}
	f := os.NewFile(uintptr(fd), d.name)
	defer f.Close()
	list, err := f.ReadDir(-1)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(list, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	out := make([]fs.DirEntry, len(list))
	sts := statbatch.NewList(stats, len(list), func(i int) (int, string, bool) {
		return d.fd, list[i].Name(), true
	}, keepStatus)
	for i, e := range list {
		out[i] = entry{DirEntry: e, in: d, sts: sts, i: i}
	}
	return out, nil
}

// entry is an entry of a folder's listing whose status is taken through
// the folder's root.
type entry struct {
	fs.DirEntry
	in  *folder
	sts *statbatch.List[status] // the listing's statuses
	i   int                     // the entry's in sts
}

// Info takes the entry's status from the folder kept open, not following
// a link, as the folder's root would (os.Root.Lstat of a name without a
// slash), without the root's work on the path: a listed name is one name
// in the folder, never "." or "..", nor one with a slash, which
// statbatch refuses (and the root is then asked). The status is taken
// with those of the entries listed beside it (statbatch.List: a walk
// that asks for every file's status, as a warm load does, enters the
// kernel once for 256 of them, and one that asks none pays nothing).
func (e entry) Info() (fs.FileInfo, error) {
	name := e.Name()
	st := e.sts.Get(e.i)
	if st.err == statbatch.ErrName {
		return e.in.root.Lstat(name)
	}
	if st.err != nil {
		return nil, &fs.PathError{Op: "statat", Path: name, Err: st.err}
	}
	return &fileInfo{name: name, sys: st.sys}, nil
}

// status is what a listing keeps of an entry's status.
type status struct {
	sys syscall.Stat_t
	err error
}

func keepStatus(st *unix.Stat_t, err error) status {
	if err != nil {
		return status{err: err}
	}
	return status{sys: syscall.Stat_t{
		Dev: st.Dev, Ino: st.Ino, Nlink: st.Nlink, Mode: st.Mode, Uid: st.Uid, Gid: st.Gid,
		Rdev: st.Rdev, Size: st.Size, Blksize: st.Blksize, Blocks: st.Blocks,
		Atim: syscall.Timespec{Sec: st.Atim.Sec, Nsec: st.Atim.Nsec},
		Mtim: syscall.Timespec{Sec: st.Mtim.Sec, Nsec: st.Mtim.Nsec},
		Ctim: syscall.Timespec{Sec: st.Ctim.Sec, Nsec: st.Ctim.Nsec},
	}}
}

// fileInfo is a status taken by fstatat, read as package os reads one.
type fileInfo struct {
	name string
	sys  syscall.Stat_t
}

func (fi *fileInfo) Name() string       { return fi.name }
func (fi *fileInfo) Size() int64        { return fi.sys.Size }
func (fi *fileInfo) ModTime() time.Time { return time.Unix(fi.sys.Mtim.Unix()) }
func (fi *fileInfo) IsDir() bool        { return fi.Mode().IsDir() }
func (fi *fileInfo) Sys() any           { return &fi.sys }

// Mode is the status's mode as os.FileInfo's.
func (fi *fileInfo) Mode() fs.FileMode {
	m := fs.FileMode(fi.sys.Mode & 0o777)
	switch fi.sys.Mode & syscall.S_IFMT {
	case syscall.S_IFBLK:
		m |= fs.ModeDevice
	case syscall.S_IFCHR:
		m |= fs.ModeDevice | fs.ModeCharDevice
	case syscall.S_IFDIR:
		m |= fs.ModeDir
	case syscall.S_IFIFO:
		m |= fs.ModeNamedPipe
	case syscall.S_IFLNK:
		m |= fs.ModeSymlink
	case syscall.S_IFSOCK:
		m |= fs.ModeSocket
	}
	if fi.sys.Mode&syscall.S_ISGID != 0 {
		m |= fs.ModeSetgid
	}
	if fi.sys.Mode&syscall.S_ISUID != 0 {
		m |= fs.ModeSetuid
	}
	if fi.sys.Mode&syscall.S_ISVTX != 0 {
		m |= fs.ModeSticky
	}
	return m
}

// join joins a folder's name and a name in it as package os names the
// files it opens.
func join(dir, name string) string {
	if len(dir) > 0 && os.IsPathSeparator(dir[len(dir)-1]) {
		return dir + name
	}
	return dir + string(os.PathSeparator) + name
}
