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
}
