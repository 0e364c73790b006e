package site

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"fmt"
	"io"
	"os"
	"strings"
)

// CodeKey identifies the code of the running roll. Build information is
// not enough: a binary built from a work tree with uncommitted edits
// carries the revision it started from, and `go run` and test binaries
// carry none. The bytes of the binary change whenever the code does, and
// Go builds are reproducible: the key is made from them.
//
// The go command already hashed them: the build ID it writes into every
// binary it links ends with the content ID, the hash of the binary's
// bytes. Reading it takes a page of the file where hashing the whole
// executable (30 MB) took 30–40 ms of every run. A binary without such a
// build ID (linked by hand, or with -buildid set to something else) is
// hashed as a whole.
func CodeKey() (Key, error) {
	exe, err := os.Executable()
	if err != nil {
		return Key{}, fmt.Errorf("code key: %w", err)
	}
	f, err := os.Open(exe)
	if err != nil {
		return Key{}, fmt.Errorf("code key: %w", err)
	}
	defer f.Close()
	return codeKey(f)
}

// executable is what codeKey reads of an executable: *os.File is one.
type executable interface {
	io.ReaderAt
	io.ReadSeeker
}

// codeKey is the key of the executable f.
func codeKey(f executable) (Key, error) {
	if id, ok := goBuildID(f); ok {
		return Key(sha256.Sum256([]byte("go build id\x00" + id))), nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return Key{}, fmt.Errorf("code key: %w", err)
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return Key{}, fmt.Errorf("code key: %w", err)
	}
	return Key(h.Sum(nil)), nil
}

// headSize is how much of an executable is read for its build ID: the go
// command's own reader reads as much. In an ELF file the ID is in a note
// among the leading headers (found through the section headers, at the
// end of the file); in the other formats it opens the text.
const headSize = 32 << 10

// goBuildID returns the build ID the go command wrote into the executable
// f, when it has the go command's shape: slash-separated parts, the last
// the content ID.
func goBuildID(f executable) (string, bool) {
	head := make([]byte, headSize)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF {
		return "", false
	}
	head = head[:n]
	var id string
	if bytes.HasPrefix(head, []byte(elf.ELFMAG)) {
		id = elfNote(f, head)
	} else {
		id = markedID(head)
	}
	return id, goShaped(id)
}

// elfNote returns the desc of the "Go" note of type 4 in the section
// .note.go.buildid of the ELF file f whose first bytes are head, when the
// section lies within head.
func elfNote(f io.ReaderAt, head []byte) string {
	ef, err := elf.NewFile(f)
	if err != nil {
		return ""
	}
	sec := ef.Section(".note.go.buildid")
	if sec == nil || sec.Offset > uint64(len(head)) || sec.Size > uint64(len(head))-sec.Offset {
		return ""
	}
	note := head[sec.Offset : sec.Offset+sec.Size]
	if len(note) < 16 {
		return ""
	}
	bo := ef.ByteOrder
	namesz, descsz, typ := bo.Uint32(note), bo.Uint32(note[4:]), bo.Uint32(note[8:])
	if namesz != 4 || typ != 4 || string(note[12:16]) != "Go\x00\x00" || uint64(descsz) > uint64(len(note)-16) {
		return ""
	}
	return string(note[16 : 16+descsz])
}

// markedID returns the build ID the linker writes at the opening of the
// text of other formats: "\xff Go build ID: " and the quoted ID.
func markedID(head []byte) string {
	const prefix, suffix = "\xff Go build ID: \"", "\"\n \xff"
	i := bytes.Index(head, []byte(prefix))
	if i < 0 {
		return ""
	}
	rest := head[i+len(prefix):]
	j := bytes.Index(rest, []byte(suffix))
	if j < 0 {
		return ""
	}
	return string(rest[:j])
}

// goShaped says whether id is shaped as the go command writes the build
// IDs of what it links: two or four parts, each a hash in base64 (URL
// alphabet) of 20 characters or more.
func goShaped(id string) bool {
	parts := strings.Split(id, "/")
	if len(parts) != 2 && len(parts) != 4 {
		return false
	}
	for _, p := range parts {
		if len(p) < 20 {
			return false
		}
		for _, c := range []byte(p) {
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
				return false
			}
		}
	}
	return true
}
