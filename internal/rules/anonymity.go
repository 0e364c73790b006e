package rules

import (
	"time"
	"unicode/utf8"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/fold"
	"github.com/yancheng-jyyw/roll/internal/model"
)

// Names in published text (DESIGN §5 rules 6 and 7; issue 18).
//
// A hero whose full name may not be published is
//
//   - a hero who may not be on the public roll at all: not confirmed,
//     withdrawn, without consent, or a minor without the guardian's
//     consent (withheld; the same decision as public.Publication);
//   - a published hero who asked to be anonymized: the roll shows 张某某.
//
// Such a name must appear in no text that is published: the public values
// and narratives of the heroes on the roll (his own included, when he is
// anonymized; a co-rescuer's narrative that names him), and the public
// values of every record of another kind. Names are compared folded
// (package fold), so an HTML character reference, a zero-width character,
// a line break inside the name or its traditional form does not hide it.
// The build replaces such names as well (public.redactor); this rule is the
// first line of defence, located at the line.

// hiddenName is a hero whose full name may not be published, or one
// whose name may.
type hiddenName struct {
	hero *model.Hero
	why  finding.Message // why he is off the roll; nil when he is anonymized
	// allowed: the hero is on the roll under his name. A hidden name inside
	// a longer allowed one (王海 in 王海燕) is not the hidden hero.
	allowed bool
}

// withheld says why h may not be on the public roll on the day today; nil
// when he may. It is the decision of public.Publication (a test holds them
// together), made here without depending on the package that renders the
// site.
func withheld(h *model.Hero, today time.Time) finding.Message {
	f := factsOf(h)
	return f.withheld(today)
}

// heroFacts are what the names rules read of a hero (hiddenNames): his
// status, his consents, his birth date, whether he is anonymized, his name
// folded. The memo keeps them for each hero (memo.go), so that the names
// are listed without the heroes' models.
type heroFacts struct {
	status                       string
	consent, guardian, anonymize bool
	// The birth date of the ID number (Hero.Age), byear 0 without one;
	// else the birth year alone.
	byear, bmonth, bday, birthYear int
	name                           string // folded; set by hiddenNames
}

// factsOf returns the facts of h, without his name.
func factsOf(h *model.Hero) heroFacts {
	f := heroFacts{status: h.Status, consent: h.Public.Consent, guardian: h.Public.GuardianConsent,
		anonymize: h.Public.Anonymize, birthYear: h.BirthYear}
	if len(h.Private.IDNumber) == 18 {
		if b, err := time.Parse("20060102", h.Private.IDNumber[6:14]); err == nil {
			f.byear, f.bmonth, f.bday = b.Year(), int(b.Month()), b.Day()
		}
	}
	return f
}

// age is Hero.Age from the facts: the age in whole years on day.
func (f *heroFacts) age(day time.Time) int {
	if f.byear == 0 && f.bmonth == 0 {
		return day.Year() - f.birthYear - 1
	}
	age := day.Year() - f.byear
	if m := int(day.Month()); m < f.bmonth || (m == f.bmonth && day.Day() < f.bday) {
		age--
	}
	return age
}

// The reasons withheld gives, made once: a check asks for one for each
// hero who may not be published (a third of the heroes of a rollgen
// archive). A Message is never changed once made.
var (
	whyWithdrawn = finding.Msg("withdrawn")
	whyPending   = finding.Msg("not confirmed")
	whyNoConsent = finding.Msg("no consent to publication")
	whyMinor     = finding.Msg("a minor without the guardian's consent")
)

// withheld is withheld of the hero of f.
func (f *heroFacts) withheld(today time.Time) finding.Message {
	switch f.status {
	case "confirmed":
	case "withdrawn":
		return whyWithdrawn
	case "pending":
		return whyPending
	default:
		return finding.Msg("status %s", f.status)
	}
	if !f.consent {
		return whyNoConsent
	}
	if f.age(today) < 18 && !f.guardian {
		return whyMinor
	}
	return nil
}

