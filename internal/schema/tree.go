package schema

import (
	"strings"

	"github.com/yancheng-jyyw/roll/internal/finding"
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

	enum       []string          // the values of "enum" that are strings, in order
	enumTitles map[string]string // "x-enum-titles": the Chinese word for each value

	props      map[string]*node // the schemas of "properties"
	additional *node            // the schema of other properties (maps such as task.progress)
	items      *node            // the schema of array items
}

// buildTree reads the annotations of a schema document as decoded by
// jsonschema.UnmarshalJSON. References local to the document ("#/$defs/x")
// are followed; others are left alone.
func buildTree(doc any) *node {
	return build(doc, doc, 0)
}

func build(v, root any, depth int) *node {
	obj, ok := v.(map[string]any)
	if !ok || depth > 64 {
		return nil
	}
	if ref, ok := obj["$ref"].(string); ok {
		if target := resolve(root, ref); target != nil {
			n := build(target, root, depth+1)
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
				return &m
			}
		}
	}
	n := &node{}
	n.title, _ = obj["title"].(string)
	n.description, _ = obj["description"].(string)
	n.visibility, _ = obj["x-visibility"].(string)
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
			if c := build(p, root, depth+1); c != nil {
				n.props[k] = c
			}
		}
	}
	n.additional = build(obj["additionalProperties"], root, depth+1)
	n.items = build(obj["items"], root, depth+1)
	return n
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
	limit := rank(max)
	if max != Internal && max != Private {
		limit = rank(Public)
	}
	return project(s.get(k).tree, v, limit)
}

func project(n *node, v any, limit int) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for key, x := range v {
			p := n.property(key)
			if p == nil || rank(p.visibility) > limit {
				continue
			}
			out[key] = project(p, x, limit)
		}
		return out
	case []any:
		var items *node
		if n != nil {
			items = n.items
		}
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = project(items, x, limit)
		}
		return out
	}
	return v
}

// EnumValue is one value of an enum and its Chinese title, the word every
// page, template and message uses for it.
type EnumValue struct {
	Value string // as records write it: "rescue"
	Title string // from "x-enum-titles": "抢险救人"; the value itself when the schema gives none
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
