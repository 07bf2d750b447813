// Package hyphen owns word hyphenation: it finds the places inside a word
// where a line may be broken, using Frank Liang's algorithm over the TeX
// hyph-utf8 patterns embedded in patterns/ (English US and GB, Russian,
// Ukrainian, German 1996, French, Spanish, Italian, Polish, Portuguese).
//
// A Hyphenator is obtained with For and a BCP 47 language tag. Its pattern
// trie is built once, on first use, and is read-only afterwards, so a
// Hyphenator may be shared by any number of goroutines.
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
