package status

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/yancheng-jyyw/roll/internal/check"
	"github.com/yancheng-jyyw/roll/internal/history"
	"github.com/yancheng-jyyw/roll/internal/site"
	"github.com/yancheng-jyyw/roll/templates"
)

// memoCode stands for the code of roll and the schemas (Options.Inputs).
var memoCode = site.NewInputs("test code").String("one").Done()

// memoBuild is one build of the internal site's page list with memo.
type memoBuild struct {
	site  *site.Site
	stats Stats
	keys  map[string]site.Key // of every page, by path
}

func listWithMemo(t *testing.T, res *check.Result, hist *history.History, day time.Time, code site.Key, memo *Memo) memoBuild {
	t.Helper()
	s, st, err := Site(Input{Repo: res.Repo, Schemas: res.Schemas, Findings: res.Findings, History: hist}, templates.FS,
		Options{Today: day, Inputs: code, Memo: memo})
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]site.Key{}
	for _, p := range s.Pages {
		keys[p.Path] = p.Inputs
	}
	return memoBuild{site: s, stats: st, keys: keys}
}

// checkAt runs roll check on dir as of day.
func checkAt(t *testing.T, dir string, day time.Time) *check.Result {
	t.Helper()
	res, err := check.Run(dir, check.Options{Today: day})
	if err != nil {
		t.Fatal(err)
	}
	if n := res.Findings.Errors(); n > 0 {
		t.Fatalf("%d errors: %v", n, res.Findings)
	}
	return res
}

