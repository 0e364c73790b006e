package l10n

// baseMessages are the messages of `roll check --base`: rule 9 of DESIGN §5
// (package baseline) and what is missing when the base revision cannot be
// found in git (package gitbase).
var baseMessages = []entry{
	// baseline: records are never deleted, ids never change.
	{"the record %s was deleted; records are withdrawn, never deleted: restore the file and set status: withdrawn",
		"记录 %s 被删除了；记录只能撤回，不得删除：请恢复该文件，并填写 status: withdrawn"},
	{"the record %s was deleted; a year's plan and its tasks are never deleted: restore the file",
		"记录 %s 被删除了；年度工作计划及其任务不得删除：请恢复该文件"},
	{"the plan %s was deleted; a year's plan and its tasks are never deleted: restore the file",
		"工作计划 %s 被删除了；年度工作计划及其任务不得删除：请恢复该文件"},
	{"an id never changes: this record was %s at the base revision; put the id %s back",
		"编号一经确定不得更改：该记录在基准版本中的编号为 %s，请改回 %s"},
	{"an id never changes: this record was %s (%s) at the base revision; put the id %s back",
		"编号一经确定不得更改：该记录在基准版本中为 %s（%s），请改回编号 %s"},
	{"the jurisdiction %s was removed; catalog entries are never removed or renamed, since records refer to them",
		"辖区 %s 被删除了；目录中的条目有记录引用，不得删除或改名"},
	{"the honor %s was removed; catalog entries are never removed or renamed, since records refer to them",
		"称号 %s 被删除了；目录中的条目有记录引用，不得删除或改名"},

	// gitbase: finding the base revision.
	{"%s; %s", "%s；%s"},
	{"no git repository at or above %s; --base compares with the history in git, so run roll in a clone of the repository",
		"%s 及其上级文件夹中没有 git 仓库；--base 要与 git 历史比较，请在仓库的克隆中运行 roll"},
	{"HEAD does not point to a commit yet; commit first", "HEAD 还没有指向任何提交，请先提交"},
	{"HEAD commits %s: roll's cache comes only from its own earlier runs; remove it with git rm -r --cached %s", "HEAD 提交了 %s：roll 的缓存只能来自它自己先前的运行，不能提交到仓库；请用 git rm -r --cached %s 移除"},
	{"HEAD commits %s: roll build's state comes only from its own earlier builds; remove it with git rm -r --cached %s", "HEAD 提交了 %s：roll build 的状态只能来自它自己先前的构建，不能提交到仓库；请用 git rm -r --cached %s 移除"},
	{"the base revision %s is not in this repository", "本仓库中没有基准版本 %s"},
	{"this is a shallow clone, and the commit where HEAD branched from %s is not in it",
		"这是一个浅克隆，其中没有 HEAD 从 %s 分出的那个提交（合并基点）"},
	{"%s and HEAD have no commit in common; give a revision that HEAD branched from",
		"%s 与 HEAD 没有共同的提交；请给出 HEAD 所分出的那个分支或提交"},
	{"in GitHub Actions, check out with actions/checkout and fetch-depth: 0",
		"在 GitHub Actions 中，请在 actions/checkout 中设置 fetch-depth: 0"},
	{"locally, run: git fetch --unshallow", "在本地请运行：git fetch --unshallow"},
	{"locally, run: git fetch %s %s", "在本地请运行：git fetch %s %s"},
	{"locally, check the name or run: git fetch origin", "在本地请核对名称，或运行：git fetch origin"},
}
