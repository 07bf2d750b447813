package langid

import (
	"strings"
	"unicode"
)

// maxRunes bounds the text examined: a few paragraphs decide.
const maxRunes = 4000

// Detect returns the BCP 47 tag of the language text is most likely
// written in ("cs", "zh-Hant", "ja"), or "" when it cannot tell.
func Detect(text string) string {
	var counts [numScripts]int
	n := 0
	for _, r := range text {
		if n >= maxRunes {
			break
		}
		if s := scriptOf(r); s != none {
			counts[s]++
			n++
		}
	}
	best := none
	for s := range counts {
		if counts[s] > counts[best] {
			best = script(s)
		}
	}
	if best == none || counts[best] < 8 {
		return ""
	}
	switch best {
	case hangul:
		return "ko"
	case kana:
		return "ja"
	case han:
		if counts[kana]*20 > counts[han] {
			return "ja"
		}
		return chineseVariant(text)
	case latin:
		return byWords(text, latinLangs)
	case cyrillic:
		return byWords(text, cyrillicLangs)
	case arabic:
		return byWords(text, arabicLangs)
	case devanagari:
		return byWords(text, devanagariLangs)
	}
	return scriptLang[best]
}

// byWords scores each candidate language by its function words and
// distinctive letters and returns the best, if it stands out.
func byWords(text string, langs []profile) string {
	if len(text) > maxRunes*3 {
		text = text[:maxRunes*3]
	}
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsMark(r) && r != '\''
	})
	if len(words) < 5 {
		return ""
	}
	scores := make([]float64, len(langs))
	for i, p := range langs {
		for _, w := range words {
			if p.words[w] {
				// one-letter words ("a", "i", "v") are shared by many
				if len([]rune(w)) == 1 {
					scores[i] += 0.5
				} else {
					scores[i]++
				}
			}
		}
		for _, r := range text {
			r = unicode.ToLower(r)
			switch {
			case strings.ContainsRune(p.letters, r):
				scores[i] += 0.5
			case p.alphabet != "" && r >= 0x80 && unicode.IsLetter(r) && !strings.ContainsRune(p.alphabet, r):
				scores[i] -= 2
			}
		}
	}
	best, second := -1, -1
	for i := range scores {
		if best < 0 || scores[i] > scores[best] {
			best, second = i, best
		} else if second < 0 || scores[i] > scores[second] {
			second = i
		}
	}
	// at least one word in twenty is a function word of the winner, and
	// it leads the runner-up clearly
	if scores[best] < float64(len(words))/20 || second >= 0 && scores[best] < 1.1*scores[second] {
		return ""
	}
	return langs[best].tag
}

// chineseVariant tells Traditional from Simplified Chinese by common
// characters that differ between them.
func chineseVariant(text string) string {
	trad, simp := 0, 0
	for _, r := range text {
		if strings.ContainsRune(traditionalOnly, r) {
			trad++
		} else if strings.ContainsRune(simplifiedOnly, r) {
			simp++
		}
	}
	if trad > simp {
		return "zh-Hant"
	}
	return "zh"
}

const (
	traditionalOnly = "這們個來時會說國為對學與後發經過還開關問現當點體從動長電門見將機麼實區總統黨選華語"
	simplifiedOnly  = "这们个来时会说国为对学与后发经过还开关问现当点体从动长电门见将机么实区总统党选华语"
)
