package l10n

// cmsMessages are the words roll adds to the form staff edit records with
// (package cms): the hints beside the schemas' own descriptions, the
// messages of the patterns it checks, the commit messages of a save and
// the labels of what no schema names.
var cmsMessages = []entry{
	// Who may see a field.
	{"Public: may be shown on the public site.", "公开：可能在公开网站上显示。"},
	{"Internal: shown on the internal site only.", "内部：只在内部网站上显示。"},
	{"Never published: no site shows it; the internal site shows it masked.", "不公开：任何网站都不显示，内部网站只显示打码后的内容。"},
	{"Required once %s is filled in.", "填写“%s”时必填。"},

	// The messages of a pattern the value does not match.
	{": %s", "：%s"},
	{"18 digits, the last a digit or a capital X", "须为18位，末位为数字或大写 X。"},
	{"yuan in digits with at most two decimals, without units or commas, like 20000.00", "以元为单位的数字，最多两位小数，不带单位和逗号，如 20000.00。"},
	{"From %d to %d characters.", "%d 至 %d 个字。"},
	{"At most %d characters.", "不超过 %d 个字。"},
	{"At least %d characters.", "至少 %d 个字。"},

	// The commit message of each save, which the pull request is named by.
	{"Add {{collection}} {{slug}}", "新建{{collection}} {{slug}}"},
	{"Change {{collection}} {{slug}}", "修改{{collection}} {{slug}}"},
	{"Delete {{collection}} {{slug}}", "删除{{collection}} {{slug}}"},
	{"Upload {{path}}", "上传 {{path}}"},
	{"Delete {{path}}", "删除 {{path}}"},

	// What no schema names.
	{"Catalogs", "目录"},
	{"Deed narrative", "事迹正文"},
	{"The story of the deed, in a few paragraphs: when, where, what happened, how it ended. It is published with the record: never write an ID number, a phone number, an address or an illness here, nor the full name of a hero shown anonymously.",
		"事迹经过，分几段写清时间、地点、经过和结果。正文随记录一起公开：不要写身份证号码、电话、住址、病情；匿名展示的人员，正文里不能出现全名。"},
}
