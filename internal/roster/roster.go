// Package roster lays out the internal site's records of the heroes: the
// list of every hero with its charts, and the pages that hold the heroes'
// records, one per jurisdiction and block of ids (Path), each hero at an
// anchor #H-2020-0001. What a record shows comes from the record's
// internal projection (schema.Set.ProjectInto); private values reach it
// only through the masking functions of package idcard.
//
// The package is a little larger than 600 lines: beside the pages, the
// index and order of every hero (merged from the runs the records come
// in, compared by keys of the ids) are made on every build of 100,000
// heroes, and kept with the roster that uses them.
package roster

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"html/template"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/yancheng-jyyw/roll/internal/care"
	"github.com/yancheng-jyyw/roll/internal/chart"
	"github.com/yancheng-jyyw/roll/internal/history"
	"github.com/yancheng-jyyw/roll/internal/idcard"
	"github.com/yancheng-jyyw/roll/internal/ledger"
	"github.com/yancheng-jyyw/roll/internal/markdown"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/portrait"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/internal/site"
)

// Input is what the roster is made from.
type Input struct {
	Repo    *model.Repo
	Schemas *schema.Set // for the internal projection of each record
	History *history.History
	Year    int // the current year of the plan: insurance is for it
	// Jurisdiction names a jurisdiction.
	Jurisdiction func(id string) string
	// Photos makes the files of the heroes' portraits; nil shows none.
	Photos *portrait.Files
	// Fund says what the fund paid and owes each hero; nil for nothing.
	Fund Money
}

// Money is what the fund paid and owes the heroes (package ledger).
type Money interface {
	// HeroSum is what a hero's record shows of money, as
	// ledger.Book.HeroSum at the depth of the heroes' pages (2).
	HeroSum(id string) [32]byte
	// For is a book whose Hero of each of ids is that of the whole
	// fund (ledger.HeroBook): a page of a few heroes is made with it.
	For(ids []string) *ledger.Book
}

// Book is a whole ledger.Book as Money.
func Book(b *ledger.Book) Money { return wholeBook{b} }

type wholeBook struct{ b *ledger.Book }

func (w wholeBook) HeroSum(id string) [32]byte { return w.b.HeroSum(id, pageDepth) }
func (w wholeBook) For([]string) *ledger.Book  { return w.b }

// pageDepth is how deep the pages of the heroes' records are:
// heroes/<jurisdiction>/<block>.html.
const pageDepth = 2

// Roster is the heroes of one build.
type Roster struct {
	Input
	// byID is the index in Repo.Heroes of every hero, by id, then by
	// index: of a run of one id, the last is the one Find gives (as a map
	// filled in the records' order would keep). A sorted index, not a
	// map: the records come sorted by file within each jurisdiction, so
	// it is a merge of a few sorted runs, where a map of 100,000 ids was
	// ~0.1 s of every build.
	byID []int32
	// ordered is every hero by jurisdiction in catalog order, then id;
	// of two heroes with one id, the one Find gives, twice.
	ordered []*model.Hero
	unique  bool                       // no two heroes have one id
	unnamed int                        // see Unnamed; -1 for none
	photos  map[string]*model.Portrait // by hero id; empty without Photos
}

