package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"printd/internal/sfnt"
)

var be = binary.BigEndian

// Parse reads a TrueType font for use as the given family and style. It
// refuses fonts fpdf cannot embed (CFF outlines, collections, restricted
// licences, no format 4 Unicode cmap). ttf is kept, not copied: the caller
// must not modify it afterwards.
func Parse(family string, style Style, ttf []byte) (*Face, error) {
	if family == "" {
		return nil, errors.New("parse font: empty family name")
	}
	if !style.valid() {
		return nil, fmt.Errorf("parse font %s: invalid style %d", family, style)
	}
	f, err := parse(family, style, ttf)
	if err != nil {
		return nil, fmt.Errorf("parse font %s %s: %w", family, style, err)
	}
	return f, nil
}

func parse(family string, style Style, ttf []byte) (*Face, error) {
	t, err := sfnt.Read(ttf)
	if err != nil {
		return nil, err
	}
	head, err := t.Head()
	if err != nil {
		return nil, err
	}
	hhea, err := t.Hhea()
	if err != nil {
		return nil, err
	}
	os2, err := t.OS2()
	if err != nil {
		return nil, err
	}
	if os2.OK && !os2.Embeddable() {
		return nil, fmt.Errorf("licence forbids embedding (OS/2 fsType %#04x)", os2.FSType)
	}
	numGlyphs := t.NumGlyphs()
	if hhea.NumberOfHMetrics > numGlyphs {
		return nil, fmt.Errorf("hhea: %d metrics for %d glyphs", hhea.NumberOfHMetrics, numGlyphs)
	}
	hmtx := t["hmtx"]
	if len(hmtx) < 4*hhea.NumberOfHMetrics {
		return nil, fmt.Errorf("hmtx: %d bytes for %d metrics", len(hmtx), hhea.NumberOfHMetrics)
	}
	cmap, err := t.UnicodeCmap()
	if err != nil {
		return nil, err
	}

	f := &Face{family: family, style: style, data: ttf}
	if err := f.buildAdvances(cmap, hmtx, hhea.NumberOfHMetrics, numGlyphs, head.UnitsPerEm); err != nil {
		return nil, err
	}

	f.name = t.Name(6)
	if f.name == "" {
		f.name = t.Name(4)
	}
	if f.name == "" {
		f.name = family + "-" + style.String()
	}

	scale := func(v int) int { return int(math.Round(float64(v) * 1000 / float64(head.UnitsPerEm))) }
	asc, desc := hhea.Ascender, hhea.Descender
	if asc == 0 {
		asc = os2.TypoAscender
	}
	if desc == 0 {
		desc = os2.TypoDescender
	}
	f.ascent, f.descent = scale(asc), scale(desc)
	f.capHeight = scale(glyphHeight(t, os2.CapHeight, cmap, 'H', head.IndexToLocLong, asc))
	f.xHeight = scale(glyphHeight(t, os2.XHeight, cmap, 'x', head.IndexToLocLong, asc/2))
	post := t.Post()
	f.underlinePos = scale(post.UnderlinePosition)
	f.underlineThickness = scale(post.UnderlineThickness)
	return f, nil
}

// glyphHeight returns the height the OS/2 table declares, or else the top
// of the glyph for ref, or else fallback; all in font units.
func glyphHeight(t sfnt.Tables, declared int, cmap []byte, ref rune, locLong bool, fallback int) int {
	if declared > 0 {
		return declared
	}
	g := 0
	_ = sfnt.EachMapping(cmap, func(c rune, gid int) {
		if c == ref && gid != 0 {
			g = gid
		}
	})
	if g != 0 {
		if y, ok := t.GlyphYMax(g, locLong); ok && y > 0 {
			return y
		}
	}
	return fallback
}

