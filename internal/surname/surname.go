// Package surname splits a Chinese name into its surname (姓) and given
// name (名), keeping compound surnames (复姓) such as 欧阳 and 诸葛 whole.
//
// A name of three characters or more that starts with a compound surname
// is read as that surname and a given name; anything shorter, and every
// other name, has the first character as its surname. So 欧阳振东 is 欧阳 +
// 振东 and 欧阳 alone is 欧 + 阳. A name that starts with a compound
// surname but is a single surname and a given name (单于某 for a 单 whose
// given name begins with 于) cannot be told apart from its text; it is read
// as the compound.
package surname

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// compounds are the compound surnames recognised, those of 百家姓 still in
// use and a few more, sorted by their bytes for binary search
// (TestCompounds checks). Only ever read.
var compounds = [...]string{
	"万俟", "上官", "东方", "东郭", "东门", "乐正", "亓官", "令狐", "仲孙", "公冶",
	"公孙", "公羊", "公良", "公西", "单于", "南宫", "司寇", "司徒", "司空", "司马",
	"呼延", "壤驷", "夏侯", "太叔", "太史", "夹谷", "子车", "宇文", "宗政", "尉迟",
	"左丘", "巫马", "微生", "慕容", "拓跋", "梁丘", "欧阳", "段干", "淳于", "漆雕",
	"澹台", "濮阳", "独孤", "申屠", "百里", "皇甫", "端木", "第五", "羊舌", "西门",
	"诸葛", "谷梁", "赫连", "轩辕", "钟离", "长孙", "闻人", "闾丘", "颛孙", "鲜于",
}

func isCompound(s string) bool {
	_, ok := slices.BinarySearch(compounds[:], s)
	return ok
}

// Compounds returns the compound surnames Split recognises, in a new slice.
func Compounds() []string { return slices.Clone(compounds[:]) }

// Split returns the surname and the given name of name, after trimming
// spaces. An empty name gives two empty strings.
func Split(name string) (surname, given string) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", ""
	}
	_, size := utf8.DecodeRuneInString(name)
	if _, size2 := utf8.DecodeRuneInString(name[size:]); size2 > 0 && len(name) > size+size2 {
		if c := name[:size+size2]; isCompound(c) {
			return c, name[len(c):]
		}
	}
	return name[:size], name[size:]
}
