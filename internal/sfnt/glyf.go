package sfnt

import (
	"errors"
	"fmt"
)

// Glyph outlines: where each glyph's data is (loca) and, for a composite
// glyph, which glyphs it is built from (glyf).

// Glyph returns glyph g's outline bytes in glyf, found by the offsets in
// loca (32-bit offsets when long, else 16-bit ones holding half the
// offset); nil for an empty glyph. The slice shares glyf's bytes.
func Glyph(loca, glyf []byte, g int, long bool) ([]byte, error) {
	var start, end int
	if long {
		if g < 0 || 4*g+8 > len(loca) {
			return nil, fmt.Errorf("loca: no entry for glyph %d", g)
		}
		start, end = int(be.Uint32(loca[4*g:])), int(be.Uint32(loca[4*g+4:]))
	} else {
		if g < 0 || 2*g+4 > len(loca) {
			return nil, fmt.Errorf("loca: no entry for glyph %d", g)
		}
		start, end = 2*int(be.Uint16(loca[2*g:])), 2*int(be.Uint16(loca[2*g+2:]))
	}
	if start > end || end > len(glyf) {
		return nil, fmt.Errorf("glyf: glyph %d at %d–%d overruns the table", g, start, end)
	}
	return glyf[start:end:end], nil
}

// GlyphData returns glyph g's outline bytes (nil for an empty glyph).
func (t Tables) GlyphData(g int, locLong bool) ([]byte, error) {
	return Glyph(t["loca"], t["glyf"], g, locLong)
}

// GlyphYMax returns the top of glyph g's bounding box in font units; ok is
// false for an empty or unreadable glyph.
func (t Tables) GlyphYMax(g int, locLong bool) (yMax int, ok bool) {
	data, err := t.GlyphData(g, locLong)
	if err != nil || len(data) < 10 {
		return 0, false
	}
	return int(int16(be.Uint16(data[8:]))), true
}

// Composite glyph flags.
const (
	argsAreWords   = 0x0001
	haveScale      = 0x0008
	moreComponents = 0x0020
	haveXYScale    = 0x0040
	haveTwoByTwo   = 0x0080
)

// EachComponent calls fn with the offset, in a composite glyph's data, of
// each component's glyph index (a big-endian uint16), in order; it does
// nothing for a simple or empty glyph. A composite glyph cut short is an
// error, returned after fn has seen the components before the cut.
func EachComponent(data []byte, fn func(at int)) error {
	if len(data) < 10 || int16(be.Uint16(data)) >= 0 {
		return nil
	}
	at := 10
	for {
		if at+4 > len(data) {
			return errors.New("glyf: composite glyph truncated")
		}
		flags := be.Uint16(data[at:])
		fn(at + 2)
		at += 4
		if flags&argsAreWords != 0 {
			at += 4
		} else {
			at += 2
		}
		switch {
		case flags&haveScale != 0:
			at += 2
		case flags&haveXYScale != 0:
			at += 4
		case flags&haveTwoByTwo != 0:
			at += 8
		}
		if flags&moreComponents == 0 {
			return nil
		}
	}
}
