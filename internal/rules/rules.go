// Package rules checks what the schemas cannot: the rules between records of
// DESIGN §5, items 1–8 (file names and folders, references, the order of
// dates, ID numbers, status, anonymity, minors, and the warnings about
// insurance and visits) in this file; rule 10, no private data in public
// text, in privacy.go, with the names that may not be published in
// anonymity.go; rule 11, the fund, in money.go; rule 12, the counties'
// reports, with the references of events and teams in report.go;
// decisions and nominations in commendation.go; the heroes' portraits
// against their records in portrait.go.
//
// Check takes a model already validated against the schemas, so each rule may
// rely on the types and enums; it reports every finding, never only the first.
//
// The package is larger than 600 lines on purpose: every rule reads the same
// repository through one checker, its indexes and its list of findings, so
// the rules are split by area into files rather than into packages.
package rules

import (
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/idcard"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/schema"
)

// NarrativePlaceholder is a phrase of the narrative that `roll new` writes
// for a hero to replace: a narrative that still holds it is an error, so
// the template's words never reach the public site.
const NarrativePlaceholder = "请把这两段换成事迹正文"

// Options are the settings of a check.
type Options struct {
	// Today is the date nothing may lie after, and the day minors' ages are
	// counted on (--today; the build date).
	Today time.Time
	// Schemas give the words for the values of enums in messages (see
	// schema.Set.Word), and say which values of a record are public and
	// which private (rule 10, privacy.go). Without them, messages show the
	// values and rule 10 looks at the narratives alone.
	Schemas *schema.Set
	// Memo, when set, remembers rule 10's work on each record from one
	// check to the next (memo.go): it is read, and filled for the next
	// check. It needs the schemas; without them it is not used.
	Memo *Memo
}

// checker carries one run's state: the repository, the options and the list.
type checker struct {
	repo    *model.Repo
	today   time.Time
	schemas *schema.Set
	memo    *Memo // nil without one, or without the schemas
	list    finding.List

	// Rule 10's dictionary holds only the words that may occur in the
	// texts it scans when it scans fewer than one record in fewScanned
	// (privacy); 0 always.
	fewScanned int

	heroes *heroIDs // the first hero of each id, filled by ids
	ix     *index   // of the other kinds, built on first use (index.go)
	// The hero of each record (-1 for another kind) and the record of
	// each hero, by their indexes (indexHeroes); when the heroes are not
	// in their records' order, heroByFile instead.
	recHero, heroRec []int32
	heroByFile       map[string]*model.Hero
	// trustHeroes: the memo's heroKey is this check's, so a hero it
	// remembers clean is passed over (heroRules).
	trustHeroes bool
}

// Check applies every rule to repo and returns the findings, unsorted.
func Check(repo *model.Repo, opts Options) finding.List { return check(repo, opts, fewScanned) }

// check is Check, with rule 10's dictionary of the scanned texts' words
// when fewer than one record in few is scanned (0: always).
func check(repo *model.Repo, opts Options, few int) finding.List {
	c := &checker{repo: repo, today: opts.Today, schemas: opts.Schemas, fewScanned: few, heroes: newHeroIDs(repo.Heroes)}
	if opts.Schemas != nil {
		c.memo = opts.Memo
	}
	// What both read, made before they start: the heroes of the records,
	// the memo's entries matched with the records.
	c.indexHeroes()
	if c.memo != nil {
		partsKey := c.partsKey()
		c.memo.begin(partsKey, repo.Records)
		key := c.heroKey(partsKey)
		c.trustHeroes = c.memo.entries != nil && key == c.memo.heroKey
		c.memo.nextHero = key
	}
	// Rule 10 reads the repository only, and writes its findings to a
	// list of its own: it runs beside the other rules, which leave a
	// core idle while they go through the records one by one. Its
	// findings take their place in the list after the ledger's, as when
	// it ran in turn.
	private := make(chan finding.List, 1)
	go func() { private <- c.privacy() }()
	c.ids()
	c.catalogs()
	for i := range repo.Heroes {
		c.heroRules(i)
	}
	c.plans()
	for i := range repo.Tasks {
		c.task(&repo.Tasks[i])
	}
	for i := range repo.Visits {
		c.visit(&repo.Visits[i])
		c.beneficiaries(&repo.Visits[i])
	}
	for i := range repo.Stations {
		c.station(&repo.Stations[i])
	}
	c.work()
	c.commendations()
	c.ledger()
	c.list = append(c.list, <-private...)
	c.buildable()
	c.portraits()
	return c.list
}

