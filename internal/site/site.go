// Package site is the one engine behind both sites: a site is a list of
// pages produced from the model, and Render renders any site into a
// Target (a folder being published, package publish, or memory, for roll
// serve). Packages public and status only say which pages exist, what
// each reads and what data each gets.
//
// # Pages
//
// A Page is a path, a template (or none, for a file such as search.json),
// the key of its inputs, and a function that builds its data. The data
// is built only when the page must be rendered, by one of a few workers,
// and dropped once its bytes are handed to the target: memory holds the
// pages being rendered, never every page's data or bytes at once.
//
// # Keys: pages not rendered again
//
// A page's bytes are a function of the code of roll, the files of its
// template set, what every page of its site reads (Site.Inputs: the
// site's settings, catalogs, schemas, base URL, build date where it shows)
// and what the page itself reads (Page.Inputs: the records it shows, by
// the SHA-256 of their bytes, and the facts derived from others, such as
// which heroes are published on the build date). The key of a page hashes
// exactly those, so it is known before the data is built: Render asks the
// target to Keep the page as the previous build left it, and renders only
// when that fails. The templates can read nothing else: the FuncMaps hold
// no formatting and no clock; values format themselves with methods.
//
// Templates are read from the repository's templates/ folder as they are
// on disk, so a designer can change a page without rebuilding roll. Each
// page kind is its own template set: the shared layout files parsed
// together with one page file, so that the {{define}} blocks of two pages
// never clash (the layout of golang/pkgsite's frontend templates).
//
// # Parts: what many pages share, executed once
//
// Most of a page is the same on many pages: the masthead, the navigation
// and the footer differ only by the page's depth and section, and a
// hero's row is the same in every list that shows it. Templates call
// such a piece with {{part "name" data}} instead of {{template "name"
// data}}: the engine executes the template name of the page's set with
// data once, through the same html/template and so with the same
// escaping, and inserts the result as template.HTML wherever the same
// data asks for it again. {{parts "name" list}} is {{range list}}{{part
// "name" .}}{{end}} in one call. {{chrome "name" .}} does the same with the
// frame's Chrome (the site, the root and the section) as the data. A
// part is escaped as the text between two elements: it must be called
// there, as {{template}} would be for the same output. Data of a part
// must be comparable and say everything the part shows: a value, or a
// pointer to data no page changes while the site renders (roll's page
// data is never changed once listed).
//
// Output is deterministic: sites list sorted data, nothing here reads the
// clock, and the order in which workers finish does not matter.
//
// The package is larger than 600 lines on purpose: the keys (Inputs,
// Site.key) decide which pages Render renders, and a key that leaves out
// what a template can read publishes a stale page; they are read
// together with the engine they spare.
package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash"
	"html/template"
	"io"
	"io/fs"
	"net/url"
	"path"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"text/template/parse"
	"time"

	"github.com/yancheng-jyyw/roll/internal/history"
	"github.com/yancheng-jyyw/roll/internal/model"
)

// Templates is a set of parsed page templates, one per page file.
type Templates struct {
	base *template.Template  // the shared files, parsed; never executed
	sets map[string]*pageSet // by page name
	sums map[string]Key      // of the files of each set
	bufs sync.Pool           // *bytes.Buffer for executing parts
}

// pageSet is the template set of one page file: a clone of the shared
// files with the page's file parsed into it, made the first time a page is
// rendered with it. A rebuild renders few pages, of few kinds: the sets
// of the others are never made.
type pageSet struct {
	file   string // the page's file
	text   string
	layout bool // the page's file is the layout itself
	once   sync.Once
	t      *template.Template
	err    error
}

// partSet is the parts of one template set: each template of the set by
// name, with what it gave for each data it was executed with. The map is
// filled once the set is parsed and only read after, so a part's lookup
// hashes its data alone, not the names of its set and template.
type partSet struct {
	byName map[string]*partOf
}

// partOf is one template of a set called as a part, and its results.
type partOf struct {
	name string
	t    *template.Template
	done sync.Map // data -> template.HTML: the parts executed
}

