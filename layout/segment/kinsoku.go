package segment

import "strings"

// The kinsoku shori rules (JIS X 4051, strict; the Chinese press follows
// the same ones): characters that may not start a line and characters
// that may not end one. UAX #14 already keeps most of them; these lists
// add its "strict" tailoring (small kana, the prolonged-sound mark) and
// the fullwidth marks it lets break in some contexts.
const (
	notStarting = ")]}〕〉》」』】〙〗〟’”｠»" + // closing brackets and quotes
		"）］｝｣" +
		"、。，．・：；！？‼⁇⁈⁉" + // ideographic and fullwidth punctuation
		"，．：；！？" +
		"ヽヾゝゞ々〻ー" + // iteration and prolonged-sound marks
		"ァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ" + // small kana
		"‐゠–〜～" // hyphens and wave dash
	notEnding = "([{〔〈《「『【〘〖〝‘“｟«" + "（［｛｢"
)

func noLineStart(r rune) bool {
	return r > 0x7f && strings.ContainsRune(notStarting, r) || r == ')' || r == ']' || r == '}'
}
func noLineEnd(r rune) bool {
	return r > 0x7f && strings.ContainsRune(notEnding, r) || r == '(' || r == '[' || r == '{'
}
