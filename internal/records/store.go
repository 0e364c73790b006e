package records

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"os"
	"path"
	"sync"
	"sync/atomic"

	"github.com/yancheng-jyyw/roll/internal/frontmatter"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/internal/value"
	"github.com/yancheng-jyyw/roll/internal/yamldoc"
)

// A store keeps, between runs, the JSON value of every record that loaded
// without a finding, so that a later run reads and hashes the file and
// decodes the kept value instead of parsing the YAML and validating it
// (a repository's .cache/roll/, ignored by git and restored by
// the workflows).
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
	repo   string // the repository's root; the shards are in its storeDir
	code   [sha256.Size]byte
	mu     sync.Mutex
	root   *os.Root // the repository while a load reads or writes the shards
	shards [256]shard
	hits   atomic.Int64 // records taken from the store, for tests
}

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
const storeFormat = "roll records cache 1\n"

type shard struct {
	once    sync.Once
	mu      sync.Mutex
	entries map[string]storeEntry
	dirty   bool
}

type storeEntry struct {
	key [sha256.Size]byte
	val []byte // value.Append's form, read from the shard's file
	raw any    // or the value itself, kept by this run's Repo, encoded on save
}

// key is what an entry of the file p with the given bytes' hash must have.
func (s *store) key(schemas *schema.Set, sum [sha256.Size]byte) [sha256.Size]byte {
	h := sha256.New()
	h.Write([]byte(storeFormat))
	h.Write(s.code[:])
	ss := schemas.Sum()
	h.Write(ss[:])
	h.Write(sum[:])
	return [sha256.Size]byte(h.Sum(nil))
}

func shardOf(p string) int {
	h := sha256.Sum256([]byte(p))
	return int(h[0])
}

func (s *store) shard(p string) *shard {
	i := shardOf(p)
	sh := &s.shards[i]
	sh.once.Do(func() {
		sh.entries = readShard(s.repoRoot(), path.Join(storeDir, hex.EncodeToString([]byte{byte(i)})))
		if sh.entries == nil {
			sh.entries = map[string]storeEntry{}
			sh.dirty = true // missing or not to be trusted: write it anew
		}
	})
	return sh
}

// readShard reads a shard file; nil when it is missing or not to be
// trusted.
func readShard(r *os.Root, name string) map[string]storeEntry {
	if r == nil {
		return nil
	}
	b, err := r.ReadFile(name)
	if err != nil || len(b) < len(storeFormat)+sha256.Size || !bytes.HasPrefix(b, []byte(storeFormat)) {
		return nil
	}
	body, sum := b[:len(b)-sha256.Size], b[len(b)-sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return nil
	}
	body = body[len(storeFormat):]
	m := map[string]storeEntry{}
	for len(body) > 0 {
		p, rest, ok := field(body)
		if !ok || len(rest) < sha256.Size {
			return nil
		}
		var e storeEntry
		copy(e.key[:], rest)
		val, rest, ok := field(rest[sha256.Size:])
		if !ok {
			return nil
		}
		e.val = val
		m[string(p)] = e
		body = rest
	}
	return m
}

// field reads a length and that many bytes.
func field(b []byte) (f, rest []byte, ok bool) {
	n, w := binary.Uvarint(b)
	if w <= 0 || n > uint64(len(b)-w) {
		return nil, nil, false
	}
	return b[w : w+int(n)], b[w+int(n):], true
}

// load loads the file p, whose bytes are data, from its kept value when
// it has one, and keeps the value of a file that loads without a finding.
func (s *store) load(schemas *schema.Set, p string, data []byte) result {
	if Kind(p) == "" {
		return loadBytes(schemas, p, data)
	}
	sum := sha256.Sum256(data)
	key := s.key(schemas, sum)
	if v, ok := s.get(p, key); ok {
		if res, ok := fromValue(p, data, sum, v); ok {
			s.hits.Add(1)
			return res
		}
	}
	res := loadBytes(schemas, p, data)
	if len(res.list) == 0 && res.decode != nil {
		s.put(p, key, res.rec.Src.Raw)
	} else {
		s.drop(p)
	}
	return res
}

