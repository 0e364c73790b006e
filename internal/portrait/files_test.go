package portrait

import (
	"bytes"
	"crypto/sha256"
	"image/jpeg"
	"io/fs"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/portrait/portraittest"
)

// countingFS counts the files opened.
type countingFS struct {
	fs.FS
	mu     sync.Mutex
	opened int
}

func (c *countingFS) Open(name string) (fs.File, error) {
	c.mu.Lock()
	c.opened++
	c.mu.Unlock()
	return c.FS.Open(name)
}

// TestFilesDecodeOnce: the public site's three sizes and the internal
// site's two, listed before any is rendered, come from one read and one
// decode of the photo, whichever page is rendered first and however many
// at once; each page gets its size, and both sites the same bytes. A size
// asked once the photo was rendered is rendered again.
func TestFilesDecodeOnce(t *testing.T) {
	const file = "records/heroes/sheyang/H-2020-0001.jpg"
	data := photo(600, 800, 6, portraittest.Meta{GPS: true})
	c := &countingFS{FS: fstest.MapFS{file: {Data: data}}}
	f := NewFiles(c)
	p := &model.Portrait{File: file, Sum: sha256.Sum256(data), Width: 600, Height: 800, Usable: true}
	public := f.Pages(p, "H-2020-0001", Card, Page, Large)
	internal := f.Pages(p, "H-2020-0001", Page, Large)
	pages := append(internal, public...)
	got := make([][]byte, len(pages))
	var wg sync.WaitGroup
	for i, pg := range pages {
		wg.Go(func() {
			b, err := pg.File()
			if err != nil {
				t.Error(err)
			}
			got[i] = b
		})
	}
	wg.Wait()
	if c.opened != 1 {
		t.Errorf("the photo was opened %d times for both sites, want once", c.opened)
	}
	want := map[string]Size{}
	for _, s := range []Size{Card, Page, Large} {
		want[Path("H-2020-0001", s)] = s
	}
	byPath := map[string][]byte{}
	for i, pg := range pages {
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(got[i]))
		if s := want[pg.Path]; err != nil || cfg.Width != s.Width || cfg.Height != s.Height {
			t.Errorf("%s: %d×%d (%v), want %v", pg.Path, cfg.Width, cfg.Height, err, s)
		}
		if prev, ok := byPath[pg.Path]; ok && !bytes.Equal(prev, got[i]) {
			t.Errorf("%s: the two sites got other bytes", pg.Path)
		}
		byPath[pg.Path] = got[i]
	}

	late := f.Pages(p, "H-2020-0001", Page)
	b, err := late[0].File()
	if err != nil || !bytes.Equal(b, byPath[Path("H-2020-0001", Page)]) {
		t.Errorf("a size asked after the render: %v, same bytes %v", err, bytes.Equal(b, byPath[Path("H-2020-0001", Page)]))
	}
	if c.opened != 2 {
		t.Errorf("opened %d times after a late size, want twice", c.opened)
	}
}
