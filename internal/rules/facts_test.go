package rules

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/synth"
	"github.com/yancheng-jyyw/roll/internal/wire"
)

// TestFactsAgeIsAge: the age from a hero's facts is Hero.Age, with ID
// numbers of valid and invalid birth dates (29 February, day 31 of a short
// month, month 13), without one, on many days.
func TestFactsAgeIsAge(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	births := []string{"20000229", "19000229", "20010229", "20200431", "20201301", "20200001", "20200100", "19991231", "20080101", "2008x101"}
	for range 300 {
		births = append(births, fmt.Sprintf("%04d%02d%02d", 1940+r.IntN(80), r.IntN(14), r.IntN(33)))
	}
	for _, b := range births {
		for _, id := range []string{"320902" + b + "1234", "", "3209" + b} {
			h := model.Hero{BirthYear: 1990, Private: model.Private{IDNumber: id}}
			f := factsOf(&h)
			g, ok := roundTrip(t, f)
			if !ok {
				t.Fatalf("%s: the facts read back differ: %+v, %+v", id, f, g)
			}
			for range 20 {
				day := time.Date(1950+r.IntN(90), time.Month(1+r.IntN(12)), 1+r.IntN(31), 0, 0, 0, 0, time.UTC)
				if got, want := g.age(day), h.Age(day); got != want {
					t.Errorf("%s on %s: %d from the facts, %d from the hero", id, day.Format(time.DateOnly), got, want)
				}
			}
		}
	}
}

// roundTrip writes f and reads it back.
func roundTrip(t *testing.T, f heroFacts) (heroFacts, bool) {
	t.Helper()
	f.name = "张三"
	var g heroFacts
	if !readFacts(f.append(nil), &g) {
		t.Fatal("facts written are read as none")
	}
	return g, g == f
}

// TestMemoKeptAsRead: a check that changes nothing leaves the very bytes
// of the memo it read (and says so); after an edit, the memo left has an
// entry for every record, and one record changed.
func TestMemoKeptAsRead(t *testing.T) {
	root, err := synth.Cached(synth.Options{Heroes: 300, Seed: 1, Year: 2020})
	if err != nil {
		t.Fatal(err)
	}
	repo, schemas := loadRepo(t, root)
	code := sha256.Sum256([]byte("roll"))
	first := NewMemo(code)
	Check(repo, Options{Today: memoDay, Schemas: schemas, Memo: first})
	b := first.Bytes()
	same := ReadMemo(b, code)
	Check(repo, Options{Today: memoDay, Schemas: schemas, Memo: same})
	if same.Changed() {
		t.Error("a check of the same records changed the memo")
	}
	if !bytes.Equal(same.Bytes(), b) {
		t.Error("a check of the same records left other bytes")
	}
	if same.passed != len(repo.Records)-countNotClean(same) {
		t.Errorf("passed over %d records of %d", same.passed, len(repo.Records))
	}
	// Records whose bytes changed but not their parts or facts leave the
	// memo as it is, up to staleEntries of them; each is walked again.
	for n, changed := range map[int]bool{1: false, staleEntries: false, staleEntries + 1: true} {
		for i := range n {
			repo.Records[i].Src.Sum[1]++
		}
		m := ReadMemo(b, code)
		want := findingLines(repo, Options{Today: memoDay, Schemas: schemas})
		if got := findingLines(repo, Options{Today: memoDay, Schemas: schemas, Memo: m}); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%d records edited: with the memo:\n%s\nwithout:\n%s", n, got, want)
		}
		if m.Changed() != changed {
			t.Errorf("%d records edited: the memo changed %v, want %v", n, m.Changed(), changed)
		}
		for i := range n {
			if m.known(i) {
				t.Errorf("record %d edited is known", i)
			}
			repo.Records[i].Src.Sum[1]--
		}
	}
	// An edit, a record removed and one added (the last moved first).
	repo.Records[7].Src.Sum[0]++
	last := repo.Records[len(repo.Records)-1]
	repo.Records = append([]model.Record{last}, repo.Records[:len(repo.Records)-1]...)
	repo.Records = append(repo.Records[:20], repo.Records[21:]...)
	edited := ReadMemo(b, code)
	want := findingLines(repo, Options{Today: memoDay, Schemas: schemas})
	got := findingLines(repo, Options{Today: memoDay, Schemas: schemas, Memo: edited})
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("with the memo:\n%s\nwithout:\n%s", got, want)
	}
	if !edited.Changed() {
		t.Error("an edit left the memo unchanged")
	}
	next := ReadMemo(edited.Bytes(), code)
	if len(next.entries) != len(repo.Records) {
		t.Errorf("%d entries for %d records", len(next.entries), len(repo.Records))
	}
	changed := 0
	for k := range next.entries {
		if string(next.path(k)) != repo.Records[k].Src.File || !bytes.Equal(next.sum(k), repo.Records[k].Src.Sum[:]) {
			t.Errorf("entry %d is of %s, not of record %s", k, next.path(k), repo.Records[k].Src.File)
		}
		if !edited.known(k) {
			changed++
		}
	}
	if changed != 1 {
		t.Errorf("%d records not known, want the one edited", changed)
	}
}

// countNotClean counts the records of the check m served whose texts gave
// a finding.
func countNotClean(m *Memo) int {
	n := 0
	for i := range m.next {
		if !m.next[i].textsClean {
			n++
		}
	}
	return n
}

// FuzzMemo: whatever bytes a memo holds, sealed as a memo is, reading it
// and every part of every entry never panics.
func FuzzMemo(f *testing.F) {
	root, err := synth.Cached(synth.Options{Heroes: 20, Seed: 1, Year: 2020})
	if err != nil {
		f.Fatal(err)
	}
	repo, schemas := loadRepo(f, root)
	code := sha256.Sum256([]byte("roll"))
	m := NewMemo(code)
	Check(repo, Options{Today: memoDay, Schemas: schemas, Memo: m})
	b := m.Bytes()
	f.Add(b[len(memoHeader) : len(b)-wire.SealSize])
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, body []byte) {
		m := ReadMemo(wire.AppendSeal(append([]byte(memoHeader), body...), len(memoHeader)), code)
		for k := range m.entries {
			_, _, _, _ = m.path(k), m.sum(k), m.flags(k), m.words(k)
			_ = m.hasParts(k)
			m.parts(k, func(string, int32) {})
			var f heroFacts
			m.heroFacts(k, &f)
		}
		readLedger(m.ledger, repo)
	})
}
