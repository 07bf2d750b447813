package article

import (
	"fmt"
	"html"
	"io"
	"strings"
	"unicode/utf8"

	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ParseInline converts inline HTML (the html of a paragraph, quote or list
// item) into runs. b strong i em a[href] br sup sub code s u small carry
// meaning; other elements are unwrapped to their text, scripts, styles and
// other embedded content are dropped, entities are decoded and whitespace
// is collapsed as a browser would. Links other than http(s) and mailto
// keep their text but lose the link. Block elements inside become line
// breaks between their texts.
//
// A formatting element left open is an error ("unclosed <a>"); the runs
// are still returned. A result with no runs means the HTML held no text.
func ParseInline(s string) ([]Run, error) {
	var (
		b    runBuilder
		f    formatState
		skip skipper
	)
	if !strings.ContainsAny(s, "<&") { // no markup: spare the tokenizer
		b.text(s, 0, "")
		return b.runs(), nil
	}
	z := nethtml.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		switch tt {
		case nethtml.ErrorToken:
			if err := z.Err(); err != io.EOF {
				return nil, fmt.Errorf("inline HTML: %w", err)
			}
			return b.runs(), f.unclosed()
		case nethtml.TextToken:
			if !skip.active() {
				b.text(string(z.Text()), f.style(), f.link())
			}
		case nethtml.StartTagToken, nethtml.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			selfClosing := tt == nethtml.SelfClosingTagToken
			if skip.active() {
				skip.startTag(string(name), selfClosing)
				continue
			}
			a := atom.Lookup(name)
			switch classify(a) {
			case tagFormat:
				if !selfClosing {
					f.start(a, hrefOf(z, a, hasAttr))
				}
			case tagBreak:
				b.lineBreak()
			case tagDrop:
				if !selfClosing || rawText(a) {
					skip.begin(string(name))
				}
			case tagBoundary, tagHeading, tagQuote, tagList, tagItem, tagFigure,
				tagCaption, tagPre, tagRule, tagTable:
				b.boundary()
			case tagCite:
				if a == atom.Footer {
					b.boundary()
				}
			}
		case nethtml.EndTagToken:
			name, _ := z.TagName()
			if skip.active() {
				skip.endTag(string(name))
				continue
			}
			a := atom.Lookup(name)
			switch classify(a) {
			case tagFormat:
				f.end(a)
			case tagBreak:
				b.lineBreak() // browsers read </br> as <br>
			case tagBoundary, tagHeading, tagQuote, tagList, tagItem, tagFigure,
				tagCaption, tagPre, tagTable:
				b.boundary()
			case tagCite:
				if a == atom.Footer {
					b.boundary()
				}
			}
		}
	}
}

// hrefOf returns the href attribute of an a element, or "".
func hrefOf(z *nethtml.Tokenizer, a atom.Atom, hasAttr bool) string {
	if a != atom.A {
		return ""
	}
	for hasAttr {
		var key, val []byte
		key, val, hasAttr = z.TagAttr()
		if string(key) == "href" {
			return string(val) // the first one counts, as in HTML
		}
	}
	return ""
}

// styleTags maps the inline styles onto the tags that express them,
// outermost first.
var styleTags = [...]struct {
	style Style
	tag   string
}{
	{Bold, "b"}, {Italic, "i"}, {Underline, "u"}, {Strike, "s"}, {Small, "small"},
	{Code, "code"}, {Sup, "sup"}, {Sub, "sub"},
}

// RunsHTML writes runs as inline HTML that ParseInline reads back into the
// same runs.
func RunsHTML(runs []Run) string {
	var b strings.Builder
	for _, r := range runs {
		if r.Break {
			b.WriteString("<br>")
			continue
		}
		if r.Link != "" {
			b.WriteString(`<a href="` + html.EscapeString(r.Link) + `">`)
		}
		for _, st := range styleTags {
			if r.Style.Has(st.style) {
				b.WriteString("<" + st.tag + ">")
			}
		}
		b.WriteString(html.EscapeString(r.Text))
		for i := len(styleTags) - 1; i >= 0; i-- {
			if r.Style.Has(styleTags[i].style) {
				b.WriteString("</" + styleTags[i].tag + ">")
			}
		}
		if r.Link != "" {
			b.WriteString("</a>")
		}
	}
	return b.String()
}

// runs checks inline content given as runs (by a program, not as HTML):
// the same size limits as a string member, links other than http(s) and
// mailto dropped, whitespace collapsed and control characters removed as
// ParseInline does.
func (c *checker) runs(in []Run, path string) []Run {
	var b runBuilder
	size := 0
	for _, r := range in {
		if r.Break {
			b.lineBreak()
			continue
		}
		if !utf8.ValidString(r.Text) {
			c.add(path, "invalid UTF-8")
			return nil
		}
		size += len(r.Text)
		c.runes += utf8.RuneCountInString(r.Text)
		b.text(r.Text, r.Style, linkHref(r.Link))
	}
	if size > c.lim.MaxFieldBytes {
		c.add(path, "longer than %d bytes", c.lim.MaxFieldBytes)
		return nil
	}
	if c.runes > c.lim.MaxRunes && !c.overRun {
		c.overRun = true
		c.add(path, "article text exceeds %d characters", c.lim.MaxRunes)
	}
	return b.runs()
}
