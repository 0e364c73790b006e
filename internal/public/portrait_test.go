package public

import (
	"bytes"
	"crypto/sha256"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/portrait"
	"github.com/yancheng-jyyw/roll/internal/portrait/portraittest"
	"github.com/yancheng-jyyw/roll/internal/site"
	"github.com/yancheng-jyyw/roll/templates"
	"golang.org/x/net/html"
)

// photoFixture is the fixture with portraits: published for 王伟 (a
// phone's photo, turned, with GPS) and 赵小明 (a small one, no 2x of the
// page), and kept off the site for a hero shown anonymized, a hero
// without photo_consent, a withdrawn hero and one without consent at all.
// Each photo's comment names it, so a scan can look for its bytes.
func photoFixture(t testing.TB) (*model.Repo, fstest.MapFS) {
	t.Helper()
	repo := fixture()
	fsys := fstest.MapFS{}
	for _, p := range []struct {
		id      string
		w, h, o int
		consent bool
	}{
		{"H-2020-0001", 600, 800, 6, true},
		{"H-2023-0005", 300, 400, 1, true},
		{"H-2021-0002", 600, 800, 1, true},  // anonymized
		{"H-2021-0003", 600, 800, 1, false}, // published, no photo_consent
		{"H-2022-0008", 600, 800, 1, true},  // withdrawn
		{"H-2022-0009", 600, 800, 1, true},  // no consent to the roll
	} {
		h := &repo.Heroes[slices.IndexFunc(repo.Heroes, func(h model.Hero) bool { return h.ID == p.id })]
		h.Public.PhotoConsent = p.consent
		img := portraittest.Store(portraittest.Figure(p.w, p.h, 30, true), p.o)
		data := portraittest.JPEG(img, portraittest.Meta{Orientation: p.o, GPS: true, Thumbnail: true, Comment: "PHOTO-OF-" + p.id})
		file := model.PortraitFile(h.Src.File)
		fsys[file] = &fstest.MapFile{Data: data}
		info, msg := portrait.Inspect(data)
		if msg != nil {
			t.Fatalf("%s: %v", p.id, msg)
		}
		repo.Portraits = append(repo.Portraits, model.Portrait{File: file, Sum: sha256.Sum256(data), Width: info.Width, Height: info.Height, Usable: true})
	}
	return repo, fsys
}

// buildMemory renders the public site into memory after prev.
func buildMemory(t testing.TB, repo *model.Repo, photos fs.FS, inputs site.Key, prev *site.Memory) *site.Memory {
	t.Helper()
	s, _, err := Site(repo, schemaProj(t), templates.FS, Options{Today: buildDay, Inputs: inputs, Photos: portrait.NewFiles(photos)})
	if err != nil {
		t.Fatal(err)
	}
	b := prev.Next()
	if _, err := site.Render(b, s, site.Options{}); err != nil {
		t.Fatal(err)
	}
	return b.Done()
}

func TestPortraitsPublished(t *testing.T) {
	repo, photos := photoFixture(t)
	m := buildMemory(t, repo, photos, site.Key{1}, nil)
	var published []string
	for _, p := range m.Paths() {
		if strings.HasPrefix(p, "portraits/") {
			published = append(published, p)
		}
	}
	want := []string{"portraits/H-2020-0001-240.jpg", "portraits/H-2020-0001-480.jpg", "portraits/H-2020-0001-96.jpg",
		"portraits/H-2023-0005-240.jpg", "portraits/H-2023-0005-96.jpg"}
	if !slices.Equal(published, want) {
		t.Errorf("portraits published:\n%q\nwant\n%q", published, want)
	}
	// A second build from nothing gives the same bytes: the files are
	// made anew from the pixels each time, never copied from a cache.
	again := buildMemory(t, repo, photos, site.Key{1}, nil)
	for _, p := range published {
		data, _ := m.File(p)
		if err := portraittest.Clean(data); err != nil {
			t.Errorf("%s: %v", p, err)
		}
		if b, _ := again.File(p); !bytes.Equal(b, data) {
			t.Errorf("%s differs between two builds", p)
		}
	}

	// The card on the home page and the hero's page: the size set, lazy,
	// a 2x for sharp screens, the alternative text.
	home, _ := m.File("index.html")
	hp := page{t, "home", parseHTML(t, string(home))}
	imgs := hp.all(".card img.card-photo")
	if len(imgs) != 2 {
		t.Fatalf("%d cards with a photo on the home page, want 2", len(imgs))
	}
	attrs := func(n *html.Node) map[string]string {
		m := map[string]string{}
		for _, a := range n.Attr {
			m[a.Key] = a.Val
		}
		return m
	}
	cards := map[string]map[string]string{}
	for _, n := range imgs {
		a := attrs(n)
		cards[a["alt"]] = a
	}
	if a := cards["王伟的照片"]; a["src"] != "portraits/H-2020-0001-96.jpg" || a["width"] != "96" || a["height"] != "128" ||
		a["loading"] != "lazy" || a["srcset"] != "portraits/H-2020-0001-96.jpg 1x, portraits/H-2020-0001-240.jpg 2x" {
		t.Errorf("王伟's card photo: %v", a)
	}
	if _, ok := cards["赵小明的照片"]; !ok {
		t.Errorf("no card photo of 赵小明: %v", slices.Collect(maps.Keys(cards)))
	}

	heroPage := func(id string) page {
		b, ok := m.File("heroes/" + id + ".html")
		if !ok {
			t.Fatalf("no page of %s", id)
		}
		return page{t, id, parseHTML(t, string(b))}
	}
	p := heroPage("H-2020-0001")
	a := attrs(p.one("header.profile-head img.profile-photo"))
	if a["src"] != "../portraits/H-2020-0001-240.jpg" || a["width"] != "240" || a["height"] != "320" || a["loading"] != "lazy" ||
		a["alt"] != "王伟的照片" || a["srcset"] != "../portraits/H-2020-0001-240.jpg 1x, ../portraits/H-2020-0001-480.jpg 2x" {
		t.Errorf("王伟's page photo: %v", a)
	}
	a = attrs(heroPage("H-2023-0005").one("img.profile-photo"))
	if _, ok := a["srcset"]; ok || a["width"] != "240" {
		t.Errorf("赵小明's photo has no 2x, want no srcset: %v", a)
	}
	for _, id := range []string{"H-2021-0002", "H-2021-0003"} {
		heroPage(id).none("img")
		heroPage(id).none(`meta[property="og:image"]`)
	}

	// Shared, a hero's page shows the largest size of the portrait.
	for _, c := range []struct{ id, url, w, h string }{
		{"H-2020-0001", "https://jyyw.example.cn/portraits/H-2020-0001-480.jpg", "480", "640"},
		{"H-2023-0005", "https://jyyw.example.cn/portraits/H-2023-0005-240.jpg", "240", "320"},
	} {
		p := heroPage(c.id)
		if got := p.attr(`meta[property="og:image"]`, "content"); got != c.url {
			t.Errorf("%s: og:image = %q, want %q", c.id, got, c.url)
		}
		if w, h := p.attr(`meta[property="og:image:width"]`, "content"), p.attr(`meta[property="og:image:height"]`, "content"); w != c.w || h != c.h {
			t.Errorf("%s: og:image is %s×%s, want %s×%s", c.id, w, h, c.w, c.h)
		}
	}
}

