package rules

import (
	"crypto/sha256"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/fold"
	"github.com/yancheng-jyyw/roll/internal/idcard"
	"github.com/yancheng-jyyw/roll/internal/model"
	"github.com/yancheng-jyyw/roll/internal/schema"
)

// Rule 10 (DESIGN §5): no private data in public text.
//
// The schemas say what is private: every value whose x-visibility is
// private (or that no schema describes) is a secret, and every public value
// and every narrative is public text, whatever the kind of the record
// (model.Repo.Records, schema.Set.Leaves), so a kind added tomorrow with a
// private contact is covered without a line of code here. A secret found in
// any public text, of its own record or another, folded (package fold: with
// spaces, dashes, fullwidth digits, character references or zero-width
// characters inside), is an error; so is any mobile number or 18-character
// ID number, whoever's. A disability grade (伤残等级, private health data)
// named in a public text is a warning.
//
// Anonymity (rules 6 and 7, and the published texts of issue 18) is checked
// on the same texts in the same pass: see anonymity.go.

// publicText is one text that is or may be published: a public value of a
// record, or a record's narrative.
type publicText struct {
	rec   *model.Record
	idx   int32 // of rec among the repository's records
	value string
	// The value's leaf (leafPath); -1 for the narrative. Its path is
	// found again only for a finding: most texts have none.
	leaf int32
	name bool // the value is the record's name (path "name")
}

// narrative reports whether t is a narrative, not a value.
func (t *publicText) narrative() bool { return t.leaf < 0 }

// leafPath returns the path of the leaf-th value that schema.Set.Leaves
// calls back with in rec (counting from 0, every value).
func (c *checker) leafPath(rec *model.Record, leaf int32) []string {
	var path []string
	n := int32(0)
	c.leafTexts(rec, func(p []string, _, _ string, _ bool) {
		if n == leaf {
			path = append([]string(nil), p...)
		}
		n++
	})
	return path
}

// where names the text in a message: "the narrative" or the value's path
// with its title, "deed.summary（事迹概述）".
func (c *checker) where(t *publicText) finding.Message {
	if t.narrative() {
		return finding.Msg("the narrative")
	}
	return c.fieldName(schema.Kind(t.rec.Kind), c.leafPath(t.rec, t.leaf))
}

// fieldName is a value's path with its schema title: deed.summary（事迹概述）,
// in English deed.summary.
func (c *checker) fieldName(k schema.Kind, path []string) finding.Message {
	name := dotted(path)
	if title := c.schemas.Title(k, path...); title != "" {
		return finding.Msg("%s (%s)", name, title)
	}
	return finding.Msg("%s", name)
}

