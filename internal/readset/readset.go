// Package readset records every file and folder a run reads through an
// fs.FS, with what it saw of each (the status of a file, the names of a
// folder's entries), and tells later whether all of it is still as it was:
// as go test keeps a test's result with the files the test opened, so that
// a run whose every input is unchanged need not run again.
//
// What a file's status is trusted for is the records cache's rule (package
// records): the device, inode, size, and the modification and change times
// to the nanosecond, the change time being one no one can set; an entry
// whose modification or change time is not older than the moment the set
// was written is "racy" and counts as changed. Only Linux's status is known
// that far: elsewhere a Recorder's set is never complete.
package readset

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"sort"
	"sync"
)

// A Recorder is the fs.FS it wraps, noting every path the run opens, lists,
// stats or reads the link of. Its set is complete only if every such
// operation ended in a way that can be seen again: a success, or a path
// that does not exist. Any other error (a file that cannot be read) leaves
// it incomplete, and nothing is kept.
type Recorder struct {
	fsys fs.FS
	mu   sync.Mutex
	seen map[string]*Entry
	// incomplete says why the set cannot be trusted, "" when it can.
	incomplete string
}

// Entry is what a run saw of one path.
type Entry struct {
	Path string
	// Absent: the path did not exist.
	Absent bool
	// Stat is the path's status, when the run took it or opened the path.
	Stat    Stat
	HasStat bool
	// List is the hash of the names and types of a folder's entries, when
	// the run listed it.
	List   [sha256.Size]byte
	Listed bool
}

// Stat is what is compared of a status; see the package's comment.
type Stat struct {
	Dev, Ino     uint64
	Mode         uint32 // the type bits and permissions
	Size         int64
	Mtime, Ctime int64 // ns since 1970
}

// Record returns a Recorder over fsys.
func Record(fsys fs.FS) *Recorder {
	return &Recorder{fsys: fsys, seen: map[string]*Entry{}}
}

// Set returns what the run read, sorted by path; ok is false when it is
// incomplete.
func (r *Recorder) Set() (set []Entry, ok bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.incomplete != "" {
		return nil, false
	}
	// The pointers sorted, not the entries: 100,000 of them are moved
	// around by the sort.
	seen := make([]*Entry, 0, len(r.seen))
	for _, e := range r.seen {
		seen = append(seen, e)
	}
	slices.SortFunc(seen, func(a, b *Entry) int { return cmp.Compare(a.Path, b.Path) })
	set = make([]Entry, len(seen))
	for i, e := range seen {
		set[i] = *e
	}
	return set, true
}

// fail marks the set incomplete.
func (r *Recorder) fail(why string) {
	r.mu.Lock()
	if r.incomplete == "" {
		r.incomplete = why
	}
	r.mu.Unlock()
}

// entry returns the entry of name, under r.mu.
func (r *Recorder) entry(name string) *Entry {
	e := r.seen[name]
	if e == nil {
		e = &Entry{Path: name}
		r.seen[name] = e
	}
	return e
}