// hiddenNames returns, folded, the names that may not be published, and
// the published names that contain one (王海燕 holds 王海: the match inside
// it is not the hidden hero); other published names need not be looked
// for. It returns who each is: words[i] is the name of names.who[i]. The
// heroes' facts are the memo's for the heroes it knows; those of the
// others are left in it for the next check.
func (c *checker) hiddenNames() (names nameDict, words []string) {
	// Made for a few more hidden heroes than a rollgen archive has (a
	// third): grown one by one, the lists are copied again and again, and
	// the map made again as large.
	n := len(c.repo.Heroes) * 2 / 5
	hidden := make(map[string]bool, n)
	names.who = make([]hiddenName, 0, n)
	words = make([]string, 0, n)
	var folder fold.Folder // most names fold to themselves, without a copy
	// The names of the heroes on the roll, folded ("" for the others): a
	// hero's facts are read once.
	published := make([]string, len(c.repo.Heroes))
	c.eachHero(&folder, func(i int, f *heroFacts) {
		why := f.withheld(c.today)
		if why == nil && !f.anonymize {
			published[i] = f.name
			return
		}
		if fold.Addable(f.name) {
			names.who = append(names.who, hiddenName{hero: &c.repo.Heroes[i], why: why})
			names.hidden++
			hidden[f.name] = true
			words = append(words, f.name)
		}
	})
	if len(hidden) == 0 {
		return names, words // no published name holds one
	}
	for i, name := range published {
		if holdsHidden(name, hidden) && fold.Addable(name) {
			names.who = append(names.who, hiddenName{hero: &c.repo.Heroes[i], allowed: true})
			words = append(words, name)
		}
	}
	return names, words
}

// eachHero calls fn with the facts of each hero in turn, his name folded:
// the memo's when it knows his record, else made from his model and noted
// in the memo for the next check.
func (c *checker) eachHero(folder *fold.Folder, fn func(i int, f *heroFacts)) {
	var f heroFacts
	for i := range c.repo.Heroes {
		r := int32(-1)
		if c.memo != nil {
			r = c.heroRec[i]
		}
		if r >= 0 {
			e, fresh := &c.memo.next[r], c.memo.learned(int(r))
			if e.old >= 0 && c.memo.heroFacts(int(e.old), &f) || fresh != nil && fresh.facts != nil && readFacts(fresh.facts, &f) {
				fn(i, &f)
				continue
			}
		}
		h := &c.repo.Heroes[i]
		f = factsOf(h)
		f.name = folder.String(h.Name)
		if r >= 0 && c.memo.keyed(int(r)) {
			c.memo.freshOf(int(r)).facts = f.append(nil)
		}
		fn(i, &f)
	}
}

// holdsHidden reports whether a part of name shorter than name is in
// hidden.
func holdsHidden(name string, hidden map[string]bool) bool {
	for i := range name { // each character's start
		n := 0 // characters in name[i:j]
		for j := i; j < len(name); {
			_, size := utf8.DecodeRuneInString(name[j:])
			j += size
			if n++; n >= 2 && j-i < len(name) && hidden[name[i:j]] {
				return true
			}
		}
	}
	return false
}

// indexHeroes finds the hero of each record and the record of each hero:
// the heroes are listed in the order of their records, so one pass pairs
// them; a repository built otherwise (by hand) is mapped by file.
func (c *checker) indexHeroes() {
	recs := c.repo.Records
	c.recHero = make([]int32, len(recs))
	c.heroRec = make([]int32, len(c.repo.Heroes))
	for i := range c.heroRec {
		c.heroRec[i] = -1
	}
	k := 0
	inOrder := true
	for i := range recs {
		c.recHero[i] = -1
		if recs[i].Kind != "hero" {
			continue
		}
		if k < len(c.repo.Heroes) && c.repo.Heroes[k].Src.File == recs[i].Src.File {
			c.recHero[i], c.heroRec[k] = int32(k), int32(i)
			k++
			continue
		}
		inOrder = false
	}
	if inOrder && k == len(c.repo.Heroes) {
		return
	}
	c.recHero = nil
	for i := range c.heroRec {
		c.heroRec[i] = -1
	}
	c.heroByFile = make(map[string]*model.Hero, len(c.repo.Heroes))
	for i := range c.repo.Heroes {
		c.heroByFile[c.repo.Heroes[i].Src.File] = &c.repo.Heroes[i]
	}
}

