package history

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/yancheng-jyyw/roll/internal/wire"
)

// A Store keeps bytes between runs under a name, as the records cache of
// a repository keeps its side files (records.Cache): what it gives back
// is not trusted.
type Store interface {
	Side(name string) []byte
	SetSide(name string, b []byte)
}

// ReadSaved is Read keeping what it derives in st, for the roll whose code
// has the SHA-256 code: a later ReadSaved of the same repository whose
// HEAD, shallow boundary and prefix are the same takes the History from
// st instead of walking the commits again. Nothing else the walk reads
// can change under them: commits and trees never change, and the walk
// does not read the index or the working tree (see the package
// documentation). What st gives is sealed by its SHA-256 and by that key;
// damaged, cut, foreign or stale bytes are ignored and replaced.
func ReadSaved(dir, prefix string, st Store, code [sha256.Size]byte) (*History, error) {
	if st == nil {
		return Read(dir, prefix)
	}
	return readDir(dir, prefix, nil, &saved{st: st, code: code})
}

// savedName names the file the History is kept in, in the Store.
const savedName = "history"

// savedHeader starts the bytes of a kept History; change it when the
// format or what the walk credits changes.
const savedHeader = "roll history v1\n"

// saved is where a read keeps what it derived.
type saved struct {
	st   Store
	code [sha256.Size]byte
}

// key is the key of a History: the code of roll, the prefix walked, the
// HEAD commit and the shallow boundary, in that order.
func (s *saved) key(prefix []string, head plumbing.Hash, shallow []plumbing.Hash) [sha256.Size]byte {
	h := sha256.New()
	h.Write([]byte(savedHeader))
	h.Write(s.code[:])
	p := strings.Join(prefix, "/")
	h.Write(binary.AppendUvarint(nil, uint64(len(p))))
	h.Write([]byte(p))
	h.Write(head[:])
	bs := slices.Clone(shallow)
	slices.SortFunc(bs, func(a, b plumbing.Hash) int { return bytes.Compare(a[:], b[:]) })
	bs = slices.Compact(bs)
	h.Write(binary.AppendUvarint(nil, uint64(len(bs))))
	for _, b := range bs {
		h.Write(b[:])
	}
	return [sha256.Size]byte(h.Sum(nil))
}

// load is the History kept under key; false when there is none.
func (s *saved) load(key [sha256.Size]byte) (*History, bool) {
	if s == nil {
		return nil, false
	}
	return decodeHistory(s.st.Side(savedName), key)
}

// keep keeps h under key.
func (s *saved) keep(key [sha256.Size]byte, h *History) {
	if s != nil {
		s.st.SetSide(savedName, encodeHistory(key, h))
	}
}

// encodeHistory is h under key, sealed by its SHA-256: the header, the
// key, HEAD, whether it is shallow, the commits any file names (in the
// order of the walk), then each file, in order of its path, with the
// indices of its commits.
func encodeHistory(key [sha256.Size]byte, h *History) []byte {
	out := append([]byte(savedHeader), key[:]...)
	if h.Head == nil {
		out = append(out, 0)
	} else {
		out = appendCommit(append(out, 1), h.Head)
	}
	out = wire.AppendFlag(out, h.Shallow)
	paths := make([]string, 0, len(h.Files))
	for p := range h.Files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	index := map[string]int{}
	var commits []*Commit
	for _, p := range paths {
		for i := range h.Files[p] {
			c := &h.Files[p][i]
			if _, ok := index[c.Hash]; !ok {
				index[c.Hash] = len(commits)
				commits = append(commits, c)
			}
		}
	}
	out = binary.AppendUvarint(out, uint64(len(commits)))
	for _, c := range commits {
		out = appendCommit(out, c)
	}
	out = binary.AppendUvarint(out, uint64(len(paths)))
	for _, p := range paths {
		out = wire.AppendString(out, p)
	}
	for _, p := range paths {
		cs := h.Files[p]
		out = binary.AppendUvarint(out, uint64(len(cs)))
		for _, c := range cs {
			out = binary.AppendUvarint(out, uint64(index[c.Hash]))
		}
	}
	sum := sha256.Sum256(out[len(savedHeader):])
	return append(out, sum[:]...)
}

// The locations a commit's time is kept in.
const (
	zoneNone  = 0 // the zero time
	zoneUTC   = 1 // time.UTC, as go-git gives a commit without a zone
	zoneFixed = 2 // a fixed zone of a name and an offset
)

