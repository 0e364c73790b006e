package records

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/portrait"
)

// findingsOf loads the sample records with files replaced or added and
// returns the findings about the file p, in English.
func findingsOf(t *testing.T, files fstest.MapFS, p string) []string {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, f := range required {
		b, err := os.ReadFile(filepath.Join("../..", f))
		if err != nil {
			t.Fatal(err)
		}
		fsys[f] = &fstest.MapFile{Data: b}
	}
	for k, v := range files {
		fsys[k] = v
	}
	_, list := Load(fsys, compile(t))
	var got []string
	for _, f := range list {
		if f.File == p {
			got = append(got, strings.TrimPrefix(f.String(), f.File+":"))
		}
	}
	return got
}

func TestFileTooLarge(t *testing.T) {
	big := bytes.Repeat([]byte("- 1\n"), MaxFileSize/4+1)
	got := findingsOf(t, fstest.MapFS{"records/catalog/honors.yaml": {Data: big}}, "records/catalog/honors.yaml")
	want := "0:0: the file has 1,048,580 bytes, more than the 1,048,576 a record file may have; split it or shorten it (limit)"
	if len(got) != 1 || got[0] != want {
		t.Errorf("findings %q, want [%q]", got, want)
	}
	// At the limit it is read (and fails its schema, which is another matter).
	ok := append([]byte("# "), bytes.Repeat([]byte("x"), MaxFileSize-3)...)
	ok = append(ok, '\n')
	for _, f := range findingsOf(t, fstest.MapFS{"records/catalog/honors.yaml": {Data: ok}}, "records/catalog/honors.yaml") {
		if strings.Contains(f, "(limit)") {
			t.Errorf("a file of %d bytes: %s", len(ok), f)
		}
	}
}

func TestWideEncoding(t *testing.T) {
	utf16le := func(s string, bom bool) []byte {
		var b []byte
		if bom {
			b = []byte{0xFF, 0xFE}
		}
		for _, u := range utf16.Encode([]rune(s)) {
			b = append(b, byte(u), byte(u>>8))
		}
		return b
	}
	for _, bom := range []bool{true, false} {
		got := findingsOf(t, fstest.MapFS{"records/site.yaml": {Data: utf16le("title: 示例\nyear: 2020\n", bom)}}, "records/site.yaml")
		want := `1:1: the file is saved as UTF-16 ("Unicode"), not UTF-8; save it again with the encoding UTF-8 (yaml)`
		if len(got) != 1 || got[0] != want {
			t.Errorf("byte order mark %v: findings %q, want [%q]", bom, got, want)
		}
	}
}

func TestFileNameNotUTF8(t *testing.T) {
	dir := repoCopy(t)
	name := "records/heroes/sheyang/H-2020-\xff\xfe.md"
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte("---\nid: H-2020-0001\n---\n"), 0o644); err != nil {
		t.Skip("this file system refuses names that are not UTF-8:", err)
	}
	var got []finding.Finding
	for _, f := range loadDir(t, dir) {
		if strings.Contains(f.File, "\xff") {
			got = append(got, f)
		}
	}
	if len(got) != 1 || got[0].Rule != "load" || !strings.Contains(got[0].String(), "the file name is not valid UTF-8 text; rename the file") {
		t.Errorf("findings %v, want one: the file name is not valid UTF-8", got)
	}
}

// TestPortraitFileTooLarge: a photo over portrait.MaxBytes is refused
// before it is read, at its file (a rule fixture cannot hold 8 MiB).
func TestPortraitFileTooLarge(t *testing.T) {
	const p = "records/heroes/sheyang/H-2019-0002.jpg"
	big := append([]byte{0xFF, 0xD8, 0xFF}, make([]byte, portrait.MaxBytes-2)...)
	got := findingsOf(t, fstest.MapFS{p: {Data: big}}, p)
	want := "0:0: the photo has 8,388,609 bytes, more than the 8,388,608 a portrait may have; save it smaller (a phone's photo at its usual size is 2 to 5 MB) (portrait)"
	if len(got) != 1 || got[0] != want {
		t.Errorf("findings %q, want [%q]", got, want)
	}
}

