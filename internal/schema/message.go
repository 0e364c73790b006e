package schema

import (
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/message"
)

// Message keys of this package; package l10n holds their Chinese forms.
const (
	// titledKey labels a path with its title. The English format leaves the
	// title out (%.0 prints none of it); the Chinese one prints "path（title）".
	titledKey = "%[1]s%.0[2]s"
	orKey     = "%s or %s"
	// formatKey is kind.Format's message without the error detail, for
	// formats whose errors are not localizable.
	formatKey = "%s is not valid %s"
)

// violationMsg is the message of a Violation: the dotted path, labelled with
// its title in Chinese, then the validator's message.
type violationMsg struct {
	path     string // "deed.date"; "" at the root of the record
	title    string // the title of the property at path
	kind     jsonschema.ErrorKind
	keyTitle string // for a missing property: its title
}

func (m violationMsg) Localize(p *message.Printer) string {
	text := localizeKind(m.kind, p)
	if m.keyTitle != "" {
		text = p.Sprintf(titledKey, text, m.keyTitle)
	}
	if m.path == "" {
		return text
	}
	label := m.path
	if m.title != "" {
		label = p.Sprintf(titledKey, m.path, m.title)
	}
	return label + ": " + text
}

// localizeKind renders an error kind. Most render themselves; those whose
// messages would carry English words into a Chinese message (JSON type
// names, format names and errors) are given translated arguments first.
func localizeKind(ek jsonschema.ErrorKind, p *message.Printer) string {
	switch k := ek.(type) {
	case *kind.Type:
		want := ""
		for i, w := range k.Want {
			if i == 0 {
				want = p.Sprintf(w)
			} else {
				want = p.Sprintf(orKey, want, p.Sprintf(w))
			}
		}
		return (&kind.Type{Got: p.Sprintf(k.Got), Want: []string{want}}).LocalizedString(p)
	case *kind.Format:
		name := p.Sprintf(k.Want)
		var ferr formatError
		if errors.As(k.Err, &ferr) {
			return (&kind.Format{Got: k.Got, Want: name, Err: ferr}).LocalizedString(p)
		}
		return p.Sprintf(formatKey, display(k.Got), name)

	// The kinds with *big.Rat print them through %v of float64, which the
	// printer groups by thousands ("1,899" for a year). Same keys, plain text.
	case *kind.Minimum:
		return p.Sprintf("minimum: got %v, want %v", ratText(k.Got), ratText(k.Want))
	case *kind.Maximum:
		return p.Sprintf("maximum: got %v, want %v", ratText(k.Got), ratText(k.Want))
	case *kind.ExclusiveMinimum:
		return p.Sprintf("exclusiveMinimum: got %v, want %v", ratText(k.Got), ratText(k.Want))
	case *kind.ExclusiveMaximum:
		return p.Sprintf("exclusiveMaximum: got %v, want %v", ratText(k.Got), ratText(k.Want))
	case *kind.MultipleOf:
		return p.Sprintf("multipleOf: got %v, want %v", ratText(k.Got), ratText(k.Want))
	}
	return ek.LocalizedString(p)
}

// ratText writes a number as decimal text, without grouping.
func ratText(r *big.Rat) string {
	if r == nil {
		return ""
	}
	if r.IsInt() {
		return r.Num().String()
	}
	f, _ := r.Float64()
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// display writes a value as the kind package does: strings quoted.
func display(v any) string {
	if s, ok := v.(string); ok {
		return "'" + strings.ReplaceAll(s, "'", `\'`) + "'"
	}
	return fmt.Sprint(v)
}