// New indexes the heroes of in.Repo. Whether each hero's id and
// jurisdiction can name a page (Unnamed), the ids' keys and each hero's
// place in the order are found in one pass over the heroes: each pass
// over 100,000 heroes is mostly the misses of the cache it takes.
func New(in Input) *Roster {
	s := &Roster{Input: in, photos: map[string]*model.Portrait{}}
	if in.Photos != nil {
		s.photos = in.Repo.PortraitsByHero()
	}
	hs := in.Repo.Heroes
	order := s.catalogOrder()
	keys := make([]idKey, len(hs))
	place := make([]int32, len(hs))
	// The records of one jurisdiction are loaded one after the other:
	// its name is checked and its place looked up when it changes.
	lastJ, lastOrder, safeJ := "", 0, false
	s.unnamed = -1
	for i := range hs {
		h := &hs[i]
		if i == 0 || h.Jurisdiction != lastJ {
			lastJ, lastOrder, safeJ = h.Jurisdiction, order[h.Jurisdiction], site.SafeName(h.Jurisdiction)
		}
		if s.unnamed < 0 && (!safeJ || !site.SafeName(h.ID)) {
			s.unnamed = i
		}
		keys[i] = keyOf(h.ID)
		place[i] = int32(lastOrder)
	}
	s.byID = sortedByID(hs, keys)
	s.unique = true
	for i := 1; i < len(s.byID); i++ {
		a, b := s.byID[i-1], s.byID[i]
		if compareIDs(keys[a], keys[b], hs[a].ID, hs[b].ID) == 0 {
			s.unique = false
			break
		}
	}
	if !s.unique {
		// Of two heroes with one id, both are placed as the one Find
		// gives.
		for i := range hs {
			place[i] = int32(order[s.canonical(i).Jurisdiction])
		}
	}
	s.ordered = s.order(place)
	return s
}

// Unnamed is the first hero, in the records' order, whose id or
// jurisdiction cannot name a page (site.SafeName); nil for none.
func (s *Roster) Unnamed() *model.Hero {
	if s.unnamed < 0 {
		return nil
	}
	return &s.Repo.Heroes[s.unnamed]
}

// catalogOrder is the place of each jurisdiction in the catalog.
func (s *Roster) catalogOrder() map[string]int {
	order := make(map[string]int, len(s.Repo.Jurisdictions))
	for i, j := range s.Repo.Jurisdictions {
		order[j.ID] = i
	}
	return order
}

// order lists every hero by jurisdiction in catalog order, then id. The
// heroes are placed by their jurisdiction's place in the catalog (place,
// by index; a jurisdiction not in it counts as the first), each
// jurisdiction's in the records' order, and only a jurisdiction whose
// ids are then not in order is sorted: records are loaded by file, a
// jurisdiction's heroes one after the other by id, so a build sorts
// nothing.
func (s *Roster) order(place []int32) []*model.Hero {
	in := s.Input
	places := max(len(in.Repo.Jurisdictions), 1)
	n := len(in.Repo.Heroes)
	start := make([]int, places+1) // of each place in ordered
	for _, p := range place {
		start[p+1]++
	}
	for p := 1; p <= places; p++ {
		start[p] += start[p-1]
	}
	ordered := make([]*model.Hero, n)
	next := slices.Clone(start[:places])
	for i := range in.Repo.Heroes {
		p := place[i]
		ordered[next[p]] = s.canonical(i)
		next[p]++
	}
	for p := range places {
		run := ordered[start[p]:start[p+1]]
		if !slices.IsSortedFunc(run, byHeroID) {
			// Of two heroes with one id, both are the one Find gives:
			// the order between them does not matter.
			slices.SortFunc(run, byHeroID)
		}
	}
	return ordered
}

func byHeroID(a, b *model.Hero) int { return strings.Compare(a.ID, b.ID) }

// canonical is the hero at index i of Repo.Heroes as Find gives him: of
// two heroes with one id, the same one twice.
func (s *Roster) canonical(i int) *model.Hero {
	h := &s.Repo.Heroes[i]
	if !s.unique {
		h = s.Find(h.ID)
	}
	return h
}

// sortedByID is the index of every hero in hs, sorted by id, then by
// index: the runs of ids already in order merged, a pair of runs at a
// time (a merge sort that starts from the runs the records come in);
// keys are the keys of the heroes' ids (keyOf), by index. What moves is
// indices, free of pointers (no write barrier while the collector runs),
// and what is compared is mostly the keys, side by side in one array,
// not the ids' bytes wherever the records hold them.
func sortedByID(hs []model.Hero, keys []idKey) []int32 {
	n := len(hs)
	a := make([]int32, n)
	for i := range a {
		a[i] = int32(i)
	}
	bounds := []int{0} // where each run starts, then n
	for i := 1; i < n; i++ {
		if compareIDs(keys[i], keys[i-1], hs[i].ID, hs[i-1].ID) < 0 {
			bounds = append(bounds, i)
		}
	}
	bounds = append(bounds, n)
	if len(bounds) <= 2 {
		return a
	}
	b := make([]int32, n)
	for len(bounds) > 2 {
		next := make([]int, 0, len(bounds)/2+2)
		for r := 0; r+1 < len(bounds); r += 2 {
			lo, mid := bounds[r], bounds[r+1]
			next = append(next, lo)
			if r+2 >= len(bounds) {
				copy(b[lo:mid], a[lo:mid])
				continue
			}
			hi := bounds[r+2]
			mergeIDs(b[lo:hi], a[lo:mid], a[mid:hi], keys, hs)
		}
		bounds = append(next, n)
		a, b = b, a
	}
	return a
}