// TestReadFileWhole: a file is read whole whatever its reads give: a
// short read before the size its status says is not its end (a file
// system may give a file in pieces), nor is one of a file that grew
// since its status was taken; a file that gave as many bytes as its
// status says ends there, without the read that would give io.EOF.
func TestReadFileWhole(t *testing.T) {
	text := bytes.Repeat([]byte("见义勇为 0123456789\n"), 300)
	for _, tc := range []struct {
		name  string
		piece int   // the most bytes a read gives; 0: all asked
		size  int64 // the size the status says; -1: the text's
		eof   bool  // read on to io.EOF
	}{
		{name: "whole", size: -1},
		{name: "in pieces", piece: 1000, size: -1},
		{name: "grown since its status", size: 100, eof: true},
		{name: "grown, in pieces", piece: 7, size: 100, eof: true},
		{name: "shrunk since its status", size: int64(len(text)) + 10, eof: true},
		{name: "empty", size: -1, eof: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := text
			if tc.name == "empty" {
				data = nil
			}
			size := tc.size
			if size < 0 {
				size = int64(len(data))
			}
			f := &pieceFile{data: data, piece: tc.piece, fi: sizedInfo{size: size}}
			got, _, err := readFileInfo(oneFile{f}, "x", MaxFileSize, nil)
			if err != nil || !bytes.Equal(got, data) {
				t.Fatalf("read %d bytes, %v; want %d", len(got), err, len(data))
			}
			if f.eof != tc.eof {
				t.Errorf("read to io.EOF: %v, want %v", f.eof, tc.eof)
			}
		})
	}
}

// pieceFile gives its data at most piece bytes a read.
type pieceFile struct {
	data  []byte
	at    int
	piece int
	eof   bool // a read gave io.EOF
	fi    fs.FileInfo
}

func (f *pieceFile) Stat() (fs.FileInfo, error) { return f.fi, nil }
func (f *pieceFile) Close() error               { return nil }
func (f *pieceFile) Read(b []byte) (int, error) {
	if f.at == len(f.data) {
		f.eof = true
		return 0, io.EOF
	}
	n := len(b)
	if f.piece > 0 {
		n = min(n, f.piece)
	}
	n = copy(b[:n], f.data[f.at:])
	f.at += n
	return n, nil
}

type oneFile struct{ f fs.File }

func (o oneFile) Open(string) (fs.File, error) { return o.f, nil }

// sizedInfo is the status of a regular file of size bytes.
type sizedInfo struct{ size int64 }

func (i sizedInfo) Name() string       { return "x" }
func (i sizedInfo) Size() int64        { return i.size }
func (i sizedInfo) Mode() fs.FileMode  { return 0o644 }
func (i sizedInfo) ModTime() time.Time { return time.Time{} }
func (i sizedInfo) IsDir() bool        { return false }
func (i sizedInfo) Sys() any           { return nil }

// TestPublishableIsInvalidText: publishable is true exactly when
// invalidLines reports nothing, for every character between two letters
// and every byte that may start a sequence followed by every byte and
// then a letter, a continuation byte or the end.
func TestPublishableIsInvalidText(t *testing.T) {
	agree := func(data []byte) {
		t.Helper()
		var list finding.List
		if got, want := publishable(data), invalidLines(&list, "f.yaml", data) == 0; got != want {
			t.Fatalf("publishable(%q) = %v, invalidLines finds nothing: %v", data, got, want)
		}
	}
	for r := rune(0); r <= utf8.MaxRune; r++ {
		agree(utf8.AppendRune([]byte("a"), r))
		agree(utf8.AppendRune(utf8.AppendRune([]byte("a"), r), 'b'))
	}
	for b1 := 0x80; b1 <= 0xFF; b1++ {
		for b2 := range 0x100 {
			for _, tail := range []string{"", "a", "\x80", "\xbf\xbf", "\n\x01"} {
				agree(append([]byte{'x', byte(b1), byte(b2)}, tail...))
			}
		}
	}
	for c := range 0x80 {
		agree([]byte{'a', byte(c), '\n', 'b'})
	}
}
