// Package model holds the records of the foundation as plain Go structs, one
// type per record kind of DESIGN §3, and the Repo that gathers them.
//
// Values are decoded from YAML only after the record passed its JSON Schema,
// so the types can be strict. Dates are kept as the strings the records wrote
// ("2020-03-14"); Date methods parse them where an order is needed. Every record
// carries its Source, so that rules can point at the line of any field.
//
// The package is larger than 600 lines because it has a type for each of 14
// kinds and what is computed from them; the year's work (reports, periods,
// events, teams), commendations and the fund are in files of their own.
package model

import (
	"strconv"
	"strings"
	"time"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/value"
)

// Date is a calendar date written as YYYY-MM-DD.
type Date string

// Time parses the date; the zero time when it is empty or malformed (the
// schema rejects those before the model is built).
func (d Date) Time() time.Time {
	t, _ := time.Parse(time.DateOnly, string(d))
	return t
}

// Year returns the date's year, 0 when malformed.
func (d Date) Year() int { return d.Time().Year() }

// Zh writes the date the Chinese way, 2020年3月14日; a year and month alone
// (2020-03) as 2020年3月; anything else as it is.
func (d Date) Zh() string {
	if t, err := time.Parse(time.DateOnly, string(d)); err == nil {
		return strconv.Itoa(t.Year()) + "年" + strconv.Itoa(int(t.Month())) + "月" + strconv.Itoa(t.Day()) + "日"
	}
	if t, err := time.Parse("2006-01", string(d)); err == nil {
		return strconv.Itoa(t.Year()) + "年" + strconv.Itoa(int(t.Month())) + "月"
	}
	return strings.TrimSpace(string(d))
}

// Locator finds the position of a value in its file by a JSON-pointer-like
// path of keys and indexes ("deed", "date"), or of the key itself.
type Locator interface {
	At(path ...string) finding.Pos
	KeyAt(path ...string) finding.Pos
}

// Source says where a record came from.
type Source struct {
	File string  // slash path relative to the repository root
	Loc  Locator // positions of its values; nil in records built by hand
	// Raw is the record's front matter or document as a JSON value
	// (map[string]any, []any, string, json.Number, bool, nil), in records
	// built by hand; loaded records keep it Packed. Read it with Value.
	Raw any
	// Packed is the same value in its binary form (value.Append), as a
	// loaded record keeps it: a third of the memory the value takes as
	// maps, decoded again each time Value is called, by the few stages
	// that read it (the projections, rule 10).
	Packed []byte
	// Sum is the SHA-256 of the file's bytes: the identity of the record
	// that pages built from it name among their inputs. Zero in records
	// built by hand, which then are never taken as unchanged.
	Sum [32]byte
}

// Value is the record's front matter or document as a JSON value: Raw
// when it is set, else Packed decoded. The public site is built from its
// projection to the fields a schema marks public. Each call decodes it
// anew: a caller that changes the value changes only its own copy. Its
// strings share Packed's memory (value.ReadShared), which therefore never
// changes once set.
func (s Source) Value() any {
	if s.Raw != nil || s.Packed == nil {
		return s.Raw
	}
	v, err := value.ReadShared(s.Packed)
	if err != nil {
		return nil // not written by value.Append: never in a loaded record
	}
	return v
}

// At is the position of the value at path, or the closest enclosing value
// that exists; line 1 when the record has no locator.
func (s Source) At(path ...string) finding.Pos {
	if s.Loc == nil {
		return finding.Pos{Line: 1, Col: 1}
	}
	return s.Loc.At(path...)
}

// KeyAt is the position of the key of the property at path.
func (s Source) KeyAt(path ...string) finding.Pos {
	if s.Loc == nil {
		return finding.Pos{Line: 1, Col: 1}
	}
	return s.Loc.KeyAt(path...)
}

// Site is records/site.yaml: settings of both sites.
type Site struct {
	Title        string `yaml:"title"`
	Organization string `yaml:"organization"`
	Description  string `yaml:"description"`
	BaseURL      string `yaml:"base_url"`
	Contact      string `yaml:"contact"` // where the public reports a mistake: mailto: or https:
	Sample       bool   `yaml:"sample"`  // the records are invented examples: both sites say so on every page
	Language     string `yaml:"language"`
	Year         int    `yaml:"year"` // the current year of the plan
	CMS          *CMS   `yaml:"cms"`  // the form at /admin/ of the internal site; nil: no form
	Src          Source `yaml:"-"`
}

