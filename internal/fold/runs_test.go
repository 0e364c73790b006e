package fold

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// foldOneByOne is folder.fold as it was first written, one character at a
// time: the reference that folding by runs is held to.
func (f *folder) foldOneByOne(s string) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == '&' {
				if dec, n := entity(s[i:]); n > 0 {
					for _, d := range dec {
						f.rune(d, i)
					}
					i += n
					continue
				}
			}
			if !dropASCII(rune(c)) {
				f.buf = append(f.buf, byte(asciiUpper(rune(c))))
				if !f.untracked {
					f.from = append(f.from, int32(i))
				}
			}
			i++
			continue
		}
		if c >= 0xE4 && c <= 0xE9 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			if b := r - bitmapLo; traditionalBits[b/8]&(1<<(b%8)) == 0 {
				f.buf = append(f.buf, s[i:i+3]...)
				if !f.untracked {
					f.from = append(f.from, int32(i), int32(i), int32(i))
				}
				i += 3
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		f.rune(r, i)
		i += size
	}
}

// compareFold folds s both ways, with and without the map back.
func compareFold(t *testing.T, s string) {
	t.Helper()
	var got, want folder
	got.fold(s)
	want.foldOneByOne(s)
	if string(got.buf) != string(want.buf) || !slices.Equal(got.from, want.from) {
		t.Fatalf("fold(%q) = %q %v, one by one %q %v", s, got.buf, got.from, want.buf, want.from)
	}
	var fo Folder
	if u := fo.String(s); u != string(want.buf) {
		t.Fatalf("Folder.String(%q) = %q, want %q", s, u, want.buf)
	}
	if tx := fo.Fold(s); tx.S != string(want.buf) {
		t.Fatalf("Folder.Fold(%q).S = %q, want %q", s, tx.S, want.buf)
	}
}

func TestFoldByRuns(t *testing.T) {
	for _, s := range []string{"", "张三", "張三", "ab&amp;c", "电话 138-0000-1924。", "“张三”、《李四》",
		"王\u200b海\n燕", "１３８", "x\xe4\xb8", "\xe4\xb8\xad", "中\xff文", "&#24352;三", "【配偶】…"} {
		compareFold(t, s)
	}
	r := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"张", "三", "張", "國", "。", "、", "“", "”", "…", "—", "-", " ", "\n", "a", "Z", "1", "&", "&amp;",
		"&#24352;", ";", "\u200b", "\u0301", "１", "，", "\xff", "\xe4", "\xe4\xb8", "【", "】", "\uf900", "\u2f08", "𠀀"}
	for range 5000 {
		var b strings.Builder
		for range r.IntN(30) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		compareFold(t, b.String())
	}
}

func TestChar(t *testing.T) {
	for _, s := range []string{"a", "张", "\u1000", "\ucfff", "\ud7ff", "\ue000", "\uffff", "𠀀", "\xff", "\xe4\xb8", "\xe1\x80", "\xed\xa0\x80", "\xe0\x80\x80", "é"} {
		got, size := char(s)
		want, wsize := utf8.DecodeRuneInString(s)
		if want == utf8.RuneError && wsize == 1 {
			want = 0x110000 + rune(s[0])
		}
		if got != want || size != wsize {
			t.Errorf("char(%q) = %U %d, want %U %d", s, got, size, want, wsize)
		}
	}
}
