package rules

import (
	"strings"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/model"
)

// portraits checks each hero's photo against its record (DESIGN §7): a
// photo is beside its hero's record, and a hero on the public roll whose
// photo will not be published is told why (warnings: the photo is kept
// in the repository, and published once the record allows it). A photo
// of a hero off the roll (pending, withdrawn, without consent) is never
// published and needs no word. Package records reports a photo that is
// refused in itself (not a JPEG, too large, too small); that error is the
// only word on it until it is replaced.
func (c *checker) portraits() {
	if len(c.repo.Portraits) == 0 {
		return
	}
	heroByFile := c.heroByFile
	if heroByFile == nil {
		heroByFile = make(map[string]*model.Hero, len(c.repo.Heroes))
		for i := range c.repo.Heroes {
			heroByFile[c.repo.Heroes[i].Src.File] = &c.repo.Heroes[i]
		}
	}
	broken := map[string]bool{}
	for _, f := range c.repo.Broken {
		broken[f] = true
	}
	for _, p := range c.repo.Portraits {
		record := strings.TrimSuffix(p.File, ".jpg") + ".md"
		h := heroByFile[record]
		switch {
		case h == nil && broken[record]:
			// The record is there but does not load: its findings say why.
		case h == nil:
			c.list.Errorf(p.File, finding.Pos{}, "portrait", "no hero record %s beside this photo; a portrait is named as its hero's record is, with .jpg for .md", record)
		case withheld(h, c.today) != nil, !p.Usable:
			// Off the roll, the photo is never published; refused in
			// itself, the loader's error says what to do first.
		case !h.Public.PhotoConsent:
			c.list.Warnf(p.File, finding.Pos{}, "portrait", "the photo is not published: %s does not set public.photo_consent: true; set it once the hero agrees in writing", h.ID)
		case h.Public.Anonymize:
			c.list.Warnf(p.File, finding.Pos{}, "portrait", "the photo is never published: %s is shown anonymized (public.anonymize), and a photo would show who it is", h.ID)
		}
	}
}
