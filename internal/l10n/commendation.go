package l10n

// commendationMessages are the messages of decisions and nominations, in
// rules/commendation.go.
var commendationMessages = []entry{
	{"the decision is in the folder %s but its date is in %d", "表彰决定在文件夹 %s 中，但其日期在 %d 年"},
	{"the id %s has the year %d but the decision was made in %d", "编号 %s 中的年份为 %d，但决定作出于 %d 年"},
	{"the decision awards %s to %s twice", "决定两次授予 %[2]s %[1]s 称号"},
	{"the decision awards %s to %s, but the hero's honors have no %s of %d for this decision", "决定授予 %[2]s %[1]s 称号，但该人员的 honors 中没有本决定的 %[4]d 年 %[3]s"},
	{"the award of %s to %s is posthumous %t here but %t in the hero's honors", "授予 %[2]s 的 %[1]s：这里追授为 %[3]t，人员记录中为 %[4]t"},
	{"the decision %s was withdrawn", "表彰决定 %s 已撤回"},
	{"the honor year %d is not the year of the decision %s (%d)", "授予年份 %d 与表彰决定 %s 的年份（%d）不同"},
	{"the decision %s does not award %s to %s", "表彰决定 %[1]s 没有授予 %[3]s %[2]s 称号"},
	{"the nomination %s is in the folder %s of another year", "推荐 %s 放在了其他年份的文件夹 %s 中"},
	{"the notice ends on %s, before it begins on %s", "公示结束日期 %s 早于开始日期 %s"},
	{"the nomination was submitted on %s, before its notice ended on %s", "推荐材料上报日期 %s 早于公示结束日期 %s"},
	{"the nominee %s is %s, not confirmed: only a confirmed hero may receive a title", "被推荐人员 %s 的状态为%s，尚未确认：只有经确认的人员才能获得称号"},
	{"the outcome is %s, but the nomination has no date it was submitted", "评选结果为%s，但没有填写上报日期 submitted"},
	{"an awarded nomination names the decision that awarded it: add decision", "已获评的推荐须写明表彰决定：请填写 decision"},
	{"only an awarded nomination names a decision, but the outcome is %s", "只有已获评的推荐才填写表彰决定，但评选结果为%s"},
}
