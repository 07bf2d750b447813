package shaping

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/harfbuzz"
	"github.com/go-text/typesetting/language"

	"printd/internal/sfnt"
)

// Font is one face of an OpenType file. It is immutable after Load (but
// for the shapers and the cache of shaped texts, which are synchronized)
// and safe for concurrent use.
type Font struct {
	data  []byte // the whole file (a collection holds several faces)
	index int    // the face's index in a collection, 0 otherwise
	ft    *font.Font
	upem  int

	name   string // PostScript name
	family string
	weight int
	italic bool
	cff    bool // PostScript (CFF) outlines rather than TrueType (glyf)

	ascent, descent int // 1/1000 em; descent negative
	capHeight       int

	tables    map[string][]byte // the face's tables, slices of data
	numGlyphs int

	// hmtx and its number of long metrics (hhea), for GlyphAdvance; nil
	// when they do not hold together (HarfBuzz is asked then).
	hmtx []byte
	nhm  int

	// The face's shapers, made as calls need them, at most cap(idle):
	// one per processor the runtime runs Go code on. A shaper holds the
	// library's glyph-extents cache (20 bytes a glyph, 1.3 MB for a CJK
	// face) and lookup accelerators; a call finding every one busy waits
	// for one, which happens only while a holder is descheduled.
	idle  chan *shaper
	slots chan struct{} // a token per shaper made

	cache shapeCache // texts shaped, for ShapeString
}

// shaper is one HarfBuzz font and buffer: the library's caches in them are
// not safe for concurrent use, so each call borrows one.
type shaper struct {
	hb  *harfbuzz.Font
	buf *harfbuzz.Buffer
}

// ErrNoFace is returned for an index beyond a collection's faces.
var ErrNoFace = errors.New("shaping: no such face in the font file")

// Load parses face index of the font file data (0 for a single font). The
// slice is kept, not copied.
func Load(data []byte, index int) (*Font, error) {
	tables, err := sfnt.Directory(data, index)
	if errors.Is(err, sfnt.ErrNoFace) {
		return nil, ErrNoFace
	} else if err != nil {
		return nil, fmt.Errorf("shaping: %w", err)
	}
	// go-text copies every table it knows into the heap. Shaping needs no
	// outlines (advances come from hmtx, positions from GPOS; only the
	// fallback mark positioning of fonts without GPOS reads glyph
	// extents): a large CFF table (15–21 MB in a Noto CJK face) is hidden
	// from it and read in place when a PDF embeds its glyphs. Nor does it
	// need vertical metrics (vhea, vmtx, VORG: 256 KB a CJK face), since
	// printd shapes horizontal text only.
	hide := []string{"vhea", "vmtx", "VORG"}
	if len(tables["CFF "]) >= hideOutlines {
		hide = append(hide, "CFF ")
	}
	src, err := sfnt.Hide(data, hide...)
	if err != nil {
		return nil, fmt.Errorf("shaping: %w", err)
	}
	lds, err := ot.NewLoaders(src)
	if err != nil {
		return nil, fmt.Errorf("shaping: %w", err)
	}
	if index < 0 || index >= len(lds) {
		return nil, ErrNoFace
	}
	ld := lds[index]
	ft, err := font.NewFont(ld)
	if err != nil {
		return nil, fmt.Errorf("shaping: %w", err)
	}
	f := &Font{data: data, index: index, ft: ft, upem: int(ft.Upem())}
	if f.upem == 0 {
		return nil, errors.New("shaping: font has no units per em")
	}
	desc := ft.Describe()
	f.family = desc.Family
	f.weight = int(desc.Aspect.Weight)
	f.italic = desc.Aspect.Style != font.StyleNormal
	f.cff = tables["CFF "] != nil
	if !f.cff && tables["glyf"] == nil {
		return nil, errors.New("shaping: font has neither TrueType nor CFF outlines")
	}
	f.tables = tables
	if len(tables["maxp"]) >= 6 {
		f.numGlyphs = tables.NumGlyphs()
	}
	if f.numGlyphs == 0 {
		return nil, errors.New("shaping: font has no glyphs")
	}
	if hh, err := tables.Hhea(); err == nil && hh.NumberOfHMetrics > 0 && len(tables["hmtx"]) >= 4*hh.NumberOfHMetrics {
		f.hmtx, f.nhm = tables["hmtx"], hh.NumberOfHMetrics
	}
	f.name = postScriptName(tables, desc.Family)
	face := font.NewFace(ft)
	if ext, ok := face.FontHExtents(); ok {
		f.ascent = f.em(float64(ext.Ascender))
		f.descent = f.em(float64(ext.Descender))
	}
	if f.ascent == 0 {
		f.ascent, f.descent = 800, -200
	}
	if f.descent > 0 {
		f.descent = -f.descent
	}
	f.capHeight = f.em(float64(face.LineMetric(font.CapHeight)))
	n := max(1, runtime.GOMAXPROCS(0))
	f.idle, f.slots = make(chan *shaper, n), make(chan struct{}, n)
	return f, nil
}