// ParseTemplates parses each page file of fsys together with the shared
// layout files into its own template set, named by the page file's base
// name ("hero.html"). The first shared file is the layout that is
// executed: it declares {{block}} slots that page files fill with {{define}}.
func ParseTemplates(fsys fs.FS, funcs template.FuncMap, shared []string, pages ...string) (*Templates, error) {
	if len(shared) == 0 {
		return nil, fmt.Errorf("parse templates: no layout file")
	}
	for _, name := range []string{"part", "parts", "chrome"} {
		if _, ok := funcs[name]; ok {
			return nil, fmt.Errorf("parse templates: the function %q is the engine's", name)
		}
	}
	ts := &Templates{sets: map[string]*pageSet{}, sums: map[string]Key{}}
	// The shared files are read and parsed once; each page's set is a
	// clone of them with the page's file parsed into it and the engine's
	// functions bound to the set's own parts, made when a page is first
	// rendered with it (pageSet).
	texts := make([]string, len(shared))
	ts.base = template.New(path.Base(shared[0])).Funcs(funcs).Funcs(ts.funcs(&partSet{}))
	for i, f := range shared {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, fmt.Errorf("parse templates: %w", err)
		}
		texts[i] = string(b)
		// Each file becomes its own associated template, named by its
		// path, so errors point at the file a designer edits.
		tt := ts.base
		if i > 0 {
			tt = ts.base.New(f)
		}
		if _, err := tt.Parse(texts[i]); err != nil {
			return nil, fmt.Errorf("parse templates: %s: %w", f, err)
		}
	}
	for _, page := range pages {
		name := path.Base(page)
		if _, dup := ts.sets[name]; dup {
			return nil, fmt.Errorf("parse templates: two pages named %s", name)
		}
		b, err := fs.ReadFile(fsys, page)
		if err != nil {
			return nil, fmt.Errorf("parse templates: %w", err)
		}
		sum := NewInputs("templates")
		for i, f := range shared {
			sum.String(f).String(texts[i])
		}
		sum.String(page).String(string(b))
		// The page's file is parsed alone now, so that an error in it
		// fails the build before any page is rendered, naming the file;
		// it is parsed into its set when the set is made.
		if _, err := parse.Parse(page, string(b), "", "", builtins(), funcs, ts.funcs(nil)); err != nil {
			return nil, fmt.Errorf("parse templates: %s: %w", page, err)
		}
		ts.sets[name], ts.sums[name] = &pageSet{file: page, text: string(b), layout: page == shared[0]}, sum.Done()
	}
	return ts, nil
}

// builtins names text/template's predefined functions for parse.Parse,
// which knows only the functions it is given.
func builtins() map[string]any {
	return map[string]any{
		"and": true, "call": true, "html": true, "index": true, "slice": true, "js": true, "len": true,
		"not": true, "or": true, "print": true, "printf": true, "println": true, "urlquery": true,
		"eq": true, "ge": true, "gt": true, "le": true, "lt": true, "ne": true,
	}
}

// set returns the template set of the page file ps, made the first time.
func (ts *Templates) set(s *pageSet) (*template.Template, error) {
	s.once.Do(func() {
		ps := &partSet{}
		t, err := ts.base.Clone()
		if err != nil {
			s.err = fmt.Errorf("parse templates: %w", err)
			return
		}
		t.Funcs(ts.funcs(ps))
		tt := t
		if !s.layout {
			tt = t.New(s.file)
		}
		if _, err := tt.Parse(s.text); err != nil {
			s.err = fmt.Errorf("parse templates: %s: %w", s.file, err)
			return
		}
		ps.byName = map[string]*partOf{}
		for _, tt := range t.Templates() {
			ps.byName[tt.Name()] = &partOf{name: tt.Name(), t: tt}
		}
		s.t = t
	})
	return s.t, s.err
}

