package publish

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unsafe"

	"github.com/yancheng-jyyw/roll/internal/site"
	"github.com/yancheng-jyyw/roll/internal/wire"
)

// A manifest says what a tree holds: each file's size, modification
// time, SHA-256 and the key of the inputs it was rendered from. At
// 100,000 heroes the public tree has 75,000 files, and every build reads
// the manifests of both trees of each site and writes one: the manifest
// is binary, read in place (a record is decoded when it is asked for,
// a name compared where it lies in the bytes read, never copied) and its
// files sorted by name, so that a file is found by a binary search and no
// map of them is made. A new manifest copies the records of the files
// kept, and the names, in runs (manifestWriter.addRun).
//
//	manifestMagic
//	owner                the manifest's own file name (<site>.<inode>.manifest),
//	                     a byte of its length first: a manifest copied to
//	                     another tree's name is not that tree's
//	n                    uint32, little-endian: the files
//	n records            recordSize bytes each: sum, key, size, mtime,
//	                     and where the file's name ends in the names
//	names                one after the other, sorted, each a valid
//	                     fs path, none twice
//	seal                 wire.Seal of all of the above, 8 bytes
//
// A manifest that is cut, damaged, of another format or another tree, or
// whose names are not sorted, or not paths inside the tree, is not read: its tree is
// then checked file by file. The seal is a checksum against damage, not
// a signature: a manifest is trusted as the output folder is, and what
// it vouches for is checked as well (a kept file's key binds it to its
// name, and its status is asked of the tree). wire.Seal's CRCs tell a
// damaged manifest as SHA-256 did for this purpose, at a tenth of its
// cost: every build checked ~20 MB of manifests at 100,000 heroes.
const manifestMagic = "roll tree manifest v5\n"

// sealSize is the size of a manifest's seal.
const sealSize = wire.SealSize

const recordSize = 2*sha256.Size + 8 + 8 + 4

// manifest is a manifest as read, or a tree listed from disk (known
// false: names only).
type manifest struct {
	n     int
	recs  []byte // n records
	names string
	known bool // the records say what each file holds
}

// nameEnd is where the name of file j ends in m.names.
func (m *manifest) nameEnd(j int) int {
	return int(binary.LittleEndian.Uint32(m.recs[j*recordSize+2*sha256.Size+16:]))
}

// name is the name of file j.
func (m *manifest) name(j int) string {
	start := 0
	if j > 0 {
		start = m.nameEnd(j - 1)
	}
	return m.names[start:m.nameEnd(j)]
}

// keyOf is the key of file j's record, read where it lies.
func (m *manifest) keyOf(j int) site.Key {
	return site.Key(m.recs[j*recordSize+sha256.Size : j*recordSize+2*sha256.Size])
}

// sizeTime are the size and modification time of file j's record.
func (m *manifest) sizeTime(j int) (size, mtime int64) {
	r := m.recs[j*recordSize+2*sha256.Size:]
	return int64(binary.LittleEndian.Uint64(r)), int64(binary.LittleEndian.Uint64(r[8:]))
}

// entry is the record of file j.
func (m *manifest) entry(j int) entry {
	r := m.recs[j*recordSize : (j+1)*recordSize]
	var e entry
	copy(e.sum[:], r)
	copy(e.key[:], r[sha256.Size:])
	e.size = int64(binary.LittleEndian.Uint64(r[2*sha256.Size:]))
	e.mtime = int64(binary.LittleEndian.Uint64(r[2*sha256.Size+8:]))
	return e
}

// find returns the file named name, -1 when there is none.
func (m *manifest) find(name string) int { return m.findNear(name, -1) }

// findNear is find, trying first the files at guess and just after it: a
// site lists most of its pages in the order of their names, so the file
// after the one found last is mostly the next one asked for, found by
// one compare instead of a search of ~17 among 110,000 names. A guess
// out of range is not tried.
func (m *manifest) findNear(name string, guess int) int {
	for j := max(guess, 0); j < min(guess+2, m.n); j++ {
		if m.name(j) == name {
			return j
		}
	}
	lo, hi := 0, m.n
	for lo < hi {
		h := int(uint(lo+hi) >> 1)
		switch c := strings.Compare(m.name(h), name); {
		case c == 0:
			return h
		case c < 0:
			lo = h + 1
		default:
			hi = h
		}
	}
	return -1
}