// CMS says where the form staff edit records with (package cms) saves them.
type CMS struct {
	Repo    string `yaml:"repo"`     // the GitHub repository, owner/name
	Branch  string `yaml:"branch"`   // the branch records are merged into; main when empty
	AuthURL string `yaml:"auth_url"` // the OAuth service of GitHub sign-in; Netlify's when empty
}

// Jurisdiction is one entry of records/catalog/jurisdictions.yaml.
type Jurisdiction struct {
	ID   string `yaml:"id"`   // tinghu, sheyang, …, city
	Name string `yaml:"name"` // 亭湖区
	Kind string `yaml:"kind"` // district | county | county_city | zone | city
}

// Honor is one title of records/catalog/honors.yaml.
type Honor struct {
	ID     string `yaml:"id"`
	Name   string `yaml:"name"`
	Level  string `yaml:"level"` // province | city
	Issuer string `yaml:"issuer"`
}

// CityOrAbove reports whether the honor is at city level or higher: its
// holders are insured each year (plan task 9).
func (h Honor) CityOrAbove() bool { return h.Level == "city" || h.Level == "province" }

// Hero is one person: records/heroes/<jurisdiction>/<id>.md.
type Hero struct {
	ID              string        `yaml:"id"`
	Name            string        `yaml:"name"`
	Gender          string        `yaml:"gender"` // male | female
	BirthYear       int           `yaml:"birth_year"`
	Jurisdiction    string        `yaml:"jurisdiction"`
	Status          string        `yaml:"status"` // pending | confirmed | withdrawn
	Deed            Deed          `yaml:"deed"`
	Outcome         string        `yaml:"outcome"` // unharmed | injured | disabled | deceased | missing
	DisabilityGrade int           `yaml:"disability_grade"`
	Martyr          *Martyr       `yaml:"martyr"`
	Confirmed       *Confirmation `yaml:"confirmed"`
	Honors          []Award       `yaml:"honors"`
	Hardship        bool          `yaml:"hardship"`
	Insurance       []int         `yaml:"insurance"`
	Public          Publication   `yaml:"public"`
	Private         Private       `yaml:"private"`

	Body     string `yaml:"-"` // the Markdown narrative after the front matter
	BodyLine int    `yaml:"-"` // line of the file where Body starts
	Src      Source `yaml:"-"`
}

// Deed is what the hero did.
type Deed struct {
	Date    Date   `yaml:"date"`
	Place   string `yaml:"place"`
	Kind    string `yaml:"kind"` // rescue | stop_crime | disaster_relief | other
	Summary string `yaml:"summary"`
	Case    string `yaml:"case"` // shared by the heroes of one group deed
}

// Martyr is the official rating as 烈士.
type Martyr struct {
	Date Date   `yaml:"date"`
	Doc  string `yaml:"doc"`
}

// Confirmation is the police's 确认 of the deed.
type Confirmation struct {
	Date Date   `yaml:"date"`
	By   string `yaml:"by"`
	Doc  string `yaml:"doc"`
}

// Award is a title awarded to a hero.
type Award struct {
	Honor      string `yaml:"honor"` // an id of catalog/honors.yaml
	Year       int    `yaml:"year"`
	Posthumous bool   `yaml:"posthumous"` // 追授
	Decision   string `yaml:"decision"`   // optional: the id of the decision that awarded it
	Note       string `yaml:"note"`
}

// Publication holds the hero's choices about the public roll.
type Publication struct {
	Consent         bool `yaml:"consent"`
	Anonymize       bool `yaml:"anonymize"`
	GuardianConsent bool `yaml:"guardian_consent"`
	PhotoConsent    bool `yaml:"photo_consent"` // the portrait beside the record may be published
}

// Private holds what is never published.
type Private struct {
	IDNumber  string `yaml:"id_number"`
	Phone     string `yaml:"phone"`
	Address   string `yaml:"address"`
	NextOfKin string `yaml:"next_of_kin"`
}