func dotted(path []string) string {
	var b strings.Builder
	for _, p := range path {
		if p != "" && p[0] >= '0' && p[0] <= '9' {
			b.WriteString("[" + p + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

// pos is where in its file a match at [start, end) of the original text
// of t lies: the line and column in a narrative, the value's position in
// YAML.
func (c *checker) pos(t *publicText, start int) finding.Pos {
	if !t.narrative() {
		return t.rec.Src.At(c.leafPath(t.rec, t.leaf)...)
	}
	before := t.value[:start]
	line := t.rec.BodyLine + strings.Count(before, "\n")
	if i := strings.LastIndexByte(before, '\n'); i >= 0 {
		before = before[i+1:]
	}
	return finding.Pos{Line: line, Col: utf8.RuneCountInString(before) + 1}
}

// secret is a private value, or a part of one, of a record: its leaf-th
// value (leafPath).
type secret struct {
	rec  *model.Record
	leaf int32
}

// texts walks the repository's records once: it gathers the folded
// parts of the private values of each record and lists its public texts.
// The records are walked by a few workers at once, each over a run of
// them; the texts are listed by run, in the records' order. A public text
// that scan would pass over at once (inert) is not kept.
//
// A record the memo knows (memo.go) is not walked: the parts of its
// private values are the memo's, and its texts are listed only if it must
// be scanned again (privacy).
func (c *checker) texts() (runs []textRun) {
	recs := c.repo.Records
	workers := max(1, min(runtime.GOMAXPROCS(0), len(recs)/1000))
	runs = make([]textRun, workers)
	chunk := (len(recs) + workers - 1) / workers
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := min(len(recs), w*chunk), min(len(recs), (w+1)*chunk)
		wg.Go(func() {
			res := &runs[w]
			var folder fold.Folder
			var buf []string
			for i := lo; i < hi; i++ {
				rec := &recs[i]
				wk := recWork{idx: int32(i), fresh: -1}
				if c.memo != nil && c.memo.known(i) {
					wk.known, wk.clean = true, c.memo.flags(int(c.memo.next[i].old))&textsClean != 0
					res.recs.add(wk)
					continue
				}
				n := int32(0)
				var fw freshWork
				buf = c.recordTexts(rec, int32(i), &folder, buf, func(word string, leaf int32) {
					// A word the dictionary would not add (fold.Addable)
					// is no secret.
					if fold.Addable(word) {
						fw.parts = append(fw.parts, memoPart{word: word, leaf: leaf})
					}
				}, func(t publicText) {
					res.texts.add(t)
					n++
				})
				wk.texts = n
				if c.memo != nil {
					fw.words = appendWords(nil, rec, fw.parts)
					if c.memo.keyed(i) {
						c.memo.freshOf(i).words = fw.words
					}
				}
				wk.fresh = int32(len(res.fresh))
				res.fresh = append(res.fresh, fw)
				res.recs.add(wk)
			}
		})
	}
	wg.Wait()
	return runs
}

// eachPart calls fn with each part of a private value of the records of
// runs, in the records' order: the memo's of a record it knows.
func (c *checker) eachPart(runs []textRun, fn func(word string, owner secret)) {
	for _, r := range runs {
		for _, b := range r.recs {
			for i := range b {
				wk := &b[i]
				rec := &c.repo.Records[wk.idx]
				if !wk.known {
					for _, p := range r.fresh[wk.fresh].parts {
						fn(p.word, secret{rec: rec, leaf: p.leaf})
					}
					continue
				}
				c.memo.parts(int(c.memo.next[wk.idx].old), func(word string, leaf int32) {
					fn(word, secret{rec: rec, leaf: leaf})
				})
			}
		}
	}
}

// partsSum is the SHA-256 of the encoded path and parts of every record
// of runs that has parts (appendWords), in the records' order: what the
// memo's dictKey holds of the private values.
func (c *checker) partsSum(runs []textRun) [sha256.Size]byte {
	h := sha256.New()
	for _, r := range runs {
		for _, b := range r.recs {
			for i := range b {
				switch wk := &b[i]; {
				case wk.known:
					if k := int(c.memo.next[wk.idx].old); c.memo.hasParts(k) {
						h.Write(c.memo.words(k))
					}
				case len(r.fresh[wk.fresh].parts) > 0:
					h.Write(r.fresh[wk.fresh].words)
				}
			}
		}
	}
	return [sha256.Size]byte(h.Sum(nil))
}

// recordTexts walks the values of rec: it calls secret with each folded
// part of a private value (when secret is not nil) and text with each
// public text that scan would not pass over at once, the narrative last.
// It returns buf, the memory it used for the parts, for the next record.
func (c *checker) recordTexts(rec *model.Record, idx int32, folder *fold.Folder, buf []string, secret func(word string, leaf int32), text func(publicText)) []string {
	if c.schemas != nil {
		leaf := int32(-1)
		c.leafTexts(rec, func(path []string, vis string, s string, isText bool) {
			leaf++
			if !isText {
				return
			}
			switch vis {
			case schema.Public:
				if !inert(s) && strings.TrimSpace(s) != "" {
					name := len(path) == 1 && path[0] == "name"
					text(publicText{rec: rec, idx: idx, value: s, leaf: leaf, name: name})
				}
			case schema.Private:
				if secret == nil {
					return
				}
				buf = foldedSecretParts(buf[:0], folder.String(s))
				for _, p := range buf {
					secret(p, leaf)
				}
			}
		})
	}
	if !inert(rec.Body) && strings.TrimSpace(rec.Body) != "" {
		text(publicText{rec: rec, idx: idx, value: rec.Body, leaf: -1})
	}
	return buf
}

// leafTexts calls fn with each of rec's values in the order of
// schema.Set.Leaves, with its path, its visibility and, when it is a
// string, its text (isText). A loaded record's value is read where it
// lies, in its binary form (schema.Set.PackedLeaves), without making its
// maps; a record built by hand, or a form that cannot be read so, is
// walked by Leaves.
func (c *checker) leafTexts(rec *model.Record, fn func(path []string, vis string, s string, isText bool)) {
	k := schema.Kind(rec.Kind)
	if rec.Src.Raw == nil && rec.Src.Packed != nil && c.schemas.PackedLeaves(k, rec.Src.Packed, fn) {
		return
	}
	c.schemas.Leaves(k, rec.Src.Value(), func(path []string, vis string, v any) {
		s, ok := v.(string)
		fn(path, vis, s, ok)
	})
}

// textRun is the records of one run and the texts listed of them.
type textRun struct {
	recs  blocks[recWork]
	texts blocks[publicText]
	fresh []freshWork // of the records the memo did not know
}

// recWork is one record of a run, as texts found it: small, for there is
// one for every record.
type recWork struct {
	idx   int32 // of the record among the repository's records
	fresh int32 // its freshWork in the run, when not known
	texts int32 // the run's texts that are its own, when not known
	// known: the memo knew the record; its texts are not listed. clean:
	// the memo remembers it clean, under the memo's dictKey.
	known, clean bool
	passed       bool // privacy passed over it: known clean under this dictKey
}

// freshWork is what texts found of a record the memo did not know.
type freshWork struct {
	parts []memoPart // of its private values
	words []byte     // its path and parts encoded (appendWords), with a memo
}

// blocks is a list kept in blocks of a fixed size, so that growing it
// copies nothing.
type blocks[T any] [][]T

func (l *blocks[T]) add(x T) {
	n := len(*l)
	if n == 0 || len((*l)[n-1]) == cap((*l)[n-1]) {
		*l = append(*l, make([]T, 0, 1024))
		n++
	}
	(*l)[n-1] = append((*l)[n-1], x)
}

func (l blocks[T]) len() int {
	n := 0
	for _, b := range l {
		n += len(b)
	}
	return n
}

// privacy applies rule 10 and the anonymity rules to every public text
// and returns their findings. The texts are independent: a worker reads
// each run of records that texts made, and their findings are put
// together in the order of the runs, the order of the texts. A record
// that the memo remembers clean under this check's dictionary is passed
// over (memo.go). It reads the repository and writes nothing of the
// checker's but the memo, so that it may run beside the other rules.
//
// The words looked for are the parts of the private values, then the
// names (hiddenNames). When only a few records are scanned (a check
// after an edit), the dictionary holds only the words that may occur in
// their texts (fold.Starts): it finds there what the dictionary of every
// word finds, and is made from a few words rather than hundreds of
// thousands.
func (c *checker) privacy() finding.List {
	runs := c.texts()
	names, nameWords := c.hiddenNames()
	trust := false
	if c.memo != nil {
		key := c.dictKey(c.memo.nextParts, c.partsSum(runs), nameWords, names)
		trust = c.memo.entries != nil && key == c.memo.dictKey
		c.memo.nextDict = key
	}
	scanned, all := 0, 0
	for _, r := range runs {
		for _, b := range r.recs {
			for _, wk := range b {
				if !(wk.known && wk.clean && trust) {
					scanned++
				}
			}
			all += len(b)
		}
	}
	var dict *fold.Dict
	var owners []secret
	who := nameDict{hidden: names.hidden}
	if c.fewScanned == 0 || scanned*c.fewScanned < all {
		dict, owners, who.who = c.fewWords(runs, trust, nameWords, names.who)
	} else {
		var words []string
		c.eachPart(runs, func(word string, o secret) {
			words = append(words, word)
			owners = append(owners, o)
		})
		dict = &fold.Dict{}
		dict.Grow(func(yield func(string) bool) {
			for _, w := range words {
				yield(w)
			}
			for _, w := range nameWords {
				yield(w)
			}
		})
		for _, w := range words {
			dict.AddFolded(w)
		}
		for _, w := range nameWords {
			dict.AddFolded(w)
		}
		who.who = names.who
	}
	lists := make([]finding.List, len(runs))
	var wg sync.WaitGroup
	for w := range runs {
		wg.Go(func() {
			s := scanner{c: c, words: dict, owners: owners, names: who}
			walk := runWalk{c: c, run: &runs[w]}
			for _, b := range runs[w].recs {
				for i := range b {
					wk := &b[i]
					if wk.known && wk.clean && trust {
						wk.passed = true
						continue
					}
					before := len(s.list)
					walk.texts(*wk, s.scan)
					wk.clean = len(s.list) == before
				}
			}
			lists[w] = s.list
		})
	}
	wg.Wait()
	var list finding.List
	for _, l := range lists {
		list = append(list, l...)
	}
	if c.memo != nil {
		for _, r := range runs {
			for _, b := range r.recs {
				for _, wk := range b {
					if c.memo.keyed(int(wk.idx)) {
						c.memo.next[wk.idx].textsClean = wk.clean
						if wk.passed {
							c.memo.passed++
						}
					}
				}
			}
		}
	}
	return list
}

// fewScanned: the dictionary holds only the words that may occur in the
// texts scanned when fewer than one record in fewScanned is scanned.
const fewScanned = 8

// fewWords returns the dictionary of the parts of private values and the
// names (the words after them) that may occur in the texts of the records
// privacy scans, in the order of all the words, with the owner of each of
// its parts and who each of its names is.
func (c *checker) fewWords(runs []textRun, trust bool, names []string, who []hiddenName) (*fold.Dict, []secret, []hiddenName) {
	starts := make([]fold.Starts, len(runs))
	var wg sync.WaitGroup
	for w := range runs {
		wg.Go(func() {
			walk := runWalk{c: c, run: &runs[w]}
			var folder fold.Folder
			for _, b := range runs[w].recs {
				for _, wk := range b {
					if !(wk.known && wk.clean && trust) {
						walk.texts(wk, func(t *publicText) { starts[w].AddText(folder.String(t.value)) })
					}
				}
			}
		})
	}
	wg.Wait()
	for i := 1; i < len(starts); i++ {
		starts[0].Merge(&starts[i])
	}
	dict := &fold.Dict{}
	var owners []secret
	c.eachPart(runs, func(word string, o secret) {
		if starts[0].May(word) {
			dict.AddFolded(word)
			owners = append(owners, o)
		}
	})
	var few []hiddenName
	for i, w := range names {
		if starts[0].May(w) {
			dict.AddFolded(w)
			few = append(few, who[i])
		}
	}
	return dict, owners, few
}

// runWalk gives the texts of the records of a run one after the other.
type runWalk struct {
	c      *checker
	run    *textRun
	bi, ti int // the next text of the run's list
	own    []publicText
	folder fold.Folder
}

// texts calls fn with each text of wk, the next record of the run: from
// the run's list for a record texts walked, walked again for one the
// memo knew.
func (r *runWalk) texts(wk recWork, fn func(*publicText)) {
	if wk.known {
		r.own = r.own[:0]
		r.c.recordTexts(&r.c.repo.Records[wk.idx], wk.idx, &r.folder, nil, nil, func(t publicText) { r.own = append(r.own, t) })
		for i := range r.own {
			fn(&r.own[i])
		}
		return
	}
	texts := r.run.texts
	for range wk.texts {
		if r.ti == len(texts[r.bi]) {
			r.bi, r.ti = r.bi+1, 0
		}
		fn(&texts[r.bi][r.ti])
		r.ti++
	}
}

// scanner checks public texts one after another, reusing its memory.
type scanner struct {
	c      *checker
	words  *fold.Dict // the private values (owners[i] is word i), then the names
	owners []secret
	names  nameDict // who each name is: name i is word len(owners)+i
	folder fold.Folder
	// Reused from text to text:
	text                 foldedText
	matches, nameMatches []fold.Match
	covered              map[int]bool // folded starts of the secrets found in the text
	seen                 map[place]bool
	list                 finding.List
}

// inert reports whether v can hold nothing that scan looks for: ASCII
// with fewer than five digits (an id, a code, a date) holds no Chinese
// name, no secret (secretParts keeps none without Chinese or five digits)
// and no phone or ID number. Most public values are such; skipping them
// saves folding them.
func inert(v string) bool {
	digits := 0
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c >= utf8.RuneSelf, c == '&': // beyond ASCII, or a character reference
			return false
		case c >= '0' && c <= '9':
			if digits++; digits >= 5 {
				return false
			}
		}
	}
	return true
}

// place is where a finding is, and what it is about: a value holding a
// secret twice is reported once, both being at the value's position.
type place struct {
	file string
	pos  finding.Pos
	what string
}

func (s *scanner) report(t *publicText, start int, what string, sev finding.Severity, rule string, msg finding.Message) {
	k := place{t.rec.Src.File, s.c.pos(t, start), what}
	if s.seen[k] {
		return
	}
	s.seen[k] = true
	s.list.Add(k.file, k.pos, sev, rule, msg)
}

// scan checks one text.
func (s *scanner) scan(t *publicText) {
	if inert(t.value) {
		return
	}
	c := s.c
	// The folded text first, without its map to the original: most texts
	// hold nothing, and the map is needed only to report what one holds.
	folded := s.folder.String(t.value)
	matches := s.matches[:0]
	s.words.FindString(folded, func(m fold.Match) { matches = append(matches, m) })
	s.matches = matches
	if len(matches) == 0 && !idcard.HasDigitRun(folded, 11) && !mayNameGrade(folded) {
		// No word, no number (numbers finds none shorter than 11 digits),
		// no grade: most texts.
		return
	}
	s.text = foldedText{S: folded, value: t.value, folder: &s.folder}
	ft := &s.text
	if s.covered == nil {
		s.covered, s.seen = map[int]bool{}, map[place]bool{}
	}
	if len(s.covered) > 0 {
		clear(s.covered)
	}
	if len(s.seen) > 0 {
		clear(s.seen)
	}
	names := s.nameMatches[:0]
	for _, m := range matches {
		if m.Word >= len(s.owners) {
			m.Word -= len(s.owners)
			names = append(names, m)
			continue
		}
		// Private values of any record.
		start, _ := ft.Span(m.Start, m.End)
		o := s.owners[m.Word]
		s.covered[m.Start] = true
		path := c.leafPath(o.rec, o.leaf)
		s.report(t, start, "secret "+o.rec.Src.File+" "+dotted(path), finding.Error, "privacy",
			finding.Msg("%s contains the value of %s of %s, which is private; nothing private may be published",
				c.where(t), c.fieldName(schema.Kind(o.rec.Kind), path), recordName(o.rec)))
	}
	s.nameMatches = names
	// Any mobile or ID number.
	if idcard.HasDigitRun(folded, 11) { // numbers finds none shorter
		numbers(ft.Text(), func(i, j int, id bool) {
			if s.covered[i] {
				return
			}
			start, _ := ft.Span(i, j)
			key := "%s contains a mobile phone number; no phone number may be published"
			if id {
				key = "%s contains an 18-character ID number; no ID number may be published"
			}
			s.report(t, start, key, finding.Error, "privacy", finding.Msg(key, c.where(t)))
		})
	}
	// Names that may not be published.
	if len(names) > 0 && s.names.hidden > 0 && c.published(t) {
		c.names(t, ft, names, s.names.who, s.report)
	}
	// A disability grade: private health data.
	if !mayNameGrade(folded) {
		return // the common case, without the regular expression
	}
	for _, m := range disabilityGrade.FindAllStringIndex(folded, -1) {
		start, end := ft.Span(m[0], m[1])
		s.report(t, start, "grade", finding.Warning, "privacy",
			finding.Msg("%s names a disability grade (%s), which is private health data; say that the hero was disabled, without the grade",
				c.where(t), t.value[start:end]))
	}
}

// mayNameGrade reports whether the folded text f may name a disability
// grade (disabilityGrade): whether it holds 级 and 伤残 or 残疾.
func mayNameGrade(f string) bool {
	return strings.Contains(f, "级") && (strings.Contains(f, "伤残") || strings.Contains(f, "残疾"))
}

// foldedText is a public text folded, with the map to its original made
// only when something found in it is reported.
type foldedText struct {
	S      string // the folded text
	value  string
	folder *fold.Folder
	text   fold.Text
	mapped bool
}

// Text returns the folded text with its map to the original: its S is
// f.S, folded the same way.
func (f *foldedText) Text() fold.Text {
	if !f.mapped {
		f.text, f.mapped = f.folder.Fold(f.value), true
	}
	return f.text
}

// Span is Text().Span.
func (f *foldedText) Span(i, j int) (start, end int) { return f.Text().Span(i, j) }

// recordName names a record in a message: its id, or its file.
func recordName(rec *model.Record) string {
	if m, ok := rec.Src.Value().(map[string]any); ok {
		if id, ok := m["id"].(string); ok && id != "" {
			return id
		}
	}
	return rec.Src.File
}

// numbers calls fn for each mobile number (11 digits from 13 to 19, with
// or without 86 before them) and each 18-character ID number (17 digits and
// a digit or X) in ft. Folding joins digits that spaces, dashes or line
// breaks separated, so a run of folded digits is cut where the original
// had such gaps, and any stretch of whole groups of the right length
// counts: "138 0000 1924" is a number, and so is the 13800001924 of
// "13800001924\n2020年".
func numbers(ft fold.Text, fn func(i, j int, id bool)) {
	s := ft.S
	for i := 0; i < len(s); {
		if s[i] < '0' || s[i] > '9' {
			i++
			continue
		}
		j := i
		cuts := []int{i}
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			if j > i && ft.Gap(j) {
				cuts = append(cuts, j)
			}
			j++
		}
		end := j
		if j < len(s) && s[j] == 'X' && !ft.Gap(j) {
			end = j + 1 // the check character of an ID number
		}
		cuts = append(cuts, j)
		// The longest number from each cut on, and none inside one found:
		// +86 139… is one number, not two.
		done := i
		for a := 0; a < len(cuts)-1; a++ {
			x := cuts[a]
			if x < done {
				continue
			}
			for b := len(cuts) - 1; b > a; b-- {
				y := cuts[b]
				if y == j && end > j && y-x == 17 {
					fn(x, end, true)
					done = end
					break
				}
				if d, ok := number(s[x:y]); ok {
					fn(x, y, d)
					done = y
					break
				}
			}
		}
		i = max(end, j)
	}
}

