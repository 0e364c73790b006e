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
// use and a few more, most common first. Only read, never changed.
var compounds = [...]string{
	"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
	"宇文", "司徒", "夏侯", "轩辕", "令狐", "钟离", "端木", "西门", "南宫", "独孤",
	"百里", "呼延", "东郭", "闻人", "太史", "申屠", "澹台", "公冶", "宗政", "濮阳",
	"淳于", "单于", "太叔", "仲孙", "万俟", "司空", "司寇", "赫连", "拓跋", "第五",
	"乐正", "左丘", "谷梁", "梁丘", "羊舌", "微生", "公羊", "公良", "漆雕", "壤驷",
	"巫马", "颛孙", "子车", "亓官", "鲜于", "闾丘", "段干", "东门", "公西", "夹谷",
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
	if utf8.RuneCountInString(name) >= 3 {
		for _, c := range compounds {
			if strings.HasPrefix(name, c) {
				return c, name[len(c):]
			}
		}
	}
	_, size := utf8.DecodeRuneInString(name)
	return name[:size], name[size:]
}
