package status

import (
	"cmp"
	"slices"

	"github.com/yancheng-jyyw/roll/internal/bulletin"
	"github.com/yancheng-jyyw/roll/internal/care"
	"github.com/yancheng-jyyw/roll/internal/history"
	"github.com/yancheng-jyyw/roll/internal/ledger"
	"github.com/yancheng-jyyw/roll/internal/taskboard"
)

// Overview is the home page: the current year at a glance.
type Overview struct {
	Board         *taskboard.Board // the current year's plan
	Care          *care.Care       // the current year's visits
	Overdue       []*taskboard.TaskView
	Uninsured     int
	Pending       int
	Stations      int
	Demonstration int
	Errors        int
	Warnings      int
	Recent        []Change     // the latest commits that changed records
	Fund          *ledger.Year // the current year's fund; nil without one
	Unpaid        int          // visit amounts and rewards of every year not paid as written
	// Bulletin is the 通报 of the current year's latest period; nil when
	// there is none yet.
	Bulletin *bulletin.Bulletin
}

// Change is a commit and the records it changed.
type Change struct {
	history.Commit
	Files int
}

const recentChanges = 12

func (s *statusSite) overview(boards []*taskboard.Board, cares []*care.Care, att *Attention, latest *bulletin.Bulletin) *Overview {
	o := &Overview{
		Uninsured: len(att.Uninsured), Pending: len(att.Pending), Stations: len(att.Stations),
		Errors: att.Errors, Warnings: att.Warnings, Bulletin: latest,
		Fund: s.book().Of(s.year), Unpaid: s.book().OpenCount(),
	}
	for _, b := range boards {
		if b.Year == s.year {
			o.Board = b
		}
		o.Overdue = append(o.Overdue, b.Overdue...)
	}
	for _, c := range cares {
		if c.Year == s.year {
			o.Care = c
		}
	}
	for _, st := range att.Stations {
		if st.Demonstration {
			o.Demonstration++
		}
	}
	byHash := map[string]*Change{}
	for _, cs := range s.hist.Files {
		for _, c := range cs {
			if ch, ok := byHash[c.Hash]; ok {
				ch.Files++
			} else {
				byHash[c.Hash] = &Change{Commit: c, Files: 1}
			}
		}
	}
	for _, ch := range byHash {
		o.Recent = append(o.Recent, *ch)
	}
	slices.SortFunc(o.Recent, func(a, b Change) int {
		return cmp.Or(b.When.Compare(a.When), cmp.Compare(a.Hash, b.Hash))
	})
	if len(o.Recent) > recentChanges {
		o.Recent = o.Recent[:recentChanges]
	}
	return o
}
