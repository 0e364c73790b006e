package records

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"slices"
	"strings"
	"sync"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/model"
)

// positions remembers, from one run to the next, the positions that the
// findings of the rules asked of records taken from a cache on disk: a
// record whose finding comes back at every run (a warning about insurance,
// a visit to an unconfirmed hero) does not have its file read and its YAML
// parsed again for it (yamldoc.Lazy). A position is a function of the
// file's bytes alone (the YAML after the lines before it, which the bytes
// give too), so each is kept under the SHA-256 of the file's path and of
// its bytes, in a file of the cache (Cache.Side) sealed by its SHA-256 and
// keyed by the code of roll; a damaged or foreign file is an empty one.
// What a run did not ask again is forgotten.
type positions struct {
	code  [sha256.Size]byte
	mu    sync.Mutex
	known map[posKey]finding.Pos // read from the run before
	asked map[posKey]finding.Pos // in this run
}

// posKey is a position asked of a record: At or KeyAt (key) of a path.
type posKey struct {
	rec  [sha256.Size]byte // of the file's path and bytes
	key  bool
	path string // the path's parts, each with its length
}

// positionsSide names the file of positions in the cache's folder.
const positionsSide = "positions"

const positionsHeader = "roll positions 1\n"

// readPositions reads what writePositions wrote for the roll whose code
// has the SHA-256 code.
func readPositions(b []byte, code [sha256.Size]byte) *positions {
	p := &positions{code: code, known: map[posKey]finding.Pos{}, asked: map[posKey]finding.Pos{}}
	rest, ok := bytes.CutPrefix(b, []byte(positionsHeader))
	if !ok || len(rest) < 2*sha256.Size {
		return p
	}
	body, seal := rest[:len(rest)-sha256.Size], rest[len(rest)-sha256.Size:]
	if sum := sha256.Sum256(body); !bytes.Equal(sum[:], seal) || !bytes.Equal(body[:sha256.Size], code[:]) {
		return p
	}
	body = body[sha256.Size:]
	known := map[posKey]finding.Pos{}
	for len(body) > 0 {
		if len(body) < sha256.Size+1 {
			return p
		}
		k := posKey{rec: [sha256.Size]byte(body), key: body[sha256.Size] == 1}
		body = body[sha256.Size+1:]
		path, rest, ok := field(body)
		if !ok {
			return p
		}
		body = rest
		var n [2]uint64
		for i := range n {
			v, w := binary.Uvarint(body)
			if w <= 0 || v > 1<<31 {
				return p
			}
			n[i], body = v, body[w:]
		}
		k.path = string(path)
		known[k] = finding.Pos{Line: int(n[0]), Col: int(n[1])}
	}
	p.known = known
	return p
}

// changed reports whether the positions asked in this run are not those
// read.
func (p *positions) changed() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.asked) != len(p.known) {
		return true
	}
	for k, pos := range p.asked {
		if old, ok := p.known[k]; !ok || old != pos {
			return true
		}
	}
	return false
}

// bytes is the file of the positions asked in this run, sorted, sealed.
func (p *positions) bytes() []byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	keys := make([]posKey, 0, len(p.asked))
	for k := range p.asked {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b posKey) int {
		if c := bytes.Compare(a.rec[:], b.rec[:]); c != 0 {
			return c
		}
		if a.key != b.key {
			if a.key {
				return 1
			}
			return -1
		}
		return strings.Compare(a.path, b.path)
	})
	out := append([]byte(positionsHeader), p.code[:]...)
	for _, k := range keys {
		out = append(out, k.rec[:]...)
		key := byte(0)
		if k.key {
			key = 1
		}
		out = append(out, key)
		out = append(binary.AppendUvarint(out, uint64(len(k.path))), k.path...)
		pos := p.asked[k]
		out = binary.AppendUvarint(out, uint64(pos.Line))
		out = binary.AppendUvarint(out, uint64(pos.Col))
	}
	sum := sha256.Sum256(out[len(positionsHeader):])
	return append(out, sum[:]...)
}

// locator returns the locator of the record p, whose bytes have the
// SHA-256 sum, that answers from the positions remembered and asks loc
// for the others.
func (p *positions) locator(path string, sum [sha256.Size]byte, loc model.Locator) model.Locator {
	h := sha256.New()
	h.Write(binary.AppendUvarint(nil, uint64(len(path))))
	h.Write([]byte(path))
	h.Write(sum[:])
	return &rememberingLocator{p: p, rec: [sha256.Size]byte(h.Sum(nil)), loc: loc}
}

// rememberingLocator is a record's locator that remembers (positions).
type rememberingLocator struct {
	p   *positions
	rec [sha256.Size]byte
	loc model.Locator
}

func (l *rememberingLocator) At(path ...string) finding.Pos    { return l.get(false, path) }
func (l *rememberingLocator) KeyAt(path ...string) finding.Pos { return l.get(true, path) }

func (l *rememberingLocator) get(key bool, path []string) finding.Pos {
	var b []byte
	for _, part := range path {
		b = append(binary.AppendUvarint(b, uint64(len(part))), part...)
	}
	k := posKey{rec: l.rec, key: key, path: string(b)}
	l.p.mu.Lock()
	pos, ok := l.p.asked[k]
	if !ok {
		pos, ok = l.p.known[k]
	}
	l.p.mu.Unlock()
	if !ok {
		if key {
			pos = l.loc.KeyAt(path...)
		} else {
			pos = l.loc.At(path...)
		}
		if pos == (finding.Pos{}) {
			// The file changed since it was loaded (yamldoc.Lazy): no
			// position, and none to remember.
			return pos
		}
	}
	l.p.mu.Lock()
	l.p.asked[k] = pos
	l.p.mu.Unlock()
	return pos
}
