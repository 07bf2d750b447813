package shaping

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/go-text/typesetting/language"
)

// The texts a face has shaped, kept for the process. Layout shapes a word
// at a time, and a newsroom's articles share most of their words (the
// commonest few thousand make up most of any article's text), so a word a
// document shapes has mostly been shaped by an earlier one. Shaping an
// Indic word costs some 60,000 instructions in go-text's HarfBuzz port, a
// lookup well under a thousand. Shaping is deterministic, so a kept answer
// is the answer shaping would give again: a document comes out the same
// bytes whatever the process printed before it.
//
// The cache is bounded by the glyphs it holds, in two generations: when
// the current one is full it becomes the old one (the one before is
// dropped), and a text found in the old one moves back into the current
// one, so the texts in use stay and the rest go.

// cacheGlyphs is how many glyphs one generation holds (24 bytes each, plus
// the texts and the maps: about 0.6 MB per generation and face at most; a
// Hindi article's distinct words take some 2,000).
const cacheGlyphs = 1 << 14

// cacheText is the longest text kept (bytes): words and short runs, not
// whole paragraphs shaped at once.
const cacheText = 256

type cacheKey struct {
	text   string
	rtl    bool
	script language.Script
	lang   language.Language
}

type shapeCache struct {
	mu       sync.Mutex
	cur, old map[cacheKey][]Glyph
	glyphs   int // held in cur
}

func (c *shapeCache) get(k cacheKey) ([]Glyph, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gs, ok := c.cur[k]; ok {
		return gs, true
	}
	gs, ok := c.old[k]
	if ok {
		delete(c.old, k)
		c.addLocked(k, gs)
	}
	return gs, ok
}

// put keeps gs, which no one modifies afterwards, for k.
func (c *shapeCache) put(k cacheKey, gs []Glyph) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.cur[k]; !ok {
		c.addLocked(k, gs)
	}
}

func (c *shapeCache) addLocked(k cacheKey, gs []Glyph) {
	if c.cur == nil || c.glyphs+len(gs) > cacheGlyphs {
		c.old, c.cur, c.glyphs = c.cur, make(map[cacheKey][]Glyph), 0
	}
	c.cur[k] = gs
	c.glyphs += len(gs)
}

// ShapeString shapes text as Shape does and appends its glyphs to dst. A
// text the face has shaped before with the same properties is not shaped
// again (see shapeCache).
func (f *Font) ShapeString(text string, p Props, dst []Glyph) []Glyph {
	if text == "" {
		return dst
	}
	if len(text) > cacheText {
		return f.Shape([]rune(text), p, dst)
	}
	k := cacheKey{text: text, rtl: p.RTL, script: p.Script, lang: p.Lang}
	if gs, ok := f.cache.get(k); ok {
		return append(dst, gs...)
	}
	runes := make([]rune, 0, utf8.RuneCountInString(text))
	for _, r := range text {
		runes = append(runes, r)
	}
	gs := f.Shape(runes, p, make([]Glyph, 0, len(runes)+2))
	k.text = strings.Clone(text) // not a slice of the caller's paragraph
	f.cache.put(k, gs[:len(gs):len(gs)])
	return append(dst, gs...)
}
