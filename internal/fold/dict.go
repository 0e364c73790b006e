package fold

import (
	"iter"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Dict finds any of a set of words, folded, in folded texts. Words shorter
// than two characters are not added: a single character matches too much to
// mean anything.
//
// A word added several times (a common name, the address of a family) is
// kept once, with the indexes Add returned for it. Words are found by
// exact keys: at a position of a text, the two and the three characters
// there are looked up as they are, and for longer words the first four
// characters give the byte lengths that words starting with them have, each
// looked up as it is. So a text is read once whatever the number of words,
// and a word is compared only where the text holds it.
//
// Words and texts are folded (String, New): valid UTF-8.
type Dict struct {
	// Bit r&0xFFFF of first[k]: some word of k+2 characters (k = 2: four or
	// more) starts with r; most positions start none.
	first [3][1 << 10]uint64
	// Bit pair(a, b) of pairs: some word starts with the characters a and
	// b. A position is looked at only when the pair there has its bit:
	// surnames are common characters, the pairs of names' first two are
	// not.
	pairs  []uint64
	byWord map[string]int32 // a distinct word's number
	words  []word           // distinct words, by number
	index  []int32          // the word of each index Add returned
	next   []int32          // the next index of the same word; -1 after the last
	// Words of two and three characters by their characters (key2, key3).
	two, three map[uint64]int32
	long       map[uint64][]int32 // words of 4 characters or more: their distinct byte lengths by their first 4 (key4)
	// folders are Folders for Edits, whose memory (the map of each folded
	// byte back to the text, four bytes a byte) serves text after text.
	folders sync.Pool
}

// char decodes the character at the start of s, as a range loop does,
// except that an invalid byte is 0x110000 plus the byte rather than
// utf8.RuneError: so the characters of a string give back its bytes, and a
// key made of them is exact.
func char(s string) (c rune, size int) {
	if s[0] < utf8.RuneSelf {
		return rune(s[0]), 1
	}
	if b := s[0]; b >= 0xE1 && b <= 0xEC && len(s) >= 3 && s[1]&0xC0 == 0x80 && s[2]&0xC0 == 0x80 {
		// U+1000–U+CFFF, Chinese: three bytes, never overlong.
		return rune(b&0x0F)<<12 | rune(s[1]&0x3F)<<6 | rune(s[2]&0x3F), 3
	}
	c, size = utf8.DecodeRuneInString(s)
	if c == utf8.RuneError && size == 1 {
		c = 0x110000 + rune(s[0])
	}
	return c, size
}

// key2 and key3 are the exact keys of two and three characters (each
// below 1<<21).
func key2(a, b rune) uint64 { return uint64(a)<<21 | uint64(b) }

func key3(a, b, c rune) uint64 { return uint64(a)<<42 | uint64(b)<<21 | uint64(c) }

// word is a distinct word and the first and last indexes it was added as.
type word struct {
	s           string
	first, last int32
}

// Len is the number of words in d, counting each time a word was added.
func (d *Dict) Len() int { return len(d.index) }

// Add adds the folded form of word and returns its index, or -1 when the
// folded word is shorter than two characters. A word added again gets a
// new index; Find reports it once for each.
func (d *Dict) Add(word string) int { return d.AddFolded(String(word)) }

// Addable reports whether Add adds the folded word w: whether it has two
// characters or more.
func Addable(w string) bool {
	if len(w) == 0 {
		return false
	}
	_, size := char(w)
	return size < len(w)
}

// head returns the first characters of the folded word w, at most four,
// and how many there are: what Dict keys a word by, and Starts looks for.
func head(w string) (rs [4]rune, n int) {
	for j := 0; n < len(rs) && j < len(w); n++ {
		var size int
		rs[n], size = char(w[j:])
		j += size
	}
	return rs, n
}

// AddFolded adds w, which String folded already, as Add does.
func (d *Dict) AddFolded(w string) int {
	rs, n := head(w)
	if n < 2 {
		return -1
	}
	i := int32(len(d.index))
	d.next = append(d.next, -1)
	if id, ok := d.byWord[w]; ok {
		d.index = append(d.index, id)
		d.next[d.words[id].last] = i
		d.words[id].last = i
		return int(i)
	}
	if d.byWord == nil {
		d.byWord = map[string]int32{}
	}
	id := int32(len(d.words))
	d.byWord[w] = id
	d.words = append(d.words, word{s: w, first: i, last: i})
	d.index = append(d.index, id)
	k := n - 2 // 0: two characters, 1: three, 2: four or more
	d.first[k][rs[0]&0xFFFF>>6] |= 1 << (rs[0] & 63)
	if d.pairs == nil {
		d.pairs = make([]uint64, 1<<pairBits/64)
	}
	h := pair(rs[0], rs[1])
	d.pairs[h>>6] |= 1 << (h & 63)
	switch k {
	case 0:
		if d.two == nil {
			d.two = map[uint64]int32{}
		}
		d.two[key2(rs[0], rs[1])] = id
	case 1:
		if d.three == nil {
			d.three = map[uint64]int32{}
		}
		d.three[key3(rs[0], rs[1], rs[2])] = id
	case 2:
		if d.long == nil {
			d.long = map[uint64][]int32{}
		}
		key := key4(rs[0], rs[1], rs[2], rs[3])
		lens := d.long[key]
		if !slices.Contains(lens, int32(len(w))) {
			lens = append(lens, int32(len(w)))
			slices.Sort(lens)
			d.long[key] = lens
		}
	}
	return int(i)
}

// Grow makes room in d for the folded words, so that adding them grows no
// table: a dictionary of a few hundred thousand words otherwise makes
// each of its maps again and again as it fills. A word counts once for
// each time it is given, so a repeated word leaves room unused.
func (d *Dict) Grow(words iter.Seq[string]) {
	n, lens := 0, [3]int{}
	for w := range words {
		chars := 0 // up to four
		for j := 0; chars < 4 && j < len(w); chars++ {
			_, size := char(w[j:])
			j += size
		}
		if chars < 2 {
			continue // not added
		}
		n++
		lens[chars-2]++ // two, three, four or more
	}
	d.byWord = growMap(d.byWord, n)
	d.words = slices.Grow(d.words, n)
	d.index = slices.Grow(d.index, n)
	d.next = slices.Grow(d.next, n)
	d.two = growMap(d.two, lens[0])
	d.three = growMap(d.three, lens[1])
	d.long = growMap(d.long, lens[2])
}

// growMap returns m, or a map of m's entries with room for n more when m
// has less.
func growMap[K comparable, V any](m map[K]V, n int) map[K]V {
	if n == 0 {
		return m
	}
	g := make(map[K]V, len(m)+n)
	maps.Copy(g, m)
	return g
}

// Word returns the folded word with index i.
func (d *Dict) Word(i int) string { return d.words[d.index[i]].s }

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
// their starts; at one start, the words of two and three characters first,
// in the order of their indexes, then the longer ones, in the order of
// their indexes. Occurrences may overlap.
func (d *Dict) Find(t Text, fn func(Match)) { d.FindString(t.S, fn) }

// FindString is Find in the folded text s.
func (d *Dict) FindString(s string, fn func(Match)) {
	if len(d.words) == 0 {
		return
	}
	prev, p := -1, rune(0) // the previous character and where it starts
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = char(s[i:])
		}
		if prev >= 0 {
			b, m := p&0xFFFF>>6, uint64(1)<<(p&63)
			if (d.first[0][b]|d.first[1][b]|d.first[2][b])&m != 0 {
				if h := pair(p, r); d.pairs[h>>6]&(1<<(h&63)) != 0 {
					d.at(s, prev, b, m, fn)
				}
			}
		}
		prev, p = i, r
		i += size
	}
}

