package public

import (
	"bytes"
	"crypto/sha256"
	"slices"
)

// Memo remembers, from one build to the next, the heroes whose published
// texts redaction (redact.go) leaves as they are: each by a SHA-256 of the
// names the redaction hides and keeps (the whole dictionary), the hero's
// own name and every text of the hero. Redaction folds and scans every
// text of every published hero, the narratives most (a quarter of a
// rebuild's work after one edit at 10,000 heroes); a hero whose key is
// remembered is published with its texts as they are, without folding
// them. Any change to a text, to the hero's name or to any name hidden or
// kept anywhere changes the key, so the hero is redacted again. A hero
// whose redaction changed a text is not remembered, and is redacted on
// every build.
//
// roll build keeps it in its output folder's state (package publish),
// where the manifests that decide which pages are kept are too; roll
// serve keeps it in memory. A damaged memo is read as an empty one.
type Memo struct {
	known map[[sha256.Size]byte]bool // read during a build
	seen  map[[sha256.Size]byte]bool // the heroes of this build left as they are
}

// memoHeader starts the bytes of a memo; bump it when redaction changes.
const memoHeader = "roll redaction memo v1\n"

// ReadMemo reads a memo written by Bytes; a nil, damaged or unknown one
// is empty.
func ReadMemo(b []byte) *Memo {
	m := &Memo{known: map[[sha256.Size]byte]bool{}}
	rest, ok := bytes.CutPrefix(b, []byte(memoHeader))
	if !ok || len(rest) < sha256.Size || (len(rest)-sha256.Size)%sha256.Size != 0 {
		return m
	}
	body, seal := rest[:len(rest)-sha256.Size], rest[len(rest)-sha256.Size:]
	if sum := sha256.Sum256(body); !bytes.Equal(sum[:], seal) {
		return m
	}
	for i := 0; i < len(body); i += sha256.Size {
		m.known[[sha256.Size]byte(body[i:i+sha256.Size])] = true
	}
	return m
}

// Bytes is the memo a build leaves for the next: the heroes it saw left
// as they are, sorted, sealed by their SHA-256.
func (m *Memo) Bytes() []byte {
	keys := make([][sha256.Size]byte, 0, len(m.seen))
	for k := range m.seen {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [sha256.Size]byte) int { return bytes.Compare(a[:], b[:]) })
	out := append(make([]byte, 0, len(memoHeader)+(len(keys)+1)*sha256.Size), memoHeader...)
	for _, k := range keys {
		out = append(out, k[:]...)
	}
	sum := sha256.Sum256(out[len(memoHeader):])
	return append(out, sum[:]...)
}

// Changed reports whether the memo a build leaves differs from the one
// it read.
func (m *Memo) Changed() bool {
	if len(m.seen) != len(m.known) {
		return true
	}
	for k := range m.seen {
		if !m.known[k] {
			return true
		}
	}
	return false
}

// Next is the memo for the build after this one, in memory; after a nil
// m, an empty one.
func (m *Memo) Next() *Memo {
	if m == nil {
		return &Memo{}
	}
	return &Memo{known: m.seen}
}

// begin starts a build's use of m; a nil m remembers nothing.
func (m *Memo) begin() {
	if m != nil {
		m.seen = map[[sha256.Size]byte]bool{}
	}
}
