package pinyin

import (
	"slices"
	"strings"
	"testing"

	gopinyin "github.com/mozillazg/go-pinyin"
)

func TestOf(t *testing.T) {
	for _, tt := range []struct {
		name, full, initials, str string
	}{
		{"王伟", "wangwei", "ww", "Wáng Wěi"},
		{"陈晓燕", "chenxiaoyan", "cxy", "Chén Xiǎoyàn"},
		{"欧阳振东", "ouyangzhendong", "oyzd", "Ōuyáng Zhèndōng"},
		{"诸葛亮", "zhugeliang", "zgl", "Zhūgě Liàng"},
		{"吕芳", "lvfang", "lf", "Lǚ Fāng"},
		{"王西安", "wangxian", "wxa", "Wáng Xī'ān"},

		// Surnames whose reading is not the character's commonest.
		{"单晓明", "shanxiaoming", "sxm", "Shàn Xiǎomíng"},
		{"曾国强", "zengguoqiang", "zgq", "Zēng Guóqiáng"},
		{"解放", "xiefang", "xf", "Xiè Fàng"}, // 解放 as a name: 解 the surname
		{"仇勇", "qiuyong", "qy", "Qiú Yǒng"},
		{"区明", "ouming", "om", "Ōu Míng"},
		{"朴正", "piaozheng", "pz", "Piáo Zhèng"},
		{"查良", "zhaliang", "zl", "Zhā Liáng"},
		{"盖军", "gejun", "gj", "Gě Jūn"},
		{"葛小龙", "gexiaolong", "gxl", "Gě Xiǎolóng"},
		{"翟志刚", "zhaizhigang", "zzg", "Zhái Zhìgāng"},
		{"尉迟恭", "yuchigong", "ycg", "Yùchí Gōng"},
		{"万俟卨", "moqixie", "mqx", "Mòqí Xiè"},
		{"单于明", "chanyuming", "cym", "Chányú Míng"},
		{"令狐冲", "linghuchong", "lhc", "Línghú Chōng"},

		// The library's reading where it is right, and a given name's.
		{"尉明", "weiming", "wm", "Wèi Míng"},
		{"单", "shan", "s", "Shàn"},
		{"何长青", "hechangqing", "hcq", "Hé Chángqīng"},
		{"长孙无忌", "zhangsunwuji", "zswj", "Zhǎngsūn Wújì"}, // not the surname 长 cháng
		{"长明", "changming", "cm", "Cháng Míng"},
		{"张某某", "zhangmoumou", "zmm", "Zhāng Mǒumǒu"},

		// What has no reading is left out.
		{"阿依古丽·买买提", "ayigulimaimaiti", "ayglmmt", "Ā Yīgǔlìmǎimǎití"},
		{"Alice", "", "", ""},
		{"", "", "", ""},
	} {
		r := Of(tt.name)
		if got := r.Full(); got != tt.full {
			t.Errorf("Of(%q).Full() = %q, want %q", tt.name, got, tt.full)
		}
		if got := r.Initials(); got != tt.initials {
			t.Errorf("Of(%q).Initials() = %q, want %q", tt.name, got, tt.initials)
		}
		if got := r.String(); got != tt.str {
			t.Errorf("Of(%q).String() = %q, want %q", tt.name, got, tt.str)
		}
	}
}

func TestReadings(t *testing.T) {
	for _, tt := range []struct {
		name string
		want []string // Full of each reading
	}{
		{"乐嘉", []string{"yuejia", "lejia"}},
		{"覃明", []string{"qinming", "tanming"}},
		{"翟志刚", []string{"zhaizhigang", "dizhigang"}},
		{"王伟", []string{"wangwei"}},
		{"", []string{""}},
	} {
		var got []string
		for _, r := range Readings(tt.name) {
			got = append(got, r.Full())
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Readings(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestTableReadings: every reading in this package's tables is one the
// library knows for the character, so a typo or a made-up tone fails, and
// each surname's first reading differs from the library's commonest one
// (else the entry is not needed).
func TestTableReadings(t *testing.T) {
	known := func(r rune) []string {
		return gopinyin.SinglePinyin(r, gopinyin.Args{Style: gopinyin.Tone, Heteronym: true})
	}
	for sur, readings := range surnames {
		chars := []rune(sur)
		differs := false
		for i, reading := range readings {
			syl := strings.Fields(reading)
			if len(syl) != len(chars) {
				t.Errorf("%s: reading %q has %d syllables", sur, reading, len(syl))
				continue
			}
			for j, s := range syl {
				if !slices.Contains(known(chars[j]), s) {
					t.Errorf("%s: %q is not a reading of %c the library knows: %q", sur, s, chars[j], known(chars[j]))
				}
				if i == 0 && s != known(chars[j])[0] {
					differs = true
				}
			}
		}
		if !differs {
			t.Errorf("%s: the first reading %q is the library's own", sur, readings[0])
		}
	}
	for r, s := range givenReadings {
		if k := known(r); !slices.Contains(k, s) || k[0] == s {
			t.Errorf("given %c: %q is not among the library's readings %q, or is its first", r, s, k)
		}
	}
}

// TestReadingIsLibrarys: reading gives what the library's own SinglePinyin
// gives in its Tone style, for every character of the CJK block.
func TestReadingIsLibrarys(t *testing.T) {
	args := gopinyin.Args{Style: gopinyin.Tone}
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		want := ""
		if p := gopinyin.SinglePinyin(r, args); len(p) > 0 {
			want = p[0]
		}
		if got := reading(r); got != want {
			t.Errorf("reading(%c) = %q, the library's SinglePinyin %q", r, got, want)
		}
	}
}

func TestPlain(t *testing.T) {
	for in, want := range map[string]string{
		"wáng": "wang", "lǚ": "lv", "nǚ": "nv", "lüè": "lve", "ōu": "ou", "ń": "n", "ḿ": "m", "Xī": "xi",
	} {
		if got := plain(in); got != want {
			t.Errorf("plain(%q) = %q, want %q", in, got, want)
		}
	}
}

func BenchmarkOf(b *testing.B) {
	names := []string{"王伟", "欧阳振东", "单晓明", "陈晓燕", "阿依古丽·买买提"}
	for b.Loop() {
		for _, n := range names {
			r := Of(n)
			_, _ = r.Full(), r.Initials()
		}
	}
}