// replaceIn replaces the first old in the file of dir with new.
func replaceIn(t *testing.T, dir, file, old, new string) {
	t.Helper()
	p := filepath.Join(dir, file)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	if err := os.WriteFile(p, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// memoEdit is what changes between the two builds of a memo test: a
// file's text, the build date, the code and schemas' key. Its zero value
// changes nothing.
type memoEdit struct {
	file, old, new string
	day            time.Time
	code           site.Key
}

// apply makes the edit in dir and checks the records again: the second
// build's result, its history, date and code.
func (e memoEdit) apply(t *testing.T, dir string) (*check.Result, *history.History, time.Time, site.Key) {
	t.Helper()
	day, code := buildDay, memoCode
	if !e.day.IsZero() {
		day = e.day
	}
	if e.code != (site.Key{}) {
		code = e.code
	}
	if e.file != "" {
		replaceIn(t, dir, e.file, e.old, e.new)
	}
	res := checkAt(t, dir, day)
	return res, fixedHistory(res), day, code
}

// firstBuild builds the sample's page list once with a new memo, as of
// buildDay under memoCode: the repository and the memo it leaves.
func firstBuild(t *testing.T) (string, *Memo) {
	t.Helper()
	dir := sampleRepo(t)
	res := checkAt(t, dir, buildDay)
	memo := NewMemo()
	listWithMemo(t, res, fixedHistory(res), buildDay, memoCode, memo)
	return dir, memo
}

// sameKeys fails unless got has the pages of want, each under want's key.
func sameKeys(t *testing.T, got, want memoBuild) {
	t.Helper()
	if len(got.keys) != len(want.keys) {
		t.Errorf("%d pages, want %d", len(got.keys), len(want.keys))
	}
	for p, k := range want.keys {
		if got.keys[p] != k {
			t.Errorf("%s: key differs from a build without the memo", p)
		}
	}
}

// poisoned is the memo m leaves for the next build with its listing
// made wrong under the same key: more overdue tasks, and a page no
// record gives. A build that uses it shows both.
func poisoned(m *Memo) *Memo {
	next := m.Next()
	if next.listing == nil {
		panic("no listing to poison")
	}
	l := *next.listing
	l.overdue += 1000
	l.pages = append(slices.Clone(l.pages), listedPage{path: "poison.html", template: "index.html", title: "poison"})
	next.listing = &l
	return next
}

// TestMemoListingFollowsItsInputs: the listing of the pages that count
// across the archive is used only under the key of everything they read.
// A memo whose listing was made wrong under the key of the first build is
// used when nothing changed (the test can see it) and ignored after any
// change to what those pages read: the records of each kind, the build
// date, the commit, the settings, the code and schemas. A countingKey
// that leaves out an input fails the case that changes it.
func TestMemoListingFollowsItsInputs(t *testing.T) {
	for _, tc := range []struct {
		name           string
		file, old, new string
		day            time.Time
		commit         func(*history.History)
		code           site.Key
		used           bool // the poisoned listing is the right one to use
	}{
		{name: "nothing changed", used: true},
		{name: "a narrative", file: "records/heroes/sheyang/H-2019-0002.md", old: "五名船员全部获救。", new: "五名船员全部获救，无人受伤。", used: true},
		{name: "a deed's summary", file: "records/heroes/tinghu/H-2020-0013.md", old: "summary: ", new: "summary: 据报，", used: true},
		{name: "a visit", file: "records/visits/2020/V-2020-0001.yaml", old: "items: 慰问金、水果", new: "items: 慰问金、鲜花"},
		{name: "a task's status", file: "records/tasks/2020/05.yaml", old: "\nstatus: in_progress", new: "\nstatus: done"},
		{name: "a report", file: "records/reports/2020/R-2020-Q2-binhai.yaml", old: "{task: T-2020-06, status: in_progress}", new: "{task: T-2020-06, status: done}"},
		{name: "a fund entry", file: "records/fund/2020/05.yaml", old: `amount: "6100.00"`, new: `amount: "6200.00"`},
		{name: "a withdrawal", file: "records/heroes/tinghu/H-2020-0013.md", old: "status: pending", new: "status: withdrawn"},
		{name: "an insurance year", file: "records/heroes/sheyang/H-2019-0002.md", old: "insurance: [2020]", new: "insurance: [2019]"},
		{name: "site.yaml", file: "records/site.yaml", old: "title: 盐城市见义勇为英模名录", new: "title: 盐城市见义勇为英模录"},
		{name: "a minor turns 18", day: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)},
		{name: "the next day", day: buildDay.AddDate(0, 0, 1)},
		{name: "a commit", commit: func(h *history.History) {
			c := history.Commit{Hash: "3333333ccccccccccccccccccccccccccccccccc", Short: "3333333",
				When: h.Head.When.Add(time.Hour), Author: "张敏", Subject: "核对任务"}
			h.Files["records/tasks/2020/05.yaml"] = append([]history.Commit{c}, h.Files["records/tasks/2020/05.yaml"]...)
			h.Head = &c
		}},
		{name: "the code or schemas", code: site.NewInputs("test code").String("two").Done()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, memo := firstBuild(t)

			res, hist, day, code := memoEdit{file: tc.file, old: tc.old, new: tc.new, day: tc.day, code: tc.code}.apply(t, dir)
			if tc.commit != nil {
				tc.commit(hist)
			}
			want := listWithMemo(t, res, hist, day, code, nil)
			got := listWithMemo(t, res, hist, day, code, poisoned(memo))
			_, poison := got.keys["poison.html"]
			if tc.used {
				if !poison || got.stats.Overdue != want.stats.Overdue+1000 {
					t.Fatalf("the listing kept under an unchanged key was not used (overdue %d, want %d)", got.stats.Overdue, want.stats.Overdue+1000)
				}
				return
			}
			if poison || got.stats != want.stats {
				t.Fatalf("the listing of the build before was used after the change: stats %+v, want %+v", got.stats, want.stats)
			}
			sameKeys(t, got, want)
		})
	}
}