// pairBits is the number of bits of a pair's hash.
const pairBits = 20

// pair hashes the characters a and b, which start a word, to pairBits bits.
func pair(a, b rune) uint64 {
	return (uint64(a)*0x9E3779B97F4A7C15 ^ uint64(b)) * 0xBF58476D1CE4E5B9 >> (64 - pairBits)
}

// at calls fn for the words that occur at s[i:], whose first character
// has bit m of d.first[…][b].
func (d *Dict) at(s string, i int, b int32, m uint64, fn func(Match)) {
	var rs [4]rune
	var ends [4]int // ends[k]: the end of the first k+1 characters
	n := 0
	for j := i; n < len(rs) && j < len(s); n++ {
		var size int
		rs[n], size = char(s[j:])
		j += size
		ends[n] = j
	}
	// Two and three characters: exact keys.
	var buf [8]int32
	found := buf[:0]
	if n >= 2 && d.first[0][b]&m != 0 {
		if id, ok := d.two[key2(rs[0], rs[1])]; ok {
			found = append(found, id)
		}
	}
	if n >= 3 && d.first[1][b]&m != 0 {
		if id, ok := d.three[key3(rs[0], rs[1], rs[2])]; ok {
			found = append(found, id)
		}
	}
	d.emit(found, i, fn)
	// Four or more: the lengths words of these first four have.
	found = found[:0]
	if n == 4 && d.first[2][b]&m != 0 {
		for _, l := range d.long[key4(rs[0], rs[1], rs[2], rs[3])] {
			end := i + int(l)
			if end > len(s) {
				break
			}
			if end < ends[3] {
				continue // shorter than the four characters
			}
			if id, ok := d.byWord[s[i:end]]; ok {
				found = append(found, id)
			}
		}
	}
	d.emit(found, i, fn)
}