// mergeIDs merges x and y, indices of hs each sorted by id then index
// and every index of x below every one of y, into out; keys are the
// keys of the heroes' ids.
func mergeIDs(out, x, y []int32, keys []idKey, hs []model.Hero) {
	i, j, k := 0, 0, 0
	for i < len(x) && j < len(y) {
		if a, b := y[j], x[i]; compareIDs(keys[a], keys[b], hs[a].ID, hs[b].ID) < 0 {
			out[k] = a
			j++
		} else {
			out[k] = b
			i++
		}
		k++
	}
	k += copy(out[k:], x[i:])
	copy(out[k:], y[j:])
}

// idKey is an id's first 16 bytes, big-endian, the rest zero: ids of
// up to 16 bytes (H-2020-0001 has 11) compare as their keys do.
type idKey struct{ hi, lo uint64 }

func keyOf(id string) idKey {
	var b [16]byte
	copy(b[:], id)
	return idKey{binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:])}
}

// compareIDs compares ids a and b, whose keys are ka and kb, as
// strings.Compare does: by their keys, and by their bytes only when the
// keys are equal and the ids are not of one length of at most 16 bytes.
func compareIDs(ka, kb idKey, a, b string) int {
	switch {
	case ka.hi != kb.hi:
		return cmp.Compare(ka.hi, kb.hi)
	case ka.lo != kb.lo:
		return cmp.Compare(ka.lo, kb.lo)
	case len(a) == len(b) && len(a) <= 16:
		return 0
	}
	return strings.Compare(a, b)
}

// Each calls f with every hero in the records' order, each as Find gives
// him: of two heroes with one id, the same one twice.
func (s *Roster) Each(f func(h *model.Hero)) {
	for i := range s.Repo.Heroes {
		f(s.canonical(i))
	}
}

// Link names a record and its page.
type Link struct {
	ID, Name, Path string
}

// Find is the hero of id; of two with one id, the one HeroLink links;
// nil for none.
func (s *Roster) Find(id string) *model.Hero {
	hs := s.Repo.Heroes
	// The first hero whose id sorts after id; the one before it, if of
	// id, is the last of its run.
	k := sort.Search(len(s.byID), func(k int) bool { return hs[s.byID[k]].ID > id })
	if k == 0 || hs[s.byID[k-1]].ID != id {
		return nil
	}
	return &hs[s.byID[k-1]]
}

// HeroLink links a hero's record from a page at depth (0 at the site's
// root); a hero the roster does not know has no Path.
func (s *Roster) HeroLink(id string, depth int) Link {
	h := s.Find(id)
	if h == nil {
		return Link{ID: id, Name: id}
	}
	return LinkTo(h, depth)
}

// LinkTo links h's record from a page at depth: HeroLink(h.ID, depth)
// for a hero as Find or Each gives him, without looking him up.
func LinkTo(h *model.Hero, depth int) Link {
	return Link{ID: h.ID, Name: h.Name, Path: strings.Repeat("../", depth) + Path(h) + "#" + h.ID}
}

// blockSize is how many hero numbers of one year share a page of the
// internal site, per jurisdiction: ids are numbered across the city, so a
// page holds a few dozen heroes at any size of archive, and a hero's page
// never changes as others are added.
const blockSize = 300

// Path is the page that holds h's internal record:
// heroes/<jurisdiction>/<year>-<first number of the block>.html.
func Path(h *model.Hero) string {
	if p, ok := fastPath(h); ok {
		return p
	}
	return splitPath(h)
}

