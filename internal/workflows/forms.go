package workflows

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/yancheng-jyyw/roll/internal/yamldoc"
)

// IssueForms checks the issue forms of .github/ISSUE_TEMPLATE (by base
// name) as GitHub reads them: each form has a Chinese name and description
// and a body of known field types; every field but a markdown block has a
// unique id and a Chinese label; a dropdown has options. The folder's
// config.yml, if any, must turn blank issues off, so that every issue
// starts from a form.
func IssueForms(files map[string][]byte) []Problem {
	var probs []Problem
	for _, name := range sortedKeys(files) {
		bad := func(n *yaml.Node, format string, args ...any) {
			p := Problem{File: name, Msg: fmt.Sprintf(format, args...)}
			if n != nil {
				p.Line, p.Col = n.Line, n.Column
			}
			probs = append(probs, p)
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(files[name], &doc); err != nil {
			bad(nil, "%v", err)
			continue
		}
		if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
			bad(&doc, "not a mapping")
			continue
		}
		top := doc.Content[0]
		if name == "config.yml" || name == "config.yaml" {
			if v := yamldoc.Lookup(top, "blank_issues_enabled"); v == nil || v.Value != "false" {
				bad(top, "blank_issues_enabled must be false: every issue starts from a form")
			}
			continue
		}
		for _, key := range []string{"name", "description"} {
			if v := yamldoc.Lookup(top, key); v == nil || !han(v.Value) {
				bad(top, "%s: missing or not in Chinese", key)
			}
		}
		body := yamldoc.Lookup(top, "body")
		if body == nil || body.Kind != yaml.SequenceNode || len(body.Content) == 0 {
			bad(top, "body: missing or empty")
			continue
		}
		ids := map[string]bool{}
		inputs := 0
		for _, item := range body.Content {
			typ := yamldoc.Lookup(item, "type")
			if typ == nil {
				bad(item, "a body item without a type")
				continue
			}
			attrs := yamldoc.Lookup(item, "attributes")
			switch typ.Value {
			case "markdown":
				if v := yamldoc.Lookup(attrs, "value"); v == nil || strings.TrimSpace(v.Value) == "" {
					bad(item, "markdown without a value")
				}
				continue
			case "input", "textarea", "dropdown", "checkboxes":
			default:
				bad(typ, "unknown type %q", typ.Value)
				continue
			}
			inputs++
			id := yamldoc.Lookup(item, "id")
			switch {
			case id == nil:
				bad(item, "a %s without an id: its answer cannot be found in the issue", typ.Value)
			case !formID.MatchString(id.Value):
				bad(id, "id %q: use letters, digits, - and _", id.Value)
			case ids[id.Value]:
				bad(id, "id %q used twice", id.Value)
			default:
				ids[id.Value] = true
			}
			if l := yamldoc.Lookup(attrs, "label"); l == nil || !han(l.Value) {
				bad(item, "a %s without a Chinese label", typ.Value)
			}
			if typ.Value == "dropdown" || typ.Value == "checkboxes" {
				if o := yamldoc.Lookup(attrs, "options"); o == nil || o.Kind != yaml.SequenceNode || len(o.Content) == 0 {
					bad(item, "a %s without options", typ.Value)
				}
			}
		}
		if inputs == 0 {
			bad(body, "no field to fill in")
		}
	}
	sortProblems(probs)
	return probs
}

var formID = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// han reports whether s has a Chinese character.
func han(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) })
}
