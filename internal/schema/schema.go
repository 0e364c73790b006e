// Package schema validates records against the JSON Schemas of schemas/ and
// reads the annotations the schemas carry: the Chinese title of each property
// and its visibility (DESIGN §4).
//
// A Set is compiled once from an fs.FS holding <kind>.schema.json for every
// Kind, and is then immutable: Validate, Visibility, Project and Title may be
// called from many goroutines.
//
// Records are validated as JSON-like values, the form a YAML or JSON decoder
// produces: map[string]any, []any, string, json.Number, bool and nil. Numbers
// must be json.Number (exact decimal text); dates are strings checked by
// `format: date`, which is asserted, so "2019-02-30" is an error. The format
// "cn-resident-id" checks resident ID numbers with package idcard, and
// "yuan" amounts of money with package money.
//
// Validation errors are flattened to their leaves: one Violation per missing
// or extra property and per failed keyword, with the instance path so that the
// caller can point at the line, and a finding.Message that renders in Chinese
// (with the property's title) or English.
//
// The package is larger than 600 lines on purpose: compiling, validating,
// projecting and saying a violation in the words a clerk reads (message.go,
// format.go, the hints) all read one annotation tree of the schemas
// (tree.go), which stays the package's own.
package schema

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/value"
)

// Kind names a record kind: "hero", "task", "plan", "visit", "station",
// "report", "event", "team", "decision", "nomination", "fund",
// "jurisdictions", "honors", "site". Its schema is <kind>.schema.json.
type Kind string

// The record kinds of DESIGN §3.
const (
	Hero          Kind = "hero"
	Task          Kind = "task"
	Plan          Kind = "plan"
	Visit         Kind = "visit"
	Station       Kind = "station"
	Report        Kind = "report"
	Event         Kind = "event"
	Team          Kind = "team"
	Decision      Kind = "decision"
	Nomination    Kind = "nomination"
	Fund          Kind = "fund" // one month of the ledger: a list of vouchers
	Jurisdictions Kind = "jurisdictions"
	Honors        Kind = "honors"
	Site          Kind = "site"
)

// Kinds returns every record kind, in a fixed order.
func Kinds() []Kind {
	return []Kind{Hero, Task, Plan, Visit, Station, Report, Event, Team, Decision, Nomination, Fund, Jurisdictions, Honors, Site}
}

// File is the name of the kind's schema file.
func (k Kind) File() string { return string(k) + ".schema.json" }

// Set is the compiled schemas of every kind. It is immutable after Compile
// and safe for concurrent use.
type Set struct {
	kinds  map[Kind]*compiled
	sum    [sha256.Size]byte // of every schema file read
	fields value.Fields      // the struct types ProjectPacked decoded into
}

// Sum identifies the schemas: a SHA-256 of the bytes of every schema file.
// Pages built from projections name it among their inputs, since a change
// of x-visibility changes what they show.
func (s *Set) Sum() [sha256.Size]byte { return s.sum }

type compiled struct {
	lib    *library
	url    string
	schema *jsonschema.Schema // compiled by library; nil until then
	err    error              // of compiling it
	fast   *fast              // nil when the schema has a keyword it does not know
	tree   *node              // annotations
	keys   map[string]string  // Keys, read-only
}

// Compile reads and compiles <kind>.schema.json from the root of fsys for
// every kind of Kinds. A missing or invalid schema is an error.
func Compile(fsys fs.FS) (*Set, error) { return CompileKnown(fsys, nil) }

// CompileKnown is Compile for a caller that remembers the schemas that
// compiled before: known says whether the schemas whose Sum is sum did.
// When they did, the validator's own compilation of each schema (most of
// what Compile costs, since it checks the schema against the draft's
// metaschema) waits until a record needs the validator's violations: a
// valid record never does, the fast form says so. A missing or invalid
// schema file is still an error; with known nil or saying no, CompileKnown
// is Compile.
func CompileKnown(fsys fs.FS, known func(sum [sha256.Size]byte) bool) (*Set, error) {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	formats := ownFormats()
	for _, f := range formats {
		c.RegisterFormat(f)
	}
	c.UseLoader(noLoader{})

	kinds := Kinds()
	files := make([][]byte, len(kinds))
	sum := sha256.New()
	for i, k := range kinds {
		data, err := fs.ReadFile(fsys, k.File())
		if err != nil {
			return nil, fmt.Errorf("schema of %s: %w", k, err)
		}
		fmt.Fprintf(sum, "%s %d\n", k, len(data))
		sum.Write(data)
		files[i] = data
	}
	s := &Set{kinds: make(map[Kind]*compiled), sum: [sha256.Size]byte(sum.Sum(nil))}
	lazy := known != nil && known(s.sum)
	lib := &library{c: c}
	for i, k := range kinds {
		data := files[i]
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("schema of %s: %s: %w", k, k.File(), err)
		}
		url := "roll:///schemas/" + k.File()
		if err := c.AddResource(url, doc); err != nil {
			return nil, fmt.Errorf("schema of %s: %w", k, err)
		}
		cs := &compiled{lib: lib, url: url}
		if !lazy {
			if _, err := cs.library(); err != nil {
				return nil, fmt.Errorf("schema of %s: %w", k, err)
			}
		}
		orders, err := propertyOrders(data)
		if err != nil {
			return nil, fmt.Errorf("schema of %s: %s: %w", k, k.File(), err)
		}
		cs.tree = buildTree(doc, orders)
		cs.fast, cs.keys = compileFast(doc, formats), keys(cs.tree)
		s.kinds[k] = cs
	}
	return s, nil
}

