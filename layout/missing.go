package layout

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// Characters no font has. Each is reported once per field (Document.Missing,
// which preflight lists with its place); the warnings gather them into one
// line per script, with what would set them, so that an article in a script
// the system has no font for gives one line and not one per character.

// MissingGap is the characters of one script that no font has.
type MissingGap struct {
	Script string   // Unicode script name ("Hangul", "Arabic"), "symbols" or "private use"
	Chars  []rune   // distinct, in the order met
	Where  []string // the fields, in the order met
	Fix    string   // what to install or configure
}

func (g MissingGap) String() string {
	shown := make([]string, 0, 5)
	for _, r := range g.Chars[:min(len(g.Chars), 5)] {
		shown = append(shown, fmt.Sprintf("%c U+%04X", r, r))
	}
	more := ""
	if len(g.Chars) > 5 {
		more = ", …"
	}
	where := strings.Join(g.Where[:min(len(g.Where), 3)], ", ")
	if len(g.Where) > 3 {
		where += fmt.Sprintf(" and %d more", len(g.Where)-3)
	}
	n := "1 character"
	if len(g.Chars) != 1 {
		n = fmt.Sprintf("%d different characters", len(g.Chars))
	}
	return fmt.Sprintf("no font has %s of %s (%s%s) in %s; left out: %s", n, g.Script, strings.Join(shown, ", "), more, where, g.Fix)
}

// MissingGaps gathers missing characters by script.
func MissingGaps(ms []MissingGlyph) []MissingGap {
	var gaps []MissingGap
	at := map[string]int{}
	for _, m := range ms {
		sc := scriptOf(m.Rune)
		i, ok := at[sc]
		if !ok {
			i = len(gaps)
			at[sc] = i
			gaps = append(gaps, MissingGap{Script: sc, Fix: fixFor(sc)})
		}
		g := &gaps[i]
		if !slices.Contains(g.Chars, m.Rune) {
			g.Chars = append(g.Chars, m.Rune)
		}
		if !slices.Contains(g.Where, m.Where) {
			g.Where = append(g.Where, m.Where)
		}
	}
	return gaps
}

// scriptOf names the script of r.
func scriptOf(r rune) string {
	switch {
	case unicode.Is(unicode.Co, r):
		return "private use"
	case unicode.In(r, unicode.Common, unicode.Inherited):
		return "symbols"
	}
	for name, t := range unicode.Scripts {
		if name != "Common" && name != "Inherited" && unicode.Is(t, r) {
			return name
		}
	}
	return "unassigned characters"
}

// fixFor says what sets a script: the Debian package with a font for it,
// or a font the publication adds.
func fixFor(script string) string {
	const add = "or add a font that has them with --fonts DIR (PRINTD_FONTS) or the profile's fonts.fallback"
	switch script {
	case "Han", "Hiragana", "Katakana", "Hangul", "Bopomofo":
		return "install Debian fonts-noto-cjk " + add
	case "symbols":
		return "install Debian fonts-noto-core (Noto Sans Symbols, Symbols 2, Math) or fonts-symbola (emoji in monochrome) " + add
	case "private use", "unassigned characters":
		return "no public font has them: add the publication's font with --fonts DIR (PRINTD_FONTS) or the profile's fonts.fallback, or replace them in the text"
	}
	return "install Debian fonts-noto-core (or fonts-noto-extra) " + add
}