// number reports whether digits, a stretch of digits, are a mobile or an
// ID number, and which.
func number(d string) (id, ok bool) {
	switch n := len(d); {
	case n == 18:
		return true, true
	case n == 11 && d[0] == '1' && d[1] >= '3':
		return false, true
	case n == 13 && d[:2] == "86" && d[2] == '1' && d[3] >= '3':
		return false, true
	}
	return false, false
}

// disabilityGrade matches a disability grade in a folded text: 七级伤残,
// 伤残七级, 伤残等级为七级, 4级残疾.
var disabilityGrade = regexp.MustCompile(`[一二三四五六七八九十0-9]+级(?:伤残|残疾)|(?:伤残|残疾)(?:等级)?(?:为|是|评定为|鉴定为)?[一二三四五六七八九十0-9]+级`)

// relation reports whether w names a relation, not a person: the part of
// a next of kin (李四（配偶）) that is no secret.
func relation(w string) bool {
	switch w {
	case "配偶", "妻子", "丈夫", "爱人", "父亲", "母亲", "父母", "儿子", "女儿", "子女",
		"哥哥", "姐姐", "弟弟", "妹妹", "兄弟", "姐妹", "祖父", "祖母", "爷爷", "奶奶",
		"外公", "外婆", "外祖父", "外祖母", "孙子", "孙女", "外孙", "外孙女", "女婿", "儿媳",
		"岳父", "岳母", "公公", "婆婆", "叔叔", "伯伯", "阿姨", "舅舅", "姑姑", "姨妈",
		"侄子", "侄女", "朋友", "同事", "邻居", "监护人", "本人", "亲属", "家属", "亲戚":
		return true
	}
	return false
}

