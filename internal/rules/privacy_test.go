package rules

import (
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/yancheng-jyyw/roll/internal/fold"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/public"
)

func TestSecretParts(t *testing.T) {
	tests := []struct{ in, want string }{
		{"13800001924", "13800001924"},
		{"射阳县合德镇示例路1号", "射阳县合德镇示例路1号"},
		{"李四（配偶）13900000000", "李四(配偶)13900000000|李四|13900000000"},
		{"蔡某（配偶）13800006895", "13800006895"},
		{"王建国、李秀英", "王建国、李秀英|王建国|李秀英"},
		{"配偶", ""},
		{"张某", ""},
		{"3号", ""},
		{"1234", ""},
		{"李四13900000000", "李四13900000000|李四|13900000000"},
		{"０５１５－８８８８８８８８", "051588888888"},
		{"32092419820506193x", "32092419820506193"}, // the whole, digits and X, is not looked for: its 17 digits are
		{"王建国（父亲、退休）;李秀英【母亲,13900000000】", "王建国(父亲、退休);李秀英【母亲,13900000000】|王建国|李秀英"},
		{"张三(李四(王五),赵六)钱七", "张三(李四(王五),赵六)钱七|张三|钱七"},
		{"张三)李四,王五", "张三)李四,王五|李四|王五"},
	}
	for _, tt := range tests {
		if got := strings.Join(secretParts(nil, tt.in), "|"); got != tt.want {
			t.Errorf("secretParts(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNumbers(t *testing.T) {
	tests := []struct{ in, want string }{
		{"电话13800001924", "13800001924"},
		{"电话 138 0000 1924。", "138 0000 1924"},
		{"+86 139-1234-5678", "86 139-1234-5678"},
		{"１３９１２３４５６７８", "１３９１２３４５６７８"},
		{"32092419820506193x", "32092419820506193x"},
		{"3209 2419 8205 0619 33", "3209 2419 8205 0619 33"},
		{"13800001924\n2020年", "13800001924"},
		{"2019年6月18日，2019-06-18", ""},
		{"编号 H-2019-0002，金额 20000.00", ""},
		{"12345678901", ""}, // no mobile starts 12
		{"138000019240", ""},
	}
	for _, tt := range tests {
		ft := fold.New(tt.in)
		var got []string
		numbers(ft, func(i, j int, id bool) {
			a, b := ft.Span(i, j)
			got = append(got, tt.in[a:b])
		})
		if strings.Join(got, "|") != tt.want {
			t.Errorf("numbers(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDisabilityGrade(t *testing.T) {
	for _, s := range []string{"七级伤残", "伤残七级", "伤残等级为十级", "4级残疾", "鉴定为伤残三级"} {
		if !disabilityGrade.MatchString(fold.String(s)) {
			t.Errorf("%q is not found as a disability grade", s)
		}
	}
	for _, s := range []string{"七级大风", "落下了残疾", "经鉴定为伤残", "三级医院"} {
		if disabilityGrade.MatchString(fold.String(s)) {
			t.Errorf("%q is taken for a disability grade", s)
		}
	}
}

// TestWithheld holds withheld to the decision the public site makes
// (public.Publication): who may be named is who is published.
func TestWithheld(t *testing.T) {
	today := time.Date(2020, 12, 31, 0, 0, 0, 0, time.UTC)
	var heroes []model.Hero
	for _, status := range []string{"confirmed", "pending", "withdrawn", "odd"} {
		for _, consent := range []bool{true, false} {
			for _, guardian := range []bool{true, false} {
				for _, born := range []int{1980, 2010} {
					heroes = append(heroes, model.Hero{Status: status, BirthYear: born,
						Public: model.Publication{Consent: consent, GuardianConsent: guardian}})
				}
			}
		}
	}
	for _, h := range heroes {
		if got, want := withheld(&h, today) == nil, public.Publication(&h, today) == public.Published; got != want {
			t.Errorf("%+v: published here %v, by the public site %v", h.Public, got, want)
		}
	}
}

func TestInert(t *testing.T) {
	tests := []struct {
		v    string
		want bool
	}{
		{"H-2020-0001", false}, // 8 digits
		{"rescue", true},
		{"sheyang", true},
		{"C-20", true},
		{"13800001924", false},
		{"&#24352;", false},
		{"张三", false},
	}
	for _, tt := range tests {
		if got := inert(tt.v); got != tt.want {
			t.Errorf("inert(%q) = %v, want %v", tt.v, got, tt.want)
		}
	}
}

// TestHanBlock holds the shortcut of meaningful to Unicode's table: every
// character of U+4E00–U+9FFF is Han.
func TestHanBlock(t *testing.T) {
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		if !unicode.Is(unicode.Han, r) {
			t.Fatalf("%U is not Han", r)
		}
	}
}
