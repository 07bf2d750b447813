package fonts

import (
	"sync"
	"unicode"
)

// Face is one parsed TrueType face: its bytes, coverage and metrics. All
// metrics are in 1/1000 em, the unit fpdf measures text in. A Face is
// immutable after Parse and safe for concurrent use.
type Face struct {
	family string
	style  Style
	name   string
	data   []byte

	// Advances and coverage of the Basic Multilingual Plane, two-level:
	// page[r>>8] selects a block of 256 entries. Each entry holds the
	// advance fpdf uses for the rune (low bits) and hasGlyph. Pages without
	// any mapped rune share block 0, which holds only the missing width.
	page   [256]uint16
	blocks [][256]uint32

	missing int // advance fpdf uses for a rune the font lacks
	invalid int // advance of U+FFFD, which Go substitutes for invalid runes

	ascent, descent    int
	capHeight, xHeight int
	underlinePos       int
	underlineThickness int

	derived sync.Map // see Derived
}

const (
	hasGlyph  = 1 << 31
	widthMask = 1<<31 - 1
)

// Family returns the family key the face was parsed for, such as "serif";
// it is also the family name under which the face is registered with fpdf.
func (f *Face) Family() string { return f.family }

// Style returns the face's style.
func (f *Face) Style() Style { return f.style }

// Name returns the font's PostScript name (or full name), e.g.
// "NotoSerif-Bold".
func (f *Face) Name() string { return f.name }

// Data returns the TrueType file. The slice is shared: never modify it.
func (f *Face) Data() []byte { return f.data }

// entry returns the table entry for a BMP rune.
func (f *Face) entry(r rune) uint32 {
	return f.blocks[f.page[r>>8]][r&0xFF]
}

// Has reports whether the font maps r to a real glyph (not .notdef). Runes
// outside the Basic Multilingual Plane are never covered: fpdf reads only
// the format 4 cmap.
func (f *Face) Has(r rune) bool {
	if uint32(r) > 0xFFFF {
		return false
	}
	return f.entry(r)&hasGlyph != 0
}

// Advance returns the advance of r in 1/1000 em, exactly the width fpdf's
// GetStringWidth adds for string(r) (without kerning). Runes the font lacks
// get fpdf's missing width; invalid runes (surrogates, negative or beyond
// U+10FFFF) measure as U+FFFD, which string(r) turns them into.
func (f *Face) Advance(r rune) int {
	if uint32(r) > 0xFFFF {
		if uint32(r) > unicode.MaxRune {
			return f.invalid
		}
		return f.missing
	}
	return int(f.entry(r) & widthMask)
}

// Width returns the sum of the advances of the runes of s, in 1/1000 em.
// Invalid UTF-8 counts as U+FFFD, as in fpdf.
func (f *Face) Width(s string) int {
	w := 0
	for _, r := range s {
		w += f.Advance(r)
	}
	return w
}

// MissingWidth returns the advance of a rune the font lacks, 1/1000 em.
func (f *Face) MissingWidth() int { return f.missing }

// Derived returns the value build makes of the face for key, built on the
// first call with that key and shared by every later one. It is where
// another package keeps what it derives once per process from a face (the
// PDF writer's embeddable fonts), so that nothing is rebuilt per document.
// key must be comparable; a package uses a type of its own.
func (f *Face) Derived(key any, build func(*Face) any) any {
	v, ok := f.derived.Load(key)
	if !ok {
		v, _ = f.derived.LoadOrStore(key, sync.OnceValue(func() any { return build(f) }))
	}
	return v.(func() any)()
}

// Ascent returns the ascender (positive), 1/1000 em.
func (f *Face) Ascent() int { return f.ascent }

// Descent returns the descender (negative), 1/1000 em.
func (f *Face) Descent() int { return f.descent }

// CapHeight returns the height of capital letters, 1/1000 em.
func (f *Face) CapHeight() int { return f.capHeight }

// XHeight returns the height of lower-case x, 1/1000 em.
func (f *Face) XHeight() int { return f.xHeight }

// UnderlinePos returns the position of the underline's centre relative to
// the baseline (negative: below), 1/1000 em.
func (f *Face) UnderlinePos() int { return f.underlinePos }

// UnderlineThickness returns the underline's thickness, 1/1000 em.
func (f *Face) UnderlineThickness() int { return f.underlineThickness }

// Missing returns the distinct runes of s that the face has no glyph for,
// in order of first appearance, or nil. Characters layout strips before
// setting text (line feeds, tabs, carriage returns, soft hyphens, zero-width
// spaces and joiners, word joiners, byte order marks) are not reported.
func (f *Face) Missing(s string) []rune {
	var out []rune
	var seen map[rune]struct{}
	for _, r := range s {
		if f.Has(r) || ignorable(r) {
			continue
		}
		if seen == nil {
			seen = make(map[rune]struct{})
		}
		if _, dup := seen[r]; dup {
			continue
		}
		seen[r] = struct{}{}
		out = append(out, r)
	}
	return out
}

// ignorable reports whether layout removes r before setting text, so that a
// font need not cover it.
func ignorable(r rune) bool {
	switch r {
	case '\n', '\t', '\r', '\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF':
		return true
	}
	return false
}
