package layout

// Style selects a face within a family; the numbering matches package fonts.
type Style uint8

const (
	Regular    Style = 0
	Bold       Style = 1
	Italic     Style = 2
	BoldItalic Style = 3
)

// FontKey names one face: a family ("serif", "sans", "mono", or a profile's
// own) and a style.
type FontKey struct {
	Family string
	Style  Style
}

// Face is what layout needs to know of a font: advances in 1/1000 em exactly
// as the PDF writer sums them (no kerning), coverage and vertical metrics.
type Face interface {
	Advance(r rune) int
	Has(r rune) bool
	Ascent() int  // 1/1000 em, positive
	Descent() int // 1/1000 em, negative
}

// FontBook resolves font keys to faces. It returns nil for an unknown family.
type FontBook interface {
	Face(k FontKey) Face
}

// measure returns the width of s in points at size, as the PDF writer
// computes it: the sum of integer per-glyph advances in 1/1000 em.
func measure(f Face, s string, size float64) float64 {
	w := 0
	for _, r := range s {
		w += f.Advance(r)
	}
	return float64(w) * size / 1000
}
