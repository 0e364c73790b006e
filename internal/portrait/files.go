package portrait

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"sync"

	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/site"
)

// Dir is the folder of a site that holds the published portraits.
const Dir = "portraits"

// Path is the file of a site holding the portrait of hero id in size s:
// portraits/H-2020-0001-240.jpg.
func Path(id string, s Size) string {
	return Dir + "/" + id + "-" + strconv.Itoa(s.Width) + ".jpg"
}

// Image is a portrait as a template shows it: an <img> with its size
// set, a 2x source for sharp screens, and its alternative text.
type Image struct {
	Src           string // the file, from the site's root
	Src2x         string // "" when there is none
	Width, Height int    // CSS pixels
	Alt           string
}

// Srcset is the srcset attribute of the image on a page whose prefix to
// the site's root is root; "" without a 2x file.
func (im *Image) Srcset(root string) string {
	if im == nil || im.Src2x == "" {
		return ""
	}
	return root + im.Src + " 1x, " + root + im.Src2x + " 2x"
}

// Show is the image of hero id's portrait p in size s, with the next
// size of the photo as its 2x, and alt as its text.
func Show(p *model.Portrait, id string, s Size, alt string) *Image {
	im := &Image{Src: Path(id, s), Width: s.Width, Height: s.Height, Alt: alt}
	sizes := Sizes(p.Width, p.Height)
	for i, x := range sizes {
		if x == s && i+1 < len(sizes) {
			im.Src2x = Path(id, sizes[i+1])
		}
	}
	return im
}

// Files makes the published files of the portraits of one site. The
// files of one photo are made together (one decode for all its sizes) by
// the first of its pages that a build renders; each page takes its bytes,
// which are dropped once every page of the photo has taken them.
type Files struct {
	fsys fs.FS // the repository's root
}

// NewFiles makes the files of portraits read from fsys, the repository's
// root; nil for none.
func NewFiles(fsys fs.FS) *Files {
	if fsys == nil {
		return nil
	}
	return &Files{fsys: fsys}
}

// Pages lists the files of hero id's portrait p in sizes, each keyed by
// the photo's bytes and Settings alone.
func (f *Files) Pages(p *model.Portrait, id string, sizes ...Size) []site.Page {
	j := &job{left: len(sizes)}
	var pages []site.Page
	for i, s := range sizes {
		key := site.NewInputs("portrait").String(Settings).Record(p.Sum).Int(s.Width).Int(s.Height).Done()
		pages = append(pages, site.Page{Path: Path(id, s), Inputs: key, Raw: true, File: func() ([]byte, error) {
			j.once.Do(func() { j.out, j.err = f.render(p, sizes) })
			return j.take(i)
		}})
	}
	return pages
}

// job is the files of one photo being made.
type job struct {
	once sync.Once
	mu   sync.Mutex
	out  [][]byte
	err  error
	left int // pages that have not taken their bytes
}

// take gives the bytes of the i-th size and lets go of them.
func (j *job) take(i int) ([]byte, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.err != nil {
		return nil, j.err
	}
	b := j.out[i]
	j.out[i] = nil
	if j.left--; j.left == 0 {
		j.out = nil
	}
	return b, nil
}

// render reads the photo p and renders it in sizes. The bytes must be
// those the check read: the files are keyed by their hash.
func (f *Files) render(p *model.Portrait, sizes []Size) ([][]byte, error) {
	data, err := readLimited(f.fsys, p.File)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p.File, err)
	}
	if sha256.Sum256(data) != p.Sum {
		return nil, fmt.Errorf("%s: the photo changed while the sites were built; build again", p.File)
	}
	out, err := Render(data, sizes)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p.File, err)
	}
	return out, nil
}

// readLimited reads the file p of fsys, refusing one over MaxBytes.
func readLimited(fsys fs.FS, p string) ([]byte, error) {
	r, err := fsys.Open(p)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	data, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxBytes {
		return nil, errors.New("the photo is over the size a portrait may have")
	}
	return data, nil
}
