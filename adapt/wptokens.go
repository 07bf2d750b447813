package adapt

import (
	"strings"

	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// token is one HTML token of the content, with, for a start tag, the index
// of its end tag. The content is rewritten token by token rather than
// through an HTML tree: building the tree can cost far more than the input
// (the parser re-opens every open formatting element in each new
// paragraph), and this input comes from outside.
type token struct {
	kind  nethtml.TokenType
	name  string // tag name
	atom  atom.Atom
	attr  []nethtml.Attribute
	text  string // text tokens: the text, entities decoded
	end   int    // start tags: index of the matching end tag; len(tokens) when unclosed
	start int    // end tags: index of the matching start tag; -1 when stray
}

// get returns an attribute's value, trimmed.
func (t *token) get(key string) string {
	for _, a := range t.attr {
		if a.Namespace == "" && a.Key == key {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

func (t *token) hasClass(match func(string) bool) bool {
	for _, c := range strings.Fields(t.get("class")) {
		if match(c) {
			return true
		}
	}
	return false
}

// opens reports whether t is a start tag that has content and an end tag.
func (t *token) opens() bool { return t.kind == nethtml.StartTagToken && !voidElements[t.atom] }

// tokenize splits HTML into tokens (comments and doctypes left out) and
// pairs each start tag with the next unpaired end tag of the same name.
func tokenize(s string) []token {
	z := nethtml.NewTokenizer(strings.NewReader(s))
	toks := make([]token, 0, 2*strings.Count(s, "<")+1)
	open := make(map[string][]int)
	for {
		tt := z.Next()
		switch tt {
		case nethtml.ErrorToken:
			for _, stack := range open {
				for _, i := range stack {
					toks[i].end = len(toks)
				}
			}
			return toks
		case nethtml.TextToken:
			toks = append(toks, token{kind: tt, text: string(z.Text())})
		case nethtml.StartTagToken, nethtml.SelfClosingTagToken, nethtml.EndTagToken:
			t := z.Token()
			tok := token{kind: tt, name: t.Data, atom: t.DataAtom, attr: t.Attr, start: -1}
			switch {
			case tok.opens():
				open[tok.name] = append(open[tok.name], len(toks))
			case tt == nethtml.EndTagToken:
				if stack := open[tok.name]; len(stack) > 0 {
					tok.start = stack[len(stack)-1]
					toks[tok.start].end = len(toks)
					open[tok.name] = stack[:len(stack)-1]
				}
			}
			toks = append(toks, tok)
		}
	}
}

var voidElements = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true,
	atom.Hr: true, atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true,
	atom.Source: true, atom.Track: true, atom.Wbr: true, atom.Param: true, atom.Keygen: true,
}

// droppedElements are printd's dropped elements whose content the
// tokenizer reads as raw text. They are passed on empty, so that printd
// still says it dropped them.
var droppedElements = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Template: true, atom.Noscript: true,
	atom.Textarea: true, atom.Title: true, atom.Xmp: true, atom.Noembed: true,
	atom.Noframes: true, atom.Plaintext: true,
}

// players are the elements that show content from elsewhere.
var players = map[atom.Atom]bool{
	atom.Iframe: true, atom.Video: true, atom.Audio: true, atom.Embed: true, atom.Object: true,
}

// formatTags are the inline elements printd's parser requires to be closed.
var formatTags = map[atom.Atom]bool{
	atom.B: true, atom.Strong: true, atom.I: true, atom.Em: true, atom.Code: true,
	atom.Sup: true, atom.Sub: true, atom.S: true, atom.U: true, atom.Small: true, atom.A: true,
}

// isEmbedRoot reports whether t starts embedded content: a WordPress
// embed, video or audio block, or a bare player element.
func (t *token) isEmbedRoot() bool {
	return t.kind != nethtml.EndTagToken && (players[t.atom] || t.hasClass(func(c string) bool {
		return strings.HasPrefix(c, "wp-block-embed") || c == "wp-block-video" || c == "wp-block-audio"
	}))
}

// isGalleryRoot reports whether t starts a block or classic gallery.
func (t *token) isGalleryRoot() bool {
	return t.opens() && t.hasClass(func(c string) bool {
		switch c {
		case "wp-block-gallery", "gallery", "blocks-gallery-grid", "tiled-gallery":
			return true
		}
		return false
	})
}

// isCaption reports whether t starts a caption: a figcaption or a classic
// caption element.
func (t *token) isCaption() bool {
	return t.opens() && (t.atom == atom.Figcaption || t.hasClass(func(c string) bool {
		return c == "wp-caption-text" || c == "gallery-caption"
	}))
}

// isItem reports whether t starts an element that holds one image of a
// group with its caption.
func (t *token) isItem() bool {
	return t.opens() && (t.atom == atom.Figure || t.atom == atom.Li || t.atom == atom.Dl)
}
