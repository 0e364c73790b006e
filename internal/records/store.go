package records

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"io"
	"io/fs"
	"os"
	"path"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/internal/value"
)

// A store keeps, between runs, the JSON value and the narrative of every
// record that loaded without a finding, so that a later run decodes the
// kept value instead of parsing the YAML and validating it (a
// repository's .cache/roll/, ignored by git and restored by the
// workflows). It does not keep the records' bytes: a record reads its
// file again for the positions of its findings (see locator).
//
// A record whose file's status (device, inode, size, modification and
// change times to the nanosecond) is the one kept with its entry is not
// even read: its kept value and narrative are taken, as git's index takes
// a file's stat for its content. The change time is what makes that safe: no one can set
// it, and any write, rename or change of the modification time sets it to
// the kernel's clock. An entry whose modification or change time is not
// older than its shard file's own modification time is "racy" (the file
// may have changed again within the clock's granularity after its status
// was read) and is read and hashed as any other; its shard is written
// again so that the next run may trust it.
//
// An entry is keyed by the SHA-256 of the file's bytes, of the schemas and
// of roll's own executable, so an edited record, a changed schema or
// another roll never takes a kept value. The entries are spread over 256
// files by the hash of their paths, so that one edit rewrites one small
// file rather than the whole cache; each file ends with the SHA-256 of
// what comes before it, and a file that is cut, altered or of another
// format is ignored as a whole: its records are loaded from their YAML and
// the file is written again.
type store struct {
	repo     string // the repository's root; the shards are in its storeDir
	code     [sha256.Size]byte
	mu       sync.Mutex
	root     *os.Root // the repository while a load reads or writes the shards
	shards   [shardCount]shard
	fields   value.Fields // of the models, for value.DecodeShared
	models   *models      // the models' codecs, made by the first load
	mem      slab         // the memory the shards are read into
	pos      *positions   // remembered for the findings, read when a load starts
	hits     atomic.Int64 // records taken from the store, for tests
	statHits atomic.Int64 // of those, taken by their status without reading the file

	sealsOnce sync.Once
	known     map[int]seal     // the shards' seals noted by an earlier run (seals.go)
	hashed    atomic.Int64     // shard files whose seal was checked by hashing, for tests
	now       func() time.Time // the clock; time.Now when nil (tests set it)
}

// shardCount is how many files the entries are spread over.
const shardCount = 256

// storeDir is where the shards are, inside the repository. They are read
// and written through an os.Root on the repository, so that a .cache that
// is a link out of it is never followed.
const storeDir = CacheDir + "/records"

// repoRoot opens the repository, or returns it open; nil when it cannot
// be opened.
func (s *store) repoRoot() *os.Root {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.root == nil {
		s.root, _ = os.OpenRoot(s.repo)
	}
	return s.root
}

// storeFormat opens every shard file; a change to the layout of the files
// or of the value's binary form changes it.
const storeFormat = "roll records cache 3\n"

type shard struct {
	once sync.Once
	mu   sync.Mutex
	// entries are the shard's entries by their paths' keys (keyOf). They
	// point into one list made when the file is read: a map of small
	// values is a fraction of the memory a map of the entries themselves
	// is, and its look-ups (one per record) touch less of it.
	entries map[pathKey]*storeEntry
	written int64 // the modification time of the shard's file, ns; 0 when new
	dirty   bool
	checked *seal // its file's seal, checked by this run's hashing; nil when trusted or not read
	// walked is how many of the entries the load met the files of: a
	// shard whose every entry was met has none to forget (save), and is
	// not searched for them. Every file the load meets that may have an
	// entry is looked up (entry, get) or given one (put) or none (drop).
	walked int
}

// walk notes that the load met the file of the entry e.
func (sh *shard) walk(e *storeEntry) {
	if !e.walked {
		e.walked = true
		sh.walked++
	}
}

