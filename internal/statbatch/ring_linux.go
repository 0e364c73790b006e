package statbatch

import (
	"sync/atomic"
	"unsafe"

	"golang.org/x/sys/unix"
)

// ringEntries is how many statuses one io_uring_enter submits and waits
// for: a folder of records is listed in chunks of this many.
const ringEntries = 256

// The io_uring ABI (include/uapi/linux/io_uring.h), the parts used here.
const (
	offSQRing = 0
	offCQRing = 0x8000000
	offSQEs   = 0x10000000

	opStatx = 21 // IORING_OP_STATX, Linux 5.6

	enterGetEvents = 1 // IORING_ENTER_GETEVENTS

	registerProbe = 8 // IORING_REGISTER_PROBE, Linux 5.6
	opSupported   = 1 // IO_URING_OP_SUPPORTED

	statxBasic = 0x7ff // STATX_BASIC_STATS
)

type sqOffsets struct {
	head, tail, ringMask, ringEntries, flags, dropped, array, resv1 uint32
	userAddr                                                        uint64
}

type cqOffsets struct {
	head, tail, ringMask, ringEntries, overflow, cqes, flags, resv1 uint32
	userAddr                                                        uint64
}

type params struct {
	sqEntries, cqEntries, flags, sqThreadCPU, sqThreadIdle, features, wqFd uint32
	resv                                                                   [3]uint32
	sqOff                                                                  sqOffsets
	cqOff                                                                  cqOffsets
}

// sqe is struct io_uring_sqe as IORING_OP_STATX reads it.
type sqe struct {
	opcode      uint8
	flags       uint8
	ioprio      uint16
	fd          int32  // the folder
	addr2       uint64 // the struct statx to fill
	addr        uint64 // the name, NUL-terminated
	len         uint32 // the statx mask
	opFlags     uint32 // the statx flags
	userData    uint64 // the index in the chunk
	bufIndex    uint16
	personality uint16
	fileIndex   int32
	addr3       uint64
	pad         uint64
}

type cqe struct {
	userData uint64
	res      int32
	flags    uint32
}

type probeOp struct {
	op    uint8
	resv  uint8
	flags uint16
	resv2 uint32
}

type probe struct {
	lastOp uint8
	opsLen uint8
	resv   uint16
	resv2  [3]uint32
	ops    [256]probeOp
}

// ring is an io_uring used for IORING_OP_STATX only, by one goroutine at
// a time (Stater's mutex).
//
// The kernel writes each status into bufs and reads each name from
// names after io_uring_enter returns, until the request's completion is
// posted: both belong to the ring, not to the caller, and stat returns
// only once every request it submitted has completed, so that no memory
// the kernel may still write is ever given back. Should io_uring_enter
// fail with requests in flight (it does not for these requests, but the
// ring is not trusted on that), the ring is marked broken and kept with
// its buffers as long as its Stater, never used or unmapped again.
type ring struct {
	fd                   int
	sqMem, cqMem, sqeMem []byte
	sqHead, sqTail       *uint32
	sqMask               uint32
	sqArray              []uint32
	sqes                 []sqe
	cqHead, cqTail       *uint32
	cqMask               uint32
	cqes                 []cqe
	entries              int // of the submission queue
	bufs                 []unix.Statx_t
	names                []byte
	starts               []int
	done                 []bool
	broken               bool
}

