package wire

import (
	"encoding/binary"
	"math"
	"testing"
	"unsafe"
)

// read is one read of a Reader and what it gave, printed.
type read func(r *Reader) any

func TestReader(t *testing.T) {
	uv := func(n uint64) []byte { return binary.AppendUvarint(nil, n) }
	v := func(n int64) []byte { return binary.AppendVarint(nil, n) }
	cat := func(bs ...[]byte) []byte {
		var out []byte
		for _, b := range bs {
			out = append(out, b...)
		}
		return out
	}
	overlong := []byte{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01}
	count := func(min int) read { return func(r *Reader) any { return r.Count(min) } }
	uvarint := func(max uint64) read { return func(r *Reader) any { return r.Uvarint(max) } }
	varint := func(min, max int64) read { return func(r *Reader) any { return r.Varint(min, max) } }
	str := func(r *Reader) any { return r.Str() }
	flag := func(r *Reader) any { return r.Flag() }
	next := func(n int) read { return func(r *Reader) any { return string(r.Next(n)) } }
	tests := []struct {
		name  string
		in    []byte
		max   int // MaxCount
		reads []read
		want  []any
		bad   bool
		rest  int // bytes left
	}{
		{"empty count", nil, 0, []read{count(1)}, []any{0}, true, 0},
		{"count zero", uv(0), 0, []read{count(1)}, []any{0}, false, 0},
		{"count fits", cat(uv(3), []byte("abc")), 0, []read{count(1)}, []any{3}, false, 3},
		// The bound is the bytes left, varint included, over min.
		{"count beyond bytes left", cat(uv(5), []byte("abc")), 0, []read{count(1)}, []any{0}, true, 0},
		{"count at bytes left", cat(uv(4), []byte("abc")), 0, []read{count(1), next(3)}, []any{4, "abc"}, false, 0},
		{"count by min", cat(uv(2), make([]byte, 9)), 0, []read{count(5)}, []any{2}, false, 9},
		{"count beyond min", cat(uv(2), make([]byte, 8)), 0, []read{count(5)}, []any{0}, true, 0},
		{"count min zero", uv(0), 0, []read{count(0)}, []any{0}, true, 0},
		{"count above MaxCount", cat(uv(3), []byte("abc")), 2, []read{count(1)}, []any{0}, true, 0},
		{"count at MaxCount", cat(uv(2), []byte("ab")), 2, []read{count(1)}, []any{2}, false, 2},
		{"count overlong", overlong, 0, []read{count(1)}, []any{0}, true, 0},
		{"count truncated", []byte{0x80}, 0, []read{count(1)}, []any{0}, true, 0},
		{"uvarint at max", uv(1 << 30), 0, []read{uvarint(1 << 30)}, []any{uint64(1 << 30)}, false, 0},
		{"uvarint above max", uv(1<<30 + 1), 0, []read{uvarint(1 << 30)}, []any{uint64(0)}, true, 0},
		{"uvarint overlong", overlong, 0, []read{uvarint(math.MaxUint64)}, []any{uint64(0)}, true, 0},
		{"varint in", v(-1 << 40), 0, []read{varint(-1<<40, 1<<40)}, []any{int64(-1 << 40)}, false, 0},
		{"varint below", v(-1<<40 - 1), 0, []read{varint(-1<<40, 1<<40)}, []any{int64(0)}, true, 0},
		{"varint above", v(1<<40 + 1), 0, []read{varint(-1<<40, 1<<40)}, []any{int64(0)}, true, 0},
		{"varint whole range", v(math.MinInt64), 0, []read{varint(math.MinInt64, math.MaxInt64)}, []any{int64(math.MinInt64)}, false, 0},
		{"varint truncated", []byte{0xff}, 0, []read{varint(math.MinInt64, math.MaxInt64)}, []any{int64(0)}, true, 0},
		{"varint overlong", overlong, 0, []read{varint(math.MinInt64, math.MaxInt64)}, []any{int64(0)}, true, 0},
		{"strings", cat(AppendString(nil, "ab"), AppendString(nil, "")), 0, []read{str, str}, []any{"ab", ""}, false, 0},
		{"string truncated", cat(uv(3), []byte("ab")), 0, []read{str}, []any{""}, true, 0},
		{"string above MaxCount", AppendString(nil, "abc"), 2, []read{str}, []any{""}, true, 0},
		{"flags", cat(AppendFlag(nil, true), AppendFlag(nil, false)), 0, []read{flag, flag}, []any{true, false}, false, 0},
		{"bad flag", []byte{2}, 0, []read{flag}, []any{false}, true, 0},
		{"flag truncated", nil, 0, []read{flag}, []any{false}, true, 0},
		{"next", []byte("abcd"), 0, []read{next(3)}, []any{"abc"}, false, 1},
		{"next short", []byte("ab"), 0, []read{next(3)}, []any{""}, true, 0},
		{"next negative", []byte("ab"), 0, []read{next(-1)}, []any{""}, true, 0},
		// After the first bad read, every read is zero even where the
		// bytes would fit.
		{"zeros after bad", cat([]byte{2}, AppendString(nil, "ab"), AppendFlag(nil, true)), 0,
			[]read{flag, str, flag, count(1), next(1)}, []any{false, "", false, 0, ""}, true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(tt.in)
			r.MaxCount = tt.max
			for i, rd := range tt.reads {
				if got := rd(&r); got != tt.want[i] {
					t.Errorf("read %d = %#v, want %#v", i, got, tt.want[i])
				}
			}
			if r.Bad() != tt.bad {
				t.Errorf("Bad() = %v, want %v", r.Bad(), tt.bad)
			}
			if len(r.Rest()) != tt.rest {
				t.Errorf("%d bytes left, want %d", len(r.Rest()), tt.rest)
			}
		})
	}
}

func TestStrAlias(t *testing.T) {
	in := AppendString(AppendString(nil, "abc"), "")
	for _, alias := range []bool{false, true} {
		r := NewReader(in)
		r.Alias = alias
		s, empty := r.Str(), r.Str()
		if s != "abc" || empty != "" || r.Bad() {
			t.Fatalf("alias %v: read %q, %q, bad %v", alias, s, empty, r.Bad())
		}
		if shared := unsafe.StringData(s) == &in[1]; shared != alias {
			t.Errorf("alias %v: string shares the bytes read: %v", alias, shared)
		}
	}
}

func TestFailAndReset(t *testing.T) {
	in := AppendFlag(AppendString(nil, "x"), true)
	r := NewReader(in)
	r.Alias, r.MaxCount = true, 5
	r.Fail()
	if !r.Bad() || r.Str() != "" {
		t.Fatal("a failed reader reads on")
	}
	r.Reset(in)
	if s, f := r.Str(), r.Flag(); s != "x" || !f || r.Bad() || len(r.Rest()) != 0 {
		t.Errorf("after Reset: %q, %v, bad %v, %d left", s, f, r.Bad(), len(r.Rest()))
	}
	if !r.Alias || r.MaxCount != 5 {
		t.Error("Reset dropped the options")
	}
}

func TestAppend(t *testing.T) {
	if got := string(AppendString([]byte("h"), "ab")); got != "h\x02ab" {
		t.Errorf("AppendString = %q", got)
	}
	if got := string(AppendFlag(AppendFlag(nil, true), false)); got != "\x01\x00" {
		t.Errorf("AppendFlag = %q", got)
	}
}
