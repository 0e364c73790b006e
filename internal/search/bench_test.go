package search

import (
	"encoding/json"
	"strings"
	"testing"
)

// benchHero is a hero as the index shows most: a name, a place, a summary
// and a lead of a paragraph.
var benchHero = Hero{URL: "heroes/H-2016-0795.html", Name: "上官建国", Jurisdiction: "binhai", Year: 2016, Kind: "stop_crime",
	Outcome: "unharmed", Honors: []string{"city-model"}, Place: "滨海县五汛镇振兴路", Summary: "追赶抢劫嫌疑人，协助民警将其抓获",
	Lead: strings.Repeat("2016年7月13日下午，一场雷雨刚过。滨海县五汛镇振兴路传来“抓小偷”的呼喊声，", 3)}

// BenchmarkRow writes one hero's row of the index.
func BenchmarkRow(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		benchHero.appendRow(nil)
	}
}

// BenchmarkRowKept writes one hero's row with the pinyin of his name
// kept.
func BenchmarkRowKept(b *testing.B) {
	h := benchHero
	h.Pinyin = Pinyin(h.Name)
	b.ReportAllocs()
	for b.Loop() {
		h.appendRow(nil)
	}
}

// BenchmarkPinyin reads one name aloud.
func BenchmarkPinyin(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Pinyin(benchHero.Name)
	}
}

// BenchmarkRowMarshal writes one hero's row by encoding/json, as the
// index was written before appendRow.
func BenchmarkRowMarshal(b *testing.B) {
	h := benchHero
	py := Pinyin(h.Name)
	b.ReportAllocs()
	for b.Loop() {
		json.Marshal(entry{URL: h.URL, Name: h.Name, Pinyin: py, Jurisdiction: h.Jurisdiction, Year: h.Year,
			Kind: h.Kind, Outcome: h.Outcome, Honors: h.Honors, Place: h.Place, Summary: h.Summary, Lead: h.Lead, Martyr: h.Martyr})
	}
}