// Render executes the layout of page with data into w. Nothing is written
// to w when execution fails.
func (ts *Templates) Render(w io.Writer, page string, data any) error {
	var buf bytes.Buffer
	if err := ts.execute(&buf, page, data); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// execute executes the layout of page with data into buf, which holds
// part of a page when execution fails.
func (ts *Templates) execute(buf *bytes.Buffer, page string, data any) error {
	s, ok := ts.sets[page]
	if !ok {
		return fmt.Errorf("render: no page %s", page)
	}
	t, err := ts.set(s)
	if err != nil {
		return err
	}
	if err := t.Execute(buf, data); err != nil {
		return fmt.Errorf("render %s: %w", page, err)
	}
	return nil
}

// funcs are the engine's template functions of the set whose parts are ps.
func (ts *Templates) funcs(ps *partSet) template.FuncMap {
	return template.FuncMap{
		"part":  func(name string, data any) (template.HTML, error) { return ts.part(ps, name, data) },
		"parts": func(name string, list any) (template.HTML, error) { return ts.partList(ps, name, list) },
		"chrome": func(name string, f Frame) (template.HTML, error) {
			return ts.part(ps, name, Chrome{Site: f.Site, Root: f.Root, Section: f.Section})
		},
	}
}

// part returns the template name of the set ps executed with data,
// executing it only the first time data asks for it.
func (ts *Templates) part(ps *partSet, name string, data any) (template.HTML, error) {
	p := ps.byName[name]
	if p == nil {
		return "", fmt.Errorf("part %s: no such template", name)
	}
	return ts.partData(p, data)
}

// partData is part p executed with data, executed only the first time.
func (ts *Templates) partData(p *partOf, data any) (template.HTML, error) {
	if h, ok, err := p.lookup(data); err != nil || ok {
		return h, err
	}
	buf, _ := ts.bufs.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	buf.Reset()
	defer ts.bufs.Put(buf)
	if err := p.t.Execute(buf, data); err != nil {
		return "", err
	}
	// Safe: html/template escaped it, from the text between elements.
	h := template.HTML(buf.String())
	p.done.Store(data, h)
	return h, nil
}

// partList returns the part name of set for each element of list, a slice
// or an array, one after the other: what {{range list}}{{part name
// .}}{{end}} gives, in one call of the template instead of one per
// element. Each part ends where it began, between elements (html/template
// refuses a template that ends elsewhere), so the parts join as they are.
func (ts *Templates) partList(ps *partSet, name string, list any) (template.HTML, error) {
	v := reflect.ValueOf(list)
	if k := v.Kind(); k != reflect.Slice && k != reflect.Array {
		return "", fmt.Errorf("parts %s: %T is not a list", name, list)
	}
	p := ps.byName[name]
	if p == nil {
		return "", fmt.Errorf("part %s: no such template", name)
	}
	hs := make([]template.HTML, v.Len())
	n := 0
	for i := range hs {
		h, err := ts.partData(p, v.Index(i).Interface())
		if err != nil {
			return "", err
		}
		hs[i], n = h, n+len(h)
	}
	var b strings.Builder
	b.Grow(n)
	for _, h := range hs {
		b.WriteString(string(h))
	}
	// Safe: each is html/template's output, escaped from the text between
	// elements.
	return template.HTML(b.String()), nil
}

// lookup returns the part executed with data when it was executed
// already. Data that cannot be a key is an error: a type that is not
// comparable, or an interface inside it holding a value that is not
// (which makes the lookup panic).
func (p *partOf) lookup(data any) (h template.HTML, ok bool, err error) {
	if data == nil || !reflect.TypeOf(data).Comparable() {
		return "", false, fmt.Errorf("part %s: its data (%T) is not comparable", p.name, data)
	}
	defer func() {
		if recover() != nil {
			err = fmt.Errorf("part %s: its data (%T) is not comparable", p.name, data)
		}
	}()
	v, ok := p.done.Load(data)
	if ok {
		h = v.(template.HTML)
	}
	return h, ok, nil
}

// Chrome is the data of the parts of a page that are the same on every
// page of its site at its depth and section (the masthead, the
// navigation, the footer): what {{chrome "name" .}} gives the template
// name.
type Chrome struct {
	Site    Info
	Root    string // as Frame.Root
	Section string // as Frame.Section
}

// Frame is what every template gets: the site, where the page is, and
// the page kind's own data.
type Frame struct {
	Site        Info
	Root        string   // prefix from this page to the site root: "", "../", or the base path on 404.html
	Path        string   // this page, relative to the root
	Canonical   string   // absolute URL of this page; "" when the site has no base URL or the page is 404.html
	Title       string   // the page's own title; "" on the home page
	Description string   // for <meta name=description> and Open Graph
	Section     string   // the navigation item to mark current
	OGType      string   // website | article | profile
	Export      string   // a file of the site holding what the page lists (an Excel workbook), relative to the page; "" for none
	Image       *Picture // the picture a link to the page shows when shared (og:image); nil for none
	Data        any      // what the page kind shows
}

// Picture is an image of a site that a page names for sharing.
type Picture struct {
	Path          string // relative to the site's root
	URL           string // absolute; filled in by Render, "" when the site has no base URL
	Width, Height int
	Alt           string
}

// Info is what every page says about its site.
type Info struct {
	Title        string
	Organization string
	Description  string
	Contact      string // where readers report a mistake (信息有误？): mailto: or https:
	Sample       bool   // the records are invented examples: every page says so
	Year         int    // the current year of the plan
	Build        *Build // what the site was built from; nil on the public site
}

// Build is what a site was built from, for its footer.
type Build struct {
	Commit  *history.Commit // HEAD; nil outside a git repository
	Today   model.Date      // the build date
	Shallow bool            // the history stops at a shallow-clone boundary
	NoGit   bool            // built outside a git repository: no history at all
	Notice  string          // the notice shown when Shallow
}

// Page is one file of a site.
type Page struct {
	Path     string // slash path below the site's root
	Template string // the page's template set ("hero.html"); "" for a file
	// Inputs is the key of what the page reads beyond Site.Inputs (see
	// the package documentation); the zero Key means "unknown": the page
	// is always rendered.
	Inputs Key
	// Frame builds the frame of a template page; Site, Root, Path and
	// Canonical are filled in by Render.
	Frame func() (Frame, error)
	// File builds the bytes of a file.
	File func() ([]byte, error)
	// Raw marks a file whose bytes are a function of Inputs alone, not of
	// the code of roll or of what the rest of its site reads (Site.Inputs):
	// a portrait, keyed by the photo's bytes and the encoder's settings,
	// which no other change makes worth encoding again. Inputs must then
	// name everything the bytes depend on.
	Raw bool
}

// Site is every page of one site and what they all read.
type Site struct {
	Name      string // "public" or "internal": the folder it is written to
	Templates *Templates
	Info      Info
	Base      *url.URL // the absolute URL of the root, for canonical links; nil for none
	Inputs    Key      // what every page reads; the zero Key renders every page
	Pages     []Page
}

// Target receives the files of a build. Both methods may be called from
// several goroutines, each path once.
type Target interface {
	// Keep reports whether the target already holds path as rendered from
	// inputs with key, by a previous build, and keeps it in this one.
	Keep(path string, key Key) (bool, error)
	// Put gives the bytes of path, rendered from inputs with key. data is
	// the renderer's until Put returns, and is written over after: a
	// target that keeps the bytes keeps a copy.
	Put(path string, data []byte, key Key) error
}

// Options are the settings of Render.
type Options struct {
	// Workers is how many pages render at once; GOMAXPROCS when zero.
	Workers int
	// Progress, when set, is called after each page with the pages done
	// and the pages of the site, from one goroutine at a time.
	Progress func(done, total int)
}

// Stats counts what Render did.
type Stats struct {
	Pages    int // template pages of the site
	Files    int // files of the site, pages included
	Rendered int // template pages whose templates were executed
}

// keepBuffer is the largest buffer a worker keeps from one page to the
// next: more than any page but the few lists of every record.
const keepBuffer = 4 << 20

// Render renders every page of s into t, from a few workers. It stops at
// the first error; the target then holds some pages, and the caller does
// not publish it. It keeps nothing between calls: two sites may render at
// once, each from its own call.
//
// A rebuild keeps nearly every page, so what Render spends on a page of
// its own is kept small: the workers take the pages' indexes from one
// counter, not from a channel, and a page's key is hashed on the stack
// (Site.key); the progress is counted under a lock only when it is asked
// for.
func Render(t Target, s *Site, opts Options) (Stats, error) {
	var st Stats
	for i := range s.Pages {
		if s.Pages[i].Template != "" {
			st.Pages++
		}
	}
	st.Files = len(s.Pages)
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, len(s.Pages)))
	pre := s.prefixes() // read only from here on
	var (
		next     atomic.Int64 // the next page to take
		rendered atomic.Int64
		mu       sync.Mutex // guards done, first and Progress
		done     int
		first    error
		failed   atomic.Bool
		wg       sync.WaitGroup
	)
	work := func() {
		var buf bytes.Buffer
		for !failed.Load() {
			i := int(next.Add(1) - 1)
			if i >= len(s.Pages) {
				return
			}
			p := &s.Pages[i]
			did, err := s.one(t, p, &buf, pre)
			if buf.Cap() > keepBuffer {
				// One very large page (the internal list of every
				// hero, tens of MB at 100,000) is not a reason to
				// hold its buffer while the other pages render.
				buf = bytes.Buffer{}
			}
			if did {
				rendered.Add(1)
			}
			if err == nil && opts.Progress == nil {
				continue
			}
			mu.Lock()
			if err != nil && first == nil {
				first = fmt.Errorf("%s/%s: %w", s.Name, p.Path, err)
				failed.Store(true)
			}
			done++
			if opts.Progress != nil && err == nil {
				opts.Progress(done, len(s.Pages))
			}
			mu.Unlock()
		}
	}
	for range workers - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
	st.Rendered = int(rendered.Load())
	return st, first
}

