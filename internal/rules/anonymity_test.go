package rules

import "testing"

// holdsHiddenRunes is holdsHidden as it was written first, over the
// name's runes: the reference the faster one is held to.
func holdsHiddenRunes(name string, hidden map[string]bool) bool {
	rs := []rune(name)
	for i := range rs {
		for j := i + 2; j <= len(rs); j++ {
			if j-i < len(rs) && hidden[string(rs[i:j])] {
				return true
			}
		}
	}
	return false
}

func TestHoldsHidden(t *testing.T) {
	hidden := map[string]bool{"王海": true, "阳修": true, "林平": true, "张三丰": true, "AB": true}
	tests := []struct {
		name string
		want bool
	}{
		{"王海燕", true},
		{"王海", false}, // the hidden name itself is not a part shorter than it
		{"欧阳修文", true},
		{"王成林平", true},
		{"张三丰", false},
		{"张三丰年", true},
		{"王", false},
		{"", false},
		{"李四", false},
		{"XABX", true},
		{"ＡＢ", false}, // not folded here
	}
	for _, tt := range tests {
		if got := holdsHidden(tt.name, hidden); got != tt.want {
			t.Errorf("holdsHidden(%q) = %v, want %v", tt.name, got, tt.want)
		}
		if got, want := holdsHidden(tt.name, hidden), holdsHiddenRunes(tt.name, hidden); got != want {
			t.Errorf("holdsHidden(%q) = %v, the rune version %v", tt.name, got, want)
		}
	}
}
