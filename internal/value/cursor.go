package value

// Kind is the kind of a value in the binary form (Append).
type Kind byte

// The kinds of values.
const (
	Null   Kind = tagNil
	False  Kind = tagFalse
	True   Kind = tagTrue
	String Kind = tagString
	Number Kind = tagNumber
	List   Kind = tagList
	Map    Kind = tagMap
)

// A Cursor reads a binary form (Append's) one value after another without
// making the values: a walk that needs a few texts of a record reads them
// without its maps. The texts it gives share the form's memory, as
// ReadShared's do. A form that is not Append's makes Next return ok false,
// never a panic.
type Cursor struct{ r reader }

// NewCursor returns a cursor at the start of b.
func NewCursor(b []byte) Cursor { return Cursor{r: reader{b: b, shared: true}} }

// Next reads the next value's kind: the text of a string or a number, the
// count of the items of a list (the values that follow) or of a map (each
// a key, read with Key, then its value). A map's keys come in the order
// Append wrote them, sorted.
func (c *Cursor) Next() (k Kind, text string, n int, ok bool) {
	r := &c.r
	if r.err != nil || len(r.b) == 0 {
		r.err = errShort
		return 0, "", 0, false
	}
	k = Kind(r.b[0])
	r.b = r.b[1:]
	switch k {
	case Null, False, True:
	case String, Number:
		text = r.string()
	case List, Map:
		n = r.length()
	default:
		r.err = errShort
	}
	return k, text, n, r.err == nil
}

// Key reads the key of a map's next entry.
func (c *Cursor) Key() (key string, ok bool) {
	key = c.r.string()
	return key, c.r.err == nil
}

// Skip reads past the next value.
func (c *Cursor) Skip() bool {
	c.r.skip(0)
	return c.r.err == nil
}

// Done reports whether the whole form was read, without a fault.
func (c *Cursor) Done() bool { return c.r.err == nil && len(c.r.b) == 0 }

// Sorted reports whether b is one whole binary form, as Append writes
// it: no fault, no value nested deeper than Read follows, and the keys of
// each map in increasing order.
func Sorted(b []byte) bool {
	r := reader{b: b, shared: true}
	r.pass(0, true)
	return r.err == nil && len(r.b) == 0
}