// TestMemoCountedFollowsCode: a hero's part of the fields key is taken
// from the memo only under the code and schemas it was made with, and
// only for the bytes it was made from.
func TestMemoCountedFollowsCode(t *testing.T) {
	dir := sampleRepo(t)
	res := checkAt(t, dir, buildDay)
	hist := fixedHistory(res)
	memo := NewMemo()
	want := listWithMemo(t, res, hist, buildDay, memoCode, memo)
	if n := memo.nextTable(nil).len(); n != len(res.Repo.Heroes) {
		t.Fatalf("the memo keeps %d heroes' keys, want %d", n, len(res.Repo.Heroes))
	}
	// Every hero's key made wrong: a build that takes them keys the
	// counting pages otherwise.
	wrong := func() *Memo {
		next := memo.Next()
		next.listing = nil
		bad := slices.Clone(next.counted)
		for i := range bad.len() {
			k := site.NewInputs("wrong").Record([32]byte(bad.sum(i))).Done()
			copy(bad[i*entrySize+32:], k[:])
		}
		next.counted = bad
		return next
	}
	if got := listWithMemo(t, res, hist, buildDay, memoCode, wrong()); got.keys["index.html"] == want.keys["index.html"] {
		t.Fatal("the heroes' keys kept under the same code were not used")
	}
	other := site.NewInputs("test code").String("two").Done()
	if got, fresh := listWithMemo(t, res, hist, buildDay, other, wrong()), listWithMemo(t, res, hist, buildDay, other, nil); got.keys["index.html"] != fresh.keys["index.html"] {
		t.Error("the heroes' keys made under other code or schemas were used")
	}
	// The hero's bytes changed in a field the counting pages show.
	replaceIn(t, dir, "records/heroes/sheyang/H-2019-0002.md", "outcome: injured", "outcome: unharmed")
	res = checkAt(t, dir, buildDay)
	hist = fixedHistory(res)
	if got, fresh := listWithMemo(t, res, hist, buildDay, memoCode, memo.Next()), listWithMemo(t, res, hist, buildDay, memoCode, nil); got.keys["index.html"] != fresh.keys["index.html"] {
		t.Error("after an edit the memo keys the counting pages otherwise than a build without it")
	} else if got.keys["index.html"] == want.keys["index.html"] {
		t.Error("an edit to a field the counting pages show left their key as it was")
	}
}

// TestMemoReadsWhatItWrote: the memo's bytes give the memo back; cut,
// altered or of another format, they give an empty one.
func TestMemoReadsWhatItWrote(t *testing.T) {
	dir := sampleRepo(t)
	res := checkAt(t, dir, buildDay)
	hist := fixedHistory(res)
	memo := NewMemo()
	listWithMemo(t, res, hist, buildDay, memoCode, memo)
	if !memo.Changed() {
		t.Fatal("a first build's memo is not changed")
	}
	b := memo.Bytes()
	read := ReadMemo(b)
	if read.code != memoCode || read.counted.len() != len(res.Repo.Heroes) || read.listing == nil || !read.listing.equal(memo.nextListing) ||
		read.money == nil || !read.money.equal(memo.nextMoney) {
		t.Fatal("the memo read is not the memo written")
	}
	if !bytes.Equal(read.counted, memo.nextTable(nil)) {
		t.Fatal("the heroes' keys read are not the ones written")
	}
	inMemory := memo.Next()
	listWithMemo(t, res, hist, buildDay, memoCode, inMemory)
	if inMemory.Changed() || !bytes.Equal(inMemory.Bytes(), b) {
		t.Error("the memo kept in memory changed in a build that changed nothing")
	}
	// A build with the memo read changes nothing in it.
	again := listWithMemo(t, res, hist, buildDay, memoCode, read)
	if read.Changed() || !bytes.Equal(read.Bytes(), b) {
		t.Error("a build that changed nothing changed the memo")
	}
	if again.stats.Overdue == 0 {
		t.Error("no overdue task counted from the memo")
	}
	empty := func(m *Memo) bool {
		return m.code == (site.Key{}) && m.counted.len() == 0 && m.listing == nil && m.money == nil
	}
	for i := 0; i < len(b); i += max(1, len(b)/200) {
		cut := b[:i]
		if !empty(ReadMemo(cut)) {
			t.Fatalf("the memo cut at %d of %d bytes was read", i, len(b))
		}
		bad := slices.Clone(b)
		bad[i] ^= 0x01
		if !empty(ReadMemo(bad)) {
			t.Fatalf("the memo with byte %d altered was read", i)
		}
	}
	if !empty(ReadMemo([]byte(strings.Replace(string(b), "v3", "v2", 1)))) {
		t.Error("a memo of another format was read")
	}
}

