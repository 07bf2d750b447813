package layout

import "unicode"

// fakeFace is a font whose metrics can be worked out by hand: every
// character is 500/1000 em wide (600 in the bold styles), white space 250,
// the soft hyphen and zero-width characters 0; ascent 750, descent -250. It
// has every character but those of the Private Use Area (U+E000–U+F8FF),
// which tests use for a glyph no font has.
type fakeFace struct{ bold bool }

func (f fakeFace) Advance(r rune) int {
	switch {
	case r == '\u00AD' || r == '\u200B' || r == '\u200C' || r == '\u200D' || r == '\u2060' || r == '\uFEFF':
		return 0
	case unicode.IsSpace(r):
		return 250
	case f.bold:
		return 600
	}
	return 500
}

func (fakeFace) Has(r rune) bool { return r < 0xE000 || r > 0xF8FF }
func (fakeFace) Ascent() int     { return 750 }
func (fakeFace) Descent() int    { return -250 }

// fakeBook gives the fake face for every family: a text of n letters and
// no spaces at size s is n·s/2 points wide (n·s·0.6 in bold).
type fakeBook struct{}

func (fakeBook) Face(k FontKey) Face { return fakeFace{bold: k.Style&Bold != 0} }
