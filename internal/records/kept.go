package records

import (
	"crypto/sha256"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/internal/value"
)

// A record taken from the records cache is made of its kept packed value
// without parsing anything, 100,000 times in a rebuild at 100,000
// heroes; what follows makes that cheap.
//
//   - The models are decoded by a codec per model type (value.Codec),
//     compiled once per load: the fields of each struct found by offset
//     in a list sorted by name, where value.DecodeShared went through
//     reflection for every field of every record.
//   - The heroes are decoded once the walk is done, straight into the
//     repo's list (decodeHeroes), not each into memory of its own and
//     then copied.
//   - A record's locator is one small value of a slab each worker holds
//     (slabOf, keptLocator), which makes the rereading locator and the
//     remembered positions' key only when a finding first asks for a
//     position (most records are never asked).
//
// The models' texts are views of the shards' bytes, as they were with
// DecodeShared: a shard is read into memory no one writes afterwards
// (store.readShard, slab.go), which the records keep alive.

// models holds the codecs of the model types, made once per load and
// shared by its workers.
type models struct {
	site          *value.Codec[model.Site]
	jurisdictions *value.Codec[[]model.Jurisdiction]
	honors        *value.Codec[[]model.Honor]
	hero          *value.Codec[model.Hero]
	plan          *value.Codec[model.Plan]
	task          *value.Codec[model.Task]
	visit         *value.Codec[model.Visit]
	station       *value.Codec[model.Station]
	report        *value.Codec[model.Report]
	event         *value.Codec[model.Event]
	team          *value.Codec[model.Team]
	decision      *value.Codec[model.Decision]
	nomination    *value.Codec[model.Nomination]
	vouchers      *value.Codec[[]model.Voucher]
}

func newModels() *models {
	return &models{
		site:          value.NewCodec[model.Site](),
		jurisdictions: value.NewCodec[[]model.Jurisdiction](),
		honors:        value.NewCodec[[]model.Honor](),
		hero:          value.NewCodec[model.Hero](),
		plan:          value.NewCodec[model.Plan](),
		task:          value.NewCodec[model.Task](),
		visit:         value.NewCodec[model.Visit](),
		station:       value.NewCodec[model.Station](),
		report:        value.NewCodec[model.Report](),
		event:         value.NewCodec[model.Event](),
		team:          value.NewCodec[model.Team](),
		decision:      value.NewCodec[model.Decision](),
		nomination:    value.NewCodec[model.Nomination](),
		vouchers:      value.NewCodec[[]model.Voucher](),
	}
}

// slabOf hands out values of T a piece at a time; one worker's, so not
// safe for use by many goroutines at once. A value handed out is zero and
// is never handed out again.
//
// The first piece holds slabPieceLen values, and each next one twice as
// many as the last, up to ~4 MiB, whose memory is advised for huge pages
// (hugeList): at 100,000 records the walk's steps are ~35 MB and the
// locators ~13 MB, a page fault every 4 KiB otherwise. A small load's
// pieces stay small.
type slabOf[T any] struct {
	free []T
	last int // the length of the last piece
}

const (
	slabPieceLen = 256
	slabHuge     = 4 << 20 // the bytes of the largest piece
)

func (s *slabOf[T]) next() *T {
	if len(s.free) == 0 {
		var zero T
		n := max(slabPieceLen, min(2*s.last, slabHuge/max(1, int(unsafe.Sizeof(zero)))))
		s.free, s.last = hugeList[T](n), n
	}
	v := &s.free[0]
	s.free = s.free[1:]
	return v
}

// keptLocator is the locator of a record taken from the records cache:
// the file, its sum and the lines before its YAML, from which the
// locator that reads the file again (locator) and the one that remembers
// (positions.locator) are made when a position is first asked.
type keptLocator struct {
	fsys   fs.FS
	file   string
	kind   schema.Kind
	sum    [sha256.Size]byte
	offset int
	pos    *positions
	once   sync.Once
	loc    model.Locator
}

func (l *keptLocator) get() model.Locator {
	l.once.Do(func() {
		var loc model.Locator = locator(l.fsys, l.file, l.kind, l.sum, l.offset)
		if l.pos != nil {
			loc = l.pos.locator(l.file, l.sum, loc)
		}
		l.loc = loc
	})
	return l.loc
}

func (l *keptLocator) At(path ...string) finding.Pos    { return l.get().At(path...) }
func (l *keptLocator) KeyAt(path ...string) finding.Pos { return l.get().KeyAt(path...) }