// manifestWriter makes a manifest of files given in the order of their
// names.
type manifestWriter struct {
	recs  []byte
	names []byte
	head  int // where n is
}

// newManifestWriter starts the manifest named owner (its file's base
// name) of n files whose names have namesLen bytes in all.
func newManifestWriter(owner string, n, namesLen int) *manifestWriter {
	w := &manifestWriter{
		recs:  make([]byte, 0, len(manifestMagic)+1+len(owner)+4+n*recordSize+namesLen+sealSize),
		names: make([]byte, 0, namesLen),
	}
	w.recs = append(w.recs, manifestMagic...)
	w.recs = append(append(w.recs, byte(len(owner))), owner...)
	w.head = len(w.recs)
	w.recs = binary.LittleEndian.AppendUint32(w.recs, 0) // n, filled in by bytes
	return w
}

// add adds the file name, which holds e.
func (w *manifestWriter) add(name string, e entry) {
	w.names = append(w.names, name...)
	w.recs = append(w.recs, e.sum[:]...)
	w.recs = append(w.recs, e.key[:]...)
	w.recs = binary.LittleEndian.AppendUint64(w.recs, uint64(e.size))
	w.recs = binary.LittleEndian.AppendUint64(w.recs, uint64(e.mtime))
	w.recs = binary.LittleEndian.AppendUint32(w.recs, uint32(len(w.names)))
}

// addRun adds the files j to k-1 of m, with their records: one copy of
// their records and one of their names, the names' ends moved only when
// the names before them are not those before them in m.
func (w *manifestWriter) addRun(m *manifest, j, k int) {
	if j >= k {
		return
	}
	start := 0
	if j > 0 {
		start = m.nameEnd(j - 1)
	}
	shift := len(w.names) - start
	w.names = append(w.names, m.names[start:m.nameEnd(k-1)]...)
	at := len(w.recs)
	w.recs = append(w.recs, m.recs[j*recordSize:k*recordSize]...)
	if shift != 0 {
		for r := at + recordSize - 4; r < len(w.recs); r += recordSize {
			end := binary.LittleEndian.Uint32(w.recs[r:])
			binary.LittleEndian.PutUint32(w.recs[r:], uint32(int(end)+shift))
		}
	}
}

// bytes is the manifest, sealed.
func (w *manifestWriter) bytes() []byte {
	n := (len(w.recs) - w.head - 4) / recordSize
	binary.LittleEndian.PutUint32(w.recs[w.head:], uint32(n))
	return wire.AppendSeal(append(w.recs, w.names...), 0)
}

// write writes the manifest to p, in one step; p's base name is the
// writer's owner.
func (w *manifestWriter) write(p string) error {
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, w.bytes(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, p)
}

// readManifest reads the manifest at p; nil for none, or one that is
// missing or damaged.
func readManifest(p string) *manifest {
	if p == "" {
		return nil
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return nil
	}
	return parseManifest(filepath.Base(p), b)
}

// parseManifest reads the bytes of the manifest named owner; nil when
// they are not one, or another's. The manifest read holds b's names
// where they are: b must not change after.
func parseManifest(owner string, b []byte) *manifest {
	head := len(manifestMagic) + 1 + len(owner) + 4
	if len(b) < head+sealSize || !bytes.HasPrefix(b, []byte(manifestMagic)) {
		return nil
	}
	body, ok := wire.Sealed(b)
	if !ok {
		return nil
	}
	if o := b[len(manifestMagic):]; int(o[0]) != len(owner) || string(o[1:1+len(owner)]) != owner {
		return nil
	}
	n := binary.LittleEndian.Uint32(b[head-4:])
	if uint64(n)*recordSize > uint64(len(body)-head) {
		return nil
	}
	m := &manifest{n: int(n), recs: body[head : head+int(n)*recordSize], known: true}
	rest := body[head+m.n*recordSize:]
	if m.n == 0 {
		if len(rest) != 0 {
			return nil
		}
		return m
	}
	if m.nameEnd(m.n-1) != len(rest) {
		return nil
	}
	// The names where they were read: nothing writes b after.
	m.names = unsafe.String(&rest[0], len(rest))
	prev, start := "", 0
	for j := range m.n {
		end := m.nameEnd(j)
		if end <= start || end > len(m.names) {
			return nil
		}
		name := m.names[start:end]
		if j > 0 && name <= prev || !fs.ValidPath(name) || name == "." {
			return nil
		}
		prev, start = name, end
	}
	return m
}
