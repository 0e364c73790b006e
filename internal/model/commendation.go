package model

import (
	"time"

	"github.com/yancheng-jyyw/roll/internal/money"
)

// Decision is one commendation decision (表彰决定) and its awards:
// records/decisions/<year>/<id>.yaml.
type Decision struct {
	ID     string          `yaml:"id"`
	Doc    string          `yaml:"doc"`
	Date   Date            `yaml:"date"`
	Issuer string          `yaml:"issuer"`
	Title  string          `yaml:"title"`
	Awards []DecisionAward `yaml:"awards"`
	Note   string          `yaml:"note"`
	Status string          `yaml:"status"` // "" (active) | withdrawn
	Src    Source          `yaml:"-"`
}

// DecisionAward is one title a decision awards to one hero.
type DecisionAward struct {
	Hero       string    `yaml:"hero"`
	Honor      string    `yaml:"honor"`
	Posthumous bool      `yaml:"posthumous"`
	Reward     money.Fen `yaml:"reward"` // 0 when the decision gives no money
}

// Nomination is one nomination sent upward, with its public notice:
// records/nominations/<year>/<id>.yaml (推荐上报, 公示).
type Nomination struct {
	ID        string   `yaml:"id"`
	Honor     string   `yaml:"honor"`
	Heroes    []string `yaml:"heroes"`
	Submitted Date     `yaml:"submitted"` // "" until the papers are sent
	Notice    *Notice  `yaml:"notice"`
	Outcome   string   `yaml:"outcome"`  // pending | awarded | not_awarded
	Decision  string   `yaml:"decision"` // required when awarded
	Note      string   `yaml:"note"`
	Status    string   `yaml:"status"` // "" (active) | withdrawn
	Src       Source   `yaml:"-"`
}

// Notice is the window of a 公示: the first and the last day.
type Notice struct {
	From Date `yaml:"from"`
	To   Date `yaml:"to"`
}

// Open reports whether day lies in the notice's window, both ends included.
func (n *Notice) Open(day time.Time) bool {
	if n == nil {
		return false
	}
	d := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
	return !d.Before(n.From.Time()) && !d.After(n.To.Time())
}
