// Package cms writes the configuration of the form staff edit records with:
// Decap CMS, a Git-based CMS served at /admin/ of the internal site, which
// shows a form per record kind and saves each entry as a pull request
// (editorial workflow), where roll check annotates it like any other.
//
// The form belongs to the internal site, not the public one: it holds no
// record (it reads and saves them through GitHub with the clerk's own
// sign-in), but it is a tool of the staff, and its configuration names the
// private repository and every field of the records, private ones
// included. The internal site is where the staff are.
//
// The configuration is generated from the JSON Schemas, generically: a
// field per property, its widget from the type, format and enum (a select
// labelled with the schema's x-enum-titles), its label and hint from the
// title and description, its validation from required, pattern and the
// bounds; references to other records are relation widgets. The only
// knowledge of kinds here is where their files live (places) and which
// property names are references (refs): a new schema needs a row in the
// first table and nothing else. The output is the same bytes for the same
// schemas, records and options.
//
// # What Decap CMS cannot express, and how it is met
//
//   - It lowercases file names made from templates (H-2020-0001 would become
//     h-2020-0001.md, which roll check refuses), and mangles the path
//     templates that put a visit in its date's year: PatchBundle removes
//     that step from the pinned bundle, checked to match exactly once.
//   - It edits mappings only, while the catalogs and a month of the fund
//     are lists: the page's script (templates/admin/roll-cms.js) registers
//     a format that wraps such a list in a mapping under "items" and
//     unwraps it on save.
//   - Tasks and their year's plan share a folder it cannot tell apart, and a
//     task's file name (its number on two digits) is no template it can
//     write: tasks and plans are edited as the files that exist, and made
//     with roll new.
//   - It cannot require the fields of an object that may be left out
//     (martyr, confirmed): those are optional in the form and say when they
//     are required; roll check requires them. The page's script drops
//     empty values on save, so an untouched optional object is not written.
//   - Nothing in the form knows the other records' rules (DESIGN §5): the
//     pull request's check does.
//
// The package is larger than 600 lines on purpose: it is one translation,
// from the JSON Schemas to Decap CMS's configuration, whose parts (reading
// the schemas as documents, a field per property, where each kind lives,
// writing the YAML, the files of admin/) serve only it. Split, each part
// would export what only the next one reads.
package cms

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/message"

	"github.com/yancheng-jyyw/roll/internal/finding"
	"github.com/yancheng-jyyw/roll/internal/l10n"
	"github.com/yancheng-jyyw/roll/internal/schema"
	"github.com/yancheng-jyyw/roll/internal/yamldoc"
)

// Options are the settings of the form that do not come from the schemas:
// where it saves (records/site.yaml's cms) and where the public site is.
type Options struct {
	Repo    string // the GitHub repository, "owner/name"
	Branch  string // the branch records are merged into; "main" when empty
	AuthURL string // the OAuth service GitHub sign-in goes through; Netlify's when empty
	SiteURL string // the public site, for the form's links to it
}

// ConfigFile is the configuration's name in the site: Decap CMS reads
// config.yml beside its page.
const ConfigFile = "config.yml"

