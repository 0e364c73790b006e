package schema

import (
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/message"

	"github.com/yancheng-jyyw/roll/internal/finding"
)

// Message keys of this package; package l10n holds their Chinese forms.
const (
	// titledKey labels a path with its title. The English format leaves the
	// title out (%.0 prints none of it); the Chinese one prints "path（title）".
	titledKey = "%[1]s%.0[2]s"
	orKey     = "%s or %s"
	// formatKey is kind.Format's message without the error detail, for
	// formats whose errors are not localizable.
	formatKey = "%s is not valid %s"
)

// The messages a clerk reads for a value of the wrong kind: each says what
// is wrong in words and how to write it, never with the schema's pattern
// or the names of JSON types. Package l10n holds their Chinese forms
// (hints.go).
const (
	emptyQuotesKey = "the quotes are empty, nothing is filled in: %s"
	emptyValueKey  = "nothing is written after the colon: %s"

	patternKey     = "%s is not written as expected: %s"
	patternBareKey = "%s is not written as expected"

	notBoolKey       = "%s is not true or false: write true for yes and false for no, without quotes"
	textNotIntKey    = "%s is text, not a whole number: write the digits alone, without quotes or units"
	textNotNumberKey = "%s is text, not a number: write the digits alone, without quotes or units"
	notIntKey        = "%s is not a whole number"
	numberNotTextKey = "%[1]s is a number, but text is expected here: put it in double quotes, \"%[1]s\""
	boolNotTextKey   = "%s is true or false, but text is expected here: if it is text, put it in double quotes"
	notListKey       = "a list is expected here: write [%s], or one item a line below, each starting with \"- \""
	notObjectKey     = "the fields that belong here are written on the lines below, indented by two more spaces, not as %s"

	enumWordKey  = "write the value %[2]s rather than the word %[1]s"
	enumOtherKey = "%s is not one of the values; write one of: %s"

	extraNearKey = "there is no field %s here; did you mean %s?"
	extraKey     = "there is no field %s here: delete the line, or correct the name as the template writes it"

	duplicateItemsKey = "items %d and %d are the same"
	addAboveKey       = "%s: add it above this line"

	// What to write, for an empty value.
	expectBool   = "write true or false, without quotes"
	expectInt    = "write a whole number, digits only"
	expectNumber = "write a number, digits only"
	expectDate   = "write a date as year-month-day, like 2020-03-14"
	expectEnum   = "write one of: %s"
	expectText   = "write the text it asks for"
	expectList   = "write a list"
	expectObject = "write the fields that belong here on the lines below, indented by two more spaces"
)

// violationMsg is the message of a Violation: the dotted path, labelled with
// its title in Chinese, then what is wrong with the value and how to write
// it.
type violationMsg struct {
	path     string // "deed.date"; "" at the root of the record
	title    string // the title of the property at path
	kind     jsonschema.ErrorKind
	keyTitle string // for a missing property: its title

	at     *node // the schema at path, for its hint, enum and types
	got    any   // the value at path, when the violation is about a value
	hasGot bool
	near   string // for an extra property: the known key it most likely meant
	before bool   // for a missing property: it goes above the line reported
}

func (m violationMsg) Localize(p *message.Printer) string {
	text := m.describe(p)
	if m.keyTitle != "" {
		text = p.Sprintf(titledKey, text, m.keyTitle)
	}
	if m.before {
		text = p.Sprintf(addAboveKey, text)
	}
	if m.path == "" {
		return text
	}
	label := m.path
	if m.title != "" {
		label = p.Sprintf(titledKey, m.path, m.title)
	}
	return label + ": " + text
}

