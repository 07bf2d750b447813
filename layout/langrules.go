package layout

import (
	"unicode/utf8"

	"printd/layout/locale"
)

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