// one renders a page into t unless t keeps it; it reports whether a
// template was executed.
func (s *Site) one(t Target, p *Page, buf *bytes.Buffer, pre map[string]Key) (bool, error) {
	key := s.key(p, pre)
	if key != (Key{}) {
		kept, err := t.Keep(p.Path, key)
		if err != nil || kept {
			return false, err
		}
	}
	if p.Template == "" {
		b, err := p.File()
		if err != nil {
			return false, err
		}
		return false, t.Put(p.Path, b, key)
	}
	f, err := p.Frame()
	if err != nil {
		return false, err
	}
	f.Site, f.Path = s.Info, p.Path
	if p.Path == "404.html" && s.Base != nil {
		// Served for any missing path: links must not be relative.
		f.Root = s.Base.Path
	} else {
		f.Root = strings.Repeat("../", strings.Count(p.Path, "/"))
		if s.Base != nil {
			f.Canonical = s.URL(p.Path)
			if f.Image != nil {
				im := *f.Image
				im.URL = s.URL(im.Path)
				f.Image = &im
			}
		}
	}
	// The worker's buffer keeps its size from page to page: a page is
	// executed into it and handed to the target, which copies it only if
	// it keeps it (a folder being published writes it and does not).
	buf.Reset()
	if err := s.Templates.execute(buf, p.Template, f); err != nil {
		return false, err
	}
	return true, t.Put(p.Path, buf.Bytes(), key)
}

