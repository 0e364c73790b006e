package status

import (
	"cmp"
	"fmt"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/message"

	"github.com/yancheng-jyyw/roll/internal/care"
	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/history"
	"github.com/yancheng-jyyw/roll/internal/ledger"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/roster"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/internal/sheet"
	"github.com/yancheng-jyyw/roll/internal/site"
)

// Link names a record and its page.
type Link struct {
	ID, Name, Path string
}

// statusSite is everything the pages are built from.
type statusSite struct {
	repo     *model.Repo
	schemas  *schema.Set
	findings finding.List
	hist     *history.History
	today    time.Time
	year     int
	info     site.Info

	jnames map[string]string // jurisdiction id -> name
	roster *roster.Roster
	// book is the fund, made when first asked for: the keys of the
	// heroes' pages and Stats.Unpaid may come from the memo (money).
	book   func() *ledger.Book
	unpaid int // Stats.Unpaid

	stats Stats
}

const shallowNotice = "本站构建自浅克隆（shallow clone），更早的提交不在仓库中：部分记录的修改历史不完整或缺失。请以完整历史（fetch-depth: 0）重新构建。"

func newSite(in Input, today time.Time) (*statusSite, error) {
	hist := in.History
	if hist == nil {
		hist = &history.History{}
	}
	repo := in.Repo
	s := &statusSite{
		repo:     repo,
		schemas:  in.Schemas,
		findings: in.Findings,
		hist:     hist,
		today:    today,
		year:     cmp.Or(repo.Site.Year, today.Year()),
		jnames:   map[string]string{},
	}
	s.info = site.Info{
		Title:        cmp.Or(repo.Site.Title, "见义勇为英模名录") + " · 内部工作台",
		Organization: repo.Site.Organization,
		Sample:       repo.Site.Sample,
		Year:         s.year,
		Build: &site.Build{
			Commit:  hist.Head,
			Shallow: hist.Shallow,
			Today:   model.Date(today.Format(time.DateOnly)),
			NoGit:   hist.Head == nil,
		},
	}
	if hist.Shallow {
		s.info.Build.Notice = shallowNotice
	}
	for _, j := range repo.Jurisdictions {
		if !site.SafeName(j.ID) {
			return nil, fmt.Errorf("jurisdiction id %q cannot name a page", j.ID)
		}
		s.jnames[j.ID] = j.Name
	}
	s.roster = roster.New(roster.Input{Repo: repo, Schemas: in.Schemas, History: hist, Year: s.year, Jurisdiction: s.jurisdiction, Photos: in.Photos})
	if h := s.roster.Unnamed(); h != nil {
		return nil, fmt.Errorf("hero id %q cannot name a page", h.ID)
	}
	s.book = sync.OnceValue(func() *ledger.Book { return ledger.New(s.ledgerInput()) })
	for _, t := range repo.Tasks {
		if !site.SafeName(t.ID) {
			return nil, fmt.Errorf("task id %q cannot name a page", t.ID)
		}
	}
	return s, nil
}

// ledgerInput is what package ledger reads.
func (s *statusSite) ledgerInput() ledger.Input {
	return ledger.Input{Repo: s.repo, Schemas: s.schemas, Year: s.year, Jurisdiction: s.jurisdiction,
		HeroLink: func(id string, depth int) ledger.Link {
			l := s.heroLink(id, depth)
			return ledger.Link{ID: l.ID, Name: l.Name, Path: l.Path}
		},
		Hero: s.hero}
}

// money gives each hero's record what the fund paid and owes him
// (roster.Input.Fund), and sets s.unpaid: from what memo kept under
// the key of what it is made of, or from the whole fund, which it then
// keeps there. code is the code of roll and the schemas (Options.Inputs).
func (s *statusSite) money(memo *Memo, code site.Key) {
	key := s.moneyKey(code)
	if k := memo.moneyKept(key); k != nil {
		sums := make(map[string][32]byte, len(k.ids))
		for i, id := range k.ids {
			sums[id] = k.sums[i]
		}
		s.roster.Fund = keptSums{sums: sums, book: func(ids []string) *ledger.Book { return ledger.HeroBook(s.ledgerInput(), ids) }}
		s.unpaid = k.unpaid
		memo.keepMoney(k)
		return
	}
	b := s.book()
	s.roster.Fund = roster.Book(b)
	s.unpaid = b.OpenCount()
	if memo == nil || key == (site.Key{}) {
		return
	}
	k := &keptMoney{key: key, unpaid: s.unpaid, ids: b.Moneyed()}
	k.sums = make([]site.Key, len(k.ids))
	for i, id := range k.ids {
		k.sums[i] = b.HeroSum(id, 2)
	}
	memo.keepMoney(k)
}

