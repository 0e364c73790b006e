package synth

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/yancheng-jyyw/roll/internal/idcard"
)

// hero is a generated person before it is written as a record.
type hero struct {
	seq      int // generation order: breaks ties between equal dates
	id       string
	pl       int // index in places
	name     string
	surname  string
	male     bool
	birth    time.Time
	age      int // at the deed
	job      job
	migrant  bool
	status   string
	sc       *scenario
	deedDate time.Time
	place    string
	river    string
	victim   string
	summary  string
	group    int // > 0: the heroes with this number share a case
	caseID   string
	outcome  string
	grade    int
	confDate time.Time // zero unless confirmed
	confDoc  string
	martyr   string // "date doc", or ""
	honors   []award
	hardship bool
	insured  []int
	consent  bool
	anon     bool
	guardian bool
	photo    int // 0: no photo; else 1 + its index among the photos (portrait.go)
	idNumber string
	phone    string
	address  string
	kin      string

	withdrawn time.Time // when a withdrawn hero was withdrawn
	final     []byte    // the record as it ends
	earlier   []byte    // the record as first registered (pending), or nil
}

type award struct {
	honor      string
	year       int
	posthumous bool
	note       string
}

var (
	kindWeights = []weighted[string]{{"rescue", 50}, {"stop_crime", 30}, {"disaster_relief", 10}, {"other", 10}}
	outcomes    = map[string][]weighted[string]{
		"rescue":          {{"unharmed", 52}, {"injured", 30}, {"disabled", 5}, {"deceased", 10}, {"missing", 3}},
		"stop_crime":      {{"unharmed", 45}, {"injured", 42}, {"disabled", 8}, {"deceased", 5}},
		"disaster_relief": {{"unharmed", 55}, {"injured", 33}, {"disabled", 4}, {"deceased", 6}, {"missing", 2}},
		"other":           {{"unharmed", 70}, {"injured", 25}, {"disabled", 3}, {"deceased", 2}},
	}
	// placeWeights follow the jurisdictions' populations, roughly.
	placeWeights = []int{8, 8, 7, 11, 7, 9, 9, 9, 5, 3, 3}
)

// heroes generates opts.Heroes heroes, orders them by deed date, numbers them
// and writes their records.
func (g *generator) heroes() {
	byKind := map[string][]*scenario{}
	for i := range scenarios {
		byKind[scenarios[i].kind] = append(byKind[scenarios[i].kind], &scenarios[i])
	}
	pw := make([]weighted[int], len(places))
	for i := range places {
		pw[i] = weighted[int]{i, placeWeights[i]}
	}
	yw := make([]weighted[int], 5)
	for i := range yw {
		yw[i] = weighted[int]{g.first() + i, 16 + 2*i}
	}
	group := 0
	for len(g.heroList) < g.opts.Heroes {
		size := 1
		if g.r.chance(0.04) {
			size = min(g.r.between(2, 3), g.opts.Heroes-len(g.heroList))
		}
		if size > 1 {
			group++
		}
		lead := g.newHero(choose(g.r, pw), choose(g.r, yw), byKind, nil, size > 1)
		if size > 1 {
			lead.group = group
		}
		g.heroList = append(g.heroList, lead)
		for range size - 1 {
			h := g.newHero(lead.pl, lead.deedDate.Year(), byKind, lead, true)
			h.group = group
			g.heroList = append(g.heroList, h)
		}
	}
	for i, h := range g.heroList {
		h.seq = i
	}
	slices.SortStableFunc(g.heroList, func(a, b *hero) int { return a.deedDate.Compare(b.deedDate) })
	seqs := map[int]int{}  // deed year -> last hero number
	cases := map[int]int{} // deed year -> last case number
	caseOf := map[int]string{}
	docs := map[[2]int]int{} // jurisdiction, year -> last document number
	for _, h := range g.heroList {
		y := h.deedDate.Year()
		seqs[y]++
		h.id = fmt.Sprintf("H-%d-%04d", y, seqs[y])
		if h.group > 0 {
			if caseOf[h.group] == "" {
				cases[y]++
				caseOf[h.group] = fmt.Sprintf("C-%d-%04d", y, cases[y])
			}
			h.caseID = caseOf[h.group]
		}
		if !h.confDate.IsZero() {
			k := [2]int{h.pl, h.confDate.Year()}
			docs[k]++
			h.confDoc = fmt.Sprintf("%s〔%d〕%d号", places[h.pl].docAbb, h.confDate.Year(), docs[k])
		}
	}
	// Companions are named once every id is known; narratives come last.
	members := map[int][]*hero{}
	for _, h := range g.heroList {
		if h.group > 0 {
			members[h.group] = append(members[h.group], h)
		}
	}
	// A narrative names a companion only when his name may be published:
	// no hero of that name is off the roll or anonymized (DESIGN §5 rules
	// 6 and 7, and names in others' narratives).
	hidden := map[string]bool{}
	for _, h := range g.heroList {
		if h.anon || !g.published(h) {
			hidden[h.name] = true
		}
	}
	for _, h := range g.heroList {
		companion := ""
		for _, m := range members[h.group] {
			if m != h && companion == "" {
				companion = "同伴"
				if !hidden[m.name] && m.name != h.name {
					companion = m.name
				}
			}
		}
		g.write(h, companion)
	}
}