func (c *checker) errorf(src model.Source, pos finding.Pos, rule, key string, args ...any) {
	c.list.Errorf(src.File, pos, rule, key, args...)
}

func (c *checker) warnf(src model.Source, pos finding.Pos, rule, key string, args ...any) {
	c.list.Warnf(src.File, pos, rule, key, args...)
}

// stem is a file's name without its extension.
func stem(file string) string {
	base := path.Base(file)
	return strings.TrimSuffix(base, path.Ext(base))
}

// stemIs reports whether stem(file) is id, without cleaning the path:
// a check asks it of every record.
func stemIs(file, id string) bool {
	if file == "" || file[len(file)-1] == '/' {
		return stem(file) == id
	}
	base := file[strings.LastIndexByte(file, '/')+1:]
	if i := strings.LastIndexByte(base, '.'); i >= 0 {
		base = base[:i]
	}
	return base == id
}

// folder is the name of the folder a file is in.
func folder(file string) string { return path.Base(path.Dir(file)) }

// ids checks rule 1 for every kind: ids unique, file name equals id. A
// task's file is named by its number (01.yaml for T-2020-01): task checks it.
func (c *checker) ids() {
	// The first hero of each id is in c.heroes, the file of the first
	// record of each other id in seen: the heroes, most records, are
	// mapped once.
	seen := make(map[string]string, len(c.repo.Records)-len(c.repo.Heroes))
	named := func(id string, src model.Source) {
		if !strings.HasPrefix(id, "T-") && !stemIs(src.File, id) { // tasks: see task
			c.errorf(src, src.At("id"), "id", "the id %s does not match the file name %s", id, path.Base(src.File))
		}
	}
	check := func(id string, src model.Source) {
		named(id, src)
		first, dup := seen[id]
		if h, hero := c.heroes.get(id); hero {
			first, dup = h.Src.File, true
		}
		if dup {
			c.errorf(src, src.At("id"), "id", "the id %s is used already by %s", id, first)
			return
		}
		seen[id] = src.File
	}
	for i := range c.repo.Heroes {
		h := &c.repo.Heroes[i]
		named(h.ID, h.Src)
		if first, dup := c.heroes.add(i); dup {
			c.errorf(h.Src, h.Src.At("id"), "id", "the id %s is used already by %s", h.ID, first.Src.File)
		}
	}
	for i := range c.repo.Tasks {
		check(c.repo.Tasks[i].ID, c.repo.Tasks[i].Src)
	}
	for i := range c.repo.Visits {
		check(c.repo.Visits[i].ID, c.repo.Visits[i].Src)
	}
	for i := range c.repo.Stations {
		check(c.repo.Stations[i].ID, c.repo.Stations[i].Src)
	}
	for i := range c.repo.Reports {
		check(c.repo.Reports[i].ID, c.repo.Reports[i].Src)
	}
	for i := range c.repo.Events {
		check(c.repo.Events[i].ID, c.repo.Events[i].Src)
	}
	for i := range c.repo.Teams {
		check(c.repo.Teams[i].ID, c.repo.Teams[i].Src)
	}
	for i := range c.repo.Decisions {
		check(c.repo.Decisions[i].ID, c.repo.Decisions[i].Src)
	}
	for i := range c.repo.Nominations {
		check(c.repo.Nominations[i].ID, c.repo.Nominations[i].Src)
	}
	c.voucherIDs()
}

