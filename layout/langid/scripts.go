package langid

import "unicode"

type script uint8

const (
	none script = iota
	latin
	cyrillic
	greek
	arabic
	hebrew
	devanagari
	bengali
	tamil
	telugu
	kannada
	malayalam
	gujarati
	gurmukhi
	oriya
	sinhala
	thai
	lao
	khmer
	myanmar
	georgian
	armenian
	ethiopic
	hangul
	kana
	han
	numScripts
)

// scriptLang names the language of scripts that one language dominates
// in the press.
var scriptLang = [numScripts]string{
	greek: "el", hebrew: "he", bengali: "bn", tamil: "ta", telugu: "te", kannada: "kn",
	malayalam: "ml", gujarati: "gu", gurmukhi: "pa", oriya: "or", sinhala: "si", thai: "th",
	lao: "lo", khmer: "km", myanmar: "my", georgian: "ka", armenian: "hy", ethiopic: "am",
}

var scriptTables = []struct {
	s script
	t *unicode.RangeTable
}{
	{latin, unicode.Latin}, {cyrillic, unicode.Cyrillic}, {greek, unicode.Greek}, {arabic, unicode.Arabic},
	{hebrew, unicode.Hebrew}, {devanagari, unicode.Devanagari}, {bengali, unicode.Bengali},
	{tamil, unicode.Tamil}, {telugu, unicode.Telugu}, {kannada, unicode.Kannada},
	{malayalam, unicode.Malayalam}, {gujarati, unicode.Gujarati}, {gurmukhi, unicode.Gurmukhi},
	{oriya, unicode.Oriya}, {sinhala, unicode.Sinhala}, {thai, unicode.Thai}, {lao, unicode.Lao},
	{khmer, unicode.Khmer}, {myanmar, unicode.Myanmar}, {georgian, unicode.Georgian},
	{armenian, unicode.Armenian}, {ethiopic, unicode.Ethiopic}, {hangul, unicode.Hangul},
	{kana, unicode.Hiragana}, {kana, unicode.Katakana}, {han, unicode.Han},
}

// scriptOf returns the script of a letter, or none for anything else.
func scriptOf(r rune) script {
	if r < 0x80 {
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
			return latin
		}
		return none
	}
	if !unicode.IsLetter(r) {
		return none
	}
	for _, st := range scriptTables {
		if unicode.Is(st.t, r) {
			return st.s
		}
	}
	return none
}