type storeEntry struct {
	path string // the record file's
	key  [sha256.Size]byte
	sum  [sha256.Size]byte // of the file's bytes
	stat fileStat          // of the file, taken before its bytes were read
	// offset is the number of lines before the YAML (a Markdown record's
	// opening ---); body and bodyLine are a Markdown record's narrative
	// and the line it starts on.
	offset, bodyLine int
	body             string
	val              []byte // value.Append's form, which the record keeps (model.Source.Packed)
	// walked says that the load met the entry's file (shard.walked).
	walked bool
}

// fileStat is what is compared of a file's status; the zero value, of a
// file whose status is not known, equals no file's.
type fileStat struct {
	dev, ino     uint64
	size         int64
	mtime, ctime int64 // ns since 1970
}

// trusted says whether a file whose status is st may be taken for the
// entry's bytes without reading it, in a shard file written at written.
func (e *storeEntry) trusted(st fileStat, written int64) bool {
	return e.stat != fileStat{} && e.stat == st && e.stat.mtime < written && e.stat.ctime < written
}

// key is what an entry of the file p with the given bytes' hash must have.
// It is hashed from memory on the stack: a rebuild asks it of every
// record.
func (s *store) key(schemas *schema.Set, sum [sha256.Size]byte) [sha256.Size]byte {
	var b [len(storeFormat) + 3*sha256.Size]byte
	n := copy(b[:], storeFormat)
	n += copy(b[n:], s.code[:])
	ss := schemas.Sum()
	n += copy(b[n:], ss[:])
	copy(b[n:], sum[:])
	return sha256.Sum256(b[:])
}

// A pathKey stands for a record file's path in its shard's map: the
// SHA-256 of the path, whose first byte is its shard (shardOf), the next
// sixteen bytes. A look-up compares the key in the map's own memory; a
// key of the path itself compared the path's bytes in the shard, which
// at 100,000 records are spread over 250 MB and seldom in the processor's
// cache (a fifth of a second of a rebuild). Two paths of one key are as
// unlikely as two files of one SHA-256 sum, which the store trusts
// already for the files' bytes.
type pathKey [16]byte

// keyOf is the shard of the path p and its key there.
func keyOf(p string) (shard int, k pathKey) {
	h := sha256.Sum256(unsafe.Slice(unsafe.StringData(p), len(p))) // hashing does not change it
	return int(h[0]), pathKey(h[1:17])
}

func shardOf(p string) int {
	i, _ := keyOf(p)
	return i
}

// shard returns the shard of the path p, read from its file the first
// time, and p's key there.
func (s *store) shard(p string) (*shard, pathKey) {
	i, k := keyOf(p)
	sh := &s.shards[i]
	sh.once.Do(func() {
		sh.entries, sh.written, sh.checked = s.readShard(i)
		if sh.entries == nil {
			sh.entries = map[pathKey]*storeEntry{}
			sh.dirty = true // missing or not to be trusted: write it anew
		}
	})
	return sh, k
}

// readShard reads the file of shard i and its modification time; nil
// when it is missing or not to be trusted. Its seal is checked by hashing
// unless an earlier run noted it with the file's status (seals.go);
// checked is the seal this run hashed and found, for the next run.
//
// The entries' narratives and values are the file's bytes, not copies:
// the records keep both, so the bytes are held as long as the records
// are, and the file is read into a buffer no one changes afterwards.
func (s *store) readShard(i int) (entries map[pathKey]*storeEntry, written int64, checked *seal) {
	r := s.repoRoot()
	if r == nil {
		return nil, 0, nil
	}
	seen := s.clock().UnixNano()
	f, err := r.Open(path.Join(storeDir, hex.EncodeToString([]byte{byte(i)})))
	if err != nil {
		return nil, 0, nil
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, 0, nil
	}
	b := s.mem.get(int(fi.Size()))
	_, err = io.ReadFull(f, b)
	if err != nil || len(b) < len(storeFormat)+sha256.Size || !bytes.HasPrefix(b, []byte(storeFormat)) {
		return nil, 0, nil
	}
	body, sum := b[:len(b)-sha256.Size], b[len(b)-sha256.Size:]
	st, _ := statOf(fi)
	if known, ok := s.seals()[i]; !ok || !known.trusts(st, sum) {
		s.hashed.Add(1)
		if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
			return nil, 0, nil
		}
		if st != (fileStat{}) {
			checked = &seal{stat: st, seen: seen, sum: [sha256.Size]byte(sum)}
		}
	}
	m := parseShard(body[len(storeFormat):])
	if m == nil {
		return nil, 0, nil
	}
	return m, fi.ModTime().UnixNano(), checked
}

