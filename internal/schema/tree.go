package schema

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/value"
)

// Visibility levels of the "x-visibility" annotation, from the widest
// audience to the narrowest.
const (
	Public   = "public"
	Internal = "internal"
	Private  = "private"
)

// rank orders visibilities; anything else, and no annotation, is private.
func rank(vis string) int {
	switch vis {
	case Public:
		return 0
	case Internal:
		return 1
	}
	return 2
}

// node is the part of a schema that annotates values: titles and visibility,
// the values of an enum with their titles, and the schemas of the values
// inside objects and arrays.
type node struct {
	title, description, visibility string

	// hint, from "x-hint" and "x-hint-en", says in Chinese and English how
	// a value of the property is written: what a clerk reads when a value
	// fails its pattern, rather than the pattern itself.
	hint, hintEn string

	types  []string // "type": the JSON types a value may have
	format string   // "format": date, cn-resident-id, yuan

	enum       []string          // the values of "enum" that are strings, in order
	enumTitles map[string]string // "x-enum-titles": the Chinese word for each value

	props      map[string]*node // the schemas of "properties"
	order      []string         // the names of "properties", in the schema's order
	additional *node            // the schema of other properties (maps such as task.progress)
	items      *node            // the schema of array items
}

// buildTree reads the annotations of a schema document as decoded by
// jsonschema.UnmarshalJSON, and orders, the order of the properties of its
// objects by JSON pointer (see propertyOrders). References local to the
// document ("#/$defs/x") are followed; others are left alone.
func buildTree(doc any, orders map[string][]string) *node {
	b := builder{root: doc, orders: orders}
	return b.build(doc, "", 0)
}

// builder builds the tree of one schema document.
type builder struct {
	root   any
	orders map[string][]string
}

// build builds the node of v, the schema at the JSON pointer ptr.
func (b builder) build(v any, ptr string, depth int) *node {
	root := b.root
	obj, ok := v.(map[string]any)
	if !ok || depth > 64 {
		return nil
	}
	if ref, ok := obj["$ref"].(string); ok {
		if target := resolve(root, ref); target != nil {
			n := b.build(target, strings.TrimPrefix(ref, "#"), depth+1)
			if n != nil {
				// Annotations beside $ref override those of its target.
				m := *n
				if t, ok := obj["title"].(string); ok {
					m.title = t
				}
				if d, ok := obj["description"].(string); ok {
					m.description = d
				}
				if vis, ok := obj["x-visibility"].(string); ok {
					m.visibility = vis
				}
				if h, ok := obj["x-hint"].(string); ok {
					m.hint, m.hintEn = h, ""
				}
				if h, ok := obj["x-hint-en"].(string); ok {
					m.hintEn = h
				}
				return &m
			}
		}
	}
	n := &node{}
	n.title, _ = obj["title"].(string)
	n.description, _ = obj["description"].(string)
	n.visibility, _ = obj["x-visibility"].(string)
	n.hint, _ = obj["x-hint"].(string)
	n.hintEn, _ = obj["x-hint-en"].(string)
	n.format, _ = obj["format"].(string)
	switch t := obj["type"].(type) {
	case string:
		n.types = []string{t}
	case []any:
		for _, x := range t {
			if s, ok := x.(string); ok {
				n.types = append(n.types, s)
			}
		}
	}
	if values, ok := obj["enum"].([]any); ok {
		for _, v := range values {
			if s, ok := v.(string); ok {
				n.enum = append(n.enum, s)
			}
		}
	}
	if titles, ok := obj["x-enum-titles"].(map[string]any); ok {
		n.enumTitles = make(map[string]string, len(titles))
		for v, t := range titles {
			if s, ok := t.(string); ok {
				n.enumTitles[v] = s
			}
		}
	}
	if props, ok := obj["properties"].(map[string]any); ok {
		n.props = make(map[string]*node, len(props))
		for k, p := range props {
			if c := b.build(p, ptr+"/properties/"+escapePointer(k), depth+1); c != nil {
				n.props[k] = c
			}
		}
	}
	n.order = b.orders[ptr]
	n.additional = b.build(obj["additionalProperties"], ptr+"/additionalProperties", depth+1)
	n.items = b.build(obj["items"], ptr+"/items", depth+1)
	return n
}

// escapePointer escapes a key for a JSON pointer.
func escapePointer(k string) string {
	return strings.ReplaceAll(strings.ReplaceAll(k, "~", "~0"), "/", "~1")
}