// catalogs checks that catalog ids are unique.
func (c *checker) catalogs() {
	seen := map[string]bool{}
	for i, j := range c.repo.Jurisdictions {
		if seen[j.ID] {
			src := c.repo.JurisdictionsSrc
			c.errorf(src, src.At(strconv.Itoa(i), "id"), "id", "the jurisdiction %s is listed twice", j.ID)
		}
		seen[j.ID] = true
	}
	seen = map[string]bool{}
	for i, h := range c.repo.Honors {
		if seen[h.ID] {
			src := c.repo.HonorsSrc
			c.errorf(src, src.At(strconv.Itoa(i), "id"), "id", "the honor %s is listed twice", h.ID)
		}
		seen[h.ID] = true
	}
}

// jurisdiction checks a reference to a jurisdiction (rule 2).
func (c *checker) jurisdiction(src model.Source, id string, path ...string) bool {
	if _, ok := c.repo.Jurisdiction(id); !ok {
		c.errorf(src, src.At(path...), "ref", "the jurisdiction %s is not in catalog/jurisdictions.yaml", id)
		return false
	}
	return true
}

// future reports a date after today (rule 3).
func (c *checker) future(src model.Source, d model.Date, path ...string) {
	if !c.today.IsZero() && d.Time().After(c.today) {
		c.errorf(src, src.At(path...), "date", "the date %s is after today (%s)", string(d), c.today.Format(time.DateOnly))
	}
}

// heroRules applies the rules of the i-th hero's own record (hero), unless
// the memo remembers them finding nothing in this very record under this
// check's heroKey, and notes for the next check whether they found
// anything.
func (c *checker) heroRules(i int) {
	r := int32(-1) // the hero's record, with a memo
	if c.memo != nil {
		r = c.heroRec[i]
	}
	// A record the memo knows is kept (begin matched it): only another
	// is asked whether it may be, which reads the record.
	if r >= 0 && c.memo.known(int(r)) {
		if c.trustHeroes && c.memo.flags(int(c.memo.next[r].old))&heroClean != 0 {
			c.memo.next[r].heroClean = true
			c.memo.heroesPassed++
			return
		}
	} else if r >= 0 && !c.memo.keyed(int(r)) {
		r = -1
	}
	before := len(c.list)
	c.hero(&c.repo.Heroes[i])
	if r >= 0 {
		c.memo.next[r].heroClean = len(c.list) == before
	}
}