// URL is the absolute URL of a path of the site; the root for index.html.
func (s *Site) URL(p string) string {
	if p == "index.html" {
		p = ""
	}
	return s.Base.JoinPath(p).String()
}

// key is the key of rendering p: the zero Key when any part is unknown.
// It is the SHA-256 of the key of what p shares with the pages of its
// template set (pre[p.Template], or rawPrefix for a Raw page: see
// prefixes), p.Inputs and p.Path, hashed in one call from the stack. Both
// keys have a fixed size, so the three parts cannot be read otherwise;
// a path of up to 55 bytes makes two blocks of SHA-256, not three: every
// page of both sites is keyed on every build.
func (s *Site) key(p *Page, pre map[string]Key) Key {
	if p.Inputs == (Key{}) {
		return Key{}
	}
	prefix := rawPrefix
	if !p.Raw {
		var ok bool
		if prefix, ok = pre[p.Template]; !ok {
			return Key{}
		}
	}
	var buf [256]byte
	b := append(append(append(buf[:0], prefix[:]...), p.Inputs[:]...), p.Path...)
	return sha256.Sum256(b)
}

// The names of the prefixes' keys; a page's key made otherwise before
// (all of it in one stream) had other names.
const (
	pageKind = "page v3"
	rawKind  = "raw v3"
)

