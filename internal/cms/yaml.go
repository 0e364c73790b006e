package cms

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The configuration is built as a yaml.Node tree, so that keys keep the
// order they are set in and the output is the same bytes on every build.

func newMap() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode} }

func newSeq() *yaml.Node { return &yaml.Node{Kind: yaml.SequenceNode} }

// set appends key: v to the mapping m. v is a string, an integer, a bool, a
// json.Number, a []string or a *yaml.Node.
func set(m *yaml.Node, key string, v any) {
	m.Content = append(m.Content, str(key), value(v))
}

func value(v any) *yaml.Node {
	switch v := v.(type) {
	case *yaml.Node:
		return v
	case string:
		return str(v)
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(v)}
	case int:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(v)}
	case int64:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(v, 10)}
	case json.Number:
		tag := "!!int"
		if strings.ContainsAny(v.String(), ".eE") {
			tag = "!!float"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v.String()}
	case []string:
		s := newSeq()
		for _, x := range v {
			s.Content = append(s.Content, str(x))
		}
		return s
	}
	panic(fmt.Sprintf("cms: no YAML for %T", v))
}

func str(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}
