package l10n

// jsonschemaMessages translate the formats that the validator's error kinds
// (github.com/santhosh-tekuri/jsonschema/v6/kind) pass to Printer.Sprintf,
// every kind of kind/kind.go whether roll's schemas use it or not, and the
// words and formats that package schema adds around them.
var jsonschemaMessages = []entry{
	// github.com/santhosh-tekuri/jsonschema/v6/kind, in the order of kind.go.
	{"invalid jsonType %T", "无效的值类型 %T"},
	{"jsonschema validation failed with %s", "不符合模式 %s"},
	{"validation failed", "校验未通过"},
	{"'not' failed", "不得符合 not 中的模式"},
	{"'allOf' failed", "不满足 allOf 中的全部模式"},
	{"'anyOf' failed", "不满足 anyOf 中的任何一个模式"},
	{"'oneOf' failed, none matched", "不满足 oneOf 中的任何一个模式"},
	{"'oneOf' failed, subschemas %d, %d matched", "oneOf 要求只符合一个模式，但同时符合第 %d 和第 %d 个"},
	{"false schema", "此处不允许有任何值"},
	{"both %s and %s resolve to %q causing reference cycle", "%s 和 %s 都指向 %q，形成循环引用"},
	{"got %s, want %s", "类型是%s，应为%s"},
	{"value must be %s", "值必须是 %s"},
	{"value must be one of %s", "值必须是 %s 之一"},
	{"'enum' failed", "值不在允许的范围内"},
	{"'const' failed", "值与规定的值不同"},
	{"%s is not valid %s: %v", "%[1]s 不是有效的%[2]s：%[3]v"},
	{"minProperties: got %d, want %d", "属性太少：有 %d 个，至少应有 %d 个"},
	{"maxProperties: got %d, want %d", "属性太多：有 %d 个，至多允许 %d 个"},
	{"minItems: got %d, want %d", "项数太少：有 %d 项，至少应有 %d 项"},
	{"maxItems: got %d, want %d", "项数太多：有 %d 项，至多允许 %d 项"},
	{"last %d additionalItem(s) not allowed", "不允许最后 %d 个多余的项"},
	{"missing property %s", "缺少字段 %s"},
	{"missing properties %s", "缺少字段 %s"},
	{"properties %s required, if %s exists", "有 %[2]s 时必须同时有 %[1]s"},
	{"additional properties %s not allowed", "不允许的字段 %s"},
	{"invalid propertyName %s", "无效的属性名 %s"},
	{"items at %d and %d are equal", "第 %d 项与第 %d 项重复（从0起计）"},
	{"no items match contains schema", "没有一项符合 contains 中的模式"},
	{"min %d items required to match contains schema, but none matched", "至少应有 %d 项符合 contains 中的模式，但一项也没有"},
	{"min %d items required to match contains schema, but matched %d items at %v", "至少应有 %d 项符合 contains 中的模式，但只有 %d 项符合（第 %v 项）"},
	{"max %d items required to match contains schema, but matched %d items at %v", "至多允许 %d 项符合 contains 中的模式，但有 %d 项符合（第 %v 项）"},
	{"minLength: got %d, want %d", "太短：有 %d 个字，至少应有 %d 个"},
	{"maxLength: got %d, want %d", "太长：有 %d 个字，至多允许 %d 个"},
	{"%s does not match pattern %s", "%s 不符合格式 %s"}, // not shown: see package schema
	{"value is not %s encoded: %v", "值不是 %s 编码：%v"},
	{"value is not of mediatype %s: %v", "值不是 %s 类型的内容：%v"},
	{"'contentSchema' failed", "内容不符合 contentSchema 中的模式"},
	{"minimum: got %v, want %v", "太小：是 %v，不得小于 %v"},
	{"maximum: got %v, want %v", "太大：是 %v，不得大于 %v"},
	{"exclusiveMinimum: got %v, want %v", "太小：是 %v，应大于 %v"},
	{"exclusiveMaximum: got %v, want %v", "太大：是 %v，应小于 %v"},
	{"multipleOf: got %v, want %v", "%v 不是 %v 的倍数"},

	// github.com/santhosh-tekuri/jsonschema/v6 output.go, ValidationError.Error.
	{"at %s", "位于 %s"},

	// Package schema: a property path labelled with its title. The English
	// format prints the path alone (%.0 prints none of the title).
	{"%[1]s%.0[2]s", "%[1]s（%[2]s）"},

	// Package schema: JSON types in kind.Type messages.
	{"%s or %s", "%s或%s"},
	{"string", "文字"},
	{"number", "数字"},
	{"integer", "整数"},
	{"object", "键值映射"},
	{"array", "列表"},
	{"boolean", "true 或 false"},
	{"null", "空值"},

	// Package schema: formats and their errors.
	{"%s is not valid %s", "%[1]s 不是有效的%[2]s"},
	{"date", "日期"},
	{"cn-resident-id", "居民身份证号码"},
	{"not written as year-month-day, like 2020-03-14", "应写作“年-月-日”，如 2020-03-14"},
	{"there is no such day", "没有这一天"},
	{"it is not 18 characters long", "应为18位"},
	{"its first 17 characters are not all digits", "前17位应全是数字"},
	{"its birth date is not a valid date", "其中的出生日期不存在"},
	{"its check digit is wrong", "末位校验码不对"},
}
