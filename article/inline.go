package article

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html"
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
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if err := z.Err(); err != io.EOF {
				return nil, fmt.Errorf("inline HTML: %w", err)
			}
			return b.runs(), f.unclosed()
		case html.TextToken:
			if !skip.active() {
				b.text(string(z.Text()), f.style(), f.link())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			selfClosing := tt == html.SelfClosingTagToken
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
		case html.EndTagToken:
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
func hrefOf(z *html.Tokenizer, a atom.Atom, hasAttr bool) string {
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
