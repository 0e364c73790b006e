package l10n

// jsonschemaMessages translate the formats that the validator's error kinds
// (github.com/santhosh-tekuri/jsonschema/v6/kind) pass to Printer.Sprintf.
var jsonschemaMessages = []entry{}
