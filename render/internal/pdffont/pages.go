package pdffont

import (
	"cmp"
	"slices"
	"strconv"
	"sync"
	"unicode"

	"printd/fonts"
)

// Pages splits a face into single-byte fonts, "pages" of up to 224
// characters each under codes 32–255, for PDF writers that embed simple
// TrueType fonts: the standard pages (Windows code pages cp1252, cp1250,
// cp1251, cp1253, cp1257 and cp1254, see NumStandard), then further pages
// holding every other character the face has: first those the Adobe Glyph
// List names, then the rest, each in code point order. A character is in
// any number of standard pages or in exactly one further page, never both.
// Every page keeps the space at code 32. Control characters are in none.
//
// Pages is immutable and safe for concurrent use; each page builds its font
// program on first use (see Page.Font).
type Pages struct {
	face  *fonts.Face
	pages []*Page
	// Where each character of the face is, two-level like Face's advances:
	// index[r>>8] selects a block of 256 entries. An entry holds the
	// PageSet of standard pages in the low byte, or else the further page's
	// index in bits 8–23 and the code in bits 24–31; 0: in no page.
	index  [256]uint16
	blocks [][256]uint32
}

// Page is one single-byte font of a face.
type Page struct {
	face  *fonts.Face
	id    string
	index int
	runes [256]rune // by code; 0: unused
	font  func() (*PageFont, error)
}

// pagesKey keeps a face's Pages with the face (see fonts.Face.Derived).
type pagesKey struct{}

// For returns the pages of face f, computed on the first call for the face
// and shared by every document afterwards.
func For(f *fonts.Face) *Pages {
	return f.Derived(pagesKey{}, func(f *fonts.Face) any { return newPages(f) }).(*Pages)
}

// Further pages are named x1, x2, …; their characters take codes 33–255.
const (
	furtherPrefix = "x"
	furtherFirst  = firstCode + 1
)

func newPages(f *fonts.Face) *Pages {
	ps := &Pages{face: f, blocks: make([][256]uint32, 1)}
	set := func(r rune, e uint32) {
		hi := r >> 8
		if ps.index[hi] == 0 {
			ps.index[hi] = uint16(len(ps.blocks))
			ps.blocks = append(ps.blocks, [256]uint32{})
		}
		ps.blocks[ps.index[hi]][r&0xFF] = e
	}

	for i, sp := range standardPages {
		pg := ps.add(sp.id)
		for c, r := range standard.runes[i] {
			if r != 0 && f.Has(r) {
				pg.runes[c] = r
			}
		}
	}
	type char struct {
		r   rune
		agl bool
	}
	var further []char
	for r := rune(firstCode); r <= 0xFFFF; r++ {
		if !f.Has(r) || unicode.IsControl(r) {
			continue
		}
		if s := standardSet(r); s != 0 {
			set(r, uint32(s))
			continue
		}
		_, agl := glyphName(r)
		further = append(further, char{r, agl})
	}
	// Characters with a glyph list name first, so that pages whose names are
	// all from the list (which PDF/A asks of a Differences encoding) hold as
	// many characters as they can.
	slices.SortStableFunc(further, func(a, b char) int {
		return cmp.Compare(b2i(!a.agl), b2i(!b.agl))
	})
	var pg *Page
	var pgAGL bool
	c := 256
	for _, ch := range further {
		r, agl := ch.r, ch.agl
		if c > 0xFF || agl != pgAGL {
			pg = ps.add(furtherPrefix + strconv.Itoa(len(ps.pages)-NumStandard+1))
			if f.Has(' ') {
				pg.runes[' '] = ' '
			}
			pgAGL, c = agl, furtherFirst
		}
		pg.runes[c] = r
		set(r, uint32(pg.index)<<8|uint32(c)<<24)
		c++
	}
	return ps
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (ps *Pages) add(id string) *Page {
	pg := &Page{face: ps.face, id: id, index: len(ps.pages)}
	pg.font = sync.OnceValues(pg.build)
	ps.pages = append(ps.pages, pg)
	return pg
}

// Len returns the number of pages, standard ones included.
func (ps *Pages) Len() int { return len(ps.pages) }

// Page returns page i, 0 ≤ i < Len.
func (ps *Pages) Page(i int) *Page { return ps.pages[i] }

// Lookup tells which pages can set r: the standard pages that have it, or
// else the index of the one further page that has it (-1 if none does: the
// face lacks r, or r is a control character).
func (ps *Pages) Lookup(r rune) (std PageSet, further int) {
	if uint32(r) > 0xFFFF {
		return 0, -1
	}
	e := ps.blocks[ps.index[r>>8]][r&0xFF]
	if e&0xFF != 0 {
		return PageSet(e), -1
	}
	if e == 0 {
		return 0, -1
	}
	return 0, int(e >> 8 & 0xFFFF)
}

// Encode returns r's code in page i; ok is false when the page lacks r.
func (ps *Pages) Encode(i int, r rune) (code byte, ok bool) {
	if i < NumStandard {
		if !ps.face.Has(r) {
			return 0, false
		}
		c := standardCode(i, r)
		return c, c != 0
	}
	if uint32(r) > 0xFFFF {
		return 0, false
	}
	if r == ' ' {
		return ' ', ps.pages[i].runes[' '] == ' '
	}
	e := ps.blocks[ps.index[r>>8]][r&0xFF]
	if e&0xFF != 0 || int(e>>8&0xFFFF) != i {
		return 0, false
	}
	return byte(e >> 24), true
}

// ID returns the page's name: "cp1252" and so on for the standard pages,
// "x1", "x2", … for the further ones.
func (pg *Page) ID() string { return pg.id }

// Index returns the page's position in its face's Pages.
func (pg *Page) Index() int { return pg.index }

// Face returns the face the page belongs to.
func (pg *Page) Face() *fonts.Face { return pg.face }

// Rune returns the character under code c, or 0 when c is unused.
func (pg *Page) Rune(c byte) rune { return pg.runes[c] }
