package site

import (
	"bufio"
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Output is a new build of a site written over the previous one at target,
// rewriting only the files whose bytes changed.
//
// # Work not done
//
// NewOutput lists the files of the previous build and reads the manifest
// kept beside it (target's parent/.<name>.manifest: each file's size,
// modification time and SHA-256). WriteFile hashes the new bytes; a file
// whose size, time and hash match the manifest, or, when the manifest has
// no entry for it, whose old bytes are equal, is left alone. Only changed
// files are written, and only after every file was given is anything at
// target touched.
//
// A page whose inputs did not change need not be rendered at all: the
// manifest also records, per file, the key of the inputs it was rendered
// from (Keyer.Key), and Reuse keeps the previous file, unread, when the
// key is the same and the file is as the manifest describes it (same
// size and modification time; the manifest's hash then vouches for its
// bytes). WriteKeyed records the key of a page that was rendered. Without
// a manifest, or with a damaged one, nothing is reused.
//
// # Atomicity
//
// WriteFile never touches target: a changed file goes to a staging folder
// beside it (.staging-*). Nothing is applied until Commit, so a build that
// fails before it (a template error, a failed check: the caller does not
// commit) leaves the previous site byte for byte as it was; Abort removes
// the staging folder. Commit first removes the manifest, then moves each
// staged file over its target path with rename(2), which replaces a file
// in one step, then removes the files of the previous build that were not
// written this time, then writes the new manifest. A crash during Commit
// therefore leaves a mix of whole old and whole new files, never a torn
// one, and no manifest; the next build compares those files by content and
// completes the update. When target did not exist, Commit renames the
// staging folder into place in one step.
type Output struct {
	target    string
	staging   string
	manifest  string // path of the manifest beside target
	hadSite   bool   // target existed when the build began
	old       map[string]*oldFile
	mu        sync.Mutex      // guards what follows, for renderers that write from several goroutines
	dirs      map[string]bool // staging folders made
	entries   map[string]entry
	changed   []string // staged files, in the order written
	files     int
	bytes     int64
	written   int
	unchanged int
	reused    int
}

// oldFile is a file of the previous build.
type oldFile struct {
	size  int64
	mtime int64 // nanoseconds
	sum   string
	key   string // the key of the inputs it was rendered from; "" when none
	kept  bool   // produced again by this build
}

// entry is a line of the manifest.
type entry struct {
	size  int64
	mtime int64
	sum   string // hex SHA-256 of the bytes
	key   string // hex key of the inputs (Keyer.Key); "" when none
}

// NewOutput starts a build of the site at target.
func NewOutput(target string) (*Output, error) {
	target = filepath.Clean(target)
	parent := filepath.Dir(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	o := &Output{
		target:   target,
		manifest: filepath.Join(parent, "."+filepath.Base(target)+".manifest"),
		old:      map[string]*oldFile{},
		dirs:     map[string]bool{},
		entries:  map[string]entry{},
	}
	if err := o.readPrevious(); err != nil {
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
	o.staging = staging
	o.dirs["."] = true
	return o, nil
}

// readPrevious lists the files at target and takes the hashes of those the
// manifest describes as they are now.
func (o *Output) readPrevious() error {
	fi, err := os.Stat(o.target)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s is not a folder", o.target)
	}
	o.hadSite = true
	err = filepath.WalkDir(o.target, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(o.target, p)
		if err != nil {
			return err
		}
		f := &oldFile{size: -1}
		if d.Type().IsRegular() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			f.size, f.mtime = info.Size(), info.ModTime().UnixNano()
		}
		o.old[filepath.ToSlash(rel)] = f
		return nil
	})
	if err != nil {
		return err
	}
	m, err := readManifest(o.manifest)
	if err != nil {
		return nil // no manifest, or a damaged one: compare by content
	}
	for name, e := range m {
		if f, ok := o.old[name]; ok && f.size == e.size && f.mtime == e.mtime {
			f.sum, f.key = e.sum, e.key
		}
	}
	return nil
}

// WriteFile gives a file of the site; name is a slash path such as
// "heroes/H-2020-0001.html". It is written to the staging folder only if
// its bytes differ from the previous build's. WriteFile may be called from
// several goroutines.
func (o *Output) WriteFile(name string, data []byte) error {
	return o.WriteKeyed(name, data, "")
}