// rawPrefix is what a Raw page's key adds to its own inputs.
var rawPrefix = NewInputs(rawKind).Done()

// prefixes are the keys of what the pages of each template set of s
// share, by the set's name ("" for a file): the site's inputs and the
// set's files. A set without a known key, or a site without known
// inputs, has none, and its pages are always rendered.
func (s *Site) prefixes() map[string]Key {
	pre := map[string]Key{}
	if s.Inputs == (Key{}) {
		return pre
	}
	pre[""] = NewInputs(pageKind).Key(s.Inputs).Bool(false).Done()
	if s.Templates != nil {
		for name, sum := range s.Templates.sums {
			if sum != (Key{}) {
				pre[name] = NewInputs(pageKind).Key(s.Inputs).Bool(true).Key(sum).Done()
			}
		}
	}
	return pre
}

// appendInput appends s as Inputs.String adds it.
func appendInput(b []byte, s string) []byte {
	return append(binary.LittleEndian.AppendUint64(b, uint64(len(s))), s...)
}

// Key is a SHA-256 of the inputs of a page; the zero Key is unknown.
type Key [sha256.Size]byte

// keyVersion is bumped when the way keys are computed changes.
const keyVersion = "roll page key v2\n"

// Inputs hashes the inputs of a page, each written unambiguously (with
// its length). An input whose identity is unknown, such as a record built
// by hand without the hash of its bytes, makes the whole key unknown.
//
// What is added is gathered in a buffer and hashed in one call when the
// key is done (or in large pieces, for a key of much): most keys are a
// few hundred bytes, and the hash's own state, its writes through an
// interface and each string's copy into bytes were most of their cost
// when 100,000 pages are keyed.
type Inputs struct {
	h       hash.Hash // nil until the buffer first fills
	buf     []byte    // added and not yet hashed
	vbuf    []byte    // scratch for Value
	unknown bool
	small   [inputsBuffer]byte
	// The time of the last commit added, as written: once for a run of
	// records of one commit.
	when     time.Time
	whenText string
}

// inputsBuffer is what an Inputs gathers before it hashes.
const inputsBuffer = 512

// NewInputs starts a key; name tells keys of different kinds apart.
func NewInputs(name string) *Inputs {
	in := &Inputs{}
	in.buf = in.small[:0]
	return in.String(keyVersion).String(name)
}

// write adds b to what is hashed. It goes through the buffer, never to
// the hash itself, so that b stays where the caller has it (on its stack).
func (in *Inputs) write(b []byte) {
	for len(in.buf)+len(b) > cap(in.buf) {
		n := cap(in.buf) - len(in.buf)
		in.buf = append(in.buf, b[:n]...)
		b = b[n:]
		in.flush()
	}
	in.buf = append(in.buf, b...)
}

// flush hashes what the buffer holds.
func (in *Inputs) flush() {
	if in.h == nil {
		in.h = sha256.New()
	}
	in.h.Write(in.buf)
	in.buf = in.buf[:0]
}

// String adds a string.
func (in *Inputs) String(s string) *Inputs {
	in.Int(len(s))
	for len(in.buf)+len(s) > cap(in.buf) {
		n := cap(in.buf) - len(in.buf)
		in.buf = append(in.buf, s[:n]...)
		s = s[n:]
		in.flush()
	}
	in.buf = append(in.buf, s...)
	return in
}

// Int adds a number.
func (in *Inputs) Int(n int) *Inputs {
	if len(in.buf)+8 > cap(in.buf) {
		in.flush()
	}
	in.buf = binary.LittleEndian.AppendUint64(in.buf, uint64(n))
	return in
}