// parseShard reads the entries of a shard file's body; nil when it is
// not well formed. The paths, like the narratives and values, are the
// body's bytes, which no one changes afterwards.
func parseShard(body []byte) map[pathKey]*storeEntry {
	n := countEntries(body)
	m := make(map[pathKey]*storeEntry, n)
	list := make([]storeEntry, n)
	for len(body) > 0 {
		p, rest, ok := field(body)
		if !ok || len(rest) < 2*sha256.Size || len(list) == 0 {
			return nil
		}
		e := &list[0]
		list = list[1:]
		copy(e.key[:], rest)
		copy(e.sum[:], rest[sha256.Size:])
		rest = rest[2*sha256.Size:]
		var n [5]uint64
		for i := range n {
			v, w := binary.Uvarint(rest)
			if w <= 0 {
				return nil
			}
			n[i], rest = v, rest[w:]
		}
		e.stat = fileStat{dev: n[0], ino: n[1], size: int64(n[2]), mtime: int64(n[3]), ctime: int64(n[4])}
		for _, x := range [2]*int{&e.offset, &e.bodyLine} {
			v, w := binary.Uvarint(rest)
			if w <= 0 || v > 1<<31 {
				return nil
			}
			*x, rest = int(v), rest[w:]
		}
		var narrative []byte
		if narrative, rest, ok = field(rest); !ok {
			return nil
		}
		if len(narrative) > 0 {
			e.body = unsafe.String(&narrative[0], len(narrative))
		}
		if e.val, rest, ok = field(rest); !ok {
			return nil
		}
		e.val = e.val[:len(e.val):len(e.val)] // appending to it never writes into the next entry
		if len(p) == 0 {
			return nil // no record's path
		}
		e.path = unsafe.String(&p[0], len(p))
		_, k := keyOf(e.path)
		m[k] = e
		body = rest
	}
	return m
}

// countEntries is how many entries a shard file's body seems to hold,
// counted by their paths' and narratives' and values' lengths alone, for
// the size of its map; parseShard checks them.
func countEntries(body []byte) int {
	n := 0
	for len(body) > 0 {
		var ok bool
		if _, body, ok = field(body); !ok || len(body) < 2*sha256.Size {
			return n
		}
		body = body[2*sha256.Size:]
		for range 7 { // the status's five numbers, offset and bodyLine
			_, w := binary.Uvarint(body)
			if w <= 0 {
				return n
			}
			body = body[w:]
		}
		for range 2 { // the narrative and the value
			if _, body, ok = field(body); !ok {
				return n
			}
		}
		n++
	}
	return n
}

// field reads a length and that many bytes.
func field(b []byte) (f, rest []byte, ok bool) {
	n, w := binary.Uvarint(b)
	if w <= 0 || n > uint64(len(b)-w) {
		return nil, nil, false
	}
	return b[w : w+int(n)], b[w+int(n):], true
}

// loadFile loads the file p, which the walk met as d: from its entry
// without reading it when its status may be trusted, else from its bytes.
func (s *store) loadFile(fsys fs.FS, schemas *schema.Set, p string, d fs.DirEntry, w *work) result {
	// The walk's status costs an lstat: it is asked only of a file the
	// cache holds, the only one it could let go unread. A cold load asks
	// none, and notes the status Open takes.
	if kind := Kind(p); d != nil && kind != "" {
		if e, written, ok := s.entry(p); ok {
			if st, ok := dirStat(d); ok {
				if res, ok := s.unread(fsys, schemas, p, kind, e, written, st, w); ok {
					return res
				}
			}
		}
	}
	data, fi, err := readFileInfo(fsys, p, MaxFileSize, w.buf)
	if err != nil {
		return load(fsys, schemas, p, w) // reports the error
	}
	w.buf = data
	st, _ := statOf(fi)
	return s.load(fsys, schemas, p, data, st, w)
}

