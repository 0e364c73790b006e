package serve

import (
	"bytes"
	"cmp"
	"html/template"
	"slices"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/l10n"
)

// notice is the server's own page: a banner, a lead paragraph, and
// the findings or the error of a failed build.
type notice struct {
	Lang     string
	Title    string
	Lead     string
	Class    string // "failed" or "info": the colour of the banner
	Error    string
	Findings []row
}

// row is one finding as the page lists it.
type row struct {
	Where, Severity, Message, Rule string
	Warning                        bool
}

var noticeTemplate = template.Must(template.New("notice").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{.Title}} · roll serve</title>
<style>
body { margin: 0; font: 16px/1.6 system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #222; background: #faf8f5; }
.banner { padding: 1.2rem 1.5rem; color: #fff; background: #8e1b16; }
.banner.info { background: #44546a; }
.banner h1 { margin: 0 0 .3rem; font-size: 1.35rem; }
.banner p { margin: 0; }
main { padding: 1rem 1.5rem 3rem; max-width: 70rem; }
ol { padding: 0; list-style: none; }
li { margin: 0 0 .8rem; padding: .6rem .8rem; background: #fff; border-left: 4px solid #8e1b16; }
li.warning { border-color: #c98a00; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .92em; }
.where { display: block; color: #555; word-break: break-all; }
.severity { font-weight: bold; }
.rule { color: #777; }
pre { white-space: pre-wrap; background: #fff; padding: 1rem; }
</style>
</head>
<body>
<header class="banner {{.Class}}" role="alert">
<h1>{{.Title}}</h1>
<p>{{.Lead}}</p>
</header>
<main>
{{- with .Error}}
<pre>{{.}}</pre>
{{- end}}
{{- with .Findings}}
<ol class="findings">
{{- range .}}
<li{{if .Warning}} class="warning"{{end}}><code class="where">{{.Where}}</code> <span class="severity">{{.Severity}}</span>: {{.Message}}{{with .Rule}} <span class="rule">({{.}})</span>{{end}}</li>
{{- end}}
</ol>
{{- end}}
</main>
</body>
</html>
`))

// render executes the notice template; it cannot fail on these values, so
// an error is shown as text.
func (s *server) render(n notice) []byte {
	n.Lang = "zh-CN"
	if s.lang == l10n.English {
		n.Lang = "en"
	}
	var b bytes.Buffer
	if err := noticeTemplate.Execute(&b, n); err != nil {
		return []byte(template.HTMLEscapeString(err.Error()))
	}
	return b.Bytes()
}

func (s *server) text(m finding.Message) string { return m.Localize(s.p) }

// failurePage lists why the sites were not built.
func (s *server) failurePage(g *generation) []byte {
	n := notice{Class: "failed"}
	if g.err != nil {
		n.Title = s.text(finding.Msg("The build failed"))
		n.Lead = s.text(finding.Msg("roll could not build the sites. Fix the problem below and save: this page reloads by itself."))
		n.Error = g.err.Error()
		return s.render(n)
	}
	n.Title = s.text(finding.Msg("The records have errors: the sites were not rebuilt"))
	n.Lead = s.text(finding.Msg("%d errors, %d warnings. Fix the errors and save the file: this page reloads by itself, and the sites come back once the records are valid.",
		g.findings.Errors(), g.findings.Warnings()))
	// The errors first: they are what keeps the sites from being built; the
	// warnings follow, each group in the order of the files.
	list := slices.Clone(g.findings)
	slices.SortStableFunc(list, func(a, b finding.Finding) int { return cmp.Compare(a.Severity, b.Severity) })
	for _, f := range list {
		r := row{Where: f.Where(), Message: f.Text(s.p), Rule: f.Rule, Warning: f.Severity == finding.Warning}
		if r.Warning {
			r.Severity = s.text(finding.Msg("warning"))
		} else {
			r.Severity = s.text(finding.Msg("error"))
		}
		n.Findings = append(n.Findings, r)
	}
	return s.render(n)
}

// buildingPage is shown until the first build ends.
func (s *server) buildingPage() []byte {
	return s.render(notice{
		Class: "info",
		Title: s.text(finding.Msg("Building the sites…")),
		Lead:  s.text(finding.Msg("This page reloads by itself when the build is done.")),
	})
}
