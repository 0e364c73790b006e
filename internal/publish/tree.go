package publish

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/yancheng-jyyw/roll/internal/site"
)

// Tree is the inactive tree of one site being updated to a new build: a
// site.Target. Begin it, give it every file (site.Render), Finish it,
// then Publish it.
//
// What the tree held before this build is its manifest's files (old),
// each found by its name and marked once this build produces it; no map
// of every file is made. A file the manifest vouches for and whose key
// is this build's is kept when its status in the tree is still the one
// the manifest has: one system call, asked of the tree's open folder.
type Tree struct {
	out   *Out
	name  string
	live  string // OUT/<name>
	spare string // OUT/.roll/<name>: the tree being updated

	liveFiles *manifest // the live tree's manifest; nil for none
	old       *manifest // what the tree held before; never nil
	produced  []atomic.Uint32
	spareDir  *root
	liveDir   *root // nil when there is no live tree

	written, linked, kept atomic.Int64
	// oldNext and liveNext are where Keep looks first for the next
	// file in old and liveFiles: after the one it found last.
	oldNext, liveNext atomic.Int64

	mu      sync.Mutex // guards what follows
	dirs    map[string]bool
	changed map[int]entry   // files of old this build produced anew
	added   []addedFile     // files that are not in old
	isAdded map[string]bool // their names
}

// What this build did with a file of the tree's manifest (Tree.produced).
const (
	notProduced = iota
	keptAsIs    // Keep: its record is the manifest's
	producedNew // its record is in Tree.changed
)

// addedFile is a file the tree did not hold before.
type addedFile struct {
	name string
	entry
}

// Begin starts updating the inactive tree of the site name.
func (o *Out) Begin(name string) (*Tree, error) {
	if !fs.ValidPath(name) || strings.Contains(name, "/") || strings.HasPrefix(name, ".") {
		return nil, fmt.Errorf("publish: bad site name %q", name)
	}
	if err := o.recover(name); err != nil {
		return nil, fmt.Errorf("publish %s: %w", name, err)
	}
	t := &Tree{
		out: o, name: name,
		live: filepath.Join(o.dir, name), spare: filepath.Join(o.state, name),
		dirs: map[string]bool{}, changed: map[int]entry{}, isAdded: map[string]bool{},
	}
	liveManifest := o.manifestPath(name, t.live)
	t.liveFiles = readManifest(liveManifest)
	spareManifest := o.manifestPath(name, t.spare)
	t.old = readManifest(spareManifest)
	// The inactive tree is about to change: from now on its manifest
	// must not vouch for it.
	if spareManifest != "" {
		if err := os.Remove(spareManifest); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("publish %s: %w", name, err)
		}
	}
	o.removeStaleManifests(name, liveManifest)
	if t.old == nil {
		old, err := listTree(t.spare)
		if err != nil {
			return nil, fmt.Errorf("publish %s: %w", name, err)
		}
		t.old = old
	}
	t.produced = make([]atomic.Uint32, t.old.n)
	if err := os.MkdirAll(t.spare, 0o755); err != nil {
		return nil, fmt.Errorf("publish %s: %w", name, err)
	}
	var err error
	if t.spareDir, err = openRoot(t.spare, t.old, o.stats); err != nil {
		return nil, fmt.Errorf("publish %s: %w", name, err)
	}
	if t.liveFiles != nil {
		// Without the live tree open, nothing is taken from it.
		if t.liveDir, err = openRoot(t.live, t.liveFiles, o.stats); err != nil {
			t.liveFiles = nil
		}
	}
	t.dirs["."] = true
	return t, nil
}

// listTree lists the files of a tree that has no manifest.
func listTree(dir string) (*manifest, error) {
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		names = append(names, filepath.ToSlash(rel))
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	slices.Sort(names)
	n := 0
	for _, name := range names {
		n += len(name)
	}
	w := newManifestWriter("listed", len(names), n)
	for _, name := range names {
		w.add(name, entry{})
	}
	m := parseManifest("listed", w.bytes())
	if m == nil {
		return nil, fmt.Errorf("%s holds a file whose name is not a path", dir)
	}
	m.known = false
	return m, nil
}

// removeStaleManifests removes the manifests of name other than keep:
// those of trees that no longer exist, or of the tree being updated.
func (o *Out) removeStaleManifests(name, keep string) {
	ms, _ := filepath.Glob(filepath.Join(o.state, name+".*.manifest*"))
	for _, m := range ms {
		if m != keep {
			os.Remove(m)
		}
	}
}