// TestMemoListingIsHeldToThePages: a page listed from the memo is held,
// when it renders, to what the records give: a listing that names a
// page otherwise (a key that missed an input would) fails the build
// rather than writing the page under a key that does not name it.
func TestMemoListingIsHeldToThePages(t *testing.T) {
	dir := sampleRepo(t)
	res := checkAt(t, dir, buildDay)
	hist := fixedHistory(res)
	memo := NewMemo()
	listWithMemo(t, res, hist, buildDay, memoCode, memo)

	// Rendered from a listing that is right, every page is the page a
	// build without the memo renders.
	right := listWithMemo(t, res, hist, buildDay, memoCode, memo.Next())
	fresh := listWithMemo(t, res, hist, buildDay, memoCode, nil)
	a, b := (*site.Memory)(nil).Next(), (*site.Memory)(nil).Next()
	if _, err := site.Render(a, right.site, site.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := site.Render(b, fresh.site, site.Options{}); err != nil {
		t.Fatal(err)
	}
	ma, mb := a.Done(), b.Done()
	if !slices.Equal(ma.Paths(), mb.Paths()) {
		t.Fatalf("the pages listed from the memo are not the pages of a build without it")
	}
	for _, p := range mb.Paths() {
		x, _ := ma.File(p)
		y, _ := mb.File(p)
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs rendered from the memo's listing", p)
		}
	}

	next := memo.Next()
	l := *next.listing
	l.pages = slices.Clone(l.pages)
	for i := range l.pages {
		if strings.HasPrefix(l.pages[i].path, "care/") {
			l.pages[i].title += "（旧）"
		}
	}
	next.listing = &l
	wrong := listWithMemo(t, res, hist, buildDay, memoCode, next)
	_, err := site.Render((*site.Memory)(nil).Next(), wrong.site, site.Options{Workers: 1})
	if err == nil || !strings.Contains(err.Error(), "memo") {
		t.Errorf("rendering from a listing the records do not give: %v, want an error", err)
	}
}

// FuzzMemo: any sealed bytes after the header read without a panic, as
// an empty memo or as one whose bytes, read again, give the same memo.
func FuzzMemo(f *testing.F) {
	var entries table
	for _, e := range [][2]byte{{3, 4}, {1, 2}, {3, 4}} { // made out of order, one twice
		sum, k := [32]byte{e[0]}, site.Key{e[1]}
		entries = append(append(entries, sum[:]...), k[:]...)
	}
	m := &Memo{nextCode: memoCode, added: entries,
		nextListing: &listing{key: site.Key{5}, overdue: 3, notVisited: -1,
			pages: []listedPage{{"index.html", "index.html", "", "home", ""}, {"care/2020.html", "care.html", "2020年走访慰问", "care", "2020.xlsx"}},
			books: []listedBook{{"care/2020.xlsx", site.Key{6}}}},
		nextMoney: &keptMoney{key: site.Key{7}, unpaid: 2, ids: []string{"H-2020-0001", "H-2020-0002"}, sums: []site.Key{{8}, {9}}}}
	b := m.Bytes()
	f.Add(b[len(memoHeader) : len(b)-32])
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, body []byte) {
		seal := sha256.Sum256(body)
		in := append(append([]byte(memoHeader), body...), seal[:]...)
		r := ReadMemo(in)
		again := &Memo{nextCode: r.code, added: r.counted, nextListing: r.listing, nextMoney: r.money}
		if r.counted.len() > 0 {
			again.runs = []run{{added: true, from: 0, to: r.counted.len()}}
		}
		r2 := ReadMemo(again.Bytes())
		if r2.code != r.code || !bytes.Equal(r2.counted, r.counted) || (r.listing == nil) != (r2.listing == nil) ||
			(r.listing != nil && !r.listing.equal(r2.listing)) || (r.money == nil) != (r2.money == nil) ||
			(r.money != nil && !r.money.equal(r2.money)) {
			t.Fatalf("the memo read from %x reads otherwise once written", body)
		}
	})
}

