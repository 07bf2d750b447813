package hyphen

import "sync"

// Hyphenator finds break points in the words of one language. The zero
// value is not usable; get one from For. A nil *Hyphenator is valid and
// finds no breaks. Methods are safe for concurrent use.
type Hyphenator struct {
	lang string
	once sync.Once
	pats *patterns
	err  error
}

// Break is a place where a word may be split across two lines: the first
// line ends with word[:Offset] and the next begins with word[Offset:].
//
// Explicit false: the caller draws a hyphen at the end of the first line.
// This is the case for pattern breaks and for soft hyphens. A soft-hyphen
// break has Offset at the U+00AD itself; callers drop every U+00AD from the
// text they draw, so the hyphen they add at the break takes its place and
// soft hyphens elsewhere stay invisible.
//
// Explicit true: the break follows a hyphen the author wrote ('-' or
// U+2010), so the first line already ends with it and the caller adds
// nothing.
type Break struct {
	Offset   int
	Explicit bool
}

// hyphenators holds one Hyphenator per embedded pattern set; the map is
// never written after initialisation, and each entry loads its patterns
// lazily, once.
var hyphenators = func() map[string]*Hyphenator {
	m := make(map[string]*Hyphenator, len(patternSets))
	for _, tag := range patternSets {
		m[tag] = &Hyphenator{lang: tag}
	}
	return m
}()

// For returns the Hyphenator for a BCP 47 language tag, or nil when the
// language is not supported. "en" and American English map to en-us;
// en-GB, en-AU, en-IE, en-NZ, en-ZA and en-IN to en-gb; every German tag
// to de-1996 (reformed spelling); ru, uk, fr, es, it, pl and pt (pt-BR
// too) to their own patterns. The same tag always yields the same
// *Hyphenator.
func For(lang string) *Hyphenator {
	return hyphenators[patternSetFor(lang)]
}

// Lang returns the hyph-utf8 tag of the pattern set, such as "en-us".
func (h *Hyphenator) Lang() string {
	if h == nil {
		return ""
	}
	return h.lang
}

// load builds the pattern trie on first use. A set that fails to load
// (which the package tests rule out for the embedded data) finds no
// breaks.
func (h *Hyphenator) load() (*patterns, error) {
	h.once.Do(func() {
		h.pats, h.err = loadPatterns(h.lang)
	})
	return h.pats, h.err
}

// Points returns the byte offsets inside word, ascending, where the word
// may be broken with a hyphen drawn at the end of the line: the pattern
// breaks, or, when the word holds soft hyphens, the offsets of those soft
// hyphens. Breaks right after a hyphen already in the word are not
// included; Breaks returns them.
func (h *Hyphenator) Points(word string) []int {
	var buf [24]Break
	breaks := h.appendBreaks(buf[:0], word)
	n := 0
	for _, b := range breaks {
		if !b.Explicit {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	points := make([]int, 0, n)
	for _, b := range breaks {
		if !b.Explicit {
			points = append(points, b.Offset)
		}
	}
	return points
}

// Breaks returns every place, ascending, where word may be broken: the
// points of Points and the breaks right after hyphens already in the word
// (Explicit). See Break for what the caller draws at each.
//
// word is one whitespace-free token as it appears in the text: leading and
// trailing punctuation (quotes, brackets, .,;:!? and the like) is ignored
// for hyphenation, and offsets always refer to word itself. The rules:
//   - no break at all in words of fewer than 5 letters or in anything that
//     looks like a URL or an e-mail address;
//   - every break has at least 2 letters before it and 3 after it (2 in
//     Tamil, Telugu, Kannada and Malayalam: see minAfterFor);
//   - soft hyphens, when present, replace the patterns: they and the
//     explicit hyphens are the only breaks;
//   - otherwise the word is split at hyphens ('-', U+2010, and U+2011,
//     which allows no break after it) and each part is hyphenated by the
//     patterns, except in words with digits and in all-caps parts such as
//     "NATO" or "США"; exceptions listed with the patterns take precedence.
func (h *Hyphenator) Breaks(word string) []Break {
	return h.appendBreaks(nil, word)
}
