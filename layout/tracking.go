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
// cluster, a positioned mark). Tamil and Thai, which have no headline bar
// joining their letters, are spaced between grapheme clusters as the
// shaper forms them (clusterTracked): a consonant keeps its vowel signs,
// pulli and marks, and the glyphs of one cluster never move apart.
func trackGaps(p *piece) int {
	if p.level&1 == 1 {
		return 0
	}
	if p.glyphs != nil && clusterTracked(p.text) {
		return clusters(p.glyphs)
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

// clusterTracked reports text of a script letter spacing may set apart
// between its grapheme clusters: Tamil or Thai letters, with their marks,
// joiners and common punctuation. Devanagari, Bengali and the other
// scripts whose letters hang from a headline bar are never spaced, nor
// are the joining scripts.
func clusterTracked(text string) bool {
	script := false
	for _, r := range text {
		switch {
		case unicode.In(r, unicode.Tamil, unicode.Thai):
			script = true
		case r == '\u200c' || r == '\u200d':
		case unicode.IsLetter(r) || unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) || !unicode.Is(unicode.Common, r):
			return false
		}
	}
	return script
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
