package status

import (
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/site"
	"github.com/yancheng-jyyw/roll/internal/value"
)

// A status page's bytes are a function of its frame (the data it shows,
// its title) and of what every page of the site reads (Site.Inputs: the
// settings and catalogs, the schemas, the build date, the commit, the
// templates, the code of roll). So each page names, before its data is
// built, the inputs it shows beyond those:
//
//   - the lists of heroes, by the heroes they list: heroes.html by the
//     fields its rows and charts show (roster.ListKey), pending.html and
//     insurance.html by the fields (the front matter, not the narrative)
//     and the history of the heroes on them;
//   - stations.html by the stations' files and histories, quality.html by
//     the findings;
//   - every other page (the overview, the plan and tasks, care, the fund,
//     decisions, the 通报, events, teams) by the fields of every record:
//     the bytes of each YAML record, the front matter of each hero but
//     the deed's summary and place (shownAlone), each portrait, and the
//     findings. They show the history of many records;
//     the history is a function of HEAD, which Site.Inputs names.
//
// No page but a hero's own record shows a narrative, so an edit to one
// renders that record's page alone (a summary: the record and the lists
// that show it); an edit to a field renders the pages
// that show the record, and those that count across every record. A
// workbook is keyed as its page is: it is made from the page's data.
//
// TestKeysCoverWhatPagesShow renders every page after an edit to each
// field of the sample records and fails when a page's bytes changed and
// its key did not.

// fieldsKey is the key of every record as the pages that count across
// the archive read them (records, recordsKey) and of the findings (whose
// key is findings).
func fieldsKey(records, findings site.Key) site.Key {
	return site.NewInputs("fields").Key(records).Key(findings).Done()
}

// recordsKey is the key of every record as the pages that count across
// the archive read them: each record's file with the bytes of a YAML
// record, the front matter of a Markdown one (its narrative apart), each
// portrait. It needs no findings: it is made before they are known.
func (s *statusSite) recordsKey(memo *Memo) site.Key {
	in := site.NewInputs("records").Int(len(s.repo.Records))
	var buf []byte
	for i := range s.repo.Records {
		r := &s.repo.Records[i]
		in.String(r.Kind).String(r.Src.File)
		switch {
		case r.Body == "":
			in.Record(r.Src.Sum)
		case r.Kind == "hero":
			countedHero(in, r.Src, &buf, memo)
		default:
			sourceValue(in, r.Src)
		}
	}
	in.Int(len(s.repo.Portraits))
	for _, p := range s.repo.Portraits {
		in.String(p.File).Record(p.Sum).Int(p.Width).Int(p.Height).Bool(p.Usable)
	}
	in.Int(len(s.repo.Broken))
	return in.Done()
}

// shownAlone are the fields of a hero that no page counting across the
// archive shows: the deed's summary and place are on the hero's own
// record and on the lists of heroes (pending.html), which are keyed by
// the heroes they list. Leaving them out of fieldsKey renders only those
// pages again after a clerk corrects a summary, not the fund, the care,
// the plan and its tasks (TestKeysCoverWhatPagesShow edits each of them
// and holds every page to its key).
var shownAlone = [][]string{{"deed", "summary"}, {"deed", "place"}}

// countedHero adds a hero's front matter to in as the pages that count
// across the archive read it: without the fields shownAlone, by the key
// of what is left, which memo keeps by the SHA-256 of the record's bytes.
// A record built by hand (no packed value) is added whole. buf is reused
// from one hero to the next.
func countedHero(in *site.Inputs, src model.Source, buf *[]byte, memo *Memo) {
	if src.Packed == nil {
		sourceValue(in, src)
		return
	}
	if k, ok := memo.countedKey(src.Sum); ok {
		in.String("counted").Key(k)
		return
	}
	var ok bool
	if *buf, ok = value.AppendWithoutAll((*buf)[:0], src.Packed, shownAlone...); !ok {
		sourceValue(in, src)
		return
	}
	k := site.NewInputs("counted").Packed(*buf).Done()
	memo.keepCounted(src.Sum, k)
	in.String("counted").Key(k)
}

// sourceValue adds a record's JSON value to in: packed, as loaded records
// keep it, or the value of a record built by hand.
func sourceValue(in *site.Inputs, src model.Source) *site.Inputs {
	if src.Packed != nil {
		return in.Packed(src.Packed)
	}
	return in.Value(src.Raw)
}

// heroesKey is the key of the heroes a list shows: their files, front
// matter and history, in the list's order.
func (s *statusSite) heroesKey(name string, hs []*model.Hero) site.Key {
	in := site.NewInputs(name).Int(len(hs))
	for _, h := range hs {
		in.String(h.ID)
		sourceValue(in.String(h.Src.File), h.Src).History(s.record(h.Src.File))
	}
	return in.Done()
}

// stationsKey is the key of the stations page: every station's file and
// history.
func (s *statusSite) stationsKey() site.Key {
	in := site.NewInputs("stations").Int(len(s.repo.Stations))
	for i := range s.repo.Stations {
		st := &s.repo.Stations[i]
		in.String(st.Src.File).Record(st.Src.Sum).History(s.record(st.Src.File))
	}
	return in.Done()
}

// framed is the key of a page showing what key names under the frame f.
func framed(key site.Key, f site.Frame) site.Key {
	return site.NewInputs("shown").Key(key).String(f.Title).String(f.Section).String(f.Export).Done()
}
