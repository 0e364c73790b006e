package public

import (
	"time"

	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/surname"
)

// Withheld says why a hero is not on the public roll; "" when the hero is.
type Withheld string

const (
	Published         Withheld = ""
	NotConfirmed      Withheld = "not confirmed" // pending: the police have not confirmed the deed
	WithdrawnRecord   Withheld = "withdrawn"     // withdrawn records are never published
	NoConsent         Withheld = "no consent"    // public.consent is not true
	NoGuardianConsent Withheld = "minor without guardian consent"
	UnknownStatus     Withheld = "unknown status"
)

// Publication decides whether h may be on the public roll on the build date
// today (DESIGN §4, §5 rule 7): only a confirmed hero who consented, and
// while under 18 only with a guardian's consent as well. Pending and
// withdrawn heroes never are.
func Publication(h *model.Hero, today time.Time) Withheld {
	switch h.Status {
	case "confirmed":
	case "withdrawn":
		return WithdrawnRecord
	case "pending":
		return NotConfirmed
	default:
		return UnknownStatus
	}
	if !h.Public.Consent {
		return NoConsent
	}
	if !h.Public.GuardianConsent && age(h, today) < 18 {
		return NoGuardianConsent
	}
	return Published
}

// age is h.Age(day), the birth date of an ID number of digits read
// without parsing a time: every hero's publication is decided on every
// build. Anything else is left to h.Age.
func age(h *model.Hero, day time.Time) int {
	id := h.Private.IDNumber
	if len(id) != 18 {
		return h.Age(day)
	}
	n := 0
	for i := 6; i < 14; i++ {
		c := id[i]
		if c < '0' || c > '9' {
			return h.Age(day)
		}
		n = n*10 + int(c-'0')
	}
	y, m, d := n/10000, n/100%100, n%100
	if m < 1 || m > 12 || d < 1 || d > daysIn(m, y) {
		return h.Age(day)
	}
	ty, tm, td := day.Date()
	a := ty - y
	if int(tm) < m || int(tm) == m && td < d {
		a--
	}
	return a
}

// daysIn is the number of days of month m of year y.
func daysIn(m, y int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// publications is the Publication of each hero of repo on the build date
// today, in repo's order: it reads the hero's ID number for the age, and
// the roll and its redaction ask it of every hero.
func publications(repo *model.Repo, today time.Time) []Withheld {
	pub := make([]Withheld, len(repo.Heroes))
	for i := range repo.Heroes {
		pub[i] = Publication(&repo.Heroes[i], today)
	}
	return pub
}

// Surname returns the surname of a Chinese name: a compound surname such as
// 欧阳 when the name starts with one and has a given name after it, else the
// first character (package surname).
func Surname(name string) string {
	sur, _ := surname.Split(name)
	return sur
}

// Anonymize returns the surname followed by 某某: 张某某, 欧阳某某.
func Anonymize(name string) string {
	return Surname(name) + "某某"
}