// emit calls fn at start for each index of the words found, in the order
// of the indexes.
func (d *Dict) emit(found []int32, start int, fn func(Match)) {
	switch len(found) {
	case 0:
		return
	case 1:
		w := &d.words[found[0]]
		for i := w.first; i >= 0; i = d.next[i] {
			fn(Match{Word: int(i), Start: start, End: start + len(w.s)})
		}
		return
	}
	// Several words: merge their lists of indexes, each in order. found
	// holds, for each word, the next of its indexes to report.
	ids := found
	var buf [8]int32
	cur := buf[:0]
	for _, id := range ids {
		cur = append(cur, d.words[id].first)
	}
	for {
		k := -1
		for j, c := range cur {
			if c >= 0 && (k < 0 || c < cur[k]) {
				k = j
			}
		}
		if k < 0 {
			return
		}
		i := cur[k]
		fn(Match{Word: int(i), Start: start, End: start + len(d.words[ids[k]].s)})
		cur[k] = d.next[i]
	}
}

// Replace returns s with each occurrence of a word of d replaced by what
// repl returns for it; when repl returns false, the occurrence is left as
// it is. Where occurrences overlap, the one that starts first wins, and of
// those the longest: so a word that must stay (a name that may be
// published) protects the words inside it.
func (d *Dict) Replace(s string, repl func(m Match, t Text) (string, bool)) string {
	return Apply(s, d.Edits(s, repl))
}

// Edit replaces the bytes [Start, End) of a text with New.
type Edit struct {
	Start, End int
	New        string
}

