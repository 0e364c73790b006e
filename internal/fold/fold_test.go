package fold

import (
	"bufio"
	"compress/bzip2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"张三", "张三"},
		{"張三", "张三"},        // traditional
		{"陳國華", "陈国华"},      // traditional
		{"&#24352;三", "张三"}, // decimal character reference
		{"&#x5F20;三", "张三"}, // hexadecimal
		{"张&amp;三", "张&三"},  // named
		{"张&nbsp;三", "张三"},  // a named space is a space
		{"张\u200b三", "张三"},  // zero-width space
		{"张\u200d三", "张三"},  // zero-width joiner
		{"张\u00ad三", "张三"},  // soft hyphen
		{"张\u202e三", "张三"},  // bidi override
		{"张\ufe0f三", "张三"},  // variation selector
		{"张\n三", "张三"},      // a soft line break in Markdown
		{"张\r\n三", "张三"},
		{"张　三", "张三"}, // ideographic space
		{"张 三", "张三"},
		{"张**三**", "张三"}, // Markdown emphasis
		{"张`三`", "张三"},
		{"张\u0301三", "张三"},             // combining mark
		{"１３８００００１９２４", "13800001924"}, // fullwidth digits
		{"138-0000-1924", "13800001924"},
		{"138 0000 1924", "13800001924"},
		{"138—0000–1924", "13800001924"}, // em and en dash
		{"320924198205061933", "320924198205061933"},
		{"32092419820506193x", "32092419820506193X"},
		{"\u2f08\u2f26", "人子"}, // Kangxi radicals
		{"\uf900", "岂"},        // a compatibility ideograph (豈), simplified
		{"&bogus;", "&BOGUS;"},
		{"a & b;", "A&B;"},
	}
	for _, tt := range tests {
		if got := String(tt.in); got != tt.want {
			t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestPunctuation holds the marks folding copies without looking them up
// to what the general path (folder.rune) makes of them: themselves.
func TestPunctuation(t *testing.T) {
	n := 0
	for r := rune(0x2000); r < 0x3040; r++ {
		if !punctuation(r) {
			continue
		}
		n++
		f := folder{untracked: true}
		f.rune(r, 0)
		if got := string(f.buf); got != string(r) {
			t.Errorf("%U %c folds to %q, not to itself", r, r, got)
		}
		if got := String("张" + string(r) + "三"); got != "张"+string(r)+"三" {
			t.Errorf("String(张%c三) = %q", r, got)
		}
	}
	if n < 10 {
		t.Errorf("%d marks between U+2000 and U+303F, want the common ones", n)
	}
}

func TestSpan(t *testing.T) {
	s := "他叫&#24352;\u200b三。"
	tx := New(s)
	i := strings.Index(tx.S, "张三")
	if i < 0 {
		t.Fatalf("folded %q has no 张三", tx.S)
	}
	start, end := tx.Span(i, i+len("张三"))
	if got, want := s[start:end], "&#24352;\u200b三"; got != want {
		t.Errorf("span of 张三 in %q = %q, want %q", s, got, want)
	}
}

func TestDictFind(t *testing.T) {
	var d Dict
	for _, w := range []string{"张三", "張三丰", "13800001924", "x", "射阳县示例路1号"} {
		d.Add(w)
	}
	if d.Len() != 4 {
		t.Fatalf("Len = %d, want 4 (a one-character word is not added)", d.Len())
	}
	text := "张三和张三丰在射阳县示例路 1 号，电话 138-0000-1924。"
	var got []string
	tx := New(text)
	d.Find(tx, func(m Match) {
		a, b := tx.Span(m.Start, m.End)
		got = append(got, d.Word(m.Word)+"="+text[a:b])
	})
	want := []string{"张三=张三", "张三=张三", "张三丰=张三丰", "射阳县示例路1号=射阳县示例路 1 号", "13800001924=138-0000-1924"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Find(%q) = %q, want %q", text, got, want)
	}
}

func TestDictReplaceKeep(t *testing.T) {
	var d Dict
	d.Add("王海")  // hidden
	d.Add("王海燕") // may be published: kept, and the 王海 in it with it
	d.Add("陈涛")  // hidden, but not in 陈涛镇
	repl := func(m Match, tx Text) (string, bool) {
		if m.Word == 1 || PlaceAfter(tx.S[m.End:]) {
			return "", false
		}
		return "某某", true
	}
	in := "王海燕与王海在陈涛镇遇见陈涛。"
	if got, want := d.Replace(in, repl), "王海燕与某某在陈涛镇遇见某某。"; got != want {
		t.Errorf("Replace(%q) = %q, want %q", in, got, want)
	}
}

func TestDictReplace(t *testing.T) {
	var d Dict
	anon := []string{"张某某", "张某某", "欧阳某某"}
	for _, w := range []string{"张三", "張三丰", "欧阳修文"} {
		d.Add(w)
	}
	tests := []struct{ in, want string }{
		{"无关的话", "无关的话"},
		{"张三救人", "张某某救人"},
		{"张三丰救人", "张某某救人"}, // the longest of one start
		{"&#24352;\n三与欧阳\u200b修文", "张某某与欧阳某某"},
		{"張三豐與张三", "张某某與张某某"},
	}
	for _, tt := range tests {
		if got := d.Replace(tt.in, func(m Match, _ Text) (string, bool) { return anon[m.Word], true }); got != tt.want {
			t.Errorf("Replace(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestDictEdits: the edits Replace makes, at the bytes of the text as
// written (a character reference, a line break inside a name), none for
// a text left as it is; Apply of them is Replace.
func TestDictEdits(t *testing.T) {
	var d Dict
	d.Add("张三")
	d.Add("陈涛")
	repl := func(m Match, tx Text) (string, bool) { return "某某", !PlaceAfter(tx.S[m.End:]) }
	tests := []struct {
		in   string
		want []Edit
	}{
		{"无关的话", nil},
		{"陈涛镇", nil},
		{"张三救人", []Edit{{0, 6, "某某"}}},
		{"见&#24352;\n三与陈涛", []Edit{{3, 15, "某某"}, {18, 24, "某某"}}},
	}
	for _, tt := range tests {
		got := d.Edits(tt.in, repl)
		if !slices.Equal(got, tt.want) {
			t.Errorf("Edits(%q) = %v, want %v", tt.in, got, tt.want)
		}
		if a, r := Apply(tt.in, got), d.Replace(tt.in, repl); a != r {
			t.Errorf("Apply(%q, edits) = %q, Replace = %q", tt.in, a, r)
		}
		if !ValidEdits(got, len(tt.in)) {
			t.Errorf("ValidEdits(Edits(%q)) = false", tt.in)
		}
	}
}

func TestValidEdits(t *testing.T) {
	tests := []struct {
		edits []Edit
		n     int
		want  bool
	}{
		{nil, 0, true},
		{[]Edit{{0, 3, "x"}, {3, 6, "y"}}, 6, true},
		{[]Edit{{0, 3, "x"}}, 2, false},              // past the end
		{[]Edit{{3, 6, "x"}, {0, 3, "y"}}, 6, false}, // out of order
		{[]Edit{{0, 4, "x"}, {3, 6, "y"}}, 6, false}, // overlapping
		{[]Edit{{4, 3, "x"}}, 6, false},              // backwards
	}
	for _, tt := range tests {
		if got := ValidEdits(tt.edits, tt.n); got != tt.want {
			t.Errorf("ValidEdits(%v, %d) = %v, want %v", tt.edits, tt.n, got, tt.want)
		}
	}
}

// TestTable checks the generated table against its source, when the source
// is installed (Debian: apt-get install unicode-data).
func TestTable(t *testing.T) {
	const src = "/usr/share/unicode/Unihan_Variants.txt.bz2"
	f, err := os.Open(src)
	if err != nil {
		t.Skip("the Unihan source is not installed:", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(bzip2.NewReader(f))
	n := 0
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) != 3 || fields[1] != "kSimplifiedVariant" {
			continue
		}
		from := cp(t, fields[0])
		var to []rune
		for _, v := range strings.Fields(fields[2]) {
			to = append(to, cp(t, v))
		}
		want := to[0]
		for _, r := range to {
			if r == from {
				want = from
			}
		}
		if got := Simplified(from); got != want {
			t.Errorf("Simplified(%c U+%04X) = %c, want %c", from, from, got, want)
		}
		n++
	}
	if n < 6000 {
		t.Errorf("read %d mappings from %s, want more than 6000", n, src)
	}
}

func cp(t *testing.T, s string) rune {
	s = strings.TrimPrefix(s, "U+")
	if i := strings.IndexByte(s, '<'); i >= 0 {
		s = s[:i]
	}
	n, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		t.Fatal(err)
	}
	return rune(n)
}

func BenchmarkNew(b *testing.B) {
	s := strings.Repeat("2019年6月18日，射阳县黄沙港外海风大浪急，一艘运砂货船翻覆，五名船员落水。蔡永兵随船长黄大伟、渔民韦立新一起驾船前往救援。\n", 8)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		New(s)
	}
}
