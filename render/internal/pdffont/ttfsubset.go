package pdffont

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"printd/internal/sfnt"
)

var be = binary.BigEndian

// charGlyph maps one character to a glyph of the source font.
type charGlyph struct {
	r rune
	g int
}

// subsetTTF writes a TrueType font holding glyph 0 (.notdef), the glyphs of
// chars and the components those are built from, with a Windows Unicode
// (3,1) cmap mapping chars and no glyph names (post format 3). Hinting
// tables the source has are kept as they are. chars must be sorted by
// character.
func subsetTTF(t sfnt.Tables, chars []charGlyph) ([]byte, error) {
	head, err := t.Head()
	if err != nil {
		return nil, err
	}
	hhea, err := t.Hhea()
	if err != nil {
		return nil, err
	}
	numGlyphs := t.NumGlyphs()
	hmtx := t["hmtx"]
	if hhea.NumberOfHMetrics > numGlyphs || len(hmtx) < 4*hhea.NumberOfHMetrics {
		return nil, errors.New("hmtx: too short")
	}

	// The glyphs to keep, closed over composite components.
	keep := make([]bool, numGlyphs)
	keep[0] = true
	queue := []int{0}
	for _, c := range chars {
		if c.g <= 0 || c.g >= numGlyphs {
			return nil, fmt.Errorf("cmap: U+%04X maps to glyph %d of %d", c.r, c.g, numGlyphs)
		}
		if !keep[c.g] {
			keep[c.g] = true
			queue = append(queue, c.g)
		}
	}
	for len(queue) > 0 {
		g := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		data, err := t.GlyphData(g, head.IndexToLocLong)
		if err != nil {
			return nil, err
		}
		var bad error
		err = sfnt.EachComponent(data, func(at int) {
			c := int(be.Uint16(data[at:]))
			if c >= numGlyphs {
				bad = fmt.Errorf("glyf: glyph %d uses missing glyph %d", g, c)
				return
			}
			if !keep[c] {
				keep[c] = true
				queue = append(queue, c)
			}
		})
		if err != nil {
			return nil, fmt.Errorf("glyph %d: %w", g, err)
		}
		if bad != nil {
			return nil, bad
		}
	}
	newID := make([]int, numGlyphs)
	var old []int
	for g, k := range keep {
		newID[g] = -1
		if k {
			newID[g] = len(old)
			old = append(old, g)
		}
	}
	n := len(old)

	// glyf and loca: each glyph padded to an even length, so that the short
	// loca format (offsets/2) works when the table is small enough.
	var glyf []byte
	offsets := make([]int, 0, n+1)
	for _, g := range old {
		offsets = append(offsets, len(glyf))
		data, err := t.GlyphData(g, head.IndexToLocLong)
		if err != nil {
			return nil, err
		}
		at := len(glyf)
		glyf = append(glyf, data...)
		if err := sfnt.EachComponent(data, func(c int) {
			be.PutUint16(glyf[at+c:], uint16(newID[be.Uint16(data[c:])]))
		}); err != nil {
			return nil, err
		}
		if len(glyf)%2 != 0 {
			glyf = append(glyf, 0)
		}
	}
	offsets = append(offsets, len(glyf))
	locLong := len(glyf)/2 > 0xFFFF
	var loca []byte
	for _, off := range offsets {
		if locLong {
			loca = be.AppendUint32(loca, uint32(off))
		} else {
			loca = be.AppendUint16(loca, uint16(off/2))
		}
	}

	// hmtx: a full metric for every glyph.
	hm := make([]byte, 0, 4*n)
	last := hhea.NumberOfHMetrics - 1
	for _, g := range old {
		var adv, lsb uint16
		if g <= last {
			adv, lsb = be.Uint16(hmtx[4*g:]), be.Uint16(hmtx[4*g+2:])
		} else {
			adv = be.Uint16(hmtx[4*last:])
			if at := 4*hhea.NumberOfHMetrics + 2*(g-hhea.NumberOfHMetrics); at+2 <= len(hmtx) {
				lsb = be.Uint16(hmtx[at:])
			}
		}
		hm = be.AppendUint16(hm, adv)
		hm = be.AppendUint16(hm, lsb)
	}

	mapped := make([]charGlyph, len(chars))
	for i, c := range chars {
		mapped[i] = charGlyph{c.r, newID[c.g]}
	}
	cmap, err := cmapFormat4(mapped)
	if err != nil {
		return nil, err
	}

	tables := map[string][]byte{
		"cmap": cmap,
		"glyf": glyf,
		"loca": loca,
		"hmtx": hm,
		"name": t["name"],
	}
	headT := slices.Clone(t["head"])
	be.PutUint32(headT[8:], 0) // checkSumAdjustment, set below
	be.PutUint16(headT[50:], uint16(b2i(locLong)))
	tables["head"] = headT
	hheaT := slices.Clone(t["hhea"])
	be.PutUint16(hheaT[34:], uint16(n))
	tables["hhea"] = hheaT
	maxp := slices.Clone(t["maxp"])
	be.PutUint16(maxp[4:], uint16(n))
	tables["maxp"] = maxp
	if len(t["post"]) < 32 {
		return nil, errors.New("post: too short")
	}
	post := slices.Clone(t["post"][:32])
	be.PutUint32(post, 0x00030000)
	tables["post"] = post
	if os2, ok := t["OS/2"]; ok {
		os2 = slices.Clone(os2)
		if len(os2) >= 68 && len(chars) > 0 {
			be.PutUint16(os2[64:], uint16(min(chars[0].r, 0xFFFF)))
			be.PutUint16(os2[66:], uint16(min(chars[len(chars)-1].r, 0xFFFF)))
		}
		tables["OS/2"] = os2
	}
	for _, tag := range []string{"cvt ", "fpgm", "prep", "gasp"} {
		if b, ok := t[tag]; ok {
			tables[tag] = b
		}
	}
	return sfnt.Assemble(tables), nil
}

