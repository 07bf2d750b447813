// Package segment owns where a line may break inside a run of text that
// has no spaces to break at: between the words of Thai, Lao, Khmer and
// Myanmar, between the ideographs and kana of Chinese and Japanese, and
// between CJK text and the Latin words or numbers inside it.
//
// Breaks starts from the Unicode line-breaking algorithm (UAX #14, as
// go-text/typesetting/segmenter implements it) and tailors it:
//
//   - Thai, Lao, Khmer and Myanmar (line-break class SA, which UAX #14
//     leaves to the application) are split into words by a dictionary: the
//     word lists ICU uses (dict/, ICU's licence in dict/LICENSE-ICU.txt),
//     matched so that a run is covered by the fewest words (maximal
//     matching); letters no word covers stay together up to the next
//     place a word begins, and no break ever falls inside a grapheme
//     cluster, before a following vowel or after a leading one.
//   - Chinese and Japanese follow the strict kinsoku rules of the press: no
//     line starts with a closing bracket, 、。，．！？・：；, small kana, the
//     prolonged-sound mark or an iteration mark, and none ends with an
//     opening bracket.
//   - Korean keeps its words whole (keep-all): no break between Hangul
//     syllables; Korean lines break at spaces.
//
// Each break says what is on either side (Kind), so that the caller can
// justify Thai by stretching between words, CJK by spreading space evenly
// between characters, and set a quarter-em gap between CJK and Latin.
//
// Dictionaries are decompressed and indexed once per process, on first
// use of their script. The package is pure and safe for concurrent use.
package segment