// TestMemoKeepsKeysInOrder: the keys a build leaves are those it looked
// up in the memo read and those it made, in the order it asked for them;
// the others are dropped.
func TestMemoKeepsKeysInOrder(t *testing.T) {
	entry := func(sum, key byte) ([32]byte, site.Key) { return [32]byte{sum}, site.Key{key} }
	old := &Memo{nextCode: memoCode}
	old.begin(memoCode)
	for _, e := range [][2]byte{{9, 1}, {2, 2}, {5, 3}, {7, 4}} {
		old.keepCounted(entry(e[0], e[1]))
	}
	m := ReadMemo(old.Bytes())
	if m.counted.len() != 4 {
		t.Fatalf("%d keys read", m.counted.len())
	}
	m.begin(memoCode)
	for _, sum := range []byte{2, 7} { // 9 and 5 no longer asked for
		if k, ok := m.countedKey([32]byte{sum}); !ok || k != (site.Key{map[byte]byte{7: 4, 2: 2}[sum]}) {
			t.Fatalf("key of %d: %v %v", sum, k, ok)
		}
	}
	if _, ok := m.countedKey([32]byte{5, 1}); ok {
		t.Fatal("a sum never kept was found")
	}
	m.keepCounted(entry(6, 5))
	m.keepCounted(entry(1, 6))
	if !m.Changed() {
		t.Fatal("a build that dropped and made keys left the memo as it was")
	}
	got := ReadMemo(m.Bytes()).counted
	var want []byte
	for _, e := range [][2]byte{{2, 2}, {7, 4}, {6, 5}, {1, 6}} {
		s, k := entry(e[0], e[1])
		want = append(append(want, s[:]...), k[:]...)
	}
	if !bytes.Equal(got, want) || !bytes.Equal(m.Next().counted, want) {
		t.Fatalf("the keys left are\n%x\nwant\n%x", got, want)
	}
	// Asked again in the same order, the memo is kept as it is.
	again := ReadMemo(m.Bytes())
	again.begin(memoCode)
	for _, e := range [][2]byte{{2, 2}, {7, 4}, {6, 5}, {1, 6}} {
		if k, ok := again.countedKey([32]byte{e[0]}); !ok || k != (site.Key{e[1]}) {
			t.Fatalf("key of %d: %v %v", e[0], k, ok)
		}
	}
	if again.Changed() || !bytes.Equal(again.Bytes(), m.Bytes()) {
		t.Error("a build that asked for every key in order changed the memo")
	}
}

// TestMemoFindsMovedKeys: the keys the memo holds are found whatever
// moved since it was written (heroes added, removed, changed, or the
// order turned around, past the entries a lookup compares first), all
// but at most manyMisses of them, and none it does not hold; what a
// build made is kept as fieldsKey keeps it.
func TestMemoFindsMovedKeys(t *testing.T) {
	const n = 1000
	sum := func(i int) [32]byte { return sha256.Sum256([]byte{byte(i), byte(i >> 8)}) }
	key := func(i int) site.Key { return site.NewInputs("moved").Int(i).Done() }
	old := &Memo{}
	old.begin(memoCode)
	for i := range n {
		old.keepCounted(sum(i), key(i))
	}
	for _, c := range []struct {
		name  string
		order []int // the heroes asked for; -1 a hero never kept
	}{
		{"the same", seq(0, n)},
		{"one changed", append(append(seq(0, 10), -1), seq(11, n)...)},
		{"one added", append(append(seq(0, 500), -1), seq(500, n)...)},
		{"one removed", append(seq(0, 500), seq(501, n)...)},
		{"many removed", append(seq(0, 100), seq(400, n)...)},
		{"many added", append(append(seq(0, 100), slices.Repeat([]int{-1}, 300)...), seq(100, n)...)},
		{"turned around", reversed(seq(0, n))},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := ReadMemo(old.Bytes())
			m.begin(memoCode)
			missed := 0
			for j, i := range c.order {
				if i < 0 {
					s := sha256.Sum256([]byte{byte(j), byte(j >> 8), 0xff, 0xfe})
					if _, ok := m.countedKey(s); ok {
						t.Fatalf("asked %d: a sum never kept was found", j)
					}
					m.keepCounted(s, site.NewInputs("new").Int(j).Done())
					continue
				}
				k, ok := m.countedKey(sum(i))
				if ok && k != key(i) {
					t.Fatalf("asked %d: the key of %d is another's", j, i)
				}
				if !ok {
					missed++
					m.keepCounted(sum(i), key(i))
				}
			}
			if missed > manyMisses {
				t.Errorf("%d kept keys missed, want at most %d", missed, manyMisses)
			}
			if kept := m.tableKept(); kept != (c.name == "the same") {
				t.Errorf("the table read kept whole: %v", kept)
			}
		})
	}
}

