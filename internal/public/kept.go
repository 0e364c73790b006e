package public

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"slices"
	"sync/atomic"
	"unsafe"

	"github.com/yancheng-jyyw/roll/internal/fold"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/internal/site"
	"github.com/yancheng-jyyw/roll/internal/wire"
)

// Kept keeps each published hero's entry between builds of roll build,
// in its output folder's state, so that a rebuild makes again only the
// entries of the heroes whose records changed. Making an entry projects
// the record, redacts its texts, names its jurisdiction and honors,
// writes its collation key and the key of its row in the lists: at
// 100,000 heroes, a second of every rebuild. The description of a hero
// is not kept: it is written when his page or the feed is.
//
// What an entry is made from, and so what keeps it:
//
//   - the record's bytes (its file and their SHA-256): the projection,
//     the hero's name (shown, folded for the dictionary, its surname)
//     and whether he is shown anonymized, the deed's year, his texts;
//   - the code of roll and the schemas (Options.Inputs): how the
//     projection, the folding and the collation are made;
//   - the redaction's dictionary (redactor.sum: every name hidden and
//     kept, with the code): what redaction changes in the texts;
//   - the catalogs and the schemas' words (catalogKey): nothing kept
//     names them since the description is not kept, but the collation
//     key and the row are used only under the catalogs they were made
//     under, as when the description was;
//   - the portrait shown, for the row's key.
//
// The first three are one key of the whole file each (the build date
// acts only through the dictionary and who is published, decided again
// on every build). Each level is used only while all above it hold: a
// projection under the same code and bytes, its redaction under the same
// dictionary as well, the collation key under the same catalogs as well,
// the row under the same portrait as well; anything else is made again.
// The projection alone outlives a new dictionary: withdrawing a hero
// redacts every text again, but projects none.
//
// The entries are written in the order their records are met, and after
// them the roll's order (each entry's index, in the order of the roll):
// a rebuild finds each record's entry at the next place, and keeps the
// order of the heroes whose year, collation key and id did not change
// (inRollOrder), checking it.
//
// The file is sealed by two CRC-32s of what comes before the seal
// (wire.Seal); a damaged, cut or foreign one is ignored and every entry
// made again. Edits read from it are held to
// their texts (fold.ValidEdits) before they are made. Kept is for roll
// build; roll serve keeps its Memo in memory instead.
type Kept struct {
	code, dict, cat site.Key
	// list is what the build before kept, in the order it met the
	// records (the records' order); order is list's indexes in the
	// roll's order of that build (merge).
	list  []keptHero
	order []int32
	// index finds an entry of list by its record's file; made when a
	// record is first met out of list's order (a record added or
	// removed), as most are met in it.
	index map[string]int32
	next  int // where in list the next record met is likely
	used  int // of list, this build

	code2       site.Key // this build's
	dict2, cat2 site.Key
	// seen is this build's entries, in the order their records are met
	// (entry.seq), and order2 their indexes in the roll's order.
	seen    []*keptHero
	order2  []int32
	changed bool

	// runs are the keys of the rows of the lists' pages (rowsKeys), as
	// the build before kept them, runAt finds one by its name (made when
	// first asked), and runs2 this build's.
	runs, runs2 []rowRuns
	runAt       map[string]int
	// searched is set when a shard of the search index, rendered, made
	// a row that this build's entries did not keep (entry.searchRow):
	// set from the site's render workers, after Site returned.
	searched atomic.Bool
}

// rowRuns are the keys (digest) of the rows of a year of a list, one for
// each page that shows them, with their number; name is the list and the
// year.
type rowRuns struct {
	name string
	keys []runKey
}

type runKey struct {
	n   int
	key site.Key
}

