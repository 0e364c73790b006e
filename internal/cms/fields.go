package cms

import (
	"cmp"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/schema"
)

// formats are the string formats of the schemas: a date is a date picker
// that writes YYYY-MM-DD; the others are text boxes checked by a pattern,
// the form's share of what roll check asserts (the ID number's check digit
// and a positive amount stay roll check's). A format not listed here is an
// error, so that a new one is given a widget before a schema uses it.
var formats = map[string]struct{ pattern, msg string }{
	"date":           {},
	"cn-resident-id": {`^\d{17}[\dX]$`, "18 digits, the last a digit or a capital X"},
	"yuan":           {`^\d{1,13}(\.\d{1,2})?$`, "yuan in digits with at most two decimals, without units or commas, like 20000.00"},
}

// walk is the state of the walk through one kind's schema.
type walk struct {
	g    *gen
	kind schema.Kind
}

// field is the context of one property: where it is, who may see it and
// whether the form may require it.
type field struct {
	name     string
	path     []string // property names from the record's root, for errors
	required bool     // the schema requires it of its parent
	// optionalIn is the title of the optional object it lies in, when
	// there is one: the form cannot require a property of an object that
	// may be left out altogether, so it only says so (roll check requires
	// it once the object is there).
	optionalIn string
	vis        string // public, internal or private: the most hidden on the way
}

func (w *walk) errorf(path []string, format string, args ...any) error {
	return fmt.Errorf("schema of %s: %s: %s", w.kind, strings.Join(path, "."), fmt.Sprintf(format, args...))
}

