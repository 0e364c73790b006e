package public

import (
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/yancheng-jyyw/roll/internal/schema"
)

// pathProjector keeps the properties named by an explicit list of public
// paths ("deed.date", "honors[].year"): the hero's visibility contract
// written out by hand; and the words of the enums, by hand too.
type pathProjector map[string]bool

// publicPaths is the contract of DESIGN §4 for heroes.
var publicPaths = pathProjector{
	"id": true, "name": true, "jurisdiction": true,
	"deed.date": true, "deed.place": true, "deed.kind": true, "deed.summary": true, "deed.case": true,
	"outcome": true, "martyr.date": true, "martyr.doc": true,
	"honors[].honor": true, "honors[].year": true, "honors[].posthumous": true, "honors[].note": true,
}

func (p pathProjector) Enum(kind string, path ...string) []schema.EnumValue {
	var pairs []string
	switch strings.Join(append([]string{kind}, path...), ".") {
	case "hero.deed.kind":
		pairs = []string{"rescue", "抢险救人", "stop_crime", "制止违法犯罪", "disaster_relief", "抢险救灾", "other", "其他"}
	case "hero.outcome":
		pairs = []string{"unharmed", "未受伤", "injured", "受伤", "disabled", "致残", "deceased", "牺牲", "missing", "失踪"}
	}
	var out []schema.EnumValue
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, schema.EnumValue{Value: pairs[i], Title: pairs[i+1]})
	}
	return out
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

// Enum reads the enum at path and its x-enum-titles, as the schema
// package does.
func (s schemaProjector) Enum(kind string, path ...string) []schema.EnumValue {
	n := s.root
	for _, p := range path {
		props, _ := n["properties"].(map[string]any)
		n, _ = props[p].(map[string]any)
	}
	titles, _ := n["x-enum-titles"].(map[string]any)
	var out []schema.EnumValue
	for _, v := range n["enum"].([]any) {
		t, _ := titles[v.(string)].(string)
		out = append(out, schema.EnumValue{Value: v.(string), Title: cmp.Or(t, v.(string))})
	}
	return out
}

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