// keptHero is what Kept keeps of one published hero.
type keptHero struct {
	file string
	sum  [sha256.Size]byte
	// proj is the public projection, before redaction, as appendHero
	// writes it: decoded (hero) into the entry that shows it, never held
	// apart from it; an entry whose bytes are not one is made again. At 100,000 heroes the projections decoded on reading
	// were 18 MB and an allocation a hero, copied into the entries after.
	proj     []byte
	edits    [][]fold.Edit // of each text, in the order redaction reads them
	redacted site.Key
	sortKey  []byte
	surname  string   // of the name shown
	year     int      // of the deed
	folded   string   // the record's name folded, for the dictionary (redactor)
	photo    *photoID // nil for none: most heroes show none
	row      site.Key
	// search is what the search index shows of him that is not in his
	// entry: the lead of his narrative and the pinyin of his name
	// (appendSearch), made from the same as the redaction (the record's
	// bytes, the code and the dictionary); nil until a shard of his
	// year is rendered. A rebuild makes the shard of a changed hero's
	// year without rendering the others' leads again.
	search []byte
	raw    []byte // its bytes as read, written again when nothing changed
}

// photoID is the portrait a row shows: its file's sum and size.
type photoID struct {
	sum  [sha256.Size]byte
	w, h int
}

// photoOf is the photoID of p; nil for none.
func photoOf(p *model.Portrait) *photoID {
	if p == nil {
		return nil
	}
	return &photoID{sum: p.Sum, w: p.Width, h: p.Height}
}

// showsPhoto reports whether id, kept, is the portrait p: both none, or
// the same file and size.
func showsPhoto(id *photoID, p *model.Portrait) bool {
	if id == nil || p == nil {
		return id == nil && p == nil
	}
	return id.sum == p.Sum && id.w == p.Width && id.h == p.Height
}

// keptHeader starts the bytes of Kept; bump it when the format, Hero or
// what an entry holds changes.
const keptHeader = "roll public entries v6\n"

// ReadKept reads what a build kept (Bytes); nil, damaged or foreign bytes
// keep nothing. The strings of the entries are b's bytes, which must not
// change after.
func ReadKept(b []byte) *Kept {
	k := &Kept{}
	rest, ok := bytes.CutPrefix(b, []byte(keptHeader))
	if !ok || len(rest) < 3*sha256.Size+sealSize {
		return k
	}
	body, ok := wire.Sealed(rest)
	if !ok {
		return k
	}
	code, dict, cat := site.Key(body[:32]), site.Key(body[32:64]), site.Key(body[64:96])
	r := &projReader{wire.NewReader(body[96:])}
	r.Alias = true
	n := r.Count(1)
	if r.Bad() || n > len(r.Rest())/(2*sha256.Size) {
		return k
	}
	// One allocation for every entry: at 100,000 heroes, one each was
	// much of reading them.
	list := make([]keptHero, n)
	var slab editSlab
	for i := range list {
		start := r.Rest()
		r.keptHero(&list[i], &slab)
		if r.Bad() {
			return k
		}
		list[i].raw = start[:len(start)-len(r.Rest())]
	}
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(r.Uvarint(uint64(max(n-1, 0))))
	}
	nr := r.Count(1)
	if r.Bad() || nr > len(r.Rest()) {
		return k
	}
	runs := make([]rowRuns, nr)
	for i := range runs {
		runs[i].name = r.Str()
		c := r.Count(1 + sha256.Size)
		if r.Bad() {
			return k
		}
		runs[i].keys = make([]runKey, c)
		for j := range c {
			runs[i].keys[j] = runKey{n: int(r.Uvarint(uint64(n))), key: r.key()}
		}
	}
	if r.Bad() || len(r.Rest()) != 0 {
		return k
	}
	k.code, k.dict, k.cat, k.list, k.order, k.runs = code, dict, cat, list, order, runs
	return k
}

// begin starts a build's use of k with the key of the code and schemas;
// keys gives it those of the dictionary and the catalogs, once the
// entries found have given the dictionary their names.
func (k *Kept) begin(code site.Key) {
	if k == nil {
		return
	}
	k.code2 = code
	k.seen = make([]*keptHero, 0, len(k.list))
	k.order2 = make([]int32, 0, len(k.list))
	k.used, k.next = 0, 0
	k.runs2 = make([]rowRuns, 0, len(k.runs))
}

// keys are the keys of the dictionary and the catalogs this build's
// entries read; it returns whether the redactions kept hold, and whether
// the rest does.
func (k *Kept) keys(dict, cat site.Key) (red, rest bool) {
	if k == nil {
		return false, false
	}
	k.dict2, k.cat2 = dict, cat
	k.changed = k.code != k.code2 || k.dict != dict || k.cat != cat
	red = k.dict == dict
	return red, red && k.cat == cat
}

