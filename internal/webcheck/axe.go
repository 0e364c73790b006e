package webcheck

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/chromedp/chromedp"
)

// AxeTags are the axe-core rule tags run: WCAG 2.0 and 2.1, levels A and
// AA, which GB/T 37668-2019 follows too.
var AxeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}

// Violation is one axe-core rule that the page breaks.
type Violation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"` // each: the element's selector and what is wrong
}

func (v Violation) String() string {
	return fmt.Sprintf("%s (%s): %s\n\t%s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
}

// Axe is axe-core's script, read once.
type Axe struct{ script string }

// LoadAxe reads axe-core's script from file (see FindAxe).
func LoadAxe(file string) (*Axe, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return &Axe{script: string(b)}, nil
}

// Run injects axe-core into the open page, unless it is there already, and
// runs the rules of AxeTags over the whole document.
func (a *Axe) Run() chromedp.Action[[]Violation] {
	return func(ctx context.Context, t *chromedp.Target) ([]Violation, error) {
		loaded, err := chromedp.Evaluate[bool](`typeof window.axe === 'object'`)(ctx, t)
		if err != nil {
			return nil, err
		}
		if !loaded {
			if _, err := chromedp.Evaluate[chromedp.Void](a.script)(ctx, t); err != nil {
				return nil, fmt.Errorf("injecting axe-core: %w", err)
			}
		}
		tags := `['` + strings.Join(AxeTags, `','`) + `']`
		return chromedp.Evaluate[[]Violation](`axe.run(document, {
			runOnly: {type: 'tag', values: `+tags+`},
			resultTypes: ['violations'],
		}).then(r => r.violations.map(v => ({
			id: v.id, impact: v.impact || '', help: v.help,
			nodes: v.nodes.map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\s+/g, ' ')),
		})))`, chromedp.EvalAwaitPromise)(ctx, t)
	}
}
