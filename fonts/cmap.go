package fonts

import (
	"errors"
	"fmt"
)

// unicodeCmap returns the cmap subtable fpdf uses: the first encoding record
// that is Unicode (platform 0, or Windows platform 3 encoding 1) and whose
// subtable has format 4. Fonts without one cannot be used by fpdf.
func (t sfnt) unicodeCmap() ([]byte, error) {
	b := t["cmap"]
	n := int(be.Uint16(b[2:]))
	for i := range n {
		r := 4 + 8*i
		if r+8 > len(b) {
			break
		}
		platform, encoding := be.Uint16(b[r:]), be.Uint16(b[r+2:])
		if platform != 0 && (platform != 3 || encoding != 1) {
			continue
		}
		off := int(be.Uint32(b[r+4:]))
		if off+14 > len(b) || be.Uint16(b[off:]) != 4 {
			continue
		}
		length := int(be.Uint16(b[off+2:]))
		if length < 14 || off+length > len(b) {
			return nil, fmt.Errorf("cmap: format 4 subtable of %d bytes at %d overruns the table", length, off)
		}
		return b[off : off+length], nil
	}
	return nil, errors.New("cmap: no Unicode subtable in format 4")
}

// eachMapping calls fn for every (code point, glyph) pair of a format 4
// subtable, segment by segment, decoding it the way fpdf does: a glyph index
// read from outside the subtable counts as 0.
func eachMapping(sub []byte, fn func(c rune, g int)) error {
	segs := int(be.Uint16(sub[6:])) / 2
	ends := 14
	starts := ends + 2*segs + 2
	deltas := starts + 2*segs
	offsets := deltas + 2*segs
	if offsets+2*segs > len(sub) {
		return fmt.Errorf("cmap: %d segments overrun the format 4 subtable", segs)
	}
	for i := range segs {
		end := int(be.Uint16(sub[ends+2*i:]))
		start := int(be.Uint16(sub[starts+2*i:]))
		delta := int(be.Uint16(sub[deltas+2*i:]))
		ro := int(be.Uint16(sub[offsets+2*i:]))
		for c := start; c <= end; c++ {
			var g int
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else {
				pos := offsets + 2*i + ro + 2*(c-start)
				if pos+2 <= len(sub) {
					g = int(be.Uint16(sub[pos:]))
					if g != 0 {
						g = (g + delta) & 0xFFFF
					}
				}
			}
			fn(rune(c), g)
		}
	}
	return nil
}