func (c *checker) hero(h *model.Hero) {
	src := h.Src
	// Rule 1: folder equals jurisdiction; rule 2: it exists.
	if c.jurisdiction(src, h.Jurisdiction, "jurisdiction") && folder(src.File) != h.Jurisdiction {
		c.errorf(src, src.At("jurisdiction"), "id", "the hero is in the folder %s but its jurisdiction is %s", folder(src.File), h.Jurisdiction)
	}
	// Rule 3: dates (the deed's parsed once).
	deed := h.Deed.Date.Time()
	deedYear := deed.Year()
	if y, err := strconv.Atoi(h.ID[2:6]); err == nil && y != deedYear {
		c.errorf(src, src.At("id"), "date", "the id %s has the year %d but the deed was in %d", h.ID, y, deedYear)
	}
	c.future(src, h.Deed.Date, "deed", "date")
	if h.Confirmed != nil {
		c.future(src, h.Confirmed.Date, "confirmed", "date")
		if h.Confirmed.Date.Time().Before(deed) {
			c.errorf(src, src.At("confirmed", "date"), "date", "the confirmation date %s is before the deed date %s", string(h.Confirmed.Date), string(h.Deed.Date))
		}
	}
	if h.Martyr != nil {
		c.future(src, h.Martyr.Date, "martyr", "date")
		if h.Martyr.Date.Time().Before(deed) {
			c.errorf(src, src.At("martyr", "date"), "date", "the martyr rating date %s is before the deed date %s", string(h.Martyr.Date), string(h.Deed.Date))
		}
		if !h.Died() {
			c.errorf(src, src.At("martyr"), "status", "only a hero who died can be rated a martyr, but the outcome is %s", h.Outcome)
		}
	}
	if h.BirthYear > deedYear {
		c.errorf(src, src.At("birth_year"), "date", "the birth year %d is after the deed year %d", h.BirthYear, deedYear)
	}
	// Rule 5: status and outcome.
	if h.Status == "confirmed" && h.Confirmed == nil {
		c.errorf(src, src.KeyAt("status"), "status", "a confirmed hero needs the confirmed block: date, by and doc of the police's confirmation")
	}
	if h.Outcome == "disabled" && h.DisabilityGrade == 0 {
		c.errorf(src, src.KeyAt("outcome"), "status", "the outcome is disabled but disability_grade (1–10) is missing")
	}
	if h.Outcome != "disabled" && h.DisabilityGrade != 0 {
		c.errorf(src, src.KeyAt("disability_grade"), "status", "disability_grade is set but the outcome is %s, not disabled", h.Outcome)
	}
	// Withdrawing says the record was wrong; a confirmed, honored hero who
	// no longer wants to be public keeps status confirmed, consent false.
	if h.Status == "withdrawn" && h.Confirmed != nil && len(h.Honors) > 0 {
		c.warnf(src, src.KeyAt("status"), "status",
			"the hero was confirmed by the police and holds %d titles, yet is withdrawn: withdrawing says the record was wrong and takes the hero out of the counts; if the hero only no longer wants to be public, set status back to confirmed and public.consent to false",
			len(h.Honors))
	}
	if len(h.Honors) > 0 && h.Status == "pending" {
		c.errorf(src, src.KeyAt("honors"), "status", "only a confirmed hero may receive a title; this hero is still pending")
	}
	for i, a := range h.Honors {
		at := strconv.Itoa(i)
		if _, ok := c.repo.Honor(a.Honor); !ok {
			c.errorf(src, src.At("honors", at, "honor"), "ref", "the honor %s is not in catalog/honors.yaml", a.Honor)
		}
		if a.Year < deedYear {
			c.errorf(src, src.At("honors", at, "year"), "date", "the honor year %d is before the deed year %d", a.Year, deedYear)
		}
		if !c.today.IsZero() && a.Year > c.today.Year() {
			c.errorf(src, src.At("honors", at, "year"), "date", "the honor year %d is after this year (%d)", a.Year, c.today.Year())
		}
		if a.Posthumous && !h.Died() {
			c.errorf(src, src.At("honors", at, "posthumous"), "status", "a posthumous honor needs the outcome deceased, but it is %s", h.Outcome)
		}
	}
	c.idNumber(h)
	// The narrative is published with the hero: not the template's words.
	if i := placeholderAt(h.Body); i >= 0 {
		line := h.BodyLine + strings.Count(h.Body[:i], "\n")
		c.errorf(src, finding.Pos{Line: line, Col: 1}, "narrative", "the narrative is still the template's placeholder; write the deed here")
	} else if strings.TrimSpace(h.Body) == "" && h.Status == "confirmed" && h.Public.Consent {
		c.warnf(src, finding.Pos{Line: h.BodyLine, Col: 1}, "narrative", "the hero will be published without a narrative of the deed")
	}
	// Rule 6, an anonymized hero's narrative never names them, is checked
	// with every published text (anonymity.go).
	// Rule 7: minors need their guardian's consent to be published.
	if h.Status == "confirmed" && h.Public.Consent && !h.Public.GuardianConsent && !c.today.IsZero() {
		if age := h.Age(c.today); age < 18 {
			c.warnf(src, src.KeyAt("public", "consent"), "minor",
				"the hero is %d, under 18, and stays off the public site until public.guardian_consent is true", age)
		}
	}
	// Rule 8: city-level or higher honorees are insured each year.
	c.insurance(h)
}

