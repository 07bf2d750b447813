package layout

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// Shaped text. Faces found beyond the embedded families (Arabic, Indic,
// Thai, Myanmar, CJK, symbols) are shaped: a piece set in one is turned
// into glyphs by the face (GSUB/GPOS), and its width is the sum of their
// advances, not of per-character widths. The glyphs travel with the text
// item to the renderer, which draws them by glyph ID.

// Glyph is one shaped glyph of a text item, in visual order (left to
// right). Advance and offsets are in 1/1000 em; Cluster is the byte offset
// in the item's Text of the first character the glyph stands for.
type Glyph struct {
	ID      uint16
	Advance float32
	XOff    float32
	YOff    float32
	Cluster int32
}

// ShapedFace is a Face whose text must be shaped.
type ShapedFace interface {
	Face
	// Shape shapes text (one script, one direction) and appends its
	// glyphs to dst.
	Shape(text string, rtl bool, lang string, dst []Glyph) []Glyph
}

// FallbackBook is a FontBook that can find a face beyond its families for
// a character none of them has (a system or configured font).
type FallbackBook interface {
	FontBook
	// Fallback returns the key and face for r in the style of k (its
	// family tells serif, sans or mono), or a nil face.
	Fallback(k FontKey, r rune, lang string) (FontKey, Face)
}

// shape shapes text in face f (when it is shaped) and returns its glyphs
// and width in points. A text is shaped once per face and direction in an
// article (the language is the article's): its glyphs, in 1/1000 em, serve
// every size, and the pieces that share them never modify them.
func (s *setter) shape(f Face, text string, size float64, rtl bool) ([]Glyph, float64) {
	sf, ok := f.(ShapedFace)
	if !ok {
		return nil, measure(f, text, size)
	}
	k := shapeKey{f, text, rtl}
	sw, ok := s.shaped[k]
	if !ok {
		gs := sf.Shape(text, rtl, s.lang, nil)
		sw.glyphs = slices.Clip(gs)
		for _, g := range gs {
			sw.em += g.Advance
		}
		if s.shaped == nil {
			s.shaped = make(map[shapeKey]shapedWord)
		}
		s.shaped[k] = sw
	}
	return sw.glyphs, float64(sw.em) * size / 1000
}

type shapeKey struct {
	f    Face
	text string
	rtl  bool
}

// shapedWord is a shaped text and the sum of its advances (1/1000 em).
type shapedWord struct {
	glyphs []Glyph
	em     float32
}

// shapedWord reports a word with letters its style's face lacks, which a
// fallback face sets: such words are shaped whole, never hyphenated inside
// (a syllable shaped apart from the rest of its word loses its conjuncts,
// reordered vowels and joining forms).
func (s *setter) shapedWord(t *token) bool {
	if s.hyph == nil {
		return false
	}
	for _, p := range t.parts {
		f := s.faceFor(p.sp.font)
		if f == nil {
			return true
		}
		for _, r := range p.text {
			if r > 0x24F && unicode.IsLetter(r) && !f.Has(r) {
				return true
			}
		}
	}
	return false
}

// staysInRun reports characters that stay in the face of the shaped run
// before them when it has them: marks, joiners and the script-neutral
// characters (punctuation, digits, symbols), so that a cluster or a
// joining word is never cut between fonts.
func staysInRun(r rune) bool {
	if r == '\u200c' || r == '\u200d' || unicode.IsMark(r) {
		return true
	}
	return !unicode.IsLetter(r) || unicode.Is(unicode.Common, r)
}

// isRTLRune reports characters of right-to-left scripts (and the explicit
// right-to-left marks): a paragraph without any needs no bidi pass.
func isRTLRune(r rune) bool {
	return (r >= 0x0590 && r <= 0x08FF) || (r >= 0xFB1D && r <= 0xFDFF) || (r >= 0xFE70 && r <= 0xFEFF) ||
		(r >= 0x10800 && r <= 0x10FFF) || (r >= 0x1E800 && r <= 0x1EFFF) || r == '\u200f' || r == '\u202b' || r == '\u202e' || r == '\u2067'
}

func hasRTL(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xD6 { // the lead bytes of U+0590 and above
			for _, r := range s[i:] {
				if isRTLRune(r) {
					return true
				}
			}
			return false
		}
	}
	return false
}

// mirrored returns the mirror image of a bracket-like character drawn in a
// right-to-left run by a face that is not shaped (shaped faces mirror by
// themselves).
func mirrored(r rune) rune {
	switch r {
	case '(':
		return ')'
	case ')':
		return '('
	case '[':
		return ']'
	case ']':
		return '['
	case '{':
		return '}'
	case '}':
		return '{'
	case '<':
		return '>'
	case '>':
		return '<'
	case '«':
		return '»'
	case '»':
		return '«'
	case '‹':
		return '›'
	case '›':
		return '‹'
	}
	return r
}

// visualRTL returns text as a face that is not shaped draws it in a
// right-to-left run: characters reversed, brackets mirrored.
func visualRTL(text string) string {
	if utf8.RuneCountInString(text) == 1 {
		r, _ := utf8.DecodeRuneInString(text)
		if m := mirrored(r); m != r {
			return string(m)
		}
		return text
	}
	rs := []rune(text)
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		rs[i], rs[j] = rs[j], rs[i]
	}
	for i, r := range rs {
		rs[i] = mirrored(r)
	}
	return string(rs)
}

// advanceFace is the face cutOverwide measures a word with: the style's
// face, with the advances of the fallback faces for what it lacks.
func (s *setter) advanceFace(k FontKey) Face {
	f := s.faceFor(k)
	if f == nil {
		return nil
	}
	return fallbackAdvances{s: s, k: k, f: f}
}

type fallbackAdvances struct {
	s *setter
	k FontKey
	f Face
}

func (a fallbackAdvances) Advance(r rune) int {
	if a.f.Has(r) {
		return a.f.Advance(r)
	}
	if _, f := a.s.fallbackFor(a.k, r); f != nil {
		return f.Advance(r)
	}
	return a.f.Advance(r)
}
func (a fallbackAdvances) Has(r rune) bool { return a.f.Has(r) }
func (a fallbackAdvances) Ascent() int     { return a.f.Ascent() }
func (a fallbackAdvances) Descent() int    { return a.f.Descent() }
