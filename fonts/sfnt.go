package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"unicode/utf16"
)

var be = binary.BigEndian

// requiredTables lists the tables fpdf reads or embeds, with the minimum
// length this package relies on.
var requiredTables = [...]struct {
	tag string
	min int
}{
	{"head", 54}, {"hhea", 36}, {"maxp", 6}, {"post", 16}, {"name", 6},
	{"cmap", 4}, {"hmtx", 4}, {"loca", 2}, {"glyf", 0},
}

// sfnt gives access to the tables of one TrueType file.
type sfnt map[string][]byte

// readSFNT reads the table directory of a TrueType (glyf-outline) font. It
// refuses what fpdf cannot embed: CFF-flavoured OpenType and collections.
func readSFNT(data []byte) (sfnt, error) {
	if len(data) < 12 {
		return nil, errors.New("file too short for a font header")
	}
	switch v := be.Uint32(data); v {
	case 0x00010000, 0x74727565: // version 1.0, 'true'
	case 0x4F54544F: // 'OTTO'
		return nil, errors.New("OpenType font with CFF outlines is not supported, need TrueType outlines")
	case 0x74746366: // 'ttcf'
		return nil, errors.New("font collections are not supported")
	default:
		return nil, fmt.Errorf("not a TrueType font (version tag %#08x)", v)
	}
	n := int(be.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return nil, fmt.Errorf("table directory truncated (%d tables)", n)
	}
	t := make(sfnt, n)
	for i := range n {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off, length := uint64(be.Uint32(rec[8:])), uint64(be.Uint32(rec[12:]))
		if off+length > uint64(len(data)) {
			return nil, fmt.Errorf("table %q runs past the end of the file", tag)
		}
		t[tag] = data[off : off+length : off+length]
	}
	for _, req := range requiredTables {
		b, ok := t[req.tag]
		if !ok {
			return nil, fmt.Errorf("missing %q table", req.tag)
		}
		if len(b) < req.min {
			return nil, fmt.Errorf("table %q too short (%d bytes)", req.tag, len(b))
		}
	}
	return t, nil
}

// headTable holds the fields of 'head' this package uses.
type headTable struct {
	unitsPerEm      int
	indexToLocLong  bool
	glyphDataFormat int
}

func (t sfnt) head() (headTable, error) {
	b := t["head"]
	h := headTable{
		unitsPerEm:      int(be.Uint16(b[18:])),
		indexToLocLong:  be.Uint16(b[50:]) != 0,
		glyphDataFormat: int(be.Uint16(b[52:])),
	}
	if h.unitsPerEm == 0 {
		return h, errors.New("head: unitsPerEm is 0")
	}
	if h.glyphDataFormat != 0 {
		return h, fmt.Errorf("head: unknown glyph data format %d", h.glyphDataFormat)
	}
	return h, nil
}

// hheaTable holds the fields of 'hhea' this package uses.
type hheaTable struct {
	ascender, descender int
	numberOfHMetrics    int
}

func (t sfnt) hhea() (hheaTable, error) {
	b := t["hhea"]
	h := hheaTable{
		ascender:         int(int16(be.Uint16(b[4:]))),
		descender:        int(int16(be.Uint16(b[6:]))),
		numberOfHMetrics: int(be.Uint16(b[34:])),
	}
	if f := be.Uint16(b[32:]); f != 0 {
		return h, fmt.Errorf("hhea: unknown metric data format %d", f)
	}
	if h.numberOfHMetrics == 0 {
		return h, errors.New("hhea: no horizontal metrics")
	}
	return h, nil
}

func (t sfnt) numGlyphs() int { return int(be.Uint16(t["maxp"][4:])) }

// os2Table holds the fields of 'OS/2' this package uses; ok is false when
// the font has no OS/2 table.
type os2Table struct {
	ok                          bool
	fsType                      uint16
	typoAscender, typoDescender int
	xHeight, capHeight          int // 0 when the table predates version 2
}

func (t sfnt) os2() (os2Table, error) {
	b, ok := t["OS/2"]
	if !ok {
		return os2Table{}, nil
	}
	if len(b) < 78 {
		return os2Table{}, fmt.Errorf("table \"OS/2\" too short (%d bytes)", len(b))
	}
	o := os2Table{
		ok:            true,
		fsType:        be.Uint16(b[8:]),
		typoAscender:  int(int16(be.Uint16(b[68:]))),
		typoDescender: int(int16(be.Uint16(b[70:]))),
	}
	if be.Uint16(b) >= 2 && len(b) >= 90 {
		o.xHeight = int(int16(be.Uint16(b[86:])))
		o.capHeight = int(int16(be.Uint16(b[88:])))
	}
	return o, nil
}

// embeddable reports whether fsType allows embedding the font in a PDF the
// way fpdf does it (fpdf refuses restricted-licence and bitmap-only fonts).
func (o os2Table) embeddable() bool {
	return o.fsType != 0x0002 && o.fsType&0x0300 == 0
}

// postTable holds the underline metrics of 'post', in font units.
type postTable struct {
	underlinePosition, underlineThickness int
}

func (t sfnt) post() postTable {
	b := t["post"]
	return postTable{
		underlinePosition:  int(int16(be.Uint16(b[8:]))),
		underlineThickness: int(int16(be.Uint16(b[10:]))),
	}
}

// name returns the first usable record for nameID: Windows Unicode (English
// preferred) or Macintosh Roman; "" when there is none.
func (t sfnt) name(nameID uint16) string {
	b := t["name"]
	count, strOff := int(be.Uint16(b[2:])), int(be.Uint16(b[4:]))
	var mac, win string
	for i := range count {
		r := 6 + 12*i
		if r+12 > len(b) {
			break
		}
		platform, encoding, lang := be.Uint16(b[r:]), be.Uint16(b[r+2:]), be.Uint16(b[r+4:])
		if be.Uint16(b[r+6:]) != nameID {
			continue
		}
		start := strOff + int(be.Uint16(b[r+10:]))
		end := start + int(be.Uint16(b[r+8:]))
		if end > len(b) {
			continue
		}
		s := b[start:end]
		switch {
		case platform == 3 && (encoding == 1 || encoding == 10) && (win == "" || lang == 0x409):
			win = decodeUTF16BE(s)
			if lang == 0x409 {
				return win
			}
		case platform == 1 && encoding == 0 && mac == "":
			mac = decodeLatin1(s)
		}
	}
	if win != "" {
		return win
	}
	return mac
}

func decodeUTF16BE(b []byte) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = be.Uint16(b[2*i:])
	}
	return string(utf16.Decode(u))
}

func decodeLatin1(b []byte) string {
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// glyphYMax returns the top of glyph g's bounding box in font units; ok is
// false for an empty or unreadable glyph.
func (t sfnt) glyphYMax(g int, locLong bool) (yMax int, ok bool) {
	loca, glyf := t["loca"], t["glyf"]
	var start, end int
	if locLong {
		if 4*g+8 > len(loca) {
			return 0, false
		}
		start, end = int(be.Uint32(loca[4*g:])), int(be.Uint32(loca[4*g+4:]))
	} else {
		if 2*g+4 > len(loca) {
			return 0, false
		}
		start, end = 2*int(be.Uint16(loca[2*g:])), 2*int(be.Uint16(loca[2*g+2:]))
	}
	if end-start < 10 || end > len(glyf) {
		return 0, false
	}
	return int(int16(be.Uint16(glyf[start+8:]))), true
}