// properties returns the fields of the properties of an object schema.
func (w *walk) properties(s node, parent field) ([]*yaml.Node, error) {
	keys, props := s.properties()
	required := map[string]bool{}
	for _, r := range s.strings("required") {
		required[r] = true
	}
	var out []*yaml.Node
	for _, k := range keys {
		p, ok := props[k]
		if !ok {
			return nil, w.errorf(append(parent.path, k), "the property is not a schema")
		}
		p, err := p.resolve()
		if err != nil {
			return nil, w.errorf(append(parent.path, k), "%v", err)
		}
		if unshown(p) {
			continue
		}
		f := field{
			name:       k,
			path:       append(append([]string(nil), parent.path...), k),
			required:   required[k],
			optionalIn: parent.optionalIn,
			vis:        narrower(parent.vis, p.str("x-visibility")),
		}
		n, err := w.field(p, f)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

// unshown reports whether a property has no field in the form: a retired
// one (deprecated), or a map, whose keys are free, which Decap CMS has no
// widget for (the retired task.progress was one). The form keeps the value
// of a property it does not show; roll check still checks it.
func unshown(s node) bool {
	if s.flag("deprecated") {
		return true
	}
	keys, _ := s.properties()
	_, free := s.child("additionalProperties")
	return s.typ() == "object" && len(keys) == 0 && free
}

// narrower returns the more hidden of a container's visibility ("" at the
// root) and a property's own annotation; a property without one is private
// (DESIGN §4).
func narrower(outer, own string) string {
	if own != schema.Public && own != schema.Internal {
		own = schema.Private
	}
	rank := func(v string) int {
		switch v {
		case "", schema.Public:
			return 0
		case schema.Internal:
			return 1
		}
		return 2
	}
	if rank(outer) > rank(own) {
		return outer
	}
	return own
}

// field returns the form field of one property.
func (w *walk) field(s node, f field) (*yaml.Node, error) {
	m := newMap()
	set(m, "label", cmp.Or(s.str("title"), f.name))
	set(m, "name", f.name)
	// The widget and its settings follow the label and the name; the
	// requirement and the hint come last, as people read a field.
	if err := w.widget(m, s, f); err != nil {
		return nil, err
	}
	set(m, "required", f.required && f.optionalIn == "")
	set(m, "hint", w.hint(s, f))
	return m, nil
}

// hint is what the form shows under a field: the schema's description,
// who may see the value, and, for a property the form cannot require, when
// it is required.
func (w *walk) hint(s node, f field) string {
	var parts []string
	if d := s.str("description"); d != "" {
		parts = append(parts, d)
	}
	if f.required && f.optionalIn != "" {
		parts = append(parts, w.g.msg(finding.Msg("Required once %s is filled in.", f.optionalIn)))
	}
	switch f.vis {
	case schema.Public:
		parts = append(parts, w.g.msg(finding.Msg("Public: may be shown on the public site.")))
	case schema.Internal:
		parts = append(parts, w.g.msg(finding.Msg("Internal: shown on the internal site only.")))
	case schema.Private:
		parts = append(parts, w.g.msg(finding.Msg("Never published: no site shows it; the internal site shows it masked.")))
	}
	return strings.Join(parts, " ")
}

// widget writes the widget of the property s and its settings into m.
func (w *walk) widget(m *yaml.Node, s node, f field) error {
	if values, ok := s.o.vals["enum"].([]any); ok {
		return w.selectWidget(m, s, f, values, false)
	}
	if c, ok := s.o.vals["const"]; ok {
		return w.selectWidget(m, s, f, []any{c}, false)
	}
	switch t := s.typ(); t {
	case "string":
		return w.stringWidget(m, s, f)
	case "integer", "number":
		set(m, "widget", "number")
		if t == "integer" {
			set(m, "value_type", "int")
			set(m, "step", 1)
		} else {
			set(m, "value_type", "float")
		}
		if v, ok := s.num("minimum"); ok {
			set(m, "min", v)
		} else if v, ok := s.int("exclusiveMinimum"); ok && t == "integer" {
			set(m, "min", v+1)
		}
		if v, ok := s.num("maximum"); ok {
			set(m, "max", v)
		} else if v, ok := s.int("exclusiveMaximum"); ok && t == "integer" {
			set(m, "max", v-1)
		}
		return nil
	case "boolean":
		set(m, "widget", "boolean")
		set(m, "default", false)
		return nil
	case "array":
		return w.arrayWidget(m, s, f)
	case "object":
		return w.objectWidget(m, s, f)
	case "":
		return w.errorf(f.path, "no single type: the form needs one")
	default:
		return w.errorf(f.path, "the type %q has no widget", t)
	}
}

// selectWidget is a list of the enum's values, labelled with their Chinese
// titles (x-enum-titles), or the values themselves where the schema gives
// none.
func (w *walk) selectWidget(m *yaml.Node, s node, f field, values []any, multiple bool) error {
	titles := s.enumTitles()
	opts := newSeq()
	for _, v := range values {
		var raw string
		switch v := v.(type) {
		case string:
			raw = v
		case json.Number:
			raw = v.String()
		default:
			return w.errorf(f.path, "the enum value %v is neither a string nor a number", v)
		}
		o := newMap()
		set(o, "label", cmp.Or(titles[raw], raw))
		set(o, "value", v)
		opts.Content = append(opts.Content, o)
	}
	set(m, "widget", "select")
	if multiple {
		set(m, "multiple", true)
	}
	set(m, "options", opts)
	return nil
}

func (w *walk) stringWidget(m *yaml.Node, s node, f field) error {
	if target, ok := refs[f.name]; ok {
		return w.relationWidget(m, f, target, false)
	}
	pattern, msg := s.str("pattern"), ""
	if pattern != "" {
		msg = s.str("description")
	}
	if name := s.str("format"); name != "" {
		fm, ok := formats[name]
		if !ok {
			return w.errorf(f.path, "the format %q has no widget", name)
		}
		if name == "date" {
			set(m, "widget", "datetime")
			set(m, "format", "YYYY-MM-DD")
			set(m, "date_format", "YYYY-MM-DD")
			set(m, "time_format", false)
			set(m, "picker_utc", true)
			set(m, "default", "")
			return nil
		}
		if pattern == "" {
			pattern, msg = fm.pattern, w.g.msg(finding.Msg(fm.msg))
		}
	}
	// The schema's pattern is checked here, before the lengths join it:
	// the lookahead below is well formed, and its counts (up to the 2,000
	// characters of a free text) are more than Go's regexp allows, not
	// more than the browser's.
	if pattern != "" {
		if _, err := regexp.Compile(strings.ReplaceAll(pattern, `(?=`, `(?:`)); err != nil {
			return w.errorf(f.path, "the pattern %q: %v", pattern, err)
		}
	}
	// Lengths join the pattern as a lookahead: the form checks one
	// pattern. A length of at least one is what required checks already.
	minLen, hasMin := s.int("minLength")
	maxLen, hasMax := s.int("maxLength")
	if hasMin && minLen <= 1 {
		hasMin = false
	}
	if hasMin || hasMax {
		var count, lmsg string
		switch {
		case hasMin && hasMax:
			count = fmt.Sprintf("{%d,%d}", minLen, maxLen)
			lmsg = w.g.msg(finding.Msg("From %d to %d characters.", minLen, maxLen))
		case hasMax:
			count = fmt.Sprintf("{0,%d}", maxLen)
			lmsg = w.g.msg(finding.Msg("At most %d characters.", maxLen))
		default:
			count = fmt.Sprintf("{%d,}", minLen)
			lmsg = w.g.msg(finding.Msg("At least %d characters.", minLen))
		}
		look := `^(?=[\s\S]` + count + `$)`
		if pattern == "" {
			pattern, msg = look, lmsg
		} else {
			pattern, msg = look+"(?:"+pattern+")", msg+" "+lmsg
		}
	}
	set(m, "widget", "string")
	if pattern != "" {
		// Decap CMS shows "“<label>”不满足模式" and then the message.
		set(m, "pattern", []string{pattern, w.g.msg(finding.Msg(": %s", msg))})
	}
	return nil
}

// relationWidget offers the records of the target kind by their names,
// writing their id.
func (w *walk) relationWidget(m *yaml.Node, f field, target schema.Kind, multiple bool) error {
	p := w.g.place(target)
	if p == nil {
		return w.errorf(f.path, "it names records of %s, which have no place in the form", target)
	}
	set(m, "widget", "relation")
	valueField, names := "id", p.names
	switch {
	case p.refsFolder != "":
		set(m, "collection", p.collection+refsSuffix)
	case p.file != "":
		set(m, "collection", p.collection)
		set(m, "file", string(p.kind))
		if w.g.isList[p.kind] {
			valueField = listField + ".*.id"
			names = nil
			for _, n := range p.names {
				names = append(names, listField+".*."+n)
			}
		}
	default:
		set(m, "collection", p.collection)
	}
	set(m, "value_field", valueField)
	set(m, "search_fields", names)
	set(m, "display_fields", names)
	if multiple {
		set(m, "multiple", true)
	}
	if p.refsFilter != "" {
		values, err := w.g.enumOf(p.kind, p.refsFilter)
		if err != nil {
			return err
		}
		flt := newMap()
		set(flt, "field", p.refsFilter)
		set(flt, "values", values)
		seq := newSeq()
		seq.Content = append(seq.Content, flt)
		set(m, "filters", seq)
	}
	return nil
}

func (w *walk) arrayWidget(m *yaml.Node, s node, f field) error {
	items, ok := s.child("items")
	if !ok {
		return w.errorf(f.path, "an array without items")
	}
	items, err := items.resolve()
	if err != nil {
		return w.errorf(f.path, "%v", err)
	}
	limits := func() {
		if v, ok := s.int("minItems"); ok && v > 0 {
			set(m, "min", v)
		}
		if v, ok := s.int("maxItems"); ok {
			set(m, "max", v)
		}
	}
	if values, ok := items.o.vals["enum"].([]any); ok {
		// Several values of an enum (a visit's needs): one list to tick.
		if err := w.selectWidget(m, items, f, values, true); err != nil {
			return err
		}
		limits()
		return nil
	}
	if target, ok := refs[f.name]; ok && items.typ() == "string" {
		if err := w.relationWidget(m, f, target, true); err != nil {
			return err
		}
		limits()
		return nil
	}
	set(m, "widget", "list")
	if t := items.str("title"); t != "" {
		set(m, "label_singular", t)
	}
	limits()
	if !f.required || f.optionalIn != "" {
		// Decap CMS starts a list with one empty item, which its
		// fields would then require: an optional list starts empty.
		set(m, "default", newSeq())
	}
	// The items of a list are there only once added: what they require,
	// the form requires of them, even inside an optional object.
	inner := field{path: f.path, vis: f.vis, required: true}
	if items.typ() == "object" {
		keys, _ := items.properties()
		if len(keys) == 0 {
			return w.errorf(f.path, "a list of objects without properties")
		}
		fields, err := w.properties(items, inner)
		if err != nil {
			return err
		}
		set(m, "summary", summary(items))
		set(m, "fields", seqOf(fields))
		return nil
	}
	// A list of single values (the years of insurance, the visitors): one
	// field for every item, whose name the records never show.
	inner.name = itemField
	one, err := w.field(items, inner)
	if err != nil {
		return err
	}
	set(m, "field", one)
	return nil
}

// summary is how the form lists the items of a list of objects: the values
// of the first two properties each item must have.
func summary(items node) string {
	var parts []string
	for _, r := range items.strings("required") {
		if len(parts) == 2 {
			break
		}
		parts = append(parts, "{{fields."+r+"}}")
	}
	return strings.Join(parts, " ")
}

func (w *walk) objectWidget(m *yaml.Node, s node, f field) error {
	keys, _ := s.properties()
	if len(keys) == 0 {
		return w.errorf(f.path, "an object without properties has no widget")
	}
	inner := field{path: f.path, vis: f.vis, optionalIn: f.optionalIn}
	if !f.required && inner.optionalIn == "" {
		inner.optionalIn = cmp.Or(s.str("title"), f.name)
	}
	fields, err := w.properties(s, inner)
	if err != nil {
		return err
	}
	set(m, "widget", "object")
	if !f.required {
		set(m, "collapsed", true)
	}
	set(m, "fields", seqOf(fields))
	return nil
}

func seqOf(nodes []*yaml.Node) *yaml.Node {
	s := newSeq()
	s.Content = nodes
	return s
}

// The names of the fields that stand for no property: the list a record
// kept as a list is wrapped in (see roll-cms.js), the item of a list of
// single values, and the narrative of a Markdown record.
const (
	listField  = "items"
	itemField  = "item"
	bodyField  = "body"
	refsSuffix = "_refs"
)