// Config returns the configuration (config.yml) for the record kinds of
// schema.Kinds, whose schemas are <kind>.schema.json in schemas. repo is the
// repository, for the tasks and plans that exist (see places).
func Config(schemas, repo fs.FS, opts Options) ([]byte, error) {
	g := &gen{
		p:      l10n.Printer(l10n.Chinese),
		docs:   map[schema.Kind]node{},
		isList: map[schema.Kind]bool{},
	}
	for _, k := range schema.Kinds() {
		if g.place(k) == nil {
			return nil, fmt.Errorf("cms: the record kind %s has no place in the form (internal/cms places)", k)
		}
		data, err := fs.ReadFile(schemas, k.File())
		if err != nil {
			return nil, fmt.Errorf("cms: %w", err)
		}
		doc, err := decodeJSON(data)
		if err != nil {
			return nil, fmt.Errorf("cms: %s: %w", k.File(), err)
		}
		o, ok := doc.(*object)
		if !ok {
			return nil, fmt.Errorf("cms: %s: not a schema", k.File())
		}
		g.docs[k] = node{o, o}
		g.isList[k] = g.docs[k].typ() == "array"
	}

	root := newMap()
	root.HeadComment = "Written by roll build from schemas/ (package internal/cms): edit the schemas, not this file."
	set(root, "backend", g.backend(opts))
	// Opened from this computer (localhost or 127.0.0.1), the form looks
	// for decap-server at port 8081, which edits the files of a local copy
	// instead of GitHub's; elsewhere it never does.
	set(root, "local_backend", true)
	set(root, "publish_mode", "editorial_workflow")
	set(root, "locale", "zh_Hans")
	if opts.SiteURL != "" {
		set(root, "site_url", opts.SiteURL)
		set(root, "display_url", opts.SiteURL)
	}
	// Nothing in the records is uploaded: the narrative's editor offers
	// no images, and portraits are added in the repository. Decap CMS
	// requires a folder all the same.
	set(root, "media_folder", "records/media")
	slug := newMap()
	set(slug, "encoding", "ascii")
	set(slug, "clean_accents", false)
	set(slug, "sanitize_replacement", "-")
	set(root, "slug", slug)
	editor := newMap()
	set(editor, "preview", false)
	set(root, "editor", editor)

	cols, err := g.collections(repo)
	if err != nil {
		return nil, err
	}
	set(root, "collections", cols)

	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, fmt.Errorf("cms: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("cms: %w", err)
	}
	return b.Bytes(), nil
}

// Key identifies the configuration Config would write: a SHA-256 of the
// options and every file Config reads, the schemas and the tasks and plans
// listed. It is the key of config.yml among the pages of the internal site
// (Pages), whose own inputs add the code of roll: reading the files costs a
// fraction of generating (23 ms here), which a rebuild that changed none
// of them skips.
func Key(schemas, repo fs.FS, opts Options) ([sha256.Size]byte, error) {
	h := sha256.New()
	fmt.Fprintf(h, "roll cms key v2\n%q %q %q %q\n", opts.Repo, opts.Branch, opts.AuthURL, opts.SiteURL)
	add := func(fsys fs.FS, name string) error {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return fmt.Errorf("cms: %w", err)
		}
		fmt.Fprintf(h, "%d %s\n%d\n", len(name), name, len(b))
		h.Write(b)
		return nil
	}
	for _, k := range schema.Kinds() {
		if err := add(schemas, k.File()); err != nil {
			return [sha256.Size]byte{}, err
		}
	}
	for _, p := range places {
		if p.existing == "" {
			continue
		}
		names, err := fs.Glob(repo, p.existing)
		if err != nil {
			return [sha256.Size]byte{}, fmt.Errorf("cms: %w", err)
		}
		for _, name := range names {
			if err := add(repo, name); err != nil {
				return [sha256.Size]byte{}, err
			}
		}
	}
	return [sha256.Size]byte(h.Sum(nil)), nil
}

// gen is one generation of the configuration.
type gen struct {
	p      *message.Printer
	docs   map[schema.Kind]node // the schema of each kind
	isList map[schema.Kind]bool // kinds whose records are lists (the catalogs, the fund)
}

func (g *gen) msg(m finding.Message) string { return m.Localize(g.p) }

func (g *gen) place(k schema.Kind) *place {
	for i := range places {
		if places[i].kind == k {
			return &places[i]
		}
	}
	return nil
}

// enumOf returns the values of the enum of a kind's top-level property.
func (g *gen) enumOf(k schema.Kind, prop string) ([]string, error) {
	_, props := g.docs[k].properties()
	p, ok := props[prop]
	if !ok || len(p.strings("enum")) == 0 {
		return nil, fmt.Errorf("cms: %s has no enum %s to tell its records by", k, prop)
	}
	return p.strings("enum"), nil
}