// Edits returns what Replace would change in s, in order and without
// overlaps; none when it would change nothing. A caller that keeps the
// edits rather than the text they make holds a few words per text
// instead of a copy of it. The Text repl is given is valid until repl
// returns: its memory folds the next text.
func (d *Dict) Edits(s string, repl func(m Match, t Text) (string, bool)) []Edit {
	if len(d.words) == 0 {
		return nil
	}
	fo, _ := d.folders.Get().(*Folder)
	if fo == nil {
		fo = new(Folder)
	}
	defer d.folders.Put(fo)
	t := fo.foldShared(s)
	var edits []Edit
	foldEnd := 0 // the folded text is decided up to here
	var pending *Match
	flush := func() {
		if pending == nil {
			return
		}
		if r, ok := repl(*pending, t); ok {
			start, end := t.Span(pending.Start, pending.End)
			edits = append(edits, Edit{Start: start, End: end, New: r})
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
	return edits
}

// Apply returns s with edits made, which are in order and do not overlap
// (Edits, or ValidEdits); s itself when there are none.
func Apply(s string, edits []Edit) string {
	if len(edits) == 0 {
		return s
	}
	var b strings.Builder
	n := len(s)
	for _, e := range edits {
		n += len(e.New) - (e.End - e.Start)
	}
	b.Grow(n)
	done := 0
	for _, e := range edits {
		b.WriteString(s[done:e.Start])
		b.WriteString(e.New)
		done = e.End
	}
	b.WriteString(s[done:])
	return b.String()
}

// ValidEdits reports whether edits can be applied to a text of n bytes:
// each within it, in order, and not overlapping. Edits read back from a
// file are checked with it before Apply.
func ValidEdits(edits []Edit, n int) bool {
	done := 0
	for _, e := range edits {
		if e.Start < done || e.End < e.Start || e.End > n {
			return false
		}
		done = e.End
	}
	return true
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

// Starts is what a few folded texts hold at each of their positions: the
// two, the three and the four characters there. A word that Starts does
// not admit (May) occurs in none of them, so a Dict of only the words it
// admits finds in those texts what a Dict of every word finds (with
// other indexes: see Sub). Its zero value is empty.
//
// Besides the keys it keeps a filter of them, a bit for each key's hash
// (filterBits of them): May asks the map only about a word whose bit is
// set. A check after one edit asks about hundreds of thousands of words,
// and the few texts it scans set a few thousand bits of 65,536.
type Starts struct {
	keys   map[uint64]struct{}
	filter *[filterBits / 64]uint64
}

// filterBits is the size of Starts' filter.
const filterBits = 1 << 16

// bit is the bit of the key k in Starts' filter.
func bit(k uint64) uint64 { return (k * 0x9E3779B97F4A7C15) >> (64 - 16) }

// add adds the key k.
func (st *Starts) add(k uint64) {
	st.keys[k] = struct{}{}
	b := bit(k)
	st.filter[b/64] |= 1 << (b % 64)
}

// AddText adds the starts of the folded text s.
func (st *Starts) AddText(s string) {
	if st.keys == nil {
		st.keys, st.filter = map[uint64]struct{}{}, new([filterBits / 64]uint64)
	}
	var rs [4]rune
	n := 0 // characters in rs, the last four read
	for i := 0; i < len(s); {
		r, size := char(s[i:])
		if n == len(rs) {
			copy(rs[:], rs[1:])
			n--
		}
		rs[n] = r
		n++
		i += size
		// The words that start three characters back, two, one.
		switch n {
		case 4:
			st.add(startKey(4, rs[0], rs[1], rs[2], rs[3]))
			st.add(startKey(3, rs[1], rs[2], rs[3], 0))
			st.add(startKey(2, rs[2], rs[3], 0, 0))
		case 3:
			st.add(startKey(3, rs[0], rs[1], rs[2], 0))
			st.add(startKey(2, rs[1], rs[2], 0, 0))
		case 2:
			st.add(startKey(2, rs[0], rs[1], 0, 0))
		}
	}
}

// Merge adds the starts of o to st.
func (st *Starts) Merge(o *Starts) {
	if st.keys == nil {
		st.keys, st.filter = map[uint64]struct{}{}, new([filterBits / 64]uint64)
	}
	maps.Copy(st.keys, o.keys)
	if o.filter != nil {
		for i, w := range o.filter {
			st.filter[i] |= w
		}
	}
}

// May reports whether the folded word w may occur in a text added: its
// first two, three or four characters (as many as it has, at most four)
// are at some position of one. It is false for a word Dict would not add.
func (st *Starts) May(w string) bool {
	if st.filter == nil {
		return false
	}
	rs, n := head(w)
	if n < 2 {
		return false
	}
	k := startKey(n, rs[0], rs[1], rs[2], rs[3])
	if b := bit(k); st.filter[b/64]&(1<<(b%64)) == 0 {
		return false
	}
	_, ok := st.keys[k]
	return ok
}

// startKey is the key of n characters (2, 3, 4) in Starts; the unused
// ones are 0. Two keys of different characters may be equal: May then
// admits a word that does not occur, which costs a word in the Dict and
// nothing else.
func startKey(n int, a, b, c, e rune) uint64 {
	switch n {
	case 2:
		return key2(a, b)
	case 3:
		return key3(a, b, c) | 1<<63
	}
	return key4(a, b, c, e) | 1<<63 | 1<<62
}
