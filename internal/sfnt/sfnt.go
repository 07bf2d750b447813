// Package sfnt reads and writes the tables of a TrueType (glyf-outline)
// font file: the table directory, the header fields printd relies on,
// names, the Unicode cmap and glyph outlines (glyf.go: loca offsets and
// the components of composite glyphs), and, for the subsets the PDF writer
// embeds, the table directory and checksums of a new file (write.go). It
// is a shared leaf: fonts measures faces with it and the PDF writer
// subsets them. It is pure: no I/O.
package sfnt

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"
)

var be = binary.BigEndian

// requiredTables lists the tables a face is measured and embedded from,
// with the minimum length this package relies on.
var requiredTables = [...]struct {
	tag string
	min int
}{
	{"head", 54}, {"hhea", 36}, {"maxp", 6}, {"post", 16}, {"name", 6},
	{"cmap", 4}, {"hmtx", 4}, {"loca", 2}, {"glyf", 0},
}

// Tables gives access to the tables of one TrueType file, by tag. The
// slices share the file's bytes: never modify them.
type Tables map[string][]byte

// Read reads the table directory of a TrueType (glyf-outline) font. It
// refuses what the PDF writer cannot embed: CFF-flavoured OpenType and
// collections.
func Read(data []byte) (Tables, error) {
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
	t, err := directory(data, 0)
	if err != nil {
		return nil, err
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

// ErrNoFace is Directory's error for a face index the file does not hold.
var ErrNoFace = errors.New("no such face in the font file")

// Directory reads the table directory of face index of any sfnt file:
// TrueType or CFF outlines, or a collection (.ttc, .otc) of them. Unlike
// Read it requires no table.
func Directory(data []byte, index int) (Tables, error) {
	if len(data) < 12 {
		return nil, errors.New("file too short for a font header")
	}
	off := 0
	if be.Uint32(data) == 0x74746366 { // 'ttcf'
		n := int(be.Uint32(data[8:]))
		if index < 0 || index >= n || 12+4*(index+1) > len(data) {
			return nil, ErrNoFace
		}
		off = int(be.Uint32(data[12+4*index:]))
	} else if index != 0 {
		return nil, ErrNoFace
	}
	return directory(data, off)
}

// directory reads the table directory that starts at off.
func directory(data []byte, off int) (Tables, error) {
	if off < 0 || off+12 > len(data) {
		return nil, errors.New("table directory past the end of the file")
	}
	n := int(be.Uint16(data[off+4:]))
	if len(data) < off+12+16*n {
		return nil, fmt.Errorf("table directory truncated (%d tables)", n)
	}
	t := make(Tables, n)
	for i := range n {
		rec := data[off+12+16*i:]
		tag := string(rec[:4])
		at, length := uint64(be.Uint32(rec[8:])), uint64(be.Uint32(rec[12:]))
		if at+length > uint64(len(data)) {
			return nil, fmt.Errorf("table %q runs past the end of the file", tag)
		}
		t[tag] = data[at : at+length : at+length]
	}
	return t, nil
}

// PostScriptName returns name ID 6 with the characters a PDF name may not
// hold left out; "" when the font has none.
func (t Tables) PostScriptName() string {
	if len(t["name"]) < 6 {
		return ""
	}
	return strings.Map(func(r rune) rune {
		if r <= ' ' || r > '~' || strings.ContainsRune("()<>[]{}/%#", r) {
			return -1
		}
		return r
	}, t.Name(6))
}

// Head holds the fields of 'head' printd uses.
type Head struct {
	UnitsPerEm      int
	IndexToLocLong  bool
	GlyphDataFormat int
}

// Head reads the font header.
func (t Tables) Head() (Head, error) {
	b := t["head"]
	h := Head{
		UnitsPerEm:      int(be.Uint16(b[18:])),
		IndexToLocLong:  be.Uint16(b[50:]) != 0,
		GlyphDataFormat: int(be.Uint16(b[52:])),
	}
	if h.UnitsPerEm == 0 {
		return h, errors.New("head: unitsPerEm is 0")
	}
	if h.GlyphDataFormat != 0 {
		return h, fmt.Errorf("head: unknown glyph data format %d", h.GlyphDataFormat)
	}
	return h, nil
}

// Hhea holds the fields of 'hhea' printd uses.
type Hhea struct {
	Ascender, Descender int
	NumberOfHMetrics    int
}

// Hhea reads the horizontal header.
func (t Tables) Hhea() (Hhea, error) {
	b := t["hhea"]
	h := Hhea{
		Ascender:         int(int16(be.Uint16(b[4:]))),
		Descender:        int(int16(be.Uint16(b[6:]))),
		NumberOfHMetrics: int(be.Uint16(b[34:])),
	}
	if f := be.Uint16(b[32:]); f != 0 {
		return h, fmt.Errorf("hhea: unknown metric data format %d", f)
	}
	if h.NumberOfHMetrics == 0 {
		return h, errors.New("hhea: no horizontal metrics")
	}
	return h, nil
}

// NumGlyphs returns the number of glyphs 'maxp' declares.
func (t Tables) NumGlyphs() int { return int(be.Uint16(t["maxp"][4:])) }

// OS2 holds the fields of 'OS/2' printd uses; OK is false when the font
// has no OS/2 table.
type OS2 struct {
	OK                          bool
	FSType                      uint16
	TypoAscender, TypoDescender int
	XHeight, CapHeight          int // 0 when the table predates version 2
}

// OS2 reads the OS/2 table, if any.
func (t Tables) OS2() (OS2, error) {
	b, ok := t["OS/2"]
	if !ok {
		return OS2{}, nil
	}
	if len(b) < 78 {
		return OS2{}, fmt.Errorf("table \"OS/2\" too short (%d bytes)", len(b))
	}
	o := OS2{
		OK:            true,
		FSType:        be.Uint16(b[8:]),
		TypoAscender:  int(int16(be.Uint16(b[68:]))),
		TypoDescender: int(int16(be.Uint16(b[70:]))),
	}
	if be.Uint16(b) >= 2 && len(b) >= 90 {
		o.XHeight = int(int16(be.Uint16(b[86:])))
		o.CapHeight = int(int16(be.Uint16(b[88:])))
	}
	return o, nil
}

// Embeddable reports whether fsType allows embedding the font in a PDF the
// way the PDF writer does it (it refuses restricted-licence and bitmap-only fonts).
func (o OS2) Embeddable() bool {
	return o.FSType != 0x0002 && o.FSType&0x0300 == 0
}

// Post holds the underline metrics of 'post', in font units.
type Post struct {
	UnderlinePosition, UnderlineThickness int
}

// Post reads the underline metrics.
func (t Tables) Post() Post {
	b := t["post"]
	return Post{
		UnderlinePosition:  int(int16(be.Uint16(b[8:]))),
		UnderlineThickness: int(int16(be.Uint16(b[10:]))),
	}
}

// Name returns the first usable record for nameID: Windows Unicode (English
// preferred) or Macintosh Roman; "" when there is none.
func (t Tables) Name(nameID uint16) string {
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

// UnicodeCmap returns the cmap subtable faces are measured and embedded
// with: the first encoding record that is Unicode (platform 0, or Windows
// platform 3 encoding 1) and whose subtable has format 4.
func (t Tables) UnicodeCmap() ([]byte, error) {
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

// EachMapping calls fn for every (code point, glyph) pair of a format 4
// subtable, segment by segment, decoding it the way the PDF writer does: a glyph index
// read from outside the subtable counts as 0.
func EachMapping(sub []byte, fn func(c rune, g int)) error {
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
