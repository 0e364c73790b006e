package site

import (
	"html/template"
	"strconv"
	"strings"
	"time"
)

// Funcs returns the template functions both sites use. Each is a pure
// function of its arguments.
func Funcs() template.FuncMap {
	return template.FuncMap{
		"zhdate":  ZhDate,
		"percent": Percent,
	}
}

// ZhDate writes a YYYY-MM-DD date the Chinese way, 2020年3月14日; a year
// and month alone (YYYY-MM) as 2020年3月; anything else as it is.
func ZhDate(s string) string {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return strconv.Itoa(t.Year()) + "年" + strconv.Itoa(int(t.Month())) + "月" + strconv.Itoa(t.Day()) + "日"
	}
	if t, err := time.Parse("2006-01", s); err == nil {
		return strconv.Itoa(t.Year()) + "年" + strconv.Itoa(int(t.Month())) + "月"
	}
	return strings.TrimSpace(s)
}

// Percent is n as a whole percentage of max, for the width of a bar; at
// least 1 when n is positive so that a small count stays visible, 0 when max
// is not positive.
func Percent(n, max int) int {
	if max <= 0 || n <= 0 {
		return 0
	}
	p := n * 100 / max
	if p < 1 {
		p = 1
	}
	if p > 100 {
		p = 100
	}
	return p
}