// published reports whether h is on the public roll at the end of the
// year: confirmed, with consent, and a guardian's too while under 18.
func (g *generator) published(h *hero) bool {
	return h.status == "confirmed" && h.consent && (h.guardian || yearEndAge(h.birth, g.yearEnd()) >= 18)
}

// newHero draws a person and, unless they share the deed of lead, a deed in
// year y.
func (g *generator) newHero(pl, y int, byKind map[string][]*scenario, lead *hero, group bool) *hero {
	r := g.r
	h := &hero{pl: pl}
	if lead != nil {
		h.sc, h.deedDate = lead.sc, lead.deedDate
	} else {
		h.sc = pick(r, byKind[choose(r, kindWeights)])
		h.deedDate = g.day(y)
	}
	h.male = r.chance(map[string]float64{"rescue": 0.78, "stop_crime": 0.86, "disaster_relief": 0.8, "other": 0.7}[h.sc.kind])
	switch {
	case r.chance(0.03):
		h.age = r.between(13, 17)
		h.job = pick(r, youthJobs)
	case r.chance(0.08):
		h.age = r.between(20, 50)
		h.migrant = true
		h.job = pick(r, migrantJobs)
	default:
		h.age = 18 + r.IntN(30) + r.IntN(28)
		h.job = pick(r, jobs)
	}
	if !h.male && h.job.campaign == "province-good-driver" {
		h.job = job{"个体户", ""}
	}
	h.surname = pick(r, surnames)
	h.name = h.surname + g.given(h.male)
	by := y - h.age
	h.birth = g.day(by)
	pl0 := places[pl]
	town := pick(r, pl0.towns)
	h.river = pick(r, pl0.waters)
	switch h.sc.setting {
	case "water":
		h.place = pl0.short + town + h.river
	case "road":
		h.place = pl0.short + town + pick(r, roadNames)
	case "site":
		h.place = pl0.short + town + pick(r, sites)
	default:
		h.place = pl0.short + town + pick(r, villageNames) + "村"
	}
	h.victim = pick(r, h.sc.victims)
	h.summary = summarize(pick(r, h.sc.summary), h.victim, h.river)
	if lead != nil {
		h.place, h.river, h.victim, h.summary = lead.place, lead.river, lead.victim, lead.summary
	}

	ow := outcomes[h.sc.kind]
	for {
		h.outcome = choose(r, ow)
		if h.outcome != "missing" || h.sc.missing {
			break
		}
	}
	if h.outcome == "disabled" {
		h.grade = choose(r, []weighted[int]{{1, 1}, {2, 1}, {3, 2}, {4, 3}, {5, 4}, {6, 5}, {7, 6}, {8, 6}, {9, 5}, {10, 4}})
	}
	// Status: most are confirmed some weeks after the deed; recent ones wait.
	conf := h.deedDate.AddDate(0, 0, r.between(12, 120))
	switch {
	case r.chance(0.03) && h.outcome != "deceased" && !group:
		h.status = "withdrawn"
		h.withdrawn = minDate(h.deedDate.AddDate(0, 0, r.between(30, 200)), g.yearEnd())
	case r.chance(0.09) || conf.After(g.yearEnd()):
		h.status = "pending"
	default:
		h.status = "confirmed"
		h.confDate = conf
	}
	h.hardship = r.chance(0.06) || (h.outcome == "disabled" || h.outcome == "deceased" || h.outcome == "missing") && r.chance(0.3)
	if h.status == "confirmed" {
		g.honor(h)
	}
	switch h.status {
	case "confirmed":
		h.consent = r.chance(0.88)
		h.anon = r.chance(0.07)
	case "pending":
		h.consent = r.chance(0.7)
	}
	if yearEndAge(h.birth, g.yearEnd()) < 18 {
		h.guardian = r.chance(0.85)
	}
	g.private(h)
	return h
}