func seq(from, to int) []int {
	var out []int
	for i := from; i < to; i++ {
		out = append(out, i)
	}
	return out
}

func reversed(s []int) []int {
	slices.Reverse(s)
	return s
}

// TestMemoMoneyFollowsItsInputs: what the fund paid and owes the heroes
// is taken from the memo only under the key of what it is made of. A
// memo whose money was made wrong under the first build's key (1,000
// more dues unpaid, a sum for a hero the fund never paid) is used when
// nothing the fund reads changed, and ignored after a change to a visit,
// a decision, a month of the ledger, an event, or the code and schemas:
// then every key and count is a build's without the memo.
func TestMemoMoneyFollowsItsInputs(t *testing.T) {
	for _, tc := range []struct {
		name           string
		file, old, new string
		code           site.Key
		used           bool
	}{
		{name: "nothing changed", used: true},
		{name: "a deed's summary", file: "records/heroes/tinghu/H-2020-0013.md", old: "summary: ", new: "summary: 据报，", used: true},
		{name: "a visit", file: "records/visits/2020/V-2020-0001.yaml", old: "items: 慰问金、水果", new: "items: 慰问金、鲜花"},
		{name: "a decision", file: "records/decisions/2020/D-2020-02.yaml", old: `reward: "5000.00"`, new: `reward: "6000.00"`},
		{name: "a fund entry", file: "records/fund/2020/05.yaml", old: `amount: "6100.00"`, new: `amount: "6200.00"`},
		{name: "an event", file: "records/events/2020/E-2020-0001.yaml", old: "participants: 30", new: "participants: 31"},
		{name: "the code or schemas", code: site.NewInputs("test code").String("two").Done()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, memo := firstBuild(t)
			next := memo.Next()
			if next.money == nil || len(next.money.ids) == 0 {
				t.Fatal("the first build kept no money")
			}
			k := *next.money
			k.unpaid += 1000
			k.ids = append(slices.Clone(k.ids), "H-9999-0001")
			k.sums = append(slices.Clone(k.sums), site.Key{9})
			k.sums[0] = site.Key{7}
			next.money = &k

			res, hist, day, code := memoEdit{file: tc.file, old: tc.old, new: tc.new, code: tc.code}.apply(t, dir)
			want := listWithMemo(t, res, hist, day, code, nil)
			got := listWithMemo(t, res, hist, day, code, next)
			if tc.used {
				if got.stats.Unpaid != want.stats.Unpaid+1000 {
					t.Fatalf("the money kept under an unchanged key was not used (unpaid %d, want %d)", got.stats.Unpaid, want.stats.Unpaid+1000)
				}
				return
			}
			if got.stats != want.stats {
				t.Fatalf("the money of the build before was used after the change: stats %+v, want %+v", got.stats, want.stats)
			}
			sameKeys(t, got, want)
		})
	}
}
