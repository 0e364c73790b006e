package stroke

import (
	"bytes"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

func TestCount(t *testing.T) {
	for _, tt := range []struct {
		r    rune
		want int
	}{
		// The components the mainland counts differently from tradition.
		{'阝', 2}, {'艹', 3}, {'辶', 3},
		{'陈', 7}, {'阮', 6}, {'郑', 8}, {'邓', 4}, {'那', 6},
		{'草', 9}, {'范', 8}, {'边', 5}, {'道', 12},
		{'周', 8}, {'赵', 9}, {'张', 7}, {'李', 7}, {'王', 4},
		{'欧', 8}, {'阳', 6}, {'诸', 10}, {'葛', 12},
		{'龘', 48},
		{'皙', 13},     // corrected in gen: cnchar-order drops a stroke
		{'琤', 10},     // count from Unihan, strokes unknown
		{'𬌗', 10},     // 通用规范汉字表, outside the CJK block
		{'𫓧', 9},      // 钅 5 + 夫 4, outside the CJK block
		{'A', 0},      // not Chinese
		{'·', 0},      // the middle dot of minority names
		{'\u3400', 0}, // CJK Extension A, not in 通用规范汉字表
		{-1, 0},
		{0x10FFFF + 1, 0},
	} {
		n, ok := Count(tt.r)
		if n != tt.want || ok != (tt.want > 0) {
			t.Errorf("Count(%q) = %d, %v; want %d, %v", tt.r, n, ok, tt.want, tt.want > 0)
		}
	}
}

func TestShapes(t *testing.T) {
	for _, tt := range []struct {
		r    rune
		want string
	}{
		{'一', "1"},
		{'陈', "5215534"}, // 𠄎 丨 一 𠃋 亅 丿 丶
		{'周', "35121251"},
		{'张', "5153154"},
		{'李', "1234551"},
		{'王', "1121"},
		{'小', "534"},           // 竖钩 is a 折
		{'江', "441121"},        // 提 goes with 横
		{'人', "34"},            // 捺 goes with 点
		{'官', "44525151"},      // 宀's first two strokes are both 点
		{'皙', "1234331232511"}, // 析 and 白, the 撇 cnchar-order drops restored
		{'琤', ""},              // count only
		{'𬌗', ""},
		{'A', ""},
	} {
		if got := Shapes(tt.r); got != tt.want {
			t.Errorf("Shapes(%q) = %q, want %q", tt.r, got, tt.want)
		}
	}
}

// TestTable checks the generated table against the layout stroke.go reads:
// every character with strokes has as many as its count, each of class
// 1..5, and together they fill shapes exactly.
func TestTable(t *testing.T) {
	if len(counts) != uroLast-uroFirst+1 {
		t.Fatalf("len(counts) = %d, want %d", len(counts), uroLast-uroFirst+1)
	}
	if want := (len(counts) + blockSize - 1) / blockSize; len(shapeStart) != want {
		t.Fatalf("len(shapeStart) = %d, want %d", len(shapeStart), want)
	}
	used, withShapes := 0, 0
	for r := rune(uroFirst); r <= uroLast; r++ {
		n, packed := lookup(r)
		if n == 0 {
			t.Errorf("U+%04X has no count", r)
			continue
		}
		if packed == "" {
			continue
		}
		withShapes++
		used += len(packed)
		s := Shapes(r)
		if len(s) != n || strings.Trim(s, "12345") != "" {
			t.Errorf("Shapes(%c) = %q with count %d", r, s, n)
		}
		if n%2 == 1 && packed[len(packed)-1]&0x0F != 0 {
			t.Errorf("%c: the unused half byte is not 0", r)
		}
	}
	if used != len(shapes) {
		t.Errorf("characters use %d bytes of shapes, which has %d", used, len(shapes))
	}
	if withShapes < 6900 {
		t.Errorf("%d characters have strokes, want the ~6,900 of cnchar-order", withShapes)
	}
	if len(extra)%4 != 0 {
		t.Fatalf("len(extra) = %d, not a multiple of 4", len(extra))
	}
	for i := 0; i < len(extra); i += 4 {
		r := rune(extra[i])<<16 | rune(extra[i+1])<<8 | rune(extra[i+2])
		if n, _ := Count(r); n != int(extra[i+3]) || n == 0 {
			t.Errorf("Count(U+%04X) = %d, the table has %d", r, n, extra[i+3])
		}
		if i > 0 && r <= rune(extra[i-4])<<16|rune(extra[i-3])<<8|rune(extra[i-2]) {
			t.Errorf("extra is not sorted at U+%04X", r)
		}
	}
}

// TestCLDRPairs holds pairs that CLDR's zh-u-co-stroke (golang.org/x/text)
// orders the other way: it counts 阝 as 3 strokes and 艹 as 4, and breaks a
// tie of counts by radical rather than by the strokes' shapes.
func TestCLDRPairs(t *testing.T) {
	cldr := collate.New(language.MustParse("zh-u-co-stroke"))
	for _, p := range []struct{ first, second, why string }{
		{"陈晓燕", "周丽华", "陈 7 before 周 8"},
		{"郑德福", "赵子轩", "郑 8 before 赵 9"},
		{"阮文", "张伟", "阮 6 before 张 7"},
		{"阮文", "李伟", "阮 6 before 李 7"},
		{"邓强", "石磊", "邓 4 before 石 5"},
		{"范明", "林明", "范 8 (艹 3) and 林 8: 12244155 before 12341234"},
		{"王芳", "方芳", "王 and 方 4: 横 before 点"},
		{"李明", "何明", "李 and 何 7: 横 before 撇"},
		{"欧阳振东", "周丽华", "欧 and 周 8: 横 before 撇"},
		{"蒋涛", "曾涛", "蒋 and 曾 12: 横 before 点"},
		{"黄涛", "阎涛", "黄 and 阎 11: 横 before 点"},
	} {
		if c := Compare(p.first, p.second); c >= 0 {
			t.Errorf("Compare(%q, %q) = %d, want < 0 (%s)", p.first, p.second, c, p.why)
		}
		if c := Compare(p.second, p.first); c <= 0 {
			t.Errorf("Compare(%q, %q) = %d, want > 0 (%s)", p.second, p.first, c, p.why)
		}
		if c := cldr.CompareString(p.first, p.second); c <= 0 {
			t.Errorf("CLDR now orders %q before %q too: the pair no longer shows what CLDR gets wrong", p.first, p.second)
		}
	}
}

// rollOrder is a list as the rule orders it: count, then shapes, then the
// given name the same way. The comments give the strokes' classes.
var rollOrder = []string{
	"丁一",       // 丁 2: 15
	"卜一",       // 卜 2: 24
	"土豆",       // 土 3: 121
	"士兵",       // 士 3: 121 as 土: by code point
	"上官婉儿",     // 上 3: 211, a compound surname ordered by 上
	"马明",       // 马 3: 551
	"王二",       // 王 4: 1121; 二 2
	"王刚",       // 刚 6: 253425
	"王伟",       // 伟 6: 321152
	"王伟华",      // a name after the one it starts with
	"方芳",       // 方 4: 4153
	"邓强",       // 邓 4: 5452
	"孔明",       // 孔 4: 5515
	"司马光",      // 司 5, a compound surname ordered by 司
	"刘洋",       // 刘 6: 413425
	"阮文",       // 阮 6: 521135
	"孙海涛",      // 孙 6: 551534
	"李明",       // 李 7: 1234551
	"何明",       // 何 7: 3212515
	"沈卫国",      // 沈 7: 4414535
	"张某某",      // 张 7: 5153154
	"阿依古丽·买买提", // 阿 7: 5212515
	"陈晓燕",      // 陈 7: 5215534
	"欧强",       // 欧 8, a surname of its own, before
	"欧阳明",      // every 欧阳, though 阳 6 comes before 强 12
	"欧阳振东",     // 振 10 after 明 8
	"周丽华",      // 周 8: 35121251
	"郑德福",      // 郑 8: 43113452
	"赵子轩",      // 赵 9
	"诸葛亮",      // 诸 10: 4512132511
	"琤一",       // 琤 10, strokes unknown: after the 10s whose strokes are known
	"Alice",    // not in the table: after every known character
}

func TestOrder(t *testing.T) {
	// Start from a scrambled copy: reversed, then rotated.
	names := slices.Clone(rollOrder)
	slices.Reverse(names)
	names = append(names[7:], names[:7]...)

	got := slices.Clone(names)
	slices.SortFunc(got, Compare)
	if !slices.Equal(got, rollOrder) {
		t.Errorf("sorted with Compare:\n got %q\nwant %q", got, rollOrder)
	}

	got = slices.Clone(names)
	slices.SortFunc(got, func(a, b string) int { return bytes.Compare(Key(a), Key(b)) })
	if !slices.Equal(got, rollOrder) {
		t.Errorf("sorted by Key:\n got %q\nwant %q", got, rollOrder)
	}
}

func TestCompareIsAnOrder(t *testing.T) {
	for i, a := range rollOrder {
		if c := Compare(a, a); c != 0 {
			t.Errorf("Compare(%q, %q) = %d, want 0", a, a, c)
		}
		if c := Compare(a, " "+a+" "); c != 0 {
			t.Errorf("Compare(%q, %q) = %d, want 0: spaces around a name do not count", a, " "+a+" ", c)
		}
		for _, b := range rollOrder[i+1:] {
			if Compare(a, b) >= 0 || Compare(b, a) <= 0 {
				t.Errorf("Compare(%q, %q) = %d and the reverse %d, want < 0 and > 0", a, b, Compare(a, b), Compare(b, a))
			}
		}
	}
	if c := Compare("", "丁"); c >= 0 {
		t.Errorf("Compare(\"\", \"丁\") = %d, want < 0", c)
	}
}

// nameLine finds a hero's name in front matter.
var nameLine = regexp.MustCompile(`(?m)^name:[ \t]*(\S+)`)

// TestSampleNamesCovered: every character of the sample heroes' names, and
// the 某 of an anonymized name, has its count and its strokes in the table.
// internal/synth tests the generator's name lists the same way.
func TestSampleNamesCovered(t *testing.T) {
	fsys := os.DirFS("../../records/heroes")
	files, err := fs.Glob(fsys, "*/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no sample heroes found: %v", err)
	}
	names := []string{"某"}
	for _, f := range files {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			t.Fatal(err)
		}
		m := nameLine.FindSubmatch(b)
		if m == nil {
			t.Errorf("%s: no name", f)
			continue
		}
		names = append(names, string(m[1]))
	}
	for _, name := range names {
		for _, r := range name {
			if Shapes(r) == "" {
				t.Errorf("%s: %c has no strokes in the table", name, r)
			}
		}
	}
}

func BenchmarkCompare(b *testing.B) {
	for b.Loop() {
		for i := 1; i < len(rollOrder); i++ {
			Compare(rollOrder[i-1], rollOrder[i])
		}
	}
}

func BenchmarkKey(b *testing.B) {
	for b.Loop() {
		for _, n := range rollOrder {
			Key(n)
		}
	}
}
