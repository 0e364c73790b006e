package l10n

// reportMessages are the words and sentences of roll check's output formats
// (package report): the count line, the header of findings already present at
// the base revision, the GitHub notice and the step summary with its hints.
//
// English plurals are chosen in Go by picking one of several keys; all of them
// map to the one Chinese form.
var reportMessages = []entry{
	// Text output.
	{"%d error, %d warning", "共 %d 个错误，%d 个警告"},
	{"%d error, %d warnings", "共 %d 个错误，%d 个警告"},
	{"%d errors, %d warning", "共 %d 个错误，%d 个警告"},
	{"%d errors, %d warnings", "共 %d 个错误，%d 个警告"},
	{"already present at the base revision:", "以下问题在基准版本中已存在："},
	{"check failed: %s", "检查未通过：%s"},
	{"check passed: %s", "检查通过：%s"},
	{"check passed: no problems found", "检查通过：没有发现问题"},
	{"check passed: no problems found in %s", "检查通过：%s 中没有发现问题"},
	{", ", "、"},

	// GitHub annotations.
	{"not annotated (GitHub shows at most 10 errors and 10 warnings per step): %d errors, %d warnings; see the step summary or the text output below",
		"未标注的问题（GitHub 每个步骤最多显示 10 个错误和 10 个警告）：错误 %d 个，警告 %d 个；完整列表见作业摘要或下方的文本输出"},

	// Step summary.
	{"roll check results", "roll check 检查结果"},
	{"No problems found.", "未发现问题。"},
	{"%d of them were already present at the base revision.", "其中 %d 个在基准版本中已存在。"},
	{"File", "文件"},
	{"Line", "行"},
	{"Severity", "级别"},
	{"Problem", "问题"},
	{"%s (already present)", "%s（已存在）"},
	{"%d more rows left out to keep the summary under GitHub's size limit; see the text output of roll check for all of them.",
		"另有 %d 行未列出（作业摘要有大小限制）；完整列表见 roll check 的文本输出。"},
	{"How to fix the common ones", "常见问题的改法"},
	{"**%s**: %s", "**%s**：%s"},

	// Hints, one per rule, in the step summary.
	{"A field is missing, misspelled, or has a value of the wrong kind. Compare the record with its schema under `schemas/`, or with a fresh record from `roll new`.",
		"字段缺失、拼写有误，或取值类型不对。请对照 `schemas/` 下相应的模式文件，或用 `roll new` 新建一条记录作参照。"},
	{"The file is not valid YAML. Check the indentation (spaces, never tabs), a space after each colon, and quotes around values that contain `:` or `#`.",
		"文件不是有效的 YAML。请检查缩进（只用空格，不用 Tab）、冒号后是否有空格，含 `:` 或 `#` 的值是否加了引号。"},
	{"IDs must be unique and equal the file name; a hero's or station's folder must be its jurisdiction, a visit's folder the year of its date. An id never changes once merged: put the old id back. `roll new` picks the next free id.",
		"编号不得重复，且须与文件名一致；人员、工作站记录须放在其所属辖区的文件夹，走访记录须放在其日期所在年份的文件夹。编号一经合并就不能再改：请改回原编号。`roll new` 会自动取下一个可用编号。"},
	{"A reference points to nothing. Check the spelling of the jurisdiction code, honor, hero id, task section or progress key it names.",
		"引用的对象不存在。请核对辖区代码、荣誉称号、人员编号、任务板块或进度辖区的拼写。"},
	{"Dates must be in order: deed date ≤ confirmation date, honor year ≥ deed year, the year in the id equals the deed year, and nothing after today. Write dates as YYYY-MM-DD.",
		"日期须前后一致：事迹日期不晚于确认日期，授予年份不早于事迹年份，编号中的年份等于事迹年份，且不得晚于今天。日期格式为 YYYY-MM-DD。"},
	{"The ID number has a wrong check digit or disagrees with birth_year or gender. Copy it again from the ID card; it belongs in `private.id_number` only.",
		"身份证号校验位错误，或与出生年份、性别不符。请对照身份证重新录入；身份证号只能填在 `private.id_number`。"},
	{"`status: confirmed` needs the `confirmed` block (date, by, doc); `outcome: disabled` needs `disability_grade`; a posthumous honor needs `outcome: deceased`. A hero who no longer wants to be public keeps `status: confirmed` with `public.consent: false`; `status: withdrawn` is for a record that was wrong.",
		"`status: confirmed` 须填写 `confirmed`（日期、确认机关、文号）；`outcome: disabled` 须填写 `disability_grade`；追授须 `outcome: deceased`。本人不再同意公开的，保持 `status: confirmed`，把 `public.consent` 改为 `false`；`status: withdrawn`（撤回）只用于记录本身有误。"},
	{"The narrative of an anonymized hero contains the full name. Replace it, for example with 张某某.",
		"匿名人员的事迹正文出现了全名，请改为“张某某”之类的写法。"},
	{"The hero is under 18. Publish only with the guardian's written consent, recorded as `public.guardian_consent: true`; until then the hero stays off the public site.",
		"该人员未满 18 周岁。须取得监护人书面同意并填写 `public.guardian_consent: true` 后才能公开；此前不会出现在公开网站上。"},
	{"A city-level or higher honoree has no comprehensive insurance for the current year. Add the year to `insurance`.",
		"市级及以上荣誉获得者缺少本年度综合保险。请在 `insurance` 中加上本年度。"},
	{"A visit names a hero who is not confirmed, or a hero of another county. Check the hero id; confirm the hero first; a visit the city organised has `jurisdiction: city`.",
		"走访对象尚未确认，或属于其他县（市、区）。请核对人员编号，或先完成确认；市基金会组织的走访填 `jurisdiction: city`。"},
	{"A record of the base revision is missing or changed its id. Records are never deleted: restore it and set `status: withdrawn` instead.",
		"基准版本中的记录被删除或改了编号。记录一律不得删除：请恢复该记录，改为填写 `status: withdrawn`。"},
	{"The narrative below the front matter is published with the hero: replace the template's words with the deed (time, place, what happened), and never put ID numbers, phones or addresses in it.",
		"文件头下面的事迹正文会随人员一起公开：请把模板中的提示文字换成事迹经过（时间、地点、经过），不要写身份证号、电话、住址。"},
}
