package rootfs

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io/fs"
	"math"
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
//
// The listing is read as the system gives it (getdents64), its names
// into one text and its entries into one list: package os makes two
// values for each entry (at 100,000 records ~21 MB, a fifth of the walk's
// CPU in a rebuild).
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
	names, spans, err := readNames(fd)
	if err != nil {
		return nil, &fs.PathError{Op: "readdirent", Path: d.name, Err: err}
	}
	all := string(names) // the entries' names are parts of it
	ents := make([]entry, 0, len(spans))
	for _, sp := range spans {
		name := all[sp.from:sp.to]
		typ, known := direntType(sp.typ)
		if !known {
			// The file system does not say (DT_UNKNOWN): its status does,
			// as package os asks it; a file gone since is left out, as
			// there.
			var st unix.Stat_t
			if err := fstatat(d.fd, name, &st); err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					continue
				}
				return nil, &fs.PathError{Op: "lstat", Path: join(d.name, name), Err: err}
			}
			typ = (&fileInfo{sys: keepStatus(&st, nil).sys}).Mode().Type()
		}
		ents = append(ents, entry{name: name, typ: typ, in: d})
	}
	slices.SortFunc(ents, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	sts := statbatch.NewList(stats, len(ents), func(i int) (int, string, bool) {
		return d.fd, ents[i].name, true
	}, keepStatus)
	out := make([]fs.DirEntry, len(ents))
	for i := range ents {
		ents[i].sts, ents[i].i = sts, i
		out[i] = &ents[i]
	}
	return out, nil
}

// span is a name of a listing: its place in the listing's names and the
// type the system gave (a DT_ value).
type span struct {
	from, to uint32
	typ      byte
}

// readNames reads the whole listing of the folder open as fd, leaving
// out "." and "..": the names one after another, and where each is.
func readNames(fd int) (names []byte, spans []span, err error) {
	// The lists are made at the size the folder's own suggests (a
	// record's entry is ~40 bytes of it on ext4, less elsewhere): grown
	// from nothing, they were copied again and again, in fresh memory.
	var st unix.Stat_t
	if unix.Fstat(fd, &st) == nil && st.Size > 0 {
		n := int(min(st.Size/32, 1<<16))
		spans, names = make([]span, 0, n), make([]byte, 0, 16*n)
	}
	buf := make([]byte, 32<<10)
	for {
		n, err := syscall.ReadDirent(fd, buf)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		if n <= 0 {
			return names, spans, nil
		}
		if names, spans, err = parseDirents(buf[:n], names, spans); err != nil {
			return nil, nil, err
		}
	}
}

// parseDirents appends the names of the records of linux_dirent64 in b,
// and where each is, to names and spans; "." and ".." and removed files
// (inode 0, which package os leaves out too) are left out. A record cut
// or of a length it cannot have is EIO.
func parseDirents(b, names []byte, spans []span) ([]byte, []span, error) {
	// Each record: d_ino (8 bytes), d_off (8), d_reclen (2), d_type (1),
	// d_name, NUL-terminated.
	for len(b) > 0 {
		if len(b) < 19 {
			return nil, nil, syscall.EIO
		}
		reclen := int(binary.NativeEndian.Uint16(b[16:18]))
		if reclen < 19 || reclen > len(b) {
			return nil, nil, syscall.EIO
		}
		ino, typ, name := binary.NativeEndian.Uint64(b[0:8]), b[18], b[19:reclen]
		b = b[reclen:]
		if i := bytes.IndexByte(name, 0); i >= 0 {
			name = name[:i]
		}
		if ino == 0 || len(name) == 0 || string(name) == "." || string(name) == ".." {
			continue
		}
		if len(names)+len(name) > math.MaxUint32 {
			return nil, nil, syscall.ENOMEM
		}
		spans = append(spans, span{from: uint32(len(names)), to: uint32(len(names) + len(name)), typ: typ})
		names = append(names, name...)
	}
	return names, spans, nil
}

// direntType is the type a listing gives an entry, as package os reads
// it; known is false when the file system gave none.
func direntType(t byte) (typ fs.FileMode, known bool) {
	switch t {
	case syscall.DT_BLK:
		return fs.ModeDevice, true
	case syscall.DT_CHR:
		return fs.ModeDevice | fs.ModeCharDevice, true
	case syscall.DT_DIR:
		return fs.ModeDir, true
	case syscall.DT_FIFO:
		return fs.ModeNamedPipe, true
	case syscall.DT_LNK:
		return fs.ModeSymlink, true
	case syscall.DT_REG:
		return 0, true
	case syscall.DT_SOCK:
		return fs.ModeSocket, true
	}
	return 0, false
}

// fstatat takes the status of name in the folder dirfd, not following a
// link.
func fstatat(dirfd int, name string, st *unix.Stat_t) error {
	for {
		err := unix.Fstatat(dirfd, name, st, unix.AT_SYMLINK_NOFOLLOW)
		if err != unix.EINTR {
			return err
		}
	}
}

// entry is an entry of a folder's listing whose status is taken through
// the folder's root.
type entry struct {
	name string
	typ  fs.FileMode
	in   *folder
	sts  *statbatch.List[status] // the listing's statuses
	i    int                     // the entry's in sts
}

func (e *entry) Name() string      { return e.name }
func (e *entry) IsDir() bool       { return e.typ.IsDir() }
func (e *entry) Type() fs.FileMode { return e.typ }
func (e *entry) String() string    { return fs.FormatDirEntry(e) }

// Info takes the entry's status from the folder kept open, not following
// a link, as the folder's root would (os.Root.Lstat of a name without a
// slash), without the root's work on the path: a listed name is one name
// in the folder, never "." or "..", nor one with a slash, which
// statbatch refuses (and the root is then asked). The status is taken
// with those of the entries listed beside it (statbatch.List: a walk
// that asks for every file's status, as a warm load does, enters the
// kernel once for 256 of them, and one that asks none pays nothing).
func (e *entry) Info() (fs.FileInfo, error) {
	st := e.sts.At(e.i)
	if st.err == statbatch.ErrName {
		return e.in.root.Lstat(e.name)
	}
	if st.err != nil {
		return nil, &fs.PathError{Op: "statat", Path: e.name, Err: st.err}
	}
	return &fileInfo{name: e.name, sys: st.sys}, nil
}

// Status is the Sys of Info's status, without making it: the listing's
// own, which the caller must not change. ok is false when Info must be
// asked (a name the folder does not take, or an error).
func (e *entry) Status() (st *syscall.Stat_t, ok bool) {
	s := e.sts.At(e.i)
	if s.err != nil {
		return nil, false
	}
	return &s.sys, true
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
