package layout

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// hyphenMins are the shortest fragments a hyphenated word may leave, in
// letters (a vowel sign or other mark counts with its letter): before the
// break, after it, and the shortest word broken at all. shaped lets words
// set in a shaped face be hyphenated too, where their shaping splits
// cleanly (shapedhyphen.go).
type hyphenMins struct {
	left, right, word int
	shaped            bool
}

// hyphenMinsFor is a language's house rule for narrow newspaper columns:
// English keeps TeX's two letters before the break and three after it (a
// three-letter minimum before the break left 20–40 % of the lines of a
// 40-character column loose); Russian and the other Slavic languages two
// and three; German and Dutch compounds three and three. Other languages
// keep the patterns' own minimum (two and three). Words under five letters
// (six in German and Dutch) are not broken. The Dravidian languages (Tamil,
// Telugu, Kannada, Malayalam), whose long agglutinated words leave a
// justified column with gaps of several spaces when they cannot be broken,
// are hyphenated between syllables (the patterns never cut before a vowel
// sign or a pulli/virama, so a consonant keeps its vowel sign and a dead
// consonant stays with the syllable it closes): two letters (consonants,
// each with its vowel sign or pulli) before the break, as பண்- or நடை-,
// and one syllable after it, as -கு or -று, the case endings and final
// syllables a Tamil line is so often a few points short of, in words of
// three letters or more; the other scripts printd shapes are not
// hyphenated.
func hyphenMinsFor(lang string) hyphenMins {
	p, _, _ := strings.Cut(strings.ToLower(lang), "-")
	switch p {
	case "de", "nl":
		return hyphenMins{3, 3, 6, false}
	case "ru", "uk", "be", "bg", "sr", "pl", "cs", "sk":
		return hyphenMins{2, 3, 5, false}
	case "ta", "te", "kn", "ml":
		return hyphenMins{2, 1, 3, true}
	}
	return hyphenMins{2, 3, 5, false}
}

// capHyphenPenalty is the cost of a hyphen in a capitalised word (a proper
// name, most of the time): 150² demerits, what a line stretched to badness
// ≈ 150 costs — past 1.5× spaces — so a name is broken only when the
// alternative is a loose line.
const capHyphenPenalty = 150

// keepHyphen reports whether a pattern hyphenation point at byte offset off
// of word leaves long enough fragments under m.
func (m hyphenMins) keepHyphen(word string, off int) bool {
	before, after := countLetters(word[:off]), countLetters(word[off:])
	return before >= m.left && after >= m.right && before+after >= m.word
}

func countLetters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) { // a mark belongs to its letter
			n++
		}
	}
	return n
}

// capitalised reports a word whose first letter is upper case.
func capitalised(w string) bool {
	for len(w) > 0 {
		r, n := utf8.DecodeRuneInString(w)
		if unicode.IsLetter(r) {
			return unicode.IsUpper(r) || unicode.IsTitle(r)
		}
		w = w[n:]
	}
	return false
}