// moneyKey is the key of what the fund paid and owes each hero: the code
// and schemas that read the records, and every visit, decision, month of
// the ledger and event (the pages a voucher names), by file and bytes;
// the zero Key when one has no known bytes.
func (s *statusSite) moneyKey(code site.Key) site.Key {
	if code == (site.Key{}) {
		return site.Key{}
	}
	in := site.NewInputs("money").Key(code)
	src := func(kind string, n int, at func(i int) model.Source) {
		in.String(kind).Int(n)
		for i := range n {
			src := at(i)
			in.String(src.File).Record(src.Sum)
		}
	}
	r := s.repo
	src("visits", len(r.Visits), func(i int) model.Source { return r.Visits[i].Src })
	src("decisions", len(r.Decisions), func(i int) model.Source { return r.Decisions[i].Src })
	src("events", len(r.Events), func(i int) model.Source { return r.Events[i].Src })
	src("fund", len(r.Fund), func(i int) model.Source { return r.Fund[i].Src })
	for i := range r.Fund {
		in.Int(r.Fund[i].Year).Int(r.Fund[i].Month)
	}
	return in.Done()
}

// keptSums is roster.Money from the sums the memo kept.
type keptSums struct {
	sums map[string][32]byte
	book func(ids []string) *ledger.Book
}

func (k keptSums) HeroSum(id string) [32]byte {
	if sum, ok := k.sums[id]; ok {
		return sum
	}
	return ledger.EmptyHeroSum()
}

func (k keptSums) For(ids []string) *ledger.Book { return k.book(ids) }

// inputs is the key of what every page reads: the settings and catalogs,
// the build date and the commit every footer names.
func (s *statusSite) inputs(caller site.Key) site.Key {
	in := site.NewInputs("internal").Key(caller).Record(s.repo.Site.Src.Sum).
		Record(s.repo.JurisdictionsSrc.Sum).Record(s.repo.HonorsSrc.Sum).
		String(string(s.info.Build.Today)).Bool(s.hist.Shallow)
	if s.hist.Head != nil {
		in.String(s.hist.Head.Hash).String(s.hist.Head.When.String())
	}
	return in.Done()
}

// findingsKey is the key of the findings the quality page lists: each
// one's file, place, severity, rule and message (in English, as
// Finding.String writes it), with one printer for all of them, where
// String matched the language anew for each (0.05 s of a rebuild at
// 100,000 heroes).
func (s *statusSite) findingsKey() site.Key {
	in := site.NewInputs("findings v2").Int(len(s.findings))
	p := message.NewPrinter(message.MatchLanguage("en"))
	for _, f := range s.findings {
		in.String(f.File).Int(f.Pos.Line).Int(f.Pos.Col).Int(int(f.Severity)).
			String(f.Msg.Localize(p)).String(f.Rule).Bool(f.Old)
	}
	return in.Done()
}

// hero is the hero of id; of two with one id, one of them; nil for none.
func (s *statusSite) hero(id string) *model.Hero { return s.roster.Find(id) }

// record returns the history of the file.
func (s *statusSite) record(file string) history.Record { return s.hist.Record(file) }

// jurisdiction returns the name of the jurisdiction id.
func (s *statusSite) jurisdiction(id string) string {
	return cmp.Or(s.jnames[id], id)
}

// localJurisdictions returns the catalog's jurisdictions without the city
// itself: those each_jurisdiction tasks are reported for.
func (s *statusSite) localJurisdictions() []model.Jurisdiction {
	var out []model.Jurisdiction
	for _, j := range s.repo.Jurisdictions {
		if j.ID != "city" {
			out = append(out, j)
		}
	}
	return out
}

// heroLink links a hero's record from a page at depth.
func (s *statusSite) heroLink(id string, depth int) Link {
	l := s.roster.HeroLink(id, depth)
	return Link{ID: l.ID, Name: l.Name, Path: l.Path}
}

// linkTo links h's record from a page at the site's root: heroLink(h.ID,
// 0) for a hero as the roster gives him, without looking him up.
func (s *statusSite) linkTo(h *model.Hero) Link {
	l := roster.LinkTo(h, 0)
	return Link{ID: l.ID, Name: l.Name, Path: l.Path}
}

func up(depth int) string { return strings.Repeat("../", depth) }

// heroPages are the pages that list heroes, with their keys, and the
// records' part of the fields key: what the site makes of every record
// before the findings of roll check are known (Prepared).
type heroPages struct {
	lists   *heroLists
	records site.Key // every record's fields (recordsKey)
	// uninsured, pending and stations are the keys of what the
	// attention pages list.
	uninsured, pending, stations site.Key
	list                         []site.Page // heroes.html and heroes.xlsx
	blocks                       []site.Page // the heroes' records
}

