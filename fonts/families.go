package fonts

import (
	"sort"
	"strings"
)

// HasFamily reports whether a face of the family called name (matched
// without regard to case) is among the library's fonts, and whether one
// of them maps r (r < 0: not asked). It returns the family's own spelling.
func (l *Library) HasFamily(name string, r rune) (family string, found, has bool) {
	l.Scan()
	for _, e := range l.entries {
		if !strings.EqualFold(e.family, name) {
			continue
		}
		family, found = e.family, true
		if r >= 0 && e.has(r) {
			return family, true, true
		}
	}
	return family, found, false
}

// FamiliesWith lists the families, sorted, with a face that maps r.
func (l *Library) FamiliesWith(r rune) []string {
	l.Scan()
	seen := map[string]bool{}
	var out []string
	for _, e := range l.entries {
		if !seen[e.family] && e.has(r) {
			seen[e.family] = true
			out = append(out, e.family)
		}
	}
	sort.Strings(out)
	return out
}