// Bool adds a truth value.
func (in *Inputs) Bool(b bool) *Inputs {
	if b {
		return in.Int(1)
	}
	return in.Int(0)
}

// Record adds the hash of a record's bytes; a zero hash makes the key
// unknown.
func (in *Inputs) Record(sum [sha256.Size]byte) *Inputs {
	if sum == ([sha256.Size]byte{}) {
		in.unknown = true
	}
	in.write(sum[:])
	return in
}

// Packed adds a record's JSON value in value.Append's binary form
// (model.Source.Packed), which is canonical: maps in the order of their
// keys. Empty, it makes the key unknown.
func (in *Inputs) Packed(b []byte) *Inputs {
	if len(b) == 0 {
		in.unknown = true
	}
	in.String("packed").Int(len(b))
	in.write(b)
	return in
}

// Value adds a record's JSON value (model.Source.Raw: map[string]any,
// []any, string, json.Number, bool, nil), its maps in the order of their
// keys. A value of any other type makes the key unknown.
func (in *Inputs) Value(v any) *Inputs {
	b, ok := appendValue(in.vbuf[:0], v)
	in.vbuf = b[:0]
	if !ok {
		in.unknown = true
	}
	in.Int(len(b))
	in.write(b)
	return in
}

// appendValue appends v to b, each part with its type and length: one
// write to the hash for a whole record, not one per value.
func appendValue(b []byte, v any) ([]byte, bool) {
	str := func(b []byte, s string) []byte {
		return append(binary.AppendUvarint(b, uint64(len(s))), s...)
	}
	switch v := v.(type) {
	case nil:
		return append(b, 0), true
	case bool:
		if v {
			return append(b, 1, 1), true
		}
		return append(b, 1, 0), true
	case string:
		return str(append(b, 2), v), true
	case json.Number:
		return str(append(b, 3), string(v)), true
	case []any:
		b = binary.AppendUvarint(append(b, 4), uint64(len(v)))
		for _, x := range v {
			var ok bool
			if b, ok = appendValue(b, x); !ok {
				return b, false
			}
		}
		return b, true
	case map[string]any:
		var small [32]string
		keys := small[:0]
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b = binary.AppendUvarint(append(b, 5), uint64(len(v)))
		for _, k := range keys {
			var ok bool
			if b, ok = appendValue(str(b, k), v[k]); !ok {
				return b, false
			}
		}
		return b, true
	}
	return b, false
}

// Commit adds a commit as pages show it (nil for none).
func (in *Inputs) Commit(c *history.Commit) *Inputs {
	if c == nil {
		return in.Bool(false)
	}
	if in.whenText == "" || in.when != c.When {
		in.when, in.whenText = c.When, c.When.String()
	}
	return in.Bool(true).String(c.Hash).String(c.Short).String(in.whenText).String(c.Author).String(c.Subject)
}

// History adds the history of a record as pages show it.
func (in *Inputs) History(r history.Record) *Inputs {
	in.String(r.File).Bool(r.Shallow).Bool(r.NoGit).Commit(r.Last).Int(len(r.Commits))
	for i := range r.Commits {
		in.Commit(&r.Commits[i])
	}
	return in
}

// Key adds another key; an unknown one makes this key unknown.
func (in *Inputs) Key(k Key) *Inputs { return in.Record(k) }

// Done returns the key of everything added, the zero Key when unknown.
func (in *Inputs) Done() Key {
	if in.unknown {
		return Key{}
	}
	if in.h == nil {
		return sha256.Sum256(in.buf)
	}
	in.flush()
	var k Key
	in.h.Sum(k[:0])
	return k
}

// StaticPages lists every file under dir of fsys as a file of the site
// under to, keyed by its bytes: the stylesheet and scripts of a site.
func StaticPages(fsys fs.FS, dir, to string) ([]Page, error) {
	var pages []Page
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		pages = append(pages, Page{
			Path:   path.Join(to, strings.TrimPrefix(p, dir+"/")),
			Inputs: Key(sha256.Sum256(b)),
			File:   func() ([]byte, error) { return b, nil },
		})
		return nil
	})
	return pages, err
}
