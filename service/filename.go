package service

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"printd/article"
)

// maxNameRunes bounds the file name before ".pdf".
const maxNameRunes = 80

// contentDisposition is the Content-Disposition of an article's PDF:
// inline, with an ASCII file name any client can use and, when the article
// has a non-ASCII name, the UTF-8 one as RFC 5987 filename*.
func contentDisposition(art *article.Article) string {
	base := art.ID
	if strings.TrimSpace(base) == "" {
		base = art.Headline
	}
	ascii := asciiName(base)
	if ascii == "" {
		ascii = "article"
	}
	v := `inline; filename="` + ascii + `.pdf"`
	if u := unicodeName(base); u != "" && u != ascii {
		v += "; filename*=UTF-8''" + encodeRFC5987(u+".pdf")
	}
	return v
}

// asciiName folds s to letters, digits, ".", "_" and "-": accents are
// removed, runs of anything else become one "-".
func asciiName(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // a combining accent of the letter before it
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '.'):
			b.WriteRune(r)
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
		if b.Len() >= maxNameRunes {
			break
		}
	}
	return strings.Trim(b.String(), "-.")
}

// unicodeName keeps letters, digits and marks of any script, turning runs
// of anything else into "-".
func unicodeName(s string) string {
	var b strings.Builder
	dash, n := false, 0
	for _, r := range norm.NFC.String(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_' || r == '.':
			b.WriteRune(r)
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
		if n++; n >= maxNameRunes {
			break
		}
	}
	return strings.Trim(b.String(), "-.")
}

// encodeRFC5987 percent-encodes everything but RFC 5987 attr-chars.
func encodeRFC5987(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