// TestPortraitsWithheld scans every file of the public site for the
// photos that may not be published: their names, the comments inside
// them and the bytes they would have been encoded to.
func TestPortraitsWithheld(t *testing.T) {
	repo, photos := photoFixture(t)
	m := buildMemory(t, repo, photos, site.Key{1}, nil)
	for _, id := range []string{"H-2021-0002", "H-2021-0003", "H-2022-0008", "H-2022-0009"} {
		var data []byte
		for name, f := range photos {
			if strings.HasSuffix(name, "/"+id+".jpg") {
				data = f.Data
			}
		}
		info, _ := portrait.Inspect(data)
		rendered, err := portrait.Render(data, portrait.Sizes(info.Width, info.Height))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range m.Paths() {
			b, _ := m.File(p)
			if strings.Contains(p, id+"-") || bytes.Contains(b, []byte("portraits/"+id)) || bytes.Contains(b, []byte(id+".jpg")) {
				t.Errorf("%s names a portrait of %s", p, id)
			}
			if bytes.Contains(b, []byte("PHOTO-OF-"+id)) {
				t.Errorf("%s holds the photo of %s", p, id)
			}
			for _, r := range rendered {
				if len(b) >= len(r) && bytes.Contains(b, r) {
					t.Errorf("%s holds an encoding of the photo of %s", p, id)
				}
			}
		}
	}
}

// countingFS counts the files opened.
type countingFS struct {
	fs.FS
	mu     sync.Mutex
	opened map[string]int
}

func (c *countingFS) Open(name string) (fs.File, error) {
	c.mu.Lock()
	c.opened[name]++
	c.mu.Unlock()
	return c.FS.Open(name)
}

// TestPortraitsKeyed: a rebuild reads and encodes no photo whose bytes did
// not change, whatever else changed (here the key of roll's code), and
// encodes again the one that did.
func TestPortraitsKeyed(t *testing.T) {
	repo, photos := photoFixture(t)
	c := &countingFS{FS: photos, opened: map[string]int{}}
	first := buildMemory(t, repo, c, site.Key{1}, nil)
	if n := c.opened["records/heroes/sheyang/H-2020-0001.jpg"]; n != 1 {
		t.Fatalf("the first build opened the photo %d times, want once for its three sizes", n)
	}
	clear(c.opened)
	second := buildMemory(t, repo, c, site.Key{2}, first)
	if len(c.opened) != 0 {
		t.Errorf("a rebuild with other code opened %v, want no photo", c.opened)
	}
	before, _ := first.File("portraits/H-2020-0001-240.jpg")
	if after, _ := second.File("portraits/H-2020-0001-240.jpg"); !bytes.Equal(before, after) {
		t.Error("the kept portrait changed")
	}

	// A new photo of 王伟: that one is read again, and only that one.
	file := "records/heroes/sheyang/H-2020-0001.jpg"
	data := portraittest.JPEG(portraittest.Figure(600, 800, 120, false), portraittest.Meta{})
	photos[file] = &fstest.MapFile{Data: data}
	for i := range repo.Portraits {
		if repo.Portraits[i].File == file {
			repo.Portraits[i].Sum = sha256.Sum256(data)
		}
	}
	clear(c.opened)
	third := buildMemory(t, repo, c, site.Key{2}, second)
	if len(c.opened) != 1 || c.opened[file] != 1 {
		t.Errorf("after a new photo the build opened %v, want that photo once", c.opened)
	}
	if after, _ := third.File("portraits/H-2020-0001-240.jpg"); bytes.Equal(before, after) {
		t.Error("the new photo was not published")
	}
}