// buildAdvances fills the rune table with the widths fpdf derives from the
// cmap and hmtx tables (parseHMTXTable in fpdf v0.12):
//
//   - a glyph's width is round(advance·1000/unitsPerEm); advances of 32768
//     units or more count as 0; glyphs past numberOfHMetrics take the last
//     listed advance;
//   - a rune mapped to several glyphs takes the width of the highest glyph;
//   - a rune mapped to a zero-width glyph measures 0;
//   - a rune not mapped, mapped to glyph 0 or to a glyph past numGlyphs, and
//     U+FFFF, measure the missing width: round(width of glyph 0), or 500
//     when that is 0;
//   - U+0000 measures the number of mapped runes (fpdf keeps that count in
//     the width table's first slot).
func (f *Face) buildAdvances(cmap, hmtx []byte, numHMetrics, numGlyphs, unitsPerEm int) error {
	scale := 1000.0 / float64(unitsPerEm)
	rawAdvance := func(g int) int { return int(be.Uint16(hmtx[4*g:])) }

	best := make([]uint16, 0x10000) // highest glyph mapped to each rune
	lastMapped := false             // glyph numHMetrics-1 is a cmap target
	hasNull := false                // U+0000 maps to a real glyph
	count := 0
	err := sfnt.EachMapping(cmap, func(c rune, g int) {
		if g == numHMetrics-1 {
			lastMapped = true
		}
		if g == 0 || g >= numGlyphs {
			return
		}
		if c == 0 {
			hasNull = true
		}
		if c == 0 || c == 0xFFFF {
			return
		}
		count++
		best[c] = max(best[c], uint16(g))
	})
	if err != nil {
		return err
	}

	defaultWidth := rawAdvance(0)
	if defaultWidth >= 1<<15 {
		defaultWidth = 0
	}
	f.missing = int(math.Floor(scale*float64(defaultWidth) + 0.5))
	if f.missing == 0 {
		f.missing = 500
	}
	trailing := rawAdvance(numHMetrics - 1)
	if trailing >= 1<<15 && (lastMapped || numHMetrics == 1) {
		trailing = 0
	}
	width := func(g int) int {
		adv := trailing
		if g < numHMetrics {
			if adv = rawAdvance(g); adv >= 1<<15 {
				adv = 0
			}
		}
		return int(math.Round(scale * float64(adv)))
	}

	entries := make([]uint32, 0x10000)
	for c := range entries {
		switch g := int(best[c]); {
		case c == 0:
			entries[c] = fpdfWidth(count, f.missing)
			if hasNull {
				entries[c] |= hasGlyph
			}
		case g != 0:
			w := width(g)
			if w == 0 {
				w = 0xFFFF // fpdf's marker for a zero width
			}
			entries[c] = hasGlyph | fpdfWidth(w, f.missing)
		default:
			entries[c] = uint32(f.missing)
		}
	}
	// Surrogates are not runes: string(r) makes them U+FFFD.
	f.invalid = int(entries[0xFFFD] & widthMask)
	for c := 0xD800; c <= 0xDFFF; c++ {
		entries[c] = uint32(f.invalid)
	}
	f.pack(entries)
	return nil
}

// fpdfWidth returns what fpdf's GetStringWidth adds for a width-table value
// v: 0 means missing, 0xFFFF means a zero-width glyph.
func fpdfWidth(v, missing int) uint32 {
	switch {
	case v == 0:
		return uint32(missing)
	case v == 0xFFFF:
		return 0
	}
	return uint32(v) & widthMask
}

// pack stores 65536 entries as blocks of 256, sharing one block among the
// pages that hold only the missing width.
func (f *Face) pack(entries []uint32) {
	var empty [256]uint32
	for i := range empty {
		empty[i] = uint32(f.missing)
	}
	f.blocks = [][256]uint32{empty}
	for p := range 256 {
		block := [256]uint32(entries[p*256 : (p+1)*256])
		if block == empty {
			continue
		}
		f.page[p] = uint16(len(f.blocks))
		f.blocks = append(f.blocks, block)
	}
}
