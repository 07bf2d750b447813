package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// TestExtractedText renders the Thai, Burmese and Arabic fixtures in every
// preset, and on three columns, and checks that pdftotext gives back each
// of the article's texts as the article has it. White space is
// normalised only where the text has some: where Thai and Burmese words
// follow one another without a space, nothing may come between them but
// the end of a line (a justified line spreads its slack there, and an
// extractor reads a gap as a space); a space of the text may be read as
// any white space. Right-to-left text is compared without its white space
// and vowel marks, and without the separators that poppler takes for
// parts of numbers (comma, colon, full stop), all of which it places by
// heuristics of its own (an Arabic comma across the space after it, a
// colon across the guillemet after it, a mark before its letter), but
// with every other character in order: guillemets, which the page shows
// mirrored, read as the text has them.
func TestExtractedText(t *testing.T) {
	for _, name := range []string{"th", "my", "ar"} {
		for _, args := range [][]string{{"--preset", "web"}, {"--preset", "archive"}, {"--preset", "proof"}, {"--preset", "web", "--columns", "3"}} {
			t.Run(name+"/"+strings.Join(args[1:], "-"), func(t *testing.T) {
				var font string
				for _, fx := range scriptFixtures {
					if fx.name == name {
						font = fx.font
					}
				}
				needFont(t, font)
				src := filepath.Join("..", "..", "testdata", "scripts", name+".json")
				pdf := renderFixture(t, filepath.Join("scripts", name+".json"), args...)
				texts := fixtureTexts(t, src)
				if name == "ar" {
					checkRTLText(t, extracted(t, pdf, false), texts)
					return
				}
				checkUnspacedText(t, extracted(t, pdf, true), texts)
			})
		}
	}
}

// checkUnspacedText checks that each text is in got, in order, with white
// space only where the text has some or at a line's end.
func checkUnspacedText(t *testing.T, got string, texts []string) {
	t.Helper()
	got = norm.NFC.String(got)
	pos := 0
	for _, w := range texts {
		re := unspacedPattern(norm.NFC.String(w))
		if re == nil {
			continue
		}
		loc := re.FindStringIndex(got[pos:])
		if loc == nil {
			t.Errorf("not in the PDF's text as the article has it: %q\n\tnear: %s", w, near(collapse(got), collapse(w)))
			continue
		}
		pos += loc[1]
	}
}

// unspacedPattern matches s as an extractor may read it: each run of
// white space as any white space, and between two other characters at
// most a line break.
func unspacedPattern(s string) *regexp.Regexp {
	var b strings.Builder
	space := false
	for _, r := range strings.TrimSpace(s) {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if b.Len() > 0 {
			if space {
				b.WriteString(`\s+`)
			} else {
				b.WriteString(`(?:[ \t]*\n)?`)
			}
		}
		space = false
		b.WriteString(regexp.QuoteMeta(string(r)))
	}
	if b.Len() == 0 {
		return nil
	}
	return regexp.MustCompile(b.String())
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// checkRTLText checks that each right-to-left text is in got, whole or in
// two pieces (a paragraph that goes on in another column), compared by
// rtlText.
func checkRTLText(t *testing.T, got string, texts []string) {
	t.Helper()
	g := rtlText(got)
	for _, w := range texts {
		f := rtlText(w)
		if f != "" && !strings.Contains(g, f) && !inTwo(g, f) {
			t.Errorf("not in the PDF's text as the article has it: %q\n\tnear: %s", w, near(g, f))
		}
	}
}

// rtlText is s without white space, vowel marks, separators and bidi
// controls.
func rtlText(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.Is(unicode.Mn, r) || strings.ContainsRune(".,:،", r) || r >= '\u200b' && r <= '\u200f' || r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069' {
			return -1
		}
		return r
	}, norm.NFKC.String(s))
}
