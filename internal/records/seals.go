package records

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"path"
	"time"
)

// The shards' seals trusted by their files' status. Each shard file ends
// with the SHA-256 of what comes before it, and reading it checked that
// seal: at 100,000 records, 250 MB hashed on every run (0.22 s of a
// rebuild after one edit), though the files had not changed since the
// run before checked them. The store now keeps, in one small file beside
// the shards, the status of each shard file whose seal it checked, with
// the time it took that status and the seal; a shard whose file has that
// status still, with both its times at least settleTime older than when
// the status was taken (as roll serve trusts a record in memory, Cache),
// is parsed without hashing. Any write, rename or change of its times
// changes a file's change time, which no one can set. A shard written by
// the run is left out: the next run checks its seal and notes it.
//
// The file is sealed by its own SHA-256; a damaged, cut or foreign one
// is read as empty, and every shard is hashed as before. Like the
// shards, it is roll's own earlier work, which a repository must never
// commit (roll check --base refuses a committed .cache): anyone who may
// write it may as well write shards with their seals.

// sealsFile is the file, beside the shards, that keeps their seals.
const sealsFile = storeDir + "/seals"

// sealsHeader starts the seals' file; it holds the shards' format, so a
// new format trusts no seal of the old one.
const sealsHeader = "roll records seals 1\n" + storeFormat

// seal is what the store knows of a shard file whose seal it checked.
type seal struct {
	stat fileStat          // of the file, taken before its bytes were read
	seen int64             // when that status was taken, ns since 1970
	sum  [sha256.Size]byte // the seal it ended with
}

// trusts says whether a shard file whose status is st, ending with sum,
// may be taken as sealed without hashing it: its status and seal are the
// ones noted, and both its times were settleTime older than when the
// status was taken.
func (s *seal) trusts(st fileStat, sum []byte) bool {
	if s.stat == (fileStat{}) || s.stat != st || !bytes.Equal(s.sum[:], sum) {
		return false
	}
	old := s.seen - int64(settleTime)
	return st.mtime < old && st.ctime < old
}

// readSeals reads the seals' file; an empty map when it is missing or not
// to be trusted.
func readSeals(b []byte) map[int]seal {
	out := map[int]seal{}
	rest, ok := bytes.CutPrefix(b, []byte(sealsHeader))
	if !ok || len(rest) < sha256.Size {
		return out
	}
	body, sum := rest[:len(rest)-sha256.Size], rest[len(rest)-sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return out
	}
	m := map[int]seal{}
	for len(body) > 0 {
		var n [7]uint64
		for i := range n {
			v, w := binary.Uvarint(body)
			if w <= 0 {
				return out
			}
			n[i], body = v, body[w:]
		}
		if n[0] >= shardCount || len(body) < sha256.Size {
			return out
		}
		s := seal{stat: fileStat{dev: n[1], ino: n[2], size: int64(n[3]), mtime: int64(n[4]), ctime: int64(n[5])}, seen: int64(n[6])}
		copy(s.sum[:], body)
		body = body[sha256.Size:]
		m[int(n[0])] = s
	}
	return m
}

// sealsBytes is the seals' file of m, in the order of the shards.
func sealsBytes(m map[int]seal) []byte {
	b := []byte(sealsHeader)
	for i := range shardCount {
		s, ok := m[i]
		if !ok {
			continue
		}
		for _, n := range []uint64{uint64(i), s.stat.dev, s.stat.ino, uint64(s.stat.size), uint64(s.stat.mtime), uint64(s.stat.ctime), uint64(s.seen)} {
			b = binary.AppendUvarint(b, n)
		}
		b = append(b, s.sum[:]...)
	}
	sum := sha256.Sum256(b[len(sealsHeader):])
	return append(b, sum[:]...)
}

// seals returns what the store knows of the shards' seals, read once.
func (s *store) seals() map[int]seal {
	s.sealsOnce.Do(func() {
		var b []byte
		if r := s.repoRoot(); r != nil {
			b, _ = r.ReadFile(sealsFile)
		}
		s.known = readSeals(b)
	})
	return s.known
}

// clock is the store's clock: time.Now, or the tests'.
func (s *store) clock() time.Time {
	if s.now != nil {
		return s.now()
	}
	return time.Now()
}

// saveSeals writes the seals the next run may trust, when they changed:
// those noted before, those checked by this run, none of a shard written.
func (s *store) saveSeals(written map[int]bool) {
	m := s.seals()
	changed := false
	for i := range s.shards {
		sh := &s.shards[i]
		switch {
		case written[i]:
			if _, ok := m[i]; ok {
				delete(m, i)
				changed = true
			}
		case sh.checked != nil:
			m[i] = *sh.checked
			changed = true
		}
	}
	if !changed {
		return
	}
	r := s.repoRoot()
	if r == nil {
		return
	}
	name := path.Clean(sealsFile)
	tmp := name + ".tmp"
	if r.WriteFile(tmp, sealsBytes(m), 0o644) != nil || r.Rename(tmp, name) != nil {
		r.Remove(tmp)
	}
}
