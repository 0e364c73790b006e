package yamldoc

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/frontmatter"
	"github.com/yancheng-jyyw/roll/internal/synth"
	"github.com/yancheng-jyyw/roll/internal/value"
)

// warm is a text the Reader of sameAsDecode reads first, so that what it
// reads next is read in memory that held another document.
const warm = "id: H-2020-0001\nname: 张三\nlist:\n- \"a\\tb\"\n- |\n  x\n  y\nm: {b: 'it''s', a: [1, 2]}\n"

// sameAsDecode fails t when the fast reader reads data differently from
// Decode: a value where Decode has problems, another value (the binary
// form value.Append writes of Decode's value, byte for byte), or other
// positions. It returns whether the fast reader read data.
func sameAsDecode(t *testing.T, name string, data []byte) bool {
	t.Helper()
	var r Reader
	if _, ok := r.packed([]byte(warm)); !ok {
		t.Fatalf("the fast reader refuses %q", warm)
	}
	b, ok := r.packed(data)
	if !ok {
		if d, problems := r.DecodePacked("f.yaml", data, 3); len(problems) == 0 && d != nil && !d.Empty() {
			if want, err := value.Append(nil, d.Value); err != nil || !bytes.Equal(d.Packed, want) {
				t.Errorf("%s: DecodePacked(%q), read by Decode, has Packed %q, want %q", name, data, d.Packed, want)
			}
		}
		return false
	}
	b = bytes.Clone(b)
	slow, problems := Decode("f.yaml", data, 3)
	if len(problems) > 0 || slow == nil || slow.Empty() {
		t.Errorf("%s: the fast reader read %q, which Decode refuses: %v", name, data, render(problems))
		return true
	}
	want, err := value.Append(nil, slow.Value)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, want) {
		v, _ := value.Read(b)
		t.Errorf("%s: the fast reader reads %q as %q (%#v), Decode's value is %q (%#v)", name, data, b, v, want, slow.Value)
		return true
	}
	if again, _ := r.packed(data); !bytes.Equal(again, b) {
		t.Errorf("%s: read again by the same Reader, %q is %q, was %q", name, data, again, b)
	}
	fast, problems := r.DecodePacked("f.yaml", data, 3)
	if len(problems) > 0 || fast.Root != nil || fast.Value != nil || fast.Empty() || !bytes.Equal(fast.Packed, want) {
		t.Errorf("%s: DecodePacked(%q) did not take the fast path, or gave %q", name, data, fast.Packed)
		return true
	}
	lazy := NewLazy("f.yaml", data, 3)
	for _, path := range paths(slow.Value, nil) {
		want := slow.At(path...)
		if got := fast.At(path...); got != want {
			t.Errorf("%s: At(%q) of %q = %v, Decode's %v", name, path, data, got, want)
		}
		if got := lazy.At(path...); got != want {
			t.Errorf("%s: Lazy.At(%q) of %q = %v, Decode's %v", name, path, data, got, want)
		}
		want = slow.KeyAt(path...)
		if got := fast.KeyAt(path...); got != want {
			t.Errorf("%s: KeyAt(%q) of %q = %v, Decode's %v", name, path, data, got, want)
		}
		if got := lazy.KeyAt(path...); got != want {
			t.Errorf("%s: Lazy.KeyAt(%q) of %q = %v, Decode's %v", name, path, data, got, want)
		}
	}
	return true
}

// paths lists the path of every value in v, and paths that go on from
// each value where nothing is: a missing key, an index past the end, an
// index written otherwise ("01", "+0", "-1"), a step below text, a step
// holding NUL.
func paths(v any, at []string) [][]string {
	out := [][]string{append([]string(nil), at...)}
	below := func(steps ...string) []string { return append(at[:len(at):len(at)], steps...) }
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			out = append(out, paths(e, below(k))...)
			out = append(out, below(k+"\x00"), below("\x00"+k))
		}
		out = append(out, below("missing"), below("0"))
	case []any:
		for i, e := range v {
			out = append(out, paths(e, below(strconv.Itoa(i)))...)
		}
		out = append(out, below(strconv.Itoa(len(v))), below("01"), below("+0"), below("-1"), below("x"), below("00", "a"))
	default:
		out = append(out, below("x"), below("0"))
	}
	return out
}