func (g *gen) backend(opts Options) *yaml.Node {
	b := newMap()
	set(b, "name", "github")
	set(b, "repo", opts.Repo)
	set(b, "branch", cmp.Or(opts.Branch, "main"))
	if opts.AuthURL != "" {
		set(b, "base_url", opts.AuthURL)
	}
	msgs := newMap()
	set(msgs, "create", g.msg(finding.Msg("Add {{collection}} {{slug}}")))
	set(msgs, "update", g.msg(finding.Msg("Change {{collection}} {{slug}}")))
	set(msgs, "delete", g.msg(finding.Msg("Delete {{collection}} {{slug}}")))
	set(msgs, "uploadMedia", g.msg(finding.Msg("Upload {{path}}")))
	set(msgs, "deleteMedia", g.msg(finding.Msg("Delete {{path}}")))
	set(b, "commit_messages", msgs)
	return b
}

// collections returns the form's collections, in the order of places.
func (g *gen) collections(repo fs.FS) (*yaml.Node, error) {
	seq := newSeq()
	byName := map[string]*yaml.Node{}
	for i := range places {
		p := &places[i]
		doc, ok := g.docs[p.kind]
		if !ok {
			continue // a kind of a later version of the schemas
		}
		fields, err := g.fields(p, doc)
		if err != nil {
			return nil, err
		}
		switch {
		case p.file != "":
			c := byName[p.collection]
			if c == nil {
				// The kinds of one collection of files are kept alike:
				// the first gives the format (the catalogs are lists).
				c = g.collection(p, doc, "")
				set(c, "delete", false)
				g.format(c, p)
				set(c, "files", newSeq())
				byName[p.collection] = c
				seq.Content = append(seq.Content, c)
			}
			f := newMap()
			set(f, "name", string(p.kind))
			set(f, "label", cmp.Or(doc.str("title"), string(p.kind)))
			set(f, "file", p.file)
			set(f, "fields", fields)
			files := yamldoc.Lookup(c, "files")
			files.Content = append(files.Content, f)
		case p.existing != "":
			c, err := g.existing(p, doc, fields, repo)
			if err != nil {
				return nil, err
			}
			seq.Content = append(seq.Content, c)
			if p.refsFolder != "" {
				r := g.collection(p, doc, refsSuffix)
				set(r, "hide", true)
				set(r, "create", false)
				set(r, "delete", false)
				set(r, "folder", p.refsFolder)
				set(r, "path", p.refsPath)
				set(r, "identifier_field", "id")
				g.format(r, p)
				set(r, "fields", alias(fields))
				seq.Content = append(seq.Content, r)
			}
		default:
			c := g.collection(p, doc, "")
			set(c, "folder", p.folder)
			set(c, "create", true)
			set(c, "delete", false)
			set(c, "path", p.path)
			set(c, "slug", cmp.Or(p.slug, "{{id}}"))
			if g.isList[p.kind] {
				set(c, "identifier_field", listField)
			} else {
				set(c, "identifier_field", "id")
			}
			set(c, "summary", g.summary(p))
			g.format(c, p)
			set(c, "fields", fields)
			seq.Content = append(seq.Content, c)
		}
	}
	return seq, nil
}

// collection starts the collection of a place: its name and labels.
func (g *gen) collection(p *place, doc node, suffix string) *yaml.Node {
	c := newMap()
	set(c, "name", p.collection+suffix)
	label := doc.str("title")
	if p.group != "" {
		label = g.msg(finding.Msg(p.group))
	}
	set(c, "label", label)
	set(c, "label_singular", label)
	if d := doc.str("description"); d != "" && p.file == "" {
		set(c, "description", d)
	}
	return c
}

// format writes the file format of a place's collection: Markdown with
// front matter for the narratives, YAML otherwise, and for lists the
// format roll-cms.js registers.
func (g *gen) format(c *yaml.Node, p *place) {
	switch {
	case p.narrative:
		set(c, "extension", "md")
		set(c, "format", "frontmatter")
	case g.isList[p.kind]:
		set(c, "extension", "yaml")
		set(c, "format", listFormat)
	default:
		set(c, "extension", "yaml")
		set(c, "format", "yaml")
	}
}