// keeps reports whether k keeps h's entry: not for a record built by
// hand, nor without the code's identity.
func (k *Kept) keeps(h *model.Hero) bool {
	return k != nil && k.code2 != (site.Key{}) && h.Src.Sum != ([sha256.Size]byte{})
}

// place gives a hero k keeps (keeps) his place among this build's
// entries, in the order met: entry.seq.
func (k *Kept) place() int32 {
	k.seen = append(k.seen, nil)
	return int32(len(k.seen) - 1)
}

// find is what k keeps of h under this build's code (the projection,
// and what else keys says holds), and its index in the list read; nil
// when nothing does.
func (k *Kept) find(h *model.Hero) (kh *keptHero, at int) {
	if !k.keeps(h) || k.code != k.code2 {
		return nil, -1
	}
	at = k.next
	if at >= len(k.list) || k.list[at].file != h.Src.File {
		if k.index == nil {
			k.index = make(map[string]int32, len(k.list))
			for i := range k.list {
				k.index[k.list[i].file] = int32(i)
			}
		}
		i, ok := k.index[h.Src.File]
		if !ok {
			return nil, -1
		}
		at = int(i)
	}
	k.next = at + 1
	kh = &k.list[at]
	if kh.sum != h.Src.Sum {
		return nil, -1
	}
	k.used++
	return kh, at
}

// note keeps e, whose row is known, for the next build: what was kept
// of it when every part of that held, else the entry as this build made
// it. It is called in the roll's order.
func (k *Kept) note(e *entry) {
	if k == nil || e.seq < 0 {
		return
	}
	if i := len(k.order2); i >= len(k.order) || k.order[i] != int32(e.seq) {
		k.changed = true
	}
	k.order2 = append(k.order2, int32(e.seq))
	if e.kept != nil && e.keptSort && showsPhoto(e.kept.photo, e.photo) {
		k.seen[e.seq], e.keep = e.kept, e.kept
		if e.keptAt != e.seq {
			k.changed = true
		}
		return
	}
	k.changed = true
	kh := e.fresh
	if kh == nil {
		// All of it held but the portrait.
		kh = &keptHero{file: e.kept.file, sum: e.kept.sum, proj: e.kept.proj, edits: e.kept.edits}
	}
	kh.redacted, kh.sortKey, kh.photo, kh.row = e.redacted, e.sortKey, photoOf(e.photo), e.row
	kh.surname, kh.year, kh.folded = e.surname, e.year, e.folded
	if e.keptRed {
		// The lead and the pinyin are made from what the redaction
		// is (searchHero): the catalogs and the portrait do not
		// change them.
		kh.search = e.kept.search
	}
	k.seen[e.seq], e.keep = kh, kh
}

// Changed reports whether the entries a build kept differ from those it
// read: Bytes need be written only then.
func (k *Kept) Changed() bool {
	return k != nil && (k.changed || k.searched.Load() || k.used != len(k.list) || len(k.seen) != len(k.list) || len(k.order2) != len(k.order) ||
		len(k.runs2) != len(k.runs))
}

// Bytes are this build's entries for the next build (ReadKept), sealed:
// in the order their records were met, then their order in the roll. An
// entry kept whole is copied as it was read.
func (k *Kept) Bytes() []byte {
	seen, order := k.seen, k.order2
	if len(order) != len(seen) || slices.Contains(seen, nil) {
		// Not every hero met was noted (a build that failed): keep none.
		seen, order = nil, nil
	}
	size := len(keptHeader) + 3*sha256.Size + sealSize + 16 + 3*len(order)
	for _, kh := range seen {
		size += len(kh.raw) + len(kh.search) + 1
	}
	out := append(make([]byte, 0, size), keptHeader...)
	out = append(out, k.code2[:]...)
	out = append(out, k.dict2[:]...)
	out = append(out, k.cat2[:]...)
	out = binary.AppendUvarint(out, uint64(len(seen)))
	for _, kh := range seen {
		if kh.raw != nil {
			out = append(out, kh.raw...)
		} else {
			out = appendKeptHero(out, kh)
		}
	}
	for _, i := range order {
		out = binary.AppendUvarint(out, uint64(i))
	}
	runs := k.runs2
	if seen == nil {
		runs = nil
	}
	out = binary.AppendUvarint(out, uint64(len(runs)))
	for _, rs := range runs {
		out = wire.AppendString(out, rs.name)
		out = binary.AppendUvarint(out, uint64(len(rs.keys)))
		for _, x := range rs.keys {
			out = binary.AppendUvarint(out, uint64(x.n))
			out = append(out, x.key[:]...)
		}
	}
	return wire.AppendSeal(out, len(keptHeader))
}

