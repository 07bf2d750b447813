package article

import (
	"fmt"
	"sort"
	"strings"

	"golang.org/x/net/html/atom"
)

// tagClass says what an HTML element means to this package.
type tagClass uint8

const (
	tagUnwrap   tagClass = iota // any other element: its text is kept
	tagFormat                   // b strong i em a code sup sub s u small
	tagBreak                    // br
	tagDrop                     // dropped with its content
	tagVoidDrop                 // dropped, has no content
	tagBoundary                 // a block container: p, div, section, td, …
	tagHeading
	tagQuote
	tagCite // cite or footer: the attribution inside a blockquote
	tagList
	tagItem
	tagFigure
	tagCaption
	tagPre
	tagRule
	tagImage
	tagTable
)

func classify(a atom.Atom) tagClass {
	switch a {
	case atom.B, atom.Strong, atom.I, atom.Em, atom.A, atom.Code,
		atom.Sup, atom.Sub, atom.S, atom.U, atom.Small:
		return tagFormat
	case atom.Br:
		return tagBreak
	case atom.Script, atom.Style, atom.Iframe, atom.Noscript, atom.Noembed,
		atom.Noframes, atom.Xmp, atom.Textarea, atom.Title, atom.Plaintext,
		atom.Form, atom.Object, atom.Applet, atom.Video, atom.Audio,
		atom.Canvas, atom.Svg, atom.Math, atom.Template, atom.Select,
		atom.Button, atom.Frameset, atom.Dialog:
		return tagDrop
	case atom.Embed, atom.Input, atom.Frame:
		return tagVoidDrop
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Main, atom.Header,
		atom.Aside, atom.Nav, atom.Address, atom.Center, atom.Details,
		atom.Summary, atom.Dl, atom.Dt, atom.Dd, atom.Hgroup, atom.Fieldset,
		atom.Legend, atom.Body, atom.Html, atom.Tr, atom.Td, atom.Th,
		atom.Caption, atom.Thead, atom.Tbody, atom.Tfoot, atom.Menu:
		return tagBoundary
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return tagHeading
	case atom.Blockquote:
		return tagQuote
	case atom.Cite, atom.Footer:
		return tagCite
	case atom.Ul, atom.Ol:
		return tagList
	case atom.Li:
		return tagItem
	case atom.Figure:
		return tagFigure
	case atom.Figcaption:
		return tagCaption
	case atom.Pre, atom.Listing:
		return tagPre
	case atom.Hr:
		return tagRule
	case atom.Img:
		return tagImage
	case atom.Table:
		return tagTable
	}
	return tagUnwrap
}

// rawText reports whether the tokenizer reads the element's content as
// text up to its end tag, even when the start tag is written self-closing.
func rawText(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Iframe, atom.Noscript, atom.Noembed,
		atom.Noframes, atom.Xmp, atom.Textarea, atom.Title, atom.Plaintext:
		return true
	}
	return false
}

// formats lists the inline formatting elements, in the order used by
// formatState's counters.
var formats = [...]struct {
	atom  atom.Atom
	style Style
}{
	{atom.B, Bold}, {atom.Strong, Bold}, {atom.I, Italic}, {atom.Em, Italic},
	{atom.Code, Code}, {atom.Sup, Sup}, {atom.Sub, Sub}, {atom.S, Strike},
	{atom.U, Underline}, {atom.Small, Small}, {atom.A, 0},
}

const linkFormat = len(formats) - 1

// formatState tracks open formatting elements the way HTML's list of active
// formatting elements does: independent of block structure, closed only by
// their own end tags. Counters rather than a stack keep deep nesting cheap.
type formatState struct {
	open   [len(formats)]int
	opened [len(formats)]int // sequence number of the outermost open one
	seq    int
	href   string // of the open <a>, "" when not a followable link
}

func formatIndex(a atom.Atom) int {
	for i, f := range formats {
		if f.atom == a {
			return i
		}
	}
	return -1
}

// start opens a formatting element; href is the a element's href.
func (f *formatState) start(a atom.Atom, href string) {
	i := formatIndex(a)
	if i < 0 {
		return
	}
	if i == linkFormat {
		f.href = linkHref(href)
		if f.open[i] > 0 {
			return // a new <a> closes the one still open, as in HTML
		}
	}
	if f.open[i] == 0 {
		f.seq++
		f.opened[i] = f.seq
	}
	f.open[i]++
}

func (f *formatState) end(a atom.Atom) {
	i := formatIndex(a)
	if i < 0 || f.open[i] == 0 {
		return // a stray end tag
	}
	f.open[i]--
	if i == linkFormat {
		f.href = ""
	}
}

func (f *formatState) style() Style {
	var s Style
	for i, n := range f.open {
		if n > 0 {
			s |= formats[i].style
		}
	}
	return s
}

func (f *formatState) link() string {
	if f.open[linkFormat] > 0 {
		return f.href
	}
	return ""
}

// unclosed returns an error naming the formatting elements still open, in
// the order they were opened, or nil.
func (f *formatState) unclosed() error {
	var idx []int
	for i, n := range f.open {
		if n > 0 {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return nil
	}
	sort.Slice(idx, func(x, y int) bool { return f.opened[idx[x]] < f.opened[idx[y]] })
	names := make([]string, len(idx))
	for i, j := range idx {
		names[i] = "<" + formats[j].atom.String() + ">"
	}
	return fmt.Errorf("unclosed %s", strings.Join(names, ", "))
}

// skipper swallows a dropped element with everything inside it.
type skipper struct {
	name  string // the element being dropped; "" when not skipping
	depth int
}

func (s *skipper) active() bool { return s.depth > 0 }

func (s *skipper) begin(name string) { s.name, s.depth = name, 1 }

func (s *skipper) startTag(name string, selfClosing bool) {
	if name == s.name && !selfClosing {
		s.depth++
	}
}

func (s *skipper) endTag(name string) {
	if name == s.name {
		s.depth--
	}
}
