// Package describe writes values from the input the way messages quote
// them: short, whole characters, no payloads. It is a leaf every package
// may use.
package describe

import (
	"strings"
	"unicode/utf8"
)

// MaxSource is the most bytes of an address Source keeps.
const MaxSource = 200

// Source is an image or article source as messages name it: a data: URI by
// its media type alone ("data:image/jpeg;base64,…"), an address longer than
// MaxSource bytes cut at a character boundary and marked with "…". It never
// cuts a UTF-8 sequence in half.
func Source(src string) string {
	if strings.HasPrefix(src, "data:") {
		if i := strings.IndexByte(src, ','); i > 0 && i < 64 {
			return src[:i] + ",…"
		}
		return "data:…"
	}
	if len(src) <= MaxSource {
		return src
	}
	cut := MaxSource
	for cut > 0 && !utf8.RuneStart(src[cut]) {
		cut--
	}
	return src[:cut] + "…"
}
