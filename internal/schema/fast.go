package schema

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// A fast is one schema of a kind, compiled a second time into a plain
// tree that only decides whether a record is valid, without building the
// error tree, scopes and big.Rat numbers that jsonschema/v6 builds on its
// way (a third of a cold check's validation was that). It knows only the
// keywords roll's schemas use; a schema with any other keyword has no
// fast form, and its records are validated by jsonschema/v6 alone.
//
// It is held to jsonschema/v6, never trusted on its own: a record it
// calls valid is valid, and any other is validated by jsonschema/v6,
// whose violations are the findings (Set.Validate). Where its answer
// could differ from the library's in the direction that matters (a
// number written with a fraction or an exponent, an enum of numbers), it
// says unsure rather than valid. TestFastAgrees and FuzzFast hold it to
// the library.
type fast struct {
	bool  *bool    // a boolean schema: true or false
	types typeMask // 0: any type

	// objects
	props      map[string]*fast
	additional *fast // nil: any additional property
	required   []string
	names      *fast // propertyNames
	minProps   int
	maxProps   int // -1: none

	// arrays
	items    *fast
	minItems int
	maxItems int // -1: none
	unique   bool

	// strings
	minLen  int
	maxLen  int // -1: none
	pattern *regexp.Regexp
	format  func(any) error

	// numbers: bounds that are integers; a bound that is not makes every
	// number unsure.
	min, max       int64
	hasMin, hasMax bool
	oddBound       bool

	// enum and const: strings, booleans and null only, else oddEnum.
	enum    []any
	hasEnum bool
	oddEnum bool

	not *fast
}

// typeMask is a set of JSON types.
type typeMask uint8

const (
	tNull typeMask = 1 << iota
	tBool
	tObject
	tArray
	tNumber
	tInteger
	tString
)

var typeNames = map[string]typeMask{
	"null": tNull, "boolean": tBool, "object": tObject, "array": tArray,
	"number": tNumber, "integer": tInteger, "string": tString,
}

// verdict is what the fast form says of a value.
type verdict uint8

const (
	invalid verdict = iota
	valid
	unsure // the library decides
)

// draft2020 is the only $schema the fast form reads as jsonschema/v6 does
// by default (Compile sets Draft2020).
const draft2020 = "https://json-schema.org/draft/2020-12/schema"

// compileFast compiles the schema document doc (as jsonschema.UnmarshalJSON
// gives it) with the formats roll registers; nil when it uses a keyword
// the fast form does not know.
func compileFast(doc any, formats []*jsonschema.Format) *fast {
	f, ok := fastNode(doc, formats, true)
	if !ok {
		return nil
	}
	return f
}

// annotations are keywords that assert nothing.
var annotations = map[string]bool{
	"title": true, "description": true, "deprecated": true, "default": true,
	"examples": true, "$comment": true, "readOnly": true, "writeOnly": true,
}

func fastNode(doc any, formats []*jsonschema.Format, root bool) (*fast, bool) {
	if b, ok := doc.(bool); ok {
		return &fast{bool: &b}, true
	}
	m, ok := doc.(map[string]any)
	if !ok {
		return nil, false
	}
	f := &fast{maxProps: -1, maxItems: -1, maxLen: -1}
	for k, v := range m {
		var ok bool
		switch {
		case annotations[k] || strings.HasPrefix(k, "x-"):
			ok = true
		case root && k == "$id":
			ok = true
		case root && k == "$schema":
			ok = v == draft2020
		case k == "type":
			ok = f.setTypes(v)
		case k == "properties":
			var props map[string]any
			if props, ok = v.(map[string]any); ok {
				f.props = make(map[string]*fast, len(props))
				for name, p := range props {
					if f.props[name], ok = fastNode(p, formats, false); !ok {
						break
					}
				}
			}
		case k == "additionalProperties":
			f.additional, ok = fastNode(v, formats, false)
		case k == "propertyNames":
			f.names, ok = fastNode(v, formats, false)
		case k == "items":
			f.items, ok = fastNode(v, formats, false)
		case k == "not":
			f.not, ok = fastNode(v, formats, false)
		case k == "required":
			var list []any
			if list, ok = v.([]any); ok {
				for _, r := range list {
					var s string
					if s, ok = r.(string); !ok {
						break
					}
					f.required = append(f.required, s)
				}
			}
		case k == "minProperties":
			f.minProps, ok = count(v)
		case k == "maxProperties":
			f.maxProps, ok = count(v)
		case k == "minItems":
			f.minItems, ok = count(v)
		case k == "maxItems":
			f.maxItems, ok = count(v)
		case k == "minLength":
			f.minLen, ok = count(v)
		case k == "maxLength":
			f.maxLen, ok = count(v)
		case k == "uniqueItems":
			f.unique, ok = v.(bool)
		case k == "pattern":
			var s string
			if s, ok = v.(string); ok {
				re, err := regexp.Compile(s) // jsonschema/v6's default engine
				f.pattern, ok = re, err == nil
			}
		case k == "format":
			var s string
			if s, ok = v.(string); ok {
				ok = false
				for _, fm := range formats {
					if fm.Name == s {
						f.format, ok = fm.Validate, true
					}
				}
			}
		case k == "minimum":
			ok = f.setBound(v, &f.min, &f.hasMin)
		case k == "maximum":
			ok = f.setBound(v, &f.max, &f.hasMax)
		case k == "enum":
			var list []any
			if list, ok = v.([]any); ok {
				f.hasEnum = true
				for _, e := range list {
					f.addEnum(e)
				}
			}
		case k == "const":
			f.hasEnum, ok = true, true
			f.addEnum(v)
		}
		if !ok {
			return nil, false
		}
	}
	return f, true
}

