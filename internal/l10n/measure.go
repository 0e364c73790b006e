package l10n

// measureMessages are the messages about figures counted from the records
// (package measure): a task's target.measure, in rules/measure.go.
var measureMessages = []entry{
	{"event_kinds counts only with measure: events or participants", "event_kinds 只能与 measure: events 或 participants 同用"},
	{"the typed figure %d differs from the %d counted from the records (%s): delete actual, or correct the records it counts",
		"填写的完成数 %d 与根据记录统计的 %d（%s）不一致：请删去 actual，或更正所统计的记录"},
	{"demonstration_since is given but the station is not a demonstration station (demonstration: false)",
		"填写了 demonstration_since，但该工作站不是示范工作站（demonstration: false）"},
	{"the station was made a demonstration station on %s, before it was founded on %s", "评为示范工作站的日期 %s 早于工作站成立日期 %s"},
}
