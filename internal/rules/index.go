package rules

import "github.com/yancheng-jyyw/roll/internal/model"

// index finds the records that others refer to by id. Where two records
// share an id (rule 1 reports it), the first is kept.
type index struct {
	tasks     map[string]*model.Task
	visits    map[string]*model.Visit
	events    map[string]*model.Event
	decisions map[string]*model.Decision
}

// refs returns the index of the repository, built on first use.
func (c *checker) refs() *index {
	if c.ix != nil {
		return c.ix
	}
	r := c.repo
	ix := &index{
		tasks:     make(map[string]*model.Task, len(r.Tasks)),
		visits:    make(map[string]*model.Visit, len(r.Visits)),
		events:    make(map[string]*model.Event, len(r.Events)),
		decisions: make(map[string]*model.Decision, len(r.Decisions)),
	}
	for i := range r.Tasks {
		first(ix.tasks, r.Tasks[i].ID, &r.Tasks[i])
	}
	for i := range r.Visits {
		first(ix.visits, r.Visits[i].ID, &r.Visits[i])
	}
	for i := range r.Events {
		first(ix.events, r.Events[i].ID, &r.Events[i])
	}
	for i := range r.Decisions {
		first(ix.decisions, r.Decisions[i].ID, &r.Decisions[i])
	}
	c.ix = ix
	return ix
}

func first[T any](m map[string]*T, id string, v *T) {
	if _, dup := m[id]; !dup {
		m[id] = v
	}
}

// broken reports whether id is that of a record that failed to load: a
// reference to it is not reported again.
func (c *checker) broken(id string) bool {
	_, ok := c.repo.Broken[id]
	return ok
}