// heroOf returns the hero whose record is the idx-th of the repository,
// rec; nil for another kind.
func (c *checker) heroOf(rec *model.Record, idx int32) *model.Hero {
	if c.recHero == nil {
		return c.heroByFile[rec.Src.File]
	}
	if h := c.recHero[idx]; h >= 0 {
		return &c.repo.Heroes[h]
	}
	return nil
}

// published reports whether t is published: a hero's text when he is on
// the roll, and any public value of another kind (which kinds publish what
// is the build's to say; here they all count, to be safe).
func (c *checker) published(t *publicText) bool {
	if t.rec.Kind != "hero" {
		return true
	}
	h := c.heroOf(t.rec, t.idx)
	return h != nil && withheld(h, c.today) == nil
}

// names reports the names that may not be published among matches, the
// heroes' names found in the published text t (their Word indexes who).
func (c *checker) names(t *publicText, ft *foldedText, matches []fold.Match, who []hiddenName, report reporter) {
	owner := c.heroOf(t.rec, t.idx)
	if owner != nil && t.name {
		return // the hero's own name field: the build anonymizes it
	}
	// A hero on the roll under his name is named in his own text: a
	// hidden name across it (林平 in 王成林平时) is not that person.
	own := ""
	if owner != nil && !owner.Public.Anonymize {
		own = fold.String(owner.Name)
	}
	// The names of heroes on the roll found: a hidden name inside one is
	// not the hidden hero (inLongerName).
	var buf [4]fold.Match
	allowed := buf[:0]
	for _, m := range matches {
		if who[m.Word].allowed {
			allowed = append(allowed, m)
		}
	}
	// Whether a name found is passed over depends on where it is alone,
	// and a common name is found once for each hero of that name, one
	// after another: the last decision is kept.
	last, lastSkip := fold.Match{Start: -1}, false
	for _, m := range matches {
		n := who[m.Word]
		if n.allowed {
			continue
		}
		if m.Start != last.Start || m.End != last.End {
			last = m
			lastSkip = inLongerName(m, allowed) || fold.PlaceAfter(ft.S[m.End:]) || fold.Straddles(ft.S, own, m.Start, m.End)
		}
		if lastSkip {
			continue
		}
		h := n.hero
		if owner != h && own != "" && own == ft.S[m.Start:m.End] {
			continue // another hero of the same name: the text names its own hero
		}
		start, end := ft.Span(m.Start, m.End)
		written := t.value[start:end]
		switch {
		case owner == h:
			// His own text, and he is anonymized (else it would not be
			// published).
			if t.narrative() {
				report(t, start, "name "+h.ID, finding.Error, "anonymize",
					finding.Msg("the hero is anonymized but the narrative contains the full name %s", h.Name))
			} else {
				report(t, start, "name "+h.ID, finding.Error, "anonymize",
					finding.Msg("the hero is anonymized but %s contains the full name %s", c.where(t), h.Name))
			}
		case n.why == nil:
			report(t, start, "name "+h.ID, finding.Error, "anonymize",
				finding.Msg("%s names %s (%s), who is anonymized on the public roll; write the surname and 某某 instead", c.where(t), written, h.ID))
		default:
			report(t, start, "name "+h.ID, finding.Error, "anonymize",
				finding.Msg("%s names %s (%s), who may not be published (%s); write the surname and 某某 instead, or leave the name out", c.where(t), written, h.ID, n.why))
		}
	}
}

// inLongerName reports whether m lies inside a longer name of a hero on
// the roll found in the same text (allowed): 王海 in 王海燕.
func inLongerName(m fold.Match, allowed []fold.Match) bool {
	for _, a := range allowed {
		if a.Start <= m.Start && a.End >= m.End && a.End-a.Start > m.End-m.Start {
			return true
		}
	}
	return false
}

// nameDict says who each name of the dictionary is, and how many may not
// be published.
type nameDict struct {
	who    []hiddenName
	hidden int
}

// reporter adds a finding about a match at start of a text, once per
// place and what.
type reporter func(t *publicText, start int, what string, sev finding.Severity, rule string, msg finding.Message)