// newRing sets up an io_uring of entries submission entries and checks
// that it takes IORING_OP_STATX. Any failure (ENOSYS, EPERM when
// kernel.io_uring_disabled or a seccomp filter refuses it, ENOMEM for
// the locked memory) is returned, and the caller calls fstatat instead.
func newRing(entries uint32) (*ring, error) {
	var p params
	fd, _, errno := unix.Syscall(unix.SYS_IO_URING_SETUP, uintptr(entries), uintptr(unsafe.Pointer(&p)), 0)
	if errno != 0 {
		return nil, errno
	}
	r := &ring{fd: int(fd)}
	ok := false
	defer func() {
		if !ok {
			r.unmap()
		}
	}()
	var err error
	sqSize := int(p.sqOff.array) + int(p.sqEntries)*4
	cqSize := int(p.cqOff.cqes) + int(p.cqEntries)*int(unsafe.Sizeof(cqe{}))
	if r.sqMem, err = unix.Mmap(r.fd, offSQRing, sqSize, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED|unix.MAP_POPULATE); err != nil {
		return nil, err
	}
	if r.cqMem, err = unix.Mmap(r.fd, offCQRing, cqSize, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED|unix.MAP_POPULATE); err != nil {
		return nil, err
	}
	if r.sqeMem, err = unix.Mmap(r.fd, offSQEs, int(p.sqEntries)*int(unsafe.Sizeof(sqe{})), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED|unix.MAP_POPULATE); err != nil {
		return nil, err
	}
	r.sqHead = (*uint32)(unsafe.Pointer(&r.sqMem[p.sqOff.head]))
	r.sqTail = (*uint32)(unsafe.Pointer(&r.sqMem[p.sqOff.tail]))
	r.sqMask = *(*uint32)(unsafe.Pointer(&r.sqMem[p.sqOff.ringMask]))
	r.sqArray = unsafe.Slice((*uint32)(unsafe.Pointer(&r.sqMem[p.sqOff.array])), p.sqEntries)
	r.sqes = unsafe.Slice((*sqe)(unsafe.Pointer(&r.sqeMem[0])), p.sqEntries)
	r.cqHead = (*uint32)(unsafe.Pointer(&r.cqMem[p.cqOff.head]))
	r.cqTail = (*uint32)(unsafe.Pointer(&r.cqMem[p.cqOff.tail]))
	r.cqMask = *(*uint32)(unsafe.Pointer(&r.cqMem[p.cqOff.ringMask]))
	r.cqes = unsafe.Slice((*cqe)(unsafe.Pointer(&r.cqMem[p.cqOff.cqes])), p.cqEntries)
	r.entries = int(min(p.sqEntries, p.cqEntries))

	var pr probe
	if _, _, errno := unix.Syscall6(unix.SYS_IO_URING_REGISTER, uintptr(r.fd), registerProbe, uintptr(unsafe.Pointer(&pr)), uintptr(len(pr.ops)), 0, 0); errno != 0 {
		return nil, errno
	}
	if pr.lastOp < opStatx || pr.ops[opStatx].flags&opSupported == 0 {
		return nil, unix.EOPNOTSUPP
	}
	r.bufs = make([]unix.Statx_t, r.entries)
	r.starts = make([]int, r.entries)
	r.done = make([]bool, r.entries)
	ok = true
	return r, nil
}

func (r *ring) unmap() {
	for _, m := range [][]byte{r.sqeMem, r.cqMem, r.sqMem} {
		if m != nil {
			unix.Munmap(m)
		}
	}
	unix.Close(r.fd)
}

// close releases the ring, unless it is broken (see ring).
func (r *ring) close() {
	if !r.broken {
		r.unmap()
	}
}

// stat takes the statuses of the names whose errs[i] is nil, in chunks
// of r.entries requests, each chunk submitted and waited for with one
// io_uring_enter (or more when interrupted). A name's own failure is its
// errs[i]; an error returned is the ring's, after which the names not
// answered have errs[i] == errPending.
func (r *ring) stat(dirfds []int, names []string, sts []unix.Stat_t, errs []error) error {
	if r.broken {
		return errBroken
	}
	for i := range names {
		if errs[i] == nil {
			errs[i] = errPending
		}
	}
	idx := make([]int, 0, r.entries)
	for i := 0; i < len(names); {
		idx = idx[:0]
		for ; i < len(names) && len(idx) < r.entries; i++ {
			if errs[i] == errPending {
				idx = append(idx, i)
			}
		}
		if len(idx) == 0 {
			break
		}
		if err := r.chunk(dirfds, names, idx, sts, errs); err != nil {
			return err
		}
	}
	return nil
}

