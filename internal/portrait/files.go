package portrait

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
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

// Files makes the published files of the portraits of the sites of one
// build. A photo is decoded once for every size any site asks of it (one
// decode for the public site's card and page and the internal site's
// record), by the first of its pages that a build renders; each page
// takes its bytes, which are dropped once every page of the size has
// taken them. Every site's pages must be listed (Pages) before the first
// is rendered for the photo to be decoded once; a size asked later is
// rendered again, from a decode of its own.
type Files struct {
	fsys fs.FS // the repository's root
	mu   sync.Mutex
	jobs map[[32]byte]*job // by the photo's SHA-256: the job still open to new sizes
}

// NewFiles makes the files of portraits read from fsys, the repository's
// root; nil for none.
func NewFiles(fsys fs.FS) *Files {
	if fsys == nil {
		return nil
	}
	return &Files{fsys: fsys, jobs: map[[32]byte]*job{}}
}

// Pages lists the files of hero id's portrait p in sizes, each keyed by
// the photo's bytes and Settings alone.
func (f *Files) Pages(p *model.Portrait, id string, sizes ...Size) []site.Page {
	f.mu.Lock()
	j := f.jobs[p.Sum]
	if j == nil {
		j = &job{p: p, left: map[Size]int{}}
		f.jobs[p.Sum] = j
	}
	for _, s := range sizes {
		if !slices.Contains(j.sizes, s) {
			j.sizes = append(j.sizes, s)
		}
		j.left[s]++
	}
	f.mu.Unlock()
	var pages []site.Page
	for _, s := range sizes {
		key := site.NewInputs("portrait").String(Settings).Record(p.Sum).Int(s.Width).Int(s.Height).Done()
		pages = append(pages, site.Page{Path: Path(id, s), Inputs: key, Raw: true, File: func() ([]byte, error) {
			j.once.Do(func() { f.run(j) })
			return j.take(s)
		}})
	}
	return pages
}

// job is the files of one photo being made.
type job struct {
	p     *model.Portrait
	once  sync.Once
	sizes []Size // every size asked, in the order first asked (Files.mu)
	mu    sync.Mutex
	out   map[Size][]byte
	err   error
	left  map[Size]int // pages of each size that have not taken their bytes
}

// run renders j's photo in every size asked of it so far; from then on
// the photo's next Pages start a job of their own.
func (f *Files) run(j *job) {
	f.mu.Lock()
	if f.jobs[j.p.Sum] == j {
		delete(f.jobs, j.p.Sum)
	}
	sizes := slices.Clone(j.sizes)
	f.mu.Unlock()
	out, err := f.render(j.p, sizes)
	j.mu.Lock()
	defer j.mu.Unlock()
	j.err = err
	j.out = map[Size][]byte{}
	for i, s := range sizes {
		if err == nil {
			j.out[s] = out[i]
		}
	}
}

// take gives the bytes of size s to one of its pages, and lets go of
// them when it is the last.
func (j *job) take(s Size) ([]byte, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.err != nil {
		return nil, j.err
	}
	b, ok := j.out[s]
	if !ok {
		return nil, fmt.Errorf("%s: the size %d×%d was not rendered", j.p.File, s.Width, s.Height)
	}
	if j.left[s]--; j.left[s] <= 0 {
		delete(j.out, s)
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
