package layout

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Poor breaks in balanced text (headlines, standfirsts), in
// linebreak.Balance's units (10000 × the squared share of the measure a
// line falls short): a break inside a quoted phrase costs what a line 45 %
// short does, one after a one-letter word what a line 30 % short does, so
// either is taken only when every other breaking is much more ragged.
const (
	quoteBreakPenalty     = 2000 // inside a quoted phrase
	oneLetterBreakPenalty = 1000 // after a one-letter word ("a", "I")
)

// quoteDepth is the number of quoted phrases open after word, given depth
// before it: a word starting with an opening quote opens one, a word ending
// with a closing quote (before trailing punctuation) closes one; an
// apostrophe inside a word (Zelensky’s) does neither.
func quoteDepth(depth int, word string) int {
	if r, _ := utf8.DecodeRuneInString(word); strings.ContainsRune("“‘«„‚\"‹", r) {
		depth++
	}
	w := strings.TrimRightFunc(word, func(r rune) bool { return strings.ContainsRune(".,;:!?…)", r) })
	if r, n := utf8.DecodeLastRuneInString(w); n > 0 && strings.ContainsRune("”’»\"›", r) && depth > 0 {
		depth--
	}
	return depth
}

// balancePenalty is the cost of breaking the line after word, with depth
// quoted phrases open after it.
func balancePenalty(word string, depth int) float64 {
	switch {
	case depth > 0:
		return quoteBreakPenalty
	case utf8.RuneCountInString(word) == 1 && unicode.IsLetter(firstRune(word)):
		return oneLetterBreakPenalty
	}
	return 0
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