func (f *fast) setTypes(v any) bool {
	var names []any
	switch v := v.(type) {
	case string:
		names = []any{v}
	case []any:
		names = v
	default:
		return false
	}
	for _, n := range names {
		s, _ := n.(string)
		t, ok := typeNames[s]
		if !ok {
			return false
		}
		f.types |= t
	}
	return true
}

// setBound reads a minimum or maximum; one that is no integer is kept as
// oddBound, which leaves numbers to the library.
func (f *fast) setBound(v any, to *int64, has *bool) bool {
	n, ok := v.(json.Number)
	if !ok {
		return false
	}
	*has = true
	if i, ok := plainInt(string(n)); ok {
		*to = i
	} else {
		f.oddBound = true
	}
	return true
}

func (f *fast) addEnum(v any) {
	switch v.(type) {
	case string, bool, nil:
		f.enum = append(f.enum, v)
	default:
		f.oddEnum = true
	}
}

// count reads a non-negative integer keyword.
func count(v any) (int, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(string(n))
	return i, err == nil && i >= 0
}

// plainInt reads a number written as an optional minus and at most 18
// digits: the numbers whose value strconv and big.Rat read alike and
// that fit an int64.
func plainInt(s string) (int64, bool) {
	d := strings.TrimPrefix(s, "-")
	if len(d) == 0 || len(d) > 18 {
		return 0, false
	}
	for i := range len(d) {
		if d[i] < '0' || d[i] > '9' {
			return 0, false
		}
	}
	i, err := strconv.ParseInt(s, 10, 64)
	return i, err == nil
}

// check decides v against f.
func (f *fast) check(v any) verdict {
	if f.bool != nil {
		if *f.bool {
			return valid
		}
		return invalid
	}
	out := valid
	// and folds a verdict into out: invalid wins, then unsure.
	and := func(w verdict) {
		if w == invalid || out == invalid {
			out = invalid
		} else if w == unsure {
			out = unsure
		}
	}
	var t typeMask
	var num int64
	var isInt bool
	switch x := v.(type) {
	case nil:
		t = tNull
	case bool:
		t = tBool
	case string:
		t = tString
	case map[string]any:
		t = tObject
	case []any:
		t = tArray
	case json.Number:
		t = tNumber
		num, isInt = plainInt(string(x))
	default:
		return unsure
	}
	if f.types != 0 {
		switch {
		case f.types&t != 0:
		case t == tNumber && f.types&tInteger != 0:
			if !isInt {
				return unsure // 1.0 is an integer to the library
			}
		default:
			return invalid
		}
	}
	if f.hasEnum {
		and(f.inEnum(v))
	}
	if f.format != nil && f.format(v) != nil {
		return invalid
	}
	switch x := v.(type) {
	case map[string]any:
		and(f.object(x))
	case []any:
		and(f.array(x))
	case string:
		if f.minLen > 0 || f.maxLen >= 0 {
			n := utf8.RuneCountInString(x)
			if n < f.minLen || f.maxLen >= 0 && n > f.maxLen {
				return invalid
			}
		}
		if f.pattern != nil && !f.pattern.MatchString(x) {
			return invalid
		}
	case json.Number:
		if f.hasMin || f.hasMax {
			switch {
			case !isInt || f.oddBound:
				and(unsure)
			case f.hasMin && num < f.min, f.hasMax && num > f.max:
				return invalid
			}
		}
	}
	if f.not != nil {
		switch f.not.check(v) {
		case valid:
			return invalid
		case unsure:
			and(unsure)
		}
	}
	return out
}

// inEnum says whether v is one of the enum's values.
func (f *fast) inEnum(v any) verdict {
	for _, e := range f.enum {
		if e == v {
			return valid
		}
	}
	if f.oddEnum {
		return unsure
	}
	return invalid
}

func (f *fast) object(obj map[string]any) verdict {
	if len(obj) < f.minProps || f.maxProps >= 0 && len(obj) > f.maxProps {
		return invalid
	}
	for _, r := range f.required {
		if _, ok := obj[r]; !ok {
			return invalid
		}
	}
	out := valid
	for k, val := range obj {
		var w verdict
		if p, ok := f.props[k]; ok {
			w = p.check(val)
		} else if f.additional != nil {
			w = f.additional.check(val)
		} else {
			w = valid
		}
		if w == valid && f.names != nil {
			w = f.names.check(k)
		}
		switch w {
		case invalid:
			return invalid
		case unsure:
			out = unsure
		}
	}
	return out
}

func (f *fast) array(arr []any) verdict {
	if len(arr) < f.minItems || f.maxItems >= 0 && len(arr) > f.maxItems {
		return invalid
	}
	out := valid
	if f.unique && len(arr) > 1 {
		out = uniqueItems(arr)
		if out == invalid {
			return invalid
		}
	}
	if f.items != nil {
		for _, item := range arr {
			switch f.items.check(item) {
			case invalid:
				return invalid
			case unsure:
				out = unsure
			}
		}
	}
	return out
}

// uniqueItems decides uniqueItems for arrays of strings, booleans, null
// and plain integers; others are the library's (its equality of numbers
// is by value, of objects by content).
func uniqueItems(arr []any) verdict {
	type key struct {
		t typeMask
		s string
		n int64
	}
	seen := make(map[key]bool, len(arr))
	for _, item := range arr {
		var k key
		switch x := item.(type) {
		case nil:
			k.t = tNull
		case bool:
			k.t = tBool
			if x {
				k.n = 1
			}
		case string:
			k.t, k.s = tString, x
		case json.Number:
			n, ok := plainInt(string(x))
			if !ok {
				return unsure
			}
			k.t, k.n = tNumber, n
		default:
			return unsure
		}
		if seen[k] {
			return invalid
		}
		seen[k] = true
	}
	return valid
}