// Age is the hero's age in whole years on day, counted from the birth date
// in the ID number when there is one. From the birth year alone the birthday
// is taken as not yet come: in the year they turn 18 a hero counts as 17, so
// that an unknown birthday never publishes a minor early.
func (h *Hero) Age(day time.Time) int {
	if len(h.Private.IDNumber) == 18 {
		if b, err := time.Parse("20060102", h.Private.IDNumber[6:14]); err == nil {
			age := day.Year() - b.Year()
			if day.Month() < b.Month() || (day.Month() == b.Month() && day.Day() < b.Day()) {
				age--
			}
			return age
		}
	}
	return day.Year() - h.BirthYear - 1
}

// Died reports whether the hero gave their life.
func (h *Hero) Died() bool { return h.Outcome == "deceased" }

// Priority reports whether the hero's family is among those the plan asks to
// visit: the families of those who died or were disabled, and hardship
// families (plan task 8).
func (h *Hero) Priority() bool {
	return h.Outcome == "deceased" || h.Outcome == "disabled" || h.Hardship
}

// Plan is records/tasks/<year>/plan.yaml.
type Plan struct {
	Year      int        `yaml:"year"`
	Doc       string     `yaml:"doc"`
	Title     string     `yaml:"title"`
	Issued    Date       `yaml:"issued"`
	Reporting *Reporting `yaml:"reporting"` // nil: the counties do not report on this plan
	Closed    Date       `yaml:"closed"`    // "" while the year is open
	Budget    Budget     `yaml:"budget"`    // expense category -> amount
	Sections  []Section  `yaml:"sections"`
	Src       Source     `yaml:"-"`
}

// Section is one numbered part of a plan.
type Section struct {
	Number int    `yaml:"number"`
	Title  string `yaml:"title"`
}

// Task is one key task of a year's plan: records/tasks/<year>/<NN>.yaml.
//
// Progress is retired: a jurisdiction's status on a task is the one its
// latest report gives (see Repo.Progress). It is still read, so that the
// rules can tell a file that has one to move it into reports.
type Task struct {
	ID        string            `yaml:"id"`
	Number    int               `yaml:"number"`
	Section   int               `yaml:"section"`
	Title     string            `yaml:"title"`
	Text      string            `yaml:"text"`
	Lead      string            `yaml:"lead"`
	Due       Date              `yaml:"due"`
	Status    string            `yaml:"status"` // not_started | in_progress | done | blocked
	Scope     string            `yaml:"scope"`  // city | each_jurisdiction
	Progress  map[string]string `yaml:"progress"`
	CarriedTo string            `yaml:"carried_to"` // optional: the task of a later plan it went on as
	Target    *Target           `yaml:"target"`
	Updates   []Update          `yaml:"updates"`
	Src       Source            `yaml:"-"`
}

// Year is the plan year of the task, from its id T-<year>-NN.
func (t *Task) Year() int {
	if len(t.ID) >= 6 {
		y := 0
		for _, c := range t.ID[2:6] {
			if c < '0' || c > '9' {
				return 0
			}
			y = y*10 + int(c-'0')
		}
		return y
	}
	return 0
}

// Target is a measurable goal of a task. What was achieved is either
// counted from the records (Measure, package measure) or typed (Actual).
type Target struct {
	Label string `yaml:"label"`
	Value int    `yaml:"value"`
	// Measure names the figure counted from the records that serve the
	// task: events, participants, new_demonstration_stations, teams,
	// rescue_teams, informant_members, insured_honorees, families_visited
	// or honorees; "" when the figure is typed.
	Measure string `yaml:"measure"`
	// EventKinds, with the measure events or participants, counts only
	// events of these kinds.
	EventKinds []string `yaml:"event_kinds"`
	Actual     *int     `yaml:"actual"` // typed; nil when not written
}

// Update is one progress report on a task.
type Update struct {
	Date   Date   `yaml:"date"`
	By     string `yaml:"by"`
	Status string `yaml:"status"`
	Note   string `yaml:"note"`
}