// Reuse reports whether the previous build's file name stands for a page
// whose inputs have key: when it does, the file is part of this build as
// it is, and the page need not be rendered; otherwise the caller renders
// it and gives it with WriteKeyed. Reuse may be called from several
// goroutines.
func (o *Output) Reuse(name, key string) bool {
	if key == "" {
		return false
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	old := o.old[name]
	if _, dup := o.entries[name]; dup || old == nil || old.sum == "" || old.key != key {
		return false
	}
	old.kept = true
	o.entries[name] = entry{size: old.size, mtime: old.mtime, sum: old.sum, key: key}
	o.files++
	o.bytes += old.size
	o.unchanged++
	o.reused++
	return true
}

// WriteKeyed is WriteFile for a page rendered from inputs with key
// (Keyer.Key), which the manifest records for Reuse.
func (o *Output) WriteKeyed(name string, data []byte, key string) error {
	if !fs.ValidPath(name) || name == "." {
		return fmt.Errorf("output: invalid file name %q", name)
	}
	h := sha256.Sum256(data)
	sum := hex.EncodeToString(h[:])
	size := int64(len(data))

	o.mu.Lock()
	if _, dup := o.entries[name]; dup {
		o.mu.Unlock()
		return fmt.Errorf("output: %s written twice", name)
	}
	o.entries[name] = entry{} // reserved; filled in below
	o.files++
	o.bytes += size
	old := o.old[name]
	if old != nil {
		old.kept = true
	}
	o.mu.Unlock()

	if old != nil && old.size == size && o.same(name, old, sum, data) {
		o.mu.Lock()
		o.entries[name] = entry{size: size, mtime: old.mtime, sum: sum, key: key}
		o.unchanged++
		o.mu.Unlock()
		return nil
	}
	mtime, err := o.stage(name, data)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	o.mu.Lock()
	o.entries[name] = entry{size: size, mtime: mtime, sum: sum, key: key}
	o.changed = append(o.changed, name)
	o.written++
	o.mu.Unlock()
	return nil
}

// same reports whether the previous build's file name has the bytes data.
func (o *Output) same(name string, old *oldFile, sum string, data []byte) bool {
	if old.sum != "" {
		return old.sum == sum
	}
	b, err := os.ReadFile(filepath.Join(o.target, filepath.FromSlash(name)))
	return err == nil && bytes.Equal(b, data)
}

// stage writes a changed file into the staging folder and returns its
// modification time, which rename keeps.
func (o *Output) stage(name string, data []byte) (int64, error) {
	p := filepath.Join(o.staging, filepath.FromSlash(name))
	if err := o.mkdir(o.staging, path.Dir(name)); err != nil {
		return 0, err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return 0, err
	}
	_, err = f.Write(data)
	var info fs.FileInfo
	if err == nil {
		info, err = f.Stat()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, err
	}
	return info.ModTime().UnixNano(), nil
}

// mkdir makes the slash folder dir under root once per build.
func (o *Output) mkdir(root, dir string) error {
	key := root + "\x00" + dir
	o.mu.Lock()
	made := o.dirs[key] || dir == "."
	o.mu.Unlock()
	if made {
		return nil
	}
	if err := os.MkdirAll(filepath.Join(root, filepath.FromSlash(dir)), 0o755); err != nil {
		return err
	}
	o.mu.Lock()
	o.dirs[key] = true
	o.mu.Unlock()
	return nil
}

// Files and Bytes count the files of the new build and their size;
// Written and Unchanged split Files into those whose bytes changed (or are
// new) and those left as they were.
func (o *Output) Files() int     { return o.files }
func (o *Output) Bytes() int64   { return o.bytes }
func (o *Output) Written() int   { return o.written }
func (o *Output) Unchanged() int { return o.unchanged }

// Reused counts the files of Unchanged that Reuse kept without their
// pages being rendered.
func (o *Output) Reused() int { return o.reused }

// Commit applies the build to target: see the type's documentation for
// what a failure or a crash leaves behind.
func (o *Output) Commit() error {
	if err := o.commit(); err != nil {
		o.Abort()
		return fmt.Errorf("output: %w", err)
	}
	return nil
}

func (o *Output) commit() error {
	if !o.hadSite {
		if err := os.Rename(o.staging, o.target); err != nil {
			return err
		}
		return o.writeManifest()
	}
	if err := os.Remove(o.manifest); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	for _, name := range o.changed {
		if err := o.mkdir(o.target, path.Dir(name)); err != nil {
			return err
		}
		from := filepath.Join(o.staging, filepath.FromSlash(name))
		to := filepath.Join(o.target, filepath.FromSlash(name))
		if err := os.Rename(from, to); err != nil {
			return err
		}
	}
	var stale []string
	for name, f := range o.old {
		if !f.kept {
			stale = append(stale, name)
		}
	}
	// Deepest first, so that a folder left empty can go too.
	slices.SortFunc(stale, func(a, b string) int { return strings.Compare(b, a) })
	emptied := map[string]bool{}
	for _, name := range stale {
		if err := os.Remove(filepath.Join(o.target, filepath.FromSlash(name))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		for d := path.Dir(name); d != "."; d = path.Dir(d) {
			emptied[d] = true
		}
	}
	dirs := make([]string, 0, len(emptied))
	for d := range emptied {
		dirs = append(dirs, d)
	}
	slices.SortFunc(dirs, func(a, b string) int { return strings.Compare(b, a) })
	for _, d := range dirs {
		_ = os.Remove(filepath.Join(o.target, filepath.FromSlash(d))) // fails while not empty
	}
	if err := os.RemoveAll(o.staging); err != nil {
		return err
	}
	return o.writeManifest()
}

// Abort removes the staged files; the target is not touched. It is safe to
// call after Commit.
func (o *Output) Abort() {
	_ = os.RemoveAll(o.staging)
}

// writeManifest records the files of the build, through a temporary file
// renamed into place.
func (o *Output) writeManifest() error {
	names := make([]string, 0, len(o.entries))
	for n := range o.entries {
		names = append(names, n)
	}
	slices.Sort(names)
	var b bytes.Buffer
	b.WriteString(manifestHeader)
	for _, n := range names {
		e := o.entries[n]
		fmt.Fprintf(&b, "%s %d %d %s %s\n", e.sum, e.size, e.mtime, cmp.Or(e.key, "-"), n)
	}
	tmp := o.manifest + ".tmp"
	if err := os.WriteFile(tmp, b.Bytes(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, o.manifest)
}

// The manifest is versioned by its first line; v2 added the key. A
// manifest of another version is not read: nothing is reused, and files
// are compared by content.
const manifestHeader = "# roll site manifest v2: sha256 size mtime-ns key path\n"

func readManifest(p string) (map[string]entry, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	if !sc.Scan() || sc.Text()+"\n" != manifestHeader {
		return nil, fmt.Errorf("%s: not a manifest", p)
	}
	m := map[string]entry{}
	for sc.Scan() {
		f := strings.SplitN(sc.Text(), " ", 5)
		if len(f) != 5 || len(f[0]) != 2*sha256.Size || (f[3] != "-" && len(f[3]) != 2*sha256.Size) {
			return nil, fmt.Errorf("%s: bad line %q", p, sc.Text())
		}
		size, err1 := strconv.ParseInt(f[1], 10, 64)
		mtime, err2 := strconv.ParseInt(f[2], 10, 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("%s: bad line %q", p, sc.Text())
		}
		key := f[3]
		if key == "-" {
			key = ""
		}
		m[f[4]] = entry{size: size, mtime: mtime, sum: f[0], key: key}
	}
	return m, sc.Err()
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

// Build renders one site into the folder out and commits it: render writes
// into a fresh Output, which is committed only when render succeeds and
// aborted otherwise, so a failed build leaves the previous site as it was.
// roll build renders both sites before committing either (package build);
// Build is for one site alone.
func Build(out string, render func(o *Output) error) error {
	o, err := NewOutput(out)
	if err != nil {
		return err
	}
	if err := render(o); err != nil {
		o.Abort()
		return err
	}
	return o.Commit()
}