// placeholderAt is strings.Index(body, NarrativePlaceholder). Most bytes
// of a narrative start or continue common characters, and strings.Index
// stops at each that is the placeholder's first; it is looked for at each
// of its rarest byte instead, which IndexByte finds fast: 0xA3, the last
// of 正, 29 bytes in (about one narrative byte in 500; 请's first, one in
// 30).
func placeholderAt(body string) int {
	const rare = 29
	from := 0
	for {
		i := strings.IndexByte(body[from:], NarrativePlaceholder[rare])
		if i < 0 {
			return -1
		}
		if start := from + i - rare; start >= 0 && strings.HasPrefix(body[start:], NarrativePlaceholder) {
			return start
		}
		from += i + 1
	}
}

// idNumber checks rule 4: the ID number agrees with birth_year and gender.
// The check digit itself is the schema's format cn-resident-id.
func (c *checker) idNumber(h *model.Hero) {
	id := h.Private.IDNumber
	if id == "" || !idcard.Valid(id) {
		return
	}
	src := h.Src
	if b, _ := idcard.Birth(id); b.Year() != h.BirthYear {
		c.errorf(src, src.At("private", "id_number"), "idcard", "the ID number gives the birth year %d but birth_year is %d", b.Year(), h.BirthYear)
	}
	if male, _ := idcard.Male(id); male != (h.Gender == "male") {
		want := "female"
		if male {
			want = "male"
		}
		gender := []string{"gender"}
		c.errorf(src, src.At("private", "id_number"), "idcard", "the 17th digit of the ID number gives the gender %s but gender is %s",
			c.word(schema.Hero, gender, want), c.word(schema.Hero, gender, h.Gender))
	}
}

func (c *checker) insurance(h *model.Hero) {
	year := c.repo.Site.Year
	if year == 0 || h.Status != "confirmed" || h.Died() || h.Outcome == "missing" {
		return
	}
	for _, a := range h.Honors {
		honor, ok := c.repo.Honor(a.Honor)
		if !ok || !honor.CityOrAbove() || a.Year > year {
			continue
		}
		for _, y := range h.Insurance {
			if y == year {
				return
			}
		}
		c.warnf(h.Src, h.Src.KeyAt("insurance"), "insurance",
			"the hero holds the title %s but has no comprehensive insurance for %d", honor.Name, year)
		return
	}
}

func (c *checker) plans() {
	years := map[int]bool{}
	for i := range c.repo.Plans {
		p := &c.repo.Plans[i]
		if strconv.Itoa(p.Year) != folder(p.Src.File) {
			c.errorf(p.Src, p.Src.At("year"), "id", "the plan is in the folder %s but its year is %d", folder(p.Src.File), p.Year)
		}
		years[p.Year] = true
		c.future(p.Src, p.Issued, "issued")
		seen := map[int]bool{}
		for j, s := range p.Sections {
			if seen[s.Number] {
				c.errorf(p.Src, p.Src.At("sections", strconv.Itoa(j), "number"), "id", "the section number %d is used twice", s.Number)
			}
			seen[s.Number] = true
		}
	}
}

func (c *checker) plan(year int) *model.Plan {
	for i := range c.repo.Plans {
		if c.repo.Plans[i].Year == year {
			return &c.repo.Plans[i]
		}
	}
	return nil
}

func (c *checker) task(t *model.Task) {
	src := t.Src
	if want := fmt.Sprintf("%02d", t.Number); stem(src.File) != want || !strings.HasSuffix(t.ID, "-"+want) {
		c.errorf(src, src.At("number"), "id", "the task number %d does not match its file name %s and id %s", t.Number, path.Base(src.File), t.ID)
	}
	if y := t.Year(); strconv.Itoa(y) != folder(src.File) {
		c.errorf(src, src.At("id"), "id", "the task %s is in the folder %s of another year", t.ID, folder(src.File))
	}
	p := c.plan(t.Year())
	if p == nil {
		c.errorf(src, src.At("id"), "ref", "there is no plan.yaml for the year %d", t.Year())
	} else {
		found := false
		for _, s := range p.Sections {
			found = found || s.Number == t.Section
		}
		if !found {
			c.errorf(src, src.At("section"), "ref", "the plan of %d has no section %d", t.Year(), t.Section)
		}
	}
	if t.Progress != nil {
		c.errorf(src, src.KeyAt("progress"), "report",
			"progress is retired: a jurisdiction's status on a task is the one its latest report gives (records/reports/); file the statuses as reports and delete progress")
	}
	c.carried(t)
	c.measured(t)
	for i, u := range t.Updates {
		c.future(src, u.Date, "updates", strconv.Itoa(i), "date")
	}
}