// splitPath is Path for any id.
func splitPath(h *model.Hero) string {
	block := "other"
	parts := strings.Split(h.ID, "-")
	if len(parts) == 3 {
		y, err1 := strconv.Atoi(parts[1])
		n, err2 := strconv.Atoi(parts[2])
		if err1 == nil && err2 == nil && y > 0 && n >= 0 {
			block = fmt.Sprintf("%d-%04d", y, n/blockSize*blockSize)
		}
	}
	return "heroes/" + h.Jurisdiction + "/" + block + ".html"
}

// fastPath is Path for an id of the usual form, H-2020-0001: a letter
// part, a year of 1 to 9 digits, a number of 1 to 9; false for any other,
// which Path lays out as it always did. It is asked of every hero on
// every build, without splitting the id or formatting.
func fastPath(h *model.Hero) (string, bool) {
	y, first, ok := fastBlock(h.ID)
	if !ok {
		return "", false
	}
	buf := make([]byte, 0, len("heroes/")+len(h.Jurisdiction)+len("/2020-0000.html")+10)
	buf = append(append(append(buf, "heroes/"...), h.Jurisdiction...), '/')
	buf = strconv.AppendInt(buf, int64(y), 10)
	buf = append(buf, '-')
	for w := 1000; w > 1 && first < w; w /= 10 {
		buf = append(buf, '0')
	}
	buf = strconv.AppendInt(buf, int64(first), 10)
	return string(append(buf, ".html"...)), true
}

// fastBlock is the year and first number of the block of an id of the
// usual form (see fastPath); false for any other.
func fastBlock(id string) (year, first int, ok bool) {
	// The two dashes found in one pass over the id's bytes: a search
	// per dash (strings.IndexByte) costs more on 11 bytes.
	a, b := -1, -1
	for i := 0; i < len(id); i++ {
		if id[i] != '-' {
			continue
		}
		switch {
		case a < 0:
			a = i
		case b < 0:
			b = i
		default:
			return 0, 0, false
		}
	}
	if b < 0 {
		return 0, 0, false
	}
	y, ok1 := digits(id[a+1 : b])
	n, ok2 := digits(id[b+1:])
	if !ok1 || !ok2 || y <= 0 {
		return 0, 0, false
	}
	return y, n / blockSize * blockSize, true
}

// block names the page of h's record as Path does, without laying the
// path out for an id of the usual form: two heroes' pages are one when
// their blocks are equal.
type block struct {
	jurisdiction string
	year, first  int
	other        string // Path, for an id of another form
}

func blockOf(h *model.Hero) block {
	if y, first, ok := fastBlock(h.ID); ok {
		return block{jurisdiction: h.Jurisdiction, year: y, first: first}
	}
	return block{other: splitPath(h)}
}

