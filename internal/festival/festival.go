// Package festival gives the days of the two festivals at which the
// foundation visits priority families (plan task 8): the Spring Festival
// (春节, the first day of the first lunar month) and the Mid-Autumn
// Festival (中秋, the fifteenth of the eighth), from 1990 to 2100.
//
// The table is generated from the Chinese calendar of the lunar-go
// library (MIT licence, LICENSE.lunar-go) by the generator in gen/, a
// module of its own: `go generate ./internal/festival`. A year outside
// it is an error, never a guess.
package festival

//go:generate sh -c "cd gen && go run ."

import (
	"fmt"
	"time"
)

// Days returns the Spring Festival and the Mid-Autumn Festival of year.
func Days(year int) (spring, midAutumn time.Time, err error) {
	if year < First || year > Last {
		return time.Time{}, time.Time{}, fmt.Errorf("no festival dates for %d: the calendar table covers %d to %d (internal/festival)", year, First, Last)
	}
	d := days[year-First]
	day := func(mmdd int16) time.Time {
		return time.Date(year, time.Month(mmdd/100), int(mmdd%100), 0, 0, 0, 0, time.UTC)
	}
	return day(d[0]), day(d[1]), nil
}
