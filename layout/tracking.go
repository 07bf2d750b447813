package layout

import (
	"unicode"
	"unicode/utf8"
)

// trackGaps is the number of letter gaps of piece p that letter spacing
// (Spec.MaxTracking) may widen or narrow: one after each of its glyphs
// (build takes the one after a word's last letter back). It is 0 for
// a piece that must keep its glyphs together: right-to-left text, a
// script other than Latin, Cyrillic or Greek (joining and shaped
// scripts: Arabic, Indic, Thai...), combining marks, and shaped glyphs
// that are not one glyph per character with its own advance (a
// cluster, a positioned mark).
func trackGaps(p *piece) int {
	if p.level&1 == 1 {
		return 0
	}
	n := 0
	for _, r := range p.text {
		if !trackableRune(r) {
			return 0
		}
		n++
	}
	if p.glyphs == nil {
		return n
	}
	if len(p.glyphs) != n {
		return 0
	}
	for i, g := range p.glyphs {
		if g.Advance <= 0 || g.XOff != 0 || g.YOff != 0 || i > 0 && g.Cluster <= p.glyphs[i-1].Cluster {
			return 0
		}
	}
	return n
}

// trackableRune reports a character letter spacing may set apart from
// its neighbours: a letter, digit or sign of Latin, Cyrillic or Greek
// text or common punctuation, never a combining mark.
func trackableRune(r rune) bool {
	switch {
	case r < 0x300:
		return r != utf8.RuneError
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc):
		return false
	default:
		return unicode.In(r, unicode.Latin, unicode.Cyrillic, unicode.Greek, unicode.Common)
	}
}
