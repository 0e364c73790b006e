package l10n

// reportingMessages are the messages of the year's work: the counties'
// reports (DESIGN §5 rule 12), plans, events, teams and tasks, in
// rules/report.go.
var reportingMessages = []entry{
	{"the year %d is closed on %s, before it ended", "%d 年度的结束日期 %s 早于年底"},
	{"no report of %s from %s (%s) came: it was due on %s", "未报：%[3]s（%[2]s）%[1]s 的报送没有收到，期限为 %[4]s"},
	{"the id %s does not match the period %s and the jurisdiction %s: it should be %s", "编号 %s 与期次 %s、辖区 %s 不一致，应为 %s"},
	{"the report is in the folder %s but its period is of %d", "报送记录在文件夹 %s 中，但其期次属于 %d 年"},
	{"the city does not report to itself: a report is a county's, district's or zone's", "市本级不向自己报送：报送由各县（市、区）和功能区填写"},
	{"the report of %s was received on %s, before the period began", "%s 的报送收到日期 %s 早于这一期开始"},
	{"the plan of %d asks for no reports: give its plan.yaml a reporting period", "%d 年的工作计划没有要求报送：请在其 plan.yaml 中填写 reporting"},
	{"the plan of %d asks for reports by %s, and %s is not such a period", "%d 年的工作计划要求%s报送，%s 不是这样的期次"},
	{"the report of %s came %d days late: it was due on %s", "迟报：%s 的报送晚了 %d 天，期限为 %s"},
	{"the task %s is listed twice in this report", "任务 %s 在这份报送中出现了两次"},
	{"no task has the id %s", "没有编号为 %s 的任务"},
	{"the task %s is of the plan of %d, not of %d", "任务 %s 属于 %d 年的计划，不是 %d 年的"},
	{"the event is in the folder %s but its date is in %d", "活动记录在文件夹 %s 中，但其日期在 %d 年"},
	{"the id %s has the year %d but the event was in %d", "编号 %s 中的年份为 %d，但活动在 %d 年"},
	{"the team is in the folder %s but its jurisdiction is %s", "队伍记录在文件夹 %s 中，但其辖区为 %s"},
	{"the id %s does not name the jurisdiction %s: it should be TM-%s-NN", "编号 %s 与辖区 %s 不一致，应为 TM-%s-两位序号"},
	{"a task is carried into a later year's plan, but %s is of the plan of %d", "任务只能转入以后年度的计划，但 %s 属于 %d 年的计划"},
	{"progress is retired: a jurisdiction's status on a task is the one its latest report gives (records/reports/); file the statuses as reports and delete progress", "progress 已停用：各辖区的任务进展以其最近一次报送为准（records/reports/）；请把这些进展录入报送记录，并删去 progress"},
	{"the referral on %s is before the visit on %s that found the need", "提请协调的日期 %s 早于发现这一困难的走访日期 %s"},
	{"the 17th digit of the ID number gives the gender %s but gender is %s", "身份证号第 17 位表示性别为%s，但 gender 填写为%s"},
}
