package l10n

// cliMessages are the words of the command itself (cmd/roll): each
// subcommand's usage and options, and the errors of its flags and
// arguments. Options are listed after a usage, each with its description
// from this table.
var cliMessages = []entry{
	{"%s", "%s"},
	{"options:", "选项："},
	{" (default %q)", "（默认 %q）"},

	// roll itself.
	{"usage:\n  roll check [--base REV] [--format text|github|json] [--lang zh|en] [--today DATE] [PATH...]\n  roll build [--out DIR] [--base-url URL] [--today DATE] [--lang zh|en]\n  roll serve [--addr 127.0.0.1:8080] [--today DATE] [--lang zh|en]\n  roll new KIND … [--lang zh|en]   (hero|visit|task|report|event|team|decision|nomination|fund)\n\nRun roll COMMAND -h for the options of a command; --lang en writes in English.\n",
		"用法：\n  roll check [--base REV] [--format text|github|json] [--lang zh|en] [--today DATE] [PATH...]\n  roll build [--out DIR] [--base-url URL] [--today DATE] [--lang zh|en]\n  roll serve [--addr 127.0.0.1:8080] [--today DATE] [--lang zh|en]\n  roll new KIND … [--lang zh|en]   （hero|visit|task|report|event|team|decision|nomination|fund）\n\n运行 roll <命令> -h 查看各命令的选项；--lang en 输出英文。\n"},
	{"unknown command %q", "没有 %q 这个命令"},

	// Errors of flags and arguments, for every subcommand.
	{"flag provided but not defined: %s", "没有这个选项：%s"},
	{"flag needs an argument: %s", "选项 %s 后面缺少取值"},
	{"invalid value %s for flag %s: %s", "选项 %[2]s 的取值 %[1]s 无效：%[3]s"},
	{"bad flag syntax: %s", "选项写法有误：%s"},
	{"unknown language %q (want zh or en)", "不认识的语言 %q（应为 zh 或 en）"},
	{"%s takes no arguments, got %q", "%s 命令不接受参数，却收到了 %q"},
	{"--today %q is not a date YYYY-MM-DD", "--today %q 不是 YYYY-MM-DD 格式的日期"},
	{"%s is outside the repository %s", "%s 不在记录仓库 %s 之内"},
	{"no repository of records at or above %s (looked for the folders records/ and schemas/)",
		"在 %s 及其上级文件夹中找不到记录仓库（即同时含有 records/ 和 schemas/ 文件夹的文件夹）"},
	{"language of the messages: zh or en", "输出语言：zh（中文）或 en（英文）"},

	// roll check.
	{"usage: roll check [--base REV] [--format text|github|json] [--lang zh|en] [--today DATE] [PATH...]\n\nChecks the records against their schemas and the rules between them; with\nPATH arguments, only the findings in those files or folders are reported.\n\nWith --base REV, the records are compared with the merge base of REV and\nHEAD (where a pull request branched off): a deleted record, a changed id or\na removed catalog entry is an error, and the findings already present at\nthe merge base in files not changed since are listed last, as such.\n\nExit status:\n  0  no errors (warnings allowed)\n  1  errors; with --base, only errors the change brought count: errors\n     already present at the merge base in unchanged files are reported but\n     do not fail the check, so a pull request is not blocked by problems it\n     did not introduce\n  2  bad usage or a failure of the tool, including a REV or merge base that\n     is not in the clone (a shallow clone: use fetch-depth: 0 in CI)\n",
		"用法：roll check [--base REV] [--format text|github|json] [--lang zh|en] [--today DATE] [PATH...]\n\n检查记录：模式、记录之间的规则；给出 PATH 时只报告这些文件或文件夹中的问题。\n\n--base REV 与 REV 和 HEAD 的合并基点（拉取请求的分支起点）比较：删除的记录、\n改动的编号、删去的目录条目都是错误；本次未改动、且在基点已存在的问题列在最后。\n\n退出状态：\n  0  没有错误（可有警告）\n  1  有错误；使用 --base 时只计本次改动带来的错误，基点已存在的问题照常列出但不导致失败\n  2  用法错误或工具故障，包括找不到 REV 或合并基点（浅克隆：在 GitHub Actions 中用 fetch-depth: 0）\n"},
	{"compare with the merge base of `REV` and HEAD, like origin/main: report what the change brought first, and fail on deleted records and changed ids",
		"与 `REV`（如 origin/main）和 HEAD 的合并基点比较：先列出本次改动带来的问题，删除记录、改动编号都是错误"},
	{"output format: text, github or json", "输出格式：text（文本）、github（GitHub 标注）或 json"},
	{"the date to check against, YYYY-MM-DD (default: today)", "检查所依据的日期，YYYY-MM-DD（默认今天）"},
	{"unknown format %q (want text, json or github)", "不认识的输出格式 %q（应为 text、json 或 github）"},
	{"--base %s: %s", "--base %s：%s"},
	{"step summary: %s", "作业摘要：%s"},

	// roll build.
	{"usage: roll build [--out DIR] [--base-url URL] [--today DATE] [--lang zh|en]\n\nChecks the records, then builds the public site into OUT/public and the\ninternal site into OUT/internal; with errors in the records it builds\nnothing. Files whose bytes did not change are left as they are.\n\nExit status: 0 built (warnings allowed); 1 errors in the records, nothing\nbuilt; 2 bad usage or a failure of the tool.\n",
		"用法：roll build [--out DIR] [--base-url URL] [--today DATE] [--lang zh|en]\n\n先检查记录，再把公开网站生成到 OUT/public、内部网站生成到 OUT/internal；\n记录有错误时什么也不生成。内容没有变化的文件保持原样。\n\n退出状态：0 已生成（可有警告）；1 记录有错误，未生成；2 用法错误或工具故障。\n"},
	{"output folder: the sites go to `OUT`/public and OUT/internal", "输出文件夹：两个网站分别生成到 `OUT`/public 和 OUT/internal"},
	{"base `URL` of the public site (default: base_url of records/site.yaml)", "公开网站的根地址 `URL`（默认取 records/site.yaml 的 base_url）"},
	{"the build date, YYYY-MM-DD (default: today)", "生成日期，YYYY-MM-DD（默认今天）"},

	// roll serve.
	{"usage: roll serve [--addr 127.0.0.1:8080] [--today DATE] [--lang zh|en]\n\nPreviews both sites: the public one at /, the internal one at /internal/.\nThey are rebuilt when a file in records/, schemas/ or templates/ changes, and\nthe open page reloads; while the records have errors, every page lists them.\n",
		"用法：roll serve [--addr 127.0.0.1:8080] [--today DATE] [--lang zh|en]\n\n在本机预览两个网站：公开网站在 /，内部网站在 /internal/。修改 records/、schemas/\n或 templates/ 中的文件后自动重新生成，打开的页面随之刷新；记录有错误时页面列出问题。\n"},
	{"`host:port` to listen on; any address but a loopback one makes the internal site reachable from the network",
		"监听的地址 `host:port`；不是本机回环地址时，网络上的其他计算机也能访问内部网站"},
	{"the build date, YYYY-MM-DD (default: the current date at each build)", "生成日期，YYYY-MM-DD（默认每次生成时的当天）"},

	// roll new (its usage and errors are in scaffold.go).
	{"which kind of record? %s", "要新建哪一类记录？%s"},
	{"today's date, YYYY-MM-DD (default: today)", "今天的日期，YYYY-MM-DD（默认今天）"},
	{"the jurisdiction's code, as in records/catalog/jurisdictions.yaml", "辖区代码，见 records/catalog/jurisdictions.yaml"},
	{"the hero's full legal name, 2 to 6 Chinese characters", "人员的法定全名，2 至 6 个汉字"},
	{"the year of the deed (default: this year)", "事迹发生的年份（默认今年）"},
	{"the date of the visit, YYYY-MM-DD", "走访日期，YYYY-MM-DD"},
	{"the code of the jurisdiction that organised it", "组织走访的辖区代码"},
	{"the year of the plan (default: this year)", "工作计划的年份（默认今年）"},
	{"the number of the plan's section", "计划中所属部分的序号"},
	{"the date of the event, YYYY-MM-DD", "活动日期，YYYY-MM-DD"},
	{"the code of the county, district or zone that reports", "报送的县（市、区）代码"},
	{"the period, like 2020-Q3 (default: the latest that has ended)", "报送期次，如 2020-Q3（默认最近一个已结束的期次）"},
	{"the code of the team's jurisdiction", "队伍所属辖区的代码"},
	{"the date of the decision, YYYY-MM-DD", "表彰决定的日期，YYYY-MM-DD"},
	{"the date of the voucher, YYYY-MM-DD", "凭证日期，YYYY-MM-DD"},
	{"the year of the nomination's round (default: this year)", "推荐上报的年度（默认今年）"},
}
