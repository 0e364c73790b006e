package surname

import (
	"slices"
	"testing"
	"unicode/utf8"
)

func TestSplit(t *testing.T) {
	for _, tt := range []struct{ name, surname, given string }{
		{"王伟", "王", "伟"},
		{"陈晓燕", "陈", "晓燕"},
		{"欧阳振东", "欧阳", "振东"},
		{"欧阳锋", "欧阳", "锋"},
		{"欧阳", "欧", "阳"}, // two characters: surname and given name
		{"诸葛亮", "诸葛", "亮"},
		{"司马光", "司马", "光"},
		{"上官婉儿", "上官", "婉儿"},
		{"尉迟恭", "尉迟", "恭"},
		{"万俟卨", "万俟", "卨"},
		{"欧阳某某", "欧阳", "某某"},
		{"张某某", "张", "某某"},
		{"司明", "司", "明"},
		{"阿依古丽·买买提", "阿", "依古丽·买买提"},
		{" 王伟 ", "王", "伟"},
		{"王", "王", ""},
		{"", "", ""},
		{"   ", "", ""},
	} {
		s, g := Split(tt.name)
		if s != tt.surname || g != tt.given {
			t.Errorf("Split(%q) = %q, %q; want %q, %q", tt.name, s, g, tt.surname, tt.given)
		}
	}
}

func TestCompounds(t *testing.T) {
	if !slices.IsSorted(compounds[:]) {
		t.Error("compounds are not sorted: isCompound's binary search misses some")
	}
	seen := map[string]bool{}
	for _, c := range Compounds() {
		if utf8.RuneCountInString(c) != 2 || seen[c] {
			t.Errorf("compound surname %q: not two characters, or listed twice", c)
		}
		seen[c] = true
		if s, g := Split(c + "某某"); s != c || g != "某某" {
			t.Errorf("Split(%q) = %q, %q", c+"某某", s, g)
		}
	}
	// Those issue 12 names, each to be sorted as one surname.
	for _, c := range []string{"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "夏侯", "长孙", "宇文", "司徒", "令狐", "澹台", "端木", "西门", "南宫", "万俟"} {
		if !seen[c] {
			t.Errorf("%s is not a compound surname", c)
		}
	}
	first := Compounds()[0]
	Compounds()[0] = "改"
	if Compounds()[0] != first {
		t.Error("Compounds shares its array with the caller")
	}
}
