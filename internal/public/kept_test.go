package public

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io/fs"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/yancheng-jyyw/roll/internal/fold"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/site"
	"github.com/yancheng-jyyw/roll/internal/wire"
	"github.com/yancheng-jyyw/roll/templates"
)

// listed is what a page list says of each page: its template and key.
func listed(s *site.Site) map[string]string {
	out := map[string]string{}
	for _, p := range s.Pages {
		out[p.Path] = p.Template + " " + string(p.Inputs[:])
	}
	return out
}

// TestKeptEntriesAreMade: with the entries kept by the build before, read
// back from their bytes, a hero is projected again only when his record,
// or the code, changed, and the site (its pages' keys and their bytes)
// is the one a build without them lists and renders, build after build:
// after a summary, a withdrawal (the dictionary of hidden names), a
// catalog, an anonymized hero, the build date, the code, and damaged or
// cut bytes.
func TestKeptEntriesAreMade(t *testing.T) {
	// At the default size no list of the fixture is split; at 1 and 2
	// every list is split by year and its years into pages, whose rows' keys
	// are kept (Kept.rowsKeys).
	for _, size := range []int{0, 1, 2} {
		t.Run(fmt.Sprintf("page size %d", size), func(t *testing.T) { keptEntriesAreMade(t, size) })
	}
}