// digits is the number s writes in 1 to 9 decimal digits.
func digits(s string) (int, bool) {
	if len(s) == 0 || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// HeroList is the page of every hero, with the charts.
type HeroList struct {
	ByJurisdiction *chart.Chart
	ByYear         *chart.Chart
	Rows           []HeroRow
	Counts         []HeroCount // by hero status, in the order confirmed, pending, withdrawn
}

// HeroCount is how many heroes have a status.
type HeroCount struct {
	Status schema.EnumValue
	N      int
}

// HeroRow is one hero in the list.
type HeroRow struct {
	Hero         Link
	Jurisdiction string
	Status       schema.EnumValue
	DeedDate     model.Date
	Outcome      schema.EnumValue
	Priority     string
	Last         *history.Commit
}

// HeroPage is one hero's internal record.
type HeroPage struct {
	// Hero holds the public and internal fields of the record only: it is
	// decoded from the record's internal projection, so the private ones
	// are empty.
	Hero         HeroView
	Jurisdiction string
	Honors       []HonorRow
	Insured      bool // for the current year
	Insurance    string
	Priority     string
	Private      PrivateView
	Visits       []HeroVisit
	Money        *ledger.HeroMoney // nil without a fund
	Narrative    template.HTML
	History      history.Record
	// Photo is the hero's portrait, shown to staff whether or not it is
	// published; PhotoNote says whether the public site shows it.
	Photo     *portrait.Image
	PhotoNote string
	// Person and Care are rows of the record that many records share:
	// the data of {{part}}s, executed once per distinct value.
	Person PersonFacts
	Care   CareFacts
}

// PersonFacts are the rows of a record on the person: gender, year of
// birth, jurisdiction and outcome.
type PersonFacts struct {
	Gender, Outcome schema.EnumValue
	BirthYear       int
	Jurisdiction    string
	Disability      bool // a grade is recorded; never shown
}

// CareFacts are the rows of a record on the foundation's care and on
// publication.
type CareFacts struct {
	Hardship                            bool
	Priority                            string // why the family is visited first; "" for no reason
	Insurance                           string // the years insured, "2019、2020"
	Insured                             bool   // for Year
	Year                                int    // the current year of the plan
	Consent, Anonymize, GuardianConsent bool
}

// HeroView is a hero as the internal site shows it: the fields the record
// page shows, copied from the record's internal projection, and the enums
// among them with the schemas' words. They are fields of its own, not
// promoted from an embedded model.Hero: a template finds a promoted field
// by a slow search on every use.
type HeroView struct {
	ID, Name  string
	BirthYear int
	Status    schema.EnumValue
	Gender    schema.EnumValue
	Outcome   schema.EnumValue
	Deed      DeedView
	Martyr    *model.Martyr
	Confirmed *model.Confirmation
	Hardship  bool
	Public    model.Publication
}

// DeedView is a deed as the internal site shows it.
type DeedView struct {
	Date                 model.Date
	Place, Summary, Case string
	Kind                 schema.EnumValue
}

// HonorRow is a title held, with its catalog entry.
type HonorRow struct {
	Name, Level string
	Year        int
	Posthumous  bool
	Note        string
}

// PrivateView is what the internal site shows of the private fields: the
// ID number and phone masked, the address and next of kin with any number
// in them masked. The disability grade is not shown.
type PrivateView struct {
	IDNumber, Phone, Address, NextOfKin string
	DisabilityGrade                     bool // a grade is recorded
}

// HeroVisit is one visit to the hero's family.
type HeroVisit struct {
	src                                *model.Visit
	VisitID, Occasion, Visitors, Items string
	Date                               model.Date
	Amount                             care.Yuan
	Path                               string
}

// HeroBlock is a page of heroes' internal records: those of one
// jurisdiction whose ids fall in one block (see blockPath).
type HeroBlock struct {
	Jurisdiction string
	Heroes       []*HeroPage
}

// List builds the list of every hero, with the charts.
func (s *Roster) List() *HeroList {
	list := &HeroList{}
	statusN := map[string]int{}
	for _, h := range s.ordered {
		id := h.ID
		statusN[h.Status]++
		list.Rows = append(list.Rows, HeroRow{
			Hero: s.HeroLink(id, 0), Jurisdiction: s.Jurisdiction(h.Jurisdiction), Status: s.word(schema.Hero, h.Status, "status"),
			DeedDate: h.Deed.Date, Outcome: s.word(schema.Hero, h.Outcome, "outcome"), Priority: care.Reasons(s.Schemas, h), Last: s.History.Record(h.Src.File).Last,
		})
	}
	for _, st := range []string{"confirmed", "pending", "withdrawn"} {
		if statusN[st] > 0 {
			list.Counts = append(list.Counts, HeroCount{Status: s.word(schema.Hero, st, "status"), N: statusN[st]})
		}
	}
	list.ByJurisdiction, list.ByYear = s.charts()
	return list
}

// ListKey is the key of what List shows beyond what every page of the
// site reads (the catalogs, the schemas' words): of each hero, in the
// list's order, the fields its row and the charts show and its last
// commit; not its narrative or any field the row does not show, so that
// an edit to those leaves the list as it was. TestKeysCoverWhatPagesShow
// (internal/status) fails when a field the list shows is missing here.
// Pages makes it too, in its pass over the heroes.
func (s *Roster) ListKey() site.Key {
	in := site.NewInputs("hero list").Int(len(s.ordered))
	for _, h := range s.ordered {
		s.listPart(in, h)
	}
	return in.Done()
}

// listPart adds to the list's key what it shows of h.
func (s *Roster) listPart(in *site.Inputs, h *model.Hero) {
	in.String(h.ID).String(h.Name).String(h.Jurisdiction).String(h.Status).
		String(string(h.Deed.Date)).String(h.Outcome).Bool(h.Hardship).
		Commit(s.History.Record(h.Src.File).Last)
}

// heroBlock is a page of heroes' records as Pages gathers it.
type heroBlock struct {
	path string
	hs   []*model.Hero
	in   *site.Inputs // its key, as its heroes are added
}

// Pages lists the pages of heroes' internal records, with the key of what
// each reads, and the key of the list of every hero (ListKey); a page's
// data, the projections and narratives of its heroes, is built only when
// it is rendered. Both keys are made in one pass over the heroes, in the
// roster's order, which calls each (when not nil) with every hero as
// Each gives him: a build that passes over every hero for lists of its
// own does it here rather than in a pass of its own, each pass over
// 100,000 heroes being mostly the misses of the cache it takes.
func (s *Roster) Pages(each func(h *model.Hero)) (site.Key, []site.Page, error) {
	// The rows of the visits are made when a page renders; its key needs
	// only each hero's visits.
	visited := map[string][]*model.Visit{}
	for i := range s.Repo.Visits {
		v := &s.Repo.Visits[i]
		if v.Status == "withdrawn" {
			continue
		}
		for _, b := range v.Beneficiaries {
			visited[b.Hero] = append(visited[b.Hero], v)
		}
	}
	list := site.NewInputs("hero list").Int(len(s.ordered))
	schemas := s.schemasKey()
	byPath := map[string]*heroBlock{}
	var blocks []*heroBlock
	// The heroes of a block come one after the other in the roster's
	// order, but for ids of another form: a run of one block is a part
	// of the order, its path laid out once, and a block is looked up
	// when the run changes, not for every hero.
	var cur *heroBlock
	start, last := 0, block{}
	endRun := func(end int) {
		if cur.hs == nil {
			cur.hs = s.ordered[start:end:end] // an append copies
		} else {
			cur.hs = append(cur.hs, s.ordered[start:end]...)
		}
	}
	for i, h := range s.ordered {
		if each != nil {
			each(h)
		}
		s.listPart(list, h)
		if b := blockOf(h); i == 0 || b != last {
			if i > 0 {
				endRun(i)
			}
			start, last = i, b
			p := Path(h)
			if cur = byPath[p]; cur == nil {
				cur = &heroBlock{path: p, in: site.NewInputs("heroes").Key(schemas)}
				byPath[p] = cur
				blocks = append(blocks, cur)
			}
		}
		in := cur.in
		in.String(h.ID).Record(h.Src.Sum)
		for _, v := range visited[h.ID] {
			in.Record(v.Src.Sum)
		}
		ph := s.photos[h.ID]
		if in.Bool(ph != nil); ph != nil {
			in.Record(ph.Sum).Int(ph.Width).Int(ph.Height)
		}
		if s.Fund != nil {
			in.Record(s.Fund.HeroSum(h.ID))
		}
	}
	if cur != nil {
		endRun(len(s.ordered))
	}
	md := markdown.New()
	pages := make([]site.Page, 0, len(blocks))
	for _, blk := range blocks {
		hs := blk.hs
		pages = append(pages, site.Page{Path: blk.path, Template: "hero.html", Inputs: blk.in.Done(), Frame: func() (site.Frame, error) {
			b := &HeroBlock{Jurisdiction: s.Jurisdiction(hs[0].Jurisdiction)}
			ids := make([]string, len(hs))
			for i, h := range hs {
				ids[i] = h.ID
			}
			// The visits and money of this page's heroes alone: a
			// rebuild renders a page or two of thousands.
			visits := s.heroVisits(ids)
			var fund *ledger.Book
			if s.Fund != nil {
				fund = s.Fund.For(ids)
			}
			for _, h := range hs {
				hp, err := s.Hero(h, visits[h.ID], md)
				if err != nil {
					return site.Frame{}, err
				}
				if fund != nil {
					hp.Money = fund.Hero(h.ID, pageDepth)
				}
				b.Heroes = append(b.Heroes, hp)
			}
			return site.Frame{Title: b.Jurisdiction + " · " + hs[0].ID + " 起", Section: "heroes", Data: b}, nil
		}})
	}
	if len(s.photos) > 0 {
		for _, h := range s.ordered {
			if p := s.photos[h.ID]; p != nil {
				pages = append(pages, s.Photos.Pages(p, h.ID, photoSizes(p)...)...)
			}
		}
	}
	return list.Done(), pages, nil
}

// photoSizes are the sizes of a portrait the internal record shows: the
// page's, and its 2x when the photo has one.
func photoSizes(p *model.Portrait) []portrait.Size {
	var out []portrait.Size
	for _, sz := range portrait.Sizes(p.Width, p.Height) {
		if sz != portrait.Card {
			out = append(out, sz)
		}
	}
	return out
}

// photo is h's portrait as the internal record shows it, with whether
// the public site shows it; nil without one.
func (s *Roster) photo(h *model.Hero) (*portrait.Image, string) {
	p := s.photos[h.ID]
	if p == nil {
		return nil, ""
	}
	im := portrait.Show(p, h.ID, portrait.Page, h.Name+"的照片")
	switch {
	case !h.Public.PhotoConsent:
		return im, "本人未同意公开照片，公开网站不显示"
	case h.Public.Anonymize:
		return im, "匿名展示的人员，公开网站不显示照片"
	}
	return im, "本人已同意公开照片：人员列入公开名录时随之显示"
}

// schemasKey identifies the schemas the projections follow.
func (s *Roster) schemasKey() site.Key {
	if s.Schemas == nil {
		return site.Key{}
	}
	return site.Key(s.Schemas.Sum())
}

// Hero builds one hero's internal record. What it shows of the record
// comes from the internal projection; private values only through the
// masking functions of package idcard.
func (s *Roster) Hero(h *model.Hero, visits []HeroVisit, md *markdown.Renderer) (*HeroPage, error) {
	if s.Schemas == nil {
		return nil, fmt.Errorf("hero %s: no schemas to project it with", h.ID)
	}
	var proj model.Hero
	var err error
	if h.Src.Raw == nil && h.Src.Packed != nil {
		err = s.Schemas.ProjectPacked(schema.Hero, h.Src.Packed, schema.Internal, &proj)
	} else {
		err = s.Schemas.ProjectInto(schema.Hero, h.Src.Value(), schema.Internal, &proj)
	}
	if err != nil {
		return nil, fmt.Errorf("hero %s: %w", h.ID, err)
	}
	view := HeroView{
		ID: proj.ID, Name: proj.Name, BirthYear: proj.BirthYear,
		Status:  s.word(schema.Hero, proj.Status, "status"),
		Gender:  s.word(schema.Hero, proj.Gender, "gender"),
		Outcome: s.word(schema.Hero, proj.Outcome, "outcome"),
		Deed: DeedView{Date: proj.Deed.Date, Place: proj.Deed.Place, Summary: proj.Deed.Summary, Case: proj.Deed.Case,
			Kind: s.word(schema.Hero, proj.Deed.Kind, "deed", "kind")},
		Martyr: proj.Martyr, Confirmed: proj.Confirmed, Hardship: proj.Hardship, Public: proj.Public,
	}
	narrative, err := md.Render(idcard.MaskNumbers(h.Body))
	if err != nil {
		return nil, fmt.Errorf("hero %s: %w", h.ID, err)
	}
	p := &HeroPage{
		Hero: view, Jurisdiction: s.Jurisdiction(proj.Jurisdiction), Priority: care.Reasons(s.Schemas, h),
		Insured: slices.Contains(proj.Insurance, s.Year), Narrative: narrative, History: s.History.Record(h.Src.File),
		Private: PrivateView{
			IDNumber:        idcard.Mask(h.Private.IDNumber),
			Phone:           idcard.MaskPhone(h.Private.Phone),
			Address:         idcard.MaskNumbers(h.Private.Address),
			NextOfKin:       idcard.MaskNumbers(h.Private.NextOfKin),
			DisabilityGrade: h.DisabilityGrade > 0,
		},
		Visits: visits,
	}
	p.Photo, p.PhotoNote = s.photo(h)
	p.Person = PersonFacts{Gender: view.Gender, Outcome: view.Outcome, BirthYear: view.BirthYear,
		Jurisdiction: p.Jurisdiction, Disability: p.Private.DisabilityGrade}
	ys := slices.Clone(proj.Insurance)
	slices.Sort(ys)
	var parts []string
	for _, y := range ys {
		parts = append(parts, strconv.Itoa(y))
	}
	p.Insurance = strings.Join(parts, "、")
	p.Care = CareFacts{Hardship: view.Hardship, Priority: p.Priority, Insurance: p.Insurance, Insured: p.Insured, Year: s.Year,
		Consent: view.Public.Consent, Anonymize: view.Public.Anonymize, GuardianConsent: view.Public.GuardianConsent}
	for _, aw := range proj.Honors {
		hr := HonorRow{Name: aw.Honor, Year: aw.Year, Posthumous: aw.Posthumous, Note: aw.Note}
		if honor, ok := s.Repo.Honor(aw.Honor); ok {
			hr.Name, hr.Level = honor.Name, s.Schemas.EnumTitle(schema.Honors, []string{"level"}, honor.Level)
		}
		p.Honors = append(p.Honors, hr)
	}
	return p, nil
}

// heroVisits lists the visits to the family of each hero of ids, newest
// first, in one pass over the visits.
func (s *Roster) heroVisits(ids []string) map[string][]HeroVisit {
	out := map[string][]HeroVisit{}
	for i := range s.Repo.Visits {
		v := &s.Repo.Visits[i]
		if v.Status == "withdrawn" {
			continue
		}
		for _, b := range v.Beneficiaries {
			if !slices.Contains(ids, b.Hero) {
				continue
			}
			out[b.Hero] = append(out[b.Hero], HeroVisit{
				src: v, VisitID: v.ID, Occasion: s.word(schema.Visit, v.Occasion, "occasion").Zh(), Visitors: strings.Join(v.Visitors, "、"),
				Items: b.Items, Date: v.Date, Amount: care.Yuan(b.Amount),
				Path: fmt.Sprintf("../../care/%d.html#%s", v.Date.Year(), v.ID),
			})
		}
	}
	for _, vs := range out {
		slices.SortStableFunc(vs, func(a, b HeroVisit) int {
			return cmp.Or(cmp.Compare(b.Date, a.Date), cmp.Compare(a.VisitID, b.VisitID))
		})
	}
	return out
}

// charts counts confirmed heroes per jurisdiction (catalog order, the city
// left out when it has none) and per year of the deed.
func (s *Roster) charts() (byJ, byY *chart.Chart) {
	perJ := map[string]int{}
	perY := map[int]int{}
	for _, h := range s.ordered {
		if h.Status != "confirmed" {
			continue
		}
		perJ[h.Jurisdiction]++
		if y := h.Deed.Date.Year(); y > 0 {
			perY[y]++
		}
	}
	var jl []string
	var jv []int
	for _, j := range s.Repo.Jurisdictions {
		if j.ID == "city" && perJ[j.ID] == 0 {
			continue
		}
		jl = append(jl, j.Name)
		jv = append(jv, perJ[j.ID])
	}
	var years []int
	for y := range perY {
		years = append(years, y)
	}
	slices.Sort(years)
	var yl []string
	var yv []int
	if len(years) > 0 {
		for y := years[0]; y <= years[len(years)-1]; y++ {
			yl = append(yl, strconv.Itoa(y)+"年")
			yv = append(yv, perY[y])
		}
	}
	byJ = chart.New("chart-jurisdiction", "各县（市、区）已确认的见义勇为人员", "已确认人员数，按辖区", jl, jv)
	byY = chart.New("chart-year", "各年度已确认的见义勇为人员", "已确认人员数，按事迹年份", yl, yv)
	return byJ, byY
}