// library is the validator's compiler of a set's schemas, which compiles
// each schema once, when it is first needed. It is not safe for use by
// several goroutines: mu guards it.
type library struct {
	mu sync.Mutex
	c  *jsonschema.Compiler
}

// library returns the validator's compiled form of the schema,
// compiling it the first time.
func (c *compiled) library() (*jsonschema.Schema, error) {
	c.lib.mu.Lock()
	defer c.lib.mu.Unlock()
	if c.schema == nil && c.err == nil {
		c.schema, c.err = c.lib.c.Compile(c.url)
	}
	return c.schema, c.err
}

// ownFormats are the formats roll asserts in place of, or beside, the
// validator's own; the fast form of the schemas calls the same.
func ownFormats() []*jsonschema.Format {
	return []*jsonschema.Format{
		{Name: "date", Validate: validateDate},
		{Name: "cn-resident-id", Validate: validateResidentID},
		{Name: "yuan", Validate: validateYuan},
	}
}

// noLoader refuses to fetch schemas: those of roll refer to nothing outside
// themselves, and checking records must not touch the network.
type noLoader struct{}

func (noLoader) Load(url string) (any, error) {
	return nil, fmt.Errorf("schemas may not refer to %s", url)
}

func (s *Set) get(k Kind) *compiled {
	c, ok := s.kinds[k]
	if !ok {
		panic(fmt.Sprintf("schema: unknown record kind %q", string(k)))
	}
	return c
}

// Violation is one way a record fails its schema.
type Violation struct {
	// Path is the instance location: object keys and array indexes (as
	// decimal strings) from the record's root to the offending value, or to
	// the mapping that lacks or has an extra key.
	Path []string
	// Key is set for a property that is missing (Missing is true: report at
	// the mapping at Path), for an extra property and for a property name that
	// fails propertyNames (Missing is false: report at that key).
	Key     string
	Missing bool
	// Before is set for a missing property that the schema lists before a
	// property the object has: the line of Before is where to add it.
	Before string
	Msg    finding.Message
}

// Validate checks v, a JSON-like value, against the schema of kind k and
// returns every violation, ordered by path. It panics when k is not one of
// Kinds.
func (s *Set) Validate(k Kind, v any) []Violation {
	c := s.get(k)
	// Most records are valid: the fast form says so without the
	// library's error tree. Any other answer, invalid or unsure, is the
	// library's to give, with its violations.
	if c.fast != nil {
		if b, err := value.Append(nil, v); err == nil && c.fast.valid(b) {
			return nil
		}
	}
	return c.validate(v)
}

// ValidatePacked is Validate of the value whose binary form
// (value.Append's) is b, as the loader reads a record's YAML into it and
// keeps it (model.Source.Packed): the fast form reads b as it is, so that
// the maps and lists of a valid record are never made; the value is made
// for the library only when the fast form does not say valid.
func (s *Set) ValidatePacked(k Kind, b []byte) []Violation {
	c := s.get(k)
	if c.fast != nil && c.fast.valid(b) {
		return nil
	}
	v, err := value.ReadShared(b)
	if err != nil {
		// Not a binary form: never from the loader, which wrote it.
		return []Violation{c.violation(nil, nil, "", false, &kind.Group{})}
	}
	return c.validate(v)
}

