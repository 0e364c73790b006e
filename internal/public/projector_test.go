package public

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
)

// pathProjector keeps the properties named by an explicit list of public
// paths ("deed.date", "honors[].year"): the hero's visibility contract
// written out by hand.
type pathProjector map[string]bool

// publicPaths is the contract of DESIGN §4 for heroes.
var publicPaths = pathProjector{
	"id": true, "name": true, "jurisdiction": true,
	"deed.date": true, "deed.place": true, "deed.kind": true, "deed.summary": true,
	"outcome": true, "martyr.date": true, "martyr.doc": true,
	"honors[].honor": true, "honors[].year": true, "honors[].posthumous": true, "honors[].note": true,
}

func (p pathProjector) Project(kind string, v any, max string) any {
	if kind != "hero" || max != "public" {
		panic(fmt.Sprintf("pathProjector.Project(%q, _, %q): only public heroes", kind, max))
	}
	return p.walk("", v)
}

func (p pathProjector) walk(at string, v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, x := range v {
			path := k
			if at != "" {
				path = at + "." + k
			}
			if p[path] {
				out[k] = x
			} else if p.prefix(path) {
				out[k] = p.walk(path, x)
			}
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = p.walk(at+"[]", x)
		}
		return out
	}
	return nil
}

func (p pathProjector) prefix(path string) bool {
	for k := range p {
		if strings.HasPrefix(k, path+".") || strings.HasPrefix(k, path+"[]") {
			return true
		}
	}
	return false
}

// schemaProjector reads x-visibility from a JSON Schema as the schema
// package does: a property without the annotation is private.
type schemaProjector struct {
	root map[string]any
}

func loadSchemaProjector(t testing.TB, file string) schemaProjector {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var root map[string]any
	if err := json.Unmarshal(b, &root); err != nil {
		t.Fatal(err)
	}
	return schemaProjector{root: root}
}

var levels = map[string]int{"public": 0, "internal": 1, "private": 2}

func (s schemaProjector) Project(kind string, v any, max string) any {
	if kind != "hero" {
		panic("schemaProjector: only heroes")
	}
	return project1(s.root, v, levels[max])
}

func project1(schema map[string]any, v any, max int) any {
	switch v := v.(type) {
	case map[string]any:
		props, _ := schema["properties"].(map[string]any)
		out := map[string]any{}
		for k, x := range v {
			ps, ok := props[k].(map[string]any)
			if !ok {
				continue // not in the schema: private
			}
			vis, _ := ps["x-visibility"].(string)
			lvl, ok := levels[vis]
			if !ok {
				lvl = levels["private"]
			}
			if lvl <= max {
				out[k] = project1(ps, x, max)
			}
		}
		return out
	case []any:
		items, _ := schema["items"].(map[string]any)
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = project1(items, x, max)
		}
		return out
	}
	return v
}