// hideOutlines is the size from which a CFF table is kept from go-text.
const hideOutlines = 1 << 20

// NumFaces returns how many faces the font file data holds.
func NumFaces(data []byte) (int, error) {
	lds, err := ot.NewLoaders(bytes.NewReader(data))
	if err != nil {
		return 0, fmt.Errorf("shaping: %w", err)
	}
	return len(lds), nil
}

// postScriptName reads name ID 6, or makes one from the family.
func postScriptName(t sfnt.Tables, family string) string {
	if n := t.PostScriptName(); n != "" {
		return n
	}
	return strings.Map(func(r rune) rune {
		if r <= ' ' || r > '~' || strings.ContainsRune("()<>[]{}/%#", r) {
			return -1
		}
		return r
	}, family)
}

func (f *Font) em(v float64) int {
	x := v * 1000 / float64(f.upem)
	if x < 0 {
		return int(x - 0.5)
	}
	return int(x + 0.5)
}

// Data returns the font file the face is in; never modify it.
func (f *Font) Data() []byte { return f.data }

// Index returns the face's index in its file.
func (f *Font) Index() int { return f.index }

// Name returns the PostScript name, e.g. "NotoNaskhArabic-Regular".
func (f *Font) Name() string { return f.name }

// Family returns the family name, e.g. "Noto Naskh Arabic".
func (f *Font) Family() string { return f.family }

// Weight returns the OS/2 weight class (400 regular, 700 bold).
func (f *Font) Weight() int { return f.weight }

// Italic reports an italic or oblique face.
func (f *Font) Italic() bool { return f.italic }

// CFF reports PostScript outlines (a CFF table) rather than TrueType ones.
func (f *Font) CFF() bool { return f.cff }

// UnitsPerEm returns the font's design units per em.
func (f *Font) UnitsPerEm() int { return f.upem }

// NumGlyphs returns the number of glyphs.
func (f *Font) NumGlyphs() int { return f.numGlyphs }

// Ascent returns the ascender, 1/1000 em (positive).
func (f *Font) Ascent() int { return f.ascent }

// Descent returns the descender, 1/1000 em (negative).
func (f *Font) Descent() int { return f.descent }

// CapHeight returns the height of capitals, 1/1000 em (0 when unknown).
func (f *Font) CapHeight() int { return f.capHeight }

// Has reports whether the font maps r to a glyph.
func (f *Font) Has(r rune) bool {
	_, ok := f.ft.Cmap.Lookup(r)
	return ok
}

// Glyph returns the nominal glyph of r (cmap), and whether the font has it.
func (f *Font) Glyph(r rune) (uint16, bool) {
	g, ok := f.ft.Cmap.Lookup(r)
	return uint16(g), ok
}

// GlyphAdvance returns the horizontal advance of glyph g in font units:
// read from hmtx as HarfBuzz reads it for a face without variations (a
// glyph past the long metrics takes the last one, a glyph past the font's
// count none), without borrowing a shaper.
func (f *Font) GlyphAdvance(g uint16) int {
	if f.hmtx != nil {
		i := int(g)
		switch {
		case i < f.nhm:
		case i < f.numGlyphs:
			i = f.nhm - 1
		default:
			return 0
		}
		return int(int16(binary.BigEndian.Uint16(f.hmtx[4*i:])))
	}
	sh := f.get()
	defer f.put(sh)
	return int(sh.hb.GlyphHAdvance(font.GID(g)))
}

