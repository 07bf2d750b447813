package article

import (
	"strings"
	"unicode"
)

// isNoBreakSpace reports whether r is a space that must not be collapsed or
// broken at: it was put there on purpose (no-break, figure and narrow
// no-break spaces).
func isNoBreakSpace(r rune) bool {
	return r == '\u00a0' || r == '\u2007' || r == '\u202f'
}

// isCollapsible reports whether r is whitespace that plain-text fields fold
// into a single space.
func isCollapsible(r rune) bool {
	return unicode.IsSpace(r) && !isNoBreakSpace(r)
}

// isHTMLSpace reports whether r is ASCII whitespace as HTML defines it.
func isHTMLSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
}

// isStrayControl reports whether r is a control character that has no place
// in printed text (everything in Cc except the whitespace ones).
func isStrayControl(r rune) bool {
	return unicode.IsControl(r) && !unicode.IsSpace(r)
}

// CleanText normalises a plain-text field: surrounding whitespace trimmed,
// inner runs of whitespace folded into one space, stray control characters
// removed. No-break spaces are kept as they are.
func CleanText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case isCollapsible(r):
			space = b.Len() > 0
		case isStrayControl(r):
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// preText normalises preformatted text: whitespace is kept exactly, line
// ends become "\n", stray control characters are removed.
func preText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if isStrayControl(r) || r == '\f' || r == '\v' {
			return -1
		}
		return r
	}, s)
}
