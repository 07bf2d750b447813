package layout

import (
	"printd/layout/linebreak"
	"printd/layout/segment"
)

// segmentBreaks lists where a word of a script written without spaces
// (Thai, Lao, Khmer, Myanmar, Chinese, Japanese) may be broken: the
// opportunities package segment finds, never with a hyphen.
func (s *setter) segmentBreaks(w string) []breakPoint {
	bs := segment.Breaks(w, s.lang)
	out := make([]breakPoint, len(bs))
	for i, b := range bs {
		out[i] = breakPoint{off: b.Off, seg: b.Kind}
	}
	return out
}

// The spacing of breaks inside unspaced text, in ems of the text's size.
const (
	wordStretch  = 0.125 // between Thai, Lao, Khmer, Myanmar words: as much as a space
	ideoStretch  = 0.1   // between CJK characters: justification spreads evenly
	ideoShrink   = 0.02  // and may squeeze a little
	mixedGap     = 0.25  // CJK beside a Latin word or number: a quarter-em gap
	mixedStretch = 0.1
)

// segmentGlue is the item at a break of kind k inside text in style sp:
// glue that may stretch where justification spreads the line (between
// the words of Thai, Lao, Khmer and Myanmar, between CJK characters), a
// quarter-em gap between CJK and Latin, or a plain break. The glue is
// never drawn and vanishes at a line end.
func (s *setter) segmentGlue(k segment.Kind, sp *span, justify bool) (linebreak.Item, payload) {
	em := sp.size
	var w, st, sh float64
	switch k {
	case segment.Word:
		st = wordStretch * em
	case segment.Ideograph:
		st, sh = ideoStretch*em, ideoShrink*em
	case segment.Mixed:
		w, st, sh = mixedGap*em, mixedStretch*em, 0
	default:
		return linebreak.PenaltyItem(0, 0, false), payload{}
	}
	if !justify {
		st, sh = 0, 0
	}
	return linebreak.GlueItem(w, st, sh), payload{}
}
