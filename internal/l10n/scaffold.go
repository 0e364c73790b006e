package l10n

// scaffoldMessages are the messages of `roll new` (cmd/roll/new.go and
// package scaffold).
var scaffoldMessages = []entry{
	{`usage:
  roll new hero --jurisdiction CODE --name NAME [--year YYYY]
  roll new visit [--date YYYY-MM-DD] [--jurisdiction CODE]
  roll new task [--year YYYY] [--section N]
  roll new report --jurisdiction CODE [--period YYYY-Qn]
  roll new event [--date YYYY-MM-DD] [--jurisdiction CODE]
  roll new team --jurisdiction CODE
  roll new decision [--date YYYY-MM-DD]
  roll new nomination [--year YYYY]
  roll new fund [--date YYYY-MM-DD]

Creates a record under records/ with the next free id and prints its path;
it passes roll check once the values marked 【必填】 are filled in. A voucher
of the fund is added at the end of its month's file.

Every kind takes --today YYYY-MM-DD (default: today) and --lang zh|en.
`, `用法：
  roll new hero --jurisdiction 辖区代码 --name 姓名 [--year 年份]        新增见义勇为人员
  roll new visit [--date 日期] [--jurisdiction 辖区代码]                新增走访慰问
  roll new task [--year 年份] [--section 部分序号]                      新增重点任务
  roll new report --jurisdiction 辖区代码 [--period 2020-Q3]            新增季度报送
  roll new event [--date 日期] [--jurisdiction 辖区代码]                新增工作活动
  roll new team --jurisdiction 辖区代码                                 新增队伍
  roll new decision [--date 日期]                                       新增表彰决定
  roll new nomination [--year 年份]                                     新增推荐上报
  roll new fund [--date 日期]                                           新增一张收支凭证

在 records/ 下新建一条记录，编号取下一个未用的号，并打印文件路径。
新记录中标有【必填】的 "" 填好后才能通过 roll check。
收支凭证加在当月收支明细文件的最后。

所有类别都接受 --today YYYY-MM-DD（默认今天）和 --lang zh|en（输出语言）。
`},
	{"unknown kind %q: want hero, visit, task, report, event, team, decision, nomination or fund", "不认识的记录类别 %q，应为 hero、visit、task、report、event、team、decision、nomination 或 fund"},
	{"new %s: unexpected argument %q; options are written --name 张三", "new %s：多余的参数 %q；选项写作 --name 张三"},
	{"new: --today %q is not a date YYYY-MM-DD", "new：--today %q 不是 YYYY-MM-DD 格式的日期"},
	{"new %s: --date %q is not a valid date YYYY-MM-DD", "new %s：--date %q 不是 YYYY-MM-DD 格式的有效日期"},
	{"new %s: --year %q must be a four-digit year, like 2020", "new %s：--year %q 应为四位数字的年份，如 2020"},
	{"new task: --section %q must be the number of a section of the plan, like 1", "new task：--section %q 应为计划中某一部分的序号，如 1"},
	{"new %s: %s", "new %s：%s"},
	{"created %s: replace each \"\" marked 【必填】 with what it stands for, then run roll check", "已新建 %s：请把标有【必填】的 \"\" 换成实际内容，再运行 roll check。"},
	{"added a voucher at the end of %s: replace each \"\" marked 【必填】 with what it stands for, then run roll check", "已在 %s 的最后加上一张凭证：请把标有【必填】的 \"\" 换成实际内容，再运行 roll check。"},

	// package scaffold
	{"%s exists already; roll new never overwrites a record", "%s 已存在，roll new 从不覆盖已有记录"},
	{"%s was removed while roll new was writing to it; run roll new again", "%s 在写入时被删除了，请重新运行 roll new"},
	{"the name %q must be the full legal name in 2 to 6 Chinese characters", "姓名 %q 应为2至6个汉字的法定全名"},
	{"the year %d is not a valid four-digit year", "年份 %d 不是有效的四位年份"},
	{"the plan of %d has no section %d; its sections: %s", "%d 年的计划没有第 %d 部分；可用的部分：%s"},
	{"the year %d must lie between 1900 and this year, %d", "年份 %d 应在 1900 至今年（%d）之间"},
	{"the date %s is after today, %s", "日期 %s 晚于今天 %s"},
	{"cannot read the catalog of jurisdictions: %s", "辖区目录无法读取：%s"},
	{"cannot read the catalog of honors: %s", "称号目录无法读取：%s"},
	{"--jurisdiction is required; the codes: %s", "缺少 --jurisdiction；可用的代码：%s"},
	{"unknown jurisdiction %q; the codes: %s", "辖区代码 %q 不存在；可用的代码：%s"},
	{"no ids are left for %d", "%d 年的编号已用完"},
	{"the plan of %d has 99 tasks, as many as a plan may hold", "%d 年的计划已有 99 项任务，不能再增加"},
	{"there is no plan for %d: add %s before its tasks and reports", "%[2]s 不存在：请先录入 %[1]d 年的工作计划，再添加任务和报送"},
	{"%s cannot be read: %s", "%s 无法读取：%s"},
	{"the city does not report to itself: give the code of a county, district or zone", "市本级不向自己报送：请给出县（市、区）或功能区的代码"},
	{"the period %q is not a year and a quarter or half, like 2020-Q3 or 2020-H1", "期次 %q 应为年份加季度或半年，如 2020-Q3 或 2020-H1"},
	{"the period %s has not begun yet", "期次 %s 还没有开始"},
	{"no period that a plan asks reports for has ended by %s; give --period, like 2020-Q3", "到 %s 为止，还没有需要报送的期次结束；请用 --period 指定期次，如 2020-Q3"},
	{"the team numbers of %s are used up: a jurisdiction holds at most 99 teams", "%s 的队伍编号已用完：每个辖区最多 99 支队伍"},
}
