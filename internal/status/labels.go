package status

import (
	"regexp"
	"strconv"

	"github.com/yancheng-jyyw/roll/internal/idcard"
	"github.com/yancheng-jyyw/roll/internal/schema"
)

// enums are the enums of the schemas whose values the pages name, by the
// name the templates give them ({{label "hero" .Status}}). The words are
// the schemas' own (x-enum-titles), the one vocabulary of roll.
var enums = map[string]struct {
	kind schema.Kind
	path []string
}{
	"task":     {schema.Task, []string{"status"}},
	"scope":    {schema.Task, []string{"scope"}},
	"hero":     {schema.Hero, []string{"status"}},
	"outcome":  {schema.Hero, []string{"outcome"}},
	"deed":     {schema.Hero, []string{"deed", "kind"}},
	"gender":   {schema.Hero, []string{"gender"}},
	"occasion": {schema.Visit, []string{"occasion"}},
	"level":    {schema.Honors, []string{"level"}},
}

// notReported is the task board's word for a county with no report yet.
const notReported = "未报"

// occasions is the order of the visit occasions in the schema.
var occasions = []string{
	"spring_festival", "qingming", "mid_autumn", "summer_care", "recuperation",
	"summer_camp", "education_aid", "hospital", "other",
}

// taskStatuses is the order of task statuses on the board.
var taskStatuses = []string{"done", "in_progress", "not_started", "blocked"}

// labeler returns the label function of the pages: the Chinese word for
// value of the enum named kind (see enums), or value itself when the
// schemas give none.
func labeler(set *schema.Set) func(kind, value string) string {
	return func(kind, value string) string {
		if kind == "task" && value == "" {
			return notReported
		}
		e, ok := enums[kind]
		if !ok || set == nil {
			return value
		}
		return set.EnumTitle(e.kind, e.path, value)
	}
}

// yuan renders an amount of whole yuan with digit grouping: 12,000.
func yuan(n int) string {
	s := strconv.Itoa(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}

// hasDigitRun reports whether s holds n ASCII digits in a row: every match
// of numberRun does.
func hasDigitRun(s string, n int) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			if run++; run >= n {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// numberRun is a run of digits long enough to be a phone number (7 or more)
// or an ID number (17 digits and a check character).
var numberRun = regexp.MustCompile(`[0-9]{17}[0-9Xx]|[0-9]{7,}`)

// maskNumbers masks every phone-like or ID-like run of digits in s: an
// 18-character ID number as 3209**********0012, any other run of 7 or more
// digits as a phone, 138****0000. Dates, years and amounts are shorter and
// stay as they are.
func maskNumbers(s string) string {
	if !hasDigitRun(s, 7) {
		return s // the common case, without the regular expression's cost
	}
	return numberRun.ReplaceAllStringFunc(s, func(m string) string {
		if len(m) == 18 {
			return idcard.Mask(m)
		}
		return idcard.MaskPhone(m)
	})
}