// describe says what is wrong, in the printer's language.
func (m violationMsg) describe(p *message.Printer) string {
	if m.hasGot {
		switch m.kind.(type) {
		case *kind.Type, *kind.Pattern, *kind.MinLength, *kind.Format, *kind.Enum:
			if m.got == nil {
				return p.Sprintf(emptyValueKey, m.expect(p))
			}
			if s, ok := m.got.(string); ok && strings.TrimSpace(s) == "" {
				return p.Sprintf(emptyQuotesKey, m.expect(p))
			}
		}
	}
	switch k := m.kind.(type) {
	case *kind.Type:
		if text := m.wrongType(k, p); text != "" {
			return text
		}
	case *kind.Pattern:
		if m.at != nil && m.at.hint != "" {
			return p.Sprintf(patternKey, display(k.Got), m.hint().Localize(p))
		}
		return p.Sprintf(patternBareKey, display(k.Got))
	case *kind.Not:
		// A value the property refuses (a repository's address for the
		// site's contact): its hint says what it takes instead.
		if m.at != nil && m.at.hint != "" && m.hasGot {
			return p.Sprintf(patternKey, display(m.got), m.hint().Localize(p))
		}
	case *kind.Enum:
		if s, ok := k.Got.(string); ok && m.at != nil {
			for _, v := range m.at.enum {
				if m.at.word(v) == s && s != v {
					return p.Sprintf(enumWordKey, display(s), v)
				}
			}
		}
		if m.at != nil && len(m.at.enum) > 0 {
			return p.Sprintf(enumOtherKey, display(k.Got), m.enumList().Localize(p))
		}
	case *kind.AdditionalProperties:
		name := display(k.Properties[0])
		if m.near != "" {
			near := m.near
			if t := titleOf(m.at.property(m.near)); t != "" {
				near = p.Sprintf(titledKey, m.near, t)
			}
			return p.Sprintf(extraNearKey, name, near)
		}
		return p.Sprintf(extraKey, name)
	case *kind.UniqueItems:
		return p.Sprintf(duplicateItemsKey, k.Duplicates[0]+1, k.Duplicates[1]+1)
	}
	return localizeKind(m.kind, p)
}

// wrongType says why a value has the wrong type and how to write it; ""
// when no plainer words fit than the validator's.
func (m violationMsg) wrongType(k *kind.Type, p *message.Printer) string {
	want := func(t string) bool { return slices.Contains(k.Want, t) }
	switch got := m.got.(type) {
	case string:
		switch {
		case want("boolean"):
			return p.Sprintf(notBoolKey, display(got))
		case want("integer"):
			return p.Sprintf(textNotIntKey, display(got))
		case want("number"):
			return p.Sprintf(textNotNumberKey, display(got))
		case want("array"):
			return p.Sprintf(notListKey, got)
		case want("object"):
			return p.Sprintf(notObjectKey, display(got))
		}
	case json.Number:
		switch {
		case want("boolean"):
			return p.Sprintf(notBoolKey, got.String())
		case want("integer"):
			return p.Sprintf(notIntKey, got.String())
		case want("string"):
			return p.Sprintf(numberNotTextKey, got.String())
		case want("array"):
			return p.Sprintf(notListKey, got.String())
		case want("object"):
			return p.Sprintf(notObjectKey, got.String())
		}
	case bool:
		switch {
		case want("string"):
			return p.Sprintf(boolNotTextKey, strconv.FormatBool(got))
		case want("array"):
			return p.Sprintf(notListKey, strconv.FormatBool(got))
		case want("object"):
			return p.Sprintf(notObjectKey, strconv.FormatBool(got))
		}
	}
	// Anything else, a list or indented fields where one value goes, says
	// what was written and what goes here, in words.
	var wanted string
	for i, w := range k.Want {
		if i == 0 {
			wanted = p.Sprintf(typeWords[w])
		} else {
			wanted = p.Sprintf(orKey, wanted, p.Sprintf(typeWords[w]))
		}
	}
	return p.Sprintf(otherTypeKey, p.Sprintf(typeWords[k.Got]), wanted)
}

// otherTypeKey says what kind of value was written and what kind goes
// here, in words of typeWords.
const otherTypeKey = "what is written here is %s, but %s goes here"

// typeWords name the JSON types as a clerk would.
var typeWords = map[string]string{
	"string":  "text",
	"integer": "a whole number",
	"number":  "a number",
	"boolean": "true or false",
	"null":    "nothing",
	"object":  "indented fields",
	"array":   "a list",
}

// expect says what to write where a value is empty: the property's hint,
// the values of its enum, or what its type and format ask for.
func (m violationMsg) expect(p *message.Printer) string {
	n := m.at
	if n == nil {
		return p.Sprintf(expectText)
	}
	switch {
	case n.hint != "":
		return m.hint().Localize(p)
	case len(n.enum) > 0:
		return p.Sprintf(expectEnum, m.enumList().Localize(p))
	case n.format == "date":
		return p.Sprintf(expectDate)
	}
	switch {
	case slices.Contains(n.types, "boolean"):
		return p.Sprintf(expectBool)
	case slices.Contains(n.types, "integer"):
		return p.Sprintf(expectInt)
	case slices.Contains(n.types, "number"):
		return p.Sprintf(expectNumber)
	case slices.Contains(n.types, "array"):
		return p.Sprintf(expectList)
	case slices.Contains(n.types, "object"):
		return p.Sprintf(expectObject)
	}
	return p.Sprintf(expectText)
}

