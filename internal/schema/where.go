package schema

import (
	"maps"
	"slices"
	"strconv"
	"strings"
)

// propertyNamesPaths finds the objects a failed propertyNames keyword applies
// to. jsonschema v6.0.3 gives a propertyNames error an InstanceLocation that
// aliases its working slice, which later validation overwrites; the keyword's
// schema location is sound, so the instance is walked along it instead. It
// returns the paths of the objects at that location that have the key, in
// order; none when the location goes where the walk cannot follow ($ref).
func propertyNamesPaths(v any, schemaURL, key string) [][]string {
	_, ptr, ok := strings.Cut(schemaURL, "#")
	if !ok {
		return nil
	}
	toks := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	if len(toks) == 0 || toks[len(toks)-1] != "propertyNames" {
		return nil
	}
	toks = toks[:len(toks)-1]

	type at struct {
		path []string
		v    any
	}
	cur := []at{{nil, v}}
	for i := 0; i < len(toks); i++ {
		var next []at
		switch toks[i] {
		case "properties":
			if i++; i == len(toks) {
				return nil
			}
			name := strings.ReplaceAll(strings.ReplaceAll(toks[i], "~1", "/"), "~0", "~")
			for _, c := range cur {
				if obj, ok := c.v.(map[string]any); ok {
					if x, ok := obj[name]; ok {
						next = append(next, at{append(slices.Clip(c.path), name), x})
					}
				}
			}
		case "items", "additionalProperties":
			for _, c := range cur {
				switch x := c.v.(type) {
				case []any:
					for j, e := range x {
						next = append(next, at{append(slices.Clip(c.path), strconv.Itoa(j)), e})
					}
				case map[string]any:
					for _, k := range slices.Sorted(maps.Keys(x)) {
						next = append(next, at{append(slices.Clip(c.path), k), x[k]})
					}
				}
			}
		default:
			return nil
		}
		cur = next
	}
	var paths [][]string
	for _, c := range cur {
		if obj, ok := c.v.(map[string]any); ok {
			if _, ok := obj[key]; ok {
				paths = append(paths, c.path)
			}
		}
	}
	return paths
}
