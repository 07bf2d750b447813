package adapt

import (
	"html"
	"io"
	"strings"

	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"printd/article"
)

// plain returns the text of an HTML fragment: tags removed, entities
// decoded, scripts and styles dropped, block edges and <br> read as spaces,
// whitespace folded into single spaces and trimmed.
func plain(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return article.CleanText(s)
	}
	var b strings.Builder
	z := nethtml.NewTokenizer(strings.NewReader(s))
	skip := atom.Atom(0)
	for {
		switch z.Next() {
		case nethtml.ErrorToken:
			return article.CleanText(b.String())
		case nethtml.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case nethtml.StartTagToken, nethtml.SelfClosingTagToken:
			name, _ := z.TagName()
			switch a := atom.Lookup(name); a {
			case atom.Script, atom.Style, atom.Template, atom.Noscript, atom.Iframe:
				if skip == 0 {
					skip = a
				}
			default:
				if !isInline(a) {
					b.WriteByte(' ')
				}
			}
		case nethtml.EndTagToken:
			name, _ := z.TagName()
			if a := atom.Lookup(name); a == skip {
				skip = 0
			} else if !isInline(a) {
				b.WriteByte(' ')
			}
		}
	}
}

// inlineTags are the elements that may stay inside a paragraph: the ones
// printd styles, and the ones it unwraps to their text.
var inlineTags = map[atom.Atom]bool{
	atom.A: true, atom.B: true, atom.Strong: true, atom.I: true, atom.Em: true,
	atom.Code: true, atom.Sup: true, atom.Sub: true, atom.S: true, atom.U: true,
	atom.Small: true, atom.Br: true, atom.Span: true, atom.Abbr: true,
	atom.Mark: true, atom.Q: true, atom.Cite: true, atom.Time: true,
	atom.Del: true, atom.Ins: true, atom.Kbd: true, atom.Var: true,
	atom.Dfn: true, atom.Bdi: true, atom.Bdo: true, atom.Wbr: true,
	atom.Data: true, atom.Samp: true, atom.Font: true, atom.Strike: true,
	atom.Big: true, atom.Tt: true,
}

func isInline(a atom.Atom) bool { return inlineTags[a] && a != atom.Br }

// inlineOnly reports whether s is text with inline markup only (no block,
// media or scripted elements) and holds some text.
func inlineOnly(s string) bool {
	z := nethtml.NewTokenizer(strings.NewReader(s))
	hasText := false
	for {
		switch z.Next() {
		case nethtml.ErrorToken:
			return z.Err() == io.EOF && hasText
		case nethtml.TextToken:
			if strings.TrimSpace(string(z.Text())) != "" {
				hasText = true
			}
		case nethtml.StartTagToken, nethtml.SelfClosingTagToken, nethtml.EndTagToken:
			name, _ := z.TagName()
			if !inlineTags[atom.Lookup(name)] {
				return false
			}
		}
	}
}

// link writes a paragraph's worth of inline HTML linking to u, with an
// optional label before it.
func link(label, u string) string {
	a := `<a href="` + html.EscapeString(u) + `">` + html.EscapeString(u) + `</a>`
	if label == "" {
		return a
	}
	return html.EscapeString(label) + ": " + a
}