// Advance returns the advance of r's nominal glyph in 1/1000 em, or 0
// when the font lacks r.
func (f *Font) Advance(r rune) int {
	g, ok := f.ft.Cmap.Lookup(r)
	if !ok {
		return 0
	}
	return f.em(float64(f.GlyphAdvance(uint16(g))))
}

// BBox returns the font's bounding box (head table) in font units.
func (f *Font) BBox() (xMin, yMin, xMax, yMax int) {
	h := f.tables["head"]
	if len(h) < 44 {
		return 0, f.descent * f.upem / 1000, f.upem, f.ascent * f.upem / 1000
	}
	i16 := func(o int) int { return int(int16(binary.BigEndian.Uint16(h[o:]))) }
	return i16(36), i16(38), i16(40), i16(42)
}

// Table returns the raw bytes of the face's table tag (e.g. "glyf",
// "CFF "), or nil. Never modify them.
func (f *Font) Table(tag string) []byte { return f.tables[tag] }

// get borrows an idle shaper, makes one while fewer than cap(f.idle)
// exist, or else waits for one to be put back.
func (f *Font) get() *shaper {
	select {
	case sh := <-f.idle:
		return sh
	default:
	}
	select {
	case sh := <-f.idle:
		return sh
	case f.slots <- struct{}{}:
		return &shaper{hb: harfbuzz.NewFont(font.NewFace(f.ft)), buf: harfbuzz.NewBuffer()}
	}
}

// put returns a shaper get lent; it never blocks, since no more shapers
// exist than idle holds.
func (f *Font) put(sh *shaper) { f.idle <- sh }

// Glyph is one shaped glyph. Advance and offsets are in font units.
type Glyph struct {
	ID      uint16
	Advance int32
	XOff    int32
	YOff    int32
	// Cluster is the index, in the shaped runes, of the first rune of the
	// cluster the glyph belongs to.
	Cluster int
}

// Props are the properties of a run of text HarfBuzz shapes by.
type Props struct {
	RTL    bool
	Script language.Script // 0: guessed from the text
	Lang   language.Language
}

// Shape shapes text and appends its glyphs to dst, in visual order (left
// to right, also for right-to-left text).
func (f *Font) Shape(text []rune, p Props, dst []Glyph) []Glyph {
	if len(text) == 0 {
		return dst
	}
	sh := f.get()
	defer f.put(sh)
	b := sh.buf
	b.Clear()
	b.AddRunes(text, 0, -1)
	b.Props.Direction = harfbuzz.LeftToRight
	if p.RTL {
		b.Props.Direction = harfbuzz.RightToLeft
	}
	b.Props.Script = p.Script
	if b.Props.Script == 0 {
		b.Props.Script = ScriptOf(text)
	}
	b.Props.Language = p.Lang
	b.Shape(sh.hb, nil)
	dst = slices.Grow(dst, len(b.Info))
	for i, in := range b.Info {
		pos := b.Pos[i]
		dst = append(dst, Glyph{ID: uint16(in.Glyph), Advance: int32(pos.XAdvance), XOff: int32(pos.XOffset),
			YOff: int32(pos.YOffset), Cluster: in.Cluster})
	}
	return dst
}

// ScriptOf returns the script of the first character of text that has one
// of its own (not Common or Inherited), or Common.
func ScriptOf(text []rune) language.Script {
	for _, r := range text {
		if s := language.LookupScript(r); s.Strong() {
			return s
		}
	}
	return language.Common
}

// Language returns the language for a BCP 47 tag ("" for none).
func Language(tag string) language.Language {
	if tag == "" {
		return ""
	}
	return language.NewLanguage(tag)
}

// ParseScript parses an ISO 15924 code such as "Arab".
func ParseScript(code string) (language.Script, error) { return language.ParseScript(code) }
