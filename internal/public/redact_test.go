package public

import (
	"crypto/sha256"
	"reflect"
	"strings"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/fold"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/site"
)

// TestHiddenNamesRedacted names, in a published hero's narrative, summary
// and honors note, the heroes who may not be published and the anonymized
// one, each written so that a literal search misses it. No file of the
// site holds any of them, folded; the published hero's own name stays.
func TestHiddenNamesRedacted(t *testing.T) {
	repo := fixture()
	h := &repo.Heroes[0] // 王伟, published
	h.Body += "\n\n同行的还有孙待&#23450;、吴\u200b不愿、周撤\n回、钱多多和歐陽明華。"
	h.Deed.Summary = "与孙　待　定一起跳入河中救起落水儿童"
	h.Honors[0].Note = "与**周撤回**同获表彰"
	raw := h.Src.Raw.(map[string]any)
	raw["deed"].(map[string]any)["summary"] = h.Deed.Summary
	raw["honors"].([]any)[0].(map[string]any)["note"] = h.Honors[0].Note
	out, _ := build(t, repo, schemaProj(t))
	hidden := []string{"孙待定", "吴不愿", "周撤回", "钱多多", "欧阳明华"}
	for name, body := range files(t, out) {
		f := fold.String(body)
		for _, n := range hidden {
			if strings.Contains(f, n) {
				t.Errorf("%s names %s", name, n)
			}
		}
	}
	page := files(t, out)["heroes/H-2020-0001.html"]
	for _, want := range []string{"王伟", "孙某某", "吴某某", "周某某", "钱某某", "欧阳某某"} {
		if !strings.Contains(page, want) {
			t.Errorf("the hero page does not show %s", want)
		}
	}
}

func TestRedactorKeepsLongerNamesAndPlaces(t *testing.T) {
	today := buildDay
	pub := hero("H-2020-0001", "王海燕", "sheyang", "2020-03-14", "射阳县", "救人")
	hid := hero("H-2020-0002", "王海", "sheyang", "2020-03-14", "射阳县", "救人")
	hid.Status = "pending"
	town := hero("H-2020-0003", "陈涛", "binhai", "2020-03-14", "滨海县", "救人")
	town.Public.Consent = false
	same := hero("H-2020-0004", "陈涛", "binhai", "2020-03-14", "滨海县", "救人") // published, but a 陈涛 is hidden
	own := hero("H-2020-0005", "王成林", "sheyang", "2020-03-14", "射阳县", "救人")
	lin := hero("H-2020-0006", "林平", "sheyang", "2020-03-14", "射阳县", "救人")
	lin.Status = "pending"
	repo := &model.Repo{Heroes: []model.Hero{pub, hid, town, same, own, lin}}
	r := newRedactor(repo, publications(repo, today), site.Key{}, nil)
	tests := []struct{ in, own, want string }{
		{"王海燕救起了王海", "", "王海燕救起了王某某"},
		{"滨海县陈涛镇的陈涛", "", "滨海县陈涛镇的陈某某"},
		// 王成林's own text: 林平 across his name is no one; alone it is.
		{"王成林平时热心，林平也在", "王成林", "王成林平时热心，林某某也在"},
		{"王成林平时热心", "", "王成林某某时热心"},
	}
	for _, tt := range tests {
		if got := r.text(tt.in, tt.own); got != tt.want {
			t.Errorf("text(%q, %q) = %q, want %q", tt.in, tt.own, got, tt.want)
		}
	}
}

// TestMemoRedactsWhatChanged: with the memo of the build before, a hero
// is not scanned again and his texts are published as they were; a name
// hidden since (a hero withdrawn) that a remembered hero's narrative
// holds is still replaced, since the memo's keys hold every hidden name,
// and the text so changed is remembered; a damaged memo is an empty one.
func TestMemoRedactsWhatChanged(t *testing.T) {
	repo := fixture()
	code := site.NewInputs("test").Done()
	h := &repo.Heroes[0] // 王伟, published
	other := -1
	for i := range repo.Heroes {
		if i != 0 && Publication(&repo.Heroes[i], buildDay) == Published && !repo.Heroes[i].Public.Anonymize {
			other = i
			break
		}
	}
	if other < 0 {
		t.Fatal("the fixture has no second published hero")
	}
	named := repo.Heroes[other].Name
	h.Body += "\n\n同行的还有" + named + "。"
	body := func(memo *Memo) (string, *Memo) {
		t.Helper()
		r, err := newRoll(repo, schemaProj(t), buildDay, code, memo, nil)
		if err != nil {
			t.Fatal(err)
		}
		return r.byID[h.ID].narrative(), memo
	}
	first, memo := body(ReadMemo(nil))
	if !memo.Changed() || len(memo.seen) == 0 {
		t.Fatalf("a first build remembered %d heroes", len(memo.seen))
	}
	// The memo through its bytes, as roll build keeps it.
	again, memo := body(ReadMemo(memo.Bytes()))
	if again != first || memo.Changed() {
		t.Errorf("a rebuild with the memo: changed %v, body %q, want %q", memo.Changed(), again, first)
	}
	// The hero named is withdrawn: the narrative that names him changes.
	repo.Heroes[other].Status = "withdrawn"
	withdrawn, memo := body(memo.Next())
	if strings.Contains(withdrawn, named) || !strings.Contains(withdrawn, Anonymize(named)) {
		t.Errorf("after %s was withdrawn, the narrative reads %q", named, withdrawn)
	}
	// The text redaction changed is remembered as published.
	remembered, memo := body(ReadMemo(memo.Bytes()))
	if remembered != withdrawn || memo.Changed() {
		t.Errorf("from the memo, changed %v, the narrative reads %q, want %q", memo.Changed(), remembered, withdrawn)
	}
	// Edits that do not fit the texts (a memo written wrong) are not
	// made: the hero is redacted again.
	bad := ReadMemo(memo.Bytes())
	for k, texts := range bad.known {
		for i := range texts {
			texts[i] = []fold.Edit{{Start: 0, End: 1 << 30, New: "x"}}
		}
		bad.known[k] = texts
	}
	if again, _ := body(bad); again != withdrawn {
		t.Errorf("with edits that do not fit, the narrative reads %q, want %q", again, withdrawn)
	}
	b := memo.Bytes()
	b[len(b)-1] ^= 1
	if m := ReadMemo(b); len(m.known) != 0 {
		t.Errorf("a damaged memo knows %d heroes", len(m.known))
	}
}