// propertyOrders reads the order of the properties of every object of a
// schema document, which decoding into a map loses: by the JSON pointer of
// the schema whose "properties" they are ("" for the root, "/properties/deed",
// "/items"). A missing property is then reported where it belongs.
func propertyOrders(data []byte) (map[string][]string, error) {
	out := map[string][]string{}
	d := json.NewDecoder(bytes.NewReader(data))
	// walk reads one value at ptr; owner is set when the value is the
	// "properties" object of the schema at owner.
	var walk func(ptr string, owner *string) error
	walk = func(ptr string, owner *string) error {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'):
			for d.More() {
				kt, err := d.Token()
				if err != nil {
					return err
				}
				k, _ := kt.(string)
				if owner != nil {
					out[*owner] = append(out[*owner], k)
				}
				var sub *string
				if owner == nil && k == "properties" {
					sub = &ptr
				}
				if err := walk(ptr+"/"+escapePointer(k), sub); err != nil {
					return err
				}
			}
			_, err = d.Token()
			return err
		case json.Delim('['):
			for i := 0; d.More(); i++ {
				if err := walk(ptr+"/"+strconv.Itoa(i), nil); err != nil {
					return err
				}
			}
			_, err = d.Token()
			return err
		}
		return nil
	}
	return out, walk("", nil)
}

// resolve follows a JSON pointer within the document: "#/$defs/date".
func resolve(root any, ref string) any {
	ptr, ok := strings.CutPrefix(ref, "#")
	if !ok {
		return nil
	}
	v := root
	for tok := range strings.SplitSeq(strings.TrimPrefix(ptr, "/"), "/") {
		if tok == "" {
			continue
		}
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		obj, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = obj[tok]
	}
	return v
}

// property is the schema of the property key of an object, nil if the schema
// does not describe it.
func (n *node) property(key string) *node {
	if n == nil {
		return nil
	}
	if p, ok := n.props[key]; ok {
		return p
	}
	return n.additional
}

// step goes from n to the schema of seg, a property name or an array index.
// Indexes may be left out of a path: a property name under an array goes to
// the property of its items. isProp says whether seg named a property.
func (n *node) step(seg string) (next *node, isProp bool) {
	if n == nil {
		return nil, false
	}
	if p := n.property(seg); p != nil {
		return p, true
	}
	if n.items != nil {
		if isIndex(seg) {
			return n.items, false
		}
		return n.items.step(seg)
	}
	return nil, false
}

// lookup returns the schema at path, nil if there is none.
func (n *node) lookup(path []string) *node {
	for _, seg := range path {
		if n, _ = n.step(seg); n == nil {
			return nil
		}
	}
	return n
}

// titleOf returns the title of n, "" for no schema.
func titleOf(n *node) string {
	if n == nil {
		return ""
	}
	return n.title
}

