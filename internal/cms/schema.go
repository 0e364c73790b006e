package cms

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// object is a JSON object that keeps the order of its keys: the form shows
// the properties of a schema in the order the schema lists them.
type object struct {
	keys []string
	vals map[string]any // *object, []any, string, json.Number, bool or nil
}

// decodeJSON decodes a JSON document into objects, slices and scalars,
// numbers as json.Number.
func decodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := decodeValue(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("data after the document")
	}
	return v, nil
}

func decodeValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('{'):
		o := &object{vals: map[string]any{}}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return nil, err
			}
			key := kt.(string) // the decoder only gives strings as keys
			if _, dup := o.vals[key]; dup {
				return nil, fmt.Errorf("the key %q twice", key)
			}
			v, err := decodeValue(dec)
			if err != nil {
				return nil, err
			}
			o.keys = append(o.keys, key)
			o.vals[key] = v
		}
		_, err := dec.Token() // }
		return o, err
	case json.Delim('['):
		a := []any{}
		for dec.More() {
			v, err := decodeValue(dec)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
		_, err := dec.Token() // ]
		return a, err
	}
	return tok, nil
}

// node is a schema, or a subschema, with the document it belongs to for
// resolving local references.
type node struct {
	o    *object
	root *object
}

// resolve follows "$ref" to a subschema of the same document ("#/$defs/x"),
// keeping the annotations written beside the reference. A reference it
// cannot follow is an error: the form would lack the fields behind it.
func (n node) resolve() (node, error) {
	for depth := 0; ; depth++ {
		ref, ok := n.o.vals["$ref"].(string)
		if !ok {
			return n, nil
		}
		if depth > 32 {
			return n, fmt.Errorf("references nested too deep at %s", ref)
		}
		ptr, ok := strings.CutPrefix(ref, "#")
		if !ok {
			return n, fmt.Errorf("the reference %s leaves the schema", ref)
		}
		var v any = n.root
		for tok := range strings.SplitSeq(strings.TrimPrefix(ptr, "/"), "/") {
			if tok == "" {
				continue
			}
			tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
			o, ok := v.(*object)
			if !ok {
				return n, fmt.Errorf("the reference %s points at nothing", ref)
			}
			v = o.vals[tok]
		}
		target, ok := v.(*object)
		if !ok {
			return n, fmt.Errorf("the reference %s points at nothing", ref)
		}
		// The target's keywords, overridden by those beside the reference.
		merged := &object{vals: map[string]any{}}
		for _, k := range target.keys {
			merged.keys = append(merged.keys, k)
			merged.vals[k] = target.vals[k]
		}
		for _, k := range n.o.keys {
			if k == "$ref" {
				continue
			}
			if _, ok := merged.vals[k]; !ok {
				merged.keys = append(merged.keys, k)
			}
			merged.vals[k] = n.o.vals[k]
		}
		n = node{merged, n.root}
	}
}

func (n node) str(key string) string {
	s, _ := n.o.vals[key].(string)
	return s
}

func (n node) has(key string) bool {
	_, ok := n.o.vals[key]
	return ok
}

func (n node) flag(key string) bool {
	b, _ := n.o.vals[key].(bool)
	return b
}

// num returns the number at key and whether there is one.
func (n node) num(key string) (json.Number, bool) {
	v, ok := n.o.vals[key].(json.Number)
	return v, ok
}

// int returns the integer at key and whether there is one.
func (n node) int(key string) (int64, bool) {
	v, ok := n.num(key)
	if !ok {
		return 0, false
	}
	i, err := strconv.ParseInt(v.String(), 10, 64)
	return i, err == nil
}

func (n node) child(key string) (node, bool) {
	o, ok := n.o.vals[key].(*object)
	if !ok {
		return node{}, false
	}
	return node{o, n.root}, true
}

// strings returns the strings of the array at key.
func (n node) strings(key string) []string {
	a, _ := n.o.vals[key].([]any)
	var out []string
	for _, v := range a {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// typ is the schema's "type", "" when it gives none or several.
func (n node) typ() string { return n.str("type") }

// properties returns the properties of an object schema in their order.
func (n node) properties() ([]string, map[string]node) {
	p, ok := n.child("properties")
	if !ok {
		return nil, nil
	}
	m := make(map[string]node, len(p.o.keys))
	for _, k := range p.o.keys {
		if c, ok := p.child(k); ok {
			m[k] = c
		}
	}
	return p.o.keys, m
}

// enumTitles returns the "x-enum-titles" annotation: the Chinese word for
// each value of an enum.
func (n node) enumTitles() map[string]string {
	t, ok := n.child("x-enum-titles")
	if !ok {
		return nil
	}
	m := make(map[string]string, len(t.o.keys))
	for _, k := range t.o.keys {
		if s, ok := t.o.vals[k].(string); ok {
			m[k] = s
		}
	}
	return m
}