// heroPages lists the pages that list heroes and keys every record, with
// memo as pages has it: what needs no findings, made every build from
// every hero.
func (s *statusSite) heroPages(memo *Memo) (*heroPages, error) {
	// The lists of the attention pages are gathered in the roster's one
	// pass over every hero.
	lists := &heroLists{}
	listKey, blocks, err := s.roster.Pages(func(h *model.Hero) { s.listHero(lists, h) })
	if err != nil {
		return nil, err
	}
	lists.sort()
	hp := &heroPages{lists: lists, blocks: blocks}
	s.stats.Pending = len(hp.lists.pending)
	s.stats.Uninsured = len(hp.lists.uninsured)
	s.stats.Unpaid = s.unpaid
	hp.records = s.recordsKey(memo)
	hp.uninsured = s.heroesKey("uninsured", hp.lists.uninsured)
	pendingHeroes := make([]*model.Hero, len(hp.lists.pending))
	for i, p := range hp.lists.pending {
		pendingHeroes[i] = p.h
	}
	hp.pending = s.heroesKey("pending", pendingHeroes)
	hp.stations = s.stationsKey()
	// The list of every hero is built only when its key changed, once for
	// its page and its workbook, which render one after the other, and
	// let go after both: at 100,000 heroes it is ~80 MB that the rest of
	// the site need not hold.
	list := lent(2, s.roster.List)
	f := site.Frame{Title: "人员名录", Section: "heroes", Export: "heroes.xlsx"}
	framedKey := framed(listKey, f)
	hp.list = append(hp.list, site.Page{Path: "heroes.html", Template: "heroes.html", Inputs: framedKey,
		Frame: func() (site.Frame, error) { f := f; f.Data = list(); return f, nil }})
	hp.list = append(hp.list, workbook{file: "heroes.xlsx", key: framedKey, tables: func() []*sheet.Table { return rosterTables(list()) }}.page())
	return hp, nil
}

// pages lists every page with the key of its inputs, from the pages hp
// that list heroes and the findings s now has; inputs is the key of what
// every page reads (Site.Inputs), memo what the build before left (nil
// for nothing).
func (s *statusSite) pages(inputs site.Key, hp *heroPages, memo *Memo) ([]site.Page, error) {
	lists := hp.lists
	s.stats.Findings = s.findingRows()
	// The rows of the attention pages are made when one of them, or a
	// page counting across the archive, renders.
	att := sync.OnceValue(func() *Attention { return s.attention(lists) })
	findings := s.findingsKey()
	fields := fieldsKey(hp.records, findings)
	pages, err := s.countingPages(countingKey(inputs, fields), fields, att, memo)
	if err != nil {
		return nil, err
	}
	// page adds a page showing what key names (see keys.go), its data
	// made by data.
	page := func(path, tmpl string, key site.Key, f site.Frame, data func() any) {
		pages = append(pages, site.Page{Path: path, Template: tmpl, Inputs: framed(key, f),
			Frame: func() (site.Frame, error) { f := f; f.Data = data(); return f, nil }})
	}
	var books []workbook
	book := func(file string, key site.Key, tables func() []*sheet.Table) {
		books = append(books, workbook{file: file, key: key, tables: tables})
	}
	for _, p := range []struct {
		file, title, nav, export string
		key                      site.Key // of what of att the page shows
		tables                   func() []*sheet.Table
	}{
		{"insurance.html", fmt.Sprintf("%d年综合保险缺口", s.year), "insurance", "insurance.xlsx", hp.uninsured, func() []*sheet.Table { return insuranceTables(att(), s.year) }},
		{"pending.html", "待确认人员", "pending", "pending.xlsx", hp.pending, func() []*sheet.Table { return pendingTables(att()) }},
		{"stations.html", "基层工作站", "stations", "stations.xlsx", hp.stations, func() []*sheet.Table { return stationTables(att()) }},
		{"quality.html", "数据质量", "quality", "", findings, nil},
	} {
		f := site.Frame{Title: p.title, Section: p.nav, Export: p.export}
		page(p.file, p.file, p.key, f, func() any { return att() })
		if p.tables != nil {
			book(p.export, framed(p.key, f), p.tables)
		}
	}
	pages = append(pages, hp.list...)
	pages = append(pages, hp.blocks...)
	for _, wb := range books {
		pages = append(pages, wb.page())
	}
	return pages, nil
}

// careInput is what package care needs to lay out the visits.
func (s *statusSite) careInput() care.Input {
	return care.Input{
		Repo: s.repo, Schemas: s.schemas, Year: s.year, History: s.hist, Jurisdiction: s.jurisdiction,
		HeroLink: func(id string) care.Link {
			l := s.heroLink(id, 1)
			return care.Link{ID: l.ID, Name: l.Name, Path: l.Path}
		},
	}
}

// daysBetween counts whole days from a to b.
func daysBetween(a, b time.Time) int {
	a = time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	b = time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(b.Sub(a).Hours() / 24)
}

// lent returns a function that gives n callers the value make makes,
// making it once for them and letting it go when the n-th has it; a
// caller after that has it made again. Unlike sync.OnceValue it does not
// hold the value for as long as the function is held.
func lent[T any](n int, make func() T) func() T {
	var (
		mu   sync.Mutex
		v    T
		left int // callers still to be given v; 0: v is not made
	)
	return func() T {
		mu.Lock()
		defer mu.Unlock()
		if left == 0 {
			v, left = make(), n
		}
		out := v
		if left--; left == 0 {
			var zero T
			v = zero
		}
		return out
	}
}