// validate is the library's validation of v, and its violations.
func (c *compiled) validate(v any) []Violation {
	sch, err := c.library()
	if err != nil {
		// Compiled lazily (CompileKnown) and failing now: only when what
		// the caller remembered was wrong. The record is not taken as
		// valid.
		return []Violation{c.violation(v, nil, "", false, &kind.Group{})}
	}
	err = sch.Validate(v)
	if err == nil {
		return nil
	}
	var verr *jsonschema.ValidationError
	if !errors.As(err, &verr) {
		// Not produced by jsonschema v6, which always returns a
		// *ValidationError; kept so that a failure is never lost.
		return []Violation{c.violation(v, nil, "", false, &kind.Group{})}
	}
	var leaves []*jsonschema.ValidationError
	flatten(verr, &leaves)

	var out []Violation
	found := make(map[string]int) // propertyNames paths handed out, by key
	for _, e := range leaves {
		path := e.InstanceLocation
		switch ek := e.ErrorKind.(type) {
		case *kind.Required:
			for _, prop := range ek.Missing {
				out = append(out, c.violation(v, path, prop, true, &kind.Required{Missing: []string{prop}}))
			}
		case *kind.AdditionalProperties:
			for _, prop := range ek.Properties {
				out = append(out, c.violation(v, path, prop, false, &kind.AdditionalProperties{Properties: []string{prop}}))
			}
		case *kind.PropertyNames:
			if paths := propertyNamesPaths(v, e.SchemaURL, ek.Property); found[ek.Property] < len(paths) {
				path = paths[found[ek.Property]]
				found[ek.Property]++
			}
			out = append(out, c.violation(v, path, ek.Property, false, ek))
		default:
			out = append(out, c.violation(v, path, "", false, ek))
		}
	}
	out = slices.DeleteFunc(out, func(m Violation) bool { return m.Missing && misspelled(out, m) })
	slices.SortStableFunc(out, func(a, b Violation) int {
		return cmp.Or(comparePaths(a.Path, b.Path), cmp.Compare(a.Key, b.Key))
	})
	return out
}

// flatten collects the leaves of the error tree: the wrappers (the schema
// itself, $ref, groups, allOf and anyOf) say only that something below failed.
// A failed propertyNames is kept whole: it names the key, and its cause is the
// same complaint about the key as a value.
func flatten(e *jsonschema.ValidationError, leaves *[]*jsonschema.ValidationError) {
	if _, ok := e.ErrorKind.(*kind.PropertyNames); ok || len(e.Causes) == 0 {
		*leaves = append(*leaves, e)
		return
	}
	for _, c := range e.Causes {
		flatten(c, leaves)
	}
}

// violation describes the violation ek at path of the record v: for a key
// (missing, extra or misnamed) or for the value at path.
func (c *compiled) violation(v any, path []string, key string, missing bool, ek jsonschema.ErrorKind) Violation {
	path = slices.Clone(path) // each violation owns its path
	at := c.tree.lookup(path)
	m := violationMsg{path: dotted(path), title: titleOf(at), kind: ek, at: at}
	var before string
	switch {
	case missing:
		m.keyTitle = titleOf(c.tree.lookup(append(slices.Clip(path), key)))
		if obj, ok := valueAt(v, path); ok {
			before = nextPresent(at, key, obj)
			m.before = before != ""
		}
	case key != "":
		if _, extra := ek.(*kind.AdditionalProperties); extra {
			m.near = nearest(at, key)
		}
	default:
		m.got, m.hasGot = valueAt(v, path)
	}
	return Violation{Path: path, Key: key, Missing: missing, Before: before, Msg: m}
}

// nextPresent returns the first property after key, in the order of the
// schema n, that the object obj has: a missing key goes above it.
func nextPresent(n *node, key string, obj any) string {
	o, ok := obj.(map[string]any)
	if n == nil || !ok {
		return ""
	}
	i := slices.Index(n.order, key)
	if i < 0 {
		return ""
	}
	for _, k := range n.order[i+1:] {
		if _, ok := o[k]; ok {
			return k
		}
	}
	return ""
}

// misspelled reports whether the missing property of m is there under
// another name that an extra property of the same object most likely
// meant (Gender for gender): the extra property's finding says so, and
// one finding is enough.
func misspelled(vs []Violation, m Violation) bool {
	for _, x := range vs {
		if msg, ok := x.Msg.(violationMsg); ok && !x.Missing && x.Key != "" && msg.near == m.Key && slices.Equal(x.Path, m.Path) {
			return true
		}
	}
	return false
}

// comparePaths orders paths element by element, array indexes by number.
func comparePaths(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if a[i] == b[i] {
			continue
		}
		x, errx := strconv.Atoi(a[i])
		y, erry := strconv.Atoi(b[i])
		if errx == nil && erry == nil {
			return cmp.Compare(x, y)
		}
		return cmp.Compare(a[i], b[i])
	}
	return cmp.Compare(len(a), len(b))
}