// counting is a Projector that counts the heroes it projects.
type counting struct {
	Projector
	n int
}

func (c *counting) Project(kind string, v any, max string) any {
	if kind == "hero" {
		c.n++
	}
	return c.Projector.Project(kind, v, max)
}

// TestMemoProjects: with the memo of the build before, a published
// hero's projection is taken from it only when the code and schemas and
// the record's file and bytes are the same; each of them changed
// projects again, and the heroes published from the memo, their texts
// redacted (by a memo keyed by the record's bytes) and anonymized in
// place, equal those of a build without it, build after build.
func TestMemoProjects(t *testing.T) {
	repo := fixture()
	for i := range repo.Heroes {
		repo.Heroes[i].Src.Sum = sha256.Sum256([]byte(repo.Heroes[i].ID))
	}
	published := 0
	for i := range repo.Heroes {
		if Publication(&repo.Heroes[i], buildDay) == Published {
			published++
		}
	}
	proj := &counting{Projector: schemaProj(t)}
	hidden := "" // the name of a hero off the roll: redaction hides it
	for i := range repo.Heroes {
		if Publication(&repo.Heroes[i], buildDay) != Published {
			hidden = repo.Heroes[i].Name
			break
		}
	}
	if hidden == "" || Publication(&repo.Heroes[0], buildDay) != Published {
		t.Fatal("the fixture has no hero off the roll, or its first hero is not published")
	}
	type shown struct {
		Hero Hero
		Body string
	}
	heroes := func(r *roll) []shown {
		var out []shown
		for _, e := range r.heroes {
			out = append(out, shown{e.Hero, e.narrative()})
		}
		return out
	}
	for _, disk := range []bool{false, true} {
		code := site.NewInputs("test").Done()
		memo := ReadMemo(nil)
		if disk {
			memo.ReadProjections(nil)
		}
		for _, step := range []struct {
			what   string
			change func()
			want   int // heroes projected
		}{
			{"a first build", func() {}, published},
			{"nothing changed", func() {}, 0},
			{"nothing changed, again", func() {}, 0},
			{"one record's bytes", func() { repo.Heroes[0].Src.Sum[0] ^= 1 }, 1},
			{"one record's file", func() { repo.Heroes[0].Src.File += ".moved" }, 1},
			{"a narrative naming a hero off the roll, and so the record's bytes", func() {
				repo.Heroes[0].Body += "\n\n同行的还有" + hidden + "。"
				repo.Heroes[0].Src.Sum[1] ^= 1
			}, 1},
			{"that narrative again, and so the record's bytes", func() {
				repo.Heroes[0].Body += "\n\n事后" + hidden + "说。"
				repo.Heroes[0].Src.Sum[1] ^= 2
			}, 1},
			{"the code or schemas", func() { code = site.NewInputs("test2").Done() }, published},
		} {
			step.change()
			proj.n = 0
			if disk {
				next := ReadMemo(memo.Bytes())
				next.ReadProjections(memo.ProjectionBytes())
				memo = next
			} else {
				memo = memo.Next()
			}
			r, err := newRoll(repo, proj, buildDay, code, memo, nil)
			if err != nil {
				t.Fatal(err)
			}
			if proj.n != step.want {
				t.Errorf("disk %v, after %s: %d heroes projected, want %d", disk, step.what, proj.n, step.want)
			}
			fresh, err := newRoll(repo, schemaProj(t), buildDay, code, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := heroes(r), heroes(fresh); !reflect.DeepEqual(got, want) {
				t.Errorf("after %s: the heroes published from the memo differ from a build without it:\n%+v\nwant\n%+v", step.what, got, want)
			}
		}
	}
}

// TestMemoReadsWhatItWrote: a memo read from its bytes knows every hero
// it was written with, edits and all. An edit far into a narrative has
// an offset larger than what follows it in the memo; a reader that took
// that for a damaged memo read every memo of a real archive as empty,
// so that every rebuild scanned every text again.
func TestMemoReadsWhatItWrote(t *testing.T) {
	m := &Memo{seen: map[[sha256.Size]byte][][]fold.Edit{}}
	for i, texts := range [][][]fold.Edit{
		nil, // a hero redaction left as he was
		{{{Start: 9000, End: 9006, New: "王某某"}}, nil, {{Start: 3, End: 9, New: "李某某"}}},
		{{{Start: 30, End: 36, New: "赵某某"}, {Start: 6000, End: 6006, New: "赵某某"}}},
	} {
		m.seen[sha256.Sum256([]byte{byte(i)})] = texts
	}
	got := ReadMemo(m.Bytes())
	if !reflect.DeepEqual(got.known, m.seen) {
		t.Errorf("read back:\n%v\nwant\n%v", got.known, m.seen)
	}
}
