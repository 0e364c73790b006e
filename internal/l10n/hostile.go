package l10n

// hostileMessages are the messages of the checks against careless or
// hostile input: file limits and encodings, characters that cannot be
// published, front matter that leaks into the narrative, links, and the
// command's refusals of bad arguments.
var hostileMessages = []entry{
	// records: reading a file
	{"the file has %s bytes, more than the %s a record file may have; split it or shorten it",
		"文件有 %s 字节，超过了记录文件的上限 %s 字节，请拆分或删减"},
	{"the file is saved as UTF-16 (\"Unicode\"), not UTF-8; save it again with the encoding UTF-8",
		"文件以 UTF-16（“Unicode”）编码保存，不是 UTF-8；请另存为 UTF-8 编码"},
	{"the character %s (%s) cannot be published; delete it", "字符 %s（%s）不能发布，请删除"},
	{"a control character", "控制字符"},
	{"a noncharacter", "非字符"},
	{"the file name is not valid UTF-8 text; rename the file", "文件名不是有效的 UTF-8 文本，请重命名"},
	{"the narrative holds the private field %s, which would be published: a --- line above it ends the front matter too early; move that --- below the last field",
		"事迹正文中出现了非公开字段 %s，它会被公开发布：上方的 --- 行过早结束了前言，请把这一行 --- 移到最后一个字段之后"},
	{"the narrative starts with the field %s of the front matter: a --- line above it ends the front matter too early; move that --- below the last field",
		"事迹正文以前言字段 %s 开头：上方的 --- 行过早结束了前言，请把这一行 --- 移到最后一个字段之后"},

	// rules: duplicates
	{"the hero %s is listed twice among the beneficiaries (first as beneficiary %d); list each family once",
		"受慰问人员 %[1]s 重复列出（第一次是第 %[2]d 位）；每户只列一次"},

	// rules: rule 10, no private data in public text
	{"the narrative", "事迹正文"},
	{"%s (%s)", "%s（%s）"},
	{"%s", "%s"},
	{"%s contains the value of %s of %s, which is private; nothing private may be published",
		"%[1]s中出现了 %[3]s 的非公开字段 %[2]s的内容；非公开信息一律不得公开"},
	{"%s contains a mobile phone number; no phone number may be published",
		"%s中出现了手机号码；任何电话号码都不得公开"},
	{"%s contains an 18-character ID number; no ID number may be published",
		"%s中出现了18位身份证号码；任何身份证号码都不得公开"},
	{"%s names a disability grade (%s), which is private health data; say that the hero was disabled, without the grade",
		"%[1]s写明了伤残等级（%[2]s），这属于非公开的健康信息；请只写致残，不写等级"},

	// rules: names that may not be published
	{"the hero is anonymized but %s contains the full name %s", "该人员要求匿名，但 %[1]s 中出现了全名 %[2]s"},
	{"%s names %s (%s), who is anonymized on the public roll; write the surname and 某某 instead",
		"%[1]s中出现了 %[2]s（%[3]s）的全名，此人在公开名录中匿名展示；请改写为姓氏加“某某”"},
	{"%s names %s (%s), who may not be published (%s); write the surname and 某某 instead, or leave the name out",
		"%[1]s中出现了 %[2]s（%[3]s）的全名，此人不能公开（%[4]s）；请改写为姓氏加“某某”，或不写姓名"},
	{"withdrawn", "已撤回"},
	{"not confirmed", "尚未确认"},
	{"status %s", "状态为 %s"},
	{"no consent to publication", "本人未同意公开"},
	{"a minor without the guardian's consent", "未成年且监护人未同意"},

	// the command: arguments
	{"--today %s is outside the dates roll accepts, %s to %s", "--today %s 超出了可接受的日期范围（%s 至 %s）"},
	{"%s: there is no such file or folder", "%s：没有这个文件或文件夹"},

	// rules: what the build would refuse
	{"base_url %s is not an http or https address with a host name, like https://jyyw.example.cn/",
		"base_url %s 不是带主机名的 http 或 https 地址（如 https://jyyw.example.cn/）"},

	// the step summary: how to fix the findings of these rules
	{"Public text (a narrative, a summary, a note) holds private data: a phone or ID number, an address, a name of kin, or a disability grade. Take it out; private data belongs in `private:` only, and never reaches the public site.",
		"公开内容（事迹正文、概述、备注）中含有个人信息：电话或身份证号码、住址、亲属姓名，或伤残等级。请删去；个人信息只能写在 `private:` 中，永远不会出现在公开网站上。"},
	{"A `---` line ends the front matter too early, so fields below it would be published as the narrative. Move that `---` below the last field.",
		"一行 `---` 过早结束了前言，它下面的字段会被当作事迹正文公开。请把这一行 `---` 移到最后一个字段之后。"},
	{"The file is larger than a record may be. Split it or shorten it.", "文件超过了记录文件的大小上限，请拆分或删减。"},
}
