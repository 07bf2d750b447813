package adapt

import (
	"fmt"
	"math"
	"net/url"
	"strings"
	"time"

	"golang.org/x/text/language"

	"printd/article"
)

// An adapter builds Article JSON v1 as the article package's Go type and
// only puts values there that the contract accepts (web URLs, BCP 47 tags,
// RFC 3339 times, image hints in range); anything else is dropped with a
// warning. The article package validates the result all the same.
type (
	doc   = article.Doc
	image = article.DocImage
	block = article.DocBlock
	item  = article.DocItem
)

// maxWarnings bounds the warnings of one conversion; the rest are counted.
const maxWarnings = 100

// notes collects one conversion's warnings, each prefixed with the format,
// each said once.
type notes struct {
	prefix string
	list   []string
	seen   map[string]bool
	more   int // warnings beyond maxWarnings
}

func (n *notes) add(format string, args ...any) {
	msg := n.prefix + fmt.Sprintf(format, args...)
	if n.seen[msg] {
		return
	}
	if n.seen == nil {
		n.seen = make(map[string]bool)
	}
	n.seen[msg] = true
	if len(n.list) == maxWarnings {
		n.more++
		return
	}
	n.list = append(n.list, msg)
}

// warnings returns the warnings, ending with a count of those left out.
func (n *notes) warnings() []string {
	if n.more > 0 {
		return append(n.list, fmt.Sprintf("%s%d more warnings not shown", n.prefix, n.more))
	}
	return n.list
}

// problems collects what makes a source document unusable; see invalid.
type problems []article.Problem

func (p *problems) add(path, format string, args ...any) {
	*p = append(*p, article.Problem{Path: path, Message: fmt.Sprintf(format, args...)})
}

// err returns the problems as a validation error, or nil when there are none.
func (p problems) err() error {
	if len(p) == 0 {
		return nil
	}
	return &article.ValidationError{Problems: p}
}

// webURL returns s as an absolute http(s) URL: "//host/…" gets https, a
// relative reference is resolved against base (when there is one). ok is
// false when that does not give a URL the article package accepts.
func webURL(s string, base *url.URL) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	if strings.HasPrefix(s, "//") {
		s = "https:" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", false
	}
	if !u.IsAbs() && base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", false
	}
	return u.String(), true
}

// baseURL parses an absolute web URL to resolve references against; nil
// when s is not one.
func baseURL(s string) *url.URL {
	s, ok := webURL(s, nil)
	if !ok {
		return nil
	}
	u, _ := url.Parse(s)
	return u
}

// langTag returns s as a canonical BCP 47 tag; ok is false when it is not one.
func langTag(s string) (string, bool) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "_", "-"))
	if s == "" {
		return "", false
	}
	tag, err := language.Parse(s)
	if err != nil {
		return "", false
	}
	return tag.String(), true
}

// dateLayouts are the date-time shapes CMSs send. A time without a zone is
// taken as UTC; a date alone as midnight UTC.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02",
}

// date returns s as an RFC 3339 time; ok is false when it is no date.
func date(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			if t.Year() < 1 || t.Year() > 9999 {
				return "", false
			}
			return t.Format(time.RFC3339), true
		}
	}
	return "", false
}

// pixels turns a width or height hint into a pixel count the article
// package accepts; 0 (unknown) when it is not a plausible one.
func pixels(v any) int {
	f, ok := number(v)
	if !ok || f < 1 || f > article.MaxImageSide || math.IsNaN(f) {
		return 0
	}
	return int(math.Round(f))
}

// focusFromPixels converts a focal point given in pixels into the 0..1
// fractions of the image; nil when the image size is unknown.
func focusFromPixels(x, y float64, width, height int) *article.Focus {
	if width <= 0 || height <= 0 || math.IsNaN(x) || math.IsNaN(y) {
		return nil
	}
	clamp := func(v float64) float64 { return math.Round(min(max(v, 0), 1)*10000) / 10000 }
	return &article.Focus{X: clamp(x / float64(width)), Y: clamp(y / float64(height))}
}