// Keep implements site.Target: the file stays, or is linked from the
// live tree, when either was rendered from the same inputs.
func (t *Tree) Keep(name string, key site.Key) (bool, error) {
	if key == (site.Key{}) {
		return false, nil
	}
	j := t.old.findNear(name, int(t.oldNext.Load()))
	if j >= 0 {
		t.oldNext.Store(int64(j + 1))
	}
	if j >= 0 && t.old.known && t.old.keyOf(j) == key {
		// What the record holds besides the key is compared where it
		// lies: nothing of the record is copied for a kept file.
		if size, mtime := t.old.sizeTime(j); t.spareDir.matchesStatus(name, j, size, mtime) {
			if err := t.claim(name, j, keptAsIs, entry{}, &t.kept); err != nil {
				return false, err
			}
			return true, nil
		}
	}
	if t.liveFiles != nil {
		l := t.liveFiles.findNear(name, int(t.liveNext.Load()))
		if l >= 0 {
			t.liveNext.Store(int64(l + 1))
			if e := t.liveFiles.entry(l); e.key == key && t.liveDir.matches(name, l, e) {
				return true, t.link(name, j, e)
			}
		}
	}
	return false, nil
}

// Put implements site.Target; it writes data and keeps none of it.
func (t *Tree) Put(name string, data []byte, key site.Key) error {
	if !fs.ValidPath(name) || name == "." {
		return fmt.Errorf("publish: invalid file name %q", name)
	}
	e := entry{size: int64(len(data)), sum: sha256.Sum256(data), key: key}
	j := t.old.find(name)
	if t.producedBefore(name, j) {
		return fmt.Errorf("publish: %s written twice", name)
	}
	p := filepath.Join(t.spare, filepath.FromSlash(name))
	if j >= 0 {
		if fi, err := os.Lstat(p); err == nil && fi.Mode().IsRegular() && fi.Size() == e.size {
			same := false
			if t.old.known {
				old := t.old.entry(j)
				same = old.sum == e.sum && old.mtime == fi.ModTime().UnixNano()
			} else {
				b, err := os.ReadFile(p)
				same = err == nil && bytes.Equal(b, data)
			}
			if same {
				e.mtime = fi.ModTime().UnixNano()
				return t.claim(name, j, producedNew, e, &t.kept)
			}
		}
	}
	if t.liveFiles != nil {
		if l := t.liveFiles.find(name); l >= 0 {
			if le := t.liveFiles.entry(l); le.sum == e.sum && t.liveDir.matches(name, l, le) {
				le.key = key
				return t.link(name, j, le)
			}
		}
	}
	if err := t.replace(name, j >= 0); err != nil {
		return err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) && j < 0 {
		// A file the manifest does not list (the tree was changed after
		// it was written): never written in place, it may be a link to
		// the live tree's.
		if err = os.Remove(p); err == nil {
			f, err = os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		}
	}
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	var fi fs.FileInfo
	if err == nil {
		fi, err = f.Stat()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	e.mtime = fi.ModTime().UnixNano()
	return t.claim(name, j, producedNew, e, &t.written)
}

// producedBefore reports whether this build produced name, file j of
// the tree's manifest (-1 for none), already.
func (t *Tree) producedBefore(name string, j int) bool {
	if j >= 0 {
		return t.produced[j].Load() != notProduced
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.isAdded[name]
}

// link makes name of the tree the live tree's file, which holds e; j is
// the file in the tree's manifest, -1 for none.
func (t *Tree) link(name string, j int, e entry) error {
	if t.producedBefore(name, j) {
		return fmt.Errorf("publish: %s written twice", name)
	}
	if err := t.replace(name, j >= 0); err != nil {
		return err
	}
	from, to := filepath.Join(t.live, filepath.FromSlash(name)), filepath.Join(t.spare, filepath.FromSlash(name))
	err := os.Link(from, to)
	if errors.Is(err, fs.ErrExist) && j < 0 {
		// A file the manifest does not list, as in Put.
		if err = os.Remove(to); err == nil {
			err = os.Link(from, to)
		}
	}
	if err != nil {
		// No hard links here: copy, into a new file.
		b, rerr := os.ReadFile(from)
		if rerr != nil {
			return err
		}
		if err := os.Remove(to); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		f, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		_, err = f.Write(b)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		fi, err := os.Lstat(to)
		if err != nil {
			return err
		}
		e.mtime = fi.ModTime().UnixNano()
	}
	return t.claim(name, j, producedNew, e, &t.linked)
}

// replace makes way for a new file at name: its folder exists, and the
// old file (possibly a link to the live tree's) is gone.
func (t *Tree) replace(name string, old bool) error {
	if old {
		if err := os.Remove(filepath.Join(t.spare, filepath.FromSlash(name))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	dir := path.Dir(name)
	t.mu.Lock()
	made := t.dirs[dir]
	t.mu.Unlock()
	if made {
		return nil
	}
	if err := os.MkdirAll(filepath.Join(t.spare, filepath.FromSlash(dir)), 0o755); err != nil {
		return err
	}
	t.mu.Lock()
	t.dirs[dir] = true
	t.mu.Unlock()
	return nil
}

// claim notes that this build produced name, file j of the tree's
// manifest (-1 for none), as e; how is keptAsIs or producedNew.
func (t *Tree) claim(name string, j int, how uint32, e entry, count *atomic.Int64) error {
	if j >= 0 {
		if !t.produced[j].CompareAndSwap(notProduced, how) {
			return fmt.Errorf("publish: %s written twice", name)
		}
		if how == producedNew {
			t.mu.Lock()
			t.changed[j] = e
			t.mu.Unlock()
		}
	} else {
		t.mu.Lock()
		dup := t.isAdded[name]
		t.isAdded[name] = true
		t.added = append(t.added, addedFile{name, e})
		t.mu.Unlock()
		if dup {
			return fmt.Errorf("publish: %s written twice", name)
		}
	}
	count.Add(1)
	return nil
}

// Finish removes the files of the tree's previous build that this one
// did not produce, and records what the tree holds. The tree is then
// complete, and not yet live.
func (t *Tree) Finish() error {
	defer t.close()
	// Deepest first, so that a folder left empty can go too: the names
	// are sorted, and a folder's name sorts before its files'.
	var emptied map[string]bool
	for j := t.old.n - 1; j >= 0; j-- {
		if t.produced[j].Load() != notProduced {
			continue
		}
		name := t.old.name(j)
		if err := os.Remove(filepath.Join(t.spare, filepath.FromSlash(name))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("publish %s: %w", t.name, err)
		}
		if emptied == nil {
			emptied = map[string]bool{}
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
		_ = os.Remove(filepath.Join(t.spare, filepath.FromSlash(d))) // fails while not empty
	}
	slices.SortFunc(t.added, func(a, b addedFile) int { return strings.Compare(a.name, b.name) })
	m := t.out.manifestPath(t.name, t.spare)
	if m == "" {
		return nil
	}
	if err := t.manifest(filepath.Base(m)).write(m); err != nil {
		return fmt.Errorf("publish %s: %w", t.name, err)
	}
	return nil
}

// manifest is what the tree holds now: the files of the manifest before
// that this build produced, and those it added, merged in the order of
// their names.
func (t *Tree) manifest(owner string) *manifestWriter {
	n, namesLen := len(t.added), 0
	for j := range t.old.n {
		if t.produced[j].Load() != notProduced {
			n++
		}
	}
	namesLen = len(t.old.names)
	for _, a := range t.added {
		namesLen += len(a.name)
	}
	w := newManifestWriter(owner, n, namesLen)
	add := t.added
	run := 0 // the first file of the run of kept files not yet added
	for j := range t.old.n {
		how := t.produced[j].Load()
		if how == keptAsIs && (len(add) == 0 || add[0].name > t.old.name(j)) {
			continue // in the run
		}
		w.addRun(t.old, run, j)
		run = j + 1
		if how == notProduced {
			continue
		}
		name := t.old.name(j)
		for len(add) > 0 && add[0].name < name {
			w.add(add[0].name, add[0].entry)
			add = add[1:]
		}
		if how == keptAsIs {
			w.addRun(t.old, j, j+1)
		} else {
			w.add(name, t.changed[j])
		}
	}
	w.addRun(t.old, run, t.old.n)
	for _, a := range add {
		w.add(a.name, a.entry)
	}
	return w
}

// close closes the trees' folders.
func (t *Tree) close() {
	t.spareDir.close()
	t.liveDir.close()
}

// Written counts the files whose bytes this build wrote; Linked those it
// took from the live build by a hard link (or a copy); Kept those the
// tree already held. Together they are every file of the new build.
func (t *Tree) Written() int { return int(t.written.Load()) }
func (t *Tree) Linked() int  { return int(t.linked.Load()) }
func (t *Tree) Kept() int    { return int(t.kept.Load()) }