// entry returns the entry the cache holds for the record file p, and the
// time its shard's file was written.
func (s *store) entry(p string) (e storeEntry, written int64, ok bool) {
	sh, k := s.shard(p)
	sh.mu.Lock()
	at, ok := sh.entries[k]
	written = sh.written
	if ok {
		sh.walk(at)
		e = *at
	}
	sh.mu.Unlock()
	return e, written, ok
}

// unread loads the file p, of the given kind, whose status is st, from
// its entry e (in a shard file written at written) without reading the
// file, when the entry may be trusted for that status; ok is false
// otherwise.
func (s *store) unread(fsys fs.FS, schemas *schema.Set, p string, kind schema.Kind, e storeEntry, written int64, st fileStat, w *work) (res result, ok bool) {
	if st == (fileStat{}) || !e.trusted(st, written) || e.key != s.key(schemas, e.sum) {
		return res, false
	}
	if res, ok = fromValue(fsys, p, kind, e, w, s.pos); !ok {
		return res, false
	}
	s.hits.Add(1)
	s.statHits.Add(1)
	res.byStatus = true
	return res, true
}

// load loads the file p, whose bytes are data and whose status before
// they were read was st, from its kept value when it has one, and keeps
// the value of a file that loads without a finding. w is the worker's.
func (s *store) load(fsys fs.FS, schemas *schema.Set, p string, data []byte, st fileStat, w *work) result {
	kind := Kind(p)
	sum := sha256.Sum256(data)
	if kind == "" {
		return loadBytes(fsys, schemas, p, data, sum, w)
	}
	key := s.key(schemas, sum)
	if e, ok := s.get(p, key); ok {
		var res result
		_, fm, offset, ok := split(kind, data)
		if ok {
			e.offset, e.body, e.bodyLine = offset, string(fm.Body), fm.BodyLine
			res, ok = fromValue(fsys, p, kind, e, w, s.pos)
		}
		if ok {
			s.hits.Add(1)
			// The status kept is the one just taken, so that the next
			// run may trust it (it was not trusted in this run: another
			// status, or racy). Without a status (not Linux) the shard is
			// left as it is.
			if st != (fileStat{}) {
				sh, k := s.shard(p)
				sh.mu.Lock()
				if at := sh.entries[k]; at != nil {
					e := *at
					e.stat = st
					sh.entries[k] = &e
				}
				sh.dirty = true
				sh.mu.Unlock()
			}
			return res
		}
	}
	res := loadBytes(fsys, schemas, p, data, sum, w)
	if len(res.list) == 0 && res.loaded() {
		s.put(p, storeEntry{key: key, sum: sum, stat: st, offset: res.offset, bodyLine: res.rec.BodyLine, body: res.rec.Body, val: res.rec.Src.Packed})
	} else {
		s.drop(p)
	}
	return res
}

// reload loads the file p from its bytes, for a record taken from its
// entry whose value then did not decode (decodeHeroes): the entry is
// replaced by what the file gives, or forgotten.
func (s *store) reload(fsys fs.FS, schemas *schema.Set, p string, byStatus bool, w *work) result {
	s.hits.Add(-1)
	if byStatus {
		s.statHits.Add(-1)
	}
	data, fi, err := readFileInfo(fsys, p, MaxFileSize, nil)
	if err != nil {
		s.drop(p)
		return load(fsys, schemas, p, w) // reports the error
	}
	st, _ := statOf(fi)
	sum := sha256.Sum256(data)
	res := loadBytes(fsys, schemas, p, data, sum, w)
	if len(res.list) == 0 && res.loaded() {
		s.put(p, storeEntry{key: s.key(schemas, sum), sum: sum, stat: st, offset: res.offset, bodyLine: res.rec.BodyLine, body: res.rec.Body, val: res.rec.Src.Packed})
	} else {
		s.drop(p)
	}
	return res
}