// fromValue is what loading the file p of fsys, of the given kind
// (Kind(p)), loaded without a finding before, gives from its entry e:
// its kept value, sum, lines and narrative. The model is decoded from the
// packed value by its codec, and the value kept packed. A value that
// does not decode so is loaded from its file again. With pos, the
// record's locator remembers the positions asked of it (positions). w is
// the worker's: its codecs and slabs.
func fromValue(fsys fs.FS, p string, kind schema.Kind, e storeEntry, w *work, pos *positions) (result, bool) {
	res := result{path: p, kind: kind, sum: e.sum, offset: e.offset}
	if res.kind == "" {
		return res, false
	}
	loc := w.locators.next()
	loc.fsys, loc.file, loc.kind, loc.sum, loc.offset, loc.pos = fsys, p, kind, e.sum, e.offset, pos
	src := model.Source{File: p, Loc: loc, Packed: e.val, Sum: e.sum}
	res.rec = model.Record{Kind: string(res.kind), Src: src, Body: e.body, BodyLine: e.bodyLine}
	m := w.models
	b := e.val // the record's, unchanged from now on: the model's texts share it
	var err error
	switch kind {
	case schema.Hero:
		// Decoded once the walk is done, straight into the repo's list
		// (decodeHeroes), whose size is known then.
		res.keptHero = true
		return res, true
	case schema.Site:
		site := model.Site{Src: src}
		err = m.site.Decode(b, &site)
		res.decode = func(r *model.Repo) { r.Site = site }
	case schema.Jurisdictions:
		var js []model.Jurisdiction
		err = m.jurisdictions.Decode(b, &js)
		res.decode = func(r *model.Repo) { r.JurisdictionsSrc, r.Jurisdictions = src, js }
	case schema.Honors:
		var hs []model.Honor
		err = m.honors.Decode(b, &hs)
		res.decode = func(r *model.Repo) { r.HonorsSrc, r.Honors = src, hs }
	case schema.Plan:
		res.decode, err = decodeKept(m.plan, b, &model.Plan{Src: src}, func(r *model.Repo) *[]model.Plan { return &r.Plans })
	case schema.Task:
		res.decode, err = decodeKept(m.task, b, &model.Task{Src: src}, func(r *model.Repo) *[]model.Task { return &r.Tasks })
	case schema.Visit:
		res.decode, err = decodeKept(m.visit, b, &model.Visit{Src: src}, func(r *model.Repo) *[]model.Visit { return &r.Visits })
	case schema.Station:
		res.decode, err = decodeKept(m.station, b, &model.Station{Src: src}, func(r *model.Repo) *[]model.Station { return &r.Stations })
	case schema.Report:
		res.decode, err = decodeKept(m.report, b, &model.Report{Src: src}, func(r *model.Repo) *[]model.Report { return &r.Reports })
	case schema.Event:
		res.decode, err = decodeKept(m.event, b, &model.Event{Src: src}, func(r *model.Repo) *[]model.Event { return &r.Events })
	case schema.Team:
		res.decode, err = decodeKept(m.team, b, &model.Team{Src: src}, func(r *model.Repo) *[]model.Team { return &r.Teams })
	case schema.Decision:
		res.decode, err = decodeKept(m.decision, b, &model.Decision{Src: src}, func(r *model.Repo) *[]model.Decision { return &r.Decisions })
	case schema.Nomination:
		res.decode, err = decodeKept(m.nomination, b, &model.Nomination{Src: src}, func(r *model.Repo) *[]model.Nomination { return &r.Nominations })
	case schema.Fund:
		fm := model.FundMonth{Src: src}
		fm.Year, _ = strconv.Atoi(path.Base(path.Dir(src.File)))
		fm.Month, _ = strconv.Atoi(strings.TrimSuffix(path.Base(src.File), ".yaml"))
		err = m.vouchers.Decode(b, &fm.Vouchers)
		res.decode = func(r *model.Repo) { r.Fund = append(r.Fund, fm) }
	default:
		return res, false
	}
	if err != nil {
		res.decode = nil
		return res, false
	}
	return res, true
}

// decodeHeroes decodes the heroes that fromValue took from the records
// cache into the list of all heroes, in the order of the steps, where a
// hero loaded from its YAML takes its place too: LoadCached makes the
// repo's list of that memory, so that the 100,000 heroes of a rebuild are
// decoded into the memory they are kept in, not into memory of their own
// and then copied (each fresh byte costs a page fault's share). The
// decoding is spread over the workers. A kept value that does not decode
// (never, but for a damaged cache) is loaded from its file again
// (store.reload); false then, and the list may not be used as it is:
// its heroes are at their places no longer.
func decodeHeroes(steps []*step, heroes []model.Hero, m *models, reload func(st *step)) (inPlace bool) {
	kept := make([]*step, 0, len(heroes))
	k := 0
	for _, st := range steps {
		switch {
		case st.res.keptHero:
			st.res.hero = &heroes[k]
			kept = append(kept, st)
			k++
		case st.res.kind == schema.Hero && st.res.decode != nil:
			k++
		}
	}
	var failed atomic.Bool
	var wg sync.WaitGroup
	n := workers()
	for i := range n {
		part := kept[i*len(kept)/n : (i+1)*len(kept)/n]
		wg.Go(func() {
			for _, st := range part {
				h, rec := st.res.hero, &st.res.rec
				if m.hero.Decode(rec.Src.Packed, h) != nil {
					*h = model.Hero{}
					st.res.hero = nil
					failed.Store(true)
					continue
				}
				h.Src, h.Body, h.BodyLine = rec.Src, rec.Body, rec.BodyLine
				st.res.keptHero = false
			}
		})
	}
	wg.Wait()
	if !failed.Load() {
		return true
	}
	for _, st := range kept {
		if st.res.keptHero {
			reload(st)
		}
	}
	return false
}

// decodeKept decodes b into dst with c; when that worked, the returned
// func appends dst to the list of the repo that field selects.
func decodeKept[T any](c *value.Codec[T], b []byte, dst *T, field func(*model.Repo) *[]T) (func(*model.Repo), error) {
	if err := c.Decode(b, dst); err != nil {
		return nil, err
	}
	return func(r *model.Repo) {
		list := field(r)
		*list = append(*list, *dst)
	}, nil
}
