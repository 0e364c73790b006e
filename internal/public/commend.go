package public

import (
	"time"

	"github.com/yancheng-jyyw/roll/internal/gazette"
	"github.com/yancheng-jyyw/roll/internal/model"
)

// The commendations (package gazette) read the roll through two methods:
// who is on it and under what name, and the redaction of the names that
// may not be published. The published entries stay in this package.

// Published returns the hero id as the roll shows him.
func (r *roll) Published(id string) (gazette.Person, bool) {
	e, ok := r.byID[id]
	if !ok {
		return gazette.Person{}, false
	}
	return gazette.Person{
		ID: e.ID, Name: e.Name, Path: e.Path, Jurisdiction: e.Jurisdiction.Name,
		Date: e.Deed.Date, Summary: e.Deed.Summary,
	}, true
}

// Redact replaces in s the names that may not be published. The texts of
// commendations are no hero's own, so no name is spared as his.
func (r *roll) Redact(s string) string { return r.red.text(s, "") }

// gazette gathers the published decisions and the open 公示, and links
// each title on a hero's page to the decision that awarded it.
func (r *roll) gazette(repo *model.Repo, proj Projector, today time.Time) (*gazette.Gazette, error) {
	held := map[string]bool{} // honors with a page: held by a hero on the roll
	for _, e := range r.heroes {
		for _, a := range e.Honors {
			held[a.ID] = true
		}
	}
	names := map[string]link{}
	for _, h := range r.honors {
		names[h.ID] = h
	}
	g, err := gazette.New(gazette.Input{
		Decisions: repo.Decisions, Nominations: repo.Nominations, Site: repo.Site.Src.Value(),
		Honor: func(id string) gazette.Link {
			l, ok := names[id]
			if !ok {
				return gazette.Link{ID: id, Name: id}
			}
			if !held[id] {
				l.Path = ""
			}
			return gazette.Link{ID: l.ID, Name: l.Name, Path: l.Path}
		},
		Proj: proj, Roll: r, Today: today,
	})
	if err != nil {
		return nil, err
	}
	for _, e := range r.heroes {
		for i := range e.Honors {
			if d, ok := g.Award(e.ID, e.Honors[i].ID, e.Honors[i].Year); ok {
				e.Honors[i].Decision = d
			}
		}
	}
	return g, nil
}
