package adapt

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"strings"
	"time"

	"golang.org/x/text/language"

	"printd/article"
)

// doc is the Article JSON v1 an adapter produces. Adapters only put values
// here that the article package accepts (web URLs, BCP 47 tags, RFC 3339
// times, image hints in range); anything else is dropped with a warning.
type doc struct {
	ID          string   `json:"id,omitempty"`
	URL         string   `json:"url,omitempty"`
	Lang        string   `json:"lang,omitempty"`
	Section     string   `json:"section,omitempty"`
	Headline    string   `json:"headline"`
	Subheadline string   `json:"subheadline,omitempty"`
	Authors     []string `json:"authors,omitempty"`
	Published   string   `json:"published,omitempty"`
	Updated     string   `json:"updated,omitempty"`
	Photo       *image   `json:"photo,omitempty"`
	Body        any      `json:"body"` // an HTML string or []block
}

// image is the lead photo or the image part of an image block.
type image struct {
	Src     string `json:"src"`
	Width   int    `json:"width,omitempty"`
	Height  int    `json:"height,omitempty"`
	Caption string `json:"caption,omitempty"`
	Credit  string `json:"credit,omitempty"`
	Alt     string `json:"alt,omitempty"`
	Focus   *focus `json:"focus,omitempty"`
}

type focus struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// block is one body block; an image block carries its image's members.
type block struct {
	Type    string   `json:"type"`
	HTML    string   `json:"html,omitempty"`
	Level   int      `json:"level,omitempty"`
	Text    string   `json:"text,omitempty"`
	Cite    string   `json:"cite,omitempty"`
	Ordered bool     `json:"ordered,omitempty"`
	Items   []string `json:"items,omitempty"`
	*image
}

func (d *doc) marshal() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

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
func focusFromPixels(x, y float64, width, height int) *focus {
	if width <= 0 || height <= 0 || math.IsNaN(x) || math.IsNaN(y) {
		return nil
	}
	clamp := func(v float64) float64 { return math.Round(min(max(v, 0), 1)*10000) / 10000 }
	return &focus{X: clamp(x / float64(width)), Y: clamp(y / float64(height))}
}
