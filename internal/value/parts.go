package value

import "encoding/binary"

// The binary form written a part at a time, for a reader of another
// format that writes it without making the value first (package yamldoc's
// reader of the records' YAML); Cursor reads it so.

// AppendScalar appends a value that is not a list or a map: text is a
// String's or a Number's text, and nothing for Null, False and True.
func AppendScalar(b []byte, k Kind, text string) []byte {
	b = append(b, byte(k))
	if k == String || k == Number {
		b = appendString(b, text)
	}
	return b
}

// AppendHead appends the head of a List or a Map of n items or entries.
// What Append writes follows: for a list, n values; for a map, n entries,
// each a key (AppendKey) and then its value, with the keys in increasing
// order (as strings compare) and each once. A map written otherwise is
// not the binary form of any value, and two of the same value would not
// have the same bytes.
func AppendHead(b []byte, k Kind, n int) []byte {
	return binary.AppendUvarint(append(b, byte(k)), uint64(n))
}

// AppendKey appends the key of a map's entry.
func AppendKey(b []byte, key string) []byte {
	return appendString(b, key)
}