// hint is the property's x-hint in Chinese, x-hint-en in English.
func (m violationMsg) hint() finding.Message {
	return finding.Msg(wordKey, m.at.hintEn, m.at.hint)
}

// enumList lists the values of the property's enum: with their words in
// Chinese ("male 男，female 女"), bare in English ("male, female").
func (m violationMsg) enumList() finding.Message {
	var en, zh strings.Builder
	for i, v := range m.at.enum {
		if i > 0 {
			en.WriteString(", ")
			zh.WriteString("，")
		}
		en.WriteString(v)
		zh.WriteString(v)
		if w := m.at.word(v); w != v {
			zh.WriteString(" " + w)
		}
	}
	return finding.Msg(wordKey, en.String(), zh.String())
}

// nearest returns the key of n's properties that name most likely meant,
// misspelled or in the wrong case: "" when none is close.
func nearest(n *node, name string) string {
	if n == nil {
		return ""
	}
	best, bestD := "", 3
	lower := strings.ToLower(strings.TrimSpace(name))
	for k := range n.props {
		d := distance(lower, k)
		if d < bestD || d == bestD && best != "" && k < best {
			best, bestD = k, d
		}
	}
	if best == "" || bestD > utf8.RuneCountInString(best)/2 {
		return ""
	}
	return best
}

// distance is the Levenshtein distance between a and b, in characters.
func distance(a, b string) int {
	x, y := []rune(a), []rune(b)
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(y)]
}

// valueAt returns the value at path in v.
func valueAt(v any, path []string) (any, bool) {
	for _, seg := range path {
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[seg]; !ok {
				return nil, false
			}
		case []any:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// localizedError is an error of a format that renders itself in the
// printer's language (formatError, dateError).
type localizedError interface {
	error
	LocalizedError(p *message.Printer) string
}

// localizeKind renders an error kind. Most render themselves; those whose
// messages would carry English words into a Chinese message (JSON type
// names, format names and errors) are given translated arguments first.
func localizeKind(ek jsonschema.ErrorKind, p *message.Printer) string {
	switch k := ek.(type) {
	case *kind.Type:
		want := ""
		for i, w := range k.Want {
			if i == 0 {
				want = p.Sprintf(w)
			} else {
				want = p.Sprintf(orKey, want, p.Sprintf(w))
			}
		}
		return (&kind.Type{Got: p.Sprintf(k.Got), Want: []string{want}}).LocalizedString(p)
	case *kind.Format:
		name := p.Sprintf(k.Want)
		if ferr, ok := k.Err.(localizedError); ok {
			return (&kind.Format{Got: k.Got, Want: name, Err: ferr}).LocalizedString(p)
		}
		return p.Sprintf(formatKey, display(k.Got), name)
	case *kind.Pattern:
		// Never the pattern itself: a clerk cannot read it.
		return p.Sprintf(patternBareKey, display(k.Got))

	// The kinds with *big.Rat print them through %v of float64, which the
	// printer groups by thousands ("1,899" for a year). Same keys, plain text.
	case *kind.Minimum:
		return p.Sprintf("minimum: got %v, want %v", ratText(k.Got), ratText(k.Want))
	case *kind.Maximum:
		return p.Sprintf("maximum: got %v, want %v", ratText(k.Got), ratText(k.Want))
	case *kind.ExclusiveMinimum:
		return p.Sprintf("exclusiveMinimum: got %v, want %v", ratText(k.Got), ratText(k.Want))
	case *kind.ExclusiveMaximum:
		return p.Sprintf("exclusiveMaximum: got %v, want %v", ratText(k.Got), ratText(k.Want))
	case *kind.MultipleOf:
		return p.Sprintf("multipleOf: got %v, want %v", ratText(k.Got), ratText(k.Want))
	}
	return ek.LocalizedString(p)
}

// ratText writes a number as decimal text, without grouping.
func ratText(r *big.Rat) string {
	if r == nil {
		return ""
	}
	if r.IsInt() {
		return r.Num().String()
	}
	f, _ := r.Float64()
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// display writes a value as the kind package does: strings quoted.
func display(v any) string {
	if s, ok := v.(string); ok {
		return "'" + strings.ReplaceAll(s, "'", `\'`) + "'"
	}
	return fmt.Sprint(v)
}