func TestFastIsYAML(t *testing.T) {
	tests := []struct {
		in   string
		fast bool // whether the fast reader reads it, rather than leaving it to Decode
	}{
		// Read fast.
		{"id: a\n", true},
		{"id: a", true},
		{"# yaml-language-server: $schema=x\nid: H-2020-0001\nname: 张三\n", true},
		{"a:\n  b: 1\n  c:\n    d: x\ne: y\n", true},
		{"a:\n- 1\n- 2\nb: x\n", true},
		{"a:\n  - 1\n  - 2\nb: x\n", true},
		{"- a: 1\n  b: 2\n- c: 3\n", true},
		{"-   a: 1\n    b:\n    - x\n    c: 2\n", true},
		{"- a\n-\n- b\n", true},
		{"-\n  a: 1\n", true},
		{"a:\nb: ~\nc: null\nd: Null\ne: NULL\n", true},
		{"a: true\nb: True\nc: TRUE\nd: false\ne: False\nf: FALSE\n", true},
		{"a: yes\nb: no\nc: on\nd: off\ne: y\nf: n\ng: tRue\n", true},
		{"a: 0\nb: 7\nc: -7\nd: 123456789012345678\ne: 1.50\nf: -0.5\ng: 0.0\n", true},
		{"a: 2020-01-15\nb: 0515-88880000\nc: 2020-13-45\nd: 2020-01-15T10:00:00Z\ne: 2020-1-5\n", true},
		{"a: 3号\nb: -3度\nc: 1980年\nd: 12:30\n", true},
		{"a: \"13800001367\"\nb: '320981197203284183'\nc: \"\"\nd: ''\n", true},
		{"a: \"x \\\"y\\\" \\\\ \\n \\t\"\nb: 'it''s'\n", true},
		{"a: \"x\\/\"\n", false},
		{"a: \"x # y\" # z\nb: 'p # q'   # r\n", true},
		{"a: x # c\nb: x#y\nc: a b  c  \n", true},
		{"a: https://x.example/a?b=c\nb: mailto:x@y\nc: a:b\n", true},
		{"a: []\nb: [ ]\nc: [x, y]\nd: [\"x, y\", 'z']\ne: [1, 2.5, true, null, 2020-01-01]\n", true},
		{"a: [H-2020-0003]   # c\n", true},
		{"a: |\n  x\n  y\nb: 1\n", true},
		{"a: |-\n  x\n  y\n", true},
		{"a: |+\n  x\n\n\nb: 1\n", true},
		{"a: >\n  x\n  y\n\n  z\n   w\n  v\nb: 1\n", true},
		{"a: >-\n  一行\n  二行\n", true},
		{"a: >+\n  x\n", true},
		{"a: |\n  x\n    y\n  # not a comment\n\n  z\n", true},
		{"a: |\n  x\n  y", true},
		{"a: > # c\n  x\n", true},
		{"a: |\n\n  x\n", true},
		{"a: |\n  x\n   \n  y\n", true},
		{"a: >\n  x\n\n\n  y\n", true},
		{"a: >\n   x\n  y\n", false},
		{"- |\n  x\n- >-\n  y\n", true},
		{"a:\n  - b: |\n      x\n    c: 1\n", true},
		{"a: 1\n# c\n  # c\n    # c\nb: 2\n", true},
		{"a: x\n    # c\nb: 2\n", true},
		{"a: # c\n  b: 1\n", true},
		{"a:\n  # c\n  b: 1\n", true},
		{"- # c\n  a: 1\n", true},
		{"a:  x\nb:   \"y\"\n", true},
		{"a: 1\n\n\nb: 2\n\n", true},
		{"a1: 1\nA_b-c: 2\n1: one\n_x: 3\n", true},
		{"a: x\u00a0y\nb: x\u3000\nc: 😀\n", true},
		{"a: 'x'\n", true},

		// Left to Decode.
		{"", false},
		{"# only\n", false},
		{"  a: 1\n", false},
		{"a: 1\na: 2\n", false},
		{"a:\n  b: 1\n  b: 2\n", false},
		{"a: &x 1\nb: *x\n", false},
		{"a: !!str 1\n", false},
		{"a: [x, [y]]\n", true},
		{"a: [[[[[[[[[[x]]]]]]]]]]\n", false},
		{"a: {}\nb: { }\nc: {x: 1, y: [a, b], z: {w: \"v\"}}\nd: [{x: 1}, {x: 2}]\n", true},
		{"a: {x: 1, x: 2}\n", false},
		{"a: {x}\n", false},
		{"a: {x: }\n", false},
		{"a: {x:1}\n", false},
		{"a: {x: 1,}\n", false},
		{"a: {x: 12:30}\n", false},
		{"a: {x: 1} # c\n", true},
		{"a: {x: 1}}\n", false},
		{"<<: {a: 1}\n", false},
		{"a: <<\n", false},
		{"---\na: 1\n", false},
		{"a: 1\n...\n", false},
		{"a: 1\n---\nb: 2\n", false},
		{"%YAML 1.2\n---\na: 1\n", false},
		{"a:\tx\n", false},
		{"a: 1\r\nb: 2\r\n", false},
		{"\ufeffa: 1\n", false},
		{"a: x\u2028y\n", false},
		{"a: x\u0085y\n", false},
		{"a: x\x7fy\n", false},
		{"a: \xff\n", false},
		{"a: x\ufdd0\n", false},
		{"a: \"x\\u0041\"\n", false},
		{"a: \"x\\r\"\n", false},
		{"a: \"x\n  y\"\n", false},
		{"a: 'x\n  y'\n", false},
		{"a: x\n  y\n", false},
		{"a: x\n\n  y\n", false},
		{"a: 0x1F\n", false},
		{"a: 1_000\n", false},
		{"a: 0123\n", false},
		{"a: -0\n", false},
		{"a: +1\n", false},
		{"a: 1e3\n", false},
		{"a: 1.\n", false},
		{"a: .5\n", false},
		{"a: .inf\n", false},
		{"a: 1234567890123456789\n", false},
		{"a: 0b101\n", false},
		{"a: 0o17\n", false},
		{"a: 12abc\n", false},
		{"a: b: c\n", false},
		{"a: b:\n", false},
		{"a:b\n", false},
		{"a:\n  - 1\n  b: 2\n", false},
		{"a:\n    b: 1\n  c: 2\n", false},
		{"- - a\n", false},
		{"- a\nb: 1\n", false},
		{"a: 1\n- b\n", false},
		{"a: [x,]\n", false},
		{"a: [x\n  , y]\n", false},
		{"a: [-1]\n", false},
		{"a: [x] y\n", false},
		{"a: \"x\"y\n", false},
		{"a: \"x\"#y\n", false},
		{"a: |2\n  x\n", false},
		{"a: |x\n", false},
		{"a: |", false},
		{"a: |\n    \n  x\n", false},
		{"a: |\nx\n", false},
		{"a: |\n  x\n y\n", false},
		{"? a\n: b\n", false},
		{"\"a\": 1\n", false},
		{"a b: 1\n", false},
		{"-a: 1\n", false},
		{"a: -\n", false},
		{"a: - x\n", false},
		{"a: @x\n", false},
		{"a: `x\n", false},
		{"a: %x\n", false},
		{"x\n", false},
		{strings.Repeat("a:\n ", 40) + "b: 1\n", false},
		{"a" + strings.Repeat("b", 200) + ": 1\n", false},
	}
	for _, tt := range tests {
		if got := sameAsDecode(t, "table", []byte(tt.in)); got != tt.fast {
			t.Errorf("the fast reader read %q: %v, want %v", tt.in, got, tt.fast)
		}
	}
}