// get returns the kept value of the file p whose entry key is key.
func (s *store) get(p string, key [sha256.Size]byte) (any, bool) {
	sh := s.shard(p)
	sh.mu.Lock()
	e, ok := sh.entries[p]
	sh.mu.Unlock()
	if !ok || e.key != key {
		return nil, false
	}
	v, err := value.Read(e.val)
	if err != nil {
		return nil, false
	}
	// The decoded value, which the run holds anyway, replaces its bytes,
	// so that the shard's file is not held in memory past the load.
	sh.mu.Lock()
	sh.entries[p] = storeEntry{key: key, raw: v}
	sh.mu.Unlock()
	return v, true
}

// put keeps the value of the file p under key. The value is encoded only
// when its shard is saved: until then it is the record's own, which the
// run holds anyway.
func (s *store) put(p string, key [sha256.Size]byte, v any) {
	sh := s.shard(p)
	sh.mu.Lock()
	sh.entries[p] = storeEntry{key: key, raw: v}
	sh.dirty = true
	sh.mu.Unlock()
}

// drop forgets the file p: it changed and no longer loads cleanly.
func (s *store) drop(p string) {
	sh := s.shard(p)
	sh.mu.Lock()
	if _, ok := sh.entries[p]; ok {
		delete(sh.entries, p)
		sh.dirty = true
	}
	sh.mu.Unlock()
}

// save writes the shards that changed, forgetting the files that are
// gone. A cache that cannot be written is no error: the next run loads
// those records from their YAML again.
func (s *store) save(seen map[string]bool) {
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
	for i := range s.shards {
		sh := &s.shards[i]
		if sh.entries == nil {
			continue // not read in this run
		}
		for p := range sh.entries {
			if !seen[p] {
				delete(sh.entries, p)
				sh.dirty = true
			}
		}
		if !sh.dirty {
			continue
		}
		writeShard(r, path.Join(storeDir, hex.EncodeToString([]byte{byte(i)})), sh.entries)
		sh.dirty = false
	}
}

func writeShard(r *os.Root, name string, entries map[string]storeEntry) {
	b := []byte(storeFormat)
	for p, e := range entries {
		if e.val == nil {
			var err error
			if e.val, err = value.Append(nil, e.raw); err != nil {
				continue
			}
		}
		b = append(binary.AppendUvarint(b, uint64(len(p))), p...)
		b = append(b, e.key[:]...)
		b = append(binary.AppendUvarint(b, uint64(len(e.val))), e.val...)
	}
	sum := sha256.Sum256(b)
	b = append(b, sum[:]...)
	tmp := name + ".tmp"
	if r.WriteFile(tmp, b, 0o644) != nil || r.Rename(tmp, name) != nil {
		r.Remove(tmp)
	}
}

// fromValue is what loading the file p, whose bytes are data and were
// loaded without a finding before, gives, from its kept JSON value v.
func fromValue(p string, data []byte, sum [sha256.Size]byte, v any) (result, bool) {
	res := result{path: p, kind: Kind(p), sum: sum}
	if res.kind == "" {
		return res, false
	}
	data = frontmatter.Normalize(data)
	meta, offset := data, 0
	var fm frontmatter.Doc
	if res.kind == schema.Hero {
		var err error
		if fm, err = frontmatter.Split(data); err != nil {
			return res, false
		}
		meta, offset = fm.Meta, fm.MetaLines
	}
	src := model.Source{File: p, Loc: yamldoc.NewLazy(p, bytes.Clone(meta), offset), Raw: v, Sum: sum}
	body := string(fm.Body)
	res.rec = model.Record{Kind: string(res.kind), Src: src, Body: body, BodyLine: fm.BodyLine}
	var err error
	if res.decode, err = decodeModel(res.kind, src, body, fm.BodyLine); err != nil {
		return res, false
	}
	return res, true
}
