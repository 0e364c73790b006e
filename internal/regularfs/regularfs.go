// Package regularfs reads a folder of the repository, such as templates/,
// serving regular files and folders only: a symbolic link, a device, a FIFO
// or a socket anywhere on a path is refused, with an error that names the
// path as the repository does (templates/public/static/x.css).
//
// A pull request can add a symbolic link under templates/ that points at a
// record or at .git/config; an os.Root keeps reads inside the repository
// but follows such links, and a static-asset copy would publish what they
// point at. Reading a FIFO would hang the build. Every component of a path
// is checked with Lstat before the file is opened, the last one is opened
// with O_NOFOLLOW, and the opened file must be the one that was checked.
//
// Find lists such entries of a folder, for `roll check` to report them.
package regularfs

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
	"syscall"
)

// Errors of the entries refused, wrapped in an *fs.PathError.
var (
	ErrLink      = errors.New("is a symbolic link; roll does not follow links")
	ErrIrregular = errors.New("is not a regular file or folder (a device, FIFO or socket)")
)

// FS is a folder whose regular files and folders can be read.
type FS struct {
	root *os.Root
	name string // the folder as errors name it: "templates"
}

// Open opens the folder dir. name is how errors name it, a slash path from
// the repository's root ("templates"). dir itself must be a folder, not a
// link to one.
func Open(dir, name string) (*FS, error) {
	fi, err := os.Lstat(dir)
	if err != nil {
		return nil, err
	}
	if err := kindErr(fi.Mode()); err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	if !fi.IsDir() {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("is not a folder")}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &FS{root: root, name: name}, nil
}

// Close releases the folder.
func (f *FS) Close() error { return f.root.Close() }

func kindErr(m fs.FileMode) error {
	switch {
	case m&fs.ModeSymlink != 0:
		return ErrLink
	case m.IsRegular(), m.IsDir():
		return nil
	}
	return ErrIrregular
}

func (f *FS) pathErr(op, name string, err error) error {
	return &fs.PathError{Op: op, Path: path.Join(f.name, name), Err: err}
}

// check Lstats each component of name and refuses any that is neither a
// regular file nor a folder. It returns the last one's information.
func (f *FS) check(op, name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: op, Path: f.name + "/" + name, Err: fs.ErrInvalid}
	}
	fi, err := f.root.Lstat(".")
	if name == "." {
		if err != nil {
			return nil, f.pathErr(op, name, err)
		}
		return fi, nil
	}
	p := ""
	for elem := range strings.SplitSeq(name, "/") {
		p = path.Join(p, elem)
		fi, err = f.root.Lstat(p)
		if err != nil {
			return nil, f.pathErr(op, p, unwrap(err))
		}
		if err := kindErr(fi.Mode()); err != nil {
			return nil, f.pathErr(op, p, err)
		}
	}
	return fi, nil
}

// unwrap drops the os.Root's own *PathError, whose path is not the
// repository's, keeping its cause.
func unwrap(err error) error {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err
	}
	return err
}

// Open implements fs.FS.
func (f *FS) Open(name string) (fs.File, error) {
	fi, err := f.check("open", name)
	if err != nil {
		return nil, err
	}
	file, err := f.root.OpenFile(name, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, f.pathErr("open", name, unwrap(err))
	}
	// The file opened is the one checked: nothing was swapped in between.
	got, err := file.Stat()
	if err != nil || !os.SameFile(fi, got) || kindErr(got.Mode()) != nil {
		file.Close()
		return nil, f.pathErr("open", name, errors.New("changed while it was read"))
	}
	return file, nil
}

// ReadFile implements fs.ReadFileFS.
func (f *FS) ReadFile(name string) ([]byte, error) {
	file, err := f.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	b, err := io.ReadAll(file)
	if err != nil {
		return nil, f.pathErr("read", name, unwrap(err))
	}
	return b, nil
}

// ReadDir implements fs.ReadDirFS: the entries of a folder, links and other
// irregular entries included (with their types), so that a walk sees them
// and Open refuses them.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	if _, err := f.check("readdir", name); err != nil {
		return nil, err
	}
	return fs.ReadDir(f.root.FS(), name)
}

// Stat implements fs.StatFS, without following links.
func (f *FS) Stat(name string) (fs.FileInfo, error) {
	return f.check("stat", name)
}

// Entry is an entry of a folder that is neither a regular file nor a
// folder.
type Entry struct {
	Path string // slash path from the repository's root
	Err  error  // ErrLink or ErrIrregular
}

// Find walks the folder dir of fsys, without following links, and lists
// the entries that are neither regular files nor folders; dir itself
// included. name is how the repository names dir. A dir that does not exist
// has none.
func Find(fsys fs.FS, dir string) ([]Entry, error) {
	var found []Entry
	fi, err := fs.Lstat(fsys, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if err := kindErr(fi.Mode()); err != nil {
		return []Entry{{Path: dir, Err: err}}, nil
	}
	if !fi.IsDir() {
		return nil, nil
	}
	err = fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := kindErr(d.Type()); err != nil {
			found = append(found, Entry{Path: p, Err: err})
		}
		return nil
	})
	return found, err
}
