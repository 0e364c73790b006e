package public

import (
	"crypto/sha256"
	"fmt"
	"hash"
	"io"
	"unicode/utf8"

	"github.com/yancheng-jyyw/roll/internal/fold"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/site"
)

// redactor replaces, in the text of a published hero, the full name of
// every hero who is not on the roll or is anonymized there, by the surname
// and 某某. Names are found folded (package fold), as the check finds them:
// written with a character reference, a zero-width character, a line break
// inside or in the traditional form. The check (rules, DESIGN §5 rules 6
// and 7) refuses such text first, at the line; this is the second line of
// defence, so that no route publishes such a name.
//
// The names of the heroes on the roll are in the dictionary as well, kept
// as they are: a hidden name inside a longer published one (王海 in 王海燕)
// is not replaced, nor one that is part of a place's name (陈涛镇), as the
// check does not report them.
type redactor struct {
	names  *fold.Dict
	anon   []string  // the replacement of each name of the dictionary
	hidden int       // how many names are replaced
	dict   hash.Hash // of the code of roll, the names added and their replacements, in order
	sum    []byte    // of dict, once every name is added
	code   site.Key
}

// code identifies the code of roll (site.CodeKey, with the schemas): a
// memo's keys hold it, since the folding is code. pub is the Publication
// of each of repo's heroes on the build date (publications).
//
// folded, when not nil, holds each of repo's heroes' folded name where it
// is known ("" where not: a name kept by Kept, keyed by the record's
// bytes and the code); newRedactor folds the others' and fills them in.
func newRedactor(repo *model.Repo, pub []Withheld, code site.Key, folded []string) *redactor {
	r := &redactor{names: &fold.Dict{}, dict: sha256.New(), code: code}
	r.dict.Write(code[:])
	add := func(name, anon string) {
		r.anon = append(r.anon, anon)
		fmt.Fprintf(r.dict, "%d:%s%d:%s", len(name), name, len(anon), anon)
	}
	hidden := map[string]int{} // folded name → word: one word per name
	on := func(i int) bool { return pub[i] == Published && !repo.Heroes[i].Public.Anonymize }
	foldName := func(i int) string {
		if folded == nil {
			return fold.String(repo.Heroes[i].Name)
		}
		if folded[i] == "" {
			folded[i] = fold.String(repo.Heroes[i].Name)
		}
		return folded[i]
	}
	for i := range repo.Heroes {
		h := &repo.Heroes[i]
		if on(i) {
			continue
		}
		name := foldName(i)
		if _, dup := hidden[name]; dup {
			continue
		}
		if w := r.names.AddFolded(name); w >= 0 {
			hidden[name] = w
			add(name, Anonymize(h.Name))
			r.hidden++
		}
	}
	// The names on the roll that hold a hidden one are kept as they are;
	// one that is a hidden name too (two heroes of one name) stays hidden.
	for i := range repo.Heroes {
		if !on(i) {
			continue
		}
		name := foldName(i)
		if _, dup := hidden[name]; !dup && holdsName(name, hidden) && r.names.AddFolded(name) >= 0 {
			hidden[name] = -1
			add(name, "")
		}
	}
	r.sum = r.dict.Sum(nil)
	return r
}

// holdsName reports whether a part of name shorter than name is a key of
// names.
//
// The parts are looked up as substrings of name, shorter than it: a
// name of two characters, most of them, has none to look up. Made for
// every published hero on every build.
func holdsName(name string, names map[string]int) bool {
	if !utf8.ValidString(name) {
		// As a []rune holds it: each byte not of UTF-8 is U+FFFD. Folded
		// names (fold.String) are UTF-8 already.
		name = string([]rune(name))
	}
	// at holds the offset of each character of name, and its end.
	var buf [16]int
	at := buf[:0]
	for i := range name {
		at = append(at, i)
	}
	at = append(at, len(name))
	n := len(at) - 1
	for i := range n {
		for j := i + 2; j <= n && j-i < n; j++ {
			if w, ok := names[name[at[i]:at[j]]]; ok && w >= 0 {
				return true
			}
		}
	}
	return false
}

