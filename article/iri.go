package article

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// DisplayURL is an address as a reader reads it on paper, its IRI form
// (RFC 3987): a host in punycode is shown in Unicode, and percent-encoded
// UTF-8 in the path, query and fragment is decoded — except what would
// change the address or could hide in it, which stays encoded: every ASCII
// character (%2F is not /), spaces, controls, and invisible and bidi
// formatting characters. A mailto: address shows without its scheme. An
// address that does not parse is returned as it is.
//
// https://ar.example/%D8%B4%D8%B9%D8%A7%D8%B1 → https://ar.example/شعار
func DisplayURL(raw string) string {
	if rest, ok := cutFold(raw, "mailto:"); ok {
		return decodeIRI(rest)
	}
	if !strings.Contains(raw, "%") && !strings.Contains(strings.ToLower(raw), "xn--") {
		return raw // nothing to decode
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	// the authority as written, up to the path, query or fragment
	i := strings.Index(raw, "//")
	if i < 0 {
		return raw
	}
	start := i + 2
	end := len(raw)
	if j := strings.IndexAny(raw[start:], "/?#"); j >= 0 {
		end = start + j
	}
	auth := raw[start:end]
	if h := u.Hostname(); h != "" && strings.Contains(strings.ToLower(h), "xn--") {
		if uh, err := idna.Display.ToUnicode(h); err == nil {
			auth = strings.Replace(auth, h, uh, 1)
		}
	}
	return raw[:start] + auth + decodeIRI(raw[end:])
}

func cutFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

// decodeIRI decodes the percent-encoded non-ASCII characters of s that
// may be shown (see DisplayURL), leaving every other escape as it is.
func decodeIRI(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] != '%' {
			b.WriteByte(s[i])
			i++
			continue
		}
		// a run of escapes: its bytes, and where each escape starts
		var raw []byte
		j := i
		for j+2 < len(s) && s[j] == '%' && isHex(s[j+1]) && isHex(s[j+2]) {
			raw = append(raw, unhex(s[j+1])<<4|unhex(s[j+2]))
			j += 3
		}
		if len(raw) == 0 {
			b.WriteByte(s[i])
			i++
			continue
		}
		for k := 0; k < len(raw); {
			r, n := utf8.DecodeRune(raw[k:])
			if r >= 0x80 && r != utf8.RuneError && shownInIRI(r) {
				b.WriteRune(r)
			} else {
				n = max(n, 1)
				b.WriteString(s[i+3*k : i+3*(k+n)])
			}
			k += n
		}
		i = j
	}
	return b.String()
}

// shownInIRI reports a character that an address may show decoded: a
// visible one, neither a space nor a formatting character.
func shownInIRI(r rune) bool {
	return unicode.IsGraphic(r) && !unicode.IsSpace(r) && !unicode.Is(unicode.Cf, r)
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}
