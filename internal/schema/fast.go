package schema

import (
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/yancheng-jyyw/roll/internal/value"
)

// A fast is one schema of a kind, compiled a second time into a plain
// tree that only decides whether a record is valid, without building the
// error tree, scopes and big.Rat numbers that jsonschema/v6 builds on its
// way (a third of a cold check's validation was that). It knows only the
// keywords roll's schemas use; a schema with any other keyword has no
// fast form, and its records are validated by jsonschema/v6 alone.
//
// It reads a value in value's binary form, as the loader reads a record's
// YAML into it and keeps it (Set.ValidatePacked), so that a valid
// record's maps and lists are never made.
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

// valid says whether f finds the value whose binary form is the whole of
// b valid.
func (f *fast) valid(b []byte) bool {
	w, rest := f.check(b)
	return w == valid && len(rest) == 0
}

// check decides the value whose binary form (value.Append's) b starts
// with against f, and returns what follows the value in b. The value's
// maps and lists are not made: the record's packed value, as the loader
// keeps it, is read as it is. When the verdict is invalid, what follows
// is not read (nil): a caller stops there. b that is not a binary form is
// invalid too, which leaves it to the library.
func (f *fast) check(b []byte) (verdict, []byte) {
	k, text, n, body, ok := value.Next(b)
	if !ok {
		return invalid, nil
	}
	// rest is what follows the value: known at once for a scalar, after
	// its items or entries for a list or a map.
	rest := body
	if f.bool != nil {
		if k == value.List || k == value.Map {
			if rest, ok = value.Skip(b); !ok {
				return invalid, nil
			}
		}
		if *f.bool {
			return valid, rest
		}
		return invalid, nil
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
	switch k {
	case value.Nil:
		t = tNull
	case value.False, value.True:
		t = tBool
	case value.String:
		t = tString
	case value.Map:
		t = tObject
	case value.List:
		t = tArray
	case value.Number:
		t = tNumber
		num, isInt = plainInt(text)
	}
	if f.types != 0 {
		switch {
		case f.types&t != 0:
		case t == tNumber && f.types&tInteger != 0:
			if !isInt {
				return unsure, rest // 1.0 is an integer to the library
			}
		default:
			return invalid, nil
		}
	}
	if f.hasEnum {
		and(f.inEnum(k, text))
	}
	if f.format != nil && !f.formatOK(k, text, b) {
		return invalid, nil
	}
	switch k {
	case value.Map:
		var w verdict
		w, rest = f.object(n, body)
		and(w)
	case value.List:
		var w verdict
		w, rest = f.array(n, body)
		and(w)
	case value.String:
		if f.minLen > 0 || f.maxLen >= 0 {
			n := utf8.RuneCountInString(text)
			if n < f.minLen || f.maxLen >= 0 && n > f.maxLen {
				return invalid, nil
			}
		}
		if f.pattern != nil && !f.pattern.MatchString(text) {
			return invalid, nil
		}
	case value.Number:
		if f.hasMin || f.hasMax {
			switch {
			case !isInt || f.oddBound:
				and(unsure)
			case f.hasMin && num < f.min, f.hasMax && num > f.max:
				return invalid, nil
			}
		}
	}
	if out == invalid {
		return invalid, nil
	}
	if f.not != nil {
		switch w, _ := f.not.check(b); w {
		case valid:
			return invalid, nil
		case unsure:
			and(unsure)
		}
	}
	return out, rest
}

// formatOK says whether the value of kind k (text for a string or a
// number) whose binary form b starts with passes f's format, which takes
// the value as jsonschema/v6 gives it.
func (f *fast) formatOK(k value.Kind, text string, b []byte) bool {
	var v any
	switch k {
	case value.String:
		v = text
	case value.Number:
		v = json.Number(text)
	case value.True, value.False:
		v = k == value.True
	case value.List, value.Map:
		rest, ok := value.Skip(b)
		if !ok {
			return false
		}
		if v, ok = readValue(b[:len(b)-len(rest)]); !ok {
			return false
		}
	}
	return f.format(v) == nil
}

// readValue makes the value of a binary form.
func readValue(b []byte) (any, bool) {
	v, err := value.ReadShared(b)
	return v, err == nil
}

// inEnum says whether the value of kind k, text for a string, is one of
// the enum's values.
func (f *fast) inEnum(k value.Kind, text string) verdict {
	for _, e := range f.enum {
		switch e := e.(type) {
		case string:
			if k == value.String && e == text {
				return valid
			}
		case bool:
			if k == value.True && e || k == value.False && !e {
				return valid
			}
		case nil:
			if k == value.Nil {
				return valid
			}
		}
	}
	if f.oddEnum {
		return unsure
	}
	return invalid
}

// object decides a map of n entries, which b starts with, and returns
// what follows them.
func (f *fast) object(n int, b []byte) (verdict, []byte) {
	if n < f.minProps || f.maxProps >= 0 && n > f.maxProps {
		return invalid, nil
	}
	// The required properties found, by their place in f.required; more
	// than 64 are looked up among the keys after.
	var found uint64
	var keys []string
	if len(f.required) > 64 {
		keys = make([]string, 0, n)
	}
	out := valid
	for range n {
		key, rest, ok := value.NextKey(b)
		if !ok {
			return invalid, nil
		}
		if keys != nil {
			keys = append(keys, key)
		} else {
			for i, r := range f.required {
				if r == key {
					found |= 1 << i
				}
			}
		}
		var w verdict
		if p, ok := f.props[key]; ok {
			w, b = p.check(rest)
		} else if f.additional != nil {
			w, b = f.additional.check(rest)
		} else {
			w = valid
			if b, ok = value.Skip(rest); !ok {
				return invalid, nil
			}
		}
		if w == valid && f.names != nil {
			w = f.names.checkText(key)
		}
		switch w {
		case invalid:
			return invalid, nil
		case unsure:
			out = unsure
		}
	}
	if keys != nil {
		for _, r := range f.required {
			if !slices.Contains(keys, r) {
				return invalid, nil
			}
		}
	} else if found != 1<<len(f.required)-1 {
		return invalid, nil
	}
	return out, b
}

// checkText decides a string that is not in a binary form (a property's
// name, for propertyNames).
func (f *fast) checkText(s string) verdict {
	w, _ := f.check(value.AppendScalar(nil, value.String, s))
	return w
}

// array decides a list of n items, which b starts with, and returns what
// follows them.
func (f *fast) array(n int, b []byte) (verdict, []byte) {
	if n < f.minItems || f.maxItems >= 0 && n > f.maxItems {
		return invalid, nil
	}
	out := valid
	if f.unique && n > 1 {
		out = uniqueItems(n, b)
		if out == invalid {
			return invalid, nil
		}
	}
	for range n {
		w := valid
		if f.items != nil {
			w, b = f.items.check(b)
		} else {
			var ok bool
			if b, ok = value.Skip(b); !ok {
				return invalid, nil
			}
		}
		switch w {
		case invalid:
			return invalid, nil
		case unsure:
			out = unsure
		}
	}
	return out, b
}

// uniqueItems decides uniqueItems for a list of n items, which b starts
// with, of strings, booleans, null and plain integers; others are the
// library's (its equality of numbers is by value, of objects by content).
func uniqueItems(n int, b []byte) verdict {
	type key struct {
		t typeMask
		s string
		n int64
	}
	seen := make(map[key]bool, n)
	for range n {
		kind, text, _, rest, ok := value.Next(b)
		if !ok {
			return invalid
		}
		var k key
		switch kind {
		case value.Nil:
			k.t = tNull
		case value.False:
			k.t = tBool
		case value.True:
			k.t, k.n = tBool, 1
		case value.String:
			k.t, k.s = tString, text
		case value.Number:
			n, ok := plainInt(text)
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
		b = rest
	}
	return valid
}
