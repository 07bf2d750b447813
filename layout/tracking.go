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
// cluster, a positioned mark). Tamil, Thai and Burmese, which have no
// headline bar joining their letters, are spaced between grapheme
// clusters as the shaper forms them (clusterTracked): a consonant keeps
// its vowel signs, pulli, medials and marks, and the glyphs of one
// cluster never move apart. weight is the weight of each gap (piece.gapW).
func trackGaps(p *piece) (gaps int, weight uint8) {
	if p.level&1 == 1 {
		return 0, 0
	}
	if p.glyphs != nil {
		if w := clusterTracked(p.text); w > 0 {
			return clusters(p.glyphs), w
		}
	}
	n := 0
	for _, r := range p.text {
		if !trackableRune(r) {
			return 0, 0
		}
		n++
	}
	if p.glyphs == nil {
		return n, 0
	}
	if len(p.glyphs) != n {
		return 0, 0
	}
	for i, g := range p.glyphs {
		if g.Advance <= 0 || g.XOff != 0 || g.YOff != 0 || i > 0 && g.Cluster <= p.glyphs[i-1].Cluster {
			return 0, 0
		}
	}
	return n, 0
}

// tamilGapWeight is the letter spacing of a Tamil cluster gap in
// Spec.MaxTracking units: a Tamil cluster is about twice as wide as a
// Latin letter (0.97 em against 0.50 em of running text in Noto Serif
// Tamil and Noto Serif), so 0.02 em changes its line's colour as 0.01 em
// changes a Latin one. Thai and Myanmar letters are about as wide as
// Latin ones and keep 0.01 em.
const tamilGapWeight = 2

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

// clusterTracked reports text of a script letter spacing may set apart
// between its grapheme clusters, with the weight of its gaps (0 for none):
// Tamil, Thai or Myanmar letters, with their marks, joiners and common
// punctuation. Devanagari, Bengali and the other
// scripts whose letters hang from a headline bar are never spaced, nor
// are the joining scripts.
func clusterTracked(text string) (weight uint8) {
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Tamil, r):
			weight = tamilGapWeight
		case unicode.In(r, unicode.Thai, unicode.Myanmar):
			weight = max(weight, 1)
		case r == '\u200c' || r == '\u200d':
		case unicode.IsLetter(r) || unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) || !unicode.Is(unicode.Common, r):
			return 0
		}
	}
	return weight
}

// clusters is the number of clusters of left-to-right glyphs gs: one
// after each glyph whose next glyph belongs to another cluster, and one
// at the end.
func clusters(gs []Glyph) int {
	n := 0
	for i := range gs {
		if i+1 == len(gs) || gs[i+1].Cluster != gs[i].Cluster {
			n++
		}
	}
	return n
}