func isIndex(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// dotted writes a path as people read it: "deed.date", "honors[0].honor".
func dotted(path []string) string {
	var b strings.Builder
	for _, seg := range path {
		switch {
		case isIndex(seg):
			b.WriteString("[" + seg + "]")
		case b.Len() > 0:
			b.WriteString("." + seg)
		default:
			b.WriteString(seg)
		}
	}
	return b.String()
}

// Title returns the Chinese title of the property at path (array indexes may
// be given or left out), "" if the schema gives none.
func (s *Set) Title(k Kind, path ...string) string {
	return titleOf(s.get(k).tree.lookup(path))
}

// Visibility returns who may see the property at path: "public", "internal"
// or "private". Array indexes in path are skipped. A property is as hidden as
// the most hidden property that contains it, and a property the schema does
// not describe, or describes without "x-visibility", is private.
func (s *Set) Visibility(k Kind, path ...string) string {
	if len(path) == 0 {
		return Private
	}
	n, vis := s.get(k).tree, Public
	for _, seg := range path {
		var isProp bool
		if n, isProp = n.step(seg); n == nil {
			return Private
		}
		if isProp && rank(n.visibility) > rank(vis) {
			vis = normalize(n.visibility)
		}
	}
	return vis
}

// normalize maps an annotation to one of the visibility levels.
func normalize(vis string) string {
	switch vis {
	case Public, Internal:
		return vis
	}
	return Private
}

// Project returns a deep copy of v, a record of kind k, that keeps only the
// properties whose visibility is at most max: "public" keeps the public ones,
// "internal" the public and internal ones, "private" every one the schema
// describes; any other max is taken as "public". A property is kept only if
// its own visibility allows it and so do those of the properties containing
// it; a property without "x-visibility" is private, and one the schema does
// not describe is always dropped. v is not modified.
func (s *Set) Project(k Kind, v any, max string) any {
	return value.Project(v, s.filter(k, max))
}

// filter is the projection Project makes of a record of kind k at max.
func (s *Set) filter(k Kind, max string) value.Filter {
	n := s.get(k).tree
	switch max {
	case Internal:
		return internalView{n}
	case Private:
		return privateView{n}
	}
	return publicView{n}
}

// publicView, internalView and privateView are the projections of the
// values a node describes to the properties visible at each level
// (value.Filter). Each is one pointer, so that giving one as a Filter
// allocates nothing.
type (
	publicView   struct{ n *node }
	internalView struct{ n *node }
	privateView  struct{ n *node }
)

func (f publicView) Property(key string) (value.Filter, bool) {
	p, ok := f.n.visible(key, rank(Public))
	return publicView{p}, ok
}

func (f publicView) Items() value.Filter { return publicView{f.n.itemsOrNil()} }

func (f internalView) Property(key string) (value.Filter, bool) {
	p, ok := f.n.visible(key, rank(Internal))
	return internalView{p}, ok
}

func (f internalView) Items() value.Filter { return internalView{f.n.itemsOrNil()} }

func (f privateView) Property(key string) (value.Filter, bool) {
	p, ok := f.n.visible(key, rank(Private))
	return privateView{p}, ok
}

func (f privateView) Items() value.Filter { return privateView{f.n.itemsOrNil()} }

// visible is the schema of the property key of the objects n describes,
// and whether a projection to limit keeps it.
func (n *node) visible(key string, limit int) (*node, bool) {
	p := n.property(key)
	return p, p != nil && rank(p.visibility) <= limit
}

// itemsOrNil is the schema of the items of the arrays n describes.
func (n *node) itemsOrNil() *node {
	if n == nil {
		return nil
	}
	return n.items
}

// EnumValue is one value of an enum and its Chinese title, the word every
// page, template and message uses for it.
type EnumValue struct {
	Value string // as records write it: "rescue"
	Title string // from "x-enum-titles": "抢险救人"; the value itself when the schema gives none
}

// String is the value as records write it, what a CSS class or an anchor
// of a page is made of.
func (e EnumValue) String() string { return e.Value }

// Zh is the value's Chinese title, the word a page shows.
func (e EnumValue) Zh() string { return e.Title }

// EnumOf returns value of the enum at path with its title, for a page to
// show: the value itself is its title when the schema gives none, or when
// there is no Set at all.
func (s *Set) EnumOf(k Kind, path []string, value string) EnumValue {
	if s == nil {
		return EnumValue{Value: value, Title: value}
	}
	return EnumValue{Value: value, Title: s.EnumTitle(k, path, value)}
}

// enumAt is the schema of the enum at path: the property itself, or the
// items of an array property whose items are an enum (visit needs).
func (c *compiled) enumAt(path []string) *node {
	n := c.tree.lookup(path)
	if n != nil && n.enum == nil && n.items != nil {
		n = n.items
	}
	return n
}

// Enum returns the values of the enum at path in the schema's order, each
// with its title; nil when the property is not an enum. This is the one
// vocabulary of roll: the schemas hold the Chinese word for every value.
func (s *Set) Enum(k Kind, path ...string) []EnumValue {
	n := s.get(k).enumAt(path)
	if n == nil || n.enum == nil {
		return nil
	}
	out := make([]EnumValue, len(n.enum))
	for i, v := range n.enum {
		out[i] = EnumValue{Value: v, Title: n.word(v)}
	}
	return out
}

// EnumTitle returns the Chinese title of value in the enum at path, or
// value itself when the schema gives none (a value the schema rejects).
func (s *Set) EnumTitle(k Kind, path []string, value string) string {
	return s.get(k).enumAt(path).word(value)
}

// word is the title of an enum value of n.
func (n *node) word(value string) string {
	if n != nil {
		if t, ok := n.enumTitles[value]; ok {
			return t
		}
	}
	return value
}

// wordKey renders an enum value in a message: the English format prints the
// value (%.0 prints none of the title), the Chinese one the title alone.
// Package l10n holds the Chinese form.
const wordKey = "%.0[2]s%[1]s"

// Word returns value of the enum at path as a message argument: its title
// in Chinese ("已撤回"), the value itself in English ("withdrawn").
func (s *Set) Word(k Kind, path []string, value string) finding.Message {
	return finding.Msg(wordKey, value, s.EnumTitle(k, path, value))
}

// ProjectInto projects v, a record of kind k, to the visibility max (see
// Project) and decodes the projection into dst, a pointer to a struct
// whose fields name the record's properties with `json` tags. It is the
// one road from a record to a page: what the schema does not let through
// at max is never in dst, whatever fields dst declares.
func (s *Set) ProjectInto(k Kind, v any, max string, dst any) error {
	return value.Decode(s.Project(k, v, max), dst)
}

// ProjectPacked is ProjectInto of the value whose binary form
// (value.Append) is packed, in one pass (value.DecodeProjected): without
// the maps of the value and of their projection. When that pass fails it
// gives ProjectInto's result and error from the value read. dst must
// point to the zero value of its type; its strings may share packed's
// bytes, which nothing may change while dst is in use (a loaded record's
// model.Source.Packed).
func (s *Set) ProjectPacked(k Kind, packed []byte, max string, dst any) error {
	if err := value.DecodeProjected(packed, s.filter(k, max), dst, &s.fields); err == nil {
		return nil
	}
	// The failed pass may have filled part of dst.
	if rv := reflect.ValueOf(dst); rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv.Elem().SetZero()
	}
	v, err := value.ReadShared(packed)
	if err != nil {
		return err
	}
	return s.ProjectInto(k, v, max, dst)
}
