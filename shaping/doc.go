// Package shaping owns OpenType fonts for the scripts printd sets beyond
// its embedded Latin, Greek and Cyrillic faces, and the shaping of text in
// them: glyph substitution and positioning (GSUB/GPOS) by
// github.com/go-text/typesetting's port of HarfBuzz, so that Arabic joins,
// Indic clusters reorder and form conjuncts, Thai and Myanmar marks sit on
// their bases and CJK text takes the font's own advances.
//
// A Font is one face of a TrueType or OpenType file (or collection),
// parsed once and immutable; shaping with it is safe for concurrent use
// (each call borrows a shaper of its own from a small free list, since the
// library's face caches are not safe to share). Shape returns glyphs in
// visual order, left to right, with advances and offsets in font units and
// the index of the rune each glyph's cluster starts at: the same numbers
// as HarfBuzz's hb-shape for the same font, text, direction, script and
// language.
package shaping