func keptEntriesAreMade(t *testing.T, size int) {
	repo := fixture()
	for i := range repo.Heroes {
		h := &repo.Heroes[i]
		h.Src.File = "records/heroes/" + h.ID + ".md"
		h.Src.Sum = sha256.Sum256([]byte(h.ID))
	}
	published := func(day time.Time) int {
		n := 0
		for i := range repo.Heroes {
			if Publication(&repo.Heroes[i], day) == Published {
				n++
			}
		}
		return n
	}
	first := &repo.Heroes[0]
	if Publication(first, buildDay) != Published {
		t.Fatal("the fixture's first hero is not published")
	}
	// The first hero's narrative names the second, whom the withdrawal
	// below takes off the roll: redaction hides his name then, in the
	// lead of the search index too.
	first.Body = "同行的还有" + repo.Heroes[2].Name + "。" + first.Body + "\n\n同行的还有" + repo.Heroes[2].Name + "。"
	changed := func(h *model.Hero, f func()) {
		f()
		h.Src.Raw = rawOf(h)
		h.Src.Sum[0]++
	}
	tfs, err := fs.Sub(templates.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	code := site.NewInputs("test").Done()
	day := buildDay
	var state []byte
	for _, step := range []struct {
		what   string
		change func()
		want   int // heroes projected; -1: every published one
	}{
		{"a first build", func() {}, -1},
		{"nothing changed", func() {}, 0},
		{"a summary", func() { changed(first, func() { first.Deed.Summary += "，终获救" }) }, 1},
		{"a withdrawal", func() {
			h := &repo.Heroes[2]
			changed(h, func() { h.Status = "withdrawn" })
		}, 0},
		{"a jurisdiction renamed", func() { repo.Jurisdictions[0].Name += "新区" }, 0},
		{"an honor renamed", func() { repo.Honors[0].Name += "（市级）" }, 0},
		{"a hero shown anonymized", func() { changed(first, func() { first.Public.Anonymize = true }) }, 1},
		{"the build date: a minor turns 18, and only he is projected", func() { day = day.AddDate(6, 0, 0) }, 1},
		{"the code or schemas", func() { code = site.NewInputs("test2").Done() }, -1},
		// Sealed again with the roll's order reversed, as no build
		// writes it: the order is checked, and the heroes sorted.
		{"the roll's order kept reversed", func() {
			state = resealed(t, state, func(k *Kept) { slices.Reverse(k.order2) })
		}, 0},
		// A hero moves from one list to another, from one year to
		// another, and leaves the roll: the lists' pages of both years
		// and both values change, and the years' lists shrink by a page.
		{"a hero moves to another jurisdiction", func() {
			h := other(t, repo, day, first)
			changed(h, func() { h.Jurisdiction = otherJurisdiction(t, repo, h.Jurisdiction) })
		}, 1},
		{"a hero's deed a year earlier", func() {
			h := other(t, repo, day, first)
			changed(h, func() { h.Deed.Date = model.Date("2009" + string(h.Deed.Date)[4:]) })
		}, 1},
		{"a hero's kind of deed and outcome", func() {
			h := other(t, repo, day, first)
			changed(h, func() { h.Deed.Kind, h.Outcome = first.Deed.Kind, "deceased" })
		}, 1},
		{"a hero removed", func() {
			h := other(t, repo, day, first)
			for j := range repo.Heroes {
				if &repo.Heroes[j] == h {
					repo.Heroes = slices.Delete(repo.Heroes, j, j+1)
					break
				}
			}
		}, 0},
		// Sealed again with every page's count of heroes wrong: the
		// counts are checked, and the rows hashed.
		{"the rows' counts kept wrong", func() {
			state = resealed(t, state, func(k *Kept) {
				for i := range k.runs2 {
					k.runs2[i].keys = slices.Clone(k.runs2[i].keys)
					for j := range k.runs2[i].keys {
						if k.runs2[i].keys[j].n > 0 {
							k.runs2[i].keys[j].n--
						}
					}
				}
			})
		}, 0},
		// Sealed again with a projection cut: read whole, it is decoded
		// only when its entry is made, and that hero projected again.
		{"a projection kept cut", func() {
			state = resealed(t, state, func(k *Kept) {
				a := k.seen[0]
				a.proj, a.raw = a.proj[:len(a.proj)-1], nil
			})
		}, 1},
		// Sealed again with the search index's leads kept wrong: past
		// the end of the narrative, of an unknown kind, cut. Each is
		// made again, not written.
		{"the search index's leads kept wrong", func() {
			state = resealed(t, state, func(k *Kept) {
				a, b, c := k.seen[0], k.seen[1], k.seen[2]
				a.search, a.raw = wire.AppendString(binary.AppendUvarint(binary.AppendUvarint([]byte{1}, 1<<20), 5), "x"), nil
				b.search, b.raw = append([]byte{7}, b.search[1:]...), nil
				c.search, c.raw = c.search[:len(c.search)-1], nil
			})
		}, 0},
		{"the bytes damaged", func() { state[len(state)/2] ^= 0x10 }, -1},
		{"the bytes cut", func() { state = state[:len(state)-40] }, -1},
		{"nothing changed, at last", func() {}, 0},
	} {
		step.change()
		proj := &counting{Projector: schemaProj(t)}
		kept := ReadKept(state)
		s, _, err := Site(repo, proj, tfs, Options{Today: day, Inputs: code, Kept: kept, PageSize: size})
		if err != nil {
			t.Fatal(err)
		}
		want := step.want
		if want < 0 {
			want = published(day)
		}
		if proj.n != want {
			t.Errorf("after %s: %d heroes projected, want %d", step.what, proj.n, want)
		}
		if kept.Changed() {
			state = kept.Bytes()
		} else if step.want != 0 {
			t.Errorf("after %s: the kept entries did not change", step.what)
		}
		fresh, _, err := Site(repo, schemaProj(t), tfs, Options{Today: day, Inputs: code, PageSize: size})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := listed(s), listed(fresh); !maps.Equal(got, want) {
			t.Errorf("after %s: the pages listed with the kept entries differ from those of a build without", step.what)
		}
		dir := t.TempDir()
		warm, cold := filepath.Join(dir, "warm"), filepath.Join(dir, "cold")
		// Rendered, the shards of the search index fill in the rows the
		// entries did not keep, which the next step's render reads.
		wk := ReadKept(state)
		if _, err := renderTo(warm, repo, schemaProj(t), tfs, Options{Today: day, Inputs: code, Kept: wk, PageSize: size}); err != nil {
			t.Fatal(err)
		}
		if wk.Changed() {
			state = wk.Bytes()
		}
		for i, kh := range ReadKept(state).list {
			if kh.search == nil {
				t.Errorf("after %s: entry %d keeps no row of the search index after a render", step.what, i)
			}
		}
		if _, err := renderTo(cold, repo, schemaProj(t), tfs, Options{Today: day, Inputs: code, PageSize: size}); err != nil {
			t.Fatal(err)
		}
		if got, want := files(t, warm), files(t, cold); !maps.Equal(got, want) {
			for p := range want {
				if got[p] != want[p] {
					t.Errorf("after %s: %s differs from a build without the kept entries", step.what, p)
				}
			}
		}
	}
}

// other is the last hero of repo published on day but not, nor first.
func other(t *testing.T, repo *model.Repo, day time.Time, not *model.Hero) *model.Hero {
	t.Helper()
	for i := len(repo.Heroes) - 1; i >= 0; i-- {
		if h := &repo.Heroes[i]; h != not && Publication(h, day) == Published {
			return h
		}
	}
	t.Fatal("no other hero published")
	return nil
}

// otherJurisdiction is a jurisdiction of repo's catalog other than id.
func otherJurisdiction(t *testing.T, repo *model.Repo, id string) string {
	t.Helper()
	for _, j := range repo.Jurisdictions {
		if j.ID != id {
			return j.ID
		}
	}
	t.Fatal("one jurisdiction only")
	return ""
}

// resealed is b, entries kept by a build, written again whole after f
// changed what is written.
func resealed(t *testing.T, b []byte, f func(k *Kept)) []byte {
	t.Helper()
	k := ReadKept(b)
	if len(k.list) < 2 {
		t.Fatalf("%d entries kept", len(k.list))
	}
	k.begin(k.code)
	k.keys(k.dict, k.cat)
	for i := range k.list {
		k.seen = append(k.seen, &k.list[i])
	}
	k.order2, k.runs2 = slices.Clone(k.order), k.runs
	f(k)
	return k.Bytes()
}

// keptSample is what TestKeptReadsWhatItWrote and FuzzReadKept write.
func keptSample() *Kept {
	k := &Kept{code2: site.Key{1}, dict2: site.Key{2}, cat2: site.Key{3}}
	k.seen = []*keptHero{
		{file: "records/heroes/a.md", sum: [32]byte{4}, proj: appendHero(nil, Hero{ID: "H-1", Name: "王海", Honors: []Award{{Honor: "x", Year: 2020, Note: "表彰"}}}),
			edits: [][]fold.Edit{{{Start: 9000, End: 9006, New: "王某某"}}, nil, nil}, redacted: site.Key{5},
			sortKey: []byte{1, 2, 3}, surname: "王", year: 2020, folded: "王海", row: site.Key{6},
			search: appendSearch(nil, "王海救人。", "王海救人。", "wanghai wh")},
		{file: "records/heroes/b.md", sum: [32]byte{8}, proj: appendHero(nil, Hero{ID: "H-2", Name: "李某某", Martyr: &Martyr{Doc: "文"}}),
			edits: [][]fold.Edit{nil, nil, nil}, photo: &photoID{sum: [32]byte{9}, w: 600, h: 800},
			search: appendSearch(nil, "# 记", "记", "")},
	}
	k.order2 = []int32{1, 0}
	k.runs2 = []rowRuns{{name: "roll.html|2020", keys: []runKey{{n: 2, key: site.Key{10}}}},
		{name: "part|kinds/rescue.html|2020", keys: []runKey{{n: 1, key: site.Key{11}}, {n: 1, key: site.Key{12}}}}}
	return k
}

// FuzzReadKept: any bytes read as kept entries read without a panic,
// and entries read are written again as they were.
func FuzzReadKept(f *testing.F) {
	b := keptSample().Bytes()
	f.Add(b)
	f.Add(b[:len(b)/2])
	f.Add([]byte(keptHeader))
	f.Fuzz(func(t *testing.T, b []byte) {
		k := ReadKept(b)
		if len(k.list) == 0 {
			return
		}
		if len(k.order) != len(k.list) {
			t.Fatalf("%d entries and an order of %d", len(k.list), len(k.order))
		}
		k.begin(k.code)
		k.keys(k.dict, k.cat)
		for i := range k.list {
			k.seen = append(k.seen, &k.list[i])
		}
		k.order2, k.runs2 = k.order, k.runs
		if again := k.Bytes(); !bytes.Equal(again, b) {
			t.Error("entries read are not written as they were")
		}
	})
}

// TestKeptReadsWhatItWrote: entries read from their bytes are those
// written, and written again unchanged; cut, altered or foreign bytes
// keep nothing.
func TestKeptReadsWhatItWrote(t *testing.T) {
	k := keptSample()
	b := k.Bytes()
	got := ReadKept(b)
	if got.code != k.code2 || got.dict != k.dict2 || got.cat != k.cat2 || len(got.list) != len(k.seen) {
		t.Fatalf("read back %d entries under %x %x %x", len(got.list), got.code[:2], got.dict[:2], got.cat[:2])
	}
	if !slices.Equal(got.order, k.order2) {
		t.Errorf("read back the roll's order %v, want %v", got.order, k.order2)
	}
	for i, want := range k.seen {
		kh := got.list[i]
		kh.raw = nil
		if !reflect.DeepEqual(&kh, want) {
			t.Errorf("read back\n%+v\nwant\n%+v", kh, want)
		}
	}
	// Kept whole, an entry is written as it was read.
	got.begin(k.code2)
	got.keys(k.dict2, k.cat2)
	for i := range got.list {
		got.seen = append(got.seen, &got.list[i])
	}
	got.order2, got.runs2 = got.order, got.runs
	if !reflect.DeepEqual(got.runs, k.runs2) {
		t.Errorf("read back the rows' keys %v, want %v", got.runs, k.runs2)
	}
	if again := got.Bytes(); string(again) != string(b) {
		t.Error("the entries read and kept whole are not written as they were")
	}
	for n := range len(b) {
		if len(ReadKept(b[:n]).list) != 0 {
			t.Fatalf("bytes cut at %d of %d are read", n, len(b))
		}
	}
	for i := range b {
		for bit := range 8 {
			c := append([]byte(nil), b...)
			c[i] ^= 1 << bit
			if len(ReadKept(c).list) != 0 {
				t.Fatalf("bytes altered at %d (bit %d) of %d are read", i, bit, len(b))
			}
		}
	}
	// Changes of many bits at once are the seal's to catch
	// (wire.TestSealed).
	other := append([]byte("roll public entries v3\n"), b[len(keptHeader):]...)
	if len(ReadKept(other).list) != 0 {
		t.Error("another format's bytes are read")
	}
	// The format before, sealed by the SHA-256 of its body, under its
	// header and under this one.
	body := b[len(keptHeader) : len(b)-sealSize]
	sum := sha256.Sum256(body)
	for _, h := range []string{"roll public entries v4\n", keptHeader} {
		older := append(append([]byte(h), body...), sum[:]...)
		if len(ReadKept(older).list) != 0 {
			t.Errorf("entries sealed by their SHA-256 under %q are read", h)
		}
	}
	// Sealed whole but of other bytes: a file cut and sealed again holds
	// a count of entries it does not hold.
	cut := append([]byte(keptHeader), b[len(keptHeader):len(b)-sealSize-3]...)
	seal := wire.Seal(cut[len(keptHeader):])
	if len(ReadKept(append(cut, seal[:]...)).list) != 0 {
		t.Error("entries cut and sealed again are read")
	}
}

// TestHoldsName: a name holds a hidden one when a part of it, of two
// characters or more and shorter than it, is one.
func TestHoldsName(t *testing.T) {
	names := map[string]int{"王海": 0, "林平": 1, "张三丰": -1}
	for _, tc := range []struct {
		name string
		want bool
	}{
		{"王海", false}, {"王海燕", true}, {"小王海", true}, {"王成林平", true}, {"林平", false},
		{"张三丰", false}, {"张三丰年", false}, {"王", false}, {"", false}, {"王\xff海", false}, {"a王海", true},
	} {
		if got := holdsName(tc.name, names); got != tc.want {
			t.Errorf("holdsName(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestKeptSearch: the lead and pinyin kept of a hero's row of the search
// index read back as written, the lead as where it is in the narrative or
// as its text; a lead past the narrative, or bytes cut or of another kind,
// read as nothing kept. The start of a narrative redacted is the start of
// the whole.
func TestKeptSearch(t *testing.T) {
	body := "王海跳入河中，李明随后。\n\n他救起了落水儿童。"
	e := &entry{src: &model.Hero{Body: body}}
	redacted := &entry{src: e.src, bodyEdits: []fold.Edit{{Start: 0, End: 6, New: "王某某"}, {Start: 21, End: 27, New: "李某"}}}
	for _, x := range []*entry{e, redacted} {
		narr := x.narrative()
		for n := range len(narr) + 2 {
			got, ok := x.narrativeTo(n)
			if ok != (n <= len(narr)) || ok && got != narr[:n] {
				t.Errorf("narrativeTo(%d) = %q %v, want the start of %q", n, got, ok, narr)
			}
		}
		for _, tc := range []struct{ lead, py string }{
			{strings.Split(narr, "\n")[0], "wanghai wh"}, {"他救起了落水儿童。", ""}, {"**王海**", "wanghai wh"}, {"", "x"},
		} {
			b := appendSearch(nil, narr, tc.lead, tc.py)
			lead, py, ok := keptSearch(b, x.narrativeTo)
			if !ok || lead != tc.lead || py != tc.py {
				t.Errorf("kept %q %q: read back %q %q %v", tc.lead, tc.py, lead, py, ok)
			}
			for n := range len(b) {
				if _, _, ok := keptSearch(b[:n], x.narrativeTo); ok {
					t.Errorf("kept %q %q: cut at %d of %d is read", tc.lead, tc.py, n, len(b))
				}
			}
			if _, _, ok := keptSearch(append([]byte{9}, b[1:]...), x.narrativeTo); ok {
				t.Errorf("kept %q %q: another kind is read", tc.lead, tc.py)
			}
			if b[0] == 1 && strings.HasSuffix(narr, tc.lead) {
				short := &entry{src: &model.Hero{Body: body[:len(body)-3]}, bodyEdits: x.bodyEdits}
				if _, _, ok := keptSearch(b, short.narrativeTo); ok {
					t.Errorf("kept %q: read past a shorter narrative", tc.lead)
				}
			}
		}
	}
}