func yearEndAge(birth, day time.Time) int {
	age := day.Year() - birth.Year()
	if day.Month() < birth.Month() || day.Month() == birth.Month() && day.Day() < birth.Day() {
		age--
	}
	return age
}

// given draws a given name.
func (g *generator) given(male bool) string {
	if male {
		return pick(g.r, maleGiven)
	}
	return pick(g.r, femaleGiven)
}

// summarize fills a summary template; the result is at most 60 characters.
func summarize(tmpl, victim, river string) string {
	short := victim
	for _, p := range []string{"一名", "一位", "一对", "一户", "一家"} {
		short = strings.TrimPrefix(short, p)
	}
	return strings.NewReplacer("{受害短}", short, "{河}", river).Replace(tmpl)
}

// honor awards titles to a confirmed hero, in realistic proportions.
func (g *generator) honor(h *hero) {
	r := g.r
	died := h.outcome == "deceased"
	cy := h.confDate.Year()
	later := func() int { // the year of a commendation meeting
		if cy < g.opts.Year && r.chance(0.5) {
			return cy + 1
		}
		return cy
	}
	add := func(id string, year int) {
		h.honors = append(h.honors, award{honor: id, year: year, posthumous: died, note: honorNote(r, id, year, died)})
	}
	switch {
	case died:
		if h.sc.kind != "other" && r.chance(0.35) {
			md := h.confDate.AddDate(0, 0, r.between(30, 240))
			if !md.After(g.yearEnd()) {
				h.martyr = fmt.Sprintf("%s 苏政复〔%d〕%d号", md.Format(time.DateOnly), md.Year(), r.between(20, 160))
			}
		}
		y := later()
		add("city-model", y)
		switch {
		case r.chance(0.08):
			add("province-hero", y)
		case r.chance(0.3):
			add("province-model", y)
		}
	case h.outcome == "missing":
		if r.chance(0.5) {
			add("city-advanced", later())
		}
	case h.outcome == "disabled":
		y := later()
		add(pick(r, []string{"city-model", "city-model", "city-advanced"}), y)
		if r.chance(0.2) {
			add("province-advanced", y)
		}
	default:
		switch x := r.Float64(); {
		case x < 0.25:
			add("city-quarterly", cy)
		case x < 0.35:
			add("city-good-citizen", later())
		case x < 0.43:
			add("city-advanced", later())
		case x < 0.46:
			add("city-model", later())
		case x < 0.48:
			add("province-advanced", later())
		case x < 0.49:
			add("province-model", later())
		}
		if h.job.campaign != "" && r.chance(0.15) {
			add(h.job.campaign, later())
		}
	}
	if len(h.honors) == 0 || died || h.outcome == "missing" {
		return
	}
	first := h.honors[0].year
	for _, a := range h.honors {
		first = min(first, a.year)
	}
	for y := first; y <= g.opts.Year; y++ {
		if y == g.opts.Year && r.chance(0.08) {
			break // not yet insured this year: a warning of roll check
		}
		h.insured = append(h.insured, y)
	}
}

