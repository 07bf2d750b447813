package batch

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxStem bounds a file name's stem in bytes, before any "-N" suffix and
// the ".pdf" extension.
const maxStem = 96

// safeStem makes a file name stem of s: letters, digits and underscores
// are kept (letters in lower case, so that names differing only in case
// cannot clash on case-insensitive file systems), every other run of
// characters becomes one dash, and dashes are trimmed from the ends. So no
// path separator, dot, control or space character survives. The result
// holds at most maxStem bytes and may be empty.
func safeStem(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) && b.Len() > 0 || r == '_') || r == utf8.RuneError {
			dash = true
			continue
		}
		n := utf8.RuneLen(r)
		if dash && b.Len() > 0 {
			n++
		}
		if b.Len()+n > maxStem {
			break
		}
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteRune(r)
	}
	return b.String()
}

// namer gives each record a distinct file name, deterministically in input
// order: the id's stem, else the headline's, else line-N; a name already
// given gets -2, -3… Not safe for concurrent use.
type namer struct {
	used map[string]bool
	next map[string]int // the next suffix to try for a stem
}

func newNamer() *namer {
	return &namer{used: map[string]bool{}, next: map[string]int{}}
}

// name returns the file name (with .pdf) for a record, and the name it
// would have had if it was taken already ("" otherwise).
func (n *namer) name(id, headline string, num int) (name, clash string) {
	stem := safeStem(id)
	if stem == "" {
		stem = safeStem(headline)
	}
	if stem == "" {
		stem = "line-" + strconv.Itoa(num)
	}
	got := stem
	if n.used[got] {
		clash = stem + ".pdf"
		k := max(n.next[stem], 2)
		for ; n.used[got]; k++ {
			got = stem + "-" + strconv.Itoa(k)
		}
		n.next[stem] = k
	}
	n.used[got] = true
	return got + ".pdf", clash
}
