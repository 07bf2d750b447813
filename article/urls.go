package article

import (
	"fmt"
	"net/url"
	"strings"
)

// scheme returns the URI scheme of s (lower-cased) or "" when s has none,
// following RFC 3986: a letter, then letters, digits, "+", "-" or ".",
// then a colon, before any "/", "?" or "#".
func scheme(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return strings.ToLower(s[:i])
		default:
			return ""
		}
	}
	return ""
}

// isWebURL reports whether s is an absolute http or https URL with a host.
func isWebURL(s string) bool {
	switch scheme(s) {
	case "http", "https":
	default:
		return false
	}
	u, err := url.Parse(s)
	return err == nil && u.Host != ""
}

// checkSrc reports what is wrong with an image source, or "" when it is
// acceptable here: an http(s) URL, a data: URI or a file path. Which of
// these a transport accepts is the transport's business.
func checkSrc(src string) string {
	if src == "" {
		return "required"
	}
	switch sc := scheme(src); sc {
	case "http", "https":
		if !isWebURL(src) {
			return "not a valid URL"
		}
	case "data":
		if !strings.Contains(src, ",") {
			return "not a valid data: URI"
		}
	case "":
		if strings.HasPrefix(src, "//") {
			return "protocol-relative URL; give the scheme (https:)"
		}
	default:
		if len(sc) == 1 && len(src) > 2 && (src[2] == '\\' || src[2] == '/') {
			return "" // a Windows drive path such as C:\photos\p.jpg
		}
		return fmt.Sprintf("unsupported scheme %q (use https, http, data or a path)", sc)
	}
	return ""
}

// linkHref returns href when it may become a link in print (http, https
// and mailto), otherwise "".
func linkHref(href string) string {
	href = strings.TrimSpace(href)
	switch scheme(href) {
	case "http", "https":
		if isWebURL(href) {
			return href
		}
	case "mailto":
		if len(href) > len("mailto:") {
			return href
		}
	}
	return ""
}
