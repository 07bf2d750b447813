package locale

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// NNBSP is the narrow no-break space (U+202F) French puts before ; : ! ?
// and inside « ».
const NNBSP = '\u202f'

// OneLetterWords returns the one-letter prepositions and conjunctions that
// the press of a language keeps on the line of the word that follows them
// (lower case; capitals match too), or "" when the language has no such
// rule: Czech and Slovak k s v z o u a i, Polish w z i o u a, Russian в к с
// у о и а я, Ukrainian в у з і й а о, and the like for the other Slavic
// languages.
func OneLetterWords(tag string) string {
	lang, script, _ := parseTag(tag)
	switch lang {
	case "cs", "sk":
		return "ksvzouai"
	case "pl":
		return "wzioua"
	case "ru", "be", "bg":
		return "вксуоиаяжз"
	case "uk":
		return "вузійао"
	case "sl", "hr", "bs":
		return "ksvzuioa"
	case "sr", "mk":
		if script == "Latn" {
			return "ksvzuioa"
		}
		return "ксвзуиоа"
	}
	return ""
}

// FrenchSpaces reports whether a language sets a narrow no-break space
// before ; : ! ? and inside « » (French, in every region but Switzerland,
// where the press leaves it out).
func FrenchSpaces(tag string) bool {
	lang, _, region := parseTag(tag)
	return lang == "fr" && region != "CH"
}

// FrenchSpacer inserts French narrow no-break spaces into text given piece
// by piece (the styled runs of one paragraph, in order), remembering the
// last character across pieces. Where the source has an ordinary space or
// a no-break space in the place, it becomes the narrow one; where it has
// a narrow space or a thin space already, nothing changes. No space goes
// between digits ("10:30"), into "://" or after an opening bracket, and a
// run of marks ("?!") gets one space before it.
type FrenchSpacer struct {
	prev     rune // last character written, 0 at the start
	prevPrev rune
}

// Space returns s with the spaces inserted; next is the first character
// of the text after s (0 at the end), which decides "10:30" and "://".
func (f *FrenchSpacer) Space(s string, next rune) string {
	if strings.IndexFunc(s, needsSpacing) < 0 && f.prev != '\u00ab' {
		f.remember(s)
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i, r := range s {
		nx := next
		if j := i + utf8.RuneLen(r); j < len(s) {
			nx, _ = utf8.DecodeRuneInString(s[j:])
		}
		switch {
		case (r == ';' || r == ':' || r == '!' || r == '?' || r == '\u00bb') && f.wantsSpaceBefore(r, nx):
			if f.prev == ' ' || f.prev == '\u00a0' {
				// replace the space just written
				str := b.String()
				if strings.HasSuffix(str, string(f.prev)) {
					b.Reset()
					b.WriteString(strings.TrimSuffix(str, string(f.prev)))
				}
			}
			b.WriteRune(NNBSP)
		case f.prev == '\u00ab' && (r == ' ' || r == '\u00a0'):
			r = NNBSP
		case f.prev == '\u00ab' && r != NNBSP && r != '\u2009' && r != '\u00bb':
			b.WriteRune(NNBSP)
		}
		b.WriteRune(r)
		f.prevPrev, f.prev = f.prev, r
	}
	return b.String()
}

func needsSpacing(r rune) bool {
	return r == ';' || r == ':' || r == '!' || r == '?' || r == '\u00ab' || r == '\u00bb'
}

func (f *FrenchSpacer) remember(s string) {
	for _, r := range s {
		f.prevPrev, f.prev = f.prev, r
	}
}

// wantsSpaceBefore reports whether mark r, followed by next, needs a
// narrow space before it.
func (f *FrenchSpacer) wantsSpaceBefore(r, next rune) bool {
	p := f.prev
	switch {
	case p == 0 || p == NNBSP || p == '\u2009' || p == '\u200a':
		return false
	case p == ' ' || p == '\u00a0':
		return f.prevPrev != 0 && f.prevPrev != '\n' // "mot !" → "mot\u202f!"
	case p == ';' || p == ':' || p == '!' || p == '?' || p == '\u00ab' || p == '(' || p == '[' || p == '.':
		return false // "?!", "«»", "(?)", "…?"
	case r == ':' && (unicode.IsDigit(p) && unicode.IsDigit(next) || next == '/'):
		return false // 10:30, https://
	}
	return unicode.IsLetter(p) || unicode.IsDigit(p) || unicode.IsMark(p) ||
		p == '\u00bb' || p == ')' || p == ']' || p == '\u201d' || p == '\u2019' || p == '"' || p == '%' || p == '\u2026'
}
