package l10n

// hintMessages are what a clerk reads when a value is of the wrong kind
// (package schema, message.go and format.go): what is wrong, in words, and
// how to write it, never the schema's pattern or the names of JSON types.
var hintMessages = []entry{
	// Empty values.
	{"the quotes are empty, nothing is filled in: %s", "引号中间是空的，还没有填写：%s"},
	{"nothing is written after the colon: %s", "冒号后面是空的，还没有填写：%s"},

	// Patterns: the property's x-hint says how the value is written.
	{"%s is not written as expected: %s", "%s 的写法不对：%s"},
	{"%s is not written as expected", "%s 的写法不对"},

	// Types.
	{"%s is not true or false: write true for yes and false for no, without quotes", "%s 不是 true 或 false：是填 true，否填 false，不加引号"},
	{"%s is text, not a whole number: write the digits alone, without quotes or units", "%s 是文字，不是整数：只写阿拉伯数字，不加引号，不带单位"},
	{"%s is text, not a number: write the digits alone, without quotes or units", "%s 是文字，不是数字：只写阿拉伯数字，不加引号，不带单位"},
	{"%s is not a whole number", "%s 不是整数"},
	{"%[1]s is a number, but text is expected here: put it in double quotes, \"%[1]s\"", "%[1]s 是数字，这里应为文字：请加英文双引号，写成 \"%[1]s\""},
	{"%s is true or false, but text is expected here: if it is text, put it in double quotes", "%s 是 true 或 false，这里应为文字：如果本意是文字，请加英文双引号"},
	{"a list is expected here: write [%s], or one item a line below, each starting with \"- \"", "这里应为列表：写成 [%s]，或者在下面每行写一项，以“- ”开头"},
	{"the fields that belong here are written on the lines below, indented by two more spaces, not as %s", "这里的各项要写在下面几行，多缩进两个空格，不能写成 %s"},

	{"what is written here is %s, but %s goes here", "这里写的是%s，应为%s"},
	{"text", "文字"},
	{"a whole number", "整数"},
	{"a number", "数字"},
	{"true or false", "true 或 false"},
	{"nothing", "空的"},
	{"indented fields", "下一级的各项"},
	{"a list", "列表"},

	// Enums.
	{"write the value %[2]s rather than the word %[1]s", "%[1]s 要写成对应的英文值 %[2]s"},
	{"%s is not one of the values; write one of: %s", "%s 不是可选的值，只能填以下英文值之一：%s"},

	// Fields not in the schema.
	{"there is no field %s here; did you mean %s?", "这里没有字段 %s：是不是 %s？"},
	{"there is no field %s here: delete the line, or correct the name as the template writes it", "这里没有字段 %s：请删去这一行，或按模板改正字段名"},

	{"%s: add it above this line", "%s：请在这一行的上面补上"},

	// Lists.
	{"items %d and %d are the same", "第 %d 项与第 %d 项重复"},

	// What to write where a value is empty.
	{"write true or false, without quotes", "应填 true（是）或 false（否），不加引号"},
	{"write a whole number, digits only", "应填整数，只写阿拉伯数字"},
	{"write a number, digits only", "应填数字，只写阿拉伯数字"},
	{"write a date as year-month-day, like 2020-03-14", "应填日期，写作“年-月-日”，如 2020-03-14"},
	{"write one of: %s", "只能填以下英文值之一：%s"},
	{"write the text it asks for", "请填上内容"},
	{"write a list", "应填一个列表"},
	{"write the fields that belong here on the lines below, indented by two more spaces", "请在下面几行写出这里的各项，多缩进两个空格"},

	// Dates that can be read, and how to write them.
	{"the day needs two digits: %s", "日要写两位：%s"},
	{"the month needs two digits: %s", "月要写两位：%s"},
	{"the month and the day need two digits each: %s", "月和日都要写两位：%s"},
	{"write it as year-month-day: %s", "应写作“年-月-日”：%s"},
	{"write the digits in half width (English input): %s", "数字要用半角（英文输入法）：%s"},

	// YAML layout (package yamldoc, indent.go): the line to change, and
	// its indentation.
	{"indentation: this line is indented by %s, more than the line above; indent it by %s, %s (only the lines below a field that ends with a colon are indented further)",
		"缩进不对：这一行缩进了 %s，比上一行多；应缩进 %s，%s（只有以冒号结尾的字段，下面的行才多缩进）"},
	{"indentation: this line is indented by %s; indent it by %s, %s", "缩进不对：这一行缩进了 %s；应缩进 %s，%s"},
	{"indentation: this line is indented by %s, which matches no line above; indent it by %s, %s, or by %s, %s",
		"缩进不对：这一行缩进了 %s，和上面的行都对不齐；应缩进 %s，%s；或者缩进 %s，%s"},
	{"indentation: this line is at the indentation of the list's items but does not start with \"- \"; indent it by %s, %s, or start a new item with \"- \"",
		"缩进不对：这一行和列表项对齐，却不以“- ”开头；应缩进 %s，%s；或者以“- ”开头，作为新的一项"},
	{"indentation: this line is at the indentation of the list's items but does not start with \"- \"; start a new item with \"- \", or indent the line further if it goes on from the item above",
		"缩进不对：这一行和列表项对齐，却不以“- ”开头；请以“- ”开头，作为新的一项；如果接着上一项写，请多缩进"},
	{"a list item \"- \" is not expected here, among the fields of this level: if it belongs to a list, put it below the list's field, indented further",
		"这里是同一级的各个字段，不能出现列表项“- ”：如果它属于某个列表，请写在那个列表的字段下面，并多缩进"},
	{"a space is missing after the dash of the list item: write - %s", "列表项的“-”后面缺少空格：应写作 - %s"},
	{"the colon is the Chinese \"：\"; write an English colon and a space: %s: %s", "用了中文冒号“：”；应写英文冒号加一个空格：%s: %s"},
	{"a space is missing after the colon: write %s: %s", "冒号后面缺少空格：应写作 %s: %s"},
	{"expected a field here, written name: value; text that goes on from the line above is indented further",
		"这里应当是一个字段，写作“字段名: 值”；接着上一行写的文字要多缩进"},
	{"like the list item on line %d", "与第 %d 行的列表项对齐"},
	{"like %s on line %d", "与第 %[2]d 行的 %[1]s 对齐"},
	{"%d space", "%d 个空格"},
	{"%d spaces", "%d 个空格"},
}
