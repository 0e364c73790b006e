package site

import (
	"bytes"
	"crypto/sha256"
	"os"
	"runtime"
	"strings"
	"testing"
)

const goID = "wIVJKYi_G3Ai3VdcKS_i/DfJwrZx6fCQmo8TAOHBy/f-YCWfmIhmc3pjs0O3c5/5cYEuSgU3HRLkx4hvMIi"

// TestCodeKey: the key of an executable is made from the go command's
// build ID when it has one of its shape, and from all of its bytes
// otherwise, so two binaries never share a key unless the go command
// gave them the same content ID.
func TestCodeKey(t *testing.T) {
	marked := func(id string) []byte {
		return []byte("\x7fNOTELF padding\xff Go build ID: \"" + id + "\"\n \xff more text")
	}
	fromID := func(id string) Key { return Key(sha256.Sum256([]byte("go build id\x00" + id))) }
	whole := func(b []byte) Key { return Key(sha256.Sum256(b)) }
	long := bytes.Repeat([]byte("x"), headSize+100)
	for _, tc := range []struct {
		name string
		file []byte
		want Key
	}{
		{"a go build ID of four parts", marked(goID), fromID(goID)},
		{"a go build ID of two parts", marked("DfJwrZx6fCQmo8TAOHBy/5cYEuSgU3HRLkx4hvMIi"), fromID("DfJwrZx6fCQmo8TAOHBy/5cYEuSgU3HRLkx4hvMIi")},
		{"an ID set by hand", marked("release-1"), whole(marked("release-1"))},
		{"three parts", marked("DfJwrZx6fCQmo8TAOHBy/5cYEuSgU3HRLkx4hvMIi/f-YCWfmIhmc3pjs0O3c5"), whole(marked("DfJwrZx6fCQmo8TAOHBy/5cYEuSgU3HRLkx4hvMIi/f-YCWfmIhmc3pjs0O3c5"))},
		{"a part too short", marked("DfJwrZx6fCQmo8TAOHBy/5cYE"), whole(marked("DfJwrZx6fCQmo8TAOHBy/5cYE"))},
		{"a quote inside", marked("DfJwrZx6fCQmo8TAOHBy/5cYEuSgU3HRLkx4hv\"Ii"), whole(marked("DfJwrZx6fCQmo8TAOHBy/5cYEuSgU3HRLkx4hv\"Ii"))},
		{"no build ID", []byte("just bytes"), whole([]byte("just bytes"))},
		{"an empty file", nil, whole(nil)},
		{"the ID past the head", append(append([]byte(nil), long...), marked(goID)...), whole(append(append([]byte(nil), long...), marked(goID)...))},
		{"not closed", []byte("\xff Go build ID: \"" + goID), whole([]byte("\xff Go build ID: \"" + goID))},
		{"a damaged ELF", []byte("\x7fELF\x02\x01\x01 cut"), whole([]byte("\x7fELF\x02\x01\x01 cut"))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := codeKey(bytes.NewReader(tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("codeKey = %x, want %x", got, tc.want)
			}
		})
	}
}

// TestCodeKeyOfELF reads the build ID of this test binary from its ELF
// note, and a binary whose note says another ID gets another key.
func TestCodeKeyOfELF(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the test binary is ELF on Linux only")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	id, ok := goBuildID(bytes.NewReader(b))
	if !ok {
		t.Fatalf("no go build ID in the test binary (got %q)", id)
	}
	k, err := CodeKey()
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := codeKey(bytes.NewReader(b)); again != k {
		t.Fatalf("CodeKey %x, the same bytes %x", k, again)
	}
	i := bytes.Index(b[:headSize], []byte(id))
	if i < 0 {
		t.Fatal("the build ID is not in the head")
	}
	other := append([]byte(nil), b...)
	other[i+len(id)-1] ^= 1 // still base64: the last character of the content ID
	if strings.ContainsAny(string(other[i+len(id)-1]), "/\"") {
		t.Skip("the altered character left base64")
	}
	if k2, _ := codeKey(bytes.NewReader(other)); k2 == k {
		t.Error("another content ID gave the same key")
	}
}

func TestGoShaped(t *testing.T) {
	for id, want := range map[string]bool{
		goID: true,
		"DfJwrZx6fCQmo8TAOHBy/5cYEuSgU3HRLkx4hvMIi": true,
		"":                     false,
		"abc":                  false,
		"DfJwrZx6fCQmo8TAOHBy": false,
		"DfJwrZx6fCQmo8TAOHBy/5cYEuSgU3HRLkx4hvM+i":                       false,
		"DfJwrZx6fCQmo8TAOHBy//5cYEuSgU3HRLkx4hvMIi/5cYEuSgU3HRLkx4hvMIi": false,
	} {
		if got := goShaped(id); got != want {
			t.Errorf("goShaped(%q) = %v, want %v", id, got, want)
		}
	}
}
