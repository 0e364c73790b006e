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
	c := value.NewCursor(b)
	return f.check(&c) == valid && c.Done()
}

// check decides the value at c, in value's binary form (Append's), against
// f, and moves c past it. The value's maps and lists are not made: the
// record's packed value, as the loader keeps it, is read as it is. When
// the verdict is invalid, c is left where it stopped: a caller stops
// there too. A form that is not Append's is invalid, which leaves it to
// the library.
func (f *fast) check(c *value.Cursor) verdict {
	at := *c // the value's start, to read it again
	k, text, n, ok := c.Next()
	if !ok {
		return invalid
	}
	if f.bool != nil {
		if k == value.List || k == value.Map {
			*c = at
			if !c.Skip() {
				return invalid
			}
		}
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
	switch k {
	case value.Null:
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
				return unsure // 1.0 is an integer to the library
			}
		default:
			return invalid
		}
	}
	if f.hasEnum {
		and(f.inEnum(k, text))
	}
	if f.format != nil {
		switch k {
		case value.List, value.Map:
			and(unsure) // the format is given the value, which is not made
		default:
			if f.format(scalarValue(k, text)) != nil {
				return invalid
			}
		}
	}
	switch k {
	case value.Map:
		and(f.object(c, n))
	case value.List:
		and(f.array(c, n))
	case value.String:
		if f.minLen > 0 || f.maxLen >= 0 {
			n := utf8.RuneCountInString(text)
			if n < f.minLen || f.maxLen >= 0 && n > f.maxLen {
				return invalid
			}
		}
		if f.pattern != nil && !f.pattern.MatchString(text) {
			return invalid
		}
	case value.Number:
		if f.hasMin || f.hasMax {
			switch {
			case !isInt || f.oddBound:
				and(unsure)
			case f.hasMin && num < f.min, f.hasMax && num > f.max:
				return invalid
			}
		}
	}
	if out == invalid {
		return invalid
	}
	if f.not != nil {
		switch f.not.check(&at) {
		case valid:
			return invalid
		case unsure:
			and(unsure)
		}
	}
	return out
}

// scalarValue is the value of a kind other than List and Map, as jsonschema/v6
// is given it: text is a String's or a Number's.
func scalarValue(k value.Kind, text string) any {
	switch k {
	case value.String:
		return text
	case value.Number:
		return json.Number(text)
	case value.True, value.False:
		return k == value.True
	}
	return nil
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
			if k == value.Null {
				return valid
			}
		}
	}
	if f.oddEnum {
		return unsure
	}
	return invalid
}

// object decides the n entries of a map at c.
func (f *fast) object(c *value.Cursor, n int) verdict {
	if n < f.minProps || f.maxProps >= 0 && n > f.maxProps {
		return invalid
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
		key, ok := c.Key()
		if !ok {
			return invalid
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
		w := valid
		if p, ok := f.props[key]; ok {
			w = p.check(c)
		} else if f.additional != nil {
			w = f.additional.check(c)
		} else if !c.Skip() {
			return invalid
		}
		if w == valid && f.names != nil {
			w = f.names.checkText(key)
		}
		switch w {
		case invalid:
			return invalid
		case unsure:
			out = unsure
		}
	}
	if keys != nil {
		for _, r := range f.required {
			if !slices.Contains(keys, r) {
				return invalid
			}
		}
	} else if found != 1<<len(f.required)-1 {
		return invalid
	}
	return out
}

// checkText decides a string that is not in a binary form (a property's
// name, for propertyNames).
func (f *fast) checkText(s string) verdict {
	c := value.NewCursor(value.AppendScalar(nil, value.String, s))
	return f.check(&c)
}

// array decides the n items of a list at c.
func (f *fast) array(c *value.Cursor, n int) verdict {
	if n < f.minItems || f.maxItems >= 0 && n > f.maxItems {
		return invalid
	}
	out := valid
	if f.unique && n > 1 {
		out = uniqueItems(*c, n)
		if out == invalid {
			return invalid
		}
	}
	for range n {
		w := valid
		if f.items != nil {
			w = f.items.check(c)
		} else if !c.Skip() {
			return invalid
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

// uniqueItems decides uniqueItems for the n items of a list at c, of
// strings, booleans, null and plain integers; others are the library's
// (its equality of numbers is by value, of objects by content).
func uniqueItems(c value.Cursor, n int) verdict {
	type key struct {
		t typeMask
		s string
		n int64
	}
	seen := make(map[key]bool, n)
	for range n {
		kind, text, _, ok := c.Next()
		if !ok {
			return invalid
		}
		var k key
		switch kind {
		case value.Null:
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
	}
	return valid
}
