package service

import (
	"fmt"
	"strings"
)

// maxWarningsHeader caps the X-Printd-Warnings value in bytes.
const maxWarningsHeader = 2048

// warningsHeader joins warnings into one header-safe line: printable ASCII
// only (other characters as \uXXXX, control characters as spaces),
// separated by " | ", cut at maxWarningsHeader bytes with "...".
func warningsHeader(warnings []string) string {
	var b strings.Builder
	for i, w := range warnings {
		if i > 0 {
			b.WriteString(" | ")
		}
		for _, r := range strings.TrimSpace(w) {
			switch {
			case r == '|':
				b.WriteByte('/') // keep the separator unambiguous
			case r >= 0x20 && r < 0x7f:
				b.WriteRune(r)
			case r < 0x20 || r == 0x7f:
				b.WriteByte(' ')
			case r <= 0xffff:
				fmt.Fprintf(&b, `\u%04X`, r)
			default:
				fmt.Fprintf(&b, `\U%08X`, r)
			}
		}
		if b.Len() > maxWarningsHeader {
			break
		}
	}
	s := b.String()
	if len(s) > maxWarningsHeader {
		s = s[:maxWarningsHeader-3] + "..."
	}
	return s
}
