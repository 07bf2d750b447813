package pdffont

import (
	"slices"
	"unicode"

	"golang.org/x/text/encoding/charmap"
)

// The standard pages are Windows code pages, in order of preference: when
// several can set a run of text, the first wins. A face's further pages
// (see Pages) follow them.
var standardPages = [...]struct {
	id string
	cm *charmap.Charmap
}{
	{"cp1252", charmap.Windows1252}, // Western
	{"cp1250", charmap.Windows1250}, // Central European
	{"cp1251", charmap.Windows1251}, // Cyrillic
	{"cp1253", charmap.Windows1253}, // Greek
	{"cp1257", charmap.Windows1257}, // Baltic
	{"cp1254", charmap.Windows1254}, // Turkish
}

// NumStandard is the number of standard pages; they come first in every
// face's Pages, at indexes 0 to NumStandard-1.
const NumStandard = len(standardPages)

// PageSet is a set of standard pages: bit i stands for page i.
type PageSet uint8

// First returns the index of the first page in the set, or -1 when it is
// empty.
func (s PageSet) First() int {
	for i := range NumStandard {
		if s&(1<<i) != 0 {
			return i
		}
	}
	return -1
}

// Codes 0–31 are never used: the PDF writer declares widths from 32 on.
const firstCode = 0x20

// standardTable maps the characters of the standard pages to their codes.
type standardTable struct {
	runes  [NumStandard][256]rune // by page and code; 0: unused
	index  [256]uint8             // r>>8 selects a block; 0: none
	blocks [][256][NumStandard]byte
}

var standard = buildStandard()

func buildStandard() *standardTable {
	t := &standardTable{blocks: make([][256][NumStandard]byte, 1)}
	for p, sp := range standardPages {
		for c := firstCode; c < 256; c++ {
			r := sp.cm.DecodeByte(byte(c))
			if r == unicode.ReplacementChar || unicode.IsControl(r) {
				continue
			}
			t.runes[p][c] = r
			hi := r >> 8
			if t.index[hi] == 0 {
				t.index[hi] = uint8(len(t.blocks))
				t.blocks = append(t.blocks, [256][NumStandard]byte{})
			}
			t.blocks[t.index[hi]][r&0xFF][p] = byte(c)
		}
	}
	return t
}

// standardSet returns the standard pages that have r, whether or not a face
// does.
func standardSet(r rune) PageSet {
	if uint32(r) > 0xFFFF {
		return 0
	}
	codes := &standard.blocks[standard.index[r>>8]][r&0xFF]
	var s PageSet
	for p, c := range codes {
		if c != 0 {
			s |= 1 << p
		}
	}
	return s
}

// standardCode returns r's code in standard page p, or 0.
func standardCode(p int, r rune) byte {
	if uint32(r) > 0xFFFF {
		return 0
	}
	return standard.blocks[standard.index[r>>8]][r&0xFF][p]
}

// winAnsiRune returns the character a PDF reader takes code c of
// WinAnsiEncoding (every page's base encoding) to stand for: cp1252, except
// that the encoding names 160 "space" and 173 "hyphen". 0: no character.
func winAnsiRune(c int) rune {
	switch c {
	case 0xA0:
		return ' '
	case 0xAD:
		return '-'
	}
	return standard.runes[0][c]
}

// aglName is one entry of the generated glyph name table.
type aglName struct {
	r    uint16
	name string
}

// glyphName returns the name under which a Differences encoding lists r:
// its Adobe Glyph List name, or else uniXXXX. agl reports whether the name
// is from the list (PDF/A validators accept no other names in Differences).
func glyphName(r rune) (name string, agl bool) {
	if i, ok := slices.BinarySearchFunc(aglNames[:], r, func(e aglName, r rune) int {
		return int(e.r) - int(r)
	}); ok {
		return aglNames[i].name, true
	}
	const hex = "0123456789ABCDEF"
	return "uni" + string([]byte{hex[r>>12&0xF], hex[r>>8&0xF], hex[r>>4&0xF], hex[r&0xF]}), false
}
