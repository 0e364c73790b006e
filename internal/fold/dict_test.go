package fold

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// naiveDict is what Dict does, the slow and obvious way: every word
// compared at every character of the text.
type naiveDict struct{ words []string } // by index; "" for a word not added

func (n *naiveDict) add(w string) int {
	if utf8.RuneCountInString(w) < 2 {
		return -1
	}
	n.words = append(n.words, w)
	return len(n.words) - 1
}

// find lists the matches at each character of s: the words of two and
// three characters in the order of their indexes, then the longer ones.
func (n *naiveDict) find(s string) []Match {
	var out []Match
	for i := range s { // each character's start
		for _, long := range []bool{false, true} {
			for w, word := range n.words {
				if (utf8.RuneCountInString(word) >= 4) == long && strings.HasPrefix(s[i:], word) {
					out = append(out, Match{Word: w, Start: i, End: i + len(word)})
				}
			}
		}
	}
	return out
}

// compareDict adds words, folded, to a Dict and to the naive one and
// compares what each finds in text, folded.
func compareDict(t *testing.T, words []string, text string) {
	t.Helper()
	var d Dict
	var n naiveDict
	for _, w := range words {
		f := String(w)
		if got, want := d.AddFolded(f), n.add(f); got != want {
			t.Fatalf("words %q: AddFolded(%q) = %d, want %d", words, f, got, want)
		}
	}
	if d.Len() != len(n.words) {
		t.Fatalf("words %q: Len = %d, want %d", words, d.Len(), len(n.words))
	}
	for i, w := range n.words {
		if d.Word(i) != w {
			t.Fatalf("words %q: Word(%d) = %q, want %q", words, i, d.Word(i), w)
		}
	}
	ft := New(text)
	var got []Match
	d.Find(ft, func(m Match) { got = append(got, m) })
	want := n.find(ft.S)
	if !slices.Equal(got, want) {
		t.Errorf("words %q, text %q (folded %q):\nFind = %v\nwant   %v", words, text, ft.S, got, want)
	}
	// A Dict made room for first finds the same.
	var g Dict
	g.Grow(func(yield func(string) bool) {
		for _, w := range words {
			yield(String(w))
		}
	})
	for _, w := range words {
		g.AddFolded(String(w))
	}
	got = got[:0]
	g.Find(ft, func(m Match) { got = append(got, m) })
	if !slices.Equal(got, want) {
		t.Errorf("words %q, text %q (folded %q):\nFind after Grow = %v\nwant   %v", words, text, ft.S, got, want)
	}
	// A Dict of only the words the text's Starts admit finds the same,
	// its indexes mapped back to all words'.
	var st Starts
	st.AddText(ft.S)
	var sub Dict
	var global []int
	all := 0 // the index the word would have among all
	for _, w := range words {
		f := String(w)
		if !Addable(f) {
			if st.May(f) {
				t.Errorf("Starts admits %q, which is not added", f)
			}
			continue
		}
		if st.May(f) {
			sub.AddFolded(f)
			global = append(global, all)
		}
		all++
	}
	got = got[:0]
	sub.Find(ft, func(m Match) {
		m.Word = global[m.Word]
		got = append(got, m)
	})
	if !slices.Equal(got, want) {
		t.Errorf("words %q, text %q (folded %q):\nFind of the words Starts admits = %v\nwant   %v", words, text, ft.S, got, want)
	}
}

func TestDictMatchesNaive(t *testing.T) {
	tests := []struct {
		words []string
		text  string
	}{
		{nil, "张三"},
		{[]string{"张三"}, ""},
		{[]string{"张三", "张三", "张三"}, "张三和张三"}, // one word, three indexes
		{[]string{"王伟", "王伟明", "王伟", "王伟明", "王伟"}, "王伟明说王伟"},
		{[]string{"王伟明", "王伟"}, "王伟明"},
		{[]string{"欧阳修文", "欧阳修", "欧阳", "欧阳修文", "欧阳修文广"}, "欧阳修文广场"},
		{[]string{"东台市时堰镇建设路39号", "东台市时堰镇", "东台市时堰镇解放路", "东台市时堰"}, "东台市时堰镇解放路东台市时堰镇建设路 39 号"},
		{[]string{"13800001924", "1380000", "13800001924", "138000019240"}, "电话138-0000-1924，13800001924"},
		{[]string{"張三", "张三丰"}, "张三豐"},
		{[]string{"ab", "AB", "abc", "ABCD"}, "abcd ABCD"},
		{[]string{"x", "张", ""}, "张x"},
		{[]string{"三丰", "张三丰"}, "张三丰"}, // overlapping at different starts
		{[]string{"王伟", "王伟"}, "王"},    // the text shorter than the word
		{[]string{"王伟明", "王伟明"}, "王伟"},
		{[]string{"东台市时堰镇", "东台市时"}, "东台市时"},
	}
	for _, tt := range tests {
		compareDict(t, tt.words, tt.text)
	}
	// Many more, at random over a few characters, so that words share
	// their first characters, repeat and overlap.
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("王伟明海燕张三1 3-8號")
	str := func(max int) string {
		var b strings.Builder
		for range r.IntN(max) {
			b.WriteRune(alphabet[r.IntN(len(alphabet))])
		}
		return b.String()
	}
	for range 3000 {
		words := make([]string, r.IntN(12))
		for i := range words {
			words[i] = str(8)
		}
		compareDict(t, words, str(40))
	}
}

// FuzzDict compares Dict with the naive dictionary. Each byte of the input
// picks a character among a few, so that words and text share characters;
// '|' separates the words, and the last part is the text.
func FuzzDict(f *testing.F) {
	f.Add([]byte("01|012|01|0123|01234|0123401"))
	f.Add([]byte("\x05\x06|\x05\x06\x07|\x05\x06\x07\x08|\x05\x06\x05\x06\x07\x08"))
	f.Add([]byte("abc|abcd|abcde|abcdabcdeabc"))
	alphabet := []rune("王伟明海燕张三丰東台市时堰镇1 3-8號&#;\u200b")
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) > 200 {
			return
		}
		var b strings.Builder
		for _, c := range in {
			if c == '|' {
				b.WriteByte('|')
				continue
			}
			b.WriteRune(alphabet[int(c)%len(alphabet)])
		}
		parts := strings.Split(b.String(), "|")
		compareDict(t, parts[:len(parts)-1], parts[len(parts)-1])
	})
}

func BenchmarkDictFind(b *testing.B) {
	var d Dict
	for i := range 20000 {
		d.Add(fmt.Sprintf("王伟%c", '一'+rune(i%50)))
		d.Add("王伟")
		d.Add(fmt.Sprintf("东台市时堰镇建设路%d号", i))
	}
	t := New(strings.Repeat("王伟说，东台市时堰镇建设路上的王伟明是个热心肠。", 20))
	b.SetBytes(int64(len(t.S)))
	for b.Loop() {
		d.Find(t, func(Match) {})
	}
}
