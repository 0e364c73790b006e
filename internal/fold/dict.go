package fold

import (
	"strings"
	"unicode/utf8"
)

// Dict finds any of a set of words, folded, in folded texts. Words shorter
// than two characters are not added: a single character matches too much to
// mean anything.
//
// Words are indexed by their first characters, two for short words (names)
// and four for longer ones (numbers, addresses), so that a text is read once
// whatever the number of words, and a word is compared only where a text
// holds its first characters.
type Dict struct {
	first [1 << 10]uint64 // bit r&0xFFFF: some word starts with r; most positions start none
	words []string
	short map[uint64][]int32 // words of 2 or 3 characters, by their first 2
	long  map[uint64][]int32 // words of 4 or more, by their first 4
}

// Len is the number of words in d.
func (d *Dict) Len() int { return len(d.words) }

// Add adds the folded form of word and returns its index, or -1 when the
// folded word is shorter than two characters.
func (d *Dict) Add(word string) int { return d.AddFolded(String(word)) }

// AddFolded adds w, which String folded already, as Add does.
func (d *Dict) AddFolded(w string) int {
	var rs [4]rune
	n := 0
	for _, r := range w {
		if n == len(rs) {
			break
		}
		rs[n] = r
		n++
	}
	if n < 2 {
		return -1
	}
	i := int32(len(d.words))
	d.words = append(d.words, w)
	d.first[rs[0]&0xFFFF>>6] |= 1 << (rs[0] & 63)
	if n < 4 {
		if d.short == nil {
			d.short = map[uint64][]int32{}
		}
		k := key2(rs[0], rs[1])
		d.short[k] = append(d.short[k], i)
	} else {
		if d.long == nil {
			d.long = map[uint64][]int32{}
		}
		k := key4(rs[0], rs[1], rs[2], rs[3])
		d.long[k] = append(d.long[k], i)
	}
	return int(i)
}

// Word returns the folded word with index i.
func (d *Dict) Word(i int) string { return d.words[i] }

func key2(a, b rune) uint64 { return uint64(a)<<21 | uint64(b) }

func key4(a, b, c, e rune) uint64 {
	const p = 0x100000001b3
	return ((uint64(a)*p^uint64(b))*p^uint64(c))*p ^ uint64(e)
}

// Match is a word found in a text: the index of the word and its byte
// range in the folded text.
type Match struct {
	Word       int
	Start, End int
}

// Find calls fn for each occurrence of each word in t, in the order of
// their starts (and of the words' indexes for one start). Occurrences may
// overlap.
func (d *Dict) Find(t Text, fn func(Match)) {
	if len(d.words) == 0 {
		return
	}
	s := t.S
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if d.first[r&0xFFFF>>6]&(1<<(r&63)) != 0 {
			d.at(s, i, fn)
		}
		i += size
	}
}

// at calls fn for the words that occur at s[i:].
func (d *Dict) at(s string, i int, fn func(Match)) {
	var rs [4]rune
	n := 0
	for j := i; n < len(rs) && j < len(s); n++ {
		var size int
		rs[n], size = utf8.DecodeRuneInString(s[j:])
		j += size
	}
	if n >= 2 && d.short != nil {
		for _, w := range d.short[key2(rs[0], rs[1])] {
			if word := d.words[w]; strings.HasPrefix(s[i:], word) {
				fn(Match{Word: int(w), Start: i, End: i + len(word)})
			}
		}
	}
	if n == 4 && d.long != nil {
		for _, w := range d.long[key4(rs[0], rs[1], rs[2], rs[3])] {
			if word := d.words[w]; strings.HasPrefix(s[i:], word) {
				fn(Match{Word: int(w), Start: i, End: i + len(word)})
			}
		}
	}
}

// Replace returns s with each occurrence of a word of d replaced by what
// repl returns for it; when repl returns false, the occurrence is left as
// it is. Where occurrences overlap, the one that starts first wins, and of
// those the longest: so a word that must stay (a name that may be
// published) protects the words inside it.
func (d *Dict) Replace(s string, repl func(m Match, t Text) (string, bool)) string {
	if len(d.words) == 0 {
		return s
	}
	t := New(s)
	var b strings.Builder
	done := 0    // bytes of s written so far
	foldEnd := 0 // the folded text is decided up to here
	var pending *Match
	replaced := false
	flush := func() {
		if pending == nil {
			return
		}
		if r, ok := repl(*pending, t); ok {
			start, end := t.Span(pending.Start, pending.End)
			b.WriteString(s[done:start])
			b.WriteString(r)
			done, replaced = end, true
		}
		foldEnd = pending.End
		pending = nil
	}
	d.Find(t, func(m Match) {
		if m.Start < foldEnd {
			return
		}
		if pending != nil && m.Start != pending.Start {
			if m.Start < pending.End {
				return // overlaps the pending one, which started first
			}
			flush()
		}
		if pending == nil || m.End > pending.End {
			mm := m
			pending = &mm
		}
	})
	flush()
	if !replaced {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// PlaceAfter reports whether the folded text after a name makes the name
// part of a place's: 陈涛镇 is a town, not the person 陈涛.
func PlaceAfter(after string) bool {
	for _, suffix := range [...]string{"镇", "乡", "县", "区", "市", "省", "街道"} {
		if strings.HasPrefix(after, suffix) {
			return true
		}
	}
	return false
}

// Straddles reports whether the match [start, end) of the folded text s
// overlaps an occurrence of the folded name without being that
// occurrence: the 林平 of 王成林平时 straddles 王成林. A text that names
// its own hero there reads as his name and the next word, not as another
// person called 林平.
func Straddles(s, name string, start, end int) bool {
	if name == "" {
		return false
	}
	for a := max(0, start-len(name)+1); a < end && a < len(s); a++ {
		if a == start && end-start == len(name) {
			continue // the name itself
		}
		if strings.HasPrefix(s[a:], name) {
			return true
		}
	}
	return false
}
