package l10n

// ruleMessages are the messages of roll's loader and rules.
var ruleMessages = []entry{}
