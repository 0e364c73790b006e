package l10n

// buildMessages are the messages of `roll build` and of its output folder
// (packages build and publish).
var buildMessages = []entry{
	{"built %d pages of the public site (%d heroes published) and %d pages of the internal site, %d files in all: %d written, %d unchanged, in %v",
		"已生成公开网站 %d 个页面（公开 %d 位人员）和内部网站 %d 个页面，共 %d 个文件：写入 %d 个，%d 个未变，用时 %v"},
	{"--out %s: %v", "--out %s：%v"},
	{"cannot read the folder: %v", "无法读取该文件夹：%v"},
	{"another roll build is writing to this folder; wait for it to end, or build into another folder",
		"另一个 roll build 正在写入该文件夹；请等它结束，或改用其他文件夹"},
	{"the folder holds %s, which roll did not write; roll build writes only into an empty folder or one it wrote before (with %s)",
		"该文件夹中有 %s，不是 roll 写入的；roll build 只写入空文件夹或它以前写入过的文件夹（含 %s）"},
	{"the folder is not empty and has no %s: roll did not write it, and will not write over it",
		"该文件夹不是空的，也没有 %s：它不是 roll 写入的，roll 不会覆盖它"},
}