// text returns s, a text of the hero whose folded name is own ("" when
// he is anonymized), with the names replaced.
func (r *redactor) text(s, own string) string { return fold.Apply(s, r.edits(s, own)) }

// edits is what text changes in s: none when it changes nothing. A hidden
// name across his own (林平 in 王成林平时) is not replaced, as the check
// does not report it.
func (r *redactor) edits(s, own string) []fold.Edit {
	if r.hidden == 0 {
		return nil
	}
	return r.names.Edits(s, func(m fold.Match, t fold.Text) (string, bool) {
		anon := r.anon[m.Word]
		return anon, anon != "" && !fold.PlaceAfter(t.S[m.End:]) && !fold.Straddles(t.S, own, m.Start, m.End)
	})
}

// redaction redacts the texts of one hero and keys what it changed in
// them. Those texts come from the hero's record, whose hash keys the pages
// that show them already, but the names replaced in them depend on the
// other heroes: withdrawing hero A changes the page of hero B whose
// narrative names A, though B's record did not change. So each text adds
// to the key the edits redaction made in it (none, or where and with
// what): with the record's hash, they are the text as published. A page
// keyed by it is rendered again exactly when a text it shows is published
// differently, and not when someone it does not name is withdrawn.
type redaction struct {
	r   *redactor
	own string // the hero's folded name; "" when he is anonymized
	in  *site.Inputs
}

// key starts the redaction of the texts of h.
func (r *redactor) key(h *model.Hero) *redaction {
	rk := &redaction{r: r, in: site.NewInputs("redacted")}
	if !h.Public.Anonymize {
		rk.own = fold.String(h.Name)
	}
	return rk
}

// add keys the edits made in one text.
func (rk *redaction) add(edits []fold.Edit) {
	rk.in.Int(len(edits))
	for _, e := range edits {
		rk.in.Int(e.Start).Int(e.End).String(e.New)
	}
}

// texts returns the edits that redact each of the texts of a hero, in
// order (nil for a text left as it is), and adds them to the key; the
// texts are not changed (fold.Apply makes them). A hero memo knows
// (memo.go) is not scanned, and every hero is remembered for the next
// build. Edits rather than texts are kept, by the memo and by the pages
// until they render: a few words per text instead of a copy of every
// narrative the redaction touched (most of them, when many heroes share
// a name).
// src is the SHA-256 of the bytes of the record the texts are projected
// from, with the schemas and code (rk.r.code): for a loaded record (src
// not zero), the memo's key names the record by it rather than hashing
// every text again, which took a quarter of newRoll's time on a rebuild.
func (rk *redaction) texts(memo *Memo, src [sha256.Size]byte, texts ...*string) [][]fold.Edit {
	out := make([][]fold.Edit, len(texts))
	if memo == nil || rk.r.hidden == 0 || rk.r.code == (site.Key{}) {
		for i, t := range texts {
			out[i] = rk.r.edits(*t, rk.own)
			rk.add(out[i])
		}
		return out
	}
	h := sha256.New()
	h.Write(rk.r.sum)
	fmt.Fprintf(h, "%d:%s%d:", len(rk.own), rk.own, len(texts))
	if src != ([sha256.Size]byte{}) {
		h.Write([]byte("record:"))
		h.Write(src[:])
	} else {
		for _, t := range texts {
			fmt.Fprintf(h, "%d:", len(*t))
			io.WriteString(h, *t)
		}
	}
	key := [sha256.Size]byte(h.Sum(nil))
	if known, ok := memo.known[key]; ok && memo.fits(known, texts) {
		for i := range texts {
			if known != nil {
				out[i] = known[i]
			}
			rk.add(out[i])
		}
		memo.seen[key] = known
		return out
	}
	changed := false
	for i, t := range texts {
		out[i] = rk.r.edits(*t, rk.own)
		rk.add(out[i])
		changed = changed || out[i] != nil
	}
	if changed {
		memo.seen[key] = out
	} else {
		memo.seen[key] = nil
	}
	return out
}

// done is the key of what the redaction changed.
func (rk *redaction) done() site.Key { return rk.in.Done() }
