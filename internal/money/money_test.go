package money

import (
	"errors"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Fen
		err  error
	}{
		{"20000.00", 2000000, nil},
		{"20000", 2000000, nil},
		{"0.10", 10, nil},
		{"0.1", 10, nil},
		{"12.34", 1234, nil},
		{"007.50", 750, nil},
		{"9999999999999.99", 999999999999999, nil},
		{"", 0, ErrEmpty},
		{"2万", 0, ErrForm},
		{"1e3", 0, ErrForm},
		{"1,000", 0, ErrForm},
		{" 5", 0, ErrForm},
		{"5 ", 0, ErrForm},
		{".5", 0, ErrForm},
		{"5.", 0, ErrForm},
		{"1.2.3", 0, ErrForm},
		{"２０", 0, ErrForm},
		{"NaN", 0, ErrForm},
		{"-5", 0, ErrSign},
		{"+5", 0, ErrSign},
		{"12.345", 0, ErrDecimals},
		{"0", 0, ErrZero},
		{"0.00", 0, ErrZero},
		{"10000000000000", 0, ErrTooLarge},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("Parse(%q) = %d, %v; want %d, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestString(t *testing.T) {
	tests := []struct {
		in      Fen
		want    string
		wantZh  string
		reparse bool
	}{
		{2000000, "20000.00", "20,000.00元", true},
		{5, "0.05", "0.05元", true},
		{10, "0.10", "0.10元", true},
		{123456789, "1234567.89", "1,234,567.89元", true},
		{0, "0.00", "0.00元", false},
		{-150, "-1.50", "-1.50元", false},
	}
	for _, tt := range tests {
		if got := tt.in.String(); got != tt.want {
			t.Errorf("Fen(%d).String() = %q, want %q", tt.in, got, tt.want)
		}
		if got := tt.in.Zh(); got != tt.wantZh {
			t.Errorf("Fen(%d).Zh() = %q, want %q", tt.in, got, tt.wantZh)
		}
		if tt.reparse {
			if back, err := Parse(tt.in.String()); back != tt.in || err != nil {
				t.Errorf("Parse(%q) = %d, %v; want %d", tt.in.String(), back, err, tt.in)
			}
		}
	}
	if got := Yuan(2000); got != 200000 {
		t.Errorf("Yuan(2000) = %d, want 200000", got)
	}
}

// TestSumIsExact adds 0.10 ten thousand times: in fen the total is exactly
// 1000.00, where float64 would drift.
func TestSumIsExact(t *testing.T) {
	var total Fen
	for range 10000 {
		a, err := Parse("0.10")
		if err != nil {
			t.Fatal(err)
		}
		total += a
	}
	if total.String() != "1000.00" {
		t.Errorf("10000 × 0.10 = %s, want 1000.00", total)
	}
}

func TestUnmarshalYAML(t *testing.T) {
	var v struct {
		Amount Fen `yaml:"amount"`
	}
	if err := yaml.Unmarshal([]byte(`amount: "300.5"`), &v); err != nil || v.Amount != 30050 {
		t.Errorf("amount: \"300.5\" = %d, %v; want 30050", v.Amount, err)
	}
	for _, bad := range []string{`amount: 300.5`, `amount: "2万"`, `amount: [1]`} {
		if err := yaml.Unmarshal([]byte(bad), &v); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"20000.00", "0.1", "2万", "-5", "12.345", "1e3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Parse(s)
		if err != nil {
			return
		}
		if n <= 0 {
			t.Fatalf("Parse(%q) = %d, not positive", s, n)
		}
		if back, err := Parse(n.String()); back != n || err != nil {
			t.Fatalf("Parse(%q) = %d, but Parse(%q) = %d, %v", s, n, n.String(), back, err)
		}
	})
}
