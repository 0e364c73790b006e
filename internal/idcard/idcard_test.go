package idcard

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	tests := []struct {
		id   string
		want error
	}{
		{"11010519491231002X", nil}, // the standard's own example
		{"11010519491231002x", nil},
		{"440524188001010014", nil},
		{"110105194912310021", ErrCheck},
		{"11010519491231002", ErrLength},
		{"11010519491231002X1", ErrLength},
		{"1101051949A231002X", ErrDigits},
		{"110105194902300028", ErrBirthDate}, // 30 February
		{"", ErrLength},
	}
	for _, tt := range tests {
		if got := Check(tt.id); got != tt.want {
			t.Errorf("Check(%q) = %v, want %v", tt.id, got, tt.want)
		}
	}
}

func TestMale(t *testing.T) {
	if male, ok := Male("11010519491231002X"); !ok || male {
		t.Errorf("Male(…002X) = %v, %v, want false, true", male, ok)
	}
	if male, ok := Male("440524188001010014"); !ok || !male {
		t.Errorf("Male(…0014) = %v, %v, want true, true", male, ok)
	}
}

func TestMask(t *testing.T) {
	tests := []struct{ in, want string }{
		{"320924198503140012", "3209**********0012"},
		{"1234", "****"},
	}
	for _, tt := range tests {
		if got := Mask(tt.in); got != tt.want {
			t.Errorf("Mask(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got, want := MaskPhone("13800000000"), "138****0000"; got != want {
		t.Errorf("MaskPhone = %q, want %q", got, want)
	}
}

// TestMaskNumbers masks phones and ID numbers inside free text.
func TestMaskNumbers(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"李四（配偶）13900000000", "李四（配偶）139****0000"},
		{"证件 32092419850314001X 在案", "证件 3209**********001X 在案"},
		{"座机 051588881234", "座机 051*****1234"},
		{"2020年3月14日，金额 3000 元", "2020年3月14日，金额 3000 元"},
		{"", ""},
	} {
		if got := MaskNumbers(tc.in); got != tc.want {
			t.Errorf("MaskNumbers(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestHasDigitRun holds HasDigitRun, which skips ahead, to the obvious
// count of digits in a row.
func TestHasDigitRun(t *testing.T) {
	simple := func(s string, n int) bool {
		run := 0
		for i := 0; i < len(s); i++ {
			if '0' <= s[i] && s[i] <= '9' {
				if run++; run >= n {
					return true
				}
			} else {
				run = 0
			}
		}
		return false
	}
	r := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"1", "2", "9", "0", "a", "-", "年", " "}
	for range 20000 {
		var b strings.Builder
		for range r.IntN(40) {
			if r.IntN(4) == 0 {
				b.WriteString(pieces[r.IntN(len(pieces))])
			} else {
				b.WriteString(pieces[r.IntN(4)])
			}
		}
		s := b.String()
		for n := 0; n <= 20; n++ {
			if got, want := HasDigitRun(s, n), simple(s, n); got != want {
				t.Fatalf("HasDigitRun(%q, %d) = %v, want %v", s, n, got, want)
			}
		}
	}
}
