package layout

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"printd/article"
	"printd/layout/langid"
	"printd/layout/locale"
)

// articleLang is the language an article is set in: its own lang, or,
// when it has none, the language its text is detected to be in (with a
// warning that says so), or def when the text does not tell.
func articleLang(a *article.Article, def string) (lang, warning string) {
	if a.Lang != "" {
		return a.Lang, ""
	}
	var b strings.Builder
	b.WriteString(a.Headline)
	b.WriteString("\n")
	b.WriteString(a.Subheadline)
	for _, bl := range a.Body {
		for _, r := range bl.Runs {
			if b.Len() > 12000 {
				break
			}
			b.WriteString(r.Text)
		}
		b.WriteString("\n")
	}
	d := langid.Detect(b.String())
	if d != "" && primary(d) == primary(def) {
		return def, "" // the text bears out the default
	}
	if d != "" {
		return d, fmt.Sprintf("lang: the article does not say its language; its text reads as %q, which sets its hyphenation, line breaking and dates (give \"lang\" to be sure)", d)
	}
	return def, fmt.Sprintf("lang: the article does not say its language and its text does not tell; set as %q", def)
}

// frenchSpaces returns spans with French narrow no-break spaces inserted
// (locale.FrenchSpacer) in a copy; spans are left as they are.
func frenchSpaces(spans []span) []span {
	out := make([]span, len(spans))
	copy(out, spans)
	var f locale.FrenchSpacer
	for i := range out {
		next := rune(0)
		for j := i + 1; j < len(out) && next == 0; j++ {
			next, _ = utf8.DecodeRuneInString(out[j].text)
		}
		out[i].text = f.Space(out[i].text, next)
	}
	return out
}

func primary(tag string) string {
	p, _, _ := strings.Cut(strings.ReplaceAll(strings.ToLower(tag), "_", "-"), "-")
	return p
}
