package hyphen

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

const (
	minBefore = 2        // letters before any break
	minAfter  = 3        // letters after any break
	softHyph  = '\u00AD' // soft hyphen: a break the author allows
	nbHyphen  = '\u2011' // non-breaking hyphen
	hyphen    = '\u2010' // typographic hyphen
	hyphenMin = '-'      // hyphen-minus
	maxStack  = 96       // bytes of a segment kept on the stack

	// syllableMinAfter is minAfter in the Dravidian scripts, whose letters
	// are syllables: a consonant with its vowel sign (கு, డు, ಕು, കു) is
	// two runes and as wide as three Latin letters. The caller's own
	// minimums (in letters) decide which of these breaks it takes.
	syllableMinAfter = 2
)

// minAfterFor is the shortest tail, in runes, a break of pattern set tag
// may leave.
func minAfterFor(tag string) int {
	switch tag {
	case "ta", "te", "kn", "ml":
		return syllableMinAfter
	}
	return minAfter
}

// appendBreaks appends the breaks of word to dst; see Breaks for the rules.
func (h *Hyphenator) appendBreaks(dst []Break, word string) []Break {
	if h == nil {
		return dst
	}
	after := minAfterFor(h.lang)
	if len(word) < minBefore+after {
		return dst
	}
	p, err := h.load()
	if err != nil {
		return dst
	}
	start, end := trimNonWord(word)
	core := word[start:end]
	if looksLikeAddress(word, core) {
		return dst
	}
	letters := countWordChars(core)
	if letters < minBefore+after {
		return dst
	}
	usePatterns := !strings.ContainsRune(core, softHyph) && !containsDigit(core)
	before := 0 // letters before position i
	partStart := start
	prev := rune(0)     // the rune before position i
	prevWord := rune(0) // the last rune before position i that is no hyphen
	for i := start; i < end; {
		r, w := utf8.DecodeRuneInString(word[i:])
		switch {
		case isHyphen(r):
			if usePatterns {
				dst = p.appendPartBreaks(dst, word, partStart, i, after)
			}
			partStart = i + w
			next, _ := utf8.DecodeRuneInString(word[i+w : end])
			if r != nbHyphen && isWordChar(prevWord) && !isHyphen(next) &&
				before >= minBefore && letters-before >= after {
				dst = append(dst, Break{Offset: i + w, Explicit: true})
			}
		case r == softHyph:
			// After a hyphen the explicit break already sits here; a run
			// of soft hyphens is one break.
			if !isHyphen(prev) && prev != softHyph &&
				before >= minBefore && letters-before >= after {
				dst = append(dst, Break{Offset: i})
			}
		case isWordChar(r):
			before++
		}
		prev = r
		if !isHyphen(r) {
			prevWord = r
		}
		i += w
	}
	if usePatterns {
		dst = p.appendPartBreaks(dst, word, partStart, end, after)
	}
	return dst
}

// appendPartBreaks appends the pattern breaks of word[a:b], a part of a
// word between hyphens. Runs of letters (segments) are hyphenated, each as a
// word of its own, as TeX does; other characters, such as an apostrophe the
// patterns do not spell, end a segment. after is the shortest tail in
// runes.
func (p *patterns) appendPartBreaks(dst []Break, word string, a, b, after int) []Break {
	minWord := minBefore + after
	if b-a < minWord || isAllCaps(word[a:b]) {
		return dst
	}
	segStart, n := -1, 0
	for i, r := range word[a:b] {
		if isLetter(r) || p.has(p.fold(r)) {
			if segStart < 0 {
				segStart, n = a+i, 0
			}
			n++
			continue
		}
		if segStart >= 0 && n >= minWord {
			dst = p.appendSegmentBreaks(dst, word, segStart, a+i, n, after)
		}
		segStart = -1
	}
	if segStart >= 0 && n >= minWord {
		dst = p.appendSegmentBreaks(dst, word, segStart, b, n, after)
	}
	return dst
}

// appendSegmentBreaks runs Liang's algorithm (or the exception list) on
// word[a:b], a segment of n runes, and appends the odd
// positions that leave minBefore runes before and after after.
func (p *patterns) appendSegmentBreaks(dst []Break, word string, a, b, n, after int) []Break {
	var lowBuf [maxStack]byte
	low := append(lowBuf[:0], '.')
	for _, r := range word[a:b] {
		low = utf8.AppendRune(low, p.fold(r))
	}
	low = append(low, '.')

	var levelBuf [maxStack + 1]uint8
	var levels []uint8
	if len(low) < len(levelBuf) {
		levels = levelBuf[:len(low)+1]
	} else {
		levels = make([]uint8, len(low)+1)
	}
	if offs, ok := p.exceptions[string(low[1:len(low)-1])]; ok {
		for _, o := range offs {
			levels[1+o] = 1
		}
	} else {
		p.trie.match(low, levels)
	}

	k, lo := 0, 1 // rune index and its offset in low
	for i, r := range word[a:b] {
		if k >= minBefore && n-k >= after && levels[lo]&1 == 1 {
			dst = append(dst, Break{Offset: a + i})
		}
		k++
		lo += utf8.RuneLen(p.fold(r))
	}
	return dst
}

// isWordChar reports whether r counts as a letter for the length rules:
// letters, digits and combining marks.
func isWordChar(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// isLetter reports whether r may be part of a segment whatever the
// language: letters and combining marks.
func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsMark(r)
}

func isHyphen(r rune) bool {
	return r == hyphenMin || r == hyphen || r == nbHyphen
}

// trimNonWord returns the bounds of word without its leading and trailing
// punctuation: quotes, brackets, sentence marks, dashes and the like.
func trimNonWord(word string) (start, end int) {
	end = len(word)
	for start < end {
		r, w := utf8.DecodeRuneInString(word[start:])
		if isWordChar(r) {
			break
		}
		start += w
	}
	for end > start {
		r, w := utf8.DecodeLastRuneInString(word[start:end])
		if isWordChar(r) {
			break
		}
		end -= w
	}
	return start, end
}

func countWordChars(s string) int {
	n := 0
	for _, r := range s {
		if isWordChar(r) {
			n++
		}
	}
	return n
}

func containsDigit(s string) bool {
	for _, r := range s {
		if unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// isAllCaps reports whether s has at least two letters and all its cased
// letters are capitals, as in acronyms ("NATO", "США").
func isAllCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if !unicode.IsUpper(r) && !unicode.IsTitle(r) {
			return false
		}
	}
	return letters >= 2
}

// looksLikeAddress reports whether a token is a URL, a domain name or an
// e-mail address rather than a word: it contains "://", "@" or "www.", or
// its core (the token without surrounding punctuation) has a dot between
// two letters.
func looksLikeAddress(word, core string) bool {
	if strings.Contains(word, "://") || strings.IndexByte(word, '@') >= 0 {
		return true
	}
	for i := 0; i+4 <= len(word); i++ {
		if word[i]|0x20 == 'w' && word[i+1]|0x20 == 'w' && word[i+2]|0x20 == 'w' && word[i+3] == '.' {
			return true
		}
	}
	for i := 1; i < len(core)-1; i++ {
		if core[i] != '.' {
			continue
		}
		before, _ := utf8.DecodeLastRuneInString(core[:i])
		after, _ := utf8.DecodeRuneInString(core[i+1:])
		if unicode.IsLetter(before) && unicode.IsLetter(after) {
			return true
		}
	}
	return false
}