// chunk submits the statuses of names[idx[k]], at most r.entries, and
// waits for all of them.
func (r *ring) chunk(dirfds []int, names []string, idx []int, sts []unix.Stat_t, errs []error) error {
	// The names, NUL-terminated, in one buffer that does not move while
	// the kernel may read it: it is made whole before the first request
	// points into it.
	r.names = r.names[:0]
	for k, i := range idx {
		r.starts[k] = len(r.names)
		r.names = append(r.names, names[i]...)
		r.names = append(r.names, 0)
		r.done[k] = false
	}
	tail := *r.sqTail // only this side writes the tail
	for k := range idx {
		slot := tail & r.sqMask
		r.sqes[slot] = sqe{
			opcode:   opStatx,
			fd:       int32(dirfds[idx[k]]),
			addr:     uint64(uintptr(unsafe.Pointer(&r.names[r.starts[k]]))),
			addr2:    uint64(uintptr(unsafe.Pointer(&r.bufs[k]))),
			len:      statxBasic,
			opFlags:  unix.AT_SYMLINK_NOFOLLOW | unix.AT_STATX_SYNC_AS_STAT,
			userData: uint64(k),
		}
		r.sqArray[slot] = slot
		tail++
	}
	// The entries are written before the kernel may see the new tail.
	atomic.StoreUint32(r.sqTail, tail)

	left := len(idx)
	for left > 0 {
		toSubmit := tail - atomic.LoadUint32(r.sqHead)
		_, _, errno := unix.Syscall6(unix.SYS_IO_URING_ENTER, uintptr(r.fd), uintptr(toSubmit), uintptr(left), enterGetEvents, 0, 0)
		switch errno {
		case 0, unix.EINTR, unix.EAGAIN, unix.EBUSY:
			// Interrupted, or short of resources for now: what was
			// submitted and completed is reaped below, the rest
			// submitted or waited for again.
		default:
			if toSubmit == uint32(left) && atomic.LoadUint32(r.sqHead) == tail-toSubmit {
				// Nothing of this chunk reached the kernel: take the
				// entries back, and the ring may be used again.
				atomic.StoreUint32(r.sqTail, tail-toSubmit)
				return errno
			}
			r.broken = true
			return errBroken
		}
		left -= r.reap(idx, sts, errs)
	}
	return nil
}

// reap takes the completions posted, and returns how many requests of
// this chunk they answered.
func (r *ring) reap(idx []int, sts []unix.Stat_t, errs []error) int {
	n := 0
	head := *r.cqHead // only this side writes the head
	tail := atomic.LoadUint32(r.cqTail)
	for ; head != tail; head++ {
		c := r.cqes[head&r.cqMask]
		k := c.userData
		if k >= uint64(len(idx)) || r.done[k] {
			continue // not one of this chunk's: never posted twice
		}
		r.done[k] = true
		n++
		i := idx[k]
		if c.res < 0 {
			errs[i] = unix.Errno(-c.res)
			continue
		}
		fromStatx(&sts[i], &r.bufs[k])
		errs[i] = nil
	}
	// The completions are read before the kernel may write over them.
	atomic.StoreUint32(r.cqHead, head)
	return n
}

// fromStatx fills st as fstatat would have for the same file.
func fromStatx(st *unix.Stat_t, x *unix.Statx_t) {
	*st = unix.Stat_t{}
	set(&st.Dev, unix.Mkdev(x.Dev_major, x.Dev_minor))
	set(&st.Ino, x.Ino)
	set(&st.Nlink, uint64(x.Nlink))
	set(&st.Mode, uint64(x.Mode))
	set(&st.Uid, uint64(x.Uid))
	set(&st.Gid, uint64(x.Gid))
	set(&st.Rdev, unix.Mkdev(x.Rdev_major, x.Rdev_minor))
	set(&st.Size, x.Size)
	set(&st.Blksize, uint64(x.Blksize))
	set(&st.Blocks, x.Blocks)
	set(&st.Atim.Sec, uint64(x.Atime.Sec))
	set(&st.Atim.Nsec, uint64(x.Atime.Nsec))
	set(&st.Mtim.Sec, uint64(x.Mtime.Sec))
	set(&st.Mtim.Nsec, uint64(x.Mtime.Nsec))
	set(&st.Ctim.Sec, uint64(x.Ctime.Sec))
	set(&st.Ctim.Nsec, uint64(x.Ctime.Nsec))
}

// set stores v in a field whose integer type differs between Linux's
// architectures.
func set[T ~int32 | ~int64 | ~uint16 | ~uint32 | ~uint64, V ~int64 | ~uint64](p *T, v V) {
	*p = T(v)
}