// Visit is one care or condolence activity: records/visits/<year>/<id>.yaml.
type Visit struct {
	ID            string        `yaml:"id"`
	Date          Date          `yaml:"date"`
	Occasion      string        `yaml:"occasion"`
	Jurisdiction  string        `yaml:"jurisdiction"`
	Visitors      []string      `yaml:"visitors"`
	Beneficiaries []Beneficiary `yaml:"beneficiaries"`
	Note          string        `yaml:"note"`
	Status        string        `yaml:"status"` // "" (active) | withdrawn
	Src           Source        `yaml:"-"`
}

// Beneficiary is a hero's family cared for in a visit.
type Beneficiary struct {
	Hero     string    `yaml:"hero"`
	Amount   int       `yaml:"amount"` // whole yuan
	Needs    []string  `yaml:"needs"`  // found by the 排查: medical | pension | employment | schooling | housing | other
	Referral *Referral `yaml:"referral"`
	Items    string    `yaml:"items"`
}

// Referral is a need passed on to a committee or department to solve (plan
// task 10, 联动机制).
type Referral struct {
	To     string `yaml:"to"`
	Date   Date   `yaml:"date"`
	Status string `yaml:"status"` // open | resolved
	Note   string `yaml:"note"`
}

// Station is a grassroots workstation: records/stations/<jurisdiction>/<id>.yaml.
type Station struct {
	ID            string `yaml:"id"`
	Jurisdiction  string `yaml:"jurisdiction"`
	Name          string `yaml:"name"`
	Demonstration bool   `yaml:"demonstration"`
	// DemonstrationSince is the day it was made a demonstration station
	// (示范工作站验收); "" when not known.
	DemonstrationSince Date         `yaml:"demonstration_since"`
	Since              Date         `yaml:"since"`
	Assessments        []Assessment `yaml:"assessments"`
	Status             string       `yaml:"status"` // "" (active) | withdrawn
	Src                Source       `yaml:"-"`
}

// Assessment is a yearly score of a station.
type Assessment struct {
	Year  int `yaml:"year"`
	Score int `yaml:"score"`
}

// Repo is every record of a repository that loaded without errors, in the
// order of their file paths.
type Repo struct {
	Site          Site
	Jurisdictions []Jurisdiction
	Honors        []Honor
	Plans         []Plan
	Tasks         []Task
	Heroes        []Hero
	Visits        []Visit
	Stations      []Station
	Reports       []Report
	Events        []Event
	Teams         []Team
	Decisions     []Decision
	Nominations   []Nomination
	Fund          []FundMonth
	// Portraits are the heroes' photos beside their records, in the order
	// of their file paths (portrait.go).
	Portraits []Portrait

	JurisdictionsSrc Source // where the catalogs came from, for findings
	HonorsSrc        Source

	// Records is every record above, of whatever kind, in the order of
	// their file paths: what the rules that hold for every kind alike walk
	// (DESIGN §5 rule 10), so that a kind added tomorrow is covered.
	Records []Record

	// Broken maps the ids of records that failed to load to their files, so
	// that references to them are not reported a second time.
	Broken map[string]string

	// Sum identifies every file under records/: a SHA-256 of their paths
	// and of the hashes of their bytes, of any kind, present or future.
	// Pages that sum up the whole archive name it among their inputs. Zero
	// in a repository built by hand.
	Sum [32]byte
}

// Record is a loaded record of any kind: its source, whose Raw value the
// schema's visibility annotations describe, and, for a Markdown record, its
// narrative, which is published with it.
type Record struct {
	Kind     string // the schema's kind: "hero", "visit", …
	Src      Source
	Body     string // the Markdown narrative; "" for a YAML record
	BodyLine int    // line of the file where Body starts
}

// Jurisdiction returns the jurisdiction with id, if any.
func (r *Repo) Jurisdiction(id string) (Jurisdiction, bool) {
	for _, j := range r.Jurisdictions {
		if j.ID == id {
			return j, true
		}
	}
	return Jurisdiction{}, false
}

// Honor returns the honor with id, if any.
func (r *Repo) Honor(id string) (Honor, bool) {
	for _, h := range r.Honors {
		if h.ID == id {
			return h, true
		}
	}
	return Honor{}, false
}

// HeroIndex maps hero ids to their index in Heroes.
func (r *Repo) HeroIndex() map[string]int {
	m := make(map[string]int, len(r.Heroes))
	for i := range r.Heroes {
		m[r.Heroes[i].ID] = i
	}
	return m
}