// honorNote says on which occasion a title was awarded.
func honorNote(r *rng, id string, year int, died bool) string {
	verb := "授予"
	if died {
		verb = "追授"
	}
	switch id {
	case "city-model", "city-advanced":
		return fmt.Sprintf("第%s次全市见义勇为模范、先进个人表彰大会", chineseNumber(max(1, 7+(year-2017)/2)))
	case "city-quarterly":
		return fmt.Sprintf("%d年第%s季度见义勇为表彰", year, chineseNumber(r.between(1, 4)))
	case "city-good-citizen":
		return fmt.Sprintf("%d年度“盐城见义勇为好市民”评选", year)
	case "province-hero", "province-model":
		return "江苏省人民政府" + verb
	case "province-advanced":
		return "江苏省见义勇为基金会" + verb
	case "province-good-driver":
		return fmt.Sprintf("第%s届“江苏十大见义勇为好司机”", chineseNumber(max(1, year-2012)))
	case "province-sanitation":
		return fmt.Sprintf("第%s届“江苏最美见义勇为环卫工（送报工、送奶工）”", chineseNumber(max(1, year-2016)))
	case "province-new-citizen":
		return fmt.Sprintf("%d年度“江苏见义勇为新市民”", year)
	}
	return ""
}

// private draws the ID number, phone, address and next of kin.
func (g *generator) private(h *hero) {
	r := g.r
	pl := places[h.pl]
	area := pl.area
	if h.migrant {
		area = pick(r, outsideAreas)
	}
	seq := r.IntN(50)*2 + 1 // odd for men
	if !h.male {
		seq--
	}
	first17 := fmt.Sprintf("%s%s%02d%d", area, h.birth.Format("20060102"), r.IntN(100), seq%10)
	h.idNumber = first17 + string(idcard.CheckDigit(first17))
	h.phone = fmt.Sprintf("1380000%04d", r.IntN(10000))
	town := strings.TrimPrefix(h.place, pl.short)
	for _, t := range pl.towns {
		if strings.HasPrefix(town, t) {
			town = t
		}
	}
	if r.chance(0.5) {
		h.address = fmt.Sprintf("%s%s%s村%s组%d号", pl.short, town, pick(r, villageNames), chineseNumber(r.between(1, 12)), r.between(1, 60))
	} else {
		h.address = fmt.Sprintf("%s%s%s%d号%d幢%d室", pl.short, town, pick(r, roadNames), r.between(1, 300), r.between(1, 30), r.between(1, 6)*100+r.between(1, 4))
	}
	kin := pick(r, kinTerms)
	ks := h.surname
	if kin == "配偶" || kin == "母亲" {
		ks = pick(r, surnames)
	}
	h.kin = fmt.Sprintf("%s某（%s）1380000%04d", ks, kin, r.IntN(10000))
}

// write renders the hero's record as it ends and, when it was first
// registered as pending, as it began.
func (g *generator) write(h *hero, companion string) {
	r := g.r
	pl := places[h.pl]
	ref := h.name
	if h.anon {
		ref = "该同志"
	}
	pronoun := "他"
	if !h.male {
		pronoun = "她"
	}
	s := story{sc: h.sc, date: h.deedDate, place: h.place, river: h.river, victim: h.victim, ref: ref, pronoun: pronoun,
		job: h.job.name, age: h.age, outcome: h.outcome, status: h.status, hardship: h.hardship,
		police: pl.police, county: pl.name, companion: companion}
	paras := compose(r, s)
	for h.anon && strings.Contains(strings.Join(paras, ""), h.name) {
		// The narrative of an anonymized hero must not contain the name
		// (DESIGN §5, rule 6), and a place or companion happened to: the
		// hero gets another given name.
		h.name = h.surname + g.given(h.male)
	}
	body := strings.Join(paras, "\n\n") + "\n"
	if n := g.opts.Portraits; n > 0 && h.seq%n == 0 {
		h.photo = 1 + h.seq/n
	}
	h.final = h.render(body)
	if h.status != "pending" {
		s.status = "pending"
		early := *h
		early.status, early.confDate, early.martyr, early.honors, early.insured = "pending", time.Time{}, "", nil, nil
		paras[len(paras)-1] = fillClosing(r, s)
		h.earlier = early.render(strings.Join(paras, "\n\n") + "\n")
	}
	file := fmt.Sprintf("records/heroes/%s/%s.md", pl.id, h.id)
	g.add(file, h.final)
	if h.photo > 0 {
		g.add(strings.TrimSuffix(file, ".md")+".jpg", h.portrait())
	}
	registered := minDate(h.deedDate.AddDate(0, 0, r.between(1, 10)), g.yearEnd())
	switch h.status {
	case "pending":
		g.repo.changes = append(g.repo.changes, change{date: registered, verb: "add", id: h.id, label: h.label(), jur: h.pl, file: File{file, h.final}})
	default:
		g.repo.changes = append(g.repo.changes, change{date: registered, verb: "add", id: h.id, label: h.label(), jur: h.pl, file: File{file, h.earlier}})
		verb, when := "confirm", h.confDate
		if h.status == "withdrawn" {
			verb, when = "withdraw", h.withdrawn
		}
		if when.Before(registered) {
			when = registered
		}
		g.repo.changes = append(g.repo.changes, change{date: when, verb: verb, id: h.id, label: h.label(), jur: h.pl, file: File{file, h.final}})
	}
}

