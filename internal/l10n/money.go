package l10n

// moneyMessages are the messages of the fund: the format "yuan" of package
// schema (the errors of package money) and the rules of rules/money.go
// (DESIGN §5 rule 11).
var moneyMessages = []entry{
	// schema: the format "yuan" and package money's errors.
	{"yuan", "金额"},
	{"it is empty; write the yuan with digits, like 20000.00", "金额是空的，请用数字写出元数，如 20000.00"},
	{"write the yuan with digits and at most one decimal point, like 20000.00, without units, commas or exponents", "请用数字写出元数，如 20000.00：不写“万”“元”等单位，不加逗号，不用科学计数法"},
	{"it has more than two decimals; amounts are counted to the fen, like 12.34", "小数超过两位；金额只记到分，如 12.34"},
	{"amounts are positive: write the amount without a sign", "金额应为正数，不写正负号"},
	{"the amount is zero", "金额为零"},
	{"it is too large for an amount of the fund", "金额过大"},

	// baseline: rule 9 for the ledger.
	{"the voucher %s was removed; vouchers are never removed: put it back and set status: withdrawn", "凭证 %s 被删去了；凭证从不删除：请恢复这一笔，并写上 status: withdrawn"},

	// rules/money.go
	{"the voucher number %s is used already in %s", "凭证号 %s 已在 %s 中使用"},
	{"the voucher %s is numbered in %s but kept in the ledger of %d", "凭证 %s 的编号年份为 %s，却记在 %d 年的明细中"},
	{"the voucher is dated %s but kept in the month %s", "凭证日期为 %s，却记在 %s 月的明细中"},
	{"%s is not a category of %s", "%s不是%s的类别"},
	{"only an expense pays a decision, visit or event, but this voucher is %s", "只有支出才能对应表彰决定、走访或活动，这张凭证是%s"},
	{"no decision has the id %s", "没有编号为 %s 的表彰决定"},
	{"no visit has the id %s", "没有编号为 %s 的走访慰问"},
	{"no event has the id %s", "没有编号为 %s 的活动"},
	{"a payment of the decision %s names the hero it pays: add hero", "支付表彰决定 %s 的奖金须写明收款人员：请填写 hero"},
	{"the decision %s awards nothing to %s", "表彰决定 %s 没有表彰 %s"},
	{"the visit %s is not to %s", "走访 %s 的慰问对象中没有 %s"},
	{"the vouchers that pay %s sum to %s yuan with this one, more than its %s yuan", "加上这一笔，支付 %s 的凭证合计 %s 元，超过应付的 %s 元"},
	{"%s yuan for %s is unpaid: no voucher of the fund names it", "%[2]s 的 %[1]s 元尚未支付：收支明细中没有对应的凭证"},
	{"%s yuan for %s is paid only in part: %s yuan so far", "%[2]s 的 %[1]s 元只支付了一部分：已付 %[3]s 元"},
}
