package serve

import (
	"errors"
	"io/fs"
	"maps"
	"path/filepath"
	"strings"
	"time"
)

// Watched are the folders of a repository whose changes trigger a rebuild.
var watched = [...]string{"records", "schemas", "templates"}

// stamp is what the watcher compares of one file.
type stamp struct {
	size int64
	mod  time.Time
	mode fs.FileMode
}

// tree is the state of the watched folders: a stamp per file, by path
// relative to the repository root.
type tree map[string]stamp

func (t tree) equal(u tree) bool {
	return maps.EqualFunc(t, u, func(a, b stamp) bool {
		return a.size == b.size && a.mode == b.mode && a.mod.Equal(b.mod)
	})
}

// scan walks the watched folders of root. Names starting with a dot are
// left out, as the records loader leaves them out: editors keep their swap
// and backup files there, and a keystroke should not rebuild the sites. A
// missing folder is empty; a file that vanishes during the walk is skipped.
func scan(root string) (tree, error) {
	t := tree{}
	for _, dir := range watched {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return nil
				}
				return err
			}
			if strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			info, err := d.Info()
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return err
			}
			st := stamp{mode: info.Mode()}
			if !d.IsDir() {
				// A folder's size and time change with its entries, which
				// are compared one by one anyway.
				st.size, st.mod = info.Size(), info.ModTime()
			}
			t[filepath.ToSlash(rel)] = st
			return nil
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return t, nil
}
