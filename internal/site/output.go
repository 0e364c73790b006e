package site

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Output is a site being written: files go to a staging folder beside the
// target (_site/.staging-*), and Commit swaps it into place, so a build that
// fails midway leaves the previous site as it was.
type Output struct {
	target  string
	staging string
	files   int
	bytes   int64
}

// NewOutput starts a site that Commit will put at target.
func NewOutput(target string) (*Output, error) {
	target = filepath.Clean(target)
	parent := filepath.Dir(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	staging, err := os.MkdirTemp(parent, ".staging-")
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	if err := os.Chmod(staging, 0o755); err != nil {
		os.RemoveAll(staging)
		return nil, fmt.Errorf("output: %w", err)
	}
	return &Output{target: target, staging: staging}, nil
}

// WriteFile writes a file of the site; name is a slash path such as
// "heroes/H-2020-0001.html".
func (o *Output) WriteFile(name string, data []byte) error {
	if !fs.ValidPath(name) || name == "." {
		return fmt.Errorf("output: invalid file name %q", name)
	}
	p := filepath.Join(o.staging, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	o.files++
	o.bytes += int64(len(data))
	return nil
}

// Files and Bytes count what was written so far.
func (o *Output) Files() int   { return o.files }
func (o *Output) Bytes() int64 { return o.bytes }

// Commit replaces the target with the staged site. The previous site is
// moved aside first and removed only once the new one is in place.
func (o *Output) Commit() error {
	old := o.staging + ".old"
	hadOld := false
	if _, err := os.Lstat(o.target); err == nil {
		if err := os.Rename(o.target, old); err != nil {
			o.Abort()
			return fmt.Errorf("output: %w", err)
		}
		hadOld = true
	}
	if err := os.Rename(o.staging, o.target); err != nil {
		if hadOld {
			_ = os.Rename(old, o.target)
		}
		o.Abort()
		return fmt.Errorf("output: %w", err)
	}
	if hadOld {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("output: removing previous site: %w", err)
		}
	}
	return nil
}

// Abort removes the staged files; the target is not touched. It is safe to
// call after Commit.
func (o *Output) Abort() {
	_ = os.RemoveAll(o.staging)
}

// CopyDir copies every file under dir of fsys into the output under to,
// keeping the folders below dir: the static assets of a site.
func (o *Output) CopyDir(fsys fs.FS, dir, to string) error {
	return fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		return o.WriteFile(path.Join(to, strings.TrimPrefix(p, dir+"/")), b)
	})
}