func (c *checker) visit(v *model.Visit) {
	src := v.Src
	if strconv.Itoa(v.Date.Year()) != folder(src.File) {
		c.errorf(src, src.At("date"), "id", "the visit is in the folder %s but its date is in %d", folder(src.File), v.Date.Year())
	}
	c.future(src, v.Date, "date")
	c.jurisdiction(src, v.Jurisdiction, "jurisdiction")
	for i, b := range v.Beneficiaries {
		// The position is found only for a finding: most beneficiaries have none.
		at := func() finding.Pos { return src.At("beneficiaries", strconv.Itoa(i), "hero") }
		h, ok := c.heroes.get(b.Hero)
		if !ok {
			if _, broken := c.repo.Broken[b.Hero]; !broken {
				c.errorf(src, at(), "ref", "no hero has the id %s", b.Hero)
			}
			continue
		}
		if h.Status != "confirmed" {
			c.warnf(src, at(), "visit", "the visit is to %s, whose status is %s, not confirmed", b.Hero, c.word(schema.Hero, []string{"status"}, h.Status))
		}
		// A family is visited after the deed, by its own county or by the
		// city: a date or an id copied from another visit shows here.
		if v.Date.Time().Before(h.Deed.Date.Time()) {
			c.errorf(src, at(), "date", "the visit on %s is before the deed of %s on %s: check the date of the visit and the hero's id",
				string(v.Date), b.Hero, string(h.Deed.Date))
		}
		if v.Jurisdiction != "city" && h.Jurisdiction != v.Jurisdiction {
			own, ok := c.repo.Jurisdiction(v.Jurisdiction)
			theirs, known := c.repo.Jurisdiction(h.Jurisdiction)
			if ok && known { // an unknown code is an error of its own
				c.warnf(src, at(), "visit", "the visit is organised by %s (%s), but %s belongs to %s (%s): a county visits its own heroes; if the city organised it, write jurisdiction: city",
					v.Jurisdiction, own.Name, b.Hero, h.Jurisdiction, theirs.Name)
			}
		}
		if r := b.Referral; r != nil {
			at := []string{"beneficiaries", strconv.Itoa(i), "referral", "date"}
			c.future(src, r.Date, at...)
			if r.Date.Time().Before(v.Date.Time()) {
				c.errorf(src, src.At(at...), "date", "the referral on %s is before the visit on %s that found the need", string(r.Date), string(v.Date))
			}
		}
	}
}

// word renders value of the enum at path of kind k in a message: its title
// from the schema in Chinese, the value in English.
func (c *checker) word(k schema.Kind, path []string, value string) finding.Message {
	if c.schemas == nil {
		return finding.Msg("%.0[2]s%[1]s", value, value)
	}
	return c.schemas.Word(k, path, value)
}

func (c *checker) station(s *model.Station) {
	src := s.Src
	if c.jurisdiction(src, s.Jurisdiction, "jurisdiction") && folder(src.File) != s.Jurisdiction {
		c.errorf(src, src.At("jurisdiction"), "id", "the station is in the folder %s but its jurisdiction is %s", folder(src.File), s.Jurisdiction)
	}
	if s.Since != "" {
		c.future(src, s.Since, "since")
	}
	c.demonstration(s)
	for i, a := range s.Assessments {
		if !c.today.IsZero() && a.Year > c.today.Year() {
			c.errorf(src, src.At("assessments", strconv.Itoa(i), "year"), "date", "the assessment year %d is after this year (%d)", a.Year, c.today.Year())
		}
	}
}