func appendCommit(out []byte, c *Commit) []byte {
	h, err := hex.DecodeString(c.Hash)
	if err != nil || len(h) != len(plumbing.Hash{}) {
		h = make([]byte, len(plumbing.Hash{})) // never from a walk; reads back as another hash
	}
	out = append(out, h...)
	switch name, offset := c.When.Zone(); {
	case c.When.IsZero() && c.When.Location() == time.UTC:
		out = append(out, zoneNone)
	case c.When.Location() == time.UTC:
		out = append(out, zoneUTC)
		out = binary.AppendVarint(out, c.When.Unix())
		out = binary.AppendUvarint(out, uint64(c.When.Nanosecond()))
	default:
		out = append(out, zoneFixed)
		out = binary.AppendVarint(out, c.When.Unix())
		out = binary.AppendUvarint(out, uint64(c.When.Nanosecond()))
		out = wire.AppendString(out, name)
		out = binary.AppendVarint(out, int64(offset))
	}
	return wire.AppendString(wire.AppendString(out, c.Author), c.Subject)
}

// decodeHistory reads what encodeHistory wrote under key; false for
// bytes that are not that, whole and sealed.
func decodeHistory(b []byte, key [sha256.Size]byte) (*History, bool) {
	rest, ok := bytes.CutPrefix(b, []byte(savedHeader))
	if !ok || len(rest) < 2*sha256.Size {
		return nil, false
	}
	body, seal := rest[:len(rest)-sha256.Size], rest[len(rest)-sha256.Size:]
	if sum := sha256.Sum256(body); !bytes.Equal(sum[:], seal) || !bytes.Equal(body[:sha256.Size], key[:]) {
		return nil, false
	}
	r := &reader{wire.NewReader(body[sha256.Size:])}
	r.MaxCount = 1<<31 - 1
	h := &History{}
	if r.Flag() {
		c := r.commit()
		h.Head = &c
	}
	h.Shallow = r.Flag()
	commits := make([]Commit, r.count(len(plumbing.Hash{})+3))
	seen := make(map[string]bool, len(commits))
	for i := range commits {
		commits[i] = r.commit()
		if seen[commits[i].Hash] {
			return nil, false // each commit is listed once
		}
		seen[commits[i].Hash] = true
	}
	// The paths are read as one string and cut, and the files' commits
	// share one array: a History of 100,000 files is a few allocations
	// and a map.
	n := r.count(1)
	start := r.Rest()
	spans := make([][2]int, n) // of each path in start
	for i := range spans {
		l := r.count(1)
		from := len(start) - len(r.Rest())
		if r.Next(l); r.Bad() {
			return nil, false
		}
		spans[i] = [2]int{from, from + l}
	}
	all := string(start[:len(start)-len(r.Rest())])
	counts := make([]int, n)
	total := 0
	mark := r.Rest()
	for i := range counts {
		counts[i] = r.count(1)
		total += counts[i]
		for range counts[i] {
			if r.count(0) >= len(commits) {
				r.Fail()
			}
		}
	}
	if r.Bad() || len(r.Rest()) != 0 {
		return nil, false
	}
	r.Reset(mark)
	// A file of one commit shares it in the table; only those of more
	// have their own run of commits.
	for _, c := range counts {
		if c == 1 {
			total--
		}
	}
	files := make([]Commit, total)
	h.Files = make(map[string][]Commit, n)
	at, prev := 0, ""
	for i, sp := range spans {
		p := all[sp[0]:sp[1]]
		if i > 0 && p <= prev {
			return nil, false // not in order, or twice
		}
		prev = p
		if r.count(1) == 1 {
			k := r.count(0)
			h.Files[p] = commits[k : k+1 : k+1]
			continue
		}
		cs := files[at : at+counts[i] : at+counts[i]]
		at += counts[i]
		for j := range cs {
			cs[j] = commits[r.count(0)]
		}
		h.Files[p] = cs
	}
	if r.Bad() {
		return nil, false
	}
	return h, true
}

// reader reads what encodeHistory wrote.
type reader struct{ wire.Reader }

// count reads a number of items that follow, each at least min bytes;
// with min 0, any number below 2^31.
func (r *reader) count(min int) int {
	if min == 0 {
		return int(r.Uvarint(1<<31 - 1))
	}
	return r.Count(min)
}

func (r *reader) number() int64 { return r.Varint(math.MinInt64, math.MaxInt64) }

func (r *reader) commit() Commit {
	p := r.Next(len(plumbing.Hash{}) + 1)
	if r.Bad() {
		return Commit{}
	}
	hash := hex.EncodeToString(p[:len(plumbing.Hash{})])
	zone := p[len(plumbing.Hash{})]
	var when time.Time
	switch zone {
	case zoneNone:
	case zoneUTC, zoneFixed:
		sec, nsec := r.number(), r.count(0)
		if nsec >= 1e9 {
			r.Fail()
		}
		when = time.Unix(sec, int64(nsec))
		if zone == zoneUTC {
			when = when.In(time.UTC)
		} else {
			name, offset := r.Str(), r.number()
			if offset < -1<<20 || offset > 1<<20 {
				r.Fail()
			}
			when = when.In(time.FixedZone(name, int(offset)))
		}
	default:
		r.Fail()
	}
	author, subject := r.Str(), r.Str()
	return Commit{Hash: hash, Short: hash[:7], When: when, Author: author, Subject: subject}
}