// TestFastRecords holds the fast reader to Decode on every record of records/
// and of a generated archive, and checks that it reads nearly all of them.
func TestFastRecords(t *testing.T) {
	var files []synth.File
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(filepath.Join(root, "records"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") && !strings.HasSuffix(p, ".md") || d.Name() == "README.md" {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		files = append(files, synth.File{Path: filepath.ToSlash(rel), Data: data})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sample := len(files)
	repo, err := synth.Generate(synth.Options{Heroes: 2000, Seed: 7, Year: 2020})
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, repo.Files...)
	read, yaml := 0, 0
	var left []string
	for i, f := range files {
		data, ok := recordYAML(f)
		if !ok {
			continue
		}
		yaml++
		if sameAsDecode(t, f.Path, data) {
			read++
		} else if i < sample {
			left = append(left, f.Path)
		}
	}
	t.Logf("the fast reader read %d of %d files (%d of them in records/); left to Decode in records/: %v", read, yaml, sample, left)
	if yaml < 2000 || read < yaml*95/100 {
		t.Errorf("the fast reader read %d of %d files; want at least 95%%", read, yaml)
	}
}

// recordYAML is the YAML of a record file: the file, or a hero's front
// matter.
func recordYAML(f synth.File) ([]byte, bool) {
	switch {
	case strings.HasSuffix(f.Path, ".yaml"):
		return f.Data, true
	case strings.HasSuffix(f.Path, ".md"):
		fm, err := frontmatter.Split(frontmatter.Normalize(f.Data))
		return fm.Meta, err == nil
	}
	return nil, false
}

// FuzzFastIsYAML holds the fast reader to Decode on any text: whatever it reads,
// Decode reads without problems to the same value and positions.
func FuzzFastIsYAML(f *testing.F) {
	repo, err := synth.Generate(synth.Options{Heroes: 30, Seed: 3, Year: 2020})
	if err != nil {
		f.Fatal(err)
	}
	kinds := map[string]bool{}
	for _, file := range repo.Files {
		kind := strings.Split(file.Path, "/")[1]
		if data, ok := recordYAML(file); ok && !kinds[kind] {
			kinds[kind] = true
			f.Add(data)
		}
	}
	for _, s := range []string{
		"a: |\n  x\n\n  y\n", "a: >\n  x\n   y\n\n  z\n", "a: [x, 'y', \"z\"]\n",
		"- a: 1\n  b:\n  - 2\n", "a: \"x\\ty\" # c\n", "a: 2020-01-01\nb: -1.5\nc: 0515-1\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sameAsDecode(t, "fuzz", data)
	})
}

// BenchmarkDecodePacked reads the front matter of generated heroes with
// DecodePacked (one Reader throughout, as a loader's worker keeps one),
// and with Decode (yaml.v3's tree and its conversion), which it replaces
// on the load of records.
func BenchmarkDecodePacked(b *testing.B) {
	repo, err := synth.Generate(synth.Options{Heroes: 200, Seed: 1, Year: 2020})
	if err != nil {
		b.Fatal(err)
	}
	var metas [][]byte
	for _, f := range repo.Files {
		if strings.HasSuffix(f.Path, ".md") {
			if data, ok := recordYAML(f); ok {
				metas = append(metas, data)
			}
		}
	}
	for _, bench := range []struct {
		name   string
		decode func(string, []byte, int) (*Doc, finding.List)
	}{{"packed", new(Reader).DecodePacked}, {"yaml.v3", Decode}} {
		b.Run(bench.name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				if d, problems := bench.decode("f.md", metas[i%len(metas)], 1); d == nil || len(problems) > 0 {
					b.Fatal(render(problems))
				}
				i++
			}
		})
	}
}