// listFormat is the format roll-cms.js registers for records that are lists.
const listFormat = "yaml-list"

func (g *gen) summary(p *place) string {
	if p.summary != "" {
		return p.summary
	}
	var parts []string
	for _, n := range p.names {
		parts = append(parts, "{{"+n+"}}")
	}
	return strings.Join(parts, " ")
}

// fields returns the fields of a kind: those of its properties, the
// narrative of a Markdown record last, and for a record that is a list one
// list of its items.
func (g *gen) fields(p *place, doc node) (*yaml.Node, error) {
	w := &walk{g: g, kind: p.kind}
	if g.isList[p.kind] {
		wrap := field{name: listField, required: true}
		n, err := w.field(doc, wrap)
		if err != nil {
			return nil, err
		}
		return seqOf([]*yaml.Node{n}), nil
	}
	if doc.typ() != "object" {
		return nil, fmt.Errorf("cms: schema of %s: neither an object nor a list", p.kind)
	}
	fields, err := w.properties(doc, field{})
	if err != nil {
		return nil, err
	}
	if p.narrative {
		b := newMap()
		set(b, "label", g.msg(finding.Msg(p.narrativeLabel)))
		set(b, "name", bodyField)
		set(b, "widget", "markdown")
		set(b, "buttons", []string{"bold", "italic", "link", "heading-three", "quote", "bulleted-list", "numbered-list"})
		set(b, "editor_components", []string{})
		set(b, "modes", []string{"rich_text", "raw"})
		set(b, "required", false)
		set(b, "hint", g.msg(finding.Msg(p.about)))
		fields = append(fields, b)
	}
	return seqOf(fields), nil
}

// existing returns a collection of the files of a place that exist, each
// labelled with its summary.
func (g *gen) existing(p *place, doc node, fields *yaml.Node, repo fs.FS) (*yaml.Node, error) {
	c := g.collection(p, doc, "")
	set(c, "delete", false)
	g.format(c, p)
	names, err := fs.Glob(repo, p.existing)
	if err != nil {
		return nil, fmt.Errorf("cms: %w", err)
	}
	slices.Sort(names)
	files := newSeq()
	fields.Anchor = p.collection
	for i, name := range names {
		label, err := g.label(repo, name, p)
		if err != nil {
			return nil, err
		}
		// Named by its folder and file name: 2020-01, 2020-plan.
		f := newMap()
		set(f, "name", path.Base(path.Dir(name))+"-"+strings.TrimSuffix(path.Base(name), path.Ext(name)))
		set(f, "label", label)
		set(f, "file", name)
		if i == 0 {
			set(f, "fields", fields)
		} else {
			set(f, "fields", alias(fields))
		}
		files.Content = append(files.Content, f)
	}
	if len(names) == 0 {
		// Decap CMS wants at least one file; the fields are still needed
		// by the references.
		fields.Anchor = ""
	}
	set(c, "files", files)
	return c, nil
}

// label reads the fields that name a record from its file: the label of an
// existing file in the form.
func (g *gen) label(repo fs.FS, name string, p *place) (string, error) {
	data, err := fs.ReadFile(repo, name)
	if err != nil {
		return "", fmt.Errorf("cms: %w", err)
	}
	var rec map[string]any
	if err := yaml.Unmarshal(data, &rec); err != nil {
		// roll check reports the file; the form names it by its path.
		return name, nil
	}
	var parts []string
	for _, n := range p.names {
		if v, ok := rec[n]; ok {
			parts = append(parts, fmt.Sprint(v))
		}
	}
	if len(parts) == 0 {
		return name, nil
	}
	return strings.Join(parts, " "), nil
}

// alias refers to a node written earlier with its anchor.
func alias(n *yaml.Node) *yaml.Node {
	if n.Anchor == "" {
		return n
	}
	return &yaml.Node{Kind: yaml.AliasNode, Alias: n, Value: n.Anchor}
}
