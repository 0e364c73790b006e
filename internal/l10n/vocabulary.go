package l10n

// vocabularyMessages render the values of the schemas' enums: package schema
// passes a value and its title from "x-enum-titles"; English prints the value
// and Chinese the title, so the words themselves live in the schemas alone.
var vocabularyMessages = []entry{
	{"%.0[2]s%[1]s", "%.0[1]s%[2]s"},
}