// secretParts returns, folded, what of a private value must not be
// published: the value whole, and its parts outside brackets split at list
// punctuation (李四（配偶）13900000000 gives 李四 and 13900000000, not 配偶),
// a long run of digits apart from the words beside it. A part is kept when
// it could name someone or something: two Chinese characters or more
// without 某 (an anonymized name is no secret) and not a relation word, four
// characters or more mixing Chinese and digits, or five digits or more.
// The parts are appended to dst.
func secretParts(dst []string, v string) []string {
	return foldedSecretParts(dst, fold.String(v))
}

// foldedSecretParts is secretParts of a value that String folded already
// (brackets and punctuation folded too: （ is (), f.
func foldedSecretParts(dst []string, f string) []string {
	parts := dst
	add := func(p string) {
		if p != "" && !slices.Contains(parts[len(dst):], p) && meaningful(p) {
			parts = append(parts, p)
		}
	}
	add(f)
	if !strings.ContainsAny(f, "(【[〔{,;、/|:") && (!idcard.HasDigitRun(f, 7) || digits(f)) {
		// The common case: the value whole (digits alone, a phone, are
		// one run of digits: the value again).
		return parts
	}
	depth, start := 0, 0
	flush := func(end int) {
		p := f[start:end]
		add(p)
		if !idcard.HasDigitRun(p, 7) {
			return
		}
		// A long run of digits apart: the phone of 李四13900000000.
		last := 0
		for i := 0; i < len(p); {
			if p[i] < '0' || p[i] > '9' {
				i++
				continue
			}
			j := i
			for j < len(p) && p[j] >= '0' && p[j] <= '9' {
				j++
			}
			if j-i >= 7 {
				add(p[last:i])
				add(p[i:j])
				last = j
			}
			i = j
		}
		add(p[last:])
	}
	for i, r := range f {
		switch r {
		case '(', '【', '[', '〔', '{':
			if depth == 0 {
				flush(i)
			}
			depth++
		case ')', '】', ']', '〕', '}':
			if depth--; depth <= 0 {
				depth, start = 0, i+utf8.RuneLen(r)
			}
		case ',', ';', '、', '/', '|', ':':
			if depth > 0 {
				break
			}
			flush(i)
			start = i + utf8.RuneLen(r)
		}
	}
	if depth == 0 {
		flush(len(f))
	}
	return parts
}

// digits reports whether s is ASCII digits alone.
func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// meaningful reports whether f, a folded part of a private value, is
// worth looking for (see secretParts).
func meaningful(f string) bool {
	han, digits, other := 0, 0, 0
	for _, r := range f {
		switch {
		case r >= 0x4E00 && r <= 0x9FFF, unicode.Is(unicode.Han, r): // the block first: without the table
			han++
		case r >= '0' && r <= '9':
			digits++
		default:
			other++
		}
	}
	switch {
	case digits == 0 && other == 0:
		return han >= 2 && !strings.Contains(f, "某") && !relation(f)
	case han == 0 && other == 0:
		return digits >= 5
	}
	return han > 0 && utf8.RuneCountInString(f) >= 4 && !strings.Contains(f, "某")
}
