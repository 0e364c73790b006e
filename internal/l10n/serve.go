package l10n

// serveMessages are the messages of `roll serve` (package serve and its
// command): the log line of each build, the pages the server shows when
// there is no site to serve, and the warning about an address reachable
// from the network.
var serveMessages = []entry{
	// The log, one line per build.
	{"built in %v: %d pages of the public site, %d of the internal site, %d rendered; %d warnings",
		"已生成，用时 %v：公开网站 %d 个页面，内部网站 %d 个页面，重新渲染 %d 个；%d 个警告"},
	{"build failed in %v: %d errors, %d warnings; the browser shows them",
		"生成失败，用时 %v：%d 个错误，%d 个警告；浏览器中列出了这些问题"},
	{"build failed in %v: %v", "生成失败，用时 %v：%v"},
	{"cannot watch the folders: %v", "无法监视文件夹：%v"},

	// The pages of the server itself.
	{"The build failed", "网站生成失败"},
	{"roll could not build the sites. Fix the problem below and save: this page reloads by itself.",
		"roll 未能生成网站。请改正下面的问题并保存，本页会自动刷新。"},
	{"The records have errors: the sites were not rebuilt", "记录有错误，网站没有重新生成"},
	{"%d errors, %d warnings. Fix the errors and save the file: this page reloads by itself, and the sites come back once the records are valid.",
		"共 %d 个错误，%d 个警告。请改正错误并保存文件：本页会自动刷新，记录无误后网站随即恢复。"},
	{"Building the sites…", "正在生成网站……"},
	{"This page reloads by itself when the build is done.", "生成完毕后本页会自动刷新。"},

	// The command.
	{"serving the public site at %s and the internal site at %sinternal/; press Ctrl+C to stop",
		"公开网站：%s，内部网站：%sinternal/；按 Ctrl+C 停止"},
	{"warning: %s is reachable from the network, not only from this computer; so is the internal site, with its masked private data. Use the default --addr 127.0.0.1:8080 unless others must see the preview.",
		"警告：%s 不仅本机可以访问，网络上的其他计算机也能访问；内部网站（含经遮盖的个人信息）同样可被访问。除非确需他人查看预览，请使用默认的 --addr 127.0.0.1:8080。"},
}
