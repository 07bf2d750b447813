package pdffont

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"printd/internal/sfnt"
	"printd/render/internal/zstream"
)

// PageFont is a page's font in the form fpdf's AddFontFromBytes takes: a
// font definition (JSON) and the compressed font program it embeds. The
// program holds only .notdef and the page's glyphs (and the components
// they are built from), with a Windows Unicode (3,1) cmap of the page's
// characters; the definition declares the font non-symbolic, with
// WinAnsiEncoding as the base encoding and a Differences array naming every
// code that means something else (Adobe Glyph List names where the list has
// one, uniXXXX otherwise), so that readers find both the glyphs and the
// text. Widths are the face's advances, exactly what Face.Advance reports.
type PageFont struct {
	Name    string // PostScript name with a subset tag, e.g. "KQWZTB+NotoSerif-Regular"
	Def     []byte // font definition (JSON) for fpdf.AddFontFromBytes
	Program []byte // zlib-compressed TrueType program
	Size    int    // size of the program uncompressed
	// AGL is true when every name in the Differences array is from the
	// Adobe Glyph List, which PDF/A asks of non-symbolic TrueType fonts.
	AGL bool
}

// Font returns the page's font. It is built on the first call (the subset
// is written and compressed) and shared afterwards: treat it as read-only.
func (pg *Page) Font() (*PageFont, error) { return pg.font() }

// fpdfDef mirrors the fields of fpdf's font definition (fontDefType) that a
// TrueType font with an embedded program uses.
type fpdfDef struct {
	Tp           string
	Name         string
	Desc         fpdfDesc
	Up           int
	Ut           int
	Cw           []int
	Enc          string
	Diff         string
	File         string
	OriginalSize int
}

type fpdfDesc struct {
	Ascent       int
	Descent      int
	CapHeight    int
	Flags        int
	FontBBox     struct{ Xmin, Ymin, Xmax, Ymax int }
	ItalicAngle  int
	StemV        int
	MissingWidth int
}

// Font descriptor flags (PDF 32000-1, 9.8.2).
const (
	flagFixedPitch  = 1 << 0
	flagSerif       = 1 << 1
	flagNonsymbolic = 1 << 5
	flagItalic      = 1 << 6
)

func (pg *Page) build() (*PageFont, error) {
	pf, err := pg.buildFont()
	if err != nil {
		return nil, fmt.Errorf("font %s page %s: %w", pg.face.Name(), pg.id, err)
	}
	return pf, nil
}

func (pg *Page) buildFont() (*PageFont, error) {
	f := pg.face
	t, err := sfnt.Read(f.Data())
	if err != nil {
		return nil, err
	}
	head, err := t.Head()
	if err != nil {
		return nil, err
	}
	cmap, err := t.UnicodeCmap()
	if err != nil {
		return nil, err
	}

	// The glyph of each character, chosen as fpdf (and so Face.Advance)
	// chooses it: the highest glyph a character is mapped to.
	var chars []charGlyph
	at := map[rune]int{}
	for c := firstCode; c < 256; c++ {
		if r := pg.runes[c]; r != 0 {
			at[r] = len(chars)
			chars = append(chars, charGlyph{r: r})
		}
	}
	numGlyphs := t.NumGlyphs()
	if err := sfnt.EachMapping(cmap, func(c rune, g int) {
		if i, ok := at[c]; ok && g < numGlyphs {
			chars[i].g = max(chars[i].g, g)
		}
	}); err != nil {
		return nil, err
	}
	slices.SortFunc(chars, func(a, b charGlyph) int { return int(a.r - b.r) })
	ttf, err := subsetTTF(t, chars)
	if err != nil {
		return nil, err
	}

	name := subsetTag(f.Name(), pg.id, ttf) + "+" + postScriptName(f.Name())
	def := fpdfDef{
		Tp:           "TrueType",
		Name:         name,
		Up:           f.UnderlinePos(),
		Ut:           f.UnderlineThickness(),
		Cw:           make([]int, 256),
		Enc:          pg.id,
		File:         name + ".z",
		OriginalSize: len(ttf),
	}
	for c, r := range pg.runes {
		if r != 0 {
			def.Cw[c] = f.Advance(r)
		}
	}
	diff, agl := pg.differences()
	def.Diff = diff
	def.Desc = pg.descriptor(t, head)
	js, err := json.Marshal(def)
	if err != nil {
		return nil, err
	}
	return &PageFont{Name: name, Def: js, Program: zstream.Zlib(ttf), Size: len(ttf), AGL: agl}, nil
}

// differences returns the Differences array (without brackets) that turns
// WinAnsiEncoding into the page's encoding, and whether all its names are
// from the Adobe Glyph List.
func (pg *Page) differences() (string, bool) {
	var b strings.Builder
	agl := true
	next := -1
	for c := firstCode; c < 256; c++ {
		r := pg.runes[c]
		if r == 0 || r == winAnsiRune(c) {
			continue
		}
		name, ok := glyphName(r)
		agl = agl && ok
		if c != next {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(strconv.Itoa(c))
		}
		b.WriteString(" /")
		b.WriteString(name)
		next = c + 1
	}
	return b.String(), agl
}

// descriptor fills in the font descriptor from the face and its tables.
func (pg *Page) descriptor(t sfnt.Tables, head sfnt.Head) fpdfDesc {
	f := pg.face
	scale := func(v int) int { return int(math.Round(float64(v) * 1000 / float64(head.UnitsPerEm))) }
	hb := t["head"]
	post := t["post"]
	d := fpdfDesc{
		Ascent:       f.Ascent(),
		Descent:      f.Descent(),
		CapHeight:    f.CapHeight(),
		Flags:        flagNonsymbolic,
		ItalicAngle:  int(math.Round(float64(int32(be.Uint32(post[4:]))) / 65536)),
		MissingWidth: f.MissingWidth(),
	}
	d.FontBBox.Xmin = scale(int(int16(be.Uint16(hb[36:]))))
	d.FontBBox.Ymin = scale(int(int16(be.Uint16(hb[38:]))))
	d.FontBBox.Xmax = scale(int(int16(be.Uint16(hb[40:]))))
	d.FontBBox.Ymax = scale(int(int16(be.Uint16(hb[42:]))))
	if be.Uint32(post[12:]) != 0 {
		d.Flags |= flagFixedPitch
	}
	if d.ItalicAngle != 0 || be.Uint16(hb[44:])&2 != 0 {
		d.Flags |= flagItalic
	}
	weight := 400
	if os2, ok := t["OS/2"]; ok && len(os2) >= 32 {
		weight = int(be.Uint16(os2[4:]))
		switch be.Uint16(os2[30:]) >> 8 { // sFamilyClass: the serif classes
		case 1, 2, 3, 4, 5, 7:
			d.Flags |= flagSerif
		}
	}
	// The dominant stem width, estimated from the weight as fpdf does.
	d.StemV = 50 + int(math.Pow(float64(weight)/65, 2))
	return d
}

// subsetTag returns the six capital letters that mark a subset font's
// name, derived from the font and the page so that the same subset always
// carries the same tag and different subsets different ones.
func subsetTag(font, page string, program []byte) string {
	h := sha256.New()
	h.Write([]byte(font))
	h.Write([]byte{0})
	h.Write([]byte(page))
	h.Write([]byte{0})
	h.Write(program)
	sum := h.Sum(nil)
	var tag [6]byte
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag[:])
}

// postScriptName keeps the characters a PDF name may hold unescaped.
func postScriptName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9', r == '-', r == '_', r == '.':
			return r
		}
		return -1
	}, s)
	if s == "" {
		return "Font"
	}
	return s
}