// cmapFormat4 writes a cmap table with one subtable, Windows Unicode BMP
// (3,1) in format 4, mapping the sorted chars: one segment per run of
// consecutive characters on consecutive glyphs.
func cmapFormat4(chars []charGlyph) ([]byte, error) {
	type seg struct{ start, end, delta int }
	var segs []seg
	for _, c := range chars {
		if c.r < 0 || c.r >= 0xFFFF {
			return nil, fmt.Errorf("cmap: U+%04X is outside the format 4 range", c.r)
		}
		if k := len(segs) - 1; k >= 0 && int(c.r) == segs[k].end+1 && c.g-int(c.r) == segs[k].delta {
			segs[k].end++
			continue
		}
		segs = append(segs, seg{int(c.r), int(c.r), c.g - int(c.r)})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1}) // the required last segment, to glyph 0
	nseg := len(segs)
	length := 16 + 8*nseg
	if length > 0xFFFF {
		return nil, fmt.Errorf("cmap: %d segments are too many", nseg)
	}
	b := make([]byte, 0, 12+length)
	b = be.AppendUint16(b, 0) // version
	b = be.AppendUint16(b, 1) // one subtable
	b = be.AppendUint16(b, 3) // Windows
	b = be.AppendUint16(b, 1) // Unicode BMP
	b = be.AppendUint32(b, 12)
	b = be.AppendUint16(b, 4)
	b = be.AppendUint16(b, uint16(length))
	b = be.AppendUint16(b, 0) // language
	b = be.AppendUint16(b, uint16(2*nseg))
	b = sfnt.AppendSearchFields(b, nseg, 2)
	for _, s := range segs {
		b = be.AppendUint16(b, uint16(s.end))
	}
	b = be.AppendUint16(b, 0) // reservedPad
	for _, s := range segs {
		b = be.AppendUint16(b, uint16(s.start))
	}
	for _, s := range segs {
		b = be.AppendUint16(b, uint16(s.delta))
	}
	for range segs {
		b = be.AppendUint16(b, 0) // idRangeOffset: deltas only
	}
	return b, nil
}