// sealSize is the length of the entries' seal.
const sealSize = wire.SealSize

func appendKeptHero(b []byte, kh *keptHero) []byte {
	str := func(s string) { b = wire.AppendString(b, s) }
	str(kh.file)
	b = append(b, kh.sum[:]...)
	b = binary.AppendUvarint(b, uint64(len(kh.proj)))
	b = append(b, kh.proj...)
	b = binary.AppendUvarint(b, uint64(len(kh.edits)))
	for _, edits := range kh.edits {
		b = binary.AppendUvarint(b, uint64(len(edits)))
		for _, e := range edits {
			b = binary.AppendUvarint(b, uint64(e.Start))
			b = binary.AppendUvarint(b, uint64(e.End-e.Start))
			str(e.New)
		}
	}
	b = append(b, kh.redacted[:]...)
	str(string(kh.sortKey))
	str(kh.surname)
	b = binary.AppendVarint(b, int64(kh.year))
	str(kh.folded)
	if kh.photo != nil {
		b = append(b, 1)
		b = append(b, kh.photo.sum[:]...)
		b = binary.AppendVarint(b, int64(kh.photo.w))
		b = binary.AppendVarint(b, int64(kh.photo.h))
	} else {
		b = append(b, 0)
	}
	b = append(b, kh.row[:]...)
	b = binary.AppendUvarint(b, uint64(len(kh.search)))
	return append(b, kh.search...)
}

// offset reads an offset into a text: bounded, not by what is left of
// the bytes but so as not to overflow (fold.ValidEdits holds it to its
// text).
func (r *projReader) offset() int { return int(r.Uvarint(1 << 30)) }

func (r *projReader) key() (k [sha256.Size]byte) {
	if p := r.Next(sha256.Size); p != nil {
		k = [sha256.Size]byte(p)
	}
	return k
}

// editSlab hands out the lists of edits of the entries read from a few
// large allocations rather than one or two an entry.
type editSlab struct {
	lists [][]fold.Edit
	edits []fold.Edit
	// none is a list of nil lists, shared by the entries none of whose
	// texts redaction changed (most), which no one writes into.
	none [][]fold.Edit
}

// noneOf is n nil lists of edits, shared: never written into.
func (s *editSlab) noneOf(n int) [][]fold.Edit {
	if len(s.none) < n {
		s.none = make([][]fold.Edit, max(n, 16))
	}
	return s.none[:n:n]
}

func (s *editSlab) listsOf(n int) [][]fold.Edit {
	if len(s.lists) < n {
		s.lists = make([][]fold.Edit, max(n, 4096))
	}
	out := s.lists[:n:n]
	s.lists = s.lists[n:]
	return out
}

func (s *editSlab) editsOf(n int) []fold.Edit {
	if len(s.edits) < n {
		s.edits = make([]fold.Edit, max(n, 4096))
	}
	out := s.edits[:0:n]
	s.edits = s.edits[n:]
	return out
}