// sawErr notes the error err of an operation on name: a path that does not
// exist is seen again as such; any other error makes the set incomplete.
func (r *Recorder) sawErr(name string, err error) {
	if !errors.Is(err, fs.ErrNotExist) {
		r.fail(name + ": " + err.Error())
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	e := r.entry(name)
	if e.HasStat || e.Listed {
		r.incomplete = name + " vanished during the run"
		return
	}
	e.Absent = true
}

// sawInfo notes the status fi of name. Two different statuses of one path
// (changed during the run, or a link's and its target's) make the set
// incomplete.
func (r *Recorder) sawInfo(name string, fi fs.FileInfo) {
	st, ok := statOf(fi)
	if !ok {
		r.fail(name + ": no status")
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	e := r.entry(name)
	switch {
	case e.Absent:
		r.incomplete = name + " appeared during the run"
	case e.HasStat && e.Stat != st:
		r.incomplete = name + " changed during the run"
	}
	e.Stat, e.HasStat = st, true
}

// sawList notes the entries of the folder name.
func (r *Recorder) sawList(name string, list []fs.DirEntry) {
	sum := listSum(list)
	r.mu.Lock()
	defer r.mu.Unlock()
	e := r.entry(name)
	switch {
	case e.Absent:
		r.incomplete = name + " appeared during the run"
	case e.Listed && e.List != sum:
		r.incomplete = name + " changed during the run"
	}
	e.List, e.Listed = sum, true
}

// listSum is the hash of the names and types of a folder's entries, in
// the order of their names.
func listSum(list []fs.DirEntry) [sha256.Size]byte {
	names := make([]string, len(list))
	types := make(map[string]fs.FileMode, len(list))
	for i, d := range list {
		names[i] = d.Name()
		types[d.Name()] = d.Type()
	}
	sort.Strings(names)
	h := sha256.New()
	var b []byte
	for _, n := range names {
		b = binary.AppendUvarint(b[:0], uint64(len(n)))
		b = append(b, n...)
		b = binary.AppendUvarint(b, uint64(types[n]))
		h.Write(b)
	}
	return [sha256.Size]byte(h.Sum(nil))
}

// Open implements fs.FS. The file's status is taken as it is opened,
// before any of its bytes are read.
func (r *Recorder) Open(name string) (fs.File, error) {
	f, err := r.fsys.Open(name)
	if err != nil {
		r.sawErr(name, err)
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		r.fail(name + ": " + err.Error())
		return nil, err
	}
	r.sawInfo(name, fi)
	return &file{File: f, r: r, name: name, fi: fi}, nil
}

// ReadDir implements fs.ReadDirFS: the entries note their status when
// the run asks for it.
func (r *Recorder) ReadDir(name string) ([]fs.DirEntry, error) {
	list, err := fs.ReadDir(r.fsys, name)
	if err != nil {
		r.sawErr(name, err)
		return nil, err
	}
	r.sawList(name, list)
	return r.wrap(name, list), nil
}

func (r *Recorder) wrap(dir string, list []fs.DirEntry) []fs.DirEntry {
	out := make([]fs.DirEntry, len(list))
	for i, d := range list {
		out[i] = dirEntry{DirEntry: d, r: r, path: path.Join(dir, d.Name())}
	}
	return out
}

// ReadFile implements fs.ReadFileFS, as Open and a read to the end.
func (r *Recorder) ReadFile(name string) ([]byte, error) {
	f, err := r.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// Stat implements fs.StatFS.
func (r *Recorder) Stat(name string) (fs.FileInfo, error) {
	fi, err := fs.Stat(r.fsys, name)
	if err != nil {
		r.sawErr(name, err)
		return nil, err
	}
	r.sawInfo(name, fi)
	return fi, nil
}

// Lstat implements fs.ReadLinkFS; an fs.FS that has no links is
// stated.
func (r *Recorder) Lstat(name string) (fs.FileInfo, error) {
	fi, err := fs.Lstat(r.fsys, name)
	if err != nil {
		r.sawErr(name, err)
		return nil, err
	}
	r.sawInfo(name, fi)
	return fi, nil
}

// ReadLink implements fs.ReadLinkFS. A link's target changes only with
// its status (a link is written again to change it).
func (r *Recorder) ReadLink(name string) (string, error) {
	if _, err := r.Lstat(name); err != nil {
		return "", err
	}
	target, err := fs.ReadLink(r.fsys, name)
	if err != nil {
		r.fail(name + ": " + err.Error())
	}
	return target, err
}

type file struct {
	fs.File
	r    *Recorder
	name string
	fi   fs.FileInfo // the status Open noted
}

// Stat gives the status Open took and noted, without asking the system
// again: the reader sees the very status the set holds, and a cold check
// saves one fstat a record.
func (f *file) Stat() (fs.FileInfo, error) { return f.fi, nil }

// ReadDir lists an opened folder; only a whole listing is noted, a
// partial one leaves the set incomplete.
func (f *file) ReadDir(n int) ([]fs.DirEntry, error) {
	d, ok := f.File.(fs.ReadDirFile)
	if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: f.name, Err: errors.New("not implemented")}
	}
	list, err := d.ReadDir(n)
	if err != nil || n > 0 {
		f.r.fail(f.name + ": a partial listing")
		return f.r.wrap(f.name, list), err
	}
	f.r.sawList(f.name, list)
	return f.r.wrap(f.name, list), nil
}

type dirEntry struct {
	fs.DirEntry
	r    *Recorder
	path string
}

func (d dirEntry) Info() (fs.FileInfo, error) {
	fi, err := d.DirEntry.Info()
	if err != nil {
		d.r.sawErr(d.path, err)
		return nil, err
	}
	d.r.sawInfo(d.path, fi)
	return fi, nil
}

// Unchanged reports whether every entry of set is still as the run saw
// it in the repository root, the set having been written at written (ns
// since 1970, the time of the file that keeps it). An entry whose times are
// not older than written counts as changed (see the package's comment).
//
// It lists each folder that holds an entry once, and takes its entries'
// status from the listing, as the run's walk did.
func Unchanged(root *os.Root, set []Entry, written int64) bool {
	c := checker{root: root, written: written, lists: map[string]listing{}}
	for i := range set {
		if !c.unchanged(&set[i]) {
			return false
		}
	}
	return true
}

type checker struct {
	root    *os.Root
	written int64
	lists   map[string]listing
}

// listing is a folder's entries by name; nil when it does not exist.
type listing struct {
	byName map[string]fs.DirEntry
	sum    [sha256.Size]byte
	err    error // other than not existing
}

// list lists the folder dir once.
func (c *checker) list(dir string) listing {
	if l, ok := c.lists[dir]; ok {
		return l
	}
	var l listing
	f, err := c.root.Open(dir)
	if err == nil {
		var list []fs.DirEntry
		list, err = f.ReadDir(-1)
		f.Close()
		if err == nil {
			l.byName = make(map[string]fs.DirEntry, len(list))
			for _, d := range list {
				l.byName[d.Name()] = d
			}
			l.sum = listSum(list)
		}
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		l.err = err
	}
	c.lists[dir] = l
	return l
}

// unchanged checks one entry.
func (c *checker) unchanged(e *Entry) bool {
	var fi fs.FileInfo
	if e.Path == "." {
		var err error
		if fi, err = c.root.Lstat("."); err != nil {
			return false
		}
	} else {
		parent := c.list(path.Dir(e.Path))
		if parent.err != nil {
			return false
		}
		d, ok := parent.byName[path.Base(e.Path)]
		if !ok || e.Absent {
			return ok == !e.Absent
		}
		var err error
		if fi, err = d.Info(); err != nil {
			return false
		}
	}
	st, ok := statOf(fi)
	if !ok {
		return false
	}
	if e.HasStat && (st != e.Stat || st.Mtime >= c.written || st.Ctime >= c.written) {
		return false
	}
	if e.Listed {
		l := c.list(e.Path)
		return l.err == nil && l.byName != nil && l.sum == e.List
	}
	return true
}

// Append appends set's binary form to b.
func Append(b []byte, set []Entry) []byte {
	b = binary.AppendUvarint(b, uint64(len(set)))
	for _, e := range set {
		b = binary.AppendUvarint(b, uint64(len(e.Path)))
		b = append(b, e.Path...)
		var flags byte
		if e.Absent {
			flags |= 1
		}
		if e.HasStat {
			flags |= 2
		}
		if e.Listed {
			flags |= 4
		}
		b = append(b, flags)
		if e.HasStat {
			for _, n := range []uint64{e.Stat.Dev, e.Stat.Ino, uint64(e.Stat.Mode), uint64(e.Stat.Size), uint64(e.Stat.Mtime), uint64(e.Stat.Ctime)} {
				b = binary.AppendUvarint(b, n)
			}
		}
		if e.Listed {
			b = append(b, e.List[:]...)
		}
	}
	return b
}

// Read reads a set that Append wrote at the start of b; ok is false for
// bytes that are not one.
func Read(b []byte) (set []Entry, rest []byte, ok bool) {
	n, w := binary.Uvarint(b)
	if w <= 0 || n > uint64(len(b)) {
		return nil, nil, false
	}
	b = b[w:]
	set = make([]Entry, n)
	for i := range set {
		e := &set[i]
		l, w := binary.Uvarint(b)
		if w <= 0 || l >= uint64(len(b)-w) {
			return nil, nil, false
		}
		e.Path, b = string(b[w:w+int(l)]), b[w+int(l):]
		flags := b[0]
		b = b[1:]
		e.Absent, e.HasStat, e.Listed = flags&1 != 0, flags&2 != 0, flags&4 != 0
		if flags&^7 != 0 || e.Absent && (e.HasStat || e.Listed) {
			return nil, nil, false
		}
		if e.HasStat {
			var v [6]uint64
			for j := range v {
				x, w := binary.Uvarint(b)
				if w <= 0 {
					return nil, nil, false
				}
				v[j], b = x, b[w:]
			}
			e.Stat = Stat{Dev: v[0], Ino: v[1], Mode: uint32(v[2]), Size: int64(v[3]), Mtime: int64(v[4]), Ctime: int64(v[5])}
		}
		if e.Listed {
			if len(b) < sha256.Size {
				return nil, nil, false
			}
			e.List, b = [sha256.Size]byte(b[:sha256.Size]), b[sha256.Size:]
		}
		if i > 0 && set[i-1].Path >= e.Path {
			return nil, nil, false // sorted, each path once
		}
	}
	return set, b, true
}

// Equal reports whether two sets are the same, for tests.
func Equal(a, b []Entry) bool {
	return bytes.Equal(Append(nil, a), Append(nil, b))
}
