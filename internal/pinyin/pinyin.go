// Package pinyin gives the pinyin of Chinese names, for search by 全拼
// ("wangwei") and by 首字母 ("ww") (issue 12).
//
// The reading of each character comes from github.com/mozillazg/go-pinyin,
// which gives every character its most common reading. A surname is often
// read otherwise (单 shàn, 曾 zēng, 解 xiè, 仇 qiú, 区 ōu, 朴 piáo, 查 zhā,
// 尉迟 yùchí, 万俟 mòqí), so surnames are looked up in this package's own
// table first, compound surnames whole (surname.Split); a few characters
// are read as given names are (长青 chángqīng, not zhǎngqīng). Characters
// the library has no reading for, and anything that is not a Chinese
// character (the · of minority names, Latin letters), have no syllable.
//
// Some surnames are read two ways by different families (乐 yuè or lè, 覃
// qín or tán): Readings gives both, the commoner first, so that a search
// index can hold both.
package pinyin

import (
	"strings"
	"unicode"
	"unicode/utf8"

	gopinyin "github.com/mozillazg/go-pinyin"

	"github.com/yancheng-jyyw/roll/internal/surname"
)

// Reading is one way of reading a name aloud.
type Reading struct {
	// Syllables are the name's syllables with tone marks, one per Chinese
	// character that has a reading, surname first: 单晓明 is
	// ["shàn", "xiǎo", "míng"].
	Syllables []string
	// Surname is how many of Syllables belong to the surname: 1, 2 for a
	// compound surname, 0 when the surname has no reading.
	Surname int
}

// Of returns the usual reading of name.
func Of(name string) Reading {
	return Readings(name)[0]
}

// Readings returns the readings of name: the usual one first, then one for
// each other reading of its surname in use. It always returns at least one
// Reading, with no syllables for an empty name.
func Readings(name string) []Reading {
	sur, given := surname.Split(name)
	rest := syllables(given, true)
	var rs []Reading
	for _, s := range surnameReadings(sur) {
		syl := strings.Fields(s)
		rs = append(rs, Reading{Syllables: append(syl, rest...), Surname: len(syl)})
	}
	return rs
}

// Full returns the syllables without tones, joined: "wangwei". ü is
// written v, as pinyin input methods type it: 吕 is "lv".
func (r Reading) Full() string {
	var sb strings.Builder
	for _, s := range r.Syllables {
		sb.WriteString(plain(s))
	}
	return sb.String()
}

// Initials returns the first letter of each syllable: "ww".
func (r Reading) Initials() string {
	var sb strings.Builder
	for _, s := range r.Syllables {
		sb.WriteString(plain(s)[:1])
	}
	return sb.String()
}

// String writes the name as GB/T 28039 spells Chinese names in pinyin: the
// surname and the given name as two words, each capitalized, with tone
// marks and an apostrophe before a syllable that starts with a, o or e:
// "Ōuyáng Zhèndōng", "Wáng Xī'ān".
func (r Reading) String() string {
	word := func(syl []string) string {
		var sb strings.Builder
		for i, s := range syl {
			if i > 0 && strings.ContainsRune("aoe", rune(plain(s)[0])) {
				sb.WriteByte('\'')
			}
			if i == 0 {
				c, size := utf8.DecodeRuneInString(s)
				sb.WriteRune(unicode.ToUpper(c))
				s = s[size:]
			}
			sb.WriteString(s)
		}
		return sb.String()
	}
	sur, given := word(r.Syllables[:r.Surname]), word(r.Syllables[r.Surname:])
	if sur == "" || given == "" {
		return sur + given
	}
	return sur + " " + given
}

// surnameReadings returns the readings of a surname, each its syllables
// separated by spaces: the table's when it has the surname, else the
// library's. A surname without a reading gives one empty reading.
func surnameReadings(sur string) []string {
	if rs, ok := surnames[sur]; ok {
		return rs
	}
	return []string{strings.Join(syllables(sur, false), " ")}
}

// syllables reads s character by character; given says s is a given name.
func syllables(s string, given bool) []string {
	var out []string
	for _, r := range s {
		if g, ok := givenReadings[r]; ok && given {
			out = append(out, g)
			continue
		}
		if p := reading(r); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// reading returns the library's commonest reading of r with its tone mark,
// or "". It reads the library's dictionary, whose entries are the readings
// in its Tone style separated by commas, rather than calling SinglePinyin,
// which runs regular expressions over each reading to give the same
// (TestReadingIsLibrarys).
func reading(r rune) string {
	first, _, _ := strings.Cut(gopinyin.PinyinDict[int(r)], ",")
	return first
}

// plain returns a syllable without its tone mark and with ü as v, in lower
// case: "lǚ" is "lv".
func plain(s string) string {
	var sb strings.Builder
	for _, r := range s {
		switch r {
		case 'ā', 'á', 'ǎ', 'à':
			r = 'a'
		case 'ē', 'é', 'ě', 'è', 'ê', 'ế', 'ề':
			r = 'e'
		case 'ī', 'í', 'ǐ', 'ì':
			r = 'i'
		case 'ō', 'ó', 'ǒ', 'ò':
			r = 'o'
		case 'ū', 'ú', 'ǔ', 'ù':
			r = 'u'
		case 'ü', 'ǖ', 'ǘ', 'ǚ', 'ǜ':
			r = 'v'
		case 'ḿ':
			r = 'm'
		case 'ń', 'ň', 'ǹ':
			r = 'n'
		}
		sb.WriteRune(unicode.ToLower(r))
	}
	return sb.String()
}

// surnames are the readings of surnames whose reading as a surname is not
// the character's commonest, compound surnames whole, each reading's
// syllables separated by spaces; where families read a surname two ways,
// the commoner first. Only ever read.
var surnames = map[string][]string{
	"单": {"shàn"}, "曾": {"zēng"}, "解": {"xiè"}, "仇": {"qiú"}, "区": {"ōu"},
	"朴": {"piáo"}, "查": {"zhā"}, "盖": {"gě", "gài"}, "葛": {"gě"},
	"翟": {"zhái", "dí"}, "乐": {"yuè", "lè"}, "覃": {"qín", "tán"},
	"缪": {"miào"}, "纪": {"jǐ"}, "种": {"chóng"}, "句": {"gōu"}, "员": {"yùn"},
	"华": {"huà"}, "任": {"rén"}, "燕": {"yān"}, "隗": {"wěi", "kuí"},
	"郇": {"xún", "huán"}, "繁": {"pó"}, "召": {"shào"}, "折": {"shé"},
	"洗": {"xiǎn"}, "都": {"dū"}, "秘": {"bì"}, "阚": {"kàn"}, "蕃": {"pí"},
	"便": {"pián"}, "祭": {"zhài"}, "佴": {"nài"}, "能": {"nài"}, "重": {"chóng"},
	"藏": {"zāng"}, "薄": {"bó"}, "蔚": {"yù"}, "粘": {"nián"}, "乜": {"niè"},
	"过": {"guō"}, "那": {"nā"}, "长": {"cháng"},
	"尉迟": {"yù chí"}, "万俟": {"mò qí"}, "单于": {"chán yú"}, "澹台": {"tán tái"},
	"令狐": {"líng hú"}, "诸葛": {"zhū gě"},
}

// givenReadings are characters a given name reads otherwise than the
// library's commonest reading. Only ever read.
var givenReadings = map[rune]string{
	'长': "cháng", // 长青, 长林, 长江; the library gives zhǎng
}