// label names the hero in a commit message, as the public would see them.
func (h *hero) label() string {
	if h.anon {
		return h.surname + "某某"
	}
	return h.name
}

// render writes the record: YAML front matter in the order of DESIGN §3,
// then the narrative.
func (h *hero) render(body string) []byte {
	var b strings.Builder
	b.Grow(1024 + len(body))
	gender := "female"
	if h.male {
		gender = "male"
	}
	fmt.Fprintf(&b, "---\nid: %s\nname: %s\ngender: %s\nbirth_year: %d\njurisdiction: %s\nstatus: %s\n",
		h.id, h.name, gender, h.birth.Year(), places[h.pl].id, h.status)
	fmt.Fprintf(&b, "deed:\n  date: %s\n  place: %s\n  kind: %s\n  summary: %s\n",
		h.deedDate.Format(time.DateOnly), h.place, h.sc.kind, h.summary)
	if h.caseID != "" {
		fmt.Fprintf(&b, "  case: %s\n", h.caseID)
	}
	fmt.Fprintf(&b, "outcome: %s\n", h.outcome)
	if h.grade > 0 {
		fmt.Fprintf(&b, "disability_grade: %d\n", h.grade)
	}
	if h.martyr != "" {
		d, doc, _ := strings.Cut(h.martyr, " ")
		fmt.Fprintf(&b, "martyr:\n  date: %s\n  doc: %s\n", d, doc)
	}
	if !h.confDate.IsZero() {
		fmt.Fprintf(&b, "confirmed:\n  date: %s\n  by: %s\n  doc: %s\n", h.confDate.Format(time.DateOnly), places[h.pl].police, h.confDoc)
	}
	if len(h.honors) == 0 {
		b.WriteString("honors: []\n")
	} else {
		b.WriteString("honors:\n")
		for _, a := range h.honors {
			fmt.Fprintf(&b, "  - honor: %s\n    year: %d\n    posthumous: %t\n    note: %s\n", a.honor, a.year, a.posthumous, a.note)
		}
	}
	ins := make([]string, len(h.insured))
	for i, y := range h.insured {
		ins[i] = fmt.Sprint(y)
	}
	fmt.Fprintf(&b, "hardship: %t\ninsurance: [%s]\n", h.hardship, strings.Join(ins, ", "))
	fmt.Fprintf(&b, "public:\n  consent: %t\n  anonymize: %t\n  guardian_consent: %t\n", h.consent, h.anon, h.guardian)
	if h.photoConsent() {
		b.WriteString("  photo_consent: true\n")
	}
	fmt.Fprintf(&b, "private:\n  id_number: %q\n  phone: %q\n  address: %s\n  next_of_kin: %s\n", h.idNumber, h.phone, h.address, h.kin)
	b.WriteString("---\n")
	b.WriteString(body)
	return []byte(b.String())
}
