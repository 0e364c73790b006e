package cms

import "github.com/yancheng-jyyw/roll/internal/schema"

// place says where the records of one kind live (DESIGN §2) and how the
// form lists and names them. It is the only knowledge of kinds the
// generator has besides refs: every field comes from the kind's schema.
//
// Paths are templates of Decap CMS: {{slug}} is the file name (from slug,
// the record's id by default), {{fields.x}} a field of the record, and a
// filter after a bar transforms it: date('YYYY') the year of a date,
// truncate(4) the first four characters.
type place struct {
	kind schema.Kind

	// collection names the form's collection. Kinds kept in single files
	// share one when they have a group, the message key of its label (the
	// catalogs).
	collection, group string

	// A folder of records, one file each: the path of a new record's file
	// under folder (without extension) and its name. The year of a visit
	// comes from its date, that of a report from its period; a nomination,
	// whose year is only in its id, goes in the current year's folder.
	folder, path, slug string

	// file is a record kept in one file: site.yaml and the catalogs.
	file string

	// existing lists, for editing, the files that match it, when a folder
	// cannot be a collection: tasks and their year's plan share a folder,
	// which Decap CMS can neither tell apart when it lists a folder nor
	// name (a task's file is its number on two digits). New tasks and plans
	// are made with roll new. References to tasks go through a hidden
	// collection of the folder (refsFolder), which relations filter on
	// refsFilter, a property every task has and no plan. Of refsPath only
	// its depth matters: that collection makes nothing.
	existing             string
	refsFolder, refsPath string
	refsFilter           string

	names     []string // the properties that name a record: its summary, and what a relation shows
	summary   string   // the summary, when not names
	narrative bool     // Markdown with front matter; the body is the narrative
	// narrativeLabel and about are the message keys of the narrative's
	// label and hint.
	narrativeLabel, about string
}

// places are the kinds in the order the form lists them. A kind of
// schema.Kinds without a place is an error: its records would have no form.
var places = []place{
	{kind: schema.Hero, collection: "heroes", folder: "records/heroes", path: "{{jurisdiction}}/{{slug}}",
		names: []string{"id", "name"}, narrative: true,
		narrativeLabel: "Deed narrative",
		about:          "The story of the deed, in a few paragraphs: when, where, what happened, how it ended. It is published with the record: never write an ID number, a phone number, an address or an illness here, nor the full name of a hero shown anonymously."},
	{kind: schema.Visit, collection: "visits", folder: "records/visits", path: "{{fields.date | date('YYYY')}}/{{slug}}",
		names: []string{"id", "date"}},
	{kind: schema.Task, collection: "tasks", existing: "records/tasks/*/[0-9][0-9].yaml",
		refsFolder: "records/tasks", refsPath: "{{year}}/{{slug}}", refsFilter: "scope",
		names: []string{"id", "title"}},
	{kind: schema.Plan, collection: "plans", existing: "records/tasks/*/plan.yaml",
		names: []string{"year", "title"}},
	{kind: schema.Report, collection: "reports", folder: "records/reports", path: "{{fields.period | truncate(4)}}/{{slug}}",
		names: []string{"id", "by"}},
	{kind: schema.Event, collection: "events", folder: "records/events", path: "{{fields.date | date('YYYY')}}/{{slug}}",
		names: []string{"id", "title"}},
	{kind: schema.Decision, collection: "decisions", folder: "records/decisions", path: "{{fields.date | date('YYYY')}}/{{slug}}",
		names: []string{"id", "title"}},
	{kind: schema.Nomination, collection: "nominations", folder: "records/nominations", path: "{{year}}/{{slug}}",
		names: []string{"id", "honor"}},
	{kind: schema.Fund, collection: "fund", folder: "records/fund",
		path: "{{fields.items.0.date | date('YYYY')}}/{{slug}}", slug: "{{fields.items.0.date | date('MM')}}",
		summary: "{{dirname}}/{{filename}}"},
	{kind: schema.Station, collection: "stations", folder: "records/stations", path: "{{jurisdiction}}/{{slug}}",
		names: []string{"id", "name"}},
	{kind: schema.Team, collection: "teams", folder: "records/teams", path: "{{jurisdiction}}/{{slug}}",
		names: []string{"id", "name"}},
	{kind: schema.Jurisdictions, collection: "catalog", group: "Catalogs", file: "records/catalog/jurisdictions.yaml",
		names: []string{"name"}},
	{kind: schema.Honors, collection: "catalog", group: "Catalogs", file: "records/catalog/honors.yaml",
		names: []string{"name"}},
	{kind: schema.Site, collection: "settings", file: "records/site.yaml"},
}

// refs maps the name of a property to the kind of record its value names
// (a string, or an array of strings): such a property is a relation
// widget, a list to choose from, rather than a text box. A property of
// another name is never one: fund.ref names a decision, a visit or an
// event, which one relation cannot offer, and stays a text box with its
// pattern.
var refs = map[string]schema.Kind{
	"hero":         schema.Hero,
	"heroes":       schema.Hero,
	"task":         schema.Task,
	"tasks":        schema.Task,
	"carried_to":   schema.Task,
	"decision":     schema.Decision,
	"honor":        schema.Honors,
	"jurisdiction": schema.Jurisdictions,
}
