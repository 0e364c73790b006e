package roster

import "github.com/yancheng-jyyw/roll/internal/schema"

// The words of the internal site for the enums of the records are the
// schemas' own (x-enum-titles), the one vocabulary of roll that the
// guide, the templates and the messages use too: each enum a page shows
// is a schema.EnumValue, whose Zh method says it, so templates never look
// a word up and no package spells a word of its own.

// word is value of the enum at path of records of kind k, with its word.
func (s *Roster) word(k schema.Kind, value string, path ...string) schema.EnumValue {
	return s.Schemas.EnumOf(k, path, value)
}
