package schema

import (
	"slices"
	"strconv"

	"github.com/yancheng-jyyw/roll/internal/value"
)

// Leaves calls fn for every value inside v, a record of kind k, that is
// neither an object nor an array: its path (keys and decimal indexes) and
// its visibility, as Visibility gives it. A value the schema does not
// describe is private. Object keys are visited in sorted order, so the
// calls are the same from run to run. fn must not keep path.
func (s *Set) Leaves(k Kind, v any, fn func(path []string, vis string, value any)) {
	leaves(s.get(k).tree, v, rank(Public), make([]string, 0, 8), fn)
}

func leaves(n *node, v any, vis int, path []string, fn func([]string, string, any)) {
	switch v := v.(type) {
	case map[string]any:
		var buf [24]string // records' objects are small: no allocation
		keys := buf[:0]
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, key := range keys {
			p := n.property(key)
			pv := vis
			if p == nil {
				pv = rank(Private)
			} else if r := rank(p.visibility); r > pv {
				pv = r
			}
			leaves(p, v[key], pv, append(path, key), fn)
		}
	case []any:
		var items *node
		if n != nil {
			items = n.items
		}
		for i, x := range v {
			leaves(items, x, vis, append(path, strconv.Itoa(i)), fn)
		}
	default:
		fn(path, levels[vis], v)
	}
}

// levels are the visibilities by rank.
var levels = [...]string{Public, Internal, Private}

// Keys returns the names of the properties that the schema of kind k
// describes, at any depth, each with the narrowest visibility it has
// anywhere (a name that is private somewhere is private). The map is the
// Set's own: it must not be modified.
func (s *Set) Keys(k Kind) map[string]string { return s.get(k).keys }

func keys(tree *node) map[string]string {
	out := map[string]string{}
	var walk func(n *node, vis, depth int)
	walk = func(n *node, vis, depth int) {
		if n == nil || depth > 64 {
			return
		}
		for name, p := range n.props {
			pv := max(vis, rank(p.visibility))
			if old, ok := out[name]; !ok || rank(old) < pv {
				out[name] = levels[pv]
			}
			walk(p, pv, depth+1)
		}
		walk(n.additional, vis, depth+1)
		walk(n.items, vis, depth+1)
	}
	walk(tree, rank(Public), 0)
	return out
}

// PackedLeaves is Leaves over the binary form b (value.Append) of a
// record of kind k, read in place rather than made into maps first: fn
// is called for the same values with the same paths and visibilities, in
// the same order, and given the value's text when it is a string (isText;
// "" and false for any other value). Append writes a map's keys sorted,
// as Leaves visits them. It returns false, having called fn for nothing,
// when b is not such a form (value.Sorted): a caller then walks Leaves of
// the value instead.
func (s *Set) PackedLeaves(k Kind, b []byte, fn func(path []string, vis string, text string, isText bool)) bool {
	if !value.Sorted(b) {
		return false
	}
	c := value.NewCursor(b)
	packedLeaves(&c, s.get(k).tree, rank(Public), make([]string, 0, 8), fn)
	return true
}

// packedLeaves walks one value of a form that value.Sorted accepts.
func packedLeaves(c *value.Cursor, n *node, vis int, path []string, fn func([]string, string, string, bool)) {
	kind, text, count, _ := c.Next()
	switch kind {
	case value.Map:
		for range count {
			key, _ := c.Key()
			p := n.property(key)
			pv := vis
			if p == nil {
				pv = rank(Private)
			} else if r := rank(p.visibility); r > pv {
				pv = r
			}
			packedLeaves(c, p, pv, append(path, key), fn)
		}
	case value.List:
		var items *node
		if n != nil {
			items = n.items
		}
		for i := range count {
			packedLeaves(c, items, vis, append(path, strconv.Itoa(i)), fn)
		}
	case value.String:
		fn(path, levels[vis], text, true)
	default:
		fn(path, levels[vis], "", false)
	}
}