func (r *projReader) keptHero(kh *keptHero, slab *editSlab) {
	kh.file, kh.sum = r.Str(), r.key()
	// The projection's bytes, read as a whole: decoded (hero) only into
	// the entry that shows it, which checks them. Parsing every
	// projection here to find its end was a third of reading the
	// entries at 100,000 heroes.
	kh.proj = r.Next(r.Count(1))
	n := r.Count(1)
	if r.Bad() {
		return
	}
	if n > 0 {
		kh.edits = slab.noneOf(n)
	}
	owned := false
	for i := range n {
		c := r.Count(1)
		if c > 0 {
			if !owned {
				kh.edits, owned = slab.listsOf(n), true
			}
			kh.edits[i] = slab.editsOf(c)
		}
		for range c {
			start, size := r.offset(), r.offset()
			if r.Bad() {
				return
			}
			kh.edits[i] = append(kh.edits[i], fold.Edit{Start: start, End: start + size, New: r.Str()})
		}
	}
	kh.redacted = r.key()
	if s := r.Str(); s != "" {
		kh.sortKey = unsafe.Slice(unsafe.StringData(s), len(s))
	}
	kh.surname = r.Str()
	kh.year = r.signed()
	kh.folded = r.Str()
	if r.Flag() {
		kh.photo = &photoID{sum: r.key(), w: r.signed(), h: r.signed()}
	}
	kh.row = r.key()
	if s := r.Str(); s != "" {
		kh.search = unsafe.Slice(unsafe.StringData(s), len(s))
	}
}

// rowsKeys are the keys of the rows of the pages of a year of a list
// (digest(kind, page) of each page's heroes, the page's rows), kept
// between builds by name, the list and the year. A page of a long list
// is hashed over its 300 rows' keys, and every published hero is in
// seven lists or more: at 100,000 heroes, hashing every list's rows on
// every rebuild was a fifth of listing the pages. The keys kept are used
// when every hero on the pages is as the build before kept him (same,
// his row's key and his place among the others unchanged) and each page
// holds as many as then: a hero kept whole is in the same lists as
// then, so the heroes of these pages were all on them, in that order.
// A hero changed, added or removed, or the year split otherwise, hashes
// the year's pages again. Nil k hashes them.
func (k *Kept) rowsKeys(name, kind string, pages [][]*entry) []site.Key {
	var old []runKey
	if k != nil {
		if k.runAt == nil {
			k.runAt = make(map[string]int, len(k.runs))
			for i, rs := range k.runs {
				if _, dup := k.runAt[rs.name]; dup {
					// Never written so: trust none.
					k.runs, k.runAt = nil, map[string]int{}
					break
				}
				k.runAt[rs.name] = i
			}
		}
		if i, ok := k.runAt[name]; ok {
			old = k.runs[i].keys
		}
	}
	same := old != nil && len(old) == len(pages)
	for i := 0; same && i < len(pages); i++ {
		if old[i].n != len(pages[i]) {
			same = false
		}
		for _, e := range pages[i] {
			if !e.same {
				same = false
				break
			}
		}
	}
	keys := make([]site.Key, len(pages))
	made := old
	if !same {
		made = make([]runKey, len(pages))
	}
	for i, p := range pages {
		if !same {
			made[i] = runKey{n: len(p), key: digest(kind, p)}
		}
		keys[i] = made[i].key
	}
	if k != nil {
		if !same {
			k.changed = true
		}
		k.runs2 = append(k.runs2, rowRuns{name: name, keys: made})
	}
	return keys
}

// hero decodes the projection kh keeps; false when its bytes are not
// one (ReadKept checked them: never, but for a bug).
func (kh *keptHero) hero() (Hero, bool) {
	r := &projReader{wire.NewReader(kh.proj)}
	r.Alias = true
	h := r.hero()
	return h, !r.Bad() && len(r.Rest()) == 0
}

// fitEdits reports whether kept edits can be made in texts: one list for
// each text, each within its text.
func fitEdits(edits [][]fold.Edit, texts []*string) bool {
	if len(edits) != len(texts) {
		return false
	}
	for i, t := range texts {
		if !fold.ValidEdits(edits[i], len(*t)) {
			return false
		}
	}
	return true
}

// catalogKey is the key of the catalogs and words an entry names: the
// jurisdictions, the honors, the kinds of deed and the outcomes.
func catalogKey(r *roll) site.Key {
	in := site.NewInputs("catalogs")
	for _, ls := range [][]link{r.jurisdictions, r.honors} {
		in.Int(len(ls))
		for _, l := range ls {
			in.String(l.ID).String(l.Name).String(l.Path)
		}
	}
	for _, ws := range [][]schema.EnumValue{r.words.kinds, r.words.outcomes} {
		in.Int(len(ws))
		for _, w := range ws {
			in.String(w.Value).String(w.Title)
		}
	}
	return in.Done()
}
