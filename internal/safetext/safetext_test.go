package safetext

import "testing"

func TestLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"records/heroes/sheyang/H-2019-0002.md", "records/heroes/sheyang/H-2019-0002.md"},
		{"记录有误：射阳县", "记录有误：射阳县"},
		{"a\n::error::pwned", `a\n::error::pwned`},
		{"::warning::x", `\::warning::x`},
		{"  ::add-mask::secret", `  \::add-mask::secret`},
		{"\u3000::stop-commands::t", "\u3000\\::stop-commands::t"},
		{"before ##[error]x", `before ##\[error]x`},
		{"\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"a\rb", `a\rb`},
		{"tab\there", `tab\there`},
		{"del\x7f", `del\x7f`},
		{"c1\u009b2J", `c1\u009b2J`},
		{"bidi\u202eevil", `bidi\u202eevil`},
		{"zw\u200bsp", `zw\u200bsp`},
		{"ls\u2028ps\u2029", `ls\u2028ps\u2029`},
		{"bad\xffutf8", `bad\xffutf8`},
		{"key: value", "key: value"},
		{"a::b", "a::b"},
	}
	for _, tt := range tests {
		if got := Line(tt.in); got != tt.want {
			t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"one\ntwo", "one\ntwo"},
		{"one\r\ntwo\rthree", "one\ntwo\nthree"},
		{"first\n::error file=x::y", "first\n\\::error file=x::y"},
		{"first\n  ::group::g", "first\n  \\::group::g"},
		{"first\n\t::group::g", "first\n\\t::group::g"},
		{"\x1b]8;;http://x\x07link", `\x1b]8;;http://x\alink`},
	}
	for _, tt := range tests {
		if got := Text(tt.in); got != tt.want {
			t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestChars(t *testing.T) {
	tests := []struct{ in, want string }{
		{"records/a\n::error::b.md", "records/a\n::error::b.md"},
		{"a\r\nb\x1b", "a\nb\\x1b"},
		{"##[x]", `##\[x]`},
	}
	for _, tt := range tests {
		if got := Chars(tt.in); got != tt.want {
			t.Errorf("Chars(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
