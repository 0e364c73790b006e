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

	"github.com/yancheng-jyyw/roll/internal/site"
)

// Tree is the inactive tree of one site being updated to a new build: a
// site.Target. Begin it, give it every file (site.Render), Finish it,
// then Publish it.
type Tree struct {
	out   *Out
	name  string
	live  string // OUT/<name>
	spare string // OUT/.roll/<name>: the tree being updated

	liveFiles map[string]entry // the live tree's manifest; read only
	old       map[string]*oldFile

	mu      sync.Mutex // guards what follows
	dirs    map[string]bool
	entries map[string]entry
	written int
	linked  int
	kept    int
}

// oldFile is a file the tree held before this build.
type oldFile struct {
	entry
	known bool // its entry comes from the tree's manifest
	used  bool // produced by this build
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
		old: map[string]*oldFile{}, dirs: map[string]bool{}, entries: map[string]entry{},
	}
	liveManifest := o.manifestPath(name, t.live)
	t.liveFiles = readManifest(liveManifest)
	spareManifest := o.manifestPath(name, t.spare)
	spareFiles := readManifest(spareManifest)
	// The inactive tree is about to change: from now on its manifest
	// must not vouch for it.
	if spareManifest != "" {
		if err := os.Remove(spareManifest); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("publish %s: %w", name, err)
		}
	}
	o.removeStaleManifests(name, liveManifest)
	if spareFiles != nil {
		for p, e := range spareFiles {
			t.old[p] = &oldFile{entry: e, known: true}
		}
	} else if err := t.listSpare(); err != nil {
		return nil, fmt.Errorf("publish %s: %w", name, err)
	}
	if err := os.MkdirAll(t.spare, 0o755); err != nil {
		return nil, fmt.Errorf("publish %s: %w", name, err)
	}
	t.dirs["."] = true
	return t, nil
}

// listSpare lists the files of an inactive tree that has no manifest.
func (t *Tree) listSpare() error {
	err := filepath.WalkDir(t.spare, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(t.spare, p)
		if err != nil {
			return err
		}
		t.old[filepath.ToSlash(rel)] = &oldFile{}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
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
	t.mu.Lock()
	old := t.old[name]
	t.mu.Unlock()
	if old != nil && old.known && old.key == key && matches(filepath.Join(t.spare, name), old.entry) {
		t.claim(name, old, old.entry, &t.kept)
		return true, nil
	}
	if e, ok := t.liveFiles[name]; ok && e.key == key && matches(filepath.Join(t.live, name), e) {
		return true, t.link(name, old, e)
	}
	return false, nil
}

// Put implements site.Target; it writes data and keeps none of it.
func (t *Tree) Put(name string, data []byte, key site.Key) error {
	if !fs.ValidPath(name) || name == "." {
		return fmt.Errorf("publish: invalid file name %q", name)
	}
	e := entry{size: int64(len(data)), sum: sha256.Sum256(data), key: key}
	t.mu.Lock()
	old := t.old[name]
	_, dup := t.entries[name]
	t.mu.Unlock()
	if dup {
		return fmt.Errorf("publish: %s written twice", name)
	}
	p := filepath.Join(t.spare, filepath.FromSlash(name))
	if old != nil {
		if fi, err := os.Lstat(p); err == nil && fi.Mode().IsRegular() && fi.Size() == e.size {
			same := old.known && old.sum == e.sum && old.mtime == fi.ModTime().UnixNano()
			if !old.known {
				b, err := os.ReadFile(p)
				same = err == nil && bytes.Equal(b, data)
			}
			if same {
				e.mtime = fi.ModTime().UnixNano()
				t.claim(name, old, e, &t.kept)
				return nil
			}
		}
	}
	if l, ok := t.liveFiles[name]; ok && l.sum == e.sum && matches(filepath.Join(t.live, name), l) {
		l.key = key
		return t.link(name, old, l)
	}
	if err := t.replace(name, old); err != nil {
		return err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
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
	t.claim(name, old, e, &t.written)
	return nil
}

// link makes name of the tree the live tree's file, which holds e.
func (t *Tree) link(name string, old *oldFile, e entry) error {
	if err := t.replace(name, old); err != nil {
		return err
	}
	from, to := filepath.Join(t.live, filepath.FromSlash(name)), filepath.Join(t.spare, filepath.FromSlash(name))
	if err := os.Link(from, to); err != nil {
		// No hard links here: copy.
		b, rerr := os.ReadFile(from)
		if rerr != nil {
			return err
		}
		if err := os.WriteFile(to, b, 0o644); err != nil {
			return err
		}
		fi, err := os.Lstat(to)
		if err != nil {
			return err
		}
		e.mtime = fi.ModTime().UnixNano()
	}
	t.claim(name, old, e, &t.linked)
	return nil
}

// replace makes way for a new file at name: its folder exists, and the
// old file (possibly a link to the live tree's) is gone.
func (t *Tree) replace(name string, old *oldFile) error {
	if old != nil {
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

func (t *Tree) claim(name string, old *oldFile, e entry, count *int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if old != nil {
		old.used = true
	}
	t.entries[name] = e
	*count++
}

// matches reports whether the file at p is as e describes it.
func matches(p string, e entry) bool {
	fi, err := os.Lstat(p)
	return err == nil && fi.Mode().IsRegular() && fi.Size() == e.size && fi.ModTime().UnixNano() == e.mtime
}

// Finish removes the files of the tree's previous build that this one
// did not produce, and records what the tree holds. The tree is then
// complete, and not yet live.
func (t *Tree) Finish() error {
	var stale []string
	for name, f := range t.old {
		if !f.used {
			stale = append(stale, name)
		}
	}
	// Deepest first, so that a folder left empty can go too.
	slices.SortFunc(stale, func(a, b string) int { return strings.Compare(b, a) })
	emptied := map[string]bool{}
	for _, name := range stale {
		if err := os.Remove(filepath.Join(t.spare, filepath.FromSlash(name))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("publish %s: %w", t.name, err)
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
	if m := t.out.manifestPath(t.name, t.spare); m != "" {
		if err := writeManifest(m, t.entries); err != nil {
			return fmt.Errorf("publish %s: %w", t.name, err)
		}
	}
	return nil
}

// Written counts the files whose bytes this build wrote; Linked those it
// took from the live build by a hard link (or a copy); Kept those the
// tree already held. Together they are every file of the new build.
func (t *Tree) Written() int { return t.written }
func (t *Tree) Linked() int  { return t.linked }
func (t *Tree) Kept() int    { return t.kept }
