// Package l10n renders finding messages in Chinese or English.
//
// Messages are keyed by their English fmt format (see finding.Msg), as
// golang.org/x/text/message expects; this package holds the Chinese form of
// every key: those of roll's own rules (rules.go) and those of the
// jsonschema validator's error kinds (jsonschema.go). A test walks the source
// tree and fails when a key used anywhere has no Chinese form, so no English
// leaks into a Chinese finding.
//
// The package is larger than 600 lines because it is mostly catalog: one
// file of Chinese forms per area of roll, so that no two areas edit one
// table.
package l10n

import (
	"fmt"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// Lang is an output language of roll.
type Lang string

const (
	Chinese Lang = "zh"
	English Lang = "en"
)

// ParseLang accepts the values of the --lang flag.
func ParseLang(s string) (Lang, error) {
	switch s {
	case "zh", "zh-CN", "zh-Hans":
		return Chinese, nil
	case "en":
		return English, nil
	}
	return "", fmt.Errorf("unknown language %q (want zh or en)", s)
}

// entry is one message: its key (the English format) and its Chinese format.
type entry struct {
	key, zh string
}

// Printer returns a printer that renders message keys in lang.
func Printer(lang Lang) *message.Printer {
	if lang == English {
		// Keys are the English formats: an empty catalog prints them as they are.
		return message.NewPrinter(language.English, message.Catalog(catalog.NewBuilder()))
	}
	b := catalog.NewBuilder(catalog.Fallback(language.SimplifiedChinese))
	for _, table := range tables {
		for _, e := range table {
			// SetString only fails for a malformed tag; ours is a constant.
			_ = b.SetString(language.SimplifiedChinese, e.key, e.zh)
		}
	}
	return message.NewPrinter(language.SimplifiedChinese, message.Catalog(b))
}

// Has reports whether key has a Chinese form. Tests use it.
func Has(key string) bool {
	for _, table := range tables {
		for _, e := range table {
			if e.key == key {
				return true
			}
		}
	}
	return false
}

// tables are the catalogs of every area, one file of this package each.
var tables = [][]entry{
	ruleMessages,
	portraitMessages,
	jsonschemaMessages,
	wordMessages,
	reportMessages,
	baseMessages,
	serveMessages,
	vocabularyMessages,
	moneyMessages,
	reportingMessages,
	measureMessages,
	commendationMessages,
	scaffoldMessages,
	buildMessages,
	hintMessages,
	cliMessages,
	hostileMessages,
	cmsMessages,
}

// wordMessages are the words of the output formats themselves.
var wordMessages = []entry{
	{"error", "错误"},
	{"warning", "警告"},
}
