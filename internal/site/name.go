package site

// SafeName reports whether s may become part of a page's file name: a
// letter or digit, then letters, digits, '_' and '-'
// (^[A-Za-z0-9][A-Za-z0-9_-]*$). Both sites ask it of every id they make
// a path of (heroes, jurisdictions, tasks, cases, awards), on every build,
// so it is not a regular expression.
func SafeName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case (c == '_' || c == '-') && i > 0:
		default:
			return false
		}
	}
	return s != ""
}
