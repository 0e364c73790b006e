package serve

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"golang.org/x/sys/unix"
)

// notifier tells of changes to the watched folders as the kernel sees
// them (inotify), so that an edit is built within milliseconds instead of
// at the next poll. It watches the repository's root, for a watched folder
// that appears, and every folder under the watched ones but those whose
// name starts with a dot, which the walk of scan leaves out too; a folder
// made later is watched as soon as its creation is read.
type notifier struct {
	root string
	f    *os.File // the inotify instance, read through the runtime's poller

	mu   sync.Mutex
	dirs map[int]string // the folder of each watch, relative to root ("" for root)
}

// The events of a watched folder that may change what a build reads; the
// root is watched for folders made, removed and renamed.
const (
	folderEvents = unix.IN_CREATE | unix.IN_DELETE | unix.IN_MODIFY | unix.IN_CLOSE_WRITE | unix.IN_ATTRIB |
		unix.IN_MOVED_FROM | unix.IN_MOVED_TO | unix.IN_DELETE_SELF | unix.IN_MOVE_SELF |
		unix.IN_ONLYDIR | unix.IN_DONT_FOLLOW
	rootEvents = unix.IN_CREATE | unix.IN_DELETE | unix.IN_MOVED_FROM | unix.IN_MOVED_TO |
		unix.IN_ONLYDIR | unix.IN_DONT_FOLLOW
)

// newNotifier watches the folders of root. It fails where inotify is not
// available or its limit of watches is reached; the server then polls.
func newNotifier(root string) (*notifier, error) {
	fd, err := unix.InotifyInit1(unix.IN_CLOEXEC | unix.IN_NONBLOCK)
	if err != nil {
		return nil, os.NewSyscallError("inotify_init1", err)
	}
	n := &notifier{root: root, f: os.NewFile(uintptr(fd), "inotify"), dirs: map[int]string{}}
	if err := n.add("", rootEvents); err != nil {
		n.Close()
		return nil, err
	}
	for _, d := range watched {
		if err := n.addTree(d); err != nil {
			n.Close()
			return nil, err
		}
	}
	return n, nil
}

// Close stops the watches and ends run.
func (n *notifier) Close() error { return n.f.Close() }

// add watches the folder rel for mask; a folder that is gone is no error.
func (n *notifier) add(rel string, mask uint32) error {
	fd := int(n.f.Fd())
	wd, err := unix.InotifyAddWatch(fd, filepath.Join(n.root, rel), mask)
	if errors.Is(err, unix.ENOENT) || errors.Is(err, unix.ENOTDIR) {
		return nil
	}
	if err != nil {
		return os.NewSyscallError("inotify_add_watch", err)
	}
	n.mu.Lock()
	n.dirs[wd] = filepath.ToSlash(rel)
	n.mu.Unlock()
	return nil
}

// addTree watches the folder rel and those under it.
func (n *notifier) addTree(rel string) error {
	err := filepath.WalkDir(filepath.Join(n.root, rel), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir
		}
		r, err := filepath.Rel(n.root, p)
		if err != nil {
			return err
		}
		return n.add(r, folderEvents)
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// run reads the events until Close, and calls changed with the path,
// relative to the root, of each that may change a build: "" when events
// were lost. The error is that of a failed read or watch; after Close it
// is nil.
func (n *notifier) run(changed func(rel string)) error {
	buf := make([]byte, 64<<10)
	for {
		k, err := n.f.Read(buf)
		if errors.Is(err, os.ErrClosed) {
			return nil
		}
		if err != nil {
			return err
		}
		for off := 0; off+unix.SizeofInotifyEvent <= k; {
			ev := (*unix.InotifyEvent)(unsafe.Pointer(&buf[off]))
			nameBytes := buf[off+unix.SizeofInotifyEvent : off+unix.SizeofInotifyEvent+int(ev.Len)]
			off += unix.SizeofInotifyEvent + int(ev.Len)
			if i := bytes.IndexByte(nameBytes, 0); i >= 0 {
				nameBytes = nameBytes[:i] // the name is padded with NULs
			}
			name := string(nameBytes)
			if err := n.event(int(ev.Wd), ev.Mask, name, changed); err != nil {
				return err
			}
		}
	}
}

// event handles one event of the watch wd on name ("" for the folder
// itself).
func (n *notifier) event(wd int, mask uint32, name string, changed func(string)) error {
	if mask&unix.IN_Q_OVERFLOW != 0 {
		// Events were lost, folders made among them too: watch every
		// folder again (a folder watched already keeps its watch).
		for _, d := range watched {
			if err := n.addTree(d); err != nil {
				return err
			}
		}
		changed("")
		return nil
	}
	n.mu.Lock()
	dir, ok := n.dirs[wd]
	if mask&unix.IN_IGNORED != 0 {
		delete(n.dirs, wd) // the folder is gone, or no longer watched
	}
	n.mu.Unlock()
	if !ok || mask&unix.IN_IGNORED != 0 {
		return nil
	}
	if strings.HasPrefix(name, ".") {
		return nil // an editor's swap file, a hidden folder
	}
	rel := path.Join(dir, name)
	if dir == "" && !slices.Contains(watched[:], name) {
		return nil // another folder of the root
	}
	if mask&unix.IN_ISDIR != 0 && mask&(unix.IN_CREATE|unix.IN_MOVED_TO) != 0 {
		// A folder made or moved here: its files, made before it was
		// watched, are read by the build this event starts.
		if err := n.addTree(filepath.FromSlash(rel)); err != nil {
			return err
		}
	}
	changed(rel)
	return nil
}