// get returns the entry of the file p whose key is key.
func (s *store) get(p string, key [sha256.Size]byte) (storeEntry, bool) {
	sh, k := s.shard(p)
	sh.mu.Lock()
	at, ok := sh.entries[k]
	if ok {
		sh.walk(at)
	}
	sh.mu.Unlock()
	if !ok {
		return storeEntry{}, false
	}
	return *at, at.key == key && at.val != nil
}

// put keeps the entry e of the file p. Its value's bytes are the
// record's own, which the run holds anyway.
func (s *store) put(p string, e storeEntry) {
	sh, k := s.shard(p)
	sh.mu.Lock()
	if at, ok := sh.entries[k]; ok && at.walked {
		sh.walked--
	}
	e.path, e.walked = p, false
	sh.walk(&e)
	sh.entries[k] = &e
	sh.dirty = true
	sh.mu.Unlock()
}

// drop forgets the file p: it changed and no longer loads cleanly.
func (s *store) drop(p string) {
	sh, k := s.shard(p)
	sh.mu.Lock()
	if at, ok := sh.entries[k]; ok {
		if at.walked {
			sh.walked--
		}
		delete(sh.entries, k)
		sh.dirty = true
	}
	sh.mu.Unlock()
}

// save writes the shards that changed, forgetting the files the load did
// not meet: they are gone. A cache that cannot be written is no error: the next run loads
// those records from their YAML again.
//
// The entries are forgotten then: the records hold what they need of
// them, and a later load reads the shards again.
func (s *store) save() {
	defer func() {
		for i := range s.shards {
			s.shards[i] = shard{}
		}
		s.mem = slab{}
	}()
	r := s.repoRoot()
	if r == nil {
		return
	}
	defer func() {
		s.mu.Lock()
		s.root.Close()
		s.root = nil
		s.mu.Unlock()
	}()
	if r.MkdirAll(storeDir, 0o755) != nil {
		return
	}
	var b []byte // one shard's bytes at a time
	written := map[int]bool{}
	for i := range s.shards {
		sh := &s.shards[i]
		if sh.entries == nil {
			continue // not read in this run
		}
		if sh.walked != len(sh.entries) {
			for k, e := range sh.entries {
				if !e.walked {
					delete(sh.entries, k)
					sh.dirty = true
				}
			}
		}
		if !sh.dirty {
			continue
		}
		b = writeShard(r, path.Join(storeDir, hex.EncodeToString([]byte{byte(i)})), sh.entries, b[:0])
		sh.dirty = false
		written[i] = true
	}
	s.saveSeals(written)
}

// writeShard writes the shard file name with entries, building it in b,
// which it returns for the next.
func writeShard(r *os.Root, name string, entries map[pathKey]*storeEntry, b []byte) []byte {
	b = append(b, storeFormat...)
	for _, e := range entries {
		b = append(binary.AppendUvarint(b, uint64(len(e.path))), e.path...)
		b = append(b, e.key[:]...)
		b = append(b, e.sum[:]...)
		for _, n := range []uint64{e.stat.dev, e.stat.ino, uint64(e.stat.size), uint64(e.stat.mtime), uint64(e.stat.ctime)} {
			b = binary.AppendUvarint(b, n)
		}
		b = binary.AppendUvarint(b, uint64(e.offset))
		b = binary.AppendUvarint(b, uint64(e.bodyLine))
		b = append(binary.AppendUvarint(b, uint64(len(e.body))), e.body...)
		b = append(binary.AppendUvarint(b, uint64(len(e.val))), e.val...)
	}
	sum := sha256.Sum256(b)
	b = append(b, sum[:]...)
	tmp := name + ".tmp"
	if r.WriteFile(tmp, b, 0o644) != nil || r.Rename(tmp, name) != nil {
		r.Remove(tmp)
	}
	return b
}
