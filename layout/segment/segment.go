package segment

import (
	"unicode"
	"unicode/utf8"

	"github.com/go-text/typesetting/segmenter"
)

// Kind tells what a break separates.
type Kind uint8

const (
	// Word separates two words of a script written without spaces
	// (Thai, Lao, Khmer, Myanmar): justification may stretch here.
	Word Kind = iota + 1
	// Ideograph separates two CJK characters (or a CJK character and CJK
	// punctuation): justification spreads space evenly here.
	Ideograph
	// Mixed separates CJK text from a Latin word or number: the press
	// sets a quarter-em gap here.
	Mixed
	// Other is any other opportunity UAX #14 gives (after a dash or a
	// slash, before an opening bracket after CJK, …).
	Other
)

// Break is a place where a line may end: the first line ends with
// text[:Off] and the next begins with text[Off:]. No hyphen is drawn.
type Break struct {
	Off  int
	Kind Kind
}

// Needs reports whether text holds characters whose line breaks UAX #14
// and the dictionaries decide (Thai, Lao, Khmer, Myanmar, CJK), which
// space-separated text does not need.
func Needs(text string) bool {
	for _, r := range text {
		if r >= 0x0E00 && (isSA(r) || isCJK(r)) {
			return true
		}
	}
	return false
}

// Breaks returns the line-break opportunities strictly inside text (no
// space in it is expected: the caller breaks at spaces), in ascending
// order. lang is the BCP 47 tag of the text's language; it is used for the
// tailoring of Korean, which Hangul implies as well.
func Breaks(text, lang string) []Break {
	if text == "" {
		return nil
	}
	runes := []rune(text)
	// byte offset of each rune in text (an invalid byte is one rune)
	starts := make([]int, 0, len(runes)+1)
	for i := range text {
		starts = append(starts, i)
	}
	starts = append(starts, len(text))
	var seg segmenter.Segmenter
	seg.Init(runes)
	var out []Break
	it := seg.LineIterator()
	for it.Next() {
		l := it.Line()
		ri := l.Offset + len(l.Text) // rune index of the break
		if ri <= 0 || ri >= len(runes) {
			continue
		}
		end := starts[ri]
		prev, next := runes[ri-1], runes[ri]
		if !allowed(prev, next, runes, ri) {
			continue
		}
		out = append(out, Break{Off: end, Kind: kindOf(prev, next)})
	}
	return mergeSorted(out, dictionaryBreaks(text))
}

// allowed applies the tailorings to a UAX #14 opportunity between prev
// and next (next is runes[ri]).
func allowed(prev, next rune, runes []rune, ri int) bool {
	if isHangul(prev) && isHangul(next) {
		return false // keep-all
	}
	if noLineStart(next) || noLineEnd(prev) {
		return false
	}
	// no break between the letters of a Latin word or number, whatever
	// UAX #14 allows around CJK
	if isLatinWordChar(prev) && isLatinWordChar(next) {
		return false
	}
	return true
}

func kindOf(prev, next rune) Kind {
	pc, nc := isCJK(prev) || isCJKPunct(prev), isCJK(next) || isCJKPunct(next)
	switch {
	case pc && nc:
		return Ideograph
	case pc && isLatinWordChar(next), nc && isLatinWordChar(prev):
		return Mixed
	}
	return Other
}

// dictionaryBreaks finds the runs of SA scripts in text and returns the
// word boundaries inside them.
func dictionaryBreaks(text string) []Break {
	var out []Break
	start := -1
	var d *dictionary
	flush := func(end int) {
		if start >= 0 && d != nil {
			for _, off := range d.segment(text[start:end]) {
				out = append(out, Break{Off: start + off, Kind: Word})
			}
		}
		start, d = -1, nil
	}
	for i, r := range text {
		dd := dictFor(r)
		if dd != nil && !unicode.IsLetter(r) && !unicode.IsMark(r) {
			dd = nil // digits and punctuation (។ ၊ ။) are not words
		}
		if dd == nil && start >= 0 && (unicode.IsMark(r) || r == '\u200c' || r == '\u200d') {
			continue // a mark stays with its run
		}
		if dd != d {
			flush(i)
			if dd != nil {
				start, d = i, dd
			}
		}
	}
	flush(len(text))
	return out
}

func mergeSorted(a, b []Break) []Break {
	if len(b) == 0 {
		return a
	}
	if len(a) == 0 {
		return b
	}
	out := make([]Break, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && a[i].Off < b[j].Off:
			out = append(out, a[i])
			i++
		case i == len(a) || b[j].Off < a[i].Off:
			out = append(out, b[j])
			j++
		default: // the same place: the dictionary's kind
			out = append(out, b[j])
			i++
			j++
		}
	}
	return out
}

func isSA(r rune) bool {
	return r >= 0x0E00 && r <= 0x0EFF || r >= 0x1000 && r <= 0x109F || r >= 0x1780 && r <= 0x17FF ||
		r >= 0x19E0 && r <= 0x19FF || r >= 0xA9E0 && r <= 0xA9FF || r >= 0xAA60 && r <= 0xAA7F
}

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		r == 0x30FC || r == 0x3005 || r == 0x3006 || r == 0x3007
}

// isCJKPunct reports fullwidth and ideographic punctuation.
func isCJKPunct(r rune) bool {
	return r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFF65 || r == 0x30FB
}

func isHangul(r rune) bool { return unicode.Is(unicode.Hangul, r) }

func isLatinWordChar(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.Is(unicode.Latin, r) || unicode.Is(unicode.Greek, r) || unicode.Is(unicode.Cyrillic, r) ||
		r >= 0xFF10 && r <= 0xFF19 || r >= 0xFF21 && r <= 0xFF3A || r >= 0xFF41 && r <= 0xFF5A
}
