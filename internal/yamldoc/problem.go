package yamldoc

import (
	"regexp"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"golang.org/x/text/message"
)

// yaml.v3 reports syntax errors in English. The known problems become
// message keys (translated in package l10n); an unknown one is shown as it
// is in English and as a general sentence in Chinese, so no English leaks
// into a Chinese finding.
var problems = []struct {
	re  *regexp.Regexp
	key string
}{
	{regexp.MustCompile(`^mapping values are not allowed in this context$`), "a colon is not allowed here (put text that contains \": \" in quotes)"},
	{regexp.MustCompile(`^did not find expected key$`), "expected a key here (check the indentation)"},
	{regexp.MustCompile(`^found character that cannot start any token$`), "this character cannot start a value (put the text in quotes)"},
	{regexp.MustCompile(`^could not find expected ':'$`), "expected a colon after the key"},
	{regexp.MustCompile(`^did not find expected '-' indicator$`), "expected a list item \"-\" here (check the indentation)"},
	{regexp.MustCompile(`^found unexpected end of stream$`), "the file ends too early (a quote or bracket is not closed)"},
	{regexp.MustCompile(`^did not find expected node content$`), "expected a value here"},
	{regexp.MustCompile(`^found unknown escape character`), "unknown escape character in a quoted text"},
	{regexp.MustCompile(`^block sequence entries are not allowed in this context$`), "a list item is not allowed here (check the indentation)"},
	{regexp.MustCompile(`^did not find expected ',' or ']'$`), "expected \",\" or \"]\" in a [ ] list"},
	{regexp.MustCompile(`^did not find expected ',' or '}'$`), "expected \",\" or \"}\" in a { } mapping"},
	{regexp.MustCompile(`^unknown anchor '(.*)' referenced$`), "the alias *%s refers to no anchor"},
	{regexp.MustCompile(`^anchor '(.*)' value contains itself$`), "the anchor &%s contains itself"},
	{regexp.MustCompile(`^control characters are not allowed$`), "control characters are not allowed"},
	{regexp.MustCompile(`^found a tab character`), "a tab is used for indentation; YAML indents with spaces only"},
	{regexp.MustCompile(`^did not find expected <document start>$`), "a second document starts here; a record holds one document"},
	{regexp.MustCompile(`^found unexpected document indicator`), "a second document starts here; a record holds one document"},
	{regexp.MustCompile(`^did not find expected comment or line break$`), "unexpected text after a value"},
}

func problem(s string) finding.Message {
	for _, p := range problems {
		if m := p.re.FindStringSubmatch(s); m != nil {
			args := make([]any, len(m)-1)
			for i, a := range m[1:] {
				args[i] = a
			}
			return finding.Msg(p.key, args...)
		}
	}
	return unknownProblem(s)
}

type unknownProblem string

func (u unknownProblem) Localize(p *message.Printer) string {
	const general = "the YAML parser could not read this line"
	if p.Sprintf(general) == general {
		return string(u) // English: yaml.v3's own words
	}
	return p.Sprintf(general)
}
