// Package hyphen owns word hyphenation: it finds the places inside a word
// where a line may be broken, using Frank Liang's algorithm over the TeX
// hyph-utf8 patterns embedded in patterns/: 65 sets, from Afrikaans to
// Welsh, listed by Languages (patterns/README.md gives each one's source
// and licence). For picks the set by BCP 47 tag with region and script
// fallbacks (pt-BR → pt, en-GB → en-gb, sr-Latn → sh-latn, sr → sh-cyrl,
// no → nb, el → el-monoton).
//
// A Hyphenator is obtained with For and a BCP 47 language tag. Its pattern
// trie is built once per process, on first use of that language, and is
// read-only afterwards, so a Hyphenator may be shared by any number of
// goroutines and a process pays only for the languages it sets.
//
// Beyond the patterns the package applies typesetting rules of its own:
// at least 2 letters before and 3 after every break; no breaks in words
// shorter than 5 letters, in words with digits, in all-caps words and
// acronyms, or in things that look like URLs or e-mail addresses; soft
// hyphens (U+00AD) replace pattern breaks when the author wrote them; an
// explicit hyphen always allows a break right after it.
//
// The package is pure: no file system, no network; the patterns are read
// from the binary with embed.
package hyphen
