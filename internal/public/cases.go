package public

import (
	"fmt"
	"slices"

	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/site"
)

// groupDeed is a group deed (群体事迹): the heroes whose records share a
// deed.case, as the three fishermen of one rescue do. Its page names the
// heroes on the roll and counts the others who were confirmed, without
// naming them: a hero who did not consent, or a minor without a guardian's
// consent, acted with them all the same. Heroes not confirmed (pending,
// withdrawn) are not counted: the police have not said they were there.
type groupDeed struct {
	Case   string   // deed.case
	Path   string   // cases/<case>.html
	Heroes []*entry // on the roll, in roll order
	Hidden int      // confirmed heroes of the case who are not on the roll
}

// Others are the heroes of the group other than e, in roll order.
func (g *groupDeed) Others(e *entry) []*entry {
	var out []*entry
	for _, x := range g.Heroes {
		if x != e {
			out = append(out, x)
		}
	}
	return out
}

// Size is how many took part: those named and those counted.
func (g *groupDeed) Size() int { return len(g.Heroes) + g.Hidden }

// key is what the group's page and its heroes' pages show of it.
func (g *groupDeed) key() site.Key {
	return site.NewInputs("group").String(g.Case).Int(g.Hidden).Key(digest("heroes", g.Heroes)).Done()
}

// groups finds the group deeds of the published heroes, in roll order of
// their first hero, and links each hero to its group. A case makes a group
// when at least one of its heroes is on the roll and at least two took
// part. The case of a published hero comes from its public projection;
// that of a hero off the roll from its record, to count it; pub is each
// of repo's heroes' Publication (publications).
func groups(repo *model.Repo, pub []Withheld, heroes []*entry) ([]*groupDeed, error) {
	byCase := map[string]*groupDeed{}
	var out []*groupDeed
	for _, e := range heroes {
		c := e.Deed.Case
		if c == "" {
			continue
		}
		g := byCase[c]
		if g == nil {
			if !site.SafeName(c) {
				return nil, fmt.Errorf("%s: case %q cannot name a page", e.src.Src.File, c)
			}
			g = &groupDeed{Case: c, Path: "cases/" + c + ".html"}
			byCase[c] = g
			out = append(out, g)
		}
		g.Heroes = append(g.Heroes, e)
	}
	for i := range repo.Heroes {
		h := &repo.Heroes[i]
		if g := byCase[h.Deed.Case]; g != nil && h.Status == "confirmed" && pub[i] != Published {
			g.Hidden++
		}
	}
	out = slices.DeleteFunc(out, func(g *groupDeed) bool { return g.Size() < 2 })
	for _, g := range out {
		for _, e := range g.Heroes {
			e.Group = g
		}
	}
	return out, nil
}

// Group is the data of a group deed's page: the deed as its first hero's
// record tells it (the date, the place, the kind), and its heroes.
type Group struct {
	*groupDeed
	Deed Deed
	Kind string // the kind's word
}

// groupPages lists the page of each group deed.
func (r *roll) groupPages(out *pageList) {
	for _, g := range r.groups {
		first := g.Heroes[0]
		for _, e := range g.Heroes[1:] {
			if e.Deed.Date < first.Deed.Date {
				first = e
			}
		}
		data := Group{groupDeed: g, Deed: first.Deed, Kind: first.Kind.Zh()}
		desc := fmt.Sprintf("群体事迹：%s。%d 人参与", first.Deed.Summary, g.Size())
		out.static(g.Path, "case.html", g.key(), site.Frame{Title: "群体事迹：" + first.Deed.Summary, Section: "roll",
			OGType: "article", Description: desc + "。", Data: data})
	}
}
